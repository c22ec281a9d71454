"""Load one scenario file: safe YAML -> schema -> graph checks -> immutable Scenario.

Every problem in a file is collected and raised together as a `ContentError` whose messages
read `path:line:col: message`.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from pydantic import ValidationError

from game.content.checks import check_graph
from game.content.compile import compile_scenario
from game.content.problems import ContentError, Problem
from game.content.schema import ScenarioIn
from game.content.yamlmarks import YamlProblem, load_with_marks, locate
from game.core.model import Scenario


def content_hash(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def load_scenario(path: str | Path) -> Scenario:
    path = Path(path)
    shown = str(path)
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise ContentError([Problem(shown, 1, 1, f"cannot read file: {exc.strerror}")]) from None
    return load_scenario_text(raw, shown)


def load_scenario_text(raw: bytes, shown: str) -> Scenario:
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise ContentError([Problem(shown, 1, 1, f"not UTF-8 text ({exc.reason})")]) from None
    try:
        data, marks = load_with_marks(text)
    except YamlProblem as exc:
        raise ContentError([Problem(shown, exc.line, exc.col, exc.message)]) from None
    if not isinstance(data, dict):
        raise ContentError([Problem(shown, 1, 1, "a scenario file must be a YAML mapping")])
    version = data.get("schema_version")
    if isinstance(version, int) and not isinstance(version, bool) and version > 1:
        line, col = locate(marks, ("schema_version",))
        raise ContentError([Problem(shown, line, col,
                                    f"schema_version {version} is newer than this game reads "
                                    "(1); update Safety Net")])
    try:
        doc = ScenarioIn.model_validate(data)
    except ValidationError as exc:
        raise ContentError(_schema_problems(exc, marks, shown)) from None
    problems = check_graph(doc, marks, shown)
    if problems:
        raise ContentError(problems)
    return compile_scenario(doc, shown, content_hash(raw))


def _schema_problems(exc: ValidationError, marks, shown: str) -> list[Problem]:
    problems = []
    for err in exc.errors():
        loc = tuple(err["loc"])
        # pydantic adds the union member's tag (e.g. 'decision') to the location; drop it
        clean = tuple(p for p in loc if p not in ("beat", "decision", "chance", "end",
                                                   "str", "dict[literal['delay'],str]"))
        clean = tuple(p for p in clean if not (isinstance(p, str) and p.startswith("function-")))
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
