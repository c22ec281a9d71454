"""Resume in the UI: a practice session left mid-vignette is offered on the title and on its
History row, and taking it up plays on from where its log stopped, into a new log."""

from __future__ import annotations

import json

import pygame
import pytest

from game.app.profiles import create_profile, switch_to
from game.core.commands import Intervene
from game.core.state import fingerprint
from game.store import open_history
from game.ui.history.history import HistoryScene
from game.ui.home.title import TitleScene
from game.ui.play.play import PlayScene
from game.ui.review.presenters import clock
from game.ui.shell.scene import Pop, SceneStack
from tests.ui.conftest import SIZES
from tests.ui.helpers import press, run_until, start_play


def _profile(name: str = "Owl") -> str:
    history, _ = open_history()
    with history:
        profile = create_profile(history, name)
    switch_to(profile)
    return profile.id


def _leave_after_a_choice(ctx, scenario) -> PlayScene:
    """Play to the first decision, step in, let a second pass, then leave (Esc, Leave)."""
    play = start_play(ctx, scenario)
    run_until(play, "decision")
    play.apply(Intervene(play.node_id, "cue"))
    for _ in range(10):
        play.update(100)
    play.close()
    return play


def _last_command_tick(path) -> int:
    lines = [json.loads(x) for x in path.read_text(encoding="utf-8").splitlines()]
    return [x for x in lines if x.get("type") == "command"][-1]["tick"]


def _title(ctx) -> SceneStack:
    stack = SceneStack()
    stack.push(TitleScene(ctx))
    stack.update(16)
    stack.top.resize()
    assert "resume" not in [b.id for b in stack.top.buttons]  # the first frame is plain
    stack.draw(pygame.Surface(ctx.size))  # the offer is looked up after it
    stack.update(16)
    return stack


def _rows(name: str) -> dict:
    history, _ = open_history()
    with history:
        return {r.uid: r for r in history.results() if name in r.uid}


def test_title_offers_the_left_session_and_plays_on_from_where_it_stopped(ctx, lumbar, home):
    me = _profile()
    left = _leave_after_a_choice(ctx, lumbar)
    parent = left.session.log_path
    stack = _title(ctx)
    title = stack.top
    choice = _last_command_tick(parent)
    assert left.session.state.tick > choice  # the player left a second after choosing
    label = f"Resume {lumbar.title}, from your last choice at {clock(choice)}"
    assert title.buttons[0].label == label  # the step it goes on from, not "stopped at"
    assert title.focus.current == "start"  # Enter still starts; the offer is one key up
    press(stack, pygame.K_UP)
    press(stack, pygame.K_RETURN)
    play = stack.top
    assert isinstance(play, PlayScene) and play.session.log_path != parent
    assert fingerprint(play.session.state) == json.loads(
        parent.read_text(encoding="utf-8").splitlines()[-1])["fingerprint"]
    assert play.session.state.history == left.session.state.history
    assert any(f"Resumed from your last choice at {clock(choice)}. The log records your "
               "steps, not the moment you left" in line.text for line in play.lines)
    told = [line.kind for line in play.lines]  # the story so far, the choice too
    assert told.count("narration") >= 2 and "you" in told and told[-1] == "window"
    header = json.loads(play.session.log_path.read_text(encoding="utf-8").splitlines()[0])
    assert header["parent"]["kind"] == "resume" and header["parent"]["log"] == parent.name
    assert header["player"] == me
    assert _rows(parent.stem)[parent.name].status == "resumed"
    run_until(play, "ended")
    stack.apply(Pop())
    child = _rows(play.session.log_path.stem)[play.session.log_path.name]
    assert child.status == "finished" and child.player == me
    stack.draw(pygame.Surface(ctx.size))
    stack.update(16)  # back on the title: nothing is left to resume
    assert "resume" not in [b.id for b in stack.top.buttons]


def test_title_offers_nothing_to_another_profile_or_for_an_assessment(make_ctx, lumbar, home):
    from game.app.sessions import session_starter
    ctx = make_ctx()
    _profile("First")
    _leave_after_a_choice(ctx, lumbar)
    _profile("Second")
    assert "resume" not in [b.id for b in _title(ctx).top.buttons]
    ctx.services.start_session = session_starter(3, "assessment")
    _leave_after_a_choice(ctx, lumbar)
    assert "resume" not in [b.id for b in _title(ctx).top.buttons]


def test_a_vignette_changed_since_is_not_offered_on_the_title(ctx, lumbar, home,
                                                                monkeypatch):
    from dataclasses import replace
    _profile()
    _leave_after_a_choice(ctx, lumbar)
    changed = replace(lumbar, content_sha256="0" * 64)
    monkeypatch.setattr(ctx, "scenario_finder", lambda: {lumbar.id: changed}.get)
    assert "resume" not in [b.id for b in _title(ctx).top.buttons]
    monkeypatch.setattr(ctx, "scenario_finder", lambda: {}.get)  # a vignette removed
    assert "resume" not in [b.id for b in _title(ctx).top.buttons]


def test_a_changed_vignette_is_refused_in_words_and_no_longer_offered(ctx, lumbar, home,
                                                                      monkeypatch):
    from dataclasses import replace
    _profile()
    _leave_after_a_choice(ctx, lumbar)
    stack = _title(ctx)
    changed = replace(lumbar, content_sha256="0" * 64)
    monkeypatch.setattr(ctx, "scenario_finder", lambda: {lumbar.id: changed}.get)
    stack.top.activate("resume")
    assert stack.top.name == "title"
    assert "has changed since this session was played" in stack.top.notice
    stack.draw(pygame.Surface(ctx.size))
    stack.update(16)
    assert "resume" not in [b.id for b in stack.top.buttons]


def test_history_row_offers_resume_and_r_takes_it_up(ctx, lumbar, home):
    _profile()
    left = _leave_after_a_choice(ctx, lumbar)
    scene = HistoryScene(ctx)
    scene.resize()
    (row,) = scene.rows
    assert row.resumable and "Interrupted before the end" in row.facts
    scene.draw(pygame.Surface(ctx.size))
    tick = _last_command_tick(left.session.log_path)
    assert any(p.text == f"▶ Resume from your last choice at {clock(tick)} · R"
               for p in ctx.recorder)
    assert any("R resume" in p.text for p in ctx.recorder)
    result = press(scene, pygame.K_r)
    assert isinstance(result.scene, PlayScene)
    assert result.scene.session.state.history == left.session.state.history
    scene.update(16)  # back from play: the first attempt now says it was resumed
    parent = next(r for r in scene.rows if r.path == str(left.session.log_path))
    assert not parent.resumable and "resumed in a later session" in parent.facts


def test_history_lists_sessions_whose_log_is_missing_and_says_why(ctx, lumbar, home):
    _profile()
    left = _leave_after_a_choice(ctx, lumbar)
    gone = left.session.log_path
    record = _rows(gone.stem)[gone.name]
    history, _ = open_history()
    with history:
        history.add(record.with_(uid="unlogged-1", log_file="", status="finished",
                                 started_at="2020-01-01T10:00:00+00:00"))
    gone.unlink()
    scene = HistoryScene(ctx)
    scene.resize()
    assert len(scene.rows) == 2
    by_name = {r.name: r for r in scene.rows}
    moved, unlogged = by_name[gone.name], by_name["unlogged-1"]
    assert moved.word == unlogged.word == "Log missing" and not moved.resumable
    assert moved.missing == f"Log missing: {gone.name} was moved or deleted"
    assert unlogged.missing == "Log missing: it could not be written when this was played"
    scene.focus.focus(moved.path)
    assert press(scene, pygame.K_RETURN) is None and press(scene, pygame.K_d) is None
    assert scene.message == "Not opened: this session's log is missing."
    scene.draw(pygame.Surface(ctx.size))
    assert any(p.text == "⚠ Log missing: it could not be written when this was played"
               for p in ctx.recorder)


def test_resume_offers_fit_at_every_size_with_the_largest_text(make_ctx, lumbar, home):
    _profile()
    for size in SIZES:
        ctx = make_ctx(size=size, text_size="x-large")
        _leave_after_a_choice(ctx, lumbar)
        stack = _title(ctx)
        assert stack.top.buttons[0].id == "resume"
        ctx.recorder.clear()
        stack.draw(pygame.Surface(size))
        history = HistoryScene(ctx)
        history.resize()
        history.draw(pygame.Surface(size))
        offers = [p for p in ctx.recorder if "Resume" in p.text]
        assert {p.text.startswith("▶") for p in offers} == {True, False}  # title, History
        for placed in ctx.recorder:
            assert placed.box.contains(placed.rect), placed.text
        scrolled = [p.text for p in offers if p.scrolled]
        assert scrolled == [], scrolled


@pytest.mark.parametrize("language", ["en", "de"])
def test_title_with_an_offer_keeps_every_button_whole_at_the_largest_text(make_ctx, library,
                                                                          home, language):
    """At 1024x600 with Extra large text the offer's row squeezed the menu's buttons below
    their height and every label ("Enter Start", "Einstellungen") scrolled; the buttons'
    words now step down to body size instead."""
    from game.i18n import Translator
    _profile()
    for size in SIZES:
        ctx = make_ctx(size=size, text_size="x-large")
        ctx.t = Translator(language)
        # its short title still takes two lines in the offer's row ("Breaking bad news ...")
        _leave_after_a_choice(ctx, library.get("difficult_consultation"))
        stack = _title(ctx)
        assert stack.top.buttons[0].id == "resume"
        ctx.recorder.clear()
        stack.draw(pygame.Surface(size))
        scrolled = [p.text for p in ctx.recorder if p.scrolled]
        assert scrolled == [], (size, scrolled)
