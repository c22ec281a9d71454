"""Each scene driven with synthetic events: assert on returned commands and transitions."""

from __future__ import annotations

import pygame

from game.core.commands import Intervene, Skip
from game.replay.reader import read_log
from game.ui.home.picker import PickerScene
from game.ui.home.title import TitleScene
from game.ui.kit.dialogs import ConfirmDialog
from game.ui.play.briefing import BriefingScene
from game.ui.play.play import PlayScene
from game.ui.play.play_input import ACTIVATE_GUARD_S
from game.ui.review.outcome import OutcomeScene
from game.ui.shell.input import click_event, key_event
from game.ui.shell.scene import Pop, PopTo, Push, Quit, Replace
from tests.ui.helpers import press, run_until, start_play


def test_title(ctx):
    title = TitleScene(ctx)
    title.resize()
    assert title.focus.ids == ["start", "mode", "tutorial", "workshop", "history",
                               "progress", "profile", "settings", "quit"]
    result = press(title, pygame.K_RETURN)
    assert isinstance(result, Push) and isinstance(result.scene, PickerScene)
    assert isinstance(press(title, pygame.K_ESCAPE), Quit)
    press(title, pygame.K_UP)  # wraps round to Quit
    assert title.focus.current == "quit"
    assert isinstance(press(title, pygame.K_RETURN), Quit)
    start = title.buttons[0].rect.center
    assert isinstance(title.handle_event(click_event(start)), Push)


def test_title_switches_the_mode_by_keyboard(ctx):
    title = TitleScene(ctx)
    title.resize()
    press(title, pygame.K_DOWN)
    assert title.focus.current == "mode" and ctx.mode == "practice"
    assert press(title, pygame.K_RETURN) is None
    assert ctx.mode == "assessment"
    assert "Assessment" in next(b.label for b in title.buttons if b.id == "mode")
    press(title, pygame.K_RETURN)
    assert ctx.mode == "practice"


def test_title_opens_tutorial_and_settings(ctx):
    from game.ui.settings.settings import SettingsScene
    from game.ui.tutorial.tutorial import TutorialIntroScene
    title = TitleScene(ctx)
    title.resize()
    for item, scene in (("tutorial", TutorialIntroScene), ("settings", SettingsScene)):
        while title.focus.current != item:
            press(title, pygame.K_TAB)
        result = press(title, pygame.K_RETURN)
        assert isinstance(result, Push) and isinstance(result.scene, scene)


def test_title_items_open_their_screens_by_name(ctx):
    """Every menu item but mode and quit opens its screen by name from the registry."""
    title = TitleScene(ctx)
    title.resize()
    assert {"workshop", "history"} <= {b.id for b in title.buttons}
    for item, name in {"start": "picker", "tutorial": "tutorial", "workshop": "workshop-setup",
                       "history": "history", "settings": "settings"}.items():
        result = title.activate(item)
        assert isinstance(result, Push) and result.scene.name == name, item
        result.scene.close()


def test_picker_opens_a_briefing(ctx, library):
    picker = PickerScene(ctx)
    picker.resize()
    ids = [s.id for s in sorted(library.scenarios, key=lambda s: s.title.casefold())]
    assert picker.focus.ids == [*ids, "home"]  # by title, then the Home button
    press(picker, pygame.K_DOWN)
    result = press(picker, pygame.K_RETURN)
    assert isinstance(result, Push) and result.scene.scenario.id == ids[1]
    assert isinstance(press(picker, pygame.K_ESCAPE), Pop)


def test_picker_scrolls_to_keep_focus_visible(ctx):
    picker = PickerScene(ctx)
    picker.resize()
    for _ in range(len(picker.vm.rows) - 1):
        press(picker, pygame.K_DOWN)
    assert picker.focus.current in picker.rows
    assert picker.focus.current == picker.vm.rows[-1].id


def test_picker_never_offers_invalid_files(make_ctx, tmp_path, shipped_dir):
    from game.content.catalogue import load_catalogue
    folder = tmp_path / "lib"
    folder.mkdir()
    (folder / "broken.yaml").write_text("id: [\n", encoding="utf-8")
    picker = PickerScene(make_ctx(catalogue=load_catalogue(folder)))
    picker.resize()
    assert picker.focus.ids == ["home"] and len(picker.vm.invalid) == 1
    assert press(picker, pygame.K_1) is None
    assert isinstance(press(picker, pygame.K_RETURN), Pop)  # only Home to press


def test_briefing_selects_a_profile_and_starts(ctx, lumbar, home):
    briefing = BriefingScene(ctx, lumbar)
    briefing.resize()
    assert briefing.selected == "confident_junior"
    press(briefing, pygame.K_2)
    assert briefing.selected == "cautious_senior"
    briefing.handle_event(click_event(briefing.cards["unknown_locum"].center))
    assert briefing.selected == "unknown_locum" and briefing.focus.current == "start"
    result = press(briefing, pygame.K_RETURN)
    assert isinstance(result, Push) and isinstance(result.scene, PlayScene)
    assert result.scene.session.state.config.profile_id == "unknown_locum"
    result.scene.close()
    logs = list((home / "logs").glob("*_lumbar_puncture.jsonl"))
    assert len(logs) == 1
    header = read_log(logs[0]).header
    assert header["mode"] == "practice" and header["player"].startswith("sup-")
    assert "started_at" in header
    assert isinstance(press(briefing, pygame.K_ESCAPE), Pop)


def test_play_skip_choose_and_fixed_tick(ctx, lumbar):
    play = start_play(ctx, lumbar)
    assert play.vm.phase == "narration"
    assert isinstance(press(play, pygame.K_s), Skip)
    assert isinstance(press(play, pygame.K_RIGHT), Skip)
    assert press(play, pygame.K_2) is None  # no decision open yet
    tick = play.session.state.tick
    play.update(250)
    assert play.session.state.tick == tick + 2 and play.ticks.acc_ms == 50
    for _ in range(3):
        play.update(16)
    assert play.session.state.tick == tick + 2  # 98 ms: not yet a third tick
    play.update(16)
    assert play.session.state.tick == tick + 3
    run_until(play, "decision")
    assert press(play, pygame.K_2) == Intervene("angle_decision", "probe")
    assert press(play, pygame.K_9) is None
    assert press(play, pygame.K_s) is None


def test_enter_is_guarded_just_after_a_decision_opens(ctx, lumbar):
    play = start_play(ctx, lumbar)
    run_until(play, "decision")
    assert play.focus.current == "watch"
    assert press(play, pygame.K_RETURN) is None
    play.update(int(ACTIVATE_GUARD_S * 1000) + 100)
    press(play, pygame.K_DOWN)
    assert press(play, pygame.K_RETURN) == Intervene("angle_decision", "probe")


def test_clicking_an_option_intervenes(ctx, lumbar):
    play = start_play(ctx, lumbar)
    run_until(play, "decision")
    cue = next(b for b in play.buttons if b.id == "cue")
    assert play.handle_event(click_event(cue.rect.center)) == Intervene("angle_decision", "cue")


def test_pause_stops_the_clock(ctx, lumbar):
    play = start_play(ctx, lumbar)
    press(play, pygame.K_p)
    tick = play.session.state.tick
    play.update(1000)
    assert play.vm.paused and play.session.state.tick == tick
    press(play, pygame.K_p)
    play.update(100)
    assert play.session.state.tick == tick + 1
    play.handle_event(pygame.event.Event(pygame.WINDOWFOCUSLOST))
    assert play.paused
    play.handle_event(pygame.event.Event(pygame.WINDOWFOCUSLOST))
    assert play.paused  # losing focus never un-pauses


def test_esc_asks_before_leaving(ctx, lumbar):
    play = start_play(ctx, lumbar)
    result = press(play, pygame.K_ESCAPE)
    assert isinstance(result, Push) and isinstance(result.scene, ConfirmDialog)
    dialog = result.scene
    dialog.resize()
    assert press(dialog, pygame.K_ESCAPE) == Pop()
    assert press(dialog, pygame.K_RETURN) == Pop()  # focus starts on "Keep playing"
    press(dialog, pygame.K_RIGHT)
    assert press(dialog, pygame.K_RETURN) == Pop(2)


def test_play_to_outcome(ctx, lumbar):
    play = start_play(ctx, lumbar)
    run_until(play, "decision")
    play.apply(press(play, pygame.K_5))  # take over: the path ends without more decisions
    run_until(play, "ended")
    result = press(play, pygame.K_RETURN)
    assert isinstance(result, Replace) and isinstance(result.scene, OutcomeScene)
    outcome = result.scene
    outcome.resize()
    assert outcome.vm.decisions[0].chosen.startswith("Take over: ")
    assert press(outcome, pygame.K_RETURN) == PopTo("briefing")
    assert press(outcome, pygame.K_ESCAPE) == PopTo("picker")
    press(outcome, pygame.K_TAB)
    assert press(outcome, pygame.K_RETURN) == PopTo("picker")


def test_play_voices_the_decision_and_plays_the_cues(make_ctx, lumbar):
    ctx = make_ctx(seed=4)  # a first window that runs to its end (no v2 window event drawn)
    said, cues = [], []
    ctx.services.say, ctx.services.cue = said.append, cues.append
    play = start_play(ctx, lumbar)
    run_until(play, "decision")
    assert "window_open" in cues
    assert any("Decision point." in s and "2: Probe: Ask where she is aiming." in s
               for s in said)
    for _ in range(92):  # to 2.8 s left
        play.update(100)
    assert "last_seconds" in cues


def test_settings_changes_relayout_the_whole_stack(library, home):
    """Through the real app: a bigger text size re-lays out the title beneath the settings."""
    from game.ui.settings.settings import SettingsScene
    from game.ui.shell.app import build_app, first_scenes
    from game.ui.shell.services import default_services
    services = default_services(1, "practice")
    services.catalogue = lambda: library
    app = build_app((1024, 600), services, lambda c: first_scenes(c, None, None))
    try:
        title = app.stack.top
        before = title.buttons[0].rect.height
        app.stack.push(SettingsScene(app.ctx))
        for _ in range(2):
            app.handle(key_event(pygame.K_RIGHT))  # text size: large, then x-large
        assert app.ctx.settings.text_size == "x-large"
        assert title.buttons[0].rect.height > before
        assert all(b.rect.bottom <= 600 for b in title.buttons)
        app.handle(key_event(pygame.K_ESCAPE))
        assert app.stack.top is title
    finally:
        app.stack.close_all()
