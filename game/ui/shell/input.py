"""Raw pygame events -> intents, once, at the edge, so scenes never look at key codes.

One table says what every key means. A scene that gives a key its own meaning (the replay
viewer's `.`, the facilitator's `R`) does not read the key itself: it declares a layer of the
same table as data (`PLAYER_KEYS.layer(...)`) and sets it as its `keymap`; keys the layer does
not bind fall through to the player's table. The help overlay lists the keymap's own rows
and a footer legend is a row of the same table, and each row names the key presses it
describes, so a test can press every key the player is shown and prove it maps.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from enum import StrEnum

import pygame


class Act(StrEnum):
    CHOOSE = "choose"        # number keys: pick option n of an open decision point
    NEXT = "next"            # Tab
    PREV = "prev"            # Shift-Tab
    UP = "up"
    DOWN = "down"
    LEFT = "left"
    RIGHT = "right"          # also "skip narration" in the play scene
    ACTIVATE = "activate"    # Enter / Space
    BACK = "back"            # Esc
    PAUSE = "pause"          # P
    SKIP = "skip"            # S
    HELP = "help"            # F1 / ?
    FULLSCREEN = "fullscreen"  # F11
    METERS = "meters"        # M: show / hide the learning and harm meters (practice)
    REWIND = "rewind"        # W: rewind to an earlier decision (practice, on the outcome)
    CLICK = "click"          # left mouse button released
    HOVER = "hover"          # mouse moved
    SCROLL = "scroll"        # wheel / Page Up / Page Down
    QUIT = "quit"            # window closed
    RESIZE = "resize"
    AWAY = "away"            # the window lost focus or was minimised
    # Acts only some screens bind (through their keymap layer):
    FIRST = "first"          # Home: the first row / the start of a recording
    LAST = "last"            # End
    REVIEW = "review"        # R on the outcome: the replay viewer
    DEBRIEF = "debrief"      # D: the debrief of the session shown
    NOTE = "note"            # A: a note at this moment
    BRANCH = "branch"        # B: branch the recording at this decision
    PLAY = "play"            # Space in the replay viewer: play / pause the recording
    STEP = "step"            # . and , in the replay viewer (amount +1 / -1 tick)
    SPEED = "speed"          # S in the replay viewer: the next playback speed
    LATER = "later"          # the next decision point (replay viewer)
    EARLIER = "earlier"      # the previous decision point
    NEW = "new"              # N on the profiles screen
    RENAME = "rename"        # R on the profiles screen
    DELETE = "delete"        # Delete: remove the selected item
    EDIT = "edit"            # E: edit the selected take-away (debrief)
    FREEZE = "freeze"        # F (workshop): freeze / resume time
    REVEAL = "reveal"        # R (workshop): reveal / hide the votes
    HOT_SEAT = "hot_seat"    # H (workshop)
    UNVOTE = "unvote"        # Shift+number (workshop): one vote less for option n
    SKIP_BACK = "skip_back"  # Backspace (workshop): back to the last decision
    COUNTDOWN = "countdown"  # C (workshop): the phones' vote closes in 30 s
    SPREAD = "spread"        # W (workshop end): the room's histogram or the rows
    RESUME = "resume"        # R in the history: resume an unfinished session
    EXPORT = "export"        # E on the profiles screen: the history as CSV
    GLOSSARY = "glossary"    # G: the glossary overlay (outcome, replay viewer, debrief)
    PAGE = "page"            # Page Up / Down where they page a side pane (amount -1 / +1)
    RATE = "rate"            # R on the play screen once the vignette has ended: rate the trainee


@dataclass(frozen=True)
class Intent:
    act: Act
    number: int = 0
    """1-based option number for CHOOSE and UNVOTE."""
    pos: tuple[int, int] = (0, 0)
    amount: int = 0
    """Rows to scroll (positive = down) for SCROLL; ticks for STEP."""


_CHORDS = pygame.KMOD_CTRL | pygame.KMOD_ALT | pygame.KMOD_META


@dataclass(frozen=True)
class Press:
    """One key press a binding matches: a key code, or a typed character such as "?"."""

    key: int = 0
    shift: bool | None = None
    """True: only with Shift; False: only without; None: either."""
    plain: bool = False
    """True: not while Ctrl, Alt or Meta is held (those chords fall through to the base)."""
    text: str = ""
    """Match the typed character instead of the key code (layouts differ in where "?" is)."""

    def matches(self, key: int, mod: int, text: str) -> bool:
        if (self.text and text != self.text) or (not self.text and key != self.key):
            return False
        if self.plain and mod & _CHORDS:
            return False
        return self.shift is None or self.shift == bool(mod & pygame.KMOD_SHIFT)

    def event(self) -> pygame.event.Event:
        """This press as a synthetic event (tests press every key the player is shown)."""
        mod = pygame.KMOD_LSHIFT if self.shift else 0
        return key_event(self.key or pygame.K_SLASH, mod, self.text)


@dataclass(frozen=True)
class Binding:
    press: Press
    act: Act
    number: int = 0
    amount: int = 0


@dataclass(frozen=True)
class Shown:
    """Keys shown to the player, a help row or a footer legend, with the presses it names."""

    keys: str
    """Message id: the keys as the player reads them ("Tab / Shift+Tab", or a whole legend)."""
    meaning: str
    """Message id: what they do ("" for a legend, whose text says both)."""
    presses: tuple[Press, ...]


@dataclass(frozen=True)
class Keymap:
    """A table of bindings; a layer's own bindings win, the rest fall through to its base."""

    name: str
    bindings: tuple[Binding, ...]
    help: tuple[Shown, ...]
    """The rows the help overlay lists while a scene with this keymap is on top."""
    legends: tuple[Shown, ...] = ()
    """Footer lines naming keys; scenes draw them with `ctx.t(keymap.legend(i))`."""
    base: Keymap | None = field(default=None, repr=False)

    def layer(self, name: str, bindings: Iterable[Binding],
              help: tuple[Shown, ...] | None = None, legends: tuple[Shown, ...] = ()) -> Keymap:
        """A scene's own keys over this table (its help is this table's unless given)."""
        return Keymap(name, tuple(bindings), self.help if help is None else help, legends, self)

    @property
    def help_table(self) -> tuple[tuple[str, str], ...]:
        """(keys, meaning) message ids, as the help overlay lists them."""
        return tuple((row.keys, row.meaning) for row in self.help)

    def legend(self, index: int = 0) -> str:
        return self.legends[index].keys

    def map(self, event: pygame.event.Event) -> Intent | None:
        """The intent an event carries under this keymap, or None if the game ignores it."""
        if event.type == pygame.KEYDOWN:
            return self.map_key(event.key, int(getattr(event, "mod", 0)),
                                str(getattr(event, "unicode", "")))
        return _map_other(event)

    def map_key(self, key: int, mod: int, text: str) -> Intent | None:
        for b in self.bindings:
            if b.press.matches(key, mod, text):
                return Intent(b.act, number=b.number, amount=b.amount)
        return self.base.map_key(key, mod, text) if self.base is not None else None


def _map_other(event: pygame.event.Event) -> Intent | None:
    """Mouse and window events mean the same on every screen."""
    if event.type == pygame.MOUSEBUTTONUP and getattr(event, "button", 0) == 1:
        return Intent(Act.CLICK, pos=tuple(event.pos))
    if event.type == pygame.MOUSEMOTION:
        return Intent(Act.HOVER, pos=tuple(event.pos))
    if event.type == pygame.MOUSEWHEEL:
        return Intent(Act.SCROLL, amount=-int(getattr(event, "y", 0)))
    if event.type == pygame.QUIT:
        return Intent(Act.QUIT)
    if event.type in (pygame.VIDEORESIZE, pygame.WINDOWSIZECHANGED):
        return Intent(Act.RESIZE)
    if event.type in (pygame.WINDOWFOCUSLOST, pygame.WINDOWMINIMIZED):
        return Intent(Act.AWAY)
    return None


def keys(act: Act, *codes: int, shift: bool | None = None, plain: bool = False,
         number: int = 0, amount: int = 0) -> tuple[Binding, ...]:
    """Bindings of several keys to one act (a row of the table)."""
    return tuple(Binding(Press(c, shift, plain), act, number, amount) for c in codes)


def press(*codes: int, shift: bool | None = None, text: str = "") -> tuple[Press, ...]:
    """The presses a help row or legend names."""
    return tuple(Press(c, shift, text=text) for c in codes) if codes else (Press(text=text),)


def number_keys(act: Act, shift: bool | None = None, plain: bool = False) -> tuple[Binding, ...]:
    """1-9 on the main row and the keypad, each carrying its number."""
    return tuple(Binding(Press(getattr(pygame, f"K_{pad}{n}"), shift, plain), act, n)
                 for n in range(1, 10) for pad in ("", "KP"))


_NUMBERS = tuple(getattr(pygame, f"K_{n}") for n in range(1, 6))

PLAYER_KEYS = Keymap("player", (
    *number_keys(Act.CHOOSE),
    *keys(Act.NEXT, pygame.K_TAB, shift=False), *keys(Act.PREV, pygame.K_TAB, shift=True),
    *keys(Act.UP, pygame.K_UP), *keys(Act.DOWN, pygame.K_DOWN),
    *keys(Act.LEFT, pygame.K_LEFT), *keys(Act.RIGHT, pygame.K_RIGHT),
    *keys(Act.ACTIVATE, pygame.K_RETURN, pygame.K_KP_ENTER, pygame.K_SPACE),
    *keys(Act.BACK, pygame.K_ESCAPE), *keys(Act.PAUSE, pygame.K_p), *keys(Act.SKIP, pygame.K_s),
    *keys(Act.HELP, pygame.K_F1), Binding(Press(text="?"), Act.HELP),
    *keys(Act.FULLSCREEN, pygame.K_F11), *keys(Act.METERS, pygame.K_m),
    *keys(Act.REWIND, pygame.K_w),
    *keys(Act.SCROLL, pygame.K_PAGEUP, amount=-5), *keys(Act.SCROLL, pygame.K_PAGEDOWN, amount=5),
), help=(
    Shown("Number keys 1 - 5", "1 watch, 2 probe, 3 cue, 4 guide, 5 take over (always)",
          press(*_NUMBERS)),
    Shown("Tab / Shift+Tab", "move the focus forward / back",
          (Press(pygame.K_TAB, False), Press(pygame.K_TAB, True))),
    Shown("Arrow keys", "move the focus; Left / Right change a setting",
          press(pygame.K_UP, pygame.K_DOWN, pygame.K_LEFT, pygame.K_RIGHT)),
    Shown("Enter / Space", "activate the focused button", press(pygame.K_RETURN, pygame.K_SPACE)),
    Shown("Esc", "go back (asks before leaving a running vignette)", press(pygame.K_ESCAPE)),
    Shown("P", "pause / resume the vignette (practice only)", press(pygame.K_p)),
    Shown("S or Right arrow", "skip the narration", press(pygame.K_s, pygame.K_RIGHT)),
    Shown("M", "show / hide the learning and harm meters (practice)", press(pygame.K_m)),
    Shown("W", "rewind to an earlier decision (practice, on the outcome)", press(pygame.K_w)),
    Shown("F1 or ?", "show / hide this help", (Press(pygame.K_F1), Press(text="?"))),
    Shown("F11", "full screen on / off", press(pygame.K_F11)),
    Shown("Mouse", "click any button; the wheel scrolls lists", ()),
    Shown("Page Up / Page Down", "scroll the narration back / forward (also the wheel)",
          press(pygame.K_PAGEUP, pygame.K_PAGEDOWN)),
))
"""The player's keys: every screen's table unless it declares a layer over this one."""

KEY_HELP: tuple[tuple[str, str], ...] = PLAYER_KEYS.help_table
"""Every key the game understands, as the help overlay lists them (English message ids:
the overlay translates each with `ctx.t`)."""


def map_event(event: pygame.event.Event, keymap: Keymap = PLAYER_KEYS) -> Intent | None:
    """The intent an event carries (under the player's keys unless a keymap is given)."""
    return keymap.map(event)


def key_event(key: int, mod: int = 0, unicode: str = "") -> pygame.event.Event:
    """A synthetic key press (tests and scripted demos post these)."""
    return pygame.event.Event(pygame.KEYDOWN, key=key, mod=mod, unicode=unicode, scancode=0)


def click_event(pos: tuple[int, int]) -> pygame.event.Event:
    """A synthetic left click (release) at `pos`."""
    return pygame.event.Event(pygame.MOUSEBUTTONUP, button=1, pos=pos)
