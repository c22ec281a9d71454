"""The facilitator's keys: raw key presses -> workshop intents, and the help table for them.

The player's key table (`game.ui.shell.input`) has no room for facilitator keys, and it drops the
Shift modifier from number keys; the workshop needs both (Shift+number takes a vote back).
So workshop scenes look at a key press here first and fall back to `map_event` for the
shared keys. The help overlay lists `WORKSHOP_KEY_HELP` while a workshop scene is on top, so
the keys on screen are the keys that work.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

import pygame


class WAct(StrEnum):
    UNVOTE = "unvote"        # Shift+number: one vote less for option n
    FREEZE = "freeze"        # F
    REVEAL = "reveal"        # R
    HOT_SEAT = "hot_seat"    # H
    METERS = "meters"        # M
    SKIP_BACK = "skip_back"  # Backspace
    NOTE = "note"            # A
    COUNTDOWN = "countdown"  # C: the phones' vote closes in 30 s


@dataclass(frozen=True)
class WIntent:
    act: WAct
    number: int = 0


_NUMBERS = {getattr(pygame, f"K_{n}"): n for n in range(1, 10)}
_NUMBERS.update({getattr(pygame, f"K_KP{n}"): n for n in range(1, 10)})
_LETTERS = {pygame.K_f: WAct.FREEZE, pygame.K_r: WAct.REVEAL, pygame.K_h: WAct.HOT_SEAT,
            pygame.K_m: WAct.METERS, pygame.K_BACKSPACE: WAct.SKIP_BACK,
            pygame.K_a: WAct.NOTE, pygame.K_c: WAct.COUNTDOWN}
_CHORDS = pygame.KMOD_CTRL | pygame.KMOD_ALT | pygame.KMOD_META

WORKSHOP_KEY_HELP: tuple[tuple[str, str], ...] = (
    ("1 - 9", "one vote more for that option (after R: pick the option to follow)"),
    ("Shift + 1 - 9", "one vote less for that option"),
    ("Up / Down", "one vote more / less for the focused option"),
    ("Tab / Shift+Tab", "move the focus"),
    ("H", "hot seat on / off: participants vote one by one, votes hidden"),
    ("R", "reveal / hide the votes (elsewhere: the meters and scores)"),
    ("C", "phones: the vote closes in 30 seconds (a countdown on every phone)"),
    ("Enter", "follow the majority, or the option picked; continue"),
    ("F", "freeze / resume time"),
    ("Backspace", "go back to the last decision"),
    ("M", "show / hide learning and harm so far"),
    ("A", "add a note at this moment"),
    ("S / Esc / F11", "skip narration · leave (asks) · full screen"),
)
"""Every key the workshop understands, as its help overlay lists them (F1 or ? opens it)."""


def map_workshop_key(event: pygame.event.Event) -> WIntent | None:
    """The facilitator intent of a key press, or None (then the shared key table applies)."""
    if event.type != pygame.KEYDOWN:
        return None
    mod = int(getattr(event, "mod", 0))
    if mod & _CHORDS:
        return None
    if event.key in _NUMBERS:
        return WIntent(WAct.UNVOTE, _NUMBERS[event.key]) if mod & pygame.KMOD_SHIFT else None
    act = _LETTERS.get(event.key)
    return WIntent(act) if act is not None else None


def shifted_number(number: int) -> pygame.event.Event:
    """A synthetic Shift+number press (tests and scripted demos)."""
    return pygame.event.Event(pygame.KEYDOWN, key=getattr(pygame, f"K_{number}"),
                              mod=pygame.KMOD_LSHIFT, unicode="", scancode=0)
