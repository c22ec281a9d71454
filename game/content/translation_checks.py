"""A translation file checked against the scenario it translates: errors (the file is not
used; the vignette shows in English) and warnings (it is used; some words show in English).
Every problem is pinned to the translation file's `path:line:col`."""

from __future__ import annotations

from pathlib import Path

from game.content.problems import Problem, warning
from game.content.translation_schema import TranslationIn
from game.content.translation_texts import (
    OPTIONAL,
    TextPath,
    english_texts,
    given_texts,
    picture_words,
)
from game.content.yamlmarks import Marks, locate
from game.core.model import Chance, Decision, Scenario


def check_translation(doc: TranslationIn, marks: Marks, shown: str, scenario: Scenario,
                      language: str) -> list[Problem]:
    """Errors (the file cannot be used) and warnings (it can; something shows in English)."""
    unknown = _unknown_ids(doc, scenario)
    name = Path(scenario.path).name
    problems = _identity_problems(doc, marks, shown, scenario, language)
    problems += [Problem(shown, *locate(marks, path + ("<key>",)),
                         f"{_dotted(path)}: {what} in {name}") for path, what in unknown]
    problems += _list_lengths(doc, marks, shown, scenario)
    problems += _picture_words(doc, marks, shown, scenario)
    english = english_texts(scenario)
    for path, text in given_texts(doc).items():
        if any(path[:len(u)] == u for u, _ in unknown) or _beyond_list(path, scenario) \
                or (path[0] == "procedure" and path not in english):
            continue  # reported once, against the id, the list or the picture's words
        if not text.strip():
            problems.append(Problem(shown, *locate(marks, path), f"{_dotted(path)}: empty "
                                    "text; leave the key out to show the English"))
        elif path not in english:
            problems.append(Problem(shown, *locate(marks, path), f"{_dotted(path)}: the "
                                    f"English has no {path[-1]} here, so there is nothing to "
                                    "translate"))
    problems += _missing(english, given_texts(doc), marks, shown)
    return problems


def _picture_words(doc: TranslationIn, marks: Marks, shown: str,
                   scenario: Scenario) -> list[Problem]:
    """The picture's captions and room names: each must be one the English sets, and fit the
    same length limit as the English (the picture has no more room in German)."""
    words, problems = picture_words(scenario), []
    for english, translated in doc.procedure.items():
        at = ("procedure", english)
        if english not in words:
            problems.append(Problem(shown, *locate(marks, at + ("<key>",)),
                                    f"procedure: no caption or room in "
                                    f"{Path(scenario.path).name} reads {english!r}"))
        elif (limit := words[english]) is not None and len(translated) > limit:
            problems.append(Problem(shown, *locate(marks, at),
                                    f"procedure: {english!r}: the translation is "
                                    f"{len(translated)} characters; at most {limit} fit"))
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
