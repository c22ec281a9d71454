from __future__ import annotations

import re

import pytest

from game.content.catalogue import load_catalogue
from game.content.problems import ContentError
from tests.inline import TINY_YAML, load_text


def problems_of(text: str) -> list[str]:
    with pytest.raises(ContentError) as info:
        load_text(text)
    return [str(p) for p in info.value.problems]


def line_of(text: str, needle: str) -> int:
    return next(i for i, line in enumerate(text.splitlines(), 1) if needle in line)


def test_the_inline_vignette_loads(tiny):
    assert tiny.id == "tiny" and len(tiny.decisions()) == 2
    assert tiny.node("c1").outcomes[0].probability(0.5) == pytest.approx(0.5)


def test_dangling_target_and_bad_sum_are_both_reported_with_locations():
    text = TINY_YAML.replace("label: Cue, next: d2}", "label: Cue, next: nowhere}")
    text = text.replace("p: {low: 0.3, high: 0.7}, attempts", "p: {low: 0.4, high: 0.7}, attempts")
    found = problems_of(text)
    dangling = [p for p in found if "missing node 'nowhere'" in p]
    sums = [p for p in found if "sum to 1.1 at low competence" in p]
    assert dangling and sums
    assert dangling[0].startswith(f"tiny.yaml:{line_of(text, 'next: nowhere')}:")
    assert re.match(r"tiny\.yaml:\d+:\d+: ", sums[0])


def test_schema_errors_name_the_field_and_its_line():
    text = TINY_YAML.replace("    window: 4\n", "    window: -4\n    colour: red\n")
    found = problems_of(text)
    assert any(f":{line_of(text, 'window: -4')}:" in p and "window" in p for p in found)
    assert any(f":{line_of(text, 'colour: red')}:5: " in p and "unknown field 'colour'" in p
               for p in found)


@pytest.mark.parametrize("change, message", [
    (("harm: [minor-2]", "harm: [CD-VII]"), "unknown harm grade 'CD-VII'"),
    (("  d2:\n    kind: decision", "  d2:\n    kind: decision\n    kind: beat"), "duplicate key"),
    (("    assumption: test\n    outcomes:\n      - {id: bad",
      "    outcomes:\n      - {id: bad"), "needs 'sources' or an 'assumption'"),
    (("supervision: direct", "supervision: distant"), "hands-on (takeover) but supervision"),
    (("- {id: cue, level: cue, label: Cue, next: end_ok}",
      "- {id: cue, level: probe, label: Cue, next: end_ok}"), "has no safe option"),
    (("label: Cue, next: end_ok}", "label: Cue, next: d1}"), "cycle through"),
    (("sources:\n  teach:", "sources:\n  teach:"), None),
    (("schema_version: 1", "schema_version: 9"), "newer than this game reads"),
    (("title: Tiny", "title: [Tiny"), "YAML syntax"),
    (("attempts: [tries]", "attempts: [undeclared]"), "no entry in attempt_limits"),
])
def test_each_rule_is_reported(change, message):
    text = TINY_YAML.replace(*change)
    if message is None:
        load_text(text)
        return
    found = problems_of(text)
    assert any(message in p for p in found), found
    assert all(re.match(r"tiny\.yaml:\d+:\d+: ", p) for p in found)


def test_unreachable_node_is_reported():
    text = TINY_YAML + "  orphan: {kind: end, title: O, text: Never reached.}\n"
    found = problems_of(text)
    assert any("orphan: unreachable" in p and f":{line_of(text, 'orphan')}:" in p
               for p in found)


def test_a_broken_file_does_not_hide_the_others(tmp_path):
    (tmp_path / "tiny.yaml").write_text(TINY_YAML)
    (tmp_path / "broken.yaml").write_text("schema_version: 1\nid: [\n")
    (tmp_path / "notes.yaml").write_bytes(b"\xff\xfe")
    cat = load_catalogue(tmp_path)
    assert [s.id for s in cat.scenarios] == ["tiny"]
    assert {e.path.split("/")[-1] for e in cat.invalid} == {"broken.yaml", "notes.yaml"}


def test_file_name_must_match_id(tmp_path):
    (tmp_path / "other.yaml").write_text(TINY_YAML)
    cat = load_catalogue(tmp_path)
    assert not cat.scenarios and "must match the scenario id" in str(cat.invalid[0].problems[0])


def test_yaml_tags_cannot_run_code():
    tagged = "title: !!python/object/apply:os.system [ls]"
    found = problems_of(TINY_YAML.replace("title: Tiny", tagged))
    assert any("YAML" in p for p in found)
