"""Checks of command-line values, kept apart so every command refuses them the same way.

Seeds: whole numbers from 0 to 2**63-1, the range numpy's PCG64 accepts and a SQLite INTEGER
(the history store) holds; anything else is refused by argparse with the range in the message,
for `run` and `play` alike. Window sizes: at least 1024x600 and at most 7680x4320; the game
additionally shrinks a window to fit the display it opens on.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from game.replay.fields import MAX_SEED

MIN_WINDOW = (1024, 600)
MAX_WINDOW = (7680, 4320)


def seed_argument(text: str) -> int:
    try:
        seed = int(text, 10)
    except ValueError:
        seed = -1
    if not 0 <= seed <= MAX_SEED:
        raise argparse.ArgumentTypeError(f"must be a whole number from 0 to {MAX_SEED}, "
                                         f"not {text[:30]!r}")
    return seed


def window_size(text: str | None) -> tuple[int, int] | None:
    """WIDTHxHEIGHT within the supported range; ValueError with the message otherwise."""
    if text is None:
        return None
    try:
        w, h = (int(x) for x in text.lower().split("x"))
    except ValueError:
        raise ValueError("--window takes WIDTHxHEIGHT, e.g. 1280x720") from None
    if w < MIN_WINDOW[0] or h < MIN_WINDOW[1]:
        raise ValueError("the smallest supported window is 1024x600")
    if w > MAX_WINDOW[0] or h > MAX_WINDOW[1]:
        raise ValueError("the largest supported window is 7680x4320")
    return w, h


def finished_log_names(history: Path | None = None) -> tuple[set[str], bool]:
    """Log file names the history store records as finished sessions, and whether the store
    could be consulted at all (through its read API, which never raises)."""
    from game.store.db import default_path
    from game.store.listing import recorded_sessions
    path = history or default_path()
    if not path.is_file():
        return set(), False
    listing = recorded_sessions(path=path)
    if listing.problem and not listing.records:
        return set(), False
    return {r.log_file for r in listing.records if r.finished and r.log_file}, True
