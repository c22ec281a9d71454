"""Keyboard focus over a list of named items, with wrap-around and mouse hit-testing.

Focus is held by item id, not index, so a list that changes (a new decision point opens)
can keep or reset focus deliberately instead of silently pointing at another button.
"""

from __future__ import annotations

from collections.abc import Iterable

import pygame


class FocusList:
    def __init__(self, ids: Iterable[str] = (), current: str | None = None):
        self.ids: list[str] = list(ids)
        self.current: str | None = current if current in self.ids else \
            (self.ids[0] if self.ids else None)

    def set_ids(self, ids: Iterable[str], keep: bool = True) -> None:
        """Replace the items; keep the focused one if it is still there."""
        self.ids = list(ids)
        if not keep or self.current not in self.ids:
            self.current = self.ids[0] if self.ids else None

    def move(self, delta: int) -> str | None:
        if not self.ids:
            return None
        index = self.ids.index(self.current) if self.current in self.ids else -1
        self.current = self.ids[(index + delta) % len(self.ids)]
        return self.current

    def focus(self, item: str) -> None:
        if item in self.ids:
            self.current = item

    @property
    def index(self) -> int:
        return self.ids.index(self.current) if self.current in self.ids else -1


def hit(rects: dict[str, pygame.Rect], pos: tuple[int, int]) -> str | None:
    """The id whose rectangle contains `pos`, if any."""
    for item, rect in rects.items():
        if rect.collidepoint(pos):
            return item
    return None
