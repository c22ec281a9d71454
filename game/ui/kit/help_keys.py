"""What F1 lists on the menu screens: each screen's own keys, as help rows of a layer of the
player's key table.

These screens bind no keys of their own (the player's table already maps every key they
use), so each layer has no bindings, only the `help` rows the overlay shows while the screen
is on top. Every row names the presses it describes; `tests/ui/test_keymap.py` presses them
through the screen's keymap, so a row cannot list a key that does nothing there.
"""

from __future__ import annotations

import pygame

from game.ui.shell.input import PLAYER_KEYS, Keymap, Press, Shown, press

_NUMBERS = tuple(getattr(pygame, f"K_{n}") for n in range(1, 10))
_TABS = (Press(pygame.K_TAB, False), Press(pygame.K_TAB, True))
_HELP = Shown("F1 or ?", "show / hide this help", (Press(pygame.K_F1), Press(text="?")))
_FULL = Shown("F11", "full screen on / off", press(pygame.K_F11))


def _screen(name: str, *rows: Shown) -> Keymap:
    return PLAYER_KEYS.layer(name, (), help=(*rows, _HELP, _FULL))


TITLE_KEYS = _screen(
    "title",
    Shown("Arrow keys / Tab", "move through the menu", press(pygame.K_UP, pygame.K_DOWN)),
    Shown("Enter / Space", "choose the focused item (Mode switches practice / assessment)",
          press(pygame.K_RETURN, pygame.K_SPACE)),
    Shown("Esc", "quit the game", press(pygame.K_ESCAPE)),
    Shown("Mouse", "click any item", ()),
)

PICKER_KEYS = _screen(
    "picker",
    Shown("Up / Down", "move through the vignettes", press(pygame.K_UP, pygame.K_DOWN)),
    Shown("Tab / Shift+Tab", "move the focus (to the Home button too)", _TABS),
    Shown("Enter", "open the focused vignette's briefing", press(pygame.K_RETURN)),
    Shown("Number keys 1 - 9", "open the vignette with that number in the list shown",
          press(*_NUMBERS)),
    Shown("Page Up / Page Down", "move through the list (also the wheel)",
          press(pygame.K_PAGEUP, pygame.K_PAGEDOWN)),
    Shown("Esc", "back to the title menu (the Home button)", press(pygame.K_ESCAPE)),
    Shown("Mouse", "click a vignette or Home", ()),
)

BRIEFING_KEYS = _screen(
    "briefing",
    Shown("Number keys 1 - 9", "choose the trainee with that number", press(*_NUMBERS)),
    Shown("Tab / arrow keys", "move the focus between the trainees and Start", _TABS),
    Shown("Enter / Space", "choose the focused trainee, or begin on Start",
          press(pygame.K_RETURN, pygame.K_SPACE)),
    Shown("Page Up / Page Down", "show more of the briefing when it does not all fit (also "
          "the wheel)", press(pygame.K_PAGEUP, pygame.K_PAGEDOWN)),
    Shown("Esc", "back to the vignette list", press(pygame.K_ESCAPE)),
    Shown("Mouse", "click a trainee or Start", ()),
)

SETTINGS_KEYS = _screen(
    "settings",
    Shown("Up / Down, Tab", "choose a setting", press(pygame.K_UP, pygame.K_DOWN)),
    Shown("Left / Right", "change it (text size and pace stop at their ends)",
          press(pygame.K_LEFT, pygame.K_RIGHT)),
    Shown("Enter / Space", "the next value (goes round; on Back: back)",
          press(pygame.K_RETURN, pygame.K_SPACE)),
    Shown("Esc", "back; every change is saved at once", press(pygame.K_ESCAPE)),
    Shown("Mouse", "click a setting for its next value", ()),
)

TUTORIAL_KEYS = _screen(
    "tutorial",
    Shown("Enter / Right arrow", "next page; on the last page, start the tutorial vignette",
          press(pygame.K_RETURN, pygame.K_RIGHT)),
    Shown("Left arrow", "previous page", press(pygame.K_LEFT)),
    Shown("Tab / Shift+Tab", "move the focus between Next and Skip", _TABS),
    Shown("Esc", "skip the tutorial", press(pygame.K_ESCAPE)),
)

PROGRESS_KEYS = _screen(
    "progress",
    Shown("Number keys 1 - 4", "open that page", press(*_NUMBERS[:4])),
    Shown("Arrow keys / Tab", "the next / previous page",
          press(pygame.K_LEFT, pygame.K_RIGHT, pygame.K_TAB)),
    Shown("Enter", "on What next: play the vignette suggested", press(pygame.K_RETURN)),
    Shown("Esc", "back to the title menu", press(pygame.K_ESCAPE)),
)

RATING_KEYS = _screen(
    "entrustment-rating",
    Shown("Number keys 1 - 5", "rate the trainee on the O-SCORE (1 to 5)",
          press(*_NUMBERS[:5])),
    Shown("Arrow keys / Tab, Enter", "choose a level with the focus",
          press(pygame.K_UP, pygame.K_DOWN, pygame.K_RETURN)),
    Shown("S / Esc", "skip the rating and see the outcome",
          press(pygame.K_s, pygame.K_ESCAPE)),
)

MENU_TABLES = frozenset(k.help_table for k in (
    TITLE_KEYS, PICKER_KEYS, BRIEFING_KEYS, SETTINGS_KEYS, TUTORIAL_KEYS, PROGRESS_KEYS,
    RATING_KEYS))
"""Help tables of screens with no vignette running (the help then says nothing about the
vignette's clock)."""
