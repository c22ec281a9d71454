"""The phones' HTTP side: pages, the JSON API and the event stream, in front of a backend.

This is the aiohttp application (an established asyncio HTTP server) every phone talks to.
It does the web work: parsing and validating requests, security headers, rate limits,
static files and the server-sent event streams. What the room decides (joining, votes, what
a seat may see) it asks of a `Backend`: in the game that is `PipeBackend` (game.web.child),
which asks the projector's process over a pipe, because the phone server runs in a process
of its own; the in-thread `LocalBackend` (game.web.room_ops) calls the room directly.

Security (issue 14, item 6): one room; joining needs its code; request bodies are capped at
2 KiB and every field is checked for type, length and characters; each phone and joining as
a whole are rate-limited; no name, address or other personal data is asked for or kept (no
access log); the server stops with the workshop.
"""

from __future__ import annotations

import asyncio
import json
import re
from importlib import resources
from typing import Any, Protocol

from aiohttp import web

from game.app.room_parts import RoomError
from game.web.limits import RateLimiter
from game.web.sse import Broadcast, stream_changes
from game.web.words import language_of, render_page, translator

MAX_BODY = 2048
ID_RE = re.compile(r"[A-Za-z0-9_.:-]{1,64}")
KEY_RE = re.compile(r"[A-Za-z0-9_-]{16,64}")
CODE_RE = re.compile(r"[A-Za-z0-9 ]{1,12}")
STATIC = {"app.js": "text/javascript", "app.css": "text/css"}
HEADERS = {
    "Content-Security-Policy": "default-src 'self'; script-src 'self'; style-src 'self'; "
                               "img-src 'self' data:; connect-src 'self'; base-uri 'none'; "
                               "form-action 'self'; frame-ancestors 'none'",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "Cache-Control": "no-store",
}
EXPIRE_EVERY_S = 0.25
"""How often a running countdown is checked, so a vote closes on time with nobody asking."""


class Backend(Protocol):
    """The room as the phone server may use it; each call raises `RoomError` to refuse."""

    @property
    def phase_version(self) -> int:
        """The room's phase version as last heard (sent to the event streams)."""

    async def join(self, code: str, key: str | None, nickname: str | None) -> dict[str, Any]:
        """{"key", "token", "state"} of the (re)joined phone."""

    async def state(self, key: str) -> dict[str, Any]: ...

    async def vote(self, key: str, decision: str, option: str) -> dict[str, Any]: ...

    async def info(self) -> dict[str, Any]: ...

    async def seat(self, key: str) -> None:
        """Refuses a key that has not joined."""

    async def expire(self) -> None: ...


class ServerError(RuntimeError):
    """The server could not start; the message is one line for the facilitator."""


def _fail(message: str, status: int = 400) -> web.Response:
    return web.json_response({"error": message}, status=status)


def _text(body: dict[str, Any], name: str, pattern: re.Pattern[str] | None,
          required: bool = True, limit: int = 64) -> str | None:
    value = body.get(name)
    if value is None and not required:
        return None
    if not isinstance(value, str) or len(value) > limit or \
            (pattern is not None and not pattern.fullmatch(value)):
        raise RoomError(f"Invalid {name}.")
    return value


class PhoneApp:
    """One room's web front; `listen` and `stop` run on the event loop that serves it."""

    def __init__(self, backend: Backend, max_streams: int, limits: dict[str, float],
                 language: str = "en"):
        self.backend = backend
        self.max_streams = max_streams
        self.phone_limit = RateLimiter(limits["phone_burst"], limits["phone_rate"])
        self.join_limit = RateLimiter(limits["join_burst"], limits["join_rate"])
        static = resources.files("game.web") / "static"
        self._template = (static / "index.html").read_text(encoding="utf-8")
        self._static = {n: (static / n).read_bytes() for n in STATIC}
        self._pages: dict[str, bytes] = {}
        """The page per language, filled once (see game.web.words)."""
        self.language = language_of(language)
        """The workshop's language: the page is served in it (the projector may change it)."""
        self.broadcast: Broadcast | None = None
        self._runner: web.AppRunner | None = None
        self._ticker: asyncio.Task | None = None

    async def listen(self, host: str, port: int) -> int:
        """Listen on `host` (trying the next 20 ports if `port` is taken); returns the port.
        Raises ServerError with the reason."""
        self.broadcast = Broadcast(asyncio.get_running_loop())
        runner = self._runner = web.AppRunner(self._app(), access_log=None,
                                              shutdown_timeout=1.0)
        await runner.setup()
        last: OSError | None = None
        for candidate in [0] if port == 0 else range(port, port + 21):
            try:
                await web.TCPSite(runner, host, candidate).start()
            except OSError as exc:
                last = exc
                continue
            self._ticker = asyncio.get_running_loop().create_task(self._expire_countdowns())
            return int(runner.addresses[0][1])
        await runner.cleanup()
        reason = (last.strerror or str(last)) if last else "no free port"
        raise ServerError(f"cannot listen on {host}:{port}: {reason}")

    async def stop(self) -> None:
        """The streams say goodbye (phones then show that the workshop is over); stop."""
        if self.broadcast is not None:
            self.broadcast.close()
        if self._ticker is not None:
            self._ticker.cancel()
        await asyncio.sleep(0.05)  # let the streams write their goodbye
        if self._runner is not None:
            await self._runner.cleanup()

    async def _expire_countdowns(self) -> None:
        while True:
            await self.backend.expire()
            await asyncio.sleep(EXPIRE_EVERY_S)

    # --- the app ---------------------------------------------------------------------------
    def _app(self) -> web.Application:
        app = web.Application(client_max_size=MAX_BODY, middlewares=[self._guard])
        app.router.add_get("/", self._index)
        app.router.add_get("/static/{name}", self._asset)
        app.router.add_get("/api/info", self._info)
        app.router.add_post("/api/join", self._join)
        app.router.add_get("/api/state", self._state)
        app.router.add_post("/api/vote", self._vote)
        app.router.add_get("/api/events", self._events)
        return app

    @web.middleware
    async def _guard(self, request: web.Request, handler: Any) -> web.StreamResponse:
        """Security headers on every answer; a refused request is one line of JSON."""
        try:
            response = await handler(request)
        except RoomError as exc:
            response = _fail(translator(self.language)(str(exc)), exc.status)
        except web.HTTPRequestEntityTooLarge:
            response = _fail(translator(self.language)("Request too large."), 413)
        except web.HTTPException as exc:
            response = _fail(exc.reason, exc.status)
        if not response.prepared:
            response.headers.update(HEADERS)
        return response

    async def _body(self, request: web.Request) -> dict[str, Any]:
        if request.content_length is not None and request.content_length > MAX_BODY:
            raise RoomError("Request too large.", 413)
        try:
            body = json.loads(await request.read())
        except (ValueError, UnicodeDecodeError):
            raise RoomError("The request is not JSON.") from None
        if not isinstance(body, dict):
            raise RoomError("The request is not a JSON object.")
        return body

    def _key(self, key: str | None) -> str:
        if key is None or not KEY_RE.fullmatch(key):
            raise RoomError("This phone has not joined the room yet.", 401)
        if not self.phone_limit.allow(key):
            raise RoomError("Too many requests: wait a moment.", 429)
        return key

    def page(self, language: str) -> bytes:
        """index.html in `language` (made once per language)."""
        language = language_of(language)
        if language not in self._pages:
            self._pages[language] = render_page(self._template,
                                                self._static["app.js"].decode(), language)
        return self._pages[language]

    async def _index(self, request: web.Request) -> web.Response:
        return web.Response(body=self.page(self.language), content_type="text/html",
                            charset="utf-8")

    async def _asset(self, request: web.Request) -> web.Response:
        name = request.match_info["name"]
        if name not in STATIC:
            raise RoomError("Not found.", 404)
        return web.Response(body=self._static[name], content_type=STATIC[name],
                            charset="utf-8")

    async def _info(self, request: web.Request) -> web.Response:
        return web.json_response(await self.backend.info())

    async def _join(self, request: web.Request) -> web.Response:
        if not self.join_limit.allow("join"):
            raise RoomError("Too many phones are joining at once: try again.", 429)
        body = await self._body(request)
        code = _text(body, "code", CODE_RE)
        key = _text(body, "key", KEY_RE, required=False)
        nickname = _text(body, "nickname", None, required=False, limit=100)
        return web.json_response(await self.backend.join(code or "", key, nickname))

    async def _state(self, request: web.Request) -> web.Response:
        key = self._key(request.headers.get("X-Room-Key"))
        return web.json_response(await self.backend.state(key))

    async def _vote(self, request: web.Request) -> web.Response:
        key = self._key(request.headers.get("X-Room-Key"))
        body = await self._body(request)
        decision = _text(body, "decision", ID_RE) or ""
        option = _text(body, "option", ID_RE) or ""
        return web.json_response(await self.backend.vote(key, decision, option))

    async def _events(self, request: web.Request) -> web.StreamResponse:
        await self.backend.seat(self._key(request.query.get("k")))
        assert self.broadcast is not None
        return await stream_changes(request, self.broadcast, self.backend, self.max_streams,
                                    HEADERS)
