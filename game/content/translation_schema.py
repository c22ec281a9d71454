"""The shape of a translation file: a vignette's words in another language, keyed by the ids of
the English scenario it translates.

A translation holds words only. Everything the engine and the scoring model read (the graph,
probabilities, harm grades, timings, flags, sources) stays in the English file, so a German
session plays, scores and logs exactly as an English one; only what the player reads changes.
`translations.py` checks a file against its scenario and lays it over the scenario's text.
"""

from __future__ import annotations

from pydantic import Field

from game.content.schema import Slug, Strict

Text = str
"""Free text; an empty string is refused by the checks (a translation that says nothing)."""


class OptionText(Strict):
    label: Text | None = Field(None, max_length=45, description="button text")
    say: Text | None = None


class OutcomeText(Strict):
    text: Text | None = None


class NodeText(Strict):
    text: Text | None = None
    cue: Text | None = None
    prompt: Text | None = None
    title: Text | None = Field(None, max_length=80, description="an ending's title")
    options: dict[Slug, OptionText] = Field(default_factory=dict)
    outcomes: dict[Slug, OutcomeText] = Field(default_factory=dict)


class PatientText(Strict):
    name: Text | None = None
    age: Text | None = None
    summary: Text | None = None


class TraineeText(Strict):
    name: Text | None = None
    level: Text | None = None
    summary: Text | None = None


class TranslationIn(Strict):
    translation_of: Slug = Field(description="the id of the scenario this file translates")
    language: str = Field(pattern=r"^[a-z]{2}$", description="ISO 639-1 code, e.g. de")
    english_sha256: str | None = Field(
        None, pattern=r"^[0-9a-f]{64}$",
        description="SHA-256 of the English file translated; a mismatch is a warning")
    title: Text | None = Field(None, max_length=70)
    summary: Text | None = None
    specialty: Text | None = None
    setting: Text | None = None
    patient: PatientText = Field(default_factory=PatientText)
    trainees: dict[Slug, TraineeText] = Field(default_factory=dict)
    objectives: list[Text] | None = None
    debrief_prompts: list[Text] | None = None
    nodes: dict[Slug, NodeText] = Field(default_factory=dict)
    procedure: dict[str, Text] = Field(
        default_factory=dict,
        description="the procedure picture's captions and room names: English -> translation")
