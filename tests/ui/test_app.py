"""The app loop: fixed simulation tick, window close mid-vignette, a full keyboard playthrough."""

from __future__ import annotations

import pygame
import pytest

from game.replay.reader import read_log
from game.replay.verify import verify_log
from game.ui.shell.app import App, build_app, clamp_size, first_scenes, parse_window
from game.ui.shell.input import key_event
from game.ui.shell.services import default_services


@pytest.fixture
def app(library):
    def make(scenario_id="lumbar_puncture", seed=11, window=None) -> App:
        services = default_services(seed, "practice")
        services.catalogue = lambda: library
        return build_app(window, services, lambda ctx: first_scenes(ctx, scenario_id, None))
    yield make
    pygame.display.init()  # App.run ends with pygame.quit(); later tests need the display
    pygame.font.init()
    pygame.display.set_mode((1, 1))


def test_window_sizes():
    assert clamp_size(None) == (1280, 720)
    assert clamp_size((800, 500)) == (1024, 600)
    assert parse_window("1100x700") == (1100, 700) and parse_window("big") is None


def test_starts_at_the_briefing_with_a_scenario(app):
    a = app()
    assert [s.name for s in a.stack.scenes] == ["title", "picker", "briefing"]
    assert pygame.display.get_caption()[0] == "Safety Net"
    assert pygame.display.get_surface().get_size() == (1280, 720)


def test_closing_the_window_mid_vignette_keeps_a_readable_log(app, home):
    a = app()
    a.handle(key_event(pygame.K_RETURN))  # Start on the briefing
    play = a.stack.top
    assert play.name == "play"
    a.frame(350)
    pygame.event.post(pygame.event.Event(pygame.QUIT))
    assert a.run() == 0
    assert play.session.writer.closed
    log = read_log(next((home / "logs").glob("*.jsonl")))
    assert not log.complete and log.header["scenario_id"] == "lumbar_puncture"


def test_play_lumbar_puncture_to_the_end_by_keys(app, home):
    """Start, skip narration with S, choose with number keys, read the outcome, go back."""
    a = app()
    a.handle(key_event(pygame.K_2))       # the cautious senior
    a.handle(key_event(pygame.K_RETURN))  # start
    play = a.stack.top
    keys = {"narration": pygame.K_s, "decision": pygame.K_3}  # always a verbal cue
    for _ in range(5000):
        if play.card is not None:             # read the consequence, then Enter
            a.handle(key_event(pygame.K_RETURN))
        elif play.vm.phase == "ended":
            break
        elif play.vm.phase in keys:
            a.handle(key_event(keys[play.vm.phase]))
        a.frame(100)
    assert play.vm.phase == "ended" and play.card is None
    a.handle(key_event(pygame.K_RETURN))
    assert a.stack.top.name == "outcome"
    a.frame(16)
    outcome = a.stack.top
    assert all(d.chosen.startswith("Cue: ") for d in outcome.vm.decisions)
    logs = list((home / "logs").glob("*_lumbar_puncture.jsonl"))
    assert len(logs) == 1
    assert read_log(logs[0]).header["profile"] == "cautious_senior"
    result = verify_log(str(logs[0]), lambda sid: play.scenario if sid == "lumbar_puncture"
                        else None)
    assert result.ok and result.complete
    a.handle(key_event(pygame.K_ESCAPE))
    assert a.stack.top.name == "picker"


def test_resize_event_relayouts(app):
    a = app()
    pygame.display.set_mode((1024, 600), pygame.RESIZABLE)
    a.handle(pygame.event.Event(pygame.VIDEORESIZE, size=(1024, 600), w=1024, h=600))
    assert a.ctx.size == (1024, 600)
    assert a.stack.top.start_button.rect.right <= 1024


def test_no_display_is_a_clear_error_not_an_invisible_game(monkeypatch, capsys):
    import pygame

    from game.cli import main
    monkeypatch.delenv("SDL_VIDEODRIVER", raising=False)
    monkeypatch.setattr(pygame.display, "get_driver", lambda: "offscreen")
    assert main(["play"]) == 1
    err = capsys.readouterr().err
    assert "no display found" in err and "Traceback" not in err
