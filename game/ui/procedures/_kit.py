"""Shared drawing kit for the procedure views: state reading, easing, layers; labels (see
`_labels`, re-exported here).

Procedure state comes from scenario files and may hold bools, numbers or strings in any of
the three spellings ("true", 1, True), and may omit keys entirely. Views read it only through
these helpers so a typo in a scenario degrades to a sensible default instead of a crash.
Static artwork is drawn once per rect size (supersampled for smooth edges) and cached, which
keeps a frame to a few blits plus the moving parts.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping, Sequence

import pygame

from game.ui.kit.text import SurfaceCache
from game.ui.kit.theme import Theme
from game.ui.procedures._labels import (  # noqa: F401 -- the views' one import of the kit
    LABEL_SIZE,
    TEXT,
    first_text,
    floor_px,
    font,
    font_size,
    label_px,
    lines_height,
    measure,
    minor_px,
    picture,
    pointed_text,
    pointer,
    spot,
    t,
    tag,
    text,
)

Colour = tuple[int, int, int]
Point = tuple[float, float]

MIN_LABEL_PX = LABEL_SIZE
SUPERSAMPLE = 2
_TRUE = {"true", "yes", "on", "1", "y"}


# ----------------------------------------------------------------------------- state reading
def num(state: Mapping, key: str, default: float, lo: float | None = None,
        hi: float | None = None) -> float:
    """A number from the state, clamped; strings like "45" work, junk gives the default."""
    value = state.get(key, default) if state else default
    try:
        out = float(value)
    except (TypeError, ValueError):
        out = float(default)
    if math.isnan(out):
        out = float(default)
    if lo is not None:
        out = max(lo, out)
    if hi is not None:
        out = min(hi, out)
    return out


def flag(state: Mapping, key: str, default: bool = False) -> bool:
    """A yes/no value; accepts True, "true", "yes", 1."""
    value = state.get(key, default) if state else default
    if isinstance(value, str):
        return value.strip().lower() in _TRUE
    return bool(value)


def pick(state: Mapping, key: str, options: Sequence[str], default: str) -> str:
    """One of `options` (case-insensitive); anything else falls back to `default`."""
    value = state.get(key, default) if state else default
    text = str(value).strip().lower()
    return text if text in options else default


def has(state: Mapping, key: str) -> bool:
    """True when the key is present with a usable (non-empty) value."""
    return bool(state) and key in state and state[key] not in (None, "")


# ----------------------------------------------------------------------------- motion
def ease(k: float) -> float:
    """Smooth ease-in-out (smootherstep) so changes start and settle gently."""
    k = min(1.0, max(0.0, k))
    return k * k * k * (k * (k * 6 - 15) + 10)


def lerp(a: float, b: float, k: float) -> float:
    return a + (b - a) * k


def phase(progress: float, start: float, end: float) -> float:
    """Eased local progress of a sub-step that runs from `start` to `end` of the change."""
    if end <= start:
        return 1.0 if progress >= end else 0.0
    return ease((progress - start) / (end - start))


def mix(a: Colour, b: Colour, k: float) -> Colour:
    k = min(1.0, max(0.0, k))
    return (round(a[0] + (b[0] - a[0]) * k), round(a[1] + (b[1] - a[1]) * k),
            round(a[2] + (b[2] - a[2]) * k))


def pulse(time_s: float, rate_hz: float = 1.0) -> float:
    """0..1 sine pulse for idle motion (flashes, breathing)."""
    return 0.5 + 0.5 * math.sin(time_s * rate_hz * 2 * math.pi)


# ----------------------------------------------------------------------------- geometry
class Frame:
    """Maps design units (e.g. millimetres of anatomy) to pixels: x' = ox + x * s."""

    def __init__(self, ox: float, oy: float, s: float):
        self.ox, self.oy, self.s = ox, oy, s

    def p(self, x: float, y: float) -> tuple[int, int]:
        return round(self.ox + x * self.s), round(self.oy + y * self.s)

    def pts(self, points: Sequence[Point]) -> list[tuple[int, int]]:
        return [self.p(x, y) for x, y in points]

    def d(self, length: float) -> int:
        return max(1, round(length * self.s))

    def rect(self, x: float, y: float, w: float, h: float) -> pygame.Rect:
        return pygame.Rect(*self.p(x, y), max(1, round(w * self.s)), max(1, round(h * self.s)))

    def scaled(self, k: float, dx: float = 0, dy: float = 0) -> Frame:
        """The same mapping drawn into a surface k times larger and shifted by (dx, dy)."""
        return Frame((self.ox + dx) * k, (self.oy + dy) * k, self.s * k)


def side_width(rect: pygame.Rect, pad: int, box: tuple[float, float, float, float],
               side: int, least: int = 140) -> int:
    """The words column's width beside a drawing of the design `box`: `side`, or more in a
    wide, short picture (the replay viewer's strip), where the drawing can use only the
    width its shape allows (at least `least`) and the words get the rest."""
    needed = max(least, round((rect.h - 2 * pad) * box[2] / box[3] * 1.2))
    spare = rect.w - 3 * pad - needed
    return max(side, spare) if spare > side else side


def fit_frame(area: pygame.Rect, x0: float, y0: float, w: float, h: float) -> Frame:
    """Uniformly scale the design box (x0, y0, w, h) to sit centred inside `area`."""
    s = min(area.w / w, area.h / h)
    ox = area.x + (area.w - w * s) / 2 - x0 * s
    oy = area.y + (area.h - h * s) / 2 - y0 * s
    return Frame(ox, oy, s)


def ellipse_pts(cx: float, cy: float, rx: float, ry: float, a0: float = 0.0,
                a1: float = 2 * math.pi, n: int = 32) -> list[Point]:
    return [(cx + rx * math.cos(a0 + (a1 - a0) * i / (n - 1)),
             cy + ry * math.sin(a0 + (a1 - a0) * i / (n - 1))) for i in range(n)]


# ----------------------------------------------------------------------------- layers
class LayerCache(SurfaceCache):
    """Static surfaces keyed by (size, palette, anything else); a few kept, oldest dropped."""

    def __init__(self, capacity: int = 6):
        super().__init__(capacity)


def smooth_layer(size: tuple[int, int], paint: Callable[[pygame.Surface, int], None],
                 fill: Colour | None = None) -> pygame.Surface:
    """Paint at SUPERSAMPLE x size then smooth-scale down: anti-aliased polygons for free."""
    k = SUPERSAMPLE
    size = (max(1, size[0]), max(1, size[1]))  # a squeezed layout never fails to draw
    big = pygame.Surface((size[0] * k, size[1] * k), pygame.SRCALPHA)
    if fill is not None:
        big.fill(fill)
    paint(big, k)
    return pygame.transform.smoothscale(big, size)


# ----------------------------------------------------------------------------- text
def leader(surface: pygame.Surface, colour: Colour, start: tuple[int, int],
           end: tuple[int, int], dot: bool = True) -> None:
    """A thin pointer line from a label to the thing it names (later labels keep off it)."""
    pointer(surface, start, end, colour, dot)


def leader_from(surface: pygame.Surface, colour: Colour, box: pygame.Rect,
                target: tuple[int, int], dot: bool = True) -> None:
    """A leader from a label's edge nearest the thing it names, so it never runs across the
    label's own words; none when the label sits on its target (a small picture pushed it
    there: the label is then on what it names)."""
    if box.collidepoint(target):
        return
    start = (min(max(target[0], box.x), box.right - 1), min(max(target[1], box.y),
                                                            box.bottom - 1))
    pointer(surface, start, target, colour, dot)


def direction_label(surface: pygame.Surface, box: pygame.Rect, word: str, direction: int,
                    theme: Theme, px: int) -> pygame.Rect | None:
    """An orientation arrow with its word inside `box`: '<| head' (-1) or 'feet |>' (+1);
    nothing at all when the word does not fit whole (an arrow alone says nothing)."""
    p = theme.palette
    size = max(6, min(box.h // 2, font(theme, px).get_height() // 2 + 2))
    if direction < 0:
        label, align = pygame.Rect(box.x + size + 4, box.y, box.w - size - 4, box.h), "left"
    else:
        label, align = pygame.Rect(box.x, box.y, box.w - size - 4, box.h), "right"
    where = spot(word, label, theme, px, bold=True, align=align)
    if where is None:
        return None
    chip = where.inflate(8 + size + 4, 4).move(-direction * (size + 4) // 2, 0)
    pygame.draw.rect(surface, p.panel, chip, border_radius=chip.h // 2)  # legible over art
    got = text(surface, word, label, theme, p.accent, px, bold=True, align=align)
    if got is None:
        return None
    tip = (got.x - 4 - size, got.centery) if direction < 0 else (got.right + 4 + size,
                                                                   got.centery)
    base = tip[0] - direction * size
    pygame.draw.polygon(surface, p.accent, [tip, (base, tip[1] - size // 2),
                                            (base, tip[1] + size // 2)])
    return got
