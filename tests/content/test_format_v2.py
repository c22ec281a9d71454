"""Scenario format v2 (issue 10, item 8): what it compiles into and every rule it checks.

The worked example of docs/authoring.md section 16 (`v2_example.yaml`, kept equal to the
guide by test_authoring_docs.py) is the base; each rule test changes one thing in it and
expects that one problem, at the line it concerns.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from game.content.problems import ContentError
from game.core.model import Beat, Chance, Decision, Level
from tests.inline import TINY_YAML

EXAMPLE = (Path(__file__).parent / "v2_example.yaml").read_text()
NAME = "ng_tube_check.yaml"


def load(text: str):
    from game.content.loader import check_text
    return check_text(text.encode(), NAME)


def errors(text: str) -> list[str]:
    with pytest.raises(ContentError) as info:
        load(text)
    found = [str(p) for p in info.value.problems]
    assert all(re.match(rf"{NAME}:\d+:\d+: ", p) for p in found), found
    return found


def line_of(text: str, needle: str, nth: int = 0) -> int:
    return [i for i, row in enumerate(text.splitlines(), 1) if needle in row][nth]


def swap(old: str, new: str, text: str = EXAMPLE) -> str:
    assert text.count(old) == 1, old
    return text.replace(old, new)


def test_the_example_compiles_every_v2_field():
    loaded = load(EXAMPLE)
    s = loaded.scenario
    assert loaded.warnings == () and s.schema_version == 2
    check = s.node("check")
    assert isinstance(check, Decision) and check.timing is not None
    assert check.timing.error.at(10) == 0.5 and check.timing.self_correct.at(2) == \
        pytest.approx(0.075)
    assert (check.timing.on_self_correct, check.timing.on_error) == ("aspirate", "whoosh")
    come = check.option("come")
    assert come.takes_s == 8 and come.effects.supervision.to == "direct"
    assert come.effects.supervision.arrival_s == 8 and come.effects.sets == ("supervisor_here",)
    stop = s.node("feed_decision").option("stop")
    assert stop.requires == {"supervisor_here"} and not stop.available(frozenset())
    lung = s.node("feeding").outcomes[0]
    assert isinstance(s.node("feeding"), Chance) and lung.effects.never_event
    assert lung.probability(0.5, frozenset({"ph_high"})) == 0.2 and lung.probability(0.5) == 0.02
    xray = s.node("xray")
    assert isinstance(xray, Beat) and xray.next_for(frozenset({"whoosh_only"})) == "teach_ph"
    assert xray.next_for(frozenset()) == "debrief"
    debrief = s.node("debrief")
    assert debrief.purpose == "debrief" and all(o.level is None for o in debrief.options)
    assert [o.effects.feedback for o in debrief.options] == ["brief", "structured"]
    assert check.option("ask").level is Level.PROBE


def test_a_v1_file_still_loads_as_it_did():
    from tests.inline import load_text
    tiny = load_text(TINY_YAML)
    assert tiny.schema_version == 1
    assert all(d.timing is None and d.purpose == "supervise" for d in tiny.decisions())


TIMING = "      error: [[0, 0], [3, 0.05], [10, 0.5]]"
CASES = "        p: [{if: [ph_high], p: 0.2}, {p: 0.02}]"


@pytest.mark.parametrize("old, new, needle, message", [
    (TIMING, "      error: [[0, 0], [5, 0.05], [3, 0.5]]", "[3, 0.5]", "ascending seconds"),
    (TIMING, "      error: [[0, 0], [3, 0.3], [10, 0.2]]", TIMING.strip()[:6], "cannot fall"),
    (TIMING, "      error: [[0, 0], [3, 0.05], [12, 0.5]]", TIMING.strip()[:6],
     "after the window ends"),
    (TIMING, "      error: [[0, 0], [3, 0.05], [10, 0.8]]", "error: [[", "add up to 1.1"),
    (TIMING, "      error: [[0, 0.1], [3, 0.15], [10, 0.5]]", "error: [[",
     "the first anchor's p is 0"),
    ("      on_error: whoosh", "      on_error: whosh", "on_error", "missing node 'whosh'"),
    ("      on_error: whoosh\n", "      on_error: whoosh\n      sources: [npsa2012]\n",
     "npsa2012", "unknown source 'npsa2012'"),
    (CASES, "        p: [{if: [ph_high], p: 0.3}, {p: 0.02}]", "- id: in_lung",
     "sum to 1.1 when ph_high set, not 1"),
    (CASES, "        p: [{if: [ph_high], p: 0.2}, {if: [ph_high], p: 0.02}]",
     "{if: [ph_high], p: 0.02}", "the last case must have no 'if'"),
    (CASES, "        p: [{p: 0.2}, {p: 0.02}]", "p: [{p: 0.2}", "only the last case may"),
    ("      - {if: [whoosh_only], to: teach_ph}", "      - {to: teach_ph}", "{to: teach_ph}",
     "only the last route may"),
    ("label: Let the feed start, next", "label: Let the feed start, requires: [ph_high], next",
     "Let the feed start", "default option 'watch' must always be offered"),
    ("      - {id: brief, label:", "      - {id: brief, level: cue, label:", "id: brief,",
     "have no 'level'"),
    ("feedback: structured,\n", "\n", "id: structured", "needs 'feedback'"),
    ("    purpose: debrief\n", "    purpose: debrief\n    timing: {self_correct: [[0, 0]], "
     "error: [[0, 0]], on_self_correct: end_ok, on_error: end_ok}\n", "timing: {self",
     "debrief choice has no window timing"),
    ("{id: watch, level: watch, label: Let her", "{id: watch, label: Let her",
     "Let her check", "needs a 'level'"),
    ("    learning_value: 4\n", "", "feed_decision:", "needs 'learning_value'"),
    ("                people: \"trainee,patient\", monitor: true, spo2: 95",
     "                people: \"trainee,patient\", monitor: true, spo: 95", "spo: 95",
     "the generic view has no key 'spo' (did you mean 'spo2'?)"),
    ("monitor: true, spo2: 95", "monitor: true, spo2: high", "spo2: high",
     "spo2 must be a number, not 'high'"),
    ("people: \"trainee,patient\", monitor", "people: \"trainee,patent\", monitor",
     "trainee,patent", "is not in the form"),
    ("procedure_view: generic", "procedure_view: scalpel", "procedure_view",
     "unknown procedure view 'scalpel'"),
    ("{id: acid, p: 0.8,", "{id: acid, p: high,", "id: acid", "write a probability"),
    ("schema_version: 2", "schema_version: 3", "schema_version: 3", "newer than this game"),
])
def test_each_v2_rule_is_reported_where_it_is_written(old, new, needle, message):
    text = swap(old, new)
    found = errors(text)
    hits = [p for p in found if message in p]
    assert hits, found
    assert hits[0].startswith(f"{NAME}:{line_of(text, needle)}:"), (hits, found)


def test_a_never_event_every_option_can_lead_to_is_refused_at_that_decision():
    text = swap("label: \"Say: not before an X-ray\", next: xray}",
                "label: \"Say: not before an X-ray\", next: feeding}")
    assert load(text).warnings == ()  # the take-over still avoids it
    text = swap("requires: [supervisor_here],\n         next: xray}",
                "requires: [supervisor_here],\n         next: feeding}", text)
    found = [p for p in errors(text) if "every option here can lead to a never-event" in p]
    assert len(found) == 1 and found[0].startswith(f"{NAME}:{line_of(text, 'window: 8') + 4}:")


def test_a_never_event_no_decision_can_prevent_is_refused():
    text = swap("    duration: 4\n    procedure: {room:",
                "    duration: 4\n    never_event: true\n    procedure: {room:")
    found = errors(text)
    assert any("without any decision point that could prevent it" in p
               and p.startswith(f"{NAME}:{line_of(text, 'never_event: true')}:") for p in found)


def test_a_safe_option_must_be_on_offer_for_every_flag_combination():
    text = swap("{id: cue, level: cue, label: \"Say: not before an X-ray\", next: xray}",
                "{id: cue, level: cue, label: \"Say: not before an X-ray\", next: xray, "
                "unless: [ph_high]}")
    text = swap("requires: [supervisor_here],", "requires: [supervisor_here, ph_high],", text)
    found = errors(text)
    assert any("no safe option when ph_high set" in p for p in found), found


def test_a_flag_nothing_sets_is_a_warning_not_an_error():
    text = swap("requires: [supervisor_here]", "requires: [supervisr_here]")
    loaded = load(text)
    row = line_of(text, "supervisr_here")
    col = text.splitlines()[row - 1].index("supervisr_here") + 1
    assert [str(w) for w in loaded.warnings] == [
        f"{NAME}:{row}:{col}: warning: feed_decision: flag "
        "'supervisr_here' is never set on any path before here, so this can never be true "
        "(check the spelling and the 'sets:')"]


def test_a_rung_slower_than_its_window_is_a_warning():
    text = swap("takes: 8\n", "takes: 30\n")
    assert ["longer than the 10 s window" in str(w) for w in load(text).warnings] == [True]


def test_hands_on_rungs_follow_the_supervisor_who_was_called_in():
    distant = swap("supervision: indirect", "supervision: distant")
    found = errors(distant)
    # at the first decision the supervisor is still away: guiding is impossible there...
    assert any("option 'come' is hands-on (guide) but supervision is distant" in p
               for p in found)
    # ...but the take-over later is reachable after the supervisor was called in
    assert not any("'stop' is hands-on" in p for p in found), found


def test_a_v1_file_may_not_use_v2_fields():
    text = TINY_YAML.replace("      - {id: probe, level: probe, label: Ask, next: c_probe}",
                             "      - {id: probe, level: probe, label: Ask, takes: 3, "
                             "next: c_probe}")
    with pytest.raises(ContentError) as info:
        from tests.inline import load_text
        load_text(text)
    row = line_of(text, "takes: 3")
    col = text.splitlines()[row - 1].index("3, next") + 1
    assert [str(p) for p in info.value.problems] == [
        f"tiny.yaml:{row}:{col}: 'takes' needs schema_version: 2 "
        "(run `safetynet migrate FILE`)"]


def test_procedure_keys_are_checked_in_v1_files_too():
    from tests.inline import load_text
    text = TINY_YAML.replace("    duration: 2\n", "    duration: 2\n    procedure: {spo2: high}\n")
    with pytest.raises(ContentError) as info:
        load_text(text)
    row = line_of(text, "spo2: high")
    assert [str(p) for p in info.value.problems] == [
        f"tiny.yaml:{row}:23: intro: procedure spo2 must be a number, not 'high'"]


def test_a_cycle_or_an_unreachable_node_does_not_hide_other_problems():
    from tests.inline import load_text
    text = TINY_YAML.replace("label: Cue, next: end_ok}", "label: Cue, next: d1}")
    text = text.replace("p: {low: 0.6, high: 0.05}", "p: {low: 0.7, high: 0.05}")
    text += ("  orphan:\n    kind: chance\n    assumption: test\n    outcomes:\n"
             "      - {id: a, p: 0.5, next: end_ok}\n")
    with pytest.raises(ContentError) as info:
        load_text(text)
    found = [p.message for p in info.value.problems]
    assert any("cycle through" in m for m in found)
    assert "c2: outcome probabilities sum to 1.1 at low competence, not 1" in found
    assert "orphan: outcome probabilities sum to 0.5, not 1" in found
    assert any("orphan: unreachable" in m for m in found)
