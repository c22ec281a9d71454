"""Immutable content model: what a vignette *is*, compiled from its YAML file.

Everything here is a frozen dataclass so that a loaded scenario can be shared by the engine,
the solver, the UI and the replay verifier without anyone changing it under the others.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from types import MappingProxyType

TICKS_PER_SECOND = 10
"""Simulation time is an integer tick; 10 ticks per second (100 ms) is fine enough for
decision windows measured in seconds and keeps replay logs short."""


class Level(StrEnum):
    """The intervention ladder, from letting the trainee act to taking over."""

    WATCH = "watch"
    PROBE = "probe"
    CUE = "cue"
    GUIDE = "guide"
    TAKEOVER = "takeover"

    @property
    def rank(self) -> int:
        return LADDER.index(self)


LADDER: tuple[Level, ...] = (Level.WATCH, Level.PROBE, Level.CUE, Level.GUIDE, Level.TAKEOVER)

CATEGORIES = ("technical", "medication", "communication", "diagnostic", "decision", "management")
"""The six kinds of allowed failure in Klasen et al. 2020 (supplementary table)."""

DISTANCES = ("direct", "indirect", "distant")
FEEDBACK_KINDS = ("none", "brief", "structured")


def frozen_mapping(data: Mapping | None = None) -> Mapping:
    return MappingProxyType(dict(data or {}))


@dataclass(frozen=True)
class Effects:
    """What happens when an option is chosen, an outcome occurs or a beat plays."""

    learning: float = 0.0
    """Extra learning points earned by the trainee's own practice in this step."""
    harm: tuple[str, ...] = ()
    """Harm grades as authors write them (`CD-I`, `MERP-B`, `delay-30min`, `minor-1`)."""
    experienced_error: bool = False
    """The trainee experienced an error or near-miss (feeds the error-learning bonus)."""
    tags: tuple[str, ...] = ()
    sets: tuple[str, ...] = ()
    """Flags set for the rest of the session (e.g. a rescue prepared)."""
    attempts: tuple[str, ...] = ()
    """Attempt counters incremented (e.g. `lp_pass`), checked against attempt limits."""
    needs_rescue: str | None = None
    """`hands_on` or `verbal`: this path relies on the supervisor rescuing."""
    high_alert: bool = False
    """A high-alert medication is involved in this step's harm."""
    feedback: str | None = None
    """Feedback that this step provides (`brief` or `structured`)."""
    provokes_error: bool = False
    """The supervisor would be inducing an error (never admissible with a patient)."""
    procedure: Mapping[str, float | str | bool] = field(default_factory=frozen_mapping)
    """Procedure-view state (needle depth, bleeding...) that takes effect in this step."""


@dataclass(frozen=True)
class Option:
    id: str
    level: Level
    label: str
    say: str
    next: str
    effects: Effects = Effects()


@dataclass(frozen=True)
class Outcome:
    id: str
    p_low: float
    """Probability when trainee competence is 0."""
    p_high: float
    """Probability when trainee competence is 1; interpolated linearly in between, so each
    interpolated distribution sums to 1 whenever both anchors do."""
    next: str
    text: str
    effects: Effects = Effects()

    def probability(self, competence: float) -> float:
        return self.p_low + (self.p_high - self.p_low) * competence


@dataclass(frozen=True)
class Node:
    id: str
    kind: str  # "beat" | "decision" | "chance" | "end"
    text: str = ""
    sources: tuple[str, ...] = ()
    assumption: str = ""


@dataclass(frozen=True)
class Beat(Node):
    duration_ticks: int = 0
    next: str = ""
    effects: Effects = Effects()


@dataclass(frozen=True)
class Decision(Node):
    cue: str = ""
    window_ticks: int = 0
    learning_value: float = 0.0
    """L0: how much the trainee can learn from doing this step themselves."""
    default: str = "watch"
    """The option that follows when the window closes without an intervention."""
    options: tuple[Option, ...] = ()
    prompt: str = ""
    """Debrief prompt about this decision."""

    def option(self, option_id: str) -> Option:
        for opt in self.options:
            if opt.id == option_id:
                return opt
        raise KeyError(option_id)


@dataclass(frozen=True)
class Chance(Node):
    outcomes: tuple[Outcome, ...] = ()


@dataclass(frozen=True)
class End(Node):
    title: str = ""
    feedback: str = "structured"
    effects: Effects = Effects()


@dataclass(frozen=True)
class CompetenceLevel:
    value: float
    prior: float


@dataclass(frozen=True)
class TraineeProfile:
    id: str
    name: str
    level: str
    summary: str
    confidence: float
    competence: tuple[CompetenceLevel, ...]
    """A discrete prior over competence; one level with prior 1 means it is known."""

    @property
    def expected_competence(self) -> float:
        return sum(c.value * c.prior for c in self.competence)

    @property
    def competence_known(self) -> bool:
        return len(self.competence) == 1


@dataclass(frozen=True)
class Patient:
    name: str
    age: str
    summary: str


@dataclass(frozen=True)
class Source:
    id: str
    citation: str
    url: str = ""


@dataclass(frozen=True)
class Scenario:
    id: str
    title: str
    summary: str
    category: str
    specialty: str
    setting: str
    supervision: str
    minutes: float
    difficulty: float
    procedure_view: str
    patient: Patient
    trainees: tuple[TraineeProfile, ...]
    objectives: tuple[str, ...]
    debrief_prompts: tuple[str, ...]
    sources: Mapping[str, Source]
    attempt_limits: Mapping[str, int]
    start: str
    nodes: Mapping[str, Node]
    content_sha256: str = ""
    path: str = ""

    def node(self, node_id: str) -> Node:
        return self.nodes[node_id]

    def trainee(self, profile_id: str | None) -> TraineeProfile:
        if profile_id is None:
            return self.trainees[0]
        for t in self.trainees:
            if t.id == profile_id:
                return t
        raise KeyError(profile_id)

    def decisions(self) -> list[Decision]:
        return [n for n in self.nodes.values() if isinstance(n, Decision)]
