"""A small SVG plotting kit for the cohort figures: axes, bars, boxes, lines, ticks, hatching.

Why not matplotlib here: a cohort report draws two figures per scenario version, and Agg
spends tens of milliseconds per axes on tick text, so 200 logs over the library cost seconds
of figures alone (issue 17: 10 s against a 5 s target). These figures are bars, boxes and
lines on a handful of axes; written as SVG text they cost well under a millisecond each, stay
sharp when printed, and need no font cache. Every piece of text is XML-escaped (scenario and
player text reaches labels). Hatch patterns keep "never colour alone".
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape, quoteattr

INK, MUTED, GRID_INK = "#222222", "#666666", "#DDDDDD"
FONT = "DejaVu Sans, Verdana, Arial, sans-serif"
HATCHES = {"..": "dots", "//": "diag", "///": "diag", "xx": "cross", "\\\\": "back"}
_PATTERNS = {
    "dots": '<circle cx="2" cy="2" r="0.8" fill="#222"/>',
    "diag": '<path d="M-1,5 l6,-6 M0,4 l4,-4" stroke="#222" stroke-width="0.7"/>',
    "back": '<path d="M-1,-1 l6,6 M0,0 l4,4" stroke="#222" stroke-width="0.7"/>',
    "cross": '<path d="M0,0 l4,4 M4,0 l-4,4" stroke="#222" stroke-width="0.6"/>',
}


def _n(value: float) -> str:
    return f"{value:.1f}".rstrip("0").rstrip(".")


class Canvas:
    """One SVG image of `width` x `height` pixels."""

    def __init__(self, width: float, height: float):
        self.width, self.height = width, height
        self.parts: list[str] = []

    def rect(self, x: float, y: float, w: float, h: float, fill: str = "none",
             stroke: str | None = None, hatch: str = "", width: float = 0.6,
             opacity: float = 1.0) -> None:
        if w <= 0 or h <= 0:
            return
        extra = f' stroke="{stroke}" stroke-width="{width}"' if stroke else ""
        if opacity < 1:
            extra += f' fill-opacity="{opacity}"'
        self.parts.append(f'<rect x="{_n(x)}" y="{_n(y)}" width="{_n(w)}" height="{_n(h)}" '
                          f'fill="{fill}"{extra}/>')
        if hatch in HATCHES:
            self.parts.append(f'<rect x="{_n(x)}" y="{_n(y)}" width="{_n(w)}" '
                              f'height="{_n(h)}" fill="url(#{HATCHES[hatch]})"/>')

    def line(self, x1: float, y1: float, x2: float, y2: float, stroke: str = INK,
             width: float = 1.0, dash: str = "") -> None:
        style = f' stroke-dasharray="{dash}"' if dash else ""
        self.parts.append(f'<line x1="{_n(x1)}" y1="{_n(y1)}" x2="{_n(x2)}" y2="{_n(y2)}" '
                          f'stroke="{stroke}" stroke-width="{width}"{style}/>')

    def polygon(self, points: list[tuple[float, float]], fill: str = INK) -> None:
        text = " ".join(f"{_n(x)},{_n(y)}" for x, y in points)
        self.parts.append(f'<polygon points="{text}" fill="{fill}"/>')

    def text(self, x: float, y: float, text: str, size: float = 11, anchor: str = "start",
             colour: str = INK, bold: bool = False, rotate: bool = False) -> None:
        weight = ' font-weight="bold"' if bold else ""
        turn = f' transform="rotate(-90 {_n(x)} {_n(y)})"' if rotate else ""
        self.parts.append(f'<text x="{_n(x)}" y="{_n(y)}" font-size="{size}" '
                          f'text-anchor="{anchor}" dominant-baseline="middle" '
                          f'fill="{colour}"{weight}{turn}>{escape(str(text))}</text>')

    def save(self, path: Path, title: str) -> str:
        defs = "".join(f'<pattern id="{name}" width="4" height="4" '
                       f'patternUnits="userSpaceOnUse">{shape}</pattern>'
                       for name, shape in _PATTERNS.items())
        svg = (f'<svg xmlns="http://www.w3.org/2000/svg" width="{_n(self.width)}" '
               f'height="{_n(self.height)}" viewBox="0 0 {_n(self.width)} {_n(self.height)}" '
               f'font-family={quoteattr(FONT)} role="img"><title>{escape(title)}</title>'
               f'<defs>{defs}</defs><rect width="100%" height="100%" fill="white"/>'
               + "".join(self.parts) + "</svg>\n")
        path.write_text(svg, encoding="utf-8")
        return path.name


def nice_ticks(low: float, high: float, count: int = 5) -> list[float]:
    """Round tick values spanning [low, high], about `count` of them."""
    if not math.isfinite(low) or not math.isfinite(high) or high <= low:
        return [low] if math.isfinite(low) else [0.0]
    raw = (high - low) / max(1, count)
    power = 10 ** math.floor(math.log10(raw))
    step = next(m * power for m in (1, 2, 2.5, 5, 10) if m * power >= raw)
    start = math.ceil(low / step - 1e-9) * step
    ticks, value = [], start
    while value <= high + step * 1e-9:
        ticks.append(round(value, 10))
        value += step
    return ticks


def label(value: float) -> str:
    return f"{value:g}"


def quartiles(values: list[float]) -> tuple[float, float, float]:
    ordered = sorted(values)

    def at(q: float) -> float:
        pos = q * (len(ordered) - 1)
        lo = math.floor(pos)
        hi = min(lo + 1, len(ordered) - 1)
        return ordered[lo] + (ordered[hi] - ordered[lo]) * (pos - lo)
    return at(0.25), at(0.5), at(0.75)


class Axes:
    """A plotting area at (left, top, width, height) pixels with data limits; `xlog` maps x
    on a log scale (risk weights are ratios)."""

    def __init__(self, canvas: Canvas, box: tuple[float, float, float, float],
                 xlim: tuple[float, float], ylim: tuple[float, float], xlog: bool = False):
        self.c, self.box, self.xlim, self.ylim, self.xlog = canvas, box, xlim, ylim, xlog

    def x(self, value: float) -> float:
        left, _, width, _ = self.box
        lo, hi = self.xlim
        if self.xlog:
            value, lo, hi = (math.log(max(v, 1e-12)) for v in (value, lo, hi))
        return left + width * (value - lo) / ((hi - lo) or 1)

    def y(self, value: float) -> float:
        _, top, _, height = self.box
        lo, hi = self.ylim
        return top + height * (1 - (value - lo) / ((hi - lo) or 1))

    def frame(self, title: str = "", xlabel: str = "", ylabel: str = "") -> None:
        left, top, width, height = self.box
        self.c.line(left, top, left, top + height, MUTED)
        self.c.line(left, top + height, left + width, top + height, MUTED)
        if title:
            self.c.text(left, top - 10, title, 12)
        if xlabel:
            self.c.text(left + width / 2, top + height + 30, xlabel, 11, "middle")
        if ylabel:
            self.c.text(left - 42, top + height / 2, ylabel, 11, "middle", rotate=True)

    def xticks(self, values: Sequence[float], labels: list[str] | None = None,
               grid: bool = False) -> None:
        _, top, _, height = self.box
        for value, text in zip(values, labels or [label(v) for v in values]):
            px = self.x(value)
            if grid:
                self.c.line(px, top, px, top + height, GRID_INK, 0.6)
            self.c.line(px, top + height, px, top + height + 4, MUTED)
            self.c.text(px, top + height + 14, text, 10, "middle")

    def yticks(self, values: Sequence[float], labels: list[str] | None = None,
               grid: bool = False, size: float = 10) -> None:
        left, _, width, _ = self.box
        for value, text in zip(values, labels or [label(v) for v in values]):
            py = self.y(value)
            if grid:
                self.c.line(left, py, left + width, py, GRID_INK, 0.6)
            self.c.line(left - 4, py, left, py, MUTED)
            self.c.text(left - 7, py, text, size, "end")

    def bar(self, x0: float, x1: float, y0: float, y1: float, **style: Any) -> None:
        left, right = sorted((self.x(x0), self.x(x1)))
        top, bottom = sorted((self.y(y1), self.y(y0)))
        self.c.rect(left, top, right - left, bottom - top, **style)

    def hbox(self, values: list[float], y: float, half: float, colour: str) -> None:
        """A horizontal box plot of `values` centred on row `y` (whiskers 1.5 IQR)."""
        q1, med, q3 = quartiles(values)
        reach = 1.5 * (q3 - q1)
        inside = [v for v in values if q1 - reach <= v <= q3 + reach] or values
        lo, hi = min(inside), max(inside)
        self.c.line(self.x(lo), self.y(y), self.x(q1), self.y(y), INK)
        self.c.line(self.x(q3), self.y(y), self.x(hi), self.y(y), INK)
        self.bar(q1, q3, y - half, y + half, fill=colour, stroke=INK, opacity=0.4)
        self.c.line(self.x(med), self.y(y - half), self.x(med), self.y(y + half), INK, 2)
        for v in values:
            if v < lo or v > hi:
                self.c.rect(self.x(v) - 1.5, self.y(y) - 1.5, 3, 3, "none", INK)

    def vbox(self, values: list[float], x: float, half: float, colour: str) -> None:
        """A vertical box plot of `values` centred on column `x`."""
        q1, med, q3 = quartiles(values)
        reach = 1.5 * (q3 - q1)
        inside = [v for v in values if q1 - reach <= v <= q3 + reach] or values
        lo, hi = min(inside), max(inside)
        self.c.line(self.x(x), self.y(lo), self.x(x), self.y(q1), INK)
        self.c.line(self.x(x), self.y(q3), self.x(x), self.y(hi), INK)
        self.bar(x - half, x + half, q1, q3, fill=colour, stroke=INK, opacity=0.4)
        self.c.line(self.x(x - half), self.y(med), self.x(x + half), self.y(med), INK, 2)
        for v in values:
            if v < lo or v > hi:
                self.c.rect(self.x(x) - 1.5, self.y(v) - 1.5, 3, 3, "none", INK)
