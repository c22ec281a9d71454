"""Session state: one immutable value per moment of a session, separate from content."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping
from dataclasses import dataclass, field, replace

from game.core.model import frozen_mapping
from game.core.rng import RngState

PACES = {"slower": 1.5, "normal": 1.0, "faster": 0.75}
"""Multipliers on beat durations and decision windows (a reading-speed setting)."""


@dataclass(frozen=True)
class SessionConfig:
    """What a session is started with; together with the commands it fixes everything."""

    scenario_id: str
    seed: int
    profile_id: str
    pace: str = "normal"
    mode: str = "practice"


@dataclass(frozen=True)
class PathStep:
    """One step of the path taken: a decision made, a window that closed, or a chance outcome."""

    node: str
    kind: str  # "decision" | "chance"
    choice: str  # option id or outcome id
    tick: int
    elapsed: int = 0
    by: str = "player"
    """"player", "timeout" or "chance"; (v2) "waiting" when the window's event came while the
    supervisor had not acted, "preempted" when it came before their intervention took effect.
    A v2 window event is its own step of kind "window" (choice "~self_correct" / "~error")."""


@dataclass(frozen=True)
class SessionState:
    config: SessionConfig
    node_id: str
    tick: int
    node_tick: int
    """Tick at which the current node was entered (beats and windows count from here)."""
    competence: float
    """The trainee's true competence, drawn from the profile's prior at the start."""
    rng: RngState
    flags: frozenset[str] = frozenset()
    attempts: Mapping[str, int] = field(default_factory=frozen_mapping)
    history: tuple[PathStep, ...] = ()
    harm: tuple[str, ...] = ()
    procedure: Mapping[str, float | str | bool] = field(default_factory=frozen_mapping)
    finished: bool = False
    window_event: tuple[str, int] | None = None
    """(v2) Drawn when a timed window opens: ("self_correct" | "error", ticks after opening)
    of the first thing that will happen if nobody steps in first; None: nothing will."""
    pending: tuple[str, int, int] | None = None
    """(v2) An intervention not yet in effect: (option id, tick made, tick it takes effect)."""
    supervision: str = ""
    """(v2) Current supervision distance after a change; "" means the scenario's own."""
    supervisor_arrives: int = 0
    """(v2) Tick at which the supervisor is at the bedside (hands-on rungs wait for it)."""

    def evolve(self, **changes) -> SessionState:
        return replace(self, **changes)

    @property
    def pace_factor(self) -> float:
        return PACES[self.config.pace]


def fingerprint(state: SessionState) -> str:
    """A short digest of everything in the state; replay compares these line by line."""
    payload = {
        "node": state.node_id,
        "tick": state.tick,
        "node_tick": state.node_tick,
        "competence": repr(state.competence),
        "rng": [str(x) for x in state.rng],
        "flags": sorted(state.flags),
        "attempts": sorted(state.attempts.items()),
        "history": [[s.node, s.kind, s.choice, s.tick, s.elapsed, s.by] for s in state.history],
        "harm": list(state.harm),
        "finished": state.finished,
    }
    # v2 fields enter the digest only when set, so v1 sessions keep their fingerprints.
    extra = {"window_event": state.window_event, "pending": state.pending,
             "supervision": state.supervision or None,
             "supervisor_arrives": state.supervisor_arrives or None}
    payload.update({k: v for k, v in extra.items() if v is not None})
    text = json.dumps(payload, sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(text.encode()).hexdigest()[:16]
