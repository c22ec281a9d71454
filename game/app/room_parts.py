"""The room's vocabulary: limits, the ballot a phone sees, tallies and seats.

Plain values and small pure helpers used by the `Room` (room.py), the phone server and the
projector; kept apart so the room module holds only the room's rules and its lock.
"""

from __future__ import annotations

import secrets
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field

from game.core.model import Option

CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"
"""Room-code letters without look-alikes (no I, O, 0, 1) so a code read off a projector is
typed right the first time."""
CODE_LENGTH = 5
MAX_PARTICIPANTS = 300
MAX_NICKNAME = 24
MAX_HANDS = 999
RUNG_NAMES = {"watch": "Watch", "probe": "Probe", "cue": "Cue", "guide": "Guide",
              "takeover": "Take over"}


class RoomError(ValueError):
    """A request the room refuses; `str()` is the one line the phone shows."""

    def __init__(self, message: str, status: int = 400):
        super().__init__(message)
        self.status = status


@dataclass(frozen=True)
class BallotOption:
    id: str
    label: str
    rung: str | None
    """The ladder rung ("watch" ... "takeover"); None for a debrief decision's options."""

    @property
    def title(self) -> str:
        """"Cue: Tell her to aim for the umbilicus", as the projector words it."""
        name = RUNG_NAMES.get(self.rung or "", self.rung or "")
        return f"{name}: {self.label}" if name else self.label


@dataclass(frozen=True)
class Progress:
    voted: int
    expected: int
    phones: int
    hands: int

    def text(self) -> str:
        return f"{self.voted} of {self.expected} have voted"


@dataclass(frozen=True)
class Tally:
    """The revealed distribution: phones and hands merged, ties named as ties."""

    counts: dict[str, int]
    total: int
    leaders: tuple[str, ...]
    """Every option with the top count (empty without votes); more than one is a tie."""

    @property
    def tie(self) -> bool:
        return len(self.leaders) > 1

    @property
    def majority(self) -> str | None:
        return self.leaders[0] if len(self.leaders) == 1 else None


@dataclass
class Ballot:
    """The room's vote at one decision point."""

    decision: str
    cue: str
    options: tuple[BallotOption, ...]
    history: tuple[str, ...]
    """The story's path up to this decision (solver keys), for the revealed weights."""
    votes: dict[str, str] = field(default_factory=dict)
    hands: dict[str, int] = field(default_factory=dict)
    closed: bool = False
    revealed: bool = False
    deadline: float | None = None

    @property
    def option_ids(self) -> tuple[str, ...]:
        return tuple(o.id for o in self.options)

    def counts(self) -> dict[str, int]:
        counts = {o: self.hands.get(o, 0) for o in self.option_ids}
        for option in self.votes.values():
            counts[option] += 1
        return counts

    def tally(self) -> Tally:
        counts = self.counts()
        top = max(counts.values(), default=0)
        leaders = tuple(o for o in self.option_ids if top and counts[o] == top)
        return Tally(counts, sum(counts.values()), leaders)

    def record(self) -> dict:
        """What the replay log keeps: merged counts, each phone under its token, the hands."""
        return {"counts": self.counts(), "ballots": dict(sorted(self.votes.items())),
                "hands": {o: n for o, n in self.hands.items() if n}}


@dataclass(frozen=True)
class Seat:
    key: str
    """The phone's secret (kept in its local storage, sent with every request)."""
    token: str
    """The pseudonym the room, the projector and the log know the phone by."""


def ballot_options(options: Iterable[Option]) -> tuple[BallotOption, ...]:
    """A decision's offered options as the phones show them (rung and label)."""
    return tuple(BallotOption(o.id, o.label, o.level.value if o.level else None)
                 for o in options)


def new_code() -> str:
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))


def clean_nickname(text: str | None) -> str | None:
    """A short printable nickname, or None; control and format characters are refused."""
    if text is None or not text.strip():
        return None
    text = unicodedata.normalize("NFC", text.strip())
    if len(text) > MAX_NICKNAME:
        raise RoomError(f"A nickname has at most {MAX_NICKNAME} characters.")
    if any(unicodedata.category(c)[0] == "C" for c in text):
        raise RoomError("A nickname cannot hold control characters.")
    return text
