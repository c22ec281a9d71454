"""The Progress plot: regret per session over time, each point marked by its safety rating.

Drawn with pygame in the theme's colours (no matplotlib: it draws at the window's own scale
and text size and costs nothing to import). The rating is told by shape as well as colour
(circle safe, triangle caution, cross unsafe), and a running mean of regret over the last
five sessions shows the trend. Axis labels go through `ctx.text`, so they fit at every size.
"""

from __future__ import annotations

import pygame
from pygame import Rect

from game.app.progress import Point
from game.ui.shell.context import UiContext

WINDOW = 5


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
    ctx.text(surface, f"{top:.1f}", Rect(box.x, area.y, axis_w - m.gap, label_h), m.small,
             p.muted, align="right", truncate=True)
    ctx.text(surface, "0", Rect(box.x, area.bottom - label_h, axis_w - m.gap, label_h),
             m.small, p.muted, align="right", truncate=True)
    caption = t("sessions, oldest to newest · ● safe ▲ caution ✖ unsafe · line: mean of "
                "the last {n}", n=WINDOW)
    ctx.text(surface, caption, Rect(area.x, area.bottom + m.gap // 2, area.width, label_h),
             m.small, p.muted, truncate=True)
    if not points:
        return
    n = len(points)

    def at(i: int, value: float) -> tuple[int, int]:
        x = area.x + (area.width // 2 if n == 1 else round(i * (area.width - 1) / (n - 1)))
        return x, area.bottom - round(value / top * (area.height - 8)) - 4
    r = max(3, min(round(m.small * 0.35), area.width // max(1, 2 * n)))
    colours = {"green": p.good, "amber": p.warn, "red": p.bad}
    for i, pt in enumerate(points):
        _marker(surface, pt.rating, at(i, pt.regret), r, colours.get(pt.rating, p.muted))
    means = running_mean([pt.regret for pt in points])
    if n > 1:
        pygame.draw.lines(surface, p.accent, False, [at(i, v) for i, v in enumerate(means)],
                          max(2, r // 2))
