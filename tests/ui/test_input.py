"""Raw pygame events map to the intents the brief names, and help lists every key."""

from __future__ import annotations

import pygame
import pytest

from game.ui.shell.input import KEY_HELP, Act, click_event, key_event, map_event


@pytest.mark.parametrize("n", range(1, 6))
def test_number_keys_choose(n):
    assert map_event(key_event(getattr(pygame, f"K_{n}"))).act is Act.CHOOSE
    assert map_event(key_event(getattr(pygame, f"K_{n}"))).number == n
    assert map_event(key_event(getattr(pygame, f"K_KP{n}"))).number == n


@pytest.mark.parametrize("key,mod,unicode,act", [
    (pygame.K_TAB, 0, "", Act.NEXT),
    (pygame.K_TAB, pygame.KMOD_LSHIFT, "", Act.PREV),
    (pygame.K_UP, 0, "", Act.UP),
    (pygame.K_DOWN, 0, "", Act.DOWN),
    (pygame.K_LEFT, 0, "", Act.LEFT),
    (pygame.K_RIGHT, 0, "", Act.RIGHT),
    (pygame.K_RETURN, 0, "", Act.ACTIVATE),
    (pygame.K_KP_ENTER, 0, "", Act.ACTIVATE),
    (pygame.K_SPACE, 0, " ", Act.ACTIVATE),
    (pygame.K_ESCAPE, 0, "", Act.BACK),
    (pygame.K_p, 0, "p", Act.PAUSE),
    (pygame.K_s, 0, "s", Act.SKIP),
    (pygame.K_F1, 0, "", Act.HELP),
    (pygame.K_SLASH, pygame.KMOD_LSHIFT, "?", Act.HELP),
    (pygame.K_F11, 0, "", Act.FULLSCREEN),
    (pygame.K_m, 0, "m", Act.METERS),
    (pygame.K_w, 0, "w", Act.REWIND),
])
def test_keys(key, mod, unicode, act):
    assert map_event(key_event(key, mod, unicode)).act is act


def test_mouse_and_window_events():
    click = map_event(click_event((12, 34)))
    assert click.act is Act.CLICK and click.pos == (12, 34)
    right_button = pygame.event.Event(pygame.MOUSEBUTTONUP, button=3, pos=(1, 1))
    assert map_event(right_button) is None
    wheel = map_event(pygame.event.Event(pygame.MOUSEWHEEL, x=0, y=-1))
    assert wheel.act is Act.SCROLL and wheel.amount == 1
    assert map_event(pygame.event.Event(pygame.QUIT)).act is Act.QUIT
    assert map_event(pygame.event.Event(pygame.VIDEORESIZE, size=(1100, 700), w=1100,
                                        h=700)).act is Act.RESIZE
    assert map_event(key_event(pygame.K_q, 0, "q")) is None


def test_help_lists_every_key_family():
    listed = " ".join(k for k, _ in KEY_HELP)
    for key in ("1 - 5", "Tab", "Arrow", "Enter", "Esc", "P", "S", "M", "W", "F1", "?", "F11",
                "Mouse"):
        assert key in listed


def test_help_names_every_act_the_player_table_binds():
    """Every act a key is bound to in the player's table has a help row that presses it."""
    from game.ui.shell.input import PLAYER_KEYS
    shown = {PLAYER_KEYS.map(p.event()).act for row in PLAYER_KEYS.help for p in row.presses}
    bound = {b.act for b in PLAYER_KEYS.bindings}
    assert bound <= shown, f"bound but not in the help: {sorted(bound - shown)}"
