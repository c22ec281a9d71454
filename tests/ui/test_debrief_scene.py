"""The debrief screen: PEARLS phases by key, take-aways edited into an atomic sidecar."""

from __future__ import annotations

import json

import pygame

from game.app.summaries import read_summary, summary_path, write_summary
from game.ui.debrief.debrief import DebriefScene
from game.ui.debrief.presenters import PHASES
from game.ui.kit.text_entry import TextEntryOverlay
from game.ui.shell.scene import Pop, Push
from tests.ui.helpers import press
from tests.ui.review_screens import record


def _debrief(ctx, library, log) -> DebriefScene:
    scene = DebriefScene(ctx, log, library.get)
    scene.resize()
    scene.wait()
    assert scene.vm is not None, scene.error
    return scene


def _type(entry: TextEntryOverlay, text: str) -> None:
    entry.resize()
    entry.update(16)
    entry.handle_event(pygame.event.Event(pygame.TEXTINPUT, text=text))


def test_phases_switch_by_arrows_and_numbers(ctx, library, tmp_path):
    log = tmp_path / "s.jsonl"
    record(ctx, "medication_dosing", log, min_decisions=2)
    scene = _debrief(ctx, library, log)
    vm = scene.vm
    assert scene.phase == 0 and vm.reactions[0].startswith("How are you feeling")
    assert any(r.time == "0:00" for r in vm.rows) and len(vm.analysis) == 2
    press(scene, pygame.K_RIGHT)
    assert scene.phase == 1
    for _ in range(3):
        press(scene, pygame.K_DOWN)
    assert scene.index[1] == 3
    press(scene, pygame.K_3)
    assert scene.phase == 2 and scene.index[2] == 0
    press(scene, pygame.K_DOWN)
    press(scene, pygame.K_DOWN)
    assert scene.index[2] == 1  # clamped at the last decision
    page = vm.analysis[1]
    assert page.inquiry and page.options and "Regret" in page.regret
    assert any(o.chosen for o in page.options) and any(o.best for o in page.options)
    press(scene, pygame.K_RIGHT)
    press(scene, pygame.K_RIGHT)
    assert scene.phase == len(PHASES) - 1
    press(scene, pygame.K_1)
    press(scene, pygame.K_LEFT)
    assert scene.phase == 0 and scene.index[1] == 3
    assert isinstance(press(scene, pygame.K_ESCAPE), Pop)


def test_take_aways_are_edited_into_the_sidecar_and_the_log_is_untouched(ctx, library,
                                                                         tmp_path):
    log = tmp_path / "s.jsonl"
    record(ctx, "medication_dosing", log, min_decisions=2)
    before = log.read_bytes()
    scene = _debrief(ctx, library, log)
    generated = list(scene.takeaways)
    press(scene, pygame.K_4)
    press(scene, pygame.K_DOWN)
    entry = press(scene, pygame.K_RETURN).scene  # Enter edits the focused take-away
    assert isinstance(entry, TextEntryOverlay) and entry.text == generated[1] + " "
    press(entry, pygame.K_HOME)
    _type(entry, "Agreed: ")
    assert isinstance(press(entry, pygame.K_RETURN), Pop)
    saved, problem = read_summary(log)
    assert not problem and saved[1] == "Agreed: " + generated[1] and saved[0] == generated[0]
    data = json.loads(summary_path(log).read_text(encoding="utf-8"))
    assert data["version"] == 1 and data["log"] == "s.jsonl"
    for _ in range(10):
        press(scene, pygame.K_DOWN)
    adding = press(scene, pygame.K_RETURN).scene
    assert adding.text == ""
    _type(adding, "Discuss co-signing as a safety net")
    press(adding, pygame.K_RETURN)
    press(scene, pygame.K_UP)
    press(scene, pygame.K_DELETE)
    saved, _ = read_summary(log)
    assert saved[-1] == "Discuss co-signing as a safety net" and len(saved) == len(generated)
    assert log.read_bytes() == before
    assert not list(tmp_path.glob("*.tmp"))
    again = _debrief(ctx, library, log)
    assert again.takeaways == saved


def test_e_adds_a_new_take_away_and_editing_never_glues_words(ctx, library, tmp_path):
    """Issue 13: "+ Add a take-away (E)" edited the focused take-away, and what was typed ran
    into its last word. E now always adds; an edit goes on after a space."""
    log = tmp_path / "s.jsonl"
    record(ctx, "medication_dosing", log, min_decisions=2)
    scene = _debrief(ctx, library, log)
    generated = list(scene.takeaways)
    press(scene, pygame.K_4)  # the focus is on the first take-away, not on "+ Add"
    adding = press(scene, pygame.K_e).scene
    assert isinstance(adding, TextEntryOverlay) and adding.text == ""
    assert adding.title == "Add a take-away"
    _type(adding, "Ask how she checks a dose")
    press(adding, pygame.K_RETURN)
    assert scene.takeaways == generated + ["Ask how she checks a dose"]
    assert scene.index[3] == len(generated)  # the focus follows the new take-away
    press(scene, pygame.K_HOME)
    for _ in range(len(generated)):
        press(scene, pygame.K_UP)
    editing = press(scene, pygame.K_RETURN).scene
    _type(editing, "(agreed)")
    press(editing, pygame.K_RETURN)
    assert scene.takeaways[0] == generated[0] + " (agreed)"
    assert read_summary(log)[0][0] == generated[0] + " (agreed)"


def test_emptying_a_take_away_removes_it(ctx, library, tmp_path):
    log = tmp_path / "s.jsonl"
    record(ctx, "lumbar_puncture", log, min_decisions=1)
    scene = _debrief(ctx, library, log)
    count = len(scene.takeaways)
    press(scene, pygame.K_4)
    entry = press(scene, pygame.K_RETURN).scene
    entry.resize()
    for _ in range(len(entry.text)):
        press(entry, pygame.K_BACKSPACE)
    press(entry, pygame.K_RETURN)
    assert len(scene.takeaways) == count - 1 == len(read_summary(log)[0])


def test_unreadable_sidecar_and_logs_are_messages(ctx, library, tmp_path):
    log = tmp_path / "s.jsonl"
    record(ctx, "lumbar_puncture", log, min_decisions=1)
    summary_path(log).write_text("{not json", encoding="utf-8")
    scene = _debrief(ctx, library, log)
    assert "cannot be read" in scene.summary_note and scene.takeaways
    write_summary(log, ["one", "  ", "two"])
    assert read_summary(log) == (["one", "two"], "")
    junk = tmp_path / "junk.jsonl"
    junk.write_text("nope\n", encoding="utf-8")
    broken = DebriefScene(ctx, junk, library.get)
    broken.resize()
    broken.wait()
    assert broken.vm is None and "Cannot build the debrief" in broken.error
    assert press(broken, pygame.K_4) is None and isinstance(press(broken, pygame.K_ESCAPE), Pop)


def test_a_debrief_opened_before_it_is_ready_does_not_block(ctx, library, tmp_path):
    log = tmp_path / "s.jsonl"
    record(ctx, "lumbar_puncture", log, min_decisions=1)
    scene = DebriefScene(ctx, log, library.get)
    scene.resize()
    press(scene, pygame.K_RIGHT)  # keys work while it is being prepared
    scene.wait()
    assert scene.vm is not None and scene.phase == 1
    assert isinstance(press(scene, pygame.K_ESCAPE), Pop) and not isinstance(
        press(scene, pygame.K_a), Push)


def test_analysis_shows_the_outcome_moments_and_why(make_ctx, library, tmp_path):
    """Issue 13: the moments were on the outcome only; the debrief says the same sentences."""
    from game.replay.explain import moments_sentence
    from game.ui.review.outcome_presenters import outcome_vm
    ctx = make_ctx((1024, 600), text_size="x-large")
    log = tmp_path / "s.jsonl"
    session = record(ctx, "lumbar_puncture", log, policy="random", min_decisions=1)
    scene = _debrief(ctx, library, log)
    debrief = scene.loader.result[0]
    vm = scene.vm
    assert vm.moments == tuple(moments_sentence(debrief.scenario, r)
                               for r in debrief.score.decisions)
    rows = outcome_vm(debrief.scenario, session.state, session.score, ctx.t,
                      session.params).decisions
    assert vm.moments == tuple(r.timing for r in rows)
    assert tuple(f"Why: {w}" if w else "" for w in vm.whys) == tuple(r.why for r in rows)
    assert any(vm.moments) and any(vm.whys)
    press(scene, pygame.K_3)
    ctx.recorder = []
    scene.draw(pygame.Surface(ctx.size))
    shown = " ".join(p.text for p in ctx.recorder)
    k = next(i for i, m in enumerate(vm.moments) if m)
    for _ in range(k):
        press(scene, pygame.K_DOWN)
    seen = []
    for _ in range(12):  # at Extra large in 1024x600 the page scrolls: Page Down reaches it
        ctx.recorder = []
        scene.draw(pygame.Surface(ctx.size))
        seen.append(" ".join(p.text for p in ctx.recorder))
        press(scene, pygame.K_PAGEDOWN)
    shown = " ".join(seen)
    assert vm.moments[k] in shown and "WHEN" in shown, shown
