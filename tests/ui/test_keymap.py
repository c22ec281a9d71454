"""One key table: every key a screen shows the player (help rows, footer legends) maps
through the screen's keymap, and per-screen keys are layers of the player's table."""

from __future__ import annotations

import re

import pygame
import pytest

from game.ui.shell.input import PLAYER_KEYS, Act, Keymap, Press, key_event
from game.ui.shell.screens import SCREENS, screen_class


def screen_keymaps() -> dict[str, Keymap]:
    """Every registered screen's keymap, plus the overlays' (they use the player's)."""
    maps = {name: screen_class(name).keymap for name in SCREENS}
    maps["player"] = PLAYER_KEYS
    return maps


def roots(keymap: Keymap) -> Keymap:
    while keymap.base is not None:
        keymap = keymap.base
    return keymap


@pytest.mark.parametrize("name", sorted(screen_keymaps()))
def test_every_key_shown_maps_through_the_screens_keymap(name):
    keymap = screen_keymaps()[name]
    for row in (*keymap.help, *keymap.legends):
        assert row.presses or row.keys == "Mouse", f"{name}: {row.keys!r} names no key"
        for p in row.presses:
            assert keymap.map(p.event()) is not None, f"{name}: {row.keys!r} lists {p}"


@pytest.mark.parametrize("name", sorted(screen_keymaps()))
def test_every_keymap_is_a_layer_of_the_player_table(name):
    assert roots(screen_keymaps()[name]) is PLAYER_KEYS


def test_layer_wins_and_the_rest_falls_through():
    layer = PLAYER_KEYS.layer("t", (*_bind(Act.NOTE, pygame.K_s),))
    assert layer.map(key_event(pygame.K_s)).act is Act.NOTE
    assert layer.map(key_event(pygame.K_p)).act is Act.PAUSE
    assert layer.help == PLAYER_KEYS.help  # a layer without rows lists the player's help


def test_shift_and_chords():
    shift_only = PLAYER_KEYS.layer("t", (*_bind(Act.UNVOTE, pygame.K_3, shift=True, plain=True),))
    assert shift_only.map(key_event(pygame.K_3, pygame.KMOD_LSHIFT)).act is Act.UNVOTE
    assert shift_only.map(key_event(pygame.K_3)).act is Act.CHOOSE
    chord = key_event(pygame.K_3, pygame.KMOD_LSHIFT | pygame.KMOD_LCTRL)
    assert shift_only.map(chord).act is Act.CHOOSE  # a chord is not the layer's key


def test_typed_question_mark_opens_help_on_any_layout():
    assert PLAYER_KEYS.map(key_event(pygame.K_MINUS, pygame.KMOD_LSHIFT, "?")).act is Act.HELP
    assert Press(text="?").matches(0, 0, "?") and not Press(text="?").matches(0, 0, "/")


def _bind(act, code, shift=None, plain=False):
    from game.ui.shell.input import keys
    return keys(act, code, shift=shift, plain=plain)


_SHOWN_AS = {
    "up": ("Up", "↑", "Arrow"), "down": ("Down", "↓", "Arrow"),
    "left": ("Left", "←", "Arrow"), "right": ("Right", "→", "Arrow"),
    "return": ("Enter",), "enter": ("Enter",), "escape": ("Esc",), "space": ("Space",),
    "page up": ("Page Up", "PgUp"), "page down": ("Page Down", "PgDn"), "tab": ("Tab",),
    "backspace": ("Backspace",), "delete": ("Delete",), "home": ("Home",), "end": ("End",),
}
"""How a label names a key whose pygame name is not the label's own word."""


def _named(label: str, p: Press) -> bool:
    """Whether a help row's or legend's text names the key `p` presses."""
    if p.text:
        return p.text in label
    name = pygame.key.name(p.key)
    if name.isdigit():  # "1 - 5", "1-9", "1-4" name every number in the range
        ranges = [range(int(a), int(b) + 1)
                  for a, b in re.findall(r"(\d)\s*-\s*(\d)", label)]
        return any(int(name) in r for r in ranges) or name in label
    words = _SHOWN_AS.get(name)
    if words:
        return any(w in label for w in words)
    if len(name) == 1 and name.isalpha():  # a letter stands alone: "D debrief", "S / Esc"
        return re.search(rf"(?<![A-Za-z]){name.upper()}(?![a-z])", label) is not None
    return name.upper() in label.upper()


@pytest.mark.parametrize("name", sorted(screen_keymaps()))
def test_every_row_names_the_keys_it_presses(name):
    """A row's text and its presses are written side by side; this keeps them agreeing."""
    keymap = screen_keymaps()[name]
    for row in (*keymap.help, *keymap.legends):
        for p in row.presses:
            assert _named(row.keys, p), f"{name}: {row.keys!r} does not name {p}"
