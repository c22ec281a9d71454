"""Types and ranges of every field a replay log line may hold, checked as the log is read.

A log is hostile input: it may be hand-edited and resealed. Everything downstream (the
verifier, reports, the replay viewer, History) relies on these checks, so a wrong-typed value
becomes one `LogError` naming its line instead of a traceback somewhere later.
Unknown extra fields are allowed (a newer writer may add optional ones, see the format's
compatibility rules); known fields must have the documented type and range.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from typing import Any, TypeGuard

MAX_SEED = 2**63 - 1
"""Seeds are whole numbers 0..2**63-1: what numpy's PCG64 takes and a SQLite INTEGER holds."""
MAX_TICK = 10**9
"""About three years at 10 ticks per second: far beyond any vignette, small enough to add."""
MAX_RISK_WEIGHT = 100.0
MODES = ("practice", "assessment", "workshop", "tutorial", "headless")
PACES = ("slower", "normal", "faster")
COMMAND_KINDS = ("intervene", "skip")
"""`advance` is never logged: time passing is implied by the ticks."""
RATINGS = ("green", "amber", "red")
SCORE_NUMBERS = ("learning", "harm", "net", "regret", "best_value")


class FieldProblem(ValueError):
    """One field of a line is missing or has the wrong type or range."""


Check = Callable[[Any], str | None]
"""Returns what is wrong with a value, or None when it is acceptable."""


def is_int(value: Any, low: int, high: int) -> TypeGuard[int]:
    return isinstance(value, int) and not isinstance(value, bool) and low <= value <= high


def is_number(value: Any) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool) and \
        math.isfinite(value)


def _text(value: Any) -> str | None:
    return None if isinstance(value, str) else "must be text"


def _id(value: Any) -> str | None:
    return None if isinstance(value, str) and value else "must be a non-empty id"


def _one_of(choices: tuple[str, ...]) -> Check:
    return lambda v: None if v in choices else f"must be one of {', '.join(choices)}"


def _int(low: int, high: int) -> Check:
    return lambda v: None if is_int(v, low, high) else \
        f"must be a whole number from {low} to {high}"


def _risk_weight(value: Any) -> str | None:
    if is_number(value) and 0 < value <= MAX_RISK_WEIGHT:
        return None
    return f"must be a finite positive number, at most {MAX_RISK_WEIGHT:g}"


def _object(value: Any) -> str | None:
    return None if isinstance(value, dict) else "must be an object"


HEADER_REQUIRED: dict[str, Check] = {
    "scenario_id": _id, "seed": _int(0, MAX_SEED), "profile": _id,
}
HEADER_OPTIONAL: dict[str, Check] = {
    "game_version": _text, "scenario_sha256": _text, "mode": _one_of(MODES),
    "pace": _one_of(PACES), "risk_weight": _risk_weight, "player": _text,
    "started_at": _text, "policy": _text, "parent": _object,
}
TICK = _int(0, MAX_TICK)
PATH_STEP: dict[str, Check] = {"node": _id, "kind": _id, "choice": _text, "tick": TICK}
"""Kinds are decision, chance and (content v2) window; the verifier compares the whole path
with the re-simulated one, so the reader only checks types."""


def check_fields(record: dict[str, Any], required: dict[str, Check],
                 optional: dict[str, Check] | None = None) -> None:
    """Raise FieldProblem naming the first missing or wrong field."""
    for name, check in required.items():
        if name not in record:
            raise FieldProblem(f"missing field {name!r}")
        _apply(name, check, record[name])
    for name, check in (optional or {}).items():
        if name in record:
            _apply(name, check, record[name])


def _apply(name: str, check: Check, value: Any) -> None:
    problem = check(value)
    if problem:
        raise FieldProblem(f"{name} {problem} (found {_short(value)})")


def _short(value: Any) -> str:
    text = repr(value)
    return text if len(text) <= 40 else text[:37] + "..."


def check_header(header: dict[str, Any]) -> None:
    check_fields(header, HEADER_REQUIRED, HEADER_OPTIONAL)


def check_command(record: dict[str, Any]) -> None:
    check_fields(record, {"tick": TICK, "command": _object, "fingerprint": _text},
                 {"seq": _int(0, MAX_TICK)})
    command = record["command"]
    _apply("command.kind", _one_of(COMMAND_KINDS), command.get("kind"))
    if command["kind"] == "intervene":
        check_fields(command, {"decision": _id, "option": _id})
    extra = set(command) - {"kind", "decision", "option"}
    if extra:
        raise FieldProblem(f"command has unknown fields {sorted(extra)}")


def check_end(record: dict[str, Any]) -> None:
    check_fields(record, {"tick": TICK, "end_node": _id, "fingerprint": _text,
                          "score": _object, "path": _list_of_objects},
                 {"title": _text})
    for number, step in enumerate(record["path"], start=1):
        try:
            check_fields(step, PATH_STEP, {"elapsed": TICK, "by": _text})
        except FieldProblem as exc:
            raise FieldProblem(f"path step {number}: {exc}") from None
    score = record["score"]
    for name in SCORE_NUMBERS:
        if name in score:
            _apply(f"score.{name}", lambda v: None if is_number(v) else
                   "must be a finite number", score[name])
    check_fields(score, {}, {"safety_rating": _one_of(RATINGS),
                             "safety_rule": lambda v: None if v is None or
                             isinstance(v, str) else "must be text or null"})


def check_vote(record: dict[str, Any]) -> None:
    check_fields(record, {"tick": TICK, "decision": _id, "counts": _counts},
                 {"vote_tick": TICK, "followed": lambda v: None if v is None or
                  isinstance(v, str) else "must be an option id or null"})


def _list_of_objects(value: Any) -> str | None:
    if isinstance(value, list) and all(isinstance(v, dict) for v in value):
        return None
    return "must be a list of objects"


def _counts(value: Any) -> str | None:
    if isinstance(value, dict) and all(is_int(v, 0, 10**6) for v in value.values()):
        return None
    return "must map option ids to whole numbers of votes"
