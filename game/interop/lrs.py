"""Talking to a Learning Record Store: where it is, how to authenticate, one HTTP client.

Credentials come from the `SAFETYNET_LRS_AUTH` environment variable or the `auth` entry of
`lrs.json` in the user config folder, never from the command line (it would sit in the
shell history and the process list). They are kept out of every repr, message and log: the
only place they go is the Authorization header.

Uses the standard library's http.client with one kept-alive connection, so the game needs
no HTTP dependency and sending costs one round trip per batch.
"""

from __future__ import annotations

import base64
import http.client
import json
import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlencode, urljoin, urlsplit

from game.interop.vocab import XAPI_VERSION
from game.paths import lrs_config_path

AUTH_ENV = "SAFETYNET_LRS_AUTH"


class LrsError(Exception):
    """A configuration mistake (bad URL, unreadable lrs.json); one line for the user."""


def config_path() -> Path:
    return lrs_config_path()


def load_config(path: Path | None = None) -> dict[str, Any]:
    """lrs.json: {"endpoint", "auth", "account_home", "include_note_text", "live"}."""
    path = path or config_path()
    if not path.exists():
        return {}
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise LrsError(f"{path}: not readable as JSON ({type(exc).__name__})") from None
    if not isinstance(data, dict):
        raise LrsError(f"{path}: must be a JSON object")
    return data


@dataclass(frozen=True)
class LrsEndpoint:
    url: str
    """The xAPI base, ending in '/': statements are at `<url>statements`."""
    authorization: str | None = field(default=None, repr=False)


def authorization(secret: str) -> str:
    secret = secret.strip()
    if secret.startswith(("Basic ", "Bearer ")):
        return secret
    if ":" in secret:
        return "Basic " + base64.b64encode(secret.encode()).decode()
    raise LrsError(f"{AUTH_ENV} (or lrs.json 'auth') must be USER:PASSWORD, 'Basic …' or "
                   "'Bearer …'")


def resolve_endpoint(url: str | None, env: Mapping[str, str] | None = None,
                     config: Mapping[str, Any] | None = None) -> LrsEndpoint:
    env = os.environ if env is None else env
    config = load_config() if config is None else config
    url = url or config.get("endpoint")
    if not url:
        raise LrsError("no LRS: give --lrs URL or set 'endpoint' in " + str(config_path()))
    parts = urlsplit(str(url))
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise LrsError(f"--lrs must be an http(s) URL of the xAPI endpoint, e.g. "
                       f"https://lrs.example.org/xAPI/ (got {parts.scheme or 'no'} scheme)")
    if parts.username or parts.password:
        raise LrsError(f"do not put credentials in the LRS URL; set {AUTH_ENV} instead")
    secret = env.get(AUTH_ENV) or config.get("auth")
    base = str(url) if str(url).endswith("/") else str(url) + "/"
    return LrsEndpoint(base, authorization(str(secret)) if secret else None)


@dataclass(frozen=True)
class Answer:
    status: int
    """HTTP status; 0 when the LRS could not be reached."""
    message: str
    body: Any = None


class LrsClient:
    def __init__(self, endpoint: LrsEndpoint, timeout: float = 10.0):
        self.endpoint = endpoint
        self.timeout = timeout
        self._parts = urlsplit(endpoint.url)
        self._conn: http.client.HTTPConnection | None = None

    def _connection(self) -> http.client.HTTPConnection:
        if self._conn is None:
            kind = http.client.HTTPSConnection if self._parts.scheme == "https" \
                else http.client.HTTPConnection
            self._conn = kind(self._parts.hostname or "", self._parts.port,
                              timeout=self.timeout)
        return self._conn

    def close(self) -> None:
        if self._conn is not None:
            self._conn.close()
            self._conn = None

    def request(self, method: str, path: str, body: Any = None) -> Answer:
        headers = {"X-Experience-API-Version": XAPI_VERSION, "Accept": "application/json"}
        if self.endpoint.authorization:
            headers["Authorization"] = self.endpoint.authorization
        data = None
        if body is not None:
            data = json.dumps(body, separators=(",", ":"), ensure_ascii=False).encode()
            headers["Content-Type"] = "application/json"
        reused = self._conn is not None
        try:
            status, raw = self._exchange(method, path, data, headers)
        except (OSError, http.client.HTTPException) as exc:
            self.close()
            if not reused:
                return Answer(0, f"cannot reach the LRS at {self._where()}: "
                                 f"{type(exc).__name__}: {exc}")
            # Servers close idle kept-alive connections (uvicorn after 5 s): try once more
            # on a new one. Safe for POST too: statement ids make a repeat harmless.
            return self.request(method, path, body)
        return Answer(status, _message(status, raw), _body(raw))

    def _exchange(self, method: str, path: str, data: bytes | None,
                  headers: dict[str, str]) -> tuple[int, bytes]:
        conn = self._connection()
        conn.request(method, path, body=data, headers=headers)
        response = conn.getresponse()
        return response.status, response.read()

    def _where(self) -> str:
        return f"{self._parts.scheme}://{self._parts.netloc}{self._parts.path}"

    def post(self, statements: list[dict]) -> Answer:
        return self.request("POST", self._parts.path + "statements", statements)

    def statements(self, **query: str) -> list[dict]:
        """Every statement matching the query (e.g. registration=...), following `more`."""
        path = f"{self._parts.path}statements?{urlencode(query)}"
        found: list[dict] = []
        while path:
            answer = self.request("GET", path)
            if answer.status != 200 or not isinstance(answer.body, dict):
                raise LrsError(f"reading statements failed: {answer.message}")
            found.extend(answer.body.get("statements", []))
            more = answer.body.get("more") or ""
            path = urlsplit(urljoin(self.endpoint.url, more)).path + (
                "?" + urlsplit(more).query if urlsplit(more).query else "") if more else ""
        return found


def _body(raw: bytes) -> Any:
    try:
        return json.loads(raw) if raw else None
    except ValueError:
        return None


def _message(status: int, raw: bytes) -> str:
    """The LRS's own words about a refusal, shortened to one line."""
    body = _body(raw)
    text = ""
    if isinstance(body, dict):
        text = str(body.get("detail") or body.get("message") or body.get("error") or "")
    if not text:
        text = raw.decode("utf-8", "replace")
    text = " ".join(text.split())
    return f"HTTP {status}: {text[:500]}" if text else f"HTTP {status}"
