"""What F1 lists on the menu screens: each screen's own keys, as help rows of a layer of the
player's key table.

Most of these screens bind no keys of their own (the player's table already maps every key
they use), so their layers have no bindings, only the `help` rows the overlay shows while the
screen is on top; the picker binds Page Up / Down to page its description. Every row names
the presses it describes; `tests/ui/test_keymap.py` presses them through the screen's
keymap, so a row cannot list a key that does nothing there.
"""

from __future__ import annotations

import pygame

from game.ui.shell.input import PLAYER_KEYS, Act, Keymap, Press, Shown, keys, press

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

PICKER_KEYS = PLAYER_KEYS.layer("picker", (
    *keys(Act.PAGE, pygame.K_PAGEUP, amount=-1), *keys(Act.PAGE, pygame.K_PAGEDOWN, amount=1),
), help=(
    Shown("Up / Down", "move through the vignettes (also the wheel over the list)",
          press(pygame.K_UP, pygame.K_DOWN)),
    Shown("Tab / Shift+Tab", "move the focus (to the Home button too)", _TABS),
    Shown("Enter", "open the focused vignette's briefing", press(pygame.K_RETURN)),
    Shown("Number keys 1 - 9", "open the vignette with that number in the list shown",
          press(*_NUMBERS)),
    Shown("Page Up / Page Down", "scroll the description of the focused vignette when it "
          "does not all fit (also the wheel over it)", press(pygame.K_PAGEUP, pygame.K_PAGEDOWN)),
    Shown("Esc", "back to the title menu (the Home button)", press(pygame.K_ESCAPE)),
    Shown("Mouse", "click a vignette or Home", ()),
    _HELP, _FULL,
), legends=(
    Shown("Up/Down move · Enter or number key open · Esc back · F1 help", "",
          press(pygame.K_UP, pygame.K_DOWN, pygame.K_RETURN, pygame.K_ESCAPE, pygame.K_F1)),
    Shown("Up/Down move · Enter or number key open · PgUp/PgDn description · Esc back · "
          "F1 help", "", press(pygame.K_UP, pygame.K_DOWN, pygame.K_RETURN, pygame.K_PAGEUP,
                               pygame.K_PAGEDOWN, pygame.K_ESCAPE, pygame.K_F1)),
))
"""The picker's own keys: Page Up / Down page the description (the list has the arrows and
the wheel). Its footer shows legend 1 when the description scrolls, else legend 0."""

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


def _play_help() -> tuple[Shown, ...]:
    """The player's rows with the number keys as the play screen uses them (a second option
    on one rung takes 6 and up, so 5 stays Take over) and R for the rating."""
    rows: list[Shown] = []
    for row in PLAYER_KEYS.help:
        if row.keys == "Number keys 1 - 5":
            row = Shown("Number keys 1-9", "1 watch, 2 probe, 3 cue, 4 guide, 5 take over "
                        "(always); 6 and up: a second option on one rung", press(*_NUMBERS))
        rows.append(row)
        if row.keys == "Enter / Space":
            rows.append(Shown("R", "rate the trainee before the outcome (once the vignette "
                              "has ended)", press(pygame.K_r)))
    return tuple(rows)


PLAY_KEYS = PLAYER_KEYS.layer("play", keys(Act.RATE, pygame.K_r), help=_play_help())
"""The play screen's keys: R rates the trainee once the vignette has ended ("Rate the
trainee first" was reached only by Tab then Enter); the rest is the player's table."""

TUTORIAL_PLAY_KEYS = PLAYER_KEYS.layer(
    "tutorial-play", (), help=tuple(row for row in _play_help() if row.keys != "R"))
"""The tutorial's play screen: the play screen's rows without R, since the tutorial is not
rated (its F1 listed a key that did nothing there)."""

HISTORY_KEYS = PLAYER_KEYS.layer("history", (
    *keys(Act.RESUME, pygame.K_r), *keys(Act.DEBRIEF, pygame.K_d),
    *keys(Act.FIRST, pygame.K_HOME), *keys(Act.LAST, pygame.K_END),
), help=(
    Shown("Up / Down", "choose a recorded session (also the wheel)",
          press(pygame.K_UP, pygame.K_DOWN)),
    Shown("Page Up / Page Down", "five sessions up / down",
          press(pygame.K_PAGEUP, pygame.K_PAGEDOWN)),
    Shown("Home / End", "the newest / the oldest session", press(pygame.K_HOME, pygame.K_END)),
    Shown("Enter", "open the session in the replay viewer", press(pygame.K_RETURN)),
    Shown("D", "open the session's debrief", press(pygame.K_d)),
    Shown("R", "take up a practice session you left part-way", press(pygame.K_r)),
    Shown("Esc", "back to the title menu", press(pygame.K_ESCAPE)),
    Shown("Mouse", "click a session to choose it, again to open it; click Resume to take "
          "it up", ()),
    _HELP, _FULL,
), legends=(
    Shown("↑/↓ choose · Enter replay viewer · D debrief · Esc back", "",
          press(pygame.K_UP, pygame.K_DOWN, pygame.K_RETURN, pygame.K_d, pygame.K_ESCAPE)),
    Shown("↑/↓ choose · Enter replay viewer · D debrief · R resume · Esc back", "",
          press(pygame.K_UP, pygame.K_DOWN, pygame.K_RETURN, pygame.K_d, pygame.K_r,
                pygame.K_ESCAPE)),
))
"""History's keys (R resume, D debrief, Home / End) and what F1 lists there (it listed the
play keys and said the vignette was paused). The footer shows legend 1 when the selected
session can be resumed, else legend 0."""

MENU_TABLES = frozenset(k.help_table for k in (
    TITLE_KEYS, PICKER_KEYS, BRIEFING_KEYS, SETTINGS_KEYS, TUTORIAL_KEYS, PROGRESS_KEYS,
    RATING_KEYS, HISTORY_KEYS))
"""The menu screens' own help tables (tests check that F1 lists them there). Whether the
help's footer mentions a vignette's clock follows the screen beneath (`Scene.runs_vignette`),
not these tables."""
