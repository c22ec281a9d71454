"""Typography for the procedure pictures' labels: sizes, line breaks, measures, renderings.

A label's size is a `Fonts.get` size (times the player's text size it gives the pixels);
it is never below the floor, the smallest text role of the screen the picture is on (set
by `_labels.labels_for`). Pictures lay their words out every frame, so line breaks, sizes
and renderings are kept by words, width, pixel size and weight.
"""

from __future__ import annotations

import pygame

from game.ui.kit.text import SurfaceCache
from game.ui.kit.theme import Theme

Colour = tuple[int, int, int]

TEXT = SurfaceCache(capacity=768)
"""Rendered lines by (words, pixel size, weight, colour): a font's size names it (one shipped
font per weight), unlike its id, which a new theme's fonts can reuse after a text-size
change."""
LABEL_SIZE = 14
"""The smallest font size a picture asks for unless its screen says otherwise (the smallest
text role on the smallest window, 1024x600); the player's text size multiplies it like any
other text. `labels_for` sets the screen's own smallest role (16 at 1280x720)."""
_floor = LABEL_SIZE


def set_floor(size: int) -> None:
    """The smallest size labels may ask for from now on (see `_labels.labels_for`)."""
    global _floor
    _floor = size


def floor_size() -> int:
    """The smallest font size labels may ask for now."""
    return _floor


def scale_of(theme: Theme) -> float:
    return getattr(theme.fonts, "scale", 1.0) or 1.0


def font_size(theme: Theme, px: int) -> int:
    """The `Fonts.get` size for a label of `px` real pixels, never below the floor."""
    return max(_floor, round(px / scale_of(theme)))


def real_px(theme: Theme, size: int) -> int:
    """The pixel size `Fonts.get(size)` renders at (the same rounding)."""
    return max(8, round(size * scale_of(theme)))


def floor_px(theme: Theme) -> int:
    """The smallest label in real pixels: the floor at the player's text size."""
    return real_px(theme, _floor)


def minor_px(theme: Theme, px: int, less: int = 2) -> int:
    """A secondary label a little smaller than `px`, never below the floor."""
    return max(floor_px(theme), px - less)


def label_px(rect: pygame.Rect, base: int = 17, theme: Theme | None = None) -> int:
    """Label size in real pixels for a picture rect: `LABEL_SIZE` at the player's text size,
    growing a little with a large picture (a projector) up to `base + 3`. Never shrunk."""
    k = min(rect.w / 900, rect.h / 600)
    size = max(_floor, min(base + 3, round(LABEL_SIZE + (base - 11) * (k - 0.45) * 2)))
    return real_px(theme, size) if theme is not None else size


def font(theme: Theme, px: int, bold: bool = False) -> pygame.font.Font:
    return theme.fonts.get(font_size(theme, px), bold)


def render(words: str, theme: Theme, px: int, bold: bool, colour: Colour) -> pygame.Surface:
    """One line of `words`, rendered once and kept."""
    face = font(theme, px, bold)
    key = (words, real_px(theme, font_size(theme, px)), bold, tuple(colour))
    return TEXT.get(key, lambda: face.render(words, True, colour))


# ----------------------------------------------------------------------------- line breaks
_WRAPS: dict[tuple[str, int, int, bool], list[str] | None] = {}
_SIZES: dict[tuple[str, int, int, bool], tuple[int, int] | None] = {}
"""Line breaks and sizes already worked out (pictures lay their words out every frame): by
words, width, pixel size and weight (one shipped font per weight); emptied when full."""


def wrap(words: str, width: int, theme: Theme, px: int, bold: bool = False) -> \
        list[str] | None:
    """`words` broken into lines no wider than `width` at `px` (greedy, at spaces; a line
    break in `words` is kept), or None when a single word is wider than that."""
    face = font(theme, px, bold)
    key = (words, width, real_px(theme, font_size(theme, px)), bold)
    if key not in _WRAPS:
        if len(_WRAPS) > 4096:
            _WRAPS.clear()
            _SIZES.clear()
        _WRAPS[key] = _wrap(words, width, face)
    return _WRAPS[key]


def _wrap(words: str, width: int, face: pygame.font.Font) -> list[str] | None:
    lines: list[str] = []
    for paragraph in words.split("\n"):
        line = ""
        for word in (w for w in paragraph.split(" ") if w):  # a no-break space holds
            if face.size(word)[0] > width:
                return None
            joined = f"{line} {word}" if line else word
            if face.size(joined)[0] <= width:
                line = joined
            else:
                lines.append(line)
                line = word
        lines.append(line)
    return lines


def measure(words: str, width: int, theme: Theme, px: int, bold: bool = False) -> \
        tuple[int, int] | None:
    """(w, h) of `words` wrapped to `width` at `px`, or None when a word is wider than that."""
    key = (words, width, real_px(theme, font_size(theme, px)), bold)
    if key not in _SIZES:
        if len(_SIZES) > 4096:
            _SIZES.clear()
        lines = wrap(words, width, theme, px, bold)
        face = font(theme, px, bold)
        _SIZES[key] = None if lines is None else (
            max(face.size(line)[0] for line in lines),
            face.get_height() + (len(lines) - 1) * face.get_linesize())
    return _SIZES[key]


def line_height(theme: Theme, px: int, bold: bool = False) -> int:
    return font(theme, px, bold).get_linesize()


def lines_height(theme: Theme, px: int, lines: int, bold: bool = False) -> int:
    """Room for `lines` lines of `px` text (what a label row must give)."""
    face = font(theme, px, bold)
    return face.get_height() + (lines - 1) * face.get_linesize()
