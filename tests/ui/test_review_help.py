"""F1 lists the keys of the screen it is pressed on (issue 13: in the replay viewer it listed
the play screen's 1-5, P, M and W, none of which work there)."""

from __future__ import annotations

import pygame
import pytest

from game.ui.debrief.debrief import DebriefScene
from game.ui.kit.dialogs import HelpOverlay
from game.ui.review.outcome import OutcomeScene
from game.ui.review.viewer import ReplayViewerScene
from game.ui.shell.input import PLAYER_KEYS, Act

PLAY_ONLY = {"Number keys 1 - 5", "P", "M", "S or Right arrow"}


@pytest.mark.parametrize("scene", [ReplayViewerScene, OutcomeScene, DebriefScene])
def test_help_lists_the_screens_own_keys(scene):
    keymap = scene.keymap
    rows = {keys for keys, _ in keymap.help_table}
    assert rows and not rows & PLAY_ONLY, rows & PLAY_ONLY
    assert keymap.help != PLAYER_KEYS.help
    assert "G" in rows and "F1 or ?" in rows
    for row in keymap.help:  # every row's keys do what it says on this screen
        for p in row.presses:
            assert keymap.map(p.event()) is not None, row.keys


def test_the_viewer_help_names_what_each_key_does_there():
    keymap = ReplayViewerScene.keymap
    meaning = dict(keymap.help_table)
    acts = {row.keys: {keymap.map(p.event()).act for p in row.presses}
            for row in keymap.help if row.presses}
    assert acts["Space"] == {Act.PLAY} and acts[". and ,"] == {Act.STEP}
    assert acts["S"] == {Act.SPEED} and acts["A"] == {Act.NOTE}
    assert acts["B"] == {Act.BRANCH} and acts["D"] == {Act.DEBRIEF}
    assert acts["G"] == {Act.GLOSSARY} and acts["Home / End"] == {Act.FIRST, Act.LAST}
    assert acts["→ / ←, Page Down / Page Up, N"] == {Act.LATER, Act.EARLIER}
    assert "decision point" in meaning["→ / ←, Page Down / Page Up, N"]


@pytest.mark.parametrize("language", ["en", "de"])
def test_the_viewer_help_fits_the_smallest_window(make_ctx, language):
    ctx = make_ctx((1024, 600), text_size="x-large")
    ctx.apply_settings(ctx.settings.with_(language=language, text_size="x-large"))
    overlay = HelpOverlay(ctx, ReplayViewerScene.keymap.help_table)
    overlay.resize()
    seen: set[str] = set()
    for _ in range(len(ReplayViewerScene.keymap.help)):
        ctx.recorder = []
        overlay.draw(pygame.Surface(ctx.size))
        seen |= {p.text for p in ctx.recorder}
        overlay.on_intent(type("I", (), {"act": Act.DOWN, "amount": 0})())
    for keys, meaning in ReplayViewerScene.keymap.help_table:
        assert ctx.t(keys) in seen and ctx.t(meaning) in seen, keys
