"""The facts of one recorded session, as the xAPI and CSV exporters read them.

Plain frozen data plus the identifiers derived from a session (UUIDv5): `facts.py` fills
them from a verified log.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from game.core.model import TICKS_PER_SECOND, Scenario
from game.scoring.episode import EpisodeScore

NAMESPACE = uuid.uuid5(uuid.NAMESPACE_URL, "https://w3id.org/safetynet/xapi")
"""Root of every UUID we derive: session ids and statement ids."""


class FactsError(Exception):
    """A log that cannot become learning records; the message names the file and why."""


@dataclass(frozen=True)
class DecisionFact:
    index: int
    node: str
    cue: str
    options: tuple[tuple[str, str, str | None], ...]
    """(option id, label, rung or None) in the order the scenario lists them."""
    chosen: str
    rung: str | None
    by: str
    """player, timeout (the window ran out: the default followed), or with scoring v2
    waiting or preempted."""
    tick: int
    moment_s: float
    """Seconds into the window (content time, before the pace setting) when the supervisor
    acted, or when the window was left (timeout)."""
    window_s: float
    best: str
    best_moment_s: tuple[float, float] | None
    """The interval of the window in which stepping in is best, when the scoring model
    computes one (v2); None under a model without moments."""
    q_values: dict[str, float]
    regret: float
    rating: str
    broken: str | None
    preempted: bool = False
    window_event: str = ""
    """(v2) self_correct or error when a window event decided what happened."""


@dataclass(frozen=True)
class HarmFact:
    index: int
    tick: int
    grade: str
    node: str
    points_so_far: float
    never_event: bool = False
    """(v2) The step that caused it is a never-event of the vignette."""


@dataclass(frozen=True)
class RescueFact:
    index: int
    tick: int
    node: str
    choice: str
    kind: str


@dataclass(frozen=True)
class VoteFact:
    decision: str
    option: str
    token: str
    token_source: str
    """`phone` (the participant's own anonymous token) or `room-count` (the facilitator
    entered counts; the token is derived and stands for one anonymous vote)."""
    followed: str
    tick: int
    key: str


@dataclass(frozen=True)
class NoteFact:
    tick: int
    text: str
    decision: str
    key: str


@dataclass(frozen=True)
class SessionFacts:
    path: str
    header: dict[str, Any]
    scenario: Scenario
    session_id: str
    complete: bool
    end_node: str | None
    end_tick: int
    decisions: tuple[DecisionFact, ...]
    harms: tuple[HarmFact, ...]
    rescues: tuple[RescueFact, ...]
    votes: tuple[VoteFact, ...]
    notes: tuple[NoteFact, ...]
    score: EpisodeScore | None
    warnings: tuple[str, ...] = ()
    supervision_changes: tuple[tuple[int, str], ...] = ()
    """(v2) (tick, new distance) whenever the supervisor's distance changed."""

    def supervision_at(self, tick: int) -> str:
        distance = self.scenario.supervision
        for when, to in self.supervision_changes:
            if when <= tick:
                distance = to
        return distance

    @property
    def player(self) -> str:
        return str(self.header.get("player", "anonymous"))

    @property
    def workshop(self) -> bool:
        return self.header.get("mode") == "workshop"

    @property
    def started_at(self) -> datetime | None:
        text = self.header.get("started_at")
        try:
            return datetime.fromisoformat(str(text)) if text else None
        except ValueError:
            return None


def session_uuid(header: dict[str, Any]) -> str:
    """The session id: derived from the header line's digest, which covers the seed, the
    player, the start time and any parent, so one log is one session however often sent."""
    return str(uuid.uuid5(NAMESPACE, f"session:{header.get('digest', '')}"))


def derived_uuid(session_id: str, key: str) -> str:
    return str(uuid.uuid5(uuid.UUID(session_id), key))


def seconds(ticks: int) -> float:
    return round(ticks / TICKS_PER_SECOND, 3)


def scaled_score(score: EpisodeScore) -> float:
    """xAPI's scaled score in [-1, 1]: the expected value of the choices made as a share of
    the best expected value (1 - regret / |best|), so that luck does not move it."""
    best = abs(score.best_value) or 1.0
    return round(max(-1.0, min(1.0, 1.0 - score.regret / best)), 6)
