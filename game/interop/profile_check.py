"""Statements against the profile: template rules, extension schemas, the session pattern.

Implements what the xAPI Profiles specification (Part Three, "Statement Template
Validation" and "Pattern Validation") asks of a validator, for the JSONPath subset profiles
use here: `$`, `.name`, `['name']`, `[*]` and `.*`.
"""

from __future__ import annotations

import json
import re
from typing import Any

from game.interop.profile_model import Pattern, Profile, StatementTemplate

_TOKEN = re.compile(r"\.([A-Za-z_][\w-]*)|\['([^']*)'\]|\[\*\]|\.\*")


def json_path(document: Any, path: str) -> list[Any]:
    """Values at `path` (empty when nothing is there)."""
    if not path.startswith("$"):
        raise ValueError(f"not a JSONPath: {path}")
    values, pos = [document], 1
    while pos < len(path):
        m = _TOKEN.match(path, pos)
        if not m:
            raise ValueError(f"unsupported JSONPath {path!r} at {pos}")
        key = m.group(1) if m.group(1) is not None else m.group(2)
        values = _step(values, key)
        pos = m.end()
    return values


def _step(values: list[Any], key: str | None) -> list[Any]:
    out: list[Any] = []
    for value in values:
        if key is None:  # wildcard
            if isinstance(value, list):
                out.extend(value)
            elif isinstance(value, dict):
                out.extend(value.values())
        elif isinstance(value, dict) and key in value:
            out.append(value[key])
    return out


def _types(statement: dict, where: str) -> set[str]:
    activities = statement.get("context", {}).get("contextActivities", {}).get(where, [])
    return {a.get("definition", {}).get("type") for a in activities}


def template_problems(statement: dict, t: StatementTemplate) -> list[str]:
    """Why `statement` does not match template `t` (empty when it does)."""
    problems = []
    if t.verb and statement.get("verb", {}).get("id") != t.verb:
        problems.append(f"verb is not {t.verb}")
    if t.objectActivityType and statement.get("object", {}).get("definition", {}).get(
            "type") != t.objectActivityType:
        problems.append(f"object type is not {t.objectActivityType}")
    for where, wanted in (("parent", t.contextParentActivityType),
                          ("grouping", t.contextGroupingActivityType),
                          ("other", t.contextOtherActivityType),
                          ("category", t.contextCategoryActivityType)):
        missing = set(wanted or ()) - _types(statement, where)
        if missing:
            problems.append(f"context {where} lacks activity type {sorted(missing)}")
    for rule in t.rules:
        problems.extend(_rule_problems(statement, rule))
    return problems


def _rule_problems(statement: dict, rule: Any) -> list[str]:
    values = json_path(statement, rule.location)
    if rule.selector:
        values = [x for v in values for x in json_path(v, rule.selector)]
    where = rule.location
    if rule.presence == "included" and (not values or any(x is None for x in values)):
        return [f"{where} must be included"]
    if rule.presence == "excluded" and values:
        return [f"{where} must be excluded"]
    if not values:
        return []
    out = []
    if rule.any is not None and not any(x in rule.any for x in values):
        out.append(f"{where} has none of {rule.any}")
    if rule.all is not None and not all(x in rule.all for x in values):
        out.append(f"{where} has values outside {rule.all}")
    if rule.none is not None and any(x in rule.none for x in values):
        out.append(f"{where} has a forbidden value")
    return out


def classify(statement: dict, profile: Profile) -> str | None:
    """The id of the one template the statement matches, or None."""
    hits = [t.id for t in profile.templates if not template_problems(statement, t)]
    return hits[0] if len(hits) == 1 else None


def extension_problems(statement: dict, profile: Profile) -> list[str]:
    """Extension values that break the inline schema of the profile's extension concept."""
    schemas = {c.id: json.loads(c.inlineSchema) for c in profile.concepts if c.inlineSchema}
    problems = []
    for part in ("context", "result"):
        for iri, value in statement.get(part, {}).get("extensions", {}).items():
            if iri.startswith(profile.id.rsplit("/", 1)[0]) and iri not in schemas:
                problems.append(f"{iri} is not defined in the profile")
            elif iri in schemas and not _fits(value, schemas[iri]):
                problems.append(f"{iri}={value!r} does not fit {schemas[iri]}")
    return problems


_JSON_TYPES = {"string": str, "object": dict, "boolean": bool, "array": list}


def _fits(value: Any, schema: dict) -> bool:
    kind = schema.get("type")
    if kind in ("number", "integer"):
        ok = isinstance(value, (int, float)) and not isinstance(value, bool)
        ok = ok and (kind == "number" or float(value).is_integer())
        ok = ok and schema.get("minimum", value) <= value <= schema.get("maximum", value)
    else:
        ok = isinstance(value, _JSON_TYPES.get(str(kind), object))
    if ok and kind == "array":
        ok = schema.get("minItems", 0) <= len(value) <= schema.get("maxItems", len(value))
    if ok and "enum" in schema:
        ok = value in schema["enum"]
    if ok and "pattern" in schema:
        ok = re.search(schema["pattern"], value) is not None
    return ok


def matches_pattern(template_ids: list[str], pattern_id: str, profile: Profile) -> bool:
    """Does the whole sequence of template ids match the pattern?"""
    patterns = {p.id: p for p in profile.patterns}
    return len(template_ids) in _ends(pattern_id, 0, template_ids, patterns)


def _ends(member: str, pos: int, ids: list[str], patterns: dict[str, Pattern]) -> set[int]:
    p = patterns.get(member)
    if p is None:  # a template
        return {pos + 1} if pos < len(ids) and ids[pos] == member else set()
    if p.kind == "sequence":
        positions = {pos}
        for m in p.members:
            positions = {e for s in positions for e in _ends(m, s, ids, patterns)}
        return positions
    if p.kind == "alternates":
        return {e for m in p.members for e in _ends(m, pos, ids, patterns)}
    inner = p.members[0]
    if p.kind == "optional":
        return {pos} | _ends(inner, pos, ids, patterns)
    first = _ends(inner, pos, ids, patterns)
    reached, frontier = set(first), set(first)
    while frontier:
        frontier = {e for s in frontier for e in _ends(inner, s, ids, patterns)
                    if e not in reached and e > s}
        reached |= frontier
    return reached | ({pos} if p.kind == "zeroOrMore" else set())
