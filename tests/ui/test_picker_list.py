"""The vignette list (#13 small items): by title, a Home button, played marks and the best
result in the player's language, rows at the chosen text size with a visible scroll bar."""

from __future__ import annotations

import pygame

from game.app.recommend import Mark
from game.i18n import Translator
from game.ui.home.picker import PickerScene, mark_words
from game.ui.kit.panels import bar_width
from game.ui.shell.input import click_event
from game.ui.shell.scene import Pop
from tests.ui.helpers import press


def test_listed_by_title_with_home_last(ctx, library):
    picker = PickerScene(ctx)
    picker.resize()
    titles = [r.title for r in picker.vm.rows]
    assert titles == sorted(titles, key=str.casefold)
    assert picker.focus.ids[-1] == "home"


def test_home_button_goes_back_by_click_and_by_keys(ctx):
    picker = PickerScene(ctx)
    picker.resize()
    assert isinstance(picker.handle_event(click_event(picker.home.rect.center)), Pop)
    picker = PickerScene(ctx)
    picker.resize()
    press(picker, pygame.K_TAB, pygame.KMOD_LSHIFT)  # from the first row back to Home
    assert picker.focus.current == "home"
    assert isinstance(press(picker, pygame.K_RETURN), Pop)


def test_marks_in_the_players_language():
    de = Translator("de")
    assert mark_words(Mark(3, "green", 0.42), de) == \
        "3× gespielt · bestes Ergebnis: sicher, Bedauern 0,4"
    assert mark_words(Mark(1, None, None), de) == "1× gespielt, nicht beendet"
    assert mark_words(Mark(2, "red", 1.25), Translator("en")) == \
        "played 2× · best: unsafe, regret 1.2"


def test_rows_keep_the_chosen_size_and_the_list_shows_its_bar(make_ctx):
    ctx = make_ctx((1024, 600), text_size="x-large")
    picker = PickerScene(ctx)
    picker.resize()
    assert picker.scrolls and len(picker.rows) < len(picker.vm.rows)
    surface = pygame.Surface(ctx.size)
    ctx.recorder = []
    picker.draw(surface)
    in_rows = [p for p in ctx.recorder if p.box.colliderect(picker.area)]
    assert in_rows and not [p.text for p in in_rows if p.scrolled]
    x = picker.area.right - bar_width(ctx) // 2 - 1
    accent = pygame.Color(*ctx.palette.accent)
    assert any(surface.get_at((x, y)) == accent for y in range(picker.area.y, picker.area.bottom))
    for _ in range(len(picker.vm.rows) - 1):
        press(picker, pygame.K_DOWN)
    assert picker.focus.current == picker.vm.rows[-1].id in picker.rows


def test_the_scroll_note_names_only_the_sides_that_hide_rows(make_ctx):
    ctx = make_ctx((1024, 600), text_size="x-large")
    picker = PickerScene(ctx)
    picker.resize()
    assert picker.scrolls, "at Extra large in 1024x600 the list must scroll for this test"
    ctx.recorder = []
    picker.draw(pygame.Surface(ctx.size))
    notes = [p.text for p in ctx.recorder if "more" in p.text]
    assert notes and not any("above" in n for n in notes), notes  # the top: nothing above
    for _ in range(len(picker.vm.rows)):
        press(picker, pygame.K_DOWN)
    ctx.recorder = []
    picker.draw(pygame.Surface(ctx.size))
    notes = [p.text for p in ctx.recorder if "more" in p.text]
    assert notes and not any("below" in n for n in notes), notes  # the end: nothing below
