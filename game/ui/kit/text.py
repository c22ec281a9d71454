"""Wrapped text rendered once and cached: re-rendering every frame costs 5-20 ms here.

`TextCache.render` returns a surface for (text, font, colour, width) and keeps it until the
cache is cleared (on resize or a change of text size). `fit_text` shrinks a font step by step
until a text block fits its box, so nothing is ever drawn outside its box.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable, Hashable

import pygame

from game.ui.kit.theme import Colour, Fonts


class SurfaceCache:
    """Surfaces built once and kept by key; the least recently used is dropped first."""

    def __init__(self, capacity: int):
        self.capacity = capacity
        self._items: OrderedDict[Hashable, pygame.Surface] = OrderedDict()

    def get(self, key: Hashable, build: Callable[[], pygame.Surface]) -> pygame.Surface:
        surf = self._items.get(key)
        if surf is None:
            surf = build()
            self._items[key] = surf
            if len(self._items) > self.capacity:
                self._items.popitem(last=False)
        else:
            self._items.move_to_end(key)
        return surf

    def clear(self) -> None:
        self._items.clear()


class TextCache(SurfaceCache):
    def __init__(self, capacity: int = 512):
        super().__init__(capacity)

    def render(self, text: str, font: pygame.font.Font, colour: Colour,
               width: int = 0) -> pygame.Surface:
        def build() -> pygame.Surface:
            if width:
                return font.render(text, True, colour, None, max(0, width))
            return font.render(text, True, colour)
        return self.get((text, id(font), tuple(colour), width), build)


def fit_text(cache: TextCache, fonts: Fonts, text: str, size: int, colour: Colour,
             box: pygame.Rect, bold: bool = False, min_size: int = 11) -> pygame.Surface:
    """The largest rendering of `text` (wrapped to the box width) whose height fits the box."""
    return fit_text_sized(cache, fonts, text, size, colour, box, bold, min_size)[0]


def fit_text_sized(cache: TextCache, fonts: Fonts, text: str, size: int, colour: Colour,
                   box: pygame.Rect, bold: bool = False,
                   min_size: int = 11) -> tuple[pygame.Surface, int]:
    """As `fit_text`, also returning the size it settled on (the readability test reads it).

    A size also counts as too big while its longest word is wider than the box: pygame's
    wrapping would then break that word in the middle ("ligamentu / m")."""
    longest = max(text.split(), key=len, default="")
    while True:
        font = fonts.get(size, bold)
        surf = cache.render(text, font, colour, box.width)
        fits = surf.get_height() <= box.height and surf.get_width() <= box.width \
            and font.size(longest)[0] <= box.width
        if fits or size <= min_size:
            return surf, size
        size -= 1


def truncate_to_fit(cache: TextCache, font: pygame.font.Font, text: str, colour: Colour,
                    box: pygame.Rect) -> pygame.Surface:
    """The longest word-prefix of `text` plus an ellipsis that fits the box (binary search).

    Only for secondary text (context lines) whose full version the player has already seen.
    """
    words = text.split()
    lo, hi = 0, len(words)
    best = cache.render("…", font, colour, box.width)
    while lo <= hi:
        mid = (lo + hi) // 2
        surf = cache.render(" ".join(words[:mid]) + "…", font, colour, box.width)
        if surf.get_height() <= box.height:
            best, lo = surf, mid + 1
        else:
            hi = mid - 1
    return best
