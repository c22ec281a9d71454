"""The phone server's process is killed mid-workshop: the projector says so in words with what
to do, F5 starts a new one, and the phones' votes so far are kept (issue 14's doubt)."""

from __future__ import annotations

import os
import signal
import time

import pygame
import pytest

from game.i18n import Translator
from game.ui.shell.input import key_event
from game.ui.workshop.setup import WorkshopSetupScene
from tests.web.helpers import Phone


def _kill_and_notice(scene, phones, frames: int = 300) -> None:
    """SIGKILL the server process, then run the scene's frames until it has noticed."""
    os.kill(phones.server.pid, signal.SIGKILL)
    for _ in range(frames):
        scene.update(16)
        if phones.down:
            return
        time.sleep(0.01)
    pytest.fail("the projector never noticed the phone server had died")


def _shown(ctx, scene) -> list:
    ctx.recorder = []
    scene.draw(pygame.Surface(ctx.size))
    return ctx.recorder


@pytest.fixture
def setup(make_ctx, monkeypatch):
    monkeypatch.setenv("SAFETYNET_PHONES", "127.0.0.1:0")
    ctx = make_ctx((1024, 600), text_size="x-large")
    scene = WorkshopSetupScene(ctx, "lumbar_puncture", None)
    scene.resize()
    assert scene.phones is not None and scene.phones.server is not None
    yield ctx, scene
    scene.close()


def test_a_killed_server_mid_vote_is_shown_and_f5_brings_the_phones_back(setup, capsys):
    ctx, scene = setup
    phones = scene.phones
    phone = Phone(phones.url, phones.room.code)
    phone.join()
    play = scene._start().scene
    for _ in range(3000):
        if play.phase == "vote":
            break
        play.update(100)
    play.update(16)  # the projector's frame opens the phones' ballot
    ballot = phones.room.current
    assert ballot is not None
    assert phone.vote(ballot.decision, ballot.options[1].id)[0] == 200
    play.update(16)
    port = phones.server.port
    _kill_and_notice(play, phones)
    warning = [p for p in _shown(ctx, play) if p.text.startswith("Phones disconnected:")]
    assert len(warning) == 1 and "stopped by SIGKILL" in warning[0].text
    assert "Press F5 to restart it; votes so far are kept" in warning[0].text
    assert not warning[0].scrolled  # the status line grows for it at 1024x600 Extra large
    assert play.desk.vote.counts == {ballot.options[1].id: 1}
    capsys.readouterr()
    play.handle_event(key_event(pygame.K_F5))
    assert play.message == ("Phones reconnected: the phone server was restarted; the votes "
                            "are kept.")
    assert capsys.readouterr().out.startswith(f"join: http://127.0.0.1:{port}/")
    shown = [p.text for p in _shown(ctx, play)]
    assert not [s for s in shown if s.startswith("Phones disconnected")]
    assert phone.vote(ballot.decision, ballot.options[0].id)[0] == 200  # same phone, new vote
    play.update(16)
    assert play.desk.vote.counts == {ballot.options[0].id: 1}
    assert phones.room.participants == 1


def test_the_lobby_says_it_in_german_and_f5_restarts(setup):
    ctx, scene = setup
    ctx.t = Translator("de")
    scene.resize()
    phones = scene.phones
    _kill_and_notice(scene, phones)
    words = [p for p in _shown(ctx, scene) if p.text.startswith("Handys getrennt:")]
    assert len(words) == 1 and "der Handy-Server wurde durch SIGKILL beendet" in words[0].text
    assert not words[0].scrolled
    scene.handle_event(key_event(pygame.K_F5))
    assert not phones.down and phones.server.running and phones.qr is not None
    assert phones.room.code in [p.text for p in _shown(ctx, scene)]  # the join box is back


def test_f5_does_nothing_while_the_server_runs(setup):
    _, scene = setup
    pid = scene.phones.server.pid
    scene.handle_event(key_event(pygame.K_F5))
    assert scene.phones.server.pid == pid and scene.error == ""


def test_the_end_screen_says_it_and_f5_restarts(make_ctx, monkeypatch):
    from tests.ui.test_workshop_support import end_screen
    monkeypatch.setenv("SAFETYNET_PHONES", "127.0.0.1:0")
    ctx = make_ctx()
    end = end_screen(ctx)
    phones = end.phones
    try:
        assert phones is not None and phones.server is not None
        _kill_and_notice(end, phones)
        said = [p for p in _shown(ctx, end)
                if p.text == "Phones disconnected: the phone server stopped. F5 restarts it."]
        assert len(said) == 1 and not said[0].scrolled
        end.handle_event(key_event(pygame.K_F5))
        assert phones.server.running and not phones.down
        assert end.message.startswith("Phones reconnected")
    finally:
        phones.stop()


@pytest.mark.parametrize("language", ["en", "de"])
def test_while_the_story_runs_the_join_box_says_it_whole(setup, language):
    """1024x600 at Extra large: the warning takes the join box's place and shows whole."""
    ctx, scene = setup
    ctx.t = Translator(language)
    play = scene._start().scene
    play.update(100)
    _kill_and_notice(play, scene.phones)
    start = "Phones disconnected:" if language == "en" else "Handys getrennt:"
    said = [p for p in _shown(ctx, play) if p.text.startswith(start)]
    assert len(said) == 1 and not said[0].scrolled, [(p.text, p.box) for p in said]


@pytest.mark.parametrize("language", ["en", "de"])
@pytest.mark.parametrize("down", [False, True], ids=["serving", "stopped"])
def test_the_lobby_keeps_the_selected_vignette_clear_of_the_join_box(setup, language, down):
    """1024x600 at Extra large the selected vignette's row ran over the join box: the join
    box gives up its heading first, and a long warning scrolls in its box instead."""
    from tests.ui.test_text_never_shrinks import problems, squeezed_scrollers
    ctx, scene = setup
    ctx.t = Translator(language)
    if down:
        _kill_and_notice(scene, scene.phones)
    scene.resize()
    layers = [_shown(ctx, scene)]
    assert problems(ctx, layers, False) == []
    left = scene.layout.list.union(scene.layout.join)  # (the trainee cards: issue 13's rest)
    assert squeezed_scrollers(ctx, [[p for p in layers[0] if left.contains(p.box)]]) == []
    assert scene.phones.room.code in [p.text for p in layers[0]] or down
