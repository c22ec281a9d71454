"""The workshop's phone room on the projector's side: start, link, stop.

Started when the workshop starts (its setup screen opens: phones join in the lobby before the
first vignette) and stopped when the facilitator leaves the workshop (so a room of
supervisors joins once for the whole session). Where it listens is
the facilitator's choice (`safetynet play --mode workshop --phones ADDRESS[:PORT]|lan|off`,
carried in the SAFETYNET_PHONES variable like --dir is); the default is the laptop's LAN
address. If it cannot listen, the workshop goes on with keyed-in hand counts and the
projector says why. The join address is printed on standard output as one `join: ` line.

The server runs in a process of its own (game.web.child); `check()`, called by every
workshop screen's frame, notices when that process has died or stopped answering, and the
projector then says so with what to do (F5 restarts it: `restart()`). The room lives in this
process, so a restart loses no person and no vote; the phones' pages reconnect by themselves.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable

from game.app.room import Room
from game.app.room_link import RoomLink
from game.app.workshop import Workshop
from game.i18n import Tr, english
from game.web.address import parse_phones, qr_matrix
from game.web.server import RoomServer, ServerError

PHONES_STOPPED = ("Phones disconnected: {why}. Press F5 to restart it; votes so far are "
                  "kept, and hands can still be counted with the number keys.")
"""What the projector says while the phone server is down (message id; `why` in English,
as the server gives it)."""
PHONES_STOPPED_JOIN = ("Phones disconnected: {why}. Press F5 to restart it; votes so far are "
                       "kept.")
"""The same in the join box while the story runs (the box is smaller than the vote's)."""
PHONES_STOPPED_LOBBY = "Phones disconnected: {why}. Press F5 to restart it."
"""The same in the lobby, before any vote (its join box shares the column with the list)."""

ENV = "SAFETYNET_PHONES"


class PhoneRoom:
    def __init__(self, room: Room, server: RoomServer | None, error: str = "",
                 language: Callable[[], str] | None = None):
        self.room = room
        self.language = language
        """The workshop's language now (the facilitator's setting); the phones follow it."""
        self.server = server
        self.error = error
        """Why phones cannot join (shown on the projector), or ""."""
        self.link: RoomLink | None = None
        self.down = ""
        """Why the running server stopped serving the phones (crashed, hung), or "": in
        English, as `RoomServer.failure` says it; `why(t)` in the projector's language."""
        self._fault: tuple[str, dict[str, object]] | None = None
        self._qr: tuple[tuple[bool, ...], ...] | None = None

    @classmethod
    def start(cls, setting: str | None = None, out=None,
              language: Callable[[], str] | None = None) -> PhoneRoom | None:
        """A running room per the facilitator's setting; None when phones are off.
        `language()` is the workshop's language: the phones read it (checked every frame)."""
        try:
            where = parse_phones(setting if setting is not None else os.environ.get(ENV, "lan"))
        except ValueError as exc:
            return cls(Room(), None, str(exc))
        if where is None:
            return None
        room = Room()
        server = RoomServer(room, host=where[0], port=where[1],
                            language=language() if language else "en")
        try:
            server.start()
        except ServerError as exc:
            return cls(room, None, str(exc), language)
        print(f"join: {server.url} room code {room.code} (QR: {server.qr_url})",
              file=out or sys.stdout, flush=True)
        return cls(room, server, language=language)

    @property
    def url(self) -> str:
        return self.server.url if self.server else ""

    @property
    def qr(self) -> tuple[tuple[bool, ...], ...] | None:
        if self._qr is None and self.server is not None:
            self._qr = qr_matrix(self.server.qr_url)
        return self._qr

    def check(self) -> bool:
        """The projector's frame: update `down` (see `RoomServer.failure`); True when it
        changed, so the screen lays out the warning (or the join box again)."""
        was = self.down
        if self.server is not None and self.language is not None:
            self.server.set_language(self.language())
        self._fault = self.server.fault() if self.server is not None else None
        self.down = self._fault[0].format(**self._fault[1]) if self._fault else ""
        return self.down != was

    def why(self, t: Tr = english) -> str:
        """`down` in `t`'s language ("" while the server serves)."""
        return t(self._fault[0], **self._fault[1]) if self._fault and self.down else ""

    def restart(self, t: Tr = english, out=None) -> str:
        """F5 while the server is down: a new server process for the same room. Returns
        what to tell the facilitator, in `t`'s language ("" when nothing was down)."""
        if self.server is None or not self.down:
            return ""
        try:
            url = self.server.restart()
        except ServerError as exc:
            self.server, self.error, self.down, self._fault = None, str(exc), "", None
            return t("Phones could not be restarted: {why}. Count hands with the number keys.",
                     why=self.error)
        self.down, self._fault, self._qr = "", None, None  # the port may have moved: new QR
        print(f"join: {url} room code {self.room.code} (QR: {self.server.qr_url})",
              file=out or sys.stdout, flush=True)
        return t("Phones reconnected: the phone server was restarted; the votes are kept.")

    def attach(self, workshop: Workshop) -> RoomLink:
        """Link a newly started vignette (the room keeps its people, the ballots restart)."""
        if self.link is not None and self.link.workshop is not workshop:
            self.room.restart()
        self.link = RoomLink(workshop, self.room)
        return self.link

    def poll(self) -> bool:
        """The projector's frame: True when the phones changed the open ballot."""
        return self.link.poll() if self.link is not None else False

    def stop(self) -> None:
        self.room.close_room()
        if self.server is not None:
            self.server.stop()
