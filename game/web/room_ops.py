"""What the phone server may ask of the room, answered where the room lives.

The `Room` is owned by the projector's process (it feeds the workshop and the replay log),
so the phone server's process asks for each phone's request by name: `RoomOps.answer` runs
one request against the room and returns the JSON-ready answer, or raises `RoomError`. The
same calls back `LocalBackend`, the phone server run in a thread of the projector's process
(the load benchmark's baseline).
"""

from __future__ import annotations

from typing import Any

from game.app.room import Room, RoomError
from game.i18n import Translator
from game.web.views import phone_state
from game.web.words import language_of

OPS = ("join", "state", "vote", "info", "seat", "expire")


class RoomOps:
    def __init__(self, room: Room, language: str = "en"):
        self.room = room
        self.t = Translator(language_of(language))
        """The workshop's language: the phones' sentences (reveal, summary) are in it."""

    @property
    def language(self) -> str:
        return self.t.language

    @language.setter
    def language(self, language: str) -> None:
        if language_of(language) != self.t.language:
            self.t = Translator(language_of(language))

    def answer(self, op: str, args: dict[str, Any]) -> dict[str, Any]:
        """One phone request (already validated by the web side) against the room."""
        room = self.room
        if op == "join":
            seat = room.join(str(args["code"]), args.get("key"), args.get("nickname"))
            return {"key": seat.key, "token": seat.token,
                    "state": phone_state(room, seat, self.t)}
        if op == "state":
            return phone_state(room, room.seat(str(args["key"])), self.t)
        if op == "vote":
            seat = room.seat(str(args["key"]))
            room.vote(seat.key, str(args["decision"]), str(args["option"]))
            return phone_state(room, seat, self.t)
        if op == "info":
            return {"nicknames": room.nicknames_allowed}
        if op == "seat":
            room.seat(str(args["key"]))
            return {}
        if op == "expire":
            room.expire()
            return {}
        raise RoomError(f"Unknown request {op!r}.", 404)


class LocalBackend:
    """The room called directly (the server in a thread of the room's own process)."""

    def __init__(self, room: Room, ops: RoomOps | None = None):
        self.ops = ops or RoomOps(room)
        self.room = room

    @property
    def phase_version(self) -> int:
        return self.room.phase_version

    async def join(self, code: str, key: str | None, nickname: str | None) -> dict[str, Any]:
        return self.ops.answer("join", {"code": code, "key": key, "nickname": nickname})

    async def state(self, key: str) -> dict[str, Any]:
        return self.ops.answer("state", {"key": key})

    async def vote(self, key: str, decision: str, option: str) -> dict[str, Any]:
        return self.ops.answer("vote", {"key": key, "decision": decision, "option": option})

    async def info(self) -> dict[str, Any]:
        return self.ops.answer("info", {})

    async def seat(self, key: str) -> None:
        self.ops.answer("seat", {"key": key})

    async def expire(self) -> None:
        self.room.expire()
