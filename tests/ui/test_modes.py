"""Practice and assessment: pause, meters, real time, rewind, pace and the results store."""

from __future__ import annotations

from datetime import datetime

import pygame
import pytest

from game.app.sessions import log_path
from game.core.commands import Intervene
from game.core.state import SessionConfig
from game.replay.reader import read_log
from game.replay.session import RecordedSession
from game.replay.verify import verify_log
from game.scoring.params import ModelParams
from game.store import open_history
from game.ui.play.play import PlayScene
from game.ui.review.outcome import OutcomeScene
from game.ui.review.rewind import RewindDialog
from game.ui.shell.input import Act, Intent, key_event
from game.ui.shell.scene import Push, Replace
from tests.ui.helpers import press, run_until


def start(ctx, scenario, mode: str, home=None, seed: int = 5) -> PlayScene:
    config = SessionConfig(scenario.id, seed, scenario.trainees[0].id, "normal", mode)
    path = None if home is None else log_path(scenario.id, datetime.now(), home / "logs")
    session = RecordedSession(scenario, config, ModelParams(), path, player="sup-mode")
    play = PlayScene(ctx, scenario, session)
    play.resize()
    return play


def finish(play: PlayScene, option: str = "watch") -> None:
    """Play to the end, taking `option` at every decision point."""
    for _ in range(20_000):
        if play.card is not None:
            play.on_intent(Intent(Act.ACTIVATE))  # read the consequence, continue
        elif play.vm.phase == "ended":
            if play.session.writer is not None:  # its end line is written on its own thread
                play.session.writer.wait(10)
            return
        elif play.vm.phase == "decision" and play.session.state.pending is None:
            play.apply(Intervene(play.node_id, option))
        else:
            play.update(100)
    raise AssertionError("the vignette never ended")


def test_assessment_refuses_pause_and_says_so(ctx, lumbar):
    play = start(ctx, lumbar, "assessment")
    assert press(play, pygame.K_p) is None
    assert not play.paused and "No pause in assessment" in play.notice_text
    tick = play.session.state.tick
    play.update(200)
    assert play.session.state.tick == tick + 2
    play.handle_event(pygame.event.Event(pygame.WINDOWFOCUSLOST))
    assert not play.paused  # real time: losing focus does not stop the clock either
    assert [b.id for b in play.controls] == ["help"]
    play.update(int(3.5 * 1000))
    assert play.notice_text == ""  # the notice goes away by itself


def test_assessment_hides_the_meters(ctx, lumbar):
    play = start(ctx, lumbar, "assessment")
    assert not play.show_meters
    press(play, pygame.K_m)
    assert not play.show_meters and "hidden in assessment" in play.notice_text
    surface = pygame.Surface(ctx.size)
    ctx.recorder = []
    play.draw(surface)
    assert not any("so far" in p.text for p in ctx.recorder)


def test_assessment_time_under_an_overlay_is_caught_up(ctx, lumbar):
    play = start(ctx, lumbar, "assessment")
    now = [1000]
    play.clock = lambda: now[0]
    play.update(16)
    tick = play.session.state.tick
    now[0] += 5000  # help was open for five seconds: the scene was not updated meanwhile
    play.update(16)
    assert play.session.state.tick >= tick + 49


def test_practice_pause_is_not_caught_up(ctx, lumbar):
    play = start(ctx, lumbar, "practice")
    now = [1000]
    play.clock = lambda: now[0]
    play.update(16)
    tick = play.session.state.tick
    now[0] += 5000
    play.update(16)
    assert play.session.state.tick <= tick + 1


def test_practice_meters_toggle_and_follow_the_session(make_ctx, library):
    ctx = make_ctx()
    ctx.settings = ctx.settings.with_(show_meters=False)
    scenario = library.get("lumbar_puncture")
    play = start(ctx, scenario, "practice")
    assert not play.show_meters
    press(play, pygame.K_m)
    assert play.show_meters and next(b for b in play.controls if b.id == "meters").selected
    assert play.meters.learning == 0 and play.meters.harm == 0
    run_until(play, "decision")
    play.apply(Intervene(play.node_id, "watch"))  # a v2 window runs on; seed 5: bone
    run_until(play, "narration")  # the window settled (its consequence card read)
    run_until(play, "decision")
    assert play.meters.harm > 0 and "Harm so far" in play.meters.harm_text
    assert play.meters.learning > 0
    ctx.recorder = []
    play.draw(pygame.Surface(ctx.size))
    assert any(p.text.startswith("▲ Learning so far") for p in ctx.recorder)
    press(play, pygame.K_m)
    assert not play.show_meters


def test_finished_sessions_are_stored_and_the_outcome_says_so(ctx, lumbar, home):
    for mode in ("assessment", "practice"):
        play = start(ctx, lumbar, mode, home)
        finish(play)
        result = press(play, pygame.K_RETURN)
        assert isinstance(result, Replace) and isinstance(result.scene, OutcomeScene)
        # saved by a background worker: the outcome says so once the save is done
        assert play.saver is not None and play.saver.wait(10)
        assert "Result saved" in result.scene.note
        result.scene.resize()
        ctx.recorder = []
        result.scene.draw(pygame.Surface(ctx.size))
        assert any("Result saved" in p.text for p in ctx.recorder)
    history, problem = open_history(home / "history.sqlite")
    with history:
        rows = history.results()
    assert problem is None and [r.mode for r in rows] == ["assessment", "practice"]
    assert all(r.player == "sup-mode" and r.scenario_id == "lumbar_puncture" for r in rows)
    assert all(r.log_file.endswith(".jsonl") for r in rows)


def test_rewind_is_practice_only(ctx, lumbar, home):
    play = start(ctx, lumbar, "assessment", home)
    finish(play)
    outcome = OutcomeScene(ctx, lumbar, play.session)
    outcome.resize()
    assert "rewind" not in outcome.focus.ids
    assert press(outcome, pygame.K_w) is None


def test_rewind_plays_on_from_a_window_as_a_verified_branch_log(ctx, lumbar, home):
    play = start(ctx, lumbar, "practice", home)
    finish(play)
    outcome = OutcomeScene(ctx, lumbar, play.session)
    outcome.resize()
    assert "rewind" in [b.id for b in outcome.buttons]
    result = press(outcome, pygame.K_w)
    assert isinstance(result, Push) and isinstance(result.scene, RewindDialog)
    dialog = result.scene
    dialog.resize()
    n = len(dialog.rows)
    assert n >= 2
    result = press(dialog, pygame.K_2)  # the second decision
    assert isinstance(result, Replace) and isinstance(result.scene, PlayScene)
    again = result.scene
    again.resize()
    assert again.vm.phase == "decision" and again.vm.fraction_left == pytest.approx(1.0)
    new_log = again.session.log_path
    assert new_log != play.session.log_path
    parent = read_log(new_log).header["parent"]
    assert parent["kind"] == "rewind" and parent["index"] == 1
    assert parent["log"] == play.session.log_path.name
    again.apply(Intervene(again.node_id, "takeover"))
    finish(again, "takeover")
    result = verify_log(str(new_log), lambda sid: lumbar if sid == lumbar.id else None)
    assert result.ok and result.complete


def test_rewind_dialog_by_keyboard_and_cancel(ctx, lumbar, home):
    play = start(ctx, lumbar, "practice", home)
    finish(play)
    dialog = RewindDialog(ctx, lumbar, play.session)
    dialog.resize()
    assert dialog.focus.current == "0"
    press(dialog, pygame.K_UP)
    assert dialog.focus.current == "cancel"
    assert press(dialog, pygame.K_RETURN).__class__.__name__ == "Pop"
    assert press(dialog, pygame.K_ESCAPE).__class__.__name__ == "Pop"
    press(dialog, pygame.K_DOWN)
    result = press(dialog, pygame.K_RETURN)
    assert isinstance(result, Replace)
    result.scene.close()


def test_live_starter_uses_the_mode_and_pace_chosen_now(make_ctx, library, home):
    from game.app.sessions import Launch, live_starter
    ctx = make_ctx()
    start_session = live_starter(Launch(9), lambda: ctx.mode, lambda: ctx.settings.pace)
    ctx.mode = "assessment"
    ctx.settings = ctx.settings.with_(pace="slower")
    session = start_session(library.get("lumbar_puncture"), "confident_junior")
    session.close()
    header = read_log(session.log_path).header
    assert header["mode"] == "assessment" and header["pace"] == "slower"
    assert session.state.config.pace == "slower"


def test_cli_mode_reaches_the_game(monkeypatch):
    from game import cli
    seen = {}
    monkeypatch.setattr("game.ui.shell.app.run_game", lambda **kw: seen.update(kw) or 0)
    assert cli.main(["play", "--mode", "assessment"]) == 0
    assert seen["mode"] == "assessment"


def test_build_app_starts_in_the_requested_mode(library):
    from game.ui.shell.app import build_app, first_scenes
    from game.ui.shell.services import default_services
    services = default_services(1, "assessment")
    services.catalogue = lambda: library
    app = build_app((1024, 600), services, lambda c: first_scenes(c, None, None),
                    mode="assessment")
    try:
        assert app.ctx.mode == "assessment"
        app.handle(key_event(pygame.K_RETURN))  # Start
        assert app.stack.top.name == "picker"
    finally:
        app.stack.close_all()
