"""Load one scenario file: bounded read -> safe YAML -> schema -> graph checks -> Scenario.

Every error in a file is collected and raised together as a `ContentError` whose messages
read `path:line:col: message`; warnings travel beside the loaded scenario (`Loaded`). Only the
project's own error type ever leaves this module, whatever the bytes.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from pathlib import Path

from pydantic import ValidationError

from game.content.checks import check_graph
from game.content.compile import compile_scenario
from game.content.problems import ContentError, Problem
from game.content.safe_read import MAX_BYTES, UnreadableFile, read_scenario_bytes
from game.content.schema import UNION_TAGS, ScenarioIn
from game.content.yamlmarks import Marks, YamlProblem, load_with_marks, locate
from game.core.model import Scenario

NEWEST_VERSION = 2
"""The newest scenario schema_version this game reads (it reads every older one too)."""


@dataclass(frozen=True)
class Loaded:
    scenario: Scenario
    warnings: tuple[Problem, ...] = ()
    marks: Marks = field(default_factory=dict, compare=False, repr=False)
    """Where each value was written, for warnings found later (e.g. dominance)."""


def content_hash(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def load_scenario(path: str | Path) -> Scenario:
    return load_checked(path).scenario


def load_checked(path: str | Path) -> Loaded:
    shown = str(path)
    try:
        raw = read_scenario_bytes(path)
    except UnreadableFile as exc:
        raise ContentError([Problem(shown, 1, 1, str(exc))]) from None
    return check_text(raw, shown)


def load_scenario_text(raw: bytes, shown: str) -> Scenario:
    return check_text(raw, shown).scenario


def parse_document(raw: bytes, shown: str, what: str = "a scenario") -> tuple[dict, Marks]:
    """The file as plain data with its marks; the size and UTF-8 checks come first. `what`
    names the kind of file in messages ("a scenario", "a translation")."""
    if len(raw) > MAX_BYTES:
        raise ContentError([Problem(shown, 1, 1, f"file is larger than {MAX_BYTES // 1024} "
                                                 f"KB; {what} never needs this much")])
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise ContentError([Problem(shown, 1, 1, f"not UTF-8 text ({exc.reason})")]) from None
    try:
        data, marks = load_with_marks(text)
    except YamlProblem as exc:
        raise ContentError([Problem(shown, exc.line, exc.col, exc.message)]) from None
    if not isinstance(data, dict):
        raise ContentError([Problem(shown, 1, 1, f"{what} file must be a YAML mapping")])
    return data, marks


def check_text(raw: bytes, shown: str) -> Loaded:
    data, marks = parse_document(raw, shown)
    version = data.get("schema_version")
    if isinstance(version, int) and not isinstance(version, bool) and version > NEWEST_VERSION:
        line, col = locate(marks, ("schema_version",))
        raise ContentError([Problem(shown, line, col,
                                    f"schema_version {version} is newer than this game reads "
                                    f"({NEWEST_VERSION}); update Safety Net")])
    try:
        doc = ScenarioIn.model_validate(data)
    except ValidationError as exc:
        raise ContentError(schema_problems(exc, marks, shown)) from None
    found = check_graph(doc, marks, shown)
    errors = [p for p in found if p.is_error]
    if errors:
        raise ContentError(errors)
    scenario = compile_scenario(doc, shown, content_hash(raw))
    return Loaded(scenario, tuple(sorted(p for p in found if not p.is_error)), marks)


_TAGS = frozenset(("beat", "decision", "chance", "end", "str", "dict[literal['delay'],str]")
                  + UNION_TAGS)


def schema_problems(exc: ValidationError, marks: Marks, shown: str) -> list[Problem]:
    problems = []
    for err in exc.errors():
        # pydantic adds the union member's tag (e.g. 'decision') to the location; drop it
        clean = tuple(p for p in err["loc"] if p not in _TAGS and not (
            isinstance(p, str) and p.startswith("function-")))
        if err["type"] == "extra_forbidden":
            line, col = locate(marks, clean + ("<key>",))
            message = f"unknown field {clean[-1]!r}"
        else:
            line, col = locate(marks, clean)
            message = err["msg"]
        where = ".".join(str(p) for p in clean) or "(top level)"
        problems.append(Problem(shown, line, col, f"{where}: {message}"))
    return _dedupe(problems)


def _dedupe(problems: list[Problem]) -> list[Problem]:
    seen, result = set(), []
    for p in problems:
        if (p.line, p.col, p.message) not in seen:
            seen.add((p.line, p.col, p.message))
            result.append(p)
    return result
