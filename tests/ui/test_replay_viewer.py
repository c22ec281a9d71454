"""The replay viewer: re-simulates a log, steps and jumps by key, stops at decisions, notes."""

from __future__ import annotations

import re

import pygame

from game.core import events as ev
from game.i18n import Translator
from game.replay.annotations import read_notes, sidecar_path
from game.ui.debrief.debrief import DebriefScene
from game.ui.kit.text_entry import TextEntryOverlay
from game.ui.review.branch_compare import BranchChooser
from game.ui.review.cursor import SPEEDS
from game.ui.review.outcome import OutcomeScene
from game.ui.review.track import marker_rects
from game.ui.review.viewer import ReplayViewerScene, load_replay
from game.ui.shell.input import click_event
from game.ui.shell.scene import Pop, Push
from tests.ui.helpers import press
from tests.ui.review_screens import record, viewer


def _viewer(ctx, log, library, **kw) -> ReplayViewerScene:
    record(ctx, "npwt_dressing", log, min_decisions=3, **kw)
    viewer = ReplayViewerScene(ctx, load_replay(str(log), library.get))
    viewer.resize()
    return viewer


def _typed(scene, text: str) -> None:
    scene.update(16)  # the first frame: from now on TEXTINPUT is text
    for ch in text:
        scene.handle_event(pygame.event.Event(pygame.TEXTINPUT, text=ch))


def test_keys_land_on_the_right_decision(ctx, library, tmp_path):
    viewer = _viewer(ctx, tmp_path / "s.jsonl", library)
    model, cursor = viewer.model, viewer.cursor
    assert not model.error and model.status.startswith("Complete: ")
    assert len(model.decisions) == 3 and viewer.panel is None
    press(viewer, pygame.K_RIGHT)
    assert cursor.held().number == 1 and viewer.panel.number == 1
    assert cursor.tick == model.decisions[0].tick
    press(viewer, pygame.K_n)
    assert cursor.held().number == 2
    press(viewer, pygame.K_PAGEDOWN)
    assert cursor.held().number == 3 and viewer.panel.heading.startswith("Decision 3 of 3")
    assert press(viewer, pygame.K_PAGEDOWN) is None and cursor.held().number == 3
    press(viewer, pygame.K_PAGEUP)
    assert cursor.held().number == 2
    press(viewer, pygame.K_LEFT)
    assert cursor.held().number == 1
    press(viewer, pygame.K_END)
    assert cursor.position == cursor.end_position() and viewer.decision is None
    press(viewer, pygame.K_HOME)
    assert cursor.position == cursor.home_position()


def test_steps_reveal_the_choice_and_go_back(ctx, library, tmp_path):
    viewer = _viewer(ctx, tmp_path / "s.jsonl", library)
    first = viewer.model.decisions[0]
    press(viewer, pygame.K_RIGHT)
    shown = len(viewer.lines)
    press(viewer, pygame.K_PERIOD)  # the choice (or the window running out) appears
    assert viewer.cursor.upto == first.index + 1 and viewer.decision is first
    assert len(viewer.lines) > shown
    press(viewer, pygame.K_COMMA)
    assert viewer.cursor.held() is first
    for _ in range(3):
        press(viewer, pygame.K_COMMA)
    assert viewer.cursor.upto < first.open_index + 1 and viewer.decision is None


def test_playing_stops_at_each_decision_point(ctx, library, tmp_path):
    viewer = _viewer(ctx, tmp_path / "s.jsonl", library)
    assert [press(viewer, pygame.K_s) or viewer.cursor.speed for _ in SPEEDS] == [4, 16, 1]
    press(viewer, pygame.K_s)
    press(viewer, pygame.K_s)  # 16x
    press(viewer, pygame.K_SPACE)
    assert viewer.cursor.playing
    for number in (1, 2, 3):
        while viewer.cursor.playing:
            viewer.update(100)
        assert viewer.cursor.held().number == number and viewer.panel.number == number
        assert "Stopped at a decision point" in viewer.message
        press(viewer, pygame.K_SPACE)
    while viewer.cursor.playing:
        viewer.update(100)
    assert viewer.cursor.position == viewer.cursor.end_position()


def test_clicking_a_marker_jumps_to_its_decision(ctx, library, tmp_path):
    viewer = _viewer(ctx, tmp_path / "s.jsonl", library)
    viewer.handle_event(click_event(marker_rects(viewer)[2].center))
    assert viewer.cursor.held().number == 2


def test_a_note_is_written_to_the_sidecar_at_the_cursor(ctx, library, tmp_path):
    log = tmp_path / "s.jsonl"
    viewer = _viewer(ctx, log, library)
    before = log.read_bytes()
    press(viewer, pygame.K_n)
    entry = press(viewer, pygame.K_a).scene
    assert isinstance(entry, TextEntryOverlay) and entry.takes_text
    entry.resize()
    _typed(entry, "Why wait?? Ask hér")
    press(entry, pygame.K_BACKSPACE)
    _typed(entry, "r.")
    assert isinstance(press(entry, pygame.K_RETURN), Pop)
    notes, problems = read_notes(log)
    assert [(n.tick, n.text, n.decision) for n in notes] == [
        (viewer.cursor.tick, "Why wait?? Ask hér.", viewer.model.decisions[0].node)]
    assert not problems and viewer.model.notes == notes and log.read_bytes() == before
    cancelled = press(viewer, pygame.K_a).scene
    cancelled.resize()
    _typed(cancelled, "never saved")
    assert isinstance(press(cancelled, pygame.K_ESCAPE), Pop)
    assert len(read_notes(log)[0]) == 1
    empty = press(viewer, pygame.K_a).scene
    empty.resize()
    assert press(empty, pygame.K_RETURN) is None and empty.error
    assert sidecar_path(log).exists()


def test_viewer_opens_branch_and_debrief(ctx, library, tmp_path):
    viewer = _viewer(ctx, tmp_path / "s.jsonl", library)
    assert press(viewer, pygame.K_b) is None and "decision point first" in viewer.message
    press(viewer, pygame.K_RIGHT)
    chooser = press(viewer, pygame.K_b)
    assert isinstance(chooser, Push) and isinstance(chooser.scene, BranchChooser)
    debrief = press(viewer, pygame.K_d)
    assert isinstance(debrief, Push) and isinstance(debrief.scene, DebriefScene)
    assert isinstance(press(viewer, pygame.K_ESCAPE), Pop)


def test_interrupted_and_broken_logs_become_messages(ctx, library, tmp_path):
    log = tmp_path / "s.jsonl"
    record(ctx, "lumbar_puncture", log, min_decisions=1)
    lines = log.read_text(encoding="utf-8").splitlines()
    (tmp_path / "cut.jsonl").write_text("\n".join(lines[:-1]) + "\n", encoding="utf-8")
    cut = load_replay(str(tmp_path / "cut.jsonl"), library.get)
    assert not cut.error and cut.status.startswith("Interrupted")
    viewer = ReplayViewerScene(ctx, cut)
    viewer.resize()
    press(viewer, pygame.K_RIGHT)
    if viewer.decision is not None:
        assert press(viewer, pygame.K_b) is None and "finished session" in viewer.message
    (tmp_path / "junk.jsonl").write_text("not json\n", encoding="utf-8")
    junk = load_replay(str(tmp_path / "junk.jsonl"), library.get)
    assert "Cannot open junk.jsonl" in junk.error
    assert "not in the library" in load_replay(str(log), lambda sid: None).error
    broken = ReplayViewerScene(ctx, junk)
    broken.resize()
    assert press(broken, pygame.K_SPACE) is None
    assert isinstance(press(broken, pygame.K_ESCAPE), Pop)


def test_outcome_offers_review_and_debrief_of_its_log(ctx, tmp_path):
    session = record(ctx, "lumbar_puncture", tmp_path / "s.jsonl", min_decisions=1)
    outcome = OutcomeScene(ctx, session.scenario, session)
    outcome.resize()
    assert {"review", "debrief"} <= {b.id for b in outcome.buttons}
    review = press(outcome, pygame.K_r)
    assert isinstance(review.scene, ReplayViewerScene)
    assert review.scene.model.path == str(session.log_path)
    assert isinstance(press(outcome, pygame.K_d).scene, DebriefScene)


def test_text_entry_keeps_question_marks_and_drops_the_opening_key(ctx, library, tmp_path):
    """In a real window "A" arrives as KEYDOWN then TEXTINPUT "a"; "?" would open the help."""
    from game.ui.kit.dialogs import HelpOverlay
    from game.ui.shell.scene import SceneStack
    log = tmp_path / "s.jsonl"
    viewer = _viewer(ctx, log, library)
    stack = SceneStack(help_factory=lambda: HelpOverlay(ctx))
    stack.push(viewer)
    stack.handle(pygame.event.Event(pygame.KEYDOWN, key=pygame.K_a, mod=0, unicode="a",
                                    scancode=0))
    stack.handle(pygame.event.Event(pygame.TEXTINPUT, text="a"))
    entry = stack.top
    assert isinstance(entry, TextEntryOverlay) and entry.text == ""
    stack.update(16)
    for ch in "Why?":
        stack.handle(pygame.event.Event(pygame.KEYDOWN, key=0, mod=0, unicode=ch, scancode=0))
        stack.handle(pygame.event.Event(pygame.TEXTINPUT, text=ch))
    assert stack.top is entry and entry.text == "Why?"
    press(stack, pygame.K_RETURN)
    assert stack.top is viewer and read_notes(log)[0][0].text == "Why?"


def test_the_picture_at_a_decision_is_the_procedure_at_that_tick(ctx, library, tmp_path):
    """Issue 13: at decision 1 the picture showed the end state (CSF, 4.5 cm, 2 passes).
    The viewer's picture at each decision is the log replayed to that tick, not the end."""
    from game.replay.playback import StateDriver, replay
    from game.replay.reader import read_log
    from game.replay.verify import config_from_header
    log = tmp_path / "s.jsonl"
    record(ctx, "lumbar_puncture", log, min_decisions=2)
    viewer = ReplayViewerScene(ctx, load_replay(str(log), library.get))
    viewer.resize()
    recording = read_log(str(log))
    end = dict(viewer.model.timeline.final.procedure)

    def truth(**upto):
        driver = StateDriver(viewer.model.scenario, config_from_header(recording.header))
        return dict(replay(recording, driver, **upto).procedure)

    def shown():
        viewer._sync()
        return {k: v for k, v in viewer.motion.now.items() if k in end}

    for mark in viewer.model.decisions:
        acted = isinstance(viewer.model.moments[mark.index].event, ev.InterventionMade)
        viewer.cursor.jump_to(mark.number)  # the window open, nothing chosen yet
        assert shown() == truth(before_decision=mark.node,
                                until_tick=mark.tick - (0 if acted else 1)), mark.number
        viewer.cursor.step(1)  # what was chosen, or what the trainee did
        assert shown() == truth(until_tick=mark.tick), mark.number
    viewer.cursor.jump_to(1)
    assert shown() != end  # the first window is not the end


def test_the_decision_panel_says_why_and_when(make_ctx, library, tmp_path):
    ctx = make_ctx((1280, 720))
    log = tmp_path / "s.jsonl"
    record(ctx, "lumbar_puncture", log, policy="random", min_decisions=1)
    viewer = ReplayViewerScene(ctx, load_replay(str(log), library.get))
    viewer.resize()
    k = next(i for i, (m, w) in enumerate(viewer.model.explained) if m and w)
    viewer.cursor.jump_to(k + 1)
    viewer._sync()
    moments, why = viewer.model.explained[k]
    assert viewer.panel.moments == moments and viewer.panel.why == f"Why: {why}"
    ctx.recorder = []
    viewer.draw(pygame.Surface(ctx.size))
    assert any(why in p.text and moments in p.text for p in ctx.recorder)


def test_the_decision_panels_q_values_use_the_players_decimal_separator(make_ctx, tmp_path):
    """German writes 5,66 (issue 13: German mixed decimal separators)."""
    drawn = {}
    for language in ("en", "de"):
        ctx = make_ctx((1280, 720))
        ctx.t = Translator(language)
        ctx.settings = ctx.settings.with_(language=language)
        scene = viewer(ctx, str(tmp_path / f"{language}.jsonl"), decision=1)
        ctx.recorder = []
        scene.draw(pygame.Surface(ctx.size))
        drawn[language] = [p.text for p in ctx.recorder]
    q_values = {lang: [t for t in texts if re.fullmatch(r"-?\d+[.,]\d\d", t)]
                for lang, texts in drawn.items()}
    assert q_values["en"] and all("." in q for q in q_values["en"])
    assert q_values["de"] and all("," in q for q in q_values["de"])
