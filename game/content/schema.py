"""The scenario file format (schema_version 2, which reads every version 1 file) as pydantic
models.

These models describe what an author may write; `compile.py` turns a validated document into
the engine's frozen dataclasses, and `checks.py`/`checks_v2.py` check what a schema cannot
(the graph, probabilities, flags). Version 2 only adds fields, so a version 1 file is read by
the same models ("migrated on load"); `checks_v2.py` refuses the new fields in a file that
still says `schema_version: 1`. Field descriptions double as the reference in
docs/authoring.md.
"""

from __future__ import annotations

from typing import Annotated, Any, Literal, cast

from pydantic import BaseModel, ConfigDict, Discriminator, Field, Tag, field_validator

from game.content.procedure_schema import VIEWS

Slug = Annotated[str, Field(pattern=r"^[a-z][a-z0-9_]*$", max_length=60)]
Prob = Annotated[float, Field(ge=0.0, le=1.0)]
LevelName = Literal["watch", "probe", "cue", "guide", "takeover"]


Seconds = Annotated[float, Field(ge=0, le=300)]
Flags = list[Slug]
UNION_TAGS = ("number", "anchors", "cases", "target", "routes")
"""Names of the union members below; the loader drops them from error locations."""


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)


class CompetenceDependent(Strict):
    low: Prob = Field(description="probability when the trainee's competence is 0")
    high: Prob = Field(description="probability when the trainee's competence is 1")


class CaseIn(Strict):
    """(v2) One case of a flag-dependent probability; the last case has no `if`."""

    when: Flags = Field(default_factory=list, alias="if",
                        description="flags that must all be set")
    p: Prob | CompetenceDependent


class RouteIn(Strict):
    """(v2) One continuation of a beat; the last route has no `if`."""

    when: Flags = Field(default_factory=list, alias="if",
                        description="flags that must all be set")
    to: Slug


def _p_shape(value: Any) -> str | None:
    """Which member of the union an authored `p` is meant to be, judged by its YAML shape, so
    a mistake is reported once, against that member, not once per member."""
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return "number"
    shapes: dict[type, str] = {dict: "anchors", list: "cases"}
    return shapes.get(type(value))


def _next_shape(value: Any) -> str | None:
    shapes: dict[type, str] = {str: "target", list: "routes"}
    return shapes.get(type(value))


Probability = Annotated[
    Annotated[Prob, Tag("number")] | Annotated[CompetenceDependent, Tag("anchors")]
    | Annotated[list[CaseIn], Field(min_length=1), Tag("cases")],
    Discriminator(_p_shape, custom_error_type="p_shape",
                  custom_error_message="write a probability (0 to 1), {low: .., high: ..} or "
                                       "a list of cases [{if: [flag], p: ..}, .., {p: ..}]")]
Next = Annotated[
    Annotated[Slug, Tag("target")]
    | Annotated[list[RouteIn], Field(min_length=1), Tag("routes")],
    Discriminator(_next_shape, custom_error_type="next_shape",
                  custom_error_message="write a node id or a list of routes "
                                       "[{if: [flag], to: node}, .., {to: node}]")]


class SupervisionIn(Strict):
    """(v2) The supervisor's distance changes here, e.g. called in from elsewhere."""

    to: Literal["direct", "indirect", "distant"]
    arrival: float = Field(0.0, ge=0, le=3600, description="seconds until at the bedside")


class EffectsIn(Strict):
    learning: float = Field(0.0, ge=0, le=50)
    harm: list[str | dict[Literal["delay"], str]] = Field(default_factory=list)
    experienced_error: bool = False
    tags: list[str] = Field(default_factory=list)
    sets: list[Slug] = Field(default_factory=list)
    attempts: list[Slug] = Field(default_factory=list)
    needs_rescue: Literal["hands_on", "verbal"] | None = None
    high_alert: bool = False
    feedback: Literal["brief", "structured"] | None = None
    provokes_error: bool = False
    procedure: dict[Slug, bool | float | str] = Field(default_factory=dict)
    never_event: bool = False
    supervision: SupervisionIn | None = None

    @field_validator("harm")
    @classmethod
    def _flatten_delay(cls, value: list) -> list:
        if any(isinstance(v, dict) and "delay" not in v for v in value):
            raise ValueError("write a harm grade, or {delay: 30 min}")
        return [f"delay-{v['delay'].replace(' ', '')}" if isinstance(v, dict) else v
                for v in value]

    @property
    def grades(self) -> list[str]:
        """`harm` as validated: `_flatten_delay` has turned every `{delay: ...}` into a grade."""
        return cast(list[str], self.harm)


class OptionIn(EffectsIn):
    id: Slug
    level: LevelName | None = None
    label: str = Field(min_length=1, max_length=45, description="button text")
    say: str = ""
    next: Slug
    takes: Seconds | None = Field(None, description="(v2) seconds until it takes effect")
    requires: Flags = Field(default_factory=list)
    unless: Flags = Field(default_factory=list)


class OutcomeIn(EffectsIn):
    id: Slug
    p: Probability
    next: Slug
    text: str = ""


class Cited(Strict):
    sources: list[Slug] = Field(default_factory=list)
    assumption: str = ""


class BeatIn(EffectsIn, Cited):
    kind: Literal["beat"]
    text: str = Field(min_length=1)
    duration: float = Field(gt=0, le=120, description="seconds")
    next: Next


Anchor = tuple[Seconds, Prob]


class TimingIn(Cited):
    """(v2) How the imminent mistake progresses inside the window if nobody steps in."""

    self_correct: list[Anchor] = Field(min_length=1)
    error: list[Anchor] = Field(min_length=1)
    on_self_correct: Slug
    on_error: Slug


class DecisionIn(Cited):
    kind: Literal["decision"]
    text: str = ""
    cue: str = Field(min_length=1)
    window: float = Field(gt=0, le=300, description="seconds")
    learning_value: float | None = Field(None, ge=0, le=20)
    default: Slug = "watch"
    options: list[OptionIn] = Field(min_length=2)
    prompt: str = ""
    purpose: Literal["supervise", "debrief"] = "supervise"
    timing: TimingIn | None = None


class ChanceIn(Cited):
    kind: Literal["chance"]
    text: str = ""
    outcomes: list[OutcomeIn] = Field(min_length=1)


class EndIn(EffectsIn, Cited):
    kind: Literal["end"]
    title: str = Field(min_length=1, max_length=80)
    text: str = Field(min_length=1)
    # An ending always has a feedback style ("none" too); a step's is optional. Pydantic
    # allows the narrower field, mypy sees a changed attribute type.
    feedback: Literal["none", "brief", "structured"] = "structured"  # type: ignore[assignment]


NodeIn = Annotated[BeatIn | DecisionIn | ChanceIn | EndIn, Field(discriminator="kind")]


class PatientIn(Strict):
    name: str
    age: int | str
    summary: str


class CompetencePoint(Strict):
    value: Prob
    p: Prob


class TraineeIn(Strict):
    id: Slug
    name: str
    level: str
    summary: str
    confidence: Prob
    competence: Prob | list[CompetencePoint]


class SourceIn(Strict):
    citation: str = Field(min_length=5)
    url: str = ""


class ScenarioIn(Strict):
    schema_version: Literal[1, 2]
    id: Slug
    title: str = Field(min_length=1, max_length=70)
    summary: str
    category: Literal["technical", "medication", "communication", "diagnostic", "decision",
                      "management"]
    specialty: str
    setting: str
    supervision: Literal["direct", "indirect", "distant"]
    minutes: float = Field(gt=0, le=60)
    difficulty: Prob = 0.55
    procedure_view: str = "generic"
    patient: PatientIn
    trainees: list[TraineeIn] = Field(min_length=1)
    objectives: list[str] = Field(min_length=1)
    debrief_prompts: list[str] = Field(default_factory=list)
    sources: dict[Slug, SourceIn] = Field(min_length=1)
    attempt_limits: dict[Slug, int] = Field(default_factory=dict)
    start: Slug
    nodes: dict[Slug, NodeIn] = Field(min_length=2)

    @field_validator("procedure_view")
    @classmethod
    def _known_view(cls, value: str) -> str:
        if value not in VIEWS:
            raise ValueError(f"unknown procedure view {value!r}; use one of "
                             f"{', '.join(VIEWS)}")
        return value
