"""Raw pygame events -> intents, at the edge, so scenes never look at key codes.

One table says what every key means; the help overlay is generated from the same table, so
the keys listed to the player can never drift from the keys that work.
"""

from __future__ import annotations

from dataclasses import dataclass
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


@dataclass(frozen=True)
class Intent:
    act: Act
    number: int = 0
    """1-based option number for CHOOSE."""
    pos: tuple[int, int] = (0, 0)
    amount: int = 0
    """Rows to scroll (positive = down) for SCROLL."""


_NUMBER_KEYS = {getattr(pygame, f"K_{n}"): n for n in range(1, 10)}
_NUMBER_KEYS.update({getattr(pygame, f"K_KP{n}"): n for n in range(1, 10)})

_SIMPLE_KEYS = {
    pygame.K_UP: Act.UP, pygame.K_DOWN: Act.DOWN,
    pygame.K_LEFT: Act.LEFT, pygame.K_RIGHT: Act.RIGHT,
    pygame.K_RETURN: Act.ACTIVATE, pygame.K_KP_ENTER: Act.ACTIVATE, pygame.K_SPACE: Act.ACTIVATE,
    pygame.K_ESCAPE: Act.BACK, pygame.K_p: Act.PAUSE, pygame.K_s: Act.SKIP,
    pygame.K_F1: Act.HELP, pygame.K_F11: Act.FULLSCREEN,
    pygame.K_m: Act.METERS, pygame.K_w: Act.REWIND,
}

KEY_HELP: tuple[tuple[str, str], ...] = (
    ("Number keys 1 - 5", "1 watch, 2 probe, 3 cue, 4 guide, 5 take over (always)"),
    ("Tab / Shift+Tab", "move the focus forward / back"),
    ("Arrow keys", "move the focus; Left / Right change a setting"),
    ("Enter / Space", "activate the focused button"),
    ("Esc", "go back (asks before leaving a running vignette)"),
    ("P", "pause / resume the vignette (practice only)"),
    ("S or Right arrow", "skip the narration"),
    ("M", "show / hide the learning and harm meters (practice)"),
    ("W", "rewind to an earlier decision (practice, on the outcome)"),
    ("F1 or ?", "show / hide this help"),
    ("F11", "full screen on / off"),
    ("Mouse", "click any button; the wheel scrolls lists"),
    ("Page Up / Page Down", "scroll the narration back / forward (also the wheel)"),
)
"""Every key the game understands, as the help overlay lists them (English message ids:
the overlay translates each with `ctx.t`)."""


def map_event(event: pygame.event.Event) -> Intent | None:
    """The intent an event carries, or None for events the game ignores."""
    if event.type == pygame.KEYDOWN:
        return _map_key(event)
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


def _map_key(event: pygame.event.Event) -> Intent | None:
    key = event.key
    if key in _NUMBER_KEYS:
        return Intent(Act.CHOOSE, number=_NUMBER_KEYS[key])
    if key == pygame.K_TAB:
        shift = bool(getattr(event, "mod", 0) & pygame.KMOD_SHIFT)
        return Intent(Act.PREV if shift else Act.NEXT)
    if key in (pygame.K_PAGEUP, pygame.K_PAGEDOWN):
        return Intent(Act.SCROLL, amount=-5 if key == pygame.K_PAGEUP else 5)
    if getattr(event, "unicode", "") == "?":
        return Intent(Act.HELP)
    act = _SIMPLE_KEYS.get(key)
    return Intent(act) if act else None


def key_event(key: int, mod: int = 0, unicode: str = "") -> pygame.event.Event:
    """A synthetic key press (tests and scripted demos post these)."""
    return pygame.event.Event(pygame.KEYDOWN, key=key, mod=mod, unicode=unicode, scancode=0)


def click_event(pos: tuple[int, int]) -> pygame.event.Event:
    """A synthetic left click (release) at `pos`."""
    return pygame.event.Event(pygame.MOUSEBUTTONUP, button=1, pos=pos)
