"""The Progress plot: regret per session over time, each point marked by its safety rating.

Drawn with pygame in the theme's colours (no matplotlib: it draws at the window's own scale
and text size and costs nothing to import). The rating is told by shape as well as colour
(circle safe, triangle caution, cross unsafe), and a running mean of regret over the last
five sessions shows the trend. Axis labels go through `ctx.text`, so they fit at every size.
A long history has more sessions than the plot has room for marks: neighbouring sessions
then share one mark, which shows the worst safety rating among them (an unsafe session is
never averaged away) at their mean regret, and the caption says how many each mark holds.
"""

from __future__ import annotations

from typing import NamedTuple

import pygame
from pygame import Rect

from game.app.progress import Point
from game.i18n import local_number
from game.ui.shell.context import UiContext

WINDOW = 5
RANK = {"green": 0, "amber": 1, "red": 2}


class Mark(NamedTuple):
    rating: str
    """The worst safety rating among the sessions it holds."""
    regret: float
    """Their mean regret."""
    trend: float
    """The running mean of regret at the last of them."""


def marks(points: tuple[Point, ...], slots: int) -> tuple[list[Mark], int]:
    """At most `slots` marks for `points` in order, and how many sessions each holds."""
    trend = running_mean([pt.regret for pt in points])
    size = max(1, -(-len(points) // max(1, slots)))
    out = []
    for start in range(0, len(points), size):
        group = points[start:start + size]
        worst = max((pt.rating for pt in group), key=lambda r: RANK.get(r, 0))
        out.append(Mark(worst, sum(pt.regret for pt in group) / len(group),
                        trend[start + len(group) - 1]))
    return out, size


def running_mean(values: list[float], window: int = WINDOW) -> list[float]:
    out, total = [], 0.0
    for i, v in enumerate(values):
        total += v
        if i >= window:
            total -= values[i - window]
        out.append(total / min(i + 1, window))
    return out


def _marker(surface: pygame.Surface, rating: str, centre: tuple[int, int], r: int,
            colour: tuple[int, int, int]) -> None:
    x, y = centre
    if rating == "green":
        pygame.draw.circle(surface, colour, centre, r)
    elif rating == "amber":
        pygame.draw.polygon(surface, colour, [(x, y - r), (x - r, y + r), (x + r, y + r)])
    else:
        width = max(2, r // 2)
        pygame.draw.line(surface, colour, (x - r, y - r), (x + r, y + r), width)
        pygame.draw.line(surface, colour, (x - r, y + r), (x + r, y - r), width)


def draw_plot(ctx: UiContext, surface: pygame.Surface, box: Rect, points: tuple[Point, ...]
              ) -> None:
    m, p, t = ctx.metrics, ctx.palette, ctx.t
    label_h = ctx.line_height(m.small)
    axis_w = round(ctx.font_px(m.small) * 3.2)
    area = Rect(box.x + axis_w, box.y + label_h, box.width - axis_w - m.gap,
                box.height - 2 * label_h - m.gap)
    if area.width < 40 or area.height < 40:
        return
    pygame.draw.rect(surface, p.panel, area)
    pygame.draw.line(surface, p.muted, area.bottomleft, area.bottomright, 2)
    pygame.draw.line(surface, p.muted, area.bottomleft, area.topleft, 2)
    top = max([1.0] + [pt.regret for pt in points])
    ctx.text(surface, t("regret"), Rect(box.x, box.y, box.width, label_h), m.small, p.muted)
    top_label = local_number(top, ".1f", getattr(t, "language", "en"))
    ctx.text(surface, top_label, Rect(box.x, area.y, axis_w - m.gap, label_h), m.small,
             p.muted, align="right")
    ctx.text(surface, "0", Rect(box.x, area.bottom - label_h, axis_w - m.gap, label_h),
             m.small, p.muted, align="right")
    caption = t("sessions, oldest to newest · ● safe ▲ caution ✖ unsafe · line: mean of "
                "the last {n}", n=WINDOW)
    ctx.text(surface, caption, Rect(area.x, area.bottom + m.gap // 2, area.width, label_h),
             m.small, p.muted)
    if not points:
        return
    r = max(3, round(m.small * 0.35))
    shown, each = marks(points, area.width // (2 * r + 2))
    n = len(shown)
    if each > 1:
        ctx.text(surface, t("each mark: {n} sessions, the worst rating among them", n=each),
                 Rect(box.x, box.y, box.width, label_h), m.small, p.muted, align="right")

    def at(i: int, value: float) -> tuple[int, int]:
        x = area.x + (area.width // 2 if n == 1 else round(i * (area.width - 1) / (n - 1)))
        return x, area.bottom - round(value / top * (area.height - 8)) - 4
    colours = {"green": p.good, "amber": p.warn, "red": p.bad}
    for i, mark in enumerate(shown):
        _marker(surface, mark.rating, at(i, mark.regret), r, colours.get(mark.rating, p.muted))
    if n > 1:
        pygame.draw.lines(surface, p.accent, False,
                          [at(i, mark.trend) for i, mark in enumerate(shown)], max(2, r // 2))
