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
import threading
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path

from pydantic import ValidationError

from game.content.loader import parse_document, schema_problems
from game.content.problems import ContentError, Problem, warning
from game.content.safe_read import UnreadableFile, file_stamp, read_scenario_bytes
from game.content.translation_schema import TranslationIn
from game.content.yamlmarks import Marks, locate
from game.core.model import Chance, Decision, End, Node, Scenario

SOURCE_LANGUAGE = "en"
"""Scenario files are written in English; every other language is a translation."""

FOLDER = "translations"

TextPath = tuple[str | int, ...]
"""Where a string sits, in the translation file's terms: ("nodes", node id, "cue")."""

OPTIONAL = frozenset({("patient", "name")})
"""Strings a translation may leave in English without a warning (names of people)."""


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


def english_texts(scenario: Scenario) -> dict[TextPath, str]:
    """Every string a translation may (and should) give, by its path in a translation file."""
    texts: dict[TextPath, str] = {("title",): scenario.title, ("summary",): scenario.summary,
                                  ("specialty",): scenario.specialty,
                                  ("setting",): scenario.setting,
                                  ("patient", "name"): scenario.patient.name,
                                  ("patient", "summary"): scenario.patient.summary}
    if not scenario.patient.age.isdigit():
        texts[("patient", "age")] = scenario.patient.age
    for trainee in scenario.trainees:
        for name in ("name", "level", "summary"):
            texts[("trainees", trainee.id, name)] = getattr(trainee, name)
    for list_name in ("objectives", "debrief_prompts"):
        for i, item in enumerate(getattr(scenario, list_name)):
            texts[(list_name, i)] = item
    for node in scenario.nodes.values():
        texts.update(_node_texts(node))
    return {path: text for path, text in texts.items() if text}


def _node_texts(node: Node) -> dict[TextPath, str]:
    at: TextPath = ("nodes", node.id)
    texts = {at + ("text",): node.text}
    if isinstance(node, Decision):
        texts[at + ("cue",)] = node.cue
        texts[at + ("prompt",)] = node.prompt
        for option in node.options:
            texts[at + ("options", option.id, "label")] = option.label
            texts[at + ("options", option.id, "say")] = option.say
    elif isinstance(node, Chance):
        for outcome in node.outcomes:
            texts[at + ("outcomes", outcome.id, "text")] = outcome.text
    elif isinstance(node, End):
        texts[at + ("title",)] = node.title
    return texts


def given_texts(doc: TranslationIn) -> dict[TextPath, str]:
    """Every string the translation file gives, by its path (lists by index)."""
    given: dict[TextPath, str | None] = {
        ("title",): doc.title, ("summary",): doc.summary, ("specialty",): doc.specialty,
        ("setting",): doc.setting}
    for name, value in doc.patient:
        given[("patient", name)] = value
    for trainee_id, trainee in doc.trainees.items():
        for name, value in trainee:
            given[("trainees", trainee_id, name)] = value
    for list_name in ("objectives", "debrief_prompts"):
        for i, item in enumerate(getattr(doc, list_name) or ()):
            given[(list_name, i)] = item
    for node_id, node in doc.nodes.items():
        at: TextPath = ("nodes", node_id)
        for name in ("text", "cue", "prompt", "title"):
            given[at + (name,)] = getattr(node, name)
        for option_id, option in node.options.items():
            given[at + ("options", option_id, "label")] = option.label
            given[at + ("options", option_id, "say")] = option.say
        for outcome_id, outcome in node.outcomes.items():
            given[at + ("outcomes", outcome_id, "text")] = outcome.text
    return {path: text for path, text in given.items() if text is not None}


def check_translation(doc: TranslationIn, marks: Marks, shown: str, scenario: Scenario,
                      language: str) -> list[Problem]:
    """Errors (the file cannot be used) and warnings (it can; something shows in English)."""
    unknown = _unknown_ids(doc, scenario)
    name = Path(scenario.path).name
    problems = _identity_problems(doc, marks, shown, scenario, language)
    problems += [Problem(shown, *locate(marks, path + ("<key>",)),
                         f"{_dotted(path)}: {what} in {name}") for path, what in unknown]
    problems += _list_lengths(doc, marks, shown, scenario)
    english = english_texts(scenario)
    for path, text in given_texts(doc).items():
        if any(path[:len(u)] == u for u, _ in unknown) or _beyond_list(path, scenario):
            continue  # reported once, against the id or the list
        if not text.strip():
            problems.append(Problem(shown, *locate(marks, path), f"{_dotted(path)}: empty "
                                    "text; leave the key out to show the English"))
        elif path not in english:
            problems.append(Problem(shown, *locate(marks, path), f"{_dotted(path)}: the "
                                    f"English has no {path[-1]} here, so there is nothing to "
                                    "translate"))
    problems += _missing(english, given_texts(doc), marks, shown)
    return problems


def _beyond_list(path: TextPath, scenario: Scenario) -> bool:
    return path[0] in ("objectives", "debrief_prompts") and \
        int(path[1]) >= len(getattr(scenario, str(path[0])))


def _identity_problems(doc: TranslationIn, marks: Marks, shown: str, scenario: Scenario,
                       language: str) -> list[Problem]:
    problems = []
    if doc.translation_of != scenario.id:
        line, col = locate(marks, ("translation_of",))
        problems.append(Problem(shown, line, col, f"translation_of: this file sits beside "
                                                  f"{scenario.id!r}, not "
                                                  f"{doc.translation_of!r}"))
    if doc.language != language:
        line, col = locate(marks, ("language",))
        problems.append(Problem(shown, line, col, f"language: the file is in the {language!r} "
                                                  f"folder but says {doc.language!r}"))
    if doc.english_sha256 and doc.english_sha256 != scenario.content_sha256:
        line, col = locate(marks, ("english_sha256",))
        problems.append(warning(shown, line, col, "translated from an older English text: "
                                                  "check what changed in "
                                                  f"{Path(scenario.path).name}, then set "
                                                  f"english_sha256 to "
                                                  f"{scenario.content_sha256}"))
    return problems


def _unknown_ids(doc: TranslationIn, scenario: Scenario) -> list[tuple[TextPath, str]]:
    """Ids the English file does not have: a typo, or a node renamed since translating."""
    trainee_ids = {t.id for t in scenario.trainees}
    unknown: list[tuple[TextPath, str]] = [(("trainees", t), f"no trainee {t!r}")
                                           for t in doc.trainees if t not in trainee_ids]
    for node_id, node in doc.nodes.items():
        english = scenario.nodes.get(node_id)
        if english is None:
            unknown.append((("nodes", node_id), f"no node {node_id!r}"))
            continue
        options = {o.id for o in english.options} if isinstance(english, Decision) else set()
        outcomes = {o.id for o in english.outcomes} if isinstance(english, Chance) else set()
        unknown += [(("nodes", node_id, "options", o), f"no option {o!r} at {node_id!r}")
                    for o in node.options if o not in options]
        unknown += [(("nodes", node_id, "outcomes", o), f"no outcome {o!r} at {node_id!r}")
                    for o in node.outcomes if o not in outcomes]
    return unknown


def _list_lengths(doc: TranslationIn, marks: Marks, shown: str,
                  scenario: Scenario) -> list[Problem]:
    problems = []
    for list_name in ("objectives", "debrief_prompts"):
        given, english = getattr(doc, list_name), getattr(scenario, list_name)
        if given is not None and len(given) != len(english):
            line, col = locate(marks, (list_name,))
            problems.append(Problem(shown, line, col, f"{list_name}: {len(given)} item(s), the "
                                                      f"English has {len(english)}; translate "
                                                      "each, in the same order"))
    return problems


def _missing(english: dict[TextPath, str], given: dict[TextPath, str], marks: Marks,
             shown: str) -> list[Problem]:
    """One warning per node (or trainee, or top-level field) with strings left in English."""
    left: dict[TextPath, list[str]] = {}
    for path in english:
        if path in given or path in OPTIONAL or (path[0] == "trainees" and path[-1] == "name"):
            continue
        owner = _owner(path)
        left.setdefault(owner, []).append(_field_name(path[len(owner):]))
    return [warning(shown, *locate(marks, owner), f"{_dotted(owner)}: not translated"
                                                  f"{_listed(fields)}; the English shows")
            for owner, fields in left.items()]


def _field_name(rest: TextPath) -> str:
    """`rest` of a path below its owner, as an author reads it (list items count from 1)."""
    if len(rest) == 1 and isinstance(rest[0], int):
        return f"item {rest[0] + 1}"
    return _dotted(rest)


def _listed(fields: list[str]) -> str:
    named = [f for f in fields if f]
    return f" ({', '.join(named)})" if named else ""


def _owner(path: TextPath) -> TextPath:
    """The node or trainee a string belongs to, or the top-level field itself."""
    return path[:2] if path[0] in ("nodes", "trainees") else path[:1]


def _dotted(path: TextPath) -> str:
    return ".".join(str(p) for p in path)


def apply_translation(scenario: Scenario, doc: TranslationIn, language: str) -> Scenario:
    """The scenario with every string the translation gives in place of the English one."""
    given = given_texts(doc)

    def text(path: TextPath, english: str) -> str:
        return given.get(path, english) if english else english

    trainees = tuple(replace(t, name=text(("trainees", t.id, "name"), t.name),
                             level=text(("trainees", t.id, "level"), t.level),
                             summary=text(("trainees", t.id, "summary"), t.summary))
                     for t in scenario.trainees)
    p = scenario.patient
    patient = replace(p, name=text(("patient", "name"), p.name),
                      age=text(("patient", "age"), p.age),
                      summary=text(("patient", "summary"), p.summary))
    return replace(
        scenario, language=language, original=scenario.as_written(), patient=patient,
        trainees=trainees,
        title=text(("title",), scenario.title), summary=text(("summary",), scenario.summary),
        specialty=text(("specialty",), scenario.specialty),
        setting=text(("setting",), scenario.setting),
        objectives=tuple(text(("objectives", i), item)
                         for i, item in enumerate(scenario.objectives)),
        debrief_prompts=tuple(text(("debrief_prompts", i), item)
                              for i, item in enumerate(scenario.debrief_prompts)),
        nodes={node_id: _translated_node(node, text)
               for node_id, node in scenario.nodes.items()})


def _translated_node(node: Node, text: Callable[[TextPath, str], str]) -> Node:
    at: TextPath = ("nodes", node.id)
    if isinstance(node, Decision):
        options = tuple(replace(o, label=text(at + ("options", o.id, "label"), o.label),
                                say=text(at + ("options", o.id, "say"), o.say))
                        for o in node.options)
        return replace(node, text=text(at + ("text",), node.text),
                       cue=text(at + ("cue",), node.cue),
                       prompt=text(at + ("prompt",), node.prompt), options=options)
    if isinstance(node, Chance):
        outcomes = tuple(replace(o, text=text(at + ("outcomes", o.id, "text"), o.text))
                         for o in node.outcomes)
        return replace(node, text=text(at + ("text",), node.text), outcomes=outcomes)
    if isinstance(node, End):
        return replace(node, text=text(at + ("text",), node.text),
                       title=text(at + ("title",), node.title))
    return replace(node, text=text(at + ("text",), node.text))


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
    library is reloaded whenever a screen asks, and a translation is read once per change.
    Bounded and locked (the UI loads the library from a background thread too)."""

    def __init__(self, size: int = 256):
        self.size = size
        self._items: OrderedDict[tuple, Translated] = OrderedDict()
        self._lock = threading.Lock()
        self.reads = 0

    def translate(self, scenario: Scenario, language: str) -> Translated:
        if language == SOURCE_LANGUAGE or not scenario.path:
            return Translated(scenario)
        path = translation_path(scenario, language)
        stamp = file_stamp(path)
        if stamp is None:  # none, or not a regular file (said, and read again each time)
            return read_translation(path, scenario, language) if os.path.lexists(path) \
                else Translated(scenario)
        key = (scenario.path, scenario.content_sha256, language, stamp)
        with self._lock:
            found = self._items.get(key)
            if found is not None:
                self._items.move_to_end(key)
                return found
        self.reads += 1
        found = read_translation(path, scenario, language)
        with self._lock:
            self._items[key] = found
            while len(self._items) > self.size:
                self._items.popitem(last=False)
        return found


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
