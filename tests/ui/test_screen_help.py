"""F1 on each menu screen lists that screen's keys (#13 item 5: help per screen), in both
languages, and says nothing about a vignette's clock where none runs."""

from __future__ import annotations

import json

import pygame
import pytest

from game.paths import assets_dir
from game.ui.calibration.rating import RatingOverlay
from game.ui.home.picker import PickerScene
from game.ui.home.title import TitleScene
from game.ui.kit.dialogs import HelpOverlay
from game.ui.kit.help_keys import MENU_TABLES
from game.ui.play.briefing import BriefingScene
from game.ui.progress.progress import ProgressScene
from game.ui.settings.settings import SettingsScene
from game.ui.shell.input import KEY_HELP
from game.ui.shell.scene import SceneStack
from game.ui.tutorial.tutorial import TutorialIntroScene
from tests.ui.helpers import drawn_texts, press

SCREENS = {
    "title": lambda ctx: TitleScene(ctx),
    "picker": lambda ctx: PickerScene(ctx),
    "briefing": lambda ctx: BriefingScene(ctx, ctx.services.catalogue().get("lumbar_puncture")),
    "settings": lambda ctx: SettingsScene(ctx),
    "tutorial": lambda ctx: TutorialIntroScene(ctx),
    "progress": lambda ctx: ProgressScene(ctx, player="sup-new"),
    "entrustment-rating": lambda ctx: RatingOverlay(ctx, "the confident junior",
                                                    lambda _: None),
}


def _help_on(ctx, name: str) -> tuple[SceneStack, HelpOverlay]:
    stack = SceneStack(help_factory=lambda: HelpOverlay(ctx, stack.top.keymap.help_table))
    stack.push(SCREENS[name](ctx))
    press(stack, pygame.K_F1)
    assert isinstance(stack.top, HelpOverlay)
    return stack, stack.top


@pytest.mark.parametrize("name", list(SCREENS))
def test_f1_lists_the_screens_own_keys(ctx, home, name):
    screen = SCREENS[name](ctx)
    _, overlay = _help_on(ctx, name)
    assert overlay.keys == screen.keymap.help_table != KEY_HELP
    assert overlay.keys in MENU_TABLES
    listed = " ".join(f"{k} {v}" for k, v in overlay.keys)
    assert "pause / resume the vignette" not in listed  # not the play keys
    texts = drawn_texts(ctx, overlay)
    assert "Esc, Enter or F1 closes this help." in texts
    assert not any("vignette is paused" in t for t in texts)


def test_play_keeps_the_players_table_with_the_clock_note(ctx, home, lumbar):
    from tests.ui.helpers import start_play
    play = start_play(ctx, lumbar)
    table = play.keymap.help_table
    # the player's rows, with the number keys up to 9 (a second option on one rung) and R
    assert [row for row in KEY_HELP if row[0] != "Number keys 1 - 5"] == \
        [row for row in table if row[0] not in ("Number keys 1-9", "R")]
    assert dict(table)["Number keys 1-9"].startswith(dict(KEY_HELP)["Number keys 1 - 5"])


@pytest.mark.parametrize("name", list(SCREENS))
def test_every_help_row_has_german(name, ctx, home):
    german = json.loads((assets_dir() / "i18n" / "de.json").read_text(encoding="utf-8"))
    rows = SCREENS[name](ctx).keymap.help_table
    missing = [text for row in rows for text in row if text not in german]
    assert not missing


def test_the_help_scrolls_by_rows_at_the_largest_text(make_ctx, home):
    ctx = make_ctx((1024, 600), text_size="x-large")
    stack = SceneStack(help_factory=lambda: HelpOverlay(ctx, KEY_HELP))
    stack.push(TitleScene(ctx))
    press(stack, pygame.K_F1)
    overlay = stack.top
    ctx.recorder = []
    overlay.draw(pygame.Surface(ctx.size))
    first = [p.text for p in ctx.recorder]
    assert all(p.px == ctx.font_px(p.requested) for p in ctx.recorder)
    hidden = [v for _, v in KEY_HELP if v not in first]
    assert hidden, "all rows fit: this test needs a table longer than the window"
    for _ in range(len(KEY_HELP)):
        press(stack, pygame.K_DOWN)
    ctx.recorder = []
    overlay.draw(pygame.Surface(ctx.size))
    assert hidden[-1] in [p.text for p in ctx.recorder]
