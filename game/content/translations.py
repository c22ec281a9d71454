"""A vignette's words in the player's language: find, check and lay a translation file over the
English scenario.

A translation of `scenarios/lumbar_puncture.yaml` into German lives at
`scenarios/translations/de/lumbar_puncture.yaml` (the folder beside the scenario), keyed by the
English file's node, option, outcome and trainee ids (`translation_schema.py`). It carries
words only, so the translated scenario keeps the English file's content hash: a German
session plays, scores, logs and verifies exactly as an English one.

A broken translation loses nothing: its problems are reported `path:line:col` and the vignette
stays playable in English. A string the file leaves out shows in English and is a warning, so
a half-done translation is usable while it is being written.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from pydantic import ValidationError

from game.content.loader import parse_document, schema_problems
from game.content.problems import ContentError, Problem
from game.content.safe_read import UnreadableFile, file_stamp, read_scenario_bytes
from game.content.translation_checks import check_translation
from game.content.translation_schema import TranslationIn
from game.content.translation_texts import apply_translation
from game.core.memo import KeyedCache
from game.core.model import Scenario

SOURCE_LANGUAGE = "en"
"""Scenario files are written in English; every other language is a translation."""

FOLDER = "translations"


def translation_path(scenario: Scenario, language: str) -> Path:
    return Path(scenario.path).parent / FOLDER / language / f"{scenario.id}.yaml"


@dataclass(frozen=True)
class Translated:
    scenario: Scenario
    """The scenario in the language asked for, or in English when there is no usable file."""
    path: str | None = None
    """The translation file, None when there is none."""
    problems: tuple[Problem, ...] = ()
    """Its errors and warnings; any error means the English text shows."""

    @property
    def applied(self) -> bool:
        return self.scenario.language != SOURCE_LANGUAGE


def read_translation(path: Path, scenario: Scenario, language: str) -> Translated:
    """Read, check and apply one translation file; its problems travel with the result."""
    shown = str(path)
    try:
        raw = read_scenario_bytes(path)
        data, marks = parse_document(raw, shown, "a translation")
    except UnreadableFile as exc:
        return Translated(scenario, shown, (Problem(shown, 1, 1, str(exc)),))
    except ContentError as exc:
        return Translated(scenario, shown, tuple(exc.problems))
    try:
        doc = TranslationIn.model_validate(data)
    except ValidationError as exc:
        return Translated(scenario, shown, tuple(schema_problems(exc, marks, shown)))
    problems = tuple(sorted(check_translation(doc, marks, shown, scenario, language)))
    if any(p.is_error for p in problems):
        return Translated(scenario, shown, problems)
    return Translated(apply_translation(scenario, doc, language), shown, problems)


class TranslationCache:
    """Translated scenarios by (scenario version, language, translation file stamp): the
    library is reloaded whenever a screen asks, and a translation is read once per change."""

    def __init__(self, size: int = 256):
        self._memo: KeyedCache[Translated] = KeyedCache(size)

    def translate(self, scenario: Scenario, language: str) -> Translated:
        if language == SOURCE_LANGUAGE or not scenario.path:
            return Translated(scenario)
        path = translation_path(scenario, language)
        stamp = file_stamp(path)
        if stamp is None:  # none, or not a regular file (said, and read again each time)
            return read_translation(path, scenario, language) if os.path.lexists(path) \
                else Translated(scenario)
        key = (scenario.path, scenario.content_sha256, language, stamp)
        return self._memo.get(key, lambda: read_translation(path, scenario, language))


TRANSLATIONS = TranslationCache()
"""The process's translated scenarios (a pure memo of immutable results, keyed by stamps)."""


def translate(scenario: Scenario, language: str) -> Translated:
    """`scenario` in `language` when a usable translation exists beside it, else as it is."""
    return TRANSLATIONS.translate(scenario, language)


def translation_languages(folder: Path) -> list[str]:
    """The languages a scenario folder has translations for (its translations/ subfolders)."""
    root = folder / FOLDER
    if not root.is_dir():
        return []
    return sorted(p.name for p in root.iterdir() if p.is_dir() and len(p.name) == 2)
