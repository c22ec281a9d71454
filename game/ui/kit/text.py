"""Text at the size the player chose: rendered once, cached, and never shrunk to fit.

Re-rendering wrapped text every frame costs 5-20 ms here, so `TextCache.render` keeps a
surface per (text, font, colour, width) until the cache is cleared (on resize or a change of
text size).

The rule every screen inherits through `draw_text` (and `UiContext.text`): text keeps the
size the player chose in the settings. It wraps to its box; when the box is too short for
it, the box scrolls (mouse wheel over it) and shows a scroll bar, so nothing is shrunk, cut
with an ellipsis or dropped. Screens should still size their boxes by their text (`text_height`,
`common_height`) so that scrolling stays the exception.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable, Hashable
from dataclasses import dataclass, field

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

    def holds(self, text: str, font: pygame.font.Font, colour: Colour, width: int = 0) -> bool:
        """Whether `render` with these arguments would find its surface built already."""
        return (text, id(font), tuple(colour), width) in self._items


def text_height(cache: TextCache, fonts: Fonts, text: str, size: int, width: int,
                bold: bool = False) -> int:
    """Height of `text` wrapped to `width` at `size`: what a box must give it to not scroll."""
    if not text or width <= 0:
        return 0
    return cache.render(text, fonts.get(size, bold), (0, 0, 0), width).get_height()


def common_height(cache: TextCache, fonts: Fonts, texts: list[str], size: int, width: int,
                  bold: bool = False) -> int:
    """The tallest of `texts` wrapped to `width`: one height for a list of equal boxes."""
    return max((text_height(cache, fonts, t, size, width, bold) for t in texts), default=0)


@dataclass
class _Region:
    box: pygame.Rect
    key: Hashable
    limit: int
    step: int


@dataclass
class Scrolls:
    """Scroll offsets of the text boxes too short for their text, and where they are.

    The app calls `begin_frame` before drawing; every box drawn scrolled in that frame is
    noted, and `wheel` scrolls the one under the mouse. An offset belongs to a box and its
    text, so new text in a box starts at its top."""

    offsets: dict[Hashable, int] = field(default_factory=dict)
    regions: dict[tuple[int, int, int, int], _Region] = field(default_factory=dict)

    def begin_frame(self) -> None:
        self.regions.clear()

    def offset(self, key: Hashable, limit: int) -> int:
        return max(0, min(limit, self.offsets.get(key, 0)))

    def note(self, box: pygame.Rect, key: Hashable, limit: int, step: int) -> None:
        self.regions[(box.x, box.y, box.width, box.height)] = _Region(box.copy(), key, limit,
                                                                      step)

    def wheel(self, pos: tuple[int, int], rows: int) -> bool:
        """Scroll the scrolled box under `pos` by `rows` lines (positive = down); False when
        no such box is there, so the screen's own scrolling gets the wheel."""
        hits = [r for r in self.regions.values() if r.box.collidepoint(pos)]
        if not hits:
            return False
        region = min(hits, key=lambda r: r.box.width * r.box.height)  # the innermost
        now = self.offset(region.key, region.limit)
        self.offsets[region.key] = max(0, min(region.limit, now + rows * region.step))
        return True


@dataclass(frozen=True)
class Drawn:
    """What `draw_text` did: where the visible text is, at what pixel size, and whether its
    box scrolls (its text is taller than the box at the chosen size)."""

    rect: pygame.Rect
    px: int
    scrolled: bool


def _aligned(rect: pygame.Rect, box: pygame.Rect, align: str, valign: str) -> pygame.Rect:
    rect = rect.copy()
    rect.x = {"left": box.x, "center": box.centerx - rect.width // 2,
              "right": box.right - rect.width}[align]
    rect.y = {"top": box.y, "center": box.centery - rect.height // 2,
              "bottom": box.bottom - rect.height}[valign]
    return rect


def draw_text(surface: pygame.Surface, cache: TextCache, fonts: Fonts, scrolls: Scrolls,
              text: str, box: pygame.Rect, size: int, colour: Colour, bold: bool,
              align: str, valign: str, bar: tuple[Colour, Colour]) -> Drawn:
    """Draw `text` at `size` wrapped to `box`; a box too short for it scrolls (see module)."""
    font = fonts.get(size, bold)
    px = max(8, round(size * fonts.scale))  # as `Fonts.get` sizes it
    surf = cache.render(text, font, colour, box.width)
    if surf.get_height() <= box.height:
        rect = _aligned(surf.get_rect(), box, align, valign)
        _blit_clipped(surface, surf, rect, box, None)
        return Drawn(rect, px, False)
    bar_w = max(4, font.get_height() // 5)
    inner = pygame.Rect(box.x, box.y, max(1, box.width - bar_w - 3), box.height)
    surf = cache.render(text, font, colour, inner.width)
    limit = surf.get_height() - box.height
    key = (tuple(box), text, size, bold)
    top = scrolls.offset(key, limit)
    scrolls.note(box, key, limit, font.get_linesize())
    rect = _aligned(pygame.Rect(0, 0, surf.get_width(), box.height), inner, align, "top")
    _blit_clipped(surface, surf, rect, box, pygame.Rect(0, top, surf.get_width(), box.height))
    _scroll_bar(surface, pygame.Rect(box.right - bar_w, box.y, bar_w, box.height),
                top, limit, surf.get_height(), bar)
    return Drawn(rect.clip(box), px, True)


def _blit_clipped(surface: pygame.Surface, surf: pygame.Surface, rect: pygame.Rect,
                  box: pygame.Rect, area: pygame.Rect | None) -> None:
    previous = surface.get_clip()
    surface.set_clip(box.clip(previous) if previous else box)
    surface.blit(surf, rect, area)
    surface.set_clip(previous)


def _scroll_bar(surface: pygame.Surface, track: pygame.Rect, top: int, limit: int,
                total: int, colours: tuple[Colour, Colour]) -> None:
    """A track with a thumb the size of the visible share: the sign that there is more."""
    radius = track.width // 2
    pygame.draw.rect(surface, colours[0], track, border_radius=radius)
    thumb_h = max(min(track.height, track.width * 2), track.height * track.height // total)
    thumb_y = track.y + (track.height - thumb_h) * top // max(1, limit)
    pygame.draw.rect(surface, colours[1], pygame.Rect(track.x, thumb_y, track.width, thumb_h),
                     border_radius=radius)
