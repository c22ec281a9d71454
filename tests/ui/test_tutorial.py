"""The tutorial: shown on first start, replayable, coach marks that freeze the clock, and a
vignette that validates but stays out of the picker."""

from __future__ import annotations

import pygame

from game import cli, paths
from game.config import Settings, load_settings
from game.content.catalogue import load_catalogue
from game.core.commands import Intervene
from game.ui.shell.app import build_app, first_scenes
from game.ui.shell.input import key_event
from game.ui.shell.scene import Pop, Replace
from game.ui.shell.services import default_services
from game.ui.tutorial.tutorial import (
    TUTORIAL_FILE,
    TutorialIntroScene,
    load_tutorial,
    tutorial_session,
)
from game.ui.tutorial.tutorial_play import MARKS, TutorialPlayScene
from tests.ui.helpers import press


def test_the_tutorial_vignette_validates_and_is_not_in_the_picker(capsys):
    assert cli.main(["validate", str(TUTORIAL_FILE)]) == 0
    assert "1 valid, 0 invalid" in capsys.readouterr().out
    assert load_catalogue(paths.scenarios_dir()).get("first_steps") is None
    scenario, problem = load_tutorial()
    assert problem == "" and len(scenario.decisions()) in (2, 3)
    assert "(fictional)" in scenario.patient.name


def test_first_start_runs_the_tutorial_then_remembers(library, home):
    services = default_services(1, "practice")
    services.catalogue = lambda: library
    app = build_app((1024, 600), services,
                    lambda c: first_scenes(c, None, None, tutorial=True), Settings())
    try:
        # who is playing comes first (the tutorial is recorded), then the tutorial
        assert [s.name for s in app.stack.scenes] == ["title", "tutorial", "profiles"]
        app.handle(key_event(pygame.K_n))
        app.stack.update(16)  # the name entry's first frame: from now on TEXTINPUT is text
        app.handle(pygame.event.Event(pygame.TEXTINPUT, text="Night owl"))
        app.handle(key_event(pygame.K_RETURN))
        app.stack.update(16)
        assert app.stack.top.name == "tutorial"
        for _ in range(3):  # three pages, then the vignette
            app.handle(key_event(pygame.K_RETURN))
        assert isinstance(app.stack.top, TutorialPlayScene)
        assert load_settings(paths.settings_path())[0].tutorial_seen
        assert app.ctx.settings.tutorial_seen
    finally:
        app.stack.close_all()
    assert first_scenes(app.ctx, None, None, tutorial=False)[-1].name == "title"
    logs = list((home / "logs").iterdir())  # the tutorial is recorded, and nothing else
    assert len(logs) == 1 and "first_steps" in logs[0].name


def test_skipping_also_counts_as_seen(ctx, home):
    intro = TutorialIntroScene(ctx)
    intro.resize()
    assert press(intro, pygame.K_ESCAPE) == Pop()
    assert load_settings(paths.settings_path())[0].tutorial_seen


def test_pages_by_keyboard(ctx, home):
    intro = TutorialIntroScene(ctx)
    intro.resize()
    assert press(intro, pygame.K_RIGHT) is None and intro.page == 1
    assert press(intro, pygame.K_LEFT) is None and intro.page == 0
    press(intro, pygame.K_RETURN)
    press(intro, pygame.K_RETURN)
    assert intro.last and intro.buttons[0].label == "Start the tutorial vignette"
    result = press(intro, pygame.K_RETURN)
    assert isinstance(result, Replace) and isinstance(result.scene, TutorialPlayScene)
    log = result.scene.session.log_path  # a log like any session (Review and Debrief)
    assert log is not None and "first_steps" in log.name
    result.scene.close()


def test_coach_marks_come_in_order_and_freeze_the_clock(ctx):
    scenario, _ = load_tutorial()
    play = TutorialPlayScene(ctx, scenario, tutorial_session(ctx, scenario))
    play.resize()
    assert play.mark == "narration"
    tick = play.session.state.tick
    play.update(2000)
    assert play.session.state.tick == tick  # frozen while the mark is up
    shown = []
    for _ in range(5000):
        if play.mark is not None:
            shown.append(play.mark)
            assert play.card is None, f"the {play.mark} mark over the consequence card"
            if play.mark == "options":
                assert press(play, pygame.K_1) is None  # keys wait for the mark
            ctx.recorder = []
            play.draw(pygame.Surface(ctx.size))
            assert any(p.text == "Enter: got it" for p in ctx.recorder)
            press(play, pygame.K_RETURN)
            continue
        if play.card is not None:  # the consequence card: read, then Enter
            press(play, pygame.K_RETURN)
            continue
        if play.vm.phase == "ended":
            break
        if play.vm.phase == "decision" and play.session.state.pending is None:
            assert press(play, pygame.K_RETURN) is None  # the Enter guard after a mark
            play.apply(press(play, pygame.K_3))  # always a verbal cue: a safe step
        else:
            play.update(100)
    assert play.mark is None and "outcome" in play.seen
    assert shown == [m for m in MARKS if m in shown]
    assert {"narration", "countdown", "options", "meters", "outcome"} <= set(shown)
    assert play.saved is not None and not play.saved.saved


def test_the_stop_mark_points_at_the_mistake_to_stop(ctx):
    """With the tutorial's fixed seed, watching lets the vein roll and opens the decision
    whose mistake must be stopped."""
    scenario, _ = load_tutorial()
    play = TutorialPlayScene(ctx, scenario, tutorial_session(ctx, scenario))
    play.resize()
    for _ in range(3000):
        if play.mark == "stop":
            assert play.node_id == "reinsert_decision"
            assert play.target("stop").colliderect(play.layout.panel)
            return
        if play.mark is not None:
            play.dismiss()
        elif play.card is not None:
            press(play, pygame.K_RETURN)
        elif play.vm.phase == "decision" and play.session.state.pending is None:
            play.apply(Intervene(play.node_id, "watch"))
        elif play.vm.phase == "ended":
            break
        else:
            play.update(100)
    raise AssertionError("the stop mark never showed")
