"""Fuzzing the scenario parser (issue 17, item 5): whatever the bytes, only the project's own
error type comes out, and every problem in it has a location in the file.

Inputs are random bytes, random text, and the two inline vignettes (v1 and v2) with spans cut
out, YAML punctuation and other values spliced in, and lines duplicated, which reaches the
schema and graph passes as well as the YAML reader. `make fuzz` runs it longer.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from game.content.loader import load_scenario_text
from game.content.problems import ContentError
from game.core.model import Scenario
from tests.inline import TINY_YAML

V2 = (Path(__file__).parent / "v2_example.yaml").read_text()
BASES = (TINY_YAML, V2)
PUNCTUATION = "[]{}:,-&*!|>'\"#?%@`~\n\t 0123456789.eE+"
SNIPPETS = ("&a ", "*a", "<<: *a", "!!python/object:os.system", "!!binary AAAA", "- ",
            ": ", "{if: [x], p: 0.5}", "[[0, 0], [1, 2]]", "never_event: true", "1e999",
            ".nan", "-1", "null", "~", "2026-01-01", "? [a]\n: b", "---\n", "\ufeff",
            "schema_version: 2", "schema_version: 1", "timing:", "requires: [", "\x00")
LOCATED = re.compile(r"^fuzz\.yaml:[1-9]\d*:[1-9]\d*: \S")


def check(raw: bytes) -> None:
    try:
        result = load_scenario_text(raw, "fuzz.yaml")
    except ContentError as exc:
        assert exc.problems
        for problem in exc.problems:
            assert problem.path == "fuzz.yaml" and problem.line >= 1 and problem.col >= 1
            assert LOCATED.match(str(problem)), str(problem)
        return
    assert isinstance(result, Scenario)


@st.composite
def mutated(draw) -> str:
    text = draw(st.sampled_from(BASES))
    for _ in range(draw(st.integers(1, 4))):
        at = draw(st.integers(0, len(text)))
        kind = draw(st.sampled_from(("cut", "punct", "snippet", "line")))
        if kind == "cut":
            text = text[:at] + text[at + draw(st.integers(1, 40)):]
        elif kind == "punct":
            text = text[:at] + draw(st.text(PUNCTUATION, min_size=1, max_size=6)) + text[at:]
        elif kind == "snippet":
            text = text[:at] + draw(st.sampled_from(SNIPPETS)) + text[at:]
        else:
            lines = text.splitlines(keepends=True)
            i = draw(st.integers(0, len(lines) - 1))
            text = "".join(lines[:i] + [lines[i]] + lines[i:])
    return text


EXAMPLES = 5000 if os.environ.get("HYPOTHESIS_PROFILE") == "fuzz" else 150
"""150 in CI; `make fuzz` (HYPOTHESIS_PROFILE=fuzz) runs 5000; FUZZ_EXAMPLES overrides both."""
FUZZ = settings(max_examples=int(os.environ.get("FUZZ_EXAMPLES", EXAMPLES)), deadline=None,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])


@FUZZ
@given(mutated())
def test_mutated_vignettes_give_located_content_errors_only(text):
    check(text.encode("utf-8", "surrogatepass"))


@FUZZ
@given(st.binary(max_size=400))
def test_random_bytes_give_located_content_errors_only(raw):
    check(raw)


@FUZZ
@given(st.text(alphabet=st.characters(codec="utf-8"), max_size=300))
def test_random_text_gives_located_content_errors_only(text):
    check(text.encode("utf-8"))


def test_the_unmutated_bases_load():
    for text in BASES:
        check(text.encode())
        assert isinstance(load_scenario_text(text.encode(), "fuzz.yaml"), Scenario)


VALUES = st.recursive(
    st.none() | st.booleans() | st.integers(-3, 400) | st.floats(-2, 2, allow_nan=False)
    | st.sampled_from(("watch", "cue", "takeover", "d1", "end_ok", "intro", "c1", "x", "",
                       "CD-II", "minor-2", "generic", "debrief", "direct")),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(
        st.sampled_from(("if", "p", "to", "low", "high", "id", "level", "next", "label",
                         "self_correct", "error", "on_error", "on_self_correct", "to",
                         "arrival", "feedback", "never_event", "sets", "requires")),
        inner, max_size=4),
    max_leaves=8)


def _paths(data, prefix=()):
    yield prefix
    items = data.items() if isinstance(data, dict) else \
        enumerate(data) if isinstance(data, list) else ()
    for key, value in items:
        yield from _paths(value, prefix + (key,))


@st.composite
def reshaped(draw) -> bytes:
    """A valid vignette with one value anywhere replaced by a random structure."""
    import yaml
    data = yaml.safe_load(draw(st.sampled_from(BASES)))
    paths = [p for p in _paths(data) if p]
    path = draw(st.sampled_from(paths))
    parent = data
    for key in path[:-1]:
        parent = parent[key]
    parent[path[-1]] = draw(VALUES)
    return yaml.safe_dump(data, sort_keys=False).encode()


@FUZZ
@given(reshaped())
def test_valid_vignettes_with_a_random_value_anywhere_give_located_errors_only(raw):
    check(raw)
