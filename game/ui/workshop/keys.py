"""The facilitator's keys: a layer of the player's key table, as data.

The workshop needs keys the player's table gives other meanings or none (Shift+number takes
a vote back, R reveals the votes). It declares them here as a layer of `PLAYER_KEYS`, so the
one mapping in `game.ui.shell.input` turns every key press into an intent; facilitator keys
are only plain presses (Ctrl/Alt/Meta chords fall through to the player's table). The help
overlay lists `WORKSHOP_KEYS.help` while a workshop scene is on top, so the keys on screen
are the keys that work.
"""

from __future__ import annotations

import pygame

from game.ui.shell.input import (
    PLAYER_KEYS,
    Act,
    Binding,
    Press,
    Shown,
    key_event,
    keys,
    number_keys,
    press,
)

WORKSHOP_KEYS = PLAYER_KEYS.layer("workshop", (
    *number_keys(Act.UNVOTE, shift=True, plain=True),
    *keys(Act.FREEZE, pygame.K_f, plain=True), *keys(Act.REVEAL, pygame.K_r, plain=True),
    *keys(Act.HOT_SEAT, pygame.K_h, plain=True), *keys(Act.METERS, pygame.K_m, plain=True),
    *keys(Act.SKIP_BACK, pygame.K_BACKSPACE, plain=True), *keys(Act.NOTE, pygame.K_a, plain=True),
    *keys(Act.COUNTDOWN, pygame.K_c, plain=True),
    *keys(Act.RESUME, pygame.K_F5, plain=True),  # the phones' server, after it stopped
), help=(
    Shown("1 - 9", "one vote more for that option (after R: pick the option to follow)",
          press(*(getattr(pygame, f"K_{n}") for n in range(1, 10)), shift=False)),
    Shown("Shift + 1 - 9", "one vote less for that option",
          press(*(getattr(pygame, f"K_{n}") for n in range(1, 10)), shift=True)),
    Shown("Up / Down", "one vote more / less for the focused option; on a long card, read on",
          press(pygame.K_UP, pygame.K_DOWN)),
    Shown("Tab / Shift+Tab", "move the focus",
          (Press(pygame.K_TAB, False), Press(pygame.K_TAB, True))),
    Shown("H", "hot seat on / off: participants vote one by one, votes hidden", press(pygame.K_h)),
    Shown("R", "reveal / hide the votes (elsewhere: the meters and scores)", press(pygame.K_r)),
    Shown("C", "phones: the vote closes in 30 seconds (a countdown on every phone)",
          press(pygame.K_c)),
    Shown("F5", "phones: restart the phone server after it stopped (the votes are kept)",
          press(pygame.K_F5)),
    Shown("Enter", "follow the majority, or the option picked; continue", press(pygame.K_RETURN)),
    Shown("F", "freeze / resume time", press(pygame.K_f)),
    Shown("Backspace", "go back to the last decision", press(pygame.K_BACKSPACE)),
    Shown("M", "show / hide learning and harm so far", press(pygame.K_m)),
    Shown("A", "add a note at this moment", press(pygame.K_a)),
    Shown("S / Esc / F11", "skip narration · leave (asks) · full screen",
          press(pygame.K_s, pygame.K_ESCAPE, pygame.K_F11)),
))
"""Every key the workshop understands; its help overlay lists them (F1 or ? opens it)."""

WORKSHOP_END_KEYS = WORKSHOP_KEYS.layer("workshop-end", (
    Binding(Press(pygame.K_w), Act.SPREAD),
))
"""The workshop's end adds W: with phones, the room's histogram instead of the rows."""

WORKSHOP_SETUP_KEYS = WORKSHOP_KEYS.layer("workshop-setup", (
    Binding(Press(pygame.K_n, plain=True), Act.NEW),
), help=(
    Shown("N", "phones: nicknames on / off (the setup screen, before the first vignette)",
          press(pygame.K_n)),
    *WORKSHOP_KEYS.help,
))
"""The setup screen adds N: the phones' nickname switch (while phones are on); F1 lists it."""

WORKSHOP_KEY_HELP: tuple[tuple[str, str], ...] = WORKSHOP_KEYS.help_table


def shifted_number(number: int) -> pygame.event.Event:
    """A synthetic Shift+number press (tests and scripted demos)."""
    return key_event(getattr(pygame, f"K_{number}"), pygame.KMOD_LSHIFT)
