"""Past-tense events returned by `step`: what happened, for the UI, the log and the debrief."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class NodeEntered:
    node: str
    node_kind: str
    tick: int


@dataclass(frozen=True)
class DecisionOpened:
    decision: str
    closes_at: int


@dataclass(frozen=True)
class InterventionMade:
    decision: str
    option: str
    level: str
    tick: int
    elapsed: int
    """Ticks since the window opened: *when* the supervisor stepped in."""


@dataclass(frozen=True)
class WindowClosed:
    """The window ran out without an intervention; the default option (watch) followed."""

    decision: str
    option: str
    tick: int


@dataclass(frozen=True)
class ChanceResolved:
    node: str
    outcome: str
    probability: float
    tick: int


@dataclass(frozen=True)
class HarmOccurred:
    grade: str
    node: str
    tick: int


@dataclass(frozen=True)
class FlagSet:
    flag: str


@dataclass(frozen=True)
class VignetteEnded:
    end: str
    tick: int


Event = (NodeEntered | DecisionOpened | InterventionMade | WindowClosed | ChanceResolved
         | HarmOccurred | FlagSet | VignetteEnded)
