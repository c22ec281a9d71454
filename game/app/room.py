"""The workshop room: every supervisor votes from their own phone, anonymously.

A `Room` holds the participants (each known only by a random pseudonymous token) and one
`Ballot` per decision point. It is plain Python with no pygame and no networking, so the
projector (pygame), the phone server (aiohttp) and the tests drive the same object; one lock
makes it safe to call from the server's thread and the projector's thread at once.

Fairness rules live here, not in the front ends:
- one vote per token per decision; a participant may change it until the vote closes;
- counts stay hidden until the facilitator reveals them (only "14 of 19 have voted" before);
- keyed-in hand counts (people without a phone) are a separate tally added to the phones'
  ballots, so neither is counted twice;
- going back to a decision reopens its ballot with the phones' votes and the keyed-in hands
  already cast (each may be changed again), so Backspace never wipes the room's vote.

A phone holds a secret `key`; the room derives the public `token` from it with a keyed hash
(HMAC). Only tokens reach the projector and the replay log, so reading a log never lets
anyone vote as someone else, and a phone that reloads, sleeps or loses its connection
presents the same key and keeps its one vote.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
import threading
import time
from collections.abc import Callable, Iterable

from game.app.room_parts import (  # re-exported: the room's users import them from here
    CODE_ALPHABET,
    CODE_LENGTH,
    MAX_HANDS,
    MAX_NICKNAME,
    MAX_PARTICIPANTS,
    RUNG_NAMES,
    Ballot,
    BallotOption,
    Progress,
    RoomError,
    Seat,
    Tally,
    ballot_options,
    clean_nickname,
    new_code,
)


class Room:
    """One workshop room: participants, the open ballot and every ballot cast so far."""

    def __init__(self, code: str | None = None, *, secret: bytes | None = None,
                 nicknames: bool = False, max_participants: int = MAX_PARTICIPANTS,
                 clock: Callable[[], float] = time.monotonic):
        self.code = (code or new_code()).upper()
        self._secret = secret or secrets.token_bytes(32)
        self.nicknames_allowed = nicknames
        self.max_participants = max_participants
        self.clock = clock
        self.lock = threading.RLock()
        self.version = 0
        """Bumped on every change; the projector compares it."""
        self.phase_version = 0
        """Bumped on changes the phones show (a decision opens, closes, is revealed...)."""
        self._listeners: list[Callable[[bool], None]] = []
        self.tokens: dict[str, str] = {}
        """key -> token of every phone that joined."""
        self.nicknames: dict[str, str] = {}
        """token -> nickname (memory only; never logged, never beside a vote). Shown only on
        the participant's own phone and in the lobby on the setup screen."""
        self.ballots: dict[tuple[str, tuple[str, ...]], Ballot] = {}
        """(decision, path to it) -> ballot: going back to a decision finds its ballot again;
        the same decision reached by another path is another situation and a new ballot."""
        self.current: Ballot | None = None
        self._last: Ballot | None = None
        self.ended = False
        """The vignette has ended: the phones show their summaries."""
        self.closed = False
        """The workshop is over: nobody joins any more (the server stops)."""
        self.end_data: object | None = None
        """What the phones show at the end (set by `finish`)."""

    # --- plumbing --------------------------------------------------------------------------
    def on_change(self, listener: Callable[[bool], None]) -> None:
        """Call `listener(for_phones)` (from whichever thread changed the room) after every
        change; `for_phones` is False for a vote or a join, which change nothing a phone shows
        (so 60 phones are not woken by every vote)."""
        self._listeners.append(listener)

    def _changed(self, for_phones: bool = True) -> None:
        self.version += 1
        if for_phones:
            self.phase_version += 1
        for listener in list(self._listeners):
            listener(for_phones)

    def _token_for(self, key: str) -> str:
        digest = hmac.new(self._secret, key.encode(), hashlib.sha256).hexdigest()
        return "p-" + digest[:10]

    # --- participants ----------------------------------------------------------------------
    def join(self, code: str, key: str | None = None, nickname: str | None = None) -> Seat:
        """A phone joins (or rejoins with its key, keeping its votes)."""
        if not hmac.compare_digest(code.strip().upper().encode(), self.code.encode()):
            raise RoomError("That room code is not this room's. Check the projector.", 403)
        with self.lock:
            if self.closed:
                raise RoomError("This workshop has ended.", 410)
            if key is not None and key in self.tokens:
                return Seat(key, self.tokens[key])
            if len(self.tokens) >= self.max_participants:
                raise RoomError("The room is full.", 429)
            key = secrets.token_urlsafe(24)
            token = self._token_for(key)
            self.tokens[key] = token
            name = clean_nickname(nickname) if self.nicknames_allowed else None
            if name:
                self.nicknames[token] = name
            self._changed(for_phones=False)
            return Seat(key, token)

    def allow_nicknames(self, allowed: bool) -> None:
        """The facilitator's switch (off by default). Turning it off forgets every nickname
        given so far, so none is shown anywhere afterwards."""
        with self.lock:
            self.nicknames_allowed = allowed
            if not allowed:
                self.nicknames.clear()
            self._changed()

    def lobby(self) -> list[str]:
        """The nicknames given so far, in joining order (for the lobby on the projector)."""
        with self.lock:
            return [self.nicknames[t] for t in self.tokens.values() if t in self.nicknames]

    def seat(self, key: str) -> Seat:
        with self.lock:
            token = self.tokens.get(key)
        if token is None:
            raise RoomError("This phone has not joined the room yet.", 401)
        return Seat(key, token)

    @property
    def participants(self) -> int:
        return len(self.tokens)

    # --- the facilitator's side -------------------------------------------------------------
    def open(self, decision: str, cue: str, options: Iterable[BallotOption],
             history: Iterable[str] = ()) -> Ballot:
        """A decision window opens: a new ballot, or the earlier one reopened with its votes
        and hands (the facilitator went back to this decision)."""
        situation = (decision, tuple(history))
        with self.lock:
            ballot = self.ballots.get(situation)
            if ballot is None:
                ballot = Ballot(decision, cue, tuple(options), situation[1])
                self.ballots[situation] = ballot
            ballot.closed = ballot.revealed = False
            ballot.deadline = None
            self.current = ballot
            self._changed()
            return ballot

    def leave_decision(self) -> None:
        """The story moves on (the phones wait for the next decision)."""
        with self.lock:
            if self.current is not None:
                self.current.closed = True
                self._last = self.current
            self.current = None
            self._changed()

    def countdown(self, seconds: float) -> None:
        """Close phone voting `seconds` from now (the phones show the countdown)."""
        with self.lock:
            ballot = self._open_ballot()
            ballot.deadline = self.clock() + max(0.0, seconds)
            self._changed()

    def close(self) -> None:
        with self.lock:
            if self.current is not None and not self.current.closed:
                self.current.closed = True
                self._changed()

    def reveal(self, shown: bool = True) -> None:
        """Reveal (which also closes the vote: nobody changes sides after seeing the room)
        or hide the distribution again."""
        with self.lock:
            if self.current is None:
                return
            self.current.revealed = shown
            self.current.closed = self.current.closed or shown
            self._changed()

    def set_hands(self, option: str, n: int) -> None:
        """The keyed-in show of hands for `option` (people voting without a phone)."""
        with self.lock:
            ballot = self._current()
            if option not in ballot.option_ids:
                raise RoomError(f"{ballot.decision} has no option {option!r}")
            if ballot.revealed:
                raise RoomError("The counts are frozen once revealed.", 409)
            ballot.hands[option] = max(0, min(MAX_HANDS, int(n)))
            self._changed()

    def add_hands(self, option: str, delta: int) -> None:
        with self.lock:
            self.set_hands(option, self._current().hands.get(option, 0) + delta)

    def restart(self) -> None:
        """A new vignette with the same room: everyone stays joined, the ballots start afresh
        (decision ids of two vignettes may coincide)."""
        with self.lock:
            self.ballots.clear()
            self.current = self._last = None
            self.ended = False
            self.end_data = None
            self._changed()

    def resume(self) -> None:
        """Back into the story after the end (the facilitator went back to a decision): the
        ballots and their votes stay, the summaries go."""
        with self.lock:
            self.ended = False
            self.end_data = None
            self._changed()

    def close_room(self) -> None:
        with self.lock:
            self.closed = True
            self._changed()

    def finish(self, end_data: object | None = None) -> None:
        """The vignette ended: voting stops and the phones show their private summaries."""
        with self.lock:
            if self.current is not None:
                self.current.closed = True
                self._last = self.current
            self.current = None
            self.ended = True
            self.end_data = end_data
            self._changed()

    # --- the phones' side -------------------------------------------------------------------
    def vote(self, key: str, decision: str, option: str) -> None:
        """Cast or change this phone's vote; refused once the vote has closed."""
        with self.lock:
            token = self.seat(key).token
            ballot = self._open_ballot()
            if ballot.decision != decision:
                raise RoomError("That decision is no longer open.", 409)
            if option not in ballot.option_ids:
                raise RoomError("That is not one of the options.")
            if ballot.votes.get(token) != option:
                ballot.votes[token] = option
                self._changed(for_phones=False)

    # --- reading ---------------------------------------------------------------------------
    def _current(self) -> Ballot:
        if self.current is None:
            raise RoomError("No decision is open right now.", 409)
        return self.current

    def _open_ballot(self) -> Ballot:
        ballot = self._current()
        self.expire()
        if ballot.closed:
            raise RoomError("The vote has closed.", 409)
        return ballot

    def expire(self) -> bool:
        """Close the vote if its countdown ran out; True if that happened now."""
        with self.lock:
            ballot = self.current
            if ballot and not ballot.closed and ballot.deadline is not None \
                    and self.clock() >= ballot.deadline:
                ballot.closed = True
                self._changed()
                return True
            return False

    def remaining(self) -> float | None:
        with self.lock:
            ballot = self.current
            if ballot is None or ballot.deadline is None or ballot.closed:
                return None
            return max(0.0, ballot.deadline - self.clock())

    def progress(self) -> Progress:
        """How many have voted, never for what (safe to show before the reveal)."""
        with self.lock:
            ballot = self.current
            phones = len(ballot.votes) if ballot else 0
            hands = sum(ballot.hands.values()) if ballot else 0
            return Progress(phones + hands, self.participants + hands, phones, hands)

    def tally(self) -> Tally | None:
        """The distribution, only once revealed."""
        with self.lock:
            ballot = self.current
            return ballot.tally() if ballot is not None and ballot.revealed else None

    def record(self) -> dict:
        """The open (or last closed) ballot as the replay log keeps it."""
        with self.lock:
            ballot = self.current or self._last
            if ballot is None:
                raise RoomError("No decision has been voted on.", 404)
            return ballot.record()

__all__ = [
    "Room", "CODE_ALPHABET", "CODE_LENGTH", "MAX_PARTICIPANTS", "MAX_NICKNAME", "MAX_HANDS",
    "RUNG_NAMES", "RoomError", "BallotOption", "Progress", "Tally", "Ballot", "Seat",
    "ballot_options", "new_code", "clean_nickname",
]
