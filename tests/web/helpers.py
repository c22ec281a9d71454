"""A phone without a browser: JSON requests to the room server over the loopback address."""

from __future__ import annotations

import json
import urllib.error
import urllib.request
from typing import Any

from game.app.room import BallotOption

OPTIONS = (BallotOption("watch", "Let her go on", "watch"),
           BallotOption("probe", "Ask about the angle", "probe"),
           BallotOption("takeover", "Take the needle", "takeover"))


def request(url: str, method: str = "GET", body: Any = None, key: str | None = None,
            raw: bytes | None = None) -> tuple[int, dict[str, Any], dict[str, str]]:
    data = raw if raw is not None else (json.dumps(body).encode() if body is not None else None)
    req = urllib.request.Request(url, data=data, method=method,
                                 headers={"Content-Type": "application/json"})
    if key:
        req.add_header("X-Room-Key", key)
    try:
        with urllib.request.urlopen(req, timeout=5) as answer:
            return answer.status, json.loads(answer.read() or b"{}"), dict(answer.headers)
    except urllib.error.HTTPError as err:
        return err.code, json.loads(err.read() or b"{}"), dict(err.headers)


class Phone:
    def __init__(self, base: str, code: str):
        self.base = base.rstrip("/")
        self.code = code
        self.key: str | None = None

    def join(self) -> dict[str, Any]:
        status, data, _ = request(self.base + "/api/join", "POST",
                                  {"code": self.code, "key": self.key})
        assert status == 200, data
        self.key = data["key"]
        return data

    def vote(self, decision: str, option: str) -> tuple[int, dict[str, Any]]:
        status, data, _ = request(self.base + "/api/vote", "POST",
                                  {"decision": decision, "option": option}, key=self.key)
        return status, data

    def state(self) -> dict[str, Any]:
        status, data, _ = request(self.base + "/api/state", key=self.key)
        assert status == 200, data
        return data
