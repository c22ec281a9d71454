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
    by: str = "player"  # "player" | "timeout" | "chance"


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
    text = json.dumps(payload, sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(text.encode()).hexdigest()[:16]
