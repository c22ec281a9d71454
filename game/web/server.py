"""The workshop's phone server: one room, served on the address the facilitator chooses.

aiohttp (an established asyncio HTTP server) runs on its own event loop in a background
thread, so the pygame projector keeps its frame rate and the server keeps answering while a
frame draws. The two threads still share Python's GIL: profiling the projector under 200
phones (py-spy --native) showed its slow frames waiting for the GIL while the server thread
held it, for up to the interpreter's 5 ms switch interval at every hand-over. While the
server runs the switch interval is therefore 0.5 ms (`SWITCH_S`), so a frame waits at most
that long per hand-over; bench/bench_workshop_load.py prints the frame and latency p99 both
ways. Phones get their page and script from here (nothing from the internet), join
with the room code, vote, and hear about changes through server-sent events (one plain HTTP
response that stays open: no extra protocol, works through the simplest Wi-Fi), falling back
to polling when a phone's browser cannot keep it open.

Security (issue 14, item 6): one room; joining needs its code; request bodies are capped at
2 KiB and every field is checked for type, length and characters; each phone and joining as
a whole are rate-limited; no name, address or other personal data is asked for or kept (no
access log); the server stops with the workshop.
"""

from __future__ import annotations

import asyncio
import json
import re
import sys
import threading
from importlib import resources
from typing import Any

from aiohttp import web

from game.app.room import Room, RoomError, Seat
from game.web.address import DEFAULT_PORT, join_url, lan_address, qr_url
from game.web.limits import RateLimiter
from game.web.sse import Broadcast, stream_changes
from game.web.views import phone_state

MAX_BODY = 2048
SWITCH_S = 0.0005
"""The interpreter's thread switch interval while the server runs (Python's default: 5 ms)."""
ID_RE = re.compile(r"[A-Za-z0-9_.:-]{1,64}")
KEY_RE = re.compile(r"[A-Za-z0-9_-]{16,64}")
STATIC = {"app.js": "text/javascript", "app.css": "text/css"}
HEADERS = {
    "Content-Security-Policy": "default-src 'self'; script-src 'self'; style-src 'self'; "
                               "img-src 'self' data:; connect-src 'self'; base-uri 'none'; "
                               "form-action 'self'; frame-ancestors 'none'",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "Cache-Control": "no-store",
}


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


class RoomServer:
    def __init__(self, room: Room, host: str | None = None, port: int = DEFAULT_PORT,
                 phone_burst: float = 20, phone_rate: float = 5.0,
                 join_burst: float = 120, join_rate: float = 20.0,
                 switch_s: float | None = SWITCH_S):
        """`switch_s`: the thread switch interval while serving (None leaves Python's; the
        load benchmark's baseline)."""
        self.room = room
        self.switch_s = switch_s
        self._switch_before: float | None = None
        self.host = host or lan_address()
        self.port = port
        self.phone_limit = RateLimiter(phone_burst, phone_rate)
        self.join_limit = RateLimiter(join_burst, join_rate)
        self._page = (resources.files("game.web") / "static" / "index.html").read_bytes()
        self._static = {n: (resources.files("game.web") / "static" / n).read_bytes()
                        for n in STATIC}
        self._loop: asyncio.AbstractEventLoop | None = None
        self._thread: threading.Thread | None = None
        self._ready = threading.Event()
        self._error: str | None = None
        self._stop: asyncio.Event | None = None
        self._ticker: asyncio.Task | None = None
        self.broadcast: Broadcast | None = None

    # --- addresses -------------------------------------------------------------------------
    @property
    def url(self) -> str:
        return join_url(self.host, self.port)

    @property
    def qr_url(self) -> str:
        return qr_url(self.host, self.port, self.room.code)

    # --- lifecycle -------------------------------------------------------------------------
    def start(self, timeout: float = 10.0) -> str:
        """Listen (trying the next 20 ports if the chosen one is taken); returns the URL."""
        if self.switch_s is not None and self._switch_before is None:
            self._switch_before = sys.getswitchinterval()
            sys.setswitchinterval(min(self._switch_before, self.switch_s))
        self._thread = threading.Thread(target=self._run, name="room-server", daemon=True)
        self._thread.start()
        if not self._ready.wait(timeout):
            raise ServerError(f"the phone server did not start within {timeout:g} s")
        if self._error is not None:
            self._thread.join(timeout)
            self._restore_switch()
            raise ServerError(self._error)
        return self.url

    def _restore_switch(self) -> None:
        if self._switch_before is not None:
            sys.setswitchinterval(self._switch_before)
            self._switch_before = None

    def stop(self, timeout: float = 5.0) -> None:
        """Stop serving (phones keep the page they have and say the workshop is over)."""
        loop, thread = self._loop, self._thread
        if loop is None or thread is None or not thread.is_alive():
            self._restore_switch()
            return
        loop.call_soon_threadsafe(self._begin_stop)
        thread.join(timeout)
        self._restore_switch()

    @property
    def running(self) -> bool:
        return self._thread is not None and self._thread.is_alive() and self._error is None

    def _run(self) -> None:
        loop = self._loop = asyncio.new_event_loop()
        asyncio.set_event_loop(loop)
        runner = web.AppRunner(self._app(), access_log=None, shutdown_timeout=1.0)
        try:
            loop.run_until_complete(self._listen(runner))
        except (OSError, ServerError) as exc:
            self._error = f"cannot listen on {self.host}:{self.port}: {exc}"
            loop.run_until_complete(runner.cleanup())
            loop.close()
            self._ready.set()
            return
        self._ready.set()
        try:
            loop.run_forever()
        finally:
            loop.run_until_complete(runner.cleanup())
            loop.close()

    async def _listen(self, runner: web.AppRunner) -> None:
        self._stop = asyncio.Event()
        self.broadcast = Broadcast(asyncio.get_running_loop())
        self.room.on_change(self.broadcast.changed)
        await runner.setup()
        ports = [0] if self.port == 0 else range(self.port, self.port + 21)
        last: OSError | None = None
        for port in ports:
            try:
                await web.TCPSite(runner, self.host, port).start()
            except OSError as exc:
                last = exc
                continue
            self.port = int(runner.addresses[0][1])
            self._ticker = asyncio.get_running_loop().create_task(self._expire_countdowns())
            return
        raise ServerError(str(last.strerror if last else "no free port"))

    def _begin_stop(self) -> None:
        if self._stop is not None:
            self._stop.set()
        if self.broadcast is not None:
            self.broadcast.close()
        if self._ticker is not None:
            self._ticker.cancel()
        assert self._loop is not None
        self._loop.call_later(0.05, self._loop.stop)

    async def _expire_countdowns(self) -> None:
        """Close a vote whose countdown ran out even if nobody asks (4 checks a second)."""
        assert self._stop is not None
        while not self._stop.is_set():
            self.room.expire()
            await asyncio.sleep(0.25)

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
            response = _fail(str(exc), exc.status)
        except web.HTTPRequestEntityTooLarge:
            response = _fail("Request too large.", 413)
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

    def _seat(self, request: web.Request, key: str | None) -> Seat:
        if key is None or not KEY_RE.fullmatch(key):
            raise RoomError("This phone has not joined the room yet.", 401)
        if not self.phone_limit.allow(key):
            raise RoomError("Too many requests: wait a moment.", 429)
        return self.room.seat(key)

    async def _index(self, request: web.Request) -> web.Response:
        return web.Response(body=self._page, content_type="text/html", charset="utf-8")

    async def _asset(self, request: web.Request) -> web.Response:
        name = request.match_info["name"]
        if name not in STATIC:
            raise RoomError("Not found.", 404)
        return web.Response(body=self._static[name], content_type=STATIC[name],
                            charset="utf-8")

    async def _info(self, request: web.Request) -> web.Response:
        return web.json_response({"nicknames": self.room.nicknames_allowed})

    async def _join(self, request: web.Request) -> web.Response:
        if not self.join_limit.allow("join"):
            raise RoomError("Too many phones are joining at once: try again.", 429)
        body = await self._body(request)
        code = _text(body, "code", re.compile(r"[A-Za-z0-9 ]{1,12}"))
        key = _text(body, "key", KEY_RE, required=False)
        nickname = _text(body, "nickname", None, required=False, limit=100)
        seat = self.room.join(code or "", key, nickname)
        return web.json_response({"key": seat.key, "token": seat.token,
                                  "state": phone_state(self.room, seat)})

    async def _state(self, request: web.Request) -> web.Response:
        seat = self._seat(request, request.headers.get("X-Room-Key"))
        return web.json_response(phone_state(self.room, seat))

    async def _vote(self, request: web.Request) -> web.Response:
        seat = self._seat(request, request.headers.get("X-Room-Key"))
        body = await self._body(request)
        decision = _text(body, "decision", ID_RE) or ""
        option = _text(body, "option", ID_RE) or ""
        self.room.vote(seat.key, decision, option)
        return web.json_response(phone_state(self.room, seat))

    async def _events(self, request: web.Request) -> web.StreamResponse:
        self._seat(request, request.query.get("k"))
        assert self.broadcast is not None
        return await stream_changes(request, self.broadcast, self.room, HEADERS)
