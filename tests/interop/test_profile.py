"""The published xAPI profile: well-formed, in step with the code, and every statement the
code emits matches one of its templates, its extension schemas and its session pattern."""

from __future__ import annotations

import copy
import json
from pathlib import Path

import pytest
from pydantic import ValidationError

from game.interop import vocab as v
from game.interop.facts import load_facts
from game.interop.profile_check import (
    classify,
    extension_problems,
    json_path,
    matches_pattern,
    template_problems,
)
from game.interop.profile_doc import build_profile, profile_text
from game.interop.profile_model import Profile
from game.interop.statements import ExportOptions, session_statements
from tests.interop.helpers import finder, library, record, record_interrupted, record_workshop

PROFILE_FILE = Path(__file__).resolve().parents[2] / "docs" / "xapi" / "profile.jsonld"
SESSION = "https://w3id.org/safetynet/xapi/patterns/session"


@pytest.fixture(scope="module")
def profile() -> Profile:
    return Profile.model_validate(json.loads(PROFILE_FILE.read_text(encoding="utf-8")))


@pytest.fixture(scope="module")
def emitted(tmp_path_factory) -> list[list[dict]]:
    """Statements of many sessions: every shipped vignette under three policies, a
    workshop, an interrupted session and one with notes (text opted in)."""
    from game.replay.annotations import Note, add_note
    folder = tmp_path_factory.mktemp("logs")
    lib = library()
    paths = [record(folder, s, policy, seed) for s in lib.values()
             for policy, seed in (("watch", 1), ("takeover", 2), ("random", 0))]
    paths += [record_workshop(folder, lib["lumbar_puncture"]),
              record_interrupted(folder, lib["npwt_dressing"])]
    add_note(paths[0], Note(30, "a note", decision=""))
    add_note(paths[-2], Note(40, "on the decision",
                             decision=lib["lumbar_puncture"].decisions()[0].id))
    options = ExportOptions(include_note_text=True)
    return [session_statements(load_facts(p, finder()), options) for p in paths]


def test_the_published_file_is_what_the_code_builds(profile):
    assert PROFILE_FILE.read_text(encoding="utf-8") == profile_text(), \
        "regenerate: python -m game.interop.profile_doc > docs/xapi/profile.jsonld"
    assert profile.id == v.PROFILE_ID and profile.versions[0].id == v.PROFILE_VERSION


def test_every_statement_matches_exactly_one_template(profile, emitted):
    seen = set()
    for session in emitted:
        for s in session:
            template = classify(s, profile)
            problems = {t.id: template_problems(s, t) for t in profile.templates}
            assert template, f"{s['verb']['id']} matches no single template: {problems}"
            assert not extension_problems(s, profile)
            seen.add(template)
    assert seen == {t.id for t in profile.templates}, "a template is never used"


def test_every_session_follows_the_primary_pattern(profile, emitted):
    for session in emitted:
        ids = [classify(s, profile) for s in session]
        assert matches_pattern(ids, SESSION, profile), ids
        assert not matches_pattern(ids[::-1], SESSION, profile)
        assert not matches_pattern(ids[1:], SESSION, profile)


def test_template_rules_catch_a_statement_that_breaks_them(profile, emitted):
    decision = next(s for s in emitted[0] if s["verb"]["id"] == v.ANSWERED.id)
    template = profile.template("https://w3id.org/safetynet/xapi/templates/decision")
    assert template_problems(decision, template) == []
    broken = copy.deepcopy(decision)
    del broken["result"]["extensions"][v.Q_VALUES]
    broken["context"]["extensions"][v.SUPERVISION] = "telepathic"
    problems = template_problems(broken, template)
    assert any("q-values" in p for p in problems) and any("supervision" in p for p in problems)
    broken["result"]["extensions"][v.MOMENT_FRACTION] = 1.5
    assert any("moment-fraction" in p for p in extension_problems(broken, profile))


def test_json_path_subset():
    doc = {"a": {"b": [{"id": 1}, {"id": 2}], "x-y": {"k": "v"}}}
    assert json_path(doc, "$.a.b[*].id") == [1, 2]
    assert json_path(doc, "$.a['x-y'].k") == ["v"]
    assert json_path(doc, "$.a.missing") == []
    with pytest.raises(ValueError):
        json_path(doc, "a.b")


@pytest.mark.parametrize("breakage, message", [
    (lambda p: p["concepts"][0].update(inScheme="https://example.org/other"), "inScheme"),
    (lambda p: p["patterns"][1].update(optional=p["patterns"][1]["alternates"][0]),
     "exactly one"),
    (lambda p: p["patterns"][0]["sequence"].append("https://example.org/nowhere"),
     "neither a template nor a pattern"),
    (lambda p: p["patterns"][1]["alternates"].append(p["patterns"][3]["id"]),
     "alternates cannot hold optional"),
    (lambda p: p["templates"][0]["rules"].append({"location": "$.result"}), "no presence"),
    (lambda p: p["templates"].append(copy.deepcopy(p["templates"][0])), "unique"),
    (lambda p: p.pop("versions"), "versions"),
    (lambda p: p["concepts"][5].update(inlineSchema="{not json"), "JSON|json"),
    (lambda p: [q.pop("primary", None) for q in p["patterns"]], "primary"),
])
def test_the_profile_model_rejects_a_malformed_profile(breakage, message):
    broken = build_profile()
    breakage(broken)
    with pytest.raises(ValidationError, match=message):
        Profile.model_validate(broken)


def test_the_readable_page_names_every_concept_and_template(profile):
    page = (PROFILE_FILE.parent / "README.md").read_text(encoding="utf-8")
    for thing in [*profile.concepts, *profile.templates]:
        short = thing.id.rsplit("/", 1)[1]
        assert f"`{short}`" in page or thing.id in page, thing.id


def test_the_pages_example_statement_is_a_valid_decision(profile):
    page = (PROFILE_FILE.parent / "README.md").read_text(encoding="utf-8")
    block = page.split("## Example: a decision", 1)[1].split("```json\n", 1)[1]
    example = json.loads(block.split("\n```", 1)[0])
    assert classify(example, profile) == "https://w3id.org/safetynet/xapi/templates/decision"
    assert not extension_problems(example, profile)
