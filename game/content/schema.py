"""The scenario file format (schema_version 1) as pydantic models.

These models describe what an author may write; `compile.py` turns a validated document into
the engine's frozen dataclasses. Field descriptions double as the reference in
docs/authoring.md.
"""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator

Slug = Annotated[str, Field(pattern=r"^[a-z][a-z0-9_]*$", max_length=60)]
Prob = Annotated[float, Field(ge=0.0, le=1.0)]
LevelName = Literal["watch", "probe", "cue", "guide", "takeover"]


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class CompetenceDependent(Strict):
    low: Prob = Field(description="probability when the trainee's competence is 0")
    high: Prob = Field(description="probability when the trainee's competence is 1")


class EffectsIn(Strict):
    learning: float = Field(0.0, ge=0, le=50)
    harm: list[str | dict[Literal["delay"], str]] = []
    experienced_error: bool = False
    tags: list[str] = []
    sets: list[Slug] = []
    attempts: list[Slug] = []
    needs_rescue: Literal["hands_on", "verbal"] | None = None
    high_alert: bool = False
    feedback: Literal["brief", "structured"] | None = None
    provokes_error: bool = False
    procedure: dict[Slug, bool | float | str] = {}

    @field_validator("harm")
    @classmethod
    def _flatten_delay(cls, value: list) -> list:
        return [f"delay-{v['delay'].replace(' ', '')}" if isinstance(v, dict) else v
                for v in value]


class OptionIn(EffectsIn):
    id: Slug
    level: LevelName
    label: str = Field(min_length=1, max_length=45, description="button text")
    say: str = ""
    next: Slug


class OutcomeIn(EffectsIn):
    id: Slug
    p: Prob | CompetenceDependent
    next: Slug
    text: str = ""


class Cited(Strict):
    sources: list[Slug] = []
    assumption: str = ""


class BeatIn(EffectsIn, Cited):
    kind: Literal["beat"]
    text: str = Field(min_length=1)
    duration: float = Field(gt=0, le=120, description="seconds")
    next: Slug


class DecisionIn(Cited):
    kind: Literal["decision"]
    text: str = ""
    cue: str = Field(min_length=1)
    window: float = Field(gt=0, le=300, description="seconds")
    learning_value: float = Field(ge=0, le=20)
    default: Slug = "watch"
    options: list[OptionIn] = Field(min_length=2)
    prompt: str = ""


class ChanceIn(Cited):
    kind: Literal["chance"]
    text: str = ""
    outcomes: list[OutcomeIn] = Field(min_length=1)


class EndIn(EffectsIn, Cited):
    kind: Literal["end"]
    title: str = Field(min_length=1, max_length=80)
    text: str = Field(min_length=1)
    feedback: Literal["none", "brief", "structured"] = "structured"


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
    schema_version: Literal[1]
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
    procedure_view: Literal["lumbar_puncture", "trocar", "caesarean", "generic"] = "generic"
    patient: PatientIn
    trainees: list[TraineeIn] = Field(min_length=1)
    objectives: list[str] = Field(min_length=1)
    debrief_prompts: list[str] = []
    sources: dict[Slug, SourceIn] = Field(min_length=1)
    attempt_limits: dict[Slug, int] = {}
    start: Slug
    nodes: dict[Slug, NodeIn] = Field(min_length=2)
