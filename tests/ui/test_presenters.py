"""Presenters are pure: content and state in, the words and numbers a screen shows out."""

from __future__ import annotations

import shutil

import pytest

from game.content.catalogue import load_catalogue
from game.core import events as ev
from game.core.commands import Advance, Intervene
from game.core.engine import new_session, step
from game.core.state import SessionConfig
from game.core.view import view
from game.headless import ScriptedPolicy, play_out
from game.replay.session import RecordedSession
from game.scoring.params import ModelParams
from game.ui.play.narration import narrate
from game.ui.play.presenters import briefing_vm, picker_vm, play_vm
from game.ui.review.outcome_presenters import outcome_vm


@pytest.fixture
def mixed_dir(tmp_path, shipped_dir):
    folder = tmp_path / "scenarios"
    folder.mkdir()
    shutil.copy(shipped_dir / "lumbar_puncture.yaml", folder)
    (folder / "broken.yaml").write_text("id: broken\ntitle: [oops\n", encoding="utf-8")
    (folder / "wrong_name.yaml").write_text(
        (shipped_dir / "lumbar_puncture.yaml").read_text(encoding="utf-8"), encoding="utf-8")
    return folder


def test_picker_lists_valid_and_invalid_files(mixed_dir):
    vm = picker_vm(load_catalogue(mixed_dir))
    assert [r.id for r in vm.rows] == ["lumbar_puncture"]
    assert vm.rows[0].meta == "Technical · direct supervision · 1.5 min"
    files = {r.file: r.problem for r in vm.invalid}
    assert set(files) == {"broken.yaml", "wrong_name.yaml"}
    assert files["broken.yaml"].startswith("broken.yaml:3:1: YAML syntax")
    assert files["wrong_name.yaml"].startswith("wrong_name.yaml:1:1: ")


def test_briefing(lumbar):
    vm = briefing_vm(lumbar)
    assert vm.patient.startswith("Ms Rosa Lindqvist")
    assert vm.supervision.startswith("Direct")
    assert len(vm.objectives) == 3
    assert [p.competence for p in vm.profiles][-1] == "Competence uncertain"


def _at_first_decision(scenario, seed: int = 1):
    state, _ = new_session(scenario, SessionConfig(scenario.id, seed, scenario.trainees[0].id))
    while view(scenario, state).node_kind != "decision":
        state, _ = step(scenario, state, Advance(1))
    return state


def test_play_vm_countdown_and_buttons(lumbar):
    state = _at_first_decision(lumbar)
    vm = play_vm(view(lumbar, state))
    assert vm.phase == "decision"
    assert vm.cue.startswith("The needle is angled caudally")
    assert [o.key for o in vm.options] == [1, 2, 3, 4, 5]
    assert vm.options[0].label == "Watch: Stay quiet and let her advance"
    assert vm.options[4].label.startswith("Take over: ")
    assert vm.options[0].is_default and not vm.options[1].is_default
    assert vm.seconds_left == pytest.approx(12.0) and vm.fraction_left == pytest.approx(1.0)
    assert vm.countdown == ("The mistake may come at any moment · window closes in 12.0\u00a0s "
                            "(then 1: Watch)")
    smoothed = play_vm(view(lumbar, state), sub_tick_ms=50)
    assert smoothed.seconds_left == pytest.approx(11.95)
    later, _ = step(lumbar, state, Advance(30))
    assert play_vm(view(lumbar, later)).seconds_left == pytest.approx(9.0)


def test_narration_includes_what_the_view_alone_would_lose(lumbar):
    # Seed 4 draws no self-correction or mistake in the first window, so the probe lands
    # (it takes a few seconds in a v2 window) and its outcome is narrated.
    state = _at_first_decision(lumbar, seed=4)
    state, events = step(lumbar, state, Intervene("angle_decision", "probe"))
    for _ in range(300):
        if state.node_id != "angle_decision":
            break
        state, more = step(lumbar, state, Advance(1))
        events += more
    lines = narrate(lumbar, events)
    assert lines[0].kind == "you"
    assert "Before you go in" in lines[0].text
    assert any(line.kind == "outcome" for line in lines)
    closed = narrate(lumbar, [ev.WindowClosed("angle_decision", "watch", 99)])
    assert closed[0].kind == "window" and "did not step in" in closed[0].text


def _finished(scenario, policy="watch", seed=1):
    config = SessionConfig(scenario.id, seed, scenario.trainees[0].id)
    session = RecordedSession(scenario, config, ModelParams(), None)
    return play_out(session, ScriptedPolicy(policy, seed=seed))


def test_outcome_vm_reports_decisions(lumbar):
    session = _finished(lumbar)
    vm = outcome_vm(lumbar, session.state, session.score)
    assert vm.word in ("Safe", "Caution", "Unsafe") and vm.tone in ("good", "warn", "bad")
    assert vm.learning.startswith("Learning: ") and vm.harm.startswith("Harm: ")
    assert vm.regret.startswith("Expected regret: ")
    assert len(vm.decisions) == len(session.score.decisions) >= 1
    first, review = vm.decisions[0], session.score.decisions[0]
    assert first.chosen.startswith("Watch: ")
    # A v2 window the supervisor watched ends when it runs out, or earlier when the trainee
    # corrects herself or the mistake happens; never "you chose it".
    expected = "window ran out" if review.by == "timeout" else "s into the window"
    assert expected in first.how and "you chose" not in first.how


def test_outcome_vm_names_the_broken_rule(library):
    scenario = library.get("medication_dosing")
    if scenario is None:
        pytest.skip("medication_dosing is not valid right now")
    session = _finished(scenario)
    vm = outcome_vm(scenario, session.state, session.score)
    if session.score.safety_rating != "red":
        pytest.skip("the content changed: watching is no longer red here")
    assert vm.word == "Unsafe" and vm.tone == "bad"
    assert vm.rule.startswith("Rule broken: ")
    assert any(d.rule for d in vm.decisions)


def test_meters_follow_the_two_ledgers(lumbar):
    from game.ui.play.presenters import meters_vm
    state = _at_first_decision(lumbar, seed=2)  # watching, the needle meets bone
    before = meters_vm(lumbar, state)
    assert (before.learning, before.harm) == (0, 0)
    assert before.learning_text == "Learning so far: 0.0"
    after, _ = step(lumbar, state, Intervene("angle_decision", "watch"))
    while after.node_id != "second_pass_decision" and not after.finished:
        after, _ = step(lumbar, after, Advance(1))
    vm = meters_vm(lumbar, after)
    assert vm.learning > 0 and vm.harm >= 1.0 and vm.harm_text.startswith("Harm so far: ")


def test_spoken_reads_the_cue_and_every_option(lumbar):
    from game.ui.play.narration import spoken
    state, _ = new_session(lumbar, SessionConfig(lumbar.id, 1, lumbar.trainees[0].id))
    events = []
    while view(lumbar, state).node_kind != "decision":
        state, new = step(lumbar, state, Advance(1))
        events.extend(new)
    text = spoken(lumbar, events, narrate(lumbar, events))
    assert "Decision point. The needle is angled caudally" in text
    assert "1: Watch: Stay quiet and let her advance." in text
    assert "5: Take over: " in text


def test_presenters_translate_the_chrome(lumbar):
    from game.i18n import Translator
    de = Translator("de")
    state = _at_first_decision(lumbar)
    vm = play_vm(view(lumbar, state), t=de)
    assert vm.countdown == ("Der Fehler kann jederzeit kommen · Fenster schließt in 12,0\u00a0s "
                            "(danach 1: Beobachten)")  # a comma
    assert vm.options[0].label == "Beobachten: Stay quiet and let her advance"
    brief = briefing_vm(lumbar, de)
    assert brief.supervision.startswith("Direkt") and brief.profiles[0].competence == \
        "Kompetenz bekannt"
    assert picker_vm(load_catalogue(lumbar.path.rsplit("/", 1)[0]), de).rows


def test_seconds_into_the_window_use_the_decimal_separator_of_the_language():
    from game.core.model import TICKS_PER_SECOND
    from game.i18n import Translator
    from game.ui.review.presenters import moment_detail, seconds_in
    ticks = int(1.5 * TICKS_PER_SECOND)
    assert seconds_in(ticks) == "1.5"
    assert seconds_in(ticks, Translator("de")) == "1,5"
    assert "1,5" in moment_detail("recorded", ticks, False, None, False, Translator("de"))


def test_what_the_supervisor_said_is_quoted_the_languages_way(libraries):
    """German quotes „…“ (the card quoted German speech with English marks)."""
    from game.i18n import Translator
    german = libraries("de").get("lumbar_puncture")
    made = ev.InterventionMade("angle_decision", "probe", "probe", 10, 5)
    (english_line,) = narrate(libraries("en").get("lumbar_puncture"), [made])
    (german_line,) = narrate(german, [made], Translator("de"))
    assert english_line.text.endswith("\u201cBefore you go in: where do you expect the tip to "
                                      "end up?\u201d")
    say = german.decision("angle_decision").option("probe").say
    assert german_line.text.endswith(f"\u201e{say}\u201c")
