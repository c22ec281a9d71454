"""Immutable content model: what a vignette *is*, compiled from its YAML file.

Everything here is a frozen dataclass so that a loaded scenario can be shared by the engine,
the solver, the UI and the replay verifier without anyone changing it under the others.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from types import MappingProxyType
from typing import TypeVar

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
    never_event: bool = False
    """(v2) Reaching this step is a never-event: zero tolerance, whoever the trainee is."""
    supervision: SupervisionChange | None = None
    """(v2) The supervision distance changes here (e.g. the supervisor is called in)."""


@dataclass(frozen=True)
class SupervisionChange:
    """(v2) The supervisor's distance changes during a vignette.

    `arrival_s` is how long until the supervisor is at the bedside: hands-on rungs (guide,
    take over) cannot take effect before then."""

    to: str
    arrival_s: float = 0.0


@dataclass(frozen=True)
class Curve:
    """(v2) A cumulative probability over seconds since a decision window opened.

    Piecewise linear between authored anchor points `(seconds, cumulative p)`; flat before
    the first and after the last point. Used for how likely the trainee has corrected the
    mistake by themselves, or the mistake has happened, by a moment in the window."""

    points: tuple[tuple[float, float], ...] = ((0.0, 0.0),)

    def at(self, seconds: float) -> float:
        pts = self.points
        if seconds <= pts[0][0]:
            return pts[0][1]
        for (t0, p0), (t1, p1) in zip(pts, pts[1:]):
            if seconds <= t1:
                return p0 + (p1 - p0) * (seconds - t0) / (t1 - t0) if t1 > t0 else p1
        return pts[-1][1]


@dataclass(frozen=True)
class WindowTiming:
    """(v2) What happens inside a decision window while the supervisor has not acted.

    `self_correct` and `error` are the cumulative probabilities that the *first* thing to
    happen is the trainee correcting the mistake unprompted, or the mistake happening, by a
    moment in the window (competing risks: their sum never exceeds 1). If neither has happened
    when the window closes, the decision's `default` option applies."""

    self_correct: Curve
    error: Curve
    on_self_correct: str
    """Node the story moves to when the trainee corrects themselves first."""
    on_error: str
    """Node the story moves to when the mistake happens before anyone steps in."""
    sources: tuple[str, ...] = ()
    assumption: str = ""


@dataclass(frozen=True)
class ProbabilityCase:
    """(v2) Outcome probabilities that apply when every flag in `flags` is set."""

    flags: frozenset[str]
    p_low: float
    p_high: float


@dataclass(frozen=True)
class Option:
    id: str
    level: Level | None
    """The rung of the intervention ladder; None only for options of a debrief decision."""
    label: str
    say: str
    next: str
    effects: Effects = Effects()
    takes_s: float | None = None
    """(v2) Seconds until the intervention takes effect; None means the rung's default."""
    requires: frozenset[str] = frozenset()
    """(v2) Offered only when all these flags are set."""
    unless: frozenset[str] = frozenset()
    """(v2) Not offered when any of these flags is set."""

    @property
    def rung(self) -> str:
        """The rung's name, or "debrief" for an option of a debrief decision (no rung)."""
        return self.level.value if self.level is not None else "debrief"

    def available(self, flags: frozenset[str]) -> bool:
        return self.requires <= flags and not (self.unless & flags)


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
    cases: tuple[ProbabilityCase, ...] = ()
    """(v2) Flag-dependent probabilities; the first case whose flags are all set wins,
    otherwise `p_low`/`p_high` apply. Every case of every outcome of a chance node must sum
    to 1 across the node for each combination of flags (the validator checks)."""

    def probability(self, competence: float, flags: frozenset[str] = frozenset()) -> float:
        low, high = self.p_low, self.p_high
        for case in self.cases:
            if case.flags <= flags:
                low, high = case.p_low, case.p_high
                break
        return low + (high - low) * competence


@dataclass(frozen=True)
class Node:
    id: str
    kind: str  # "beat" | "decision" | "chance" | "end"
    text: str = ""
    sources: tuple[str, ...] = ()
    assumption: str = ""


@dataclass(frozen=True)
class Route:
    """(v2) A conditional continuation: go to `to` when every flag in `flags` is set."""

    flags: frozenset[str]
    to: str


@dataclass(frozen=True)
class Beat(Node):
    duration_ticks: int = 0
    next: str = ""
    effects: Effects = Effects()
    routes: tuple[Route, ...] = ()
    """(v2) Checked in order before `next`; the first whose flags are all set wins."""

    def next_for(self, flags: frozenset[str]) -> str:
        for route in self.routes:
            if route.flags <= flags:
                return route.to
        return self.next


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
    timing: WindowTiming | None = None
    """(v2) How the mistake progresses inside the window; None: time in the window changes
    nothing (every v1 decision)."""
    purpose: str = "supervise"
    """(v2) "supervise" (options are ladder rungs) or "debrief" (options choose the feedback
    that follows, carry `effects.feedback`, have no rung and no window timing)."""

    def offered(self, flags: frozenset[str]) -> tuple[Option, ...]:
        """The options on offer given the flags set so far."""
        return tuple(o for o in self.options if o.available(flags))

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
    schema_version: int = 1
    language: str = "en"
    """The language of its words: "en" as written, or a translation's (content/translations)."""
    original: Scenario | None = field(default=None, compare=False, repr=False)
    """The scenario as written, when this one is a translation of it."""

    def as_written(self) -> Scenario:
        """The scenario in the words of its file: what logs record (an ending's title), so a
        session's log is the same bytes whatever language the player read it in."""
        return self.original or self

    def node(self, node_id: str) -> Node:
        return self.nodes[node_id]

    def decision(self, node_id: str) -> Decision:
        """The decision point `node_id` (KeyError if there is none by that id)."""
        return _of_kind(self.nodes[node_id], Decision)

    def chance(self, node_id: str) -> Chance:
        return _of_kind(self.nodes[node_id], Chance)

    def end(self, node_id: str) -> End:
        return _of_kind(self.nodes[node_id], End)

    def trainee(self, profile_id: str | None) -> TraineeProfile:
        if profile_id is None:
            return self.trainees[0]
        for t in self.trainees:
            if t.id == profile_id:
                return t
        raise KeyError(profile_id)

    def decisions(self) -> list[Decision]:
        return [n for n in self.nodes.values() if isinstance(n, Decision)]


_N = TypeVar("_N", bound=Node)


def _of_kind(node: Node, kind: type[_N]) -> _N:
    """`node` as the kind a caller knows it is (events name decision points, chance nodes and
    endings by id); a wrong id is a KeyError like a missing one."""
    if not isinstance(node, kind):
        raise KeyError(f"{node.id!r} is a {node.kind} step, not a {kind.__name__.lower()}")
    return node
