"""Past-tense events returned by `step`: what happened, for the UI, the log and the debrief.

Every event carries the tick at which it happened, so consumers (the timeline, the
debrief, the learning records) read `event.tick` and never reconstruct it. Events are not
part of the log (it holds commands; events are re-derived by replaying them), so adding a
field here changes no log byte.
"""

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
    tick: int
    """The window opened at this tick (it runs until `closes_at`)."""


@dataclass(frozen=True)
class InterventionMade:
    decision: str
    option: str
    level: str
    """The rung, or "debrief" for an option of a debrief decision."""
    tick: int
    elapsed: int
    """Ticks since the window opened: *when* the supervisor stepped in."""
    takes_effect_at: int | None = None
    """(v2) Tick at which the intervention takes effect when it is not immediate (a question
    takes longer to land than a hand on the instrument); None when it took effect at once."""


@dataclass(frozen=True)
class WindowClosed:
    """The window ran out without an intervention; the default option (watch) followed."""

    decision: str
    option: str
    tick: int


@dataclass(frozen=True)
class TraineeSelfCorrected:
    """(v2) The trainee noticed and corrected the mistake before anyone stepped in."""

    decision: str
    tick: int
    elapsed: int


@dataclass(frozen=True)
class MistakeHappened:
    """(v2) The mistake happened before the supervisor's intervention took effect."""

    decision: str
    tick: int
    elapsed: int


@dataclass(frozen=True)
class InterventionPreempted:
    """(v2) The supervisor had stepped in, but the trainee's self-correction, the mistake or
    the end of the window came first; `by` is "self_correct", "error" or "window"."""

    decision: str
    option: str
    by: str
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
class NeverEventOccurred:
    """(v2) A step marked as a never-event was reached: zero tolerance, whoever the trainee."""

    node: str
    tick: int


@dataclass(frozen=True)
class SupervisionChanged:
    """(v2) The supervision distance changed; hands-on rungs wait for `arrives_at`."""

    to: str
    arrives_at: int
    tick: int


@dataclass(frozen=True)
class FlagSet:
    flag: str
    tick: int


@dataclass(frozen=True)
class VignetteEnded:
    end: str
    tick: int


Event = (NodeEntered | DecisionOpened | InterventionMade | WindowClosed | TraineeSelfCorrected
         | MistakeHappened | InterventionPreempted | ChanceResolved | HarmOccurred
         | NeverEventOccurred | SupervisionChanged | FlagSet | VignetteEnded)
