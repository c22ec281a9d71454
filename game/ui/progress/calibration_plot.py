"""The calibration picture: the supervisor's O-SCORE ratings against the level each simulated
trainee warranted, over all rated sessions.

A 5x5 grid (rows: the level the trainee warranted, columns: the rating given); each cell
shows how many sessions fell there, shaded by that share. The diagonal (read right) is
outlined; cells right of it are over-trust, left of it under-trust, and `CAPTION` (drawn by
the screen beside the grid) says so in words, so neither colour nor position alone carries
the meaning.
"""

from __future__ import annotations

import pygame
from pygame import Rect

from game.ui.kit.panels import tone_colour
from game.ui.shell.context import UiContext

LEVELS = 5
CAPTION = ("The grid: across, your O-SCORE rating; down, the level the simulated trainee "
           "warranted. On the outlined diagonal you read them right; to its right you "
           "trusted more than they could carry, to its left less.")


def _blend(a: tuple[int, int, int], b: tuple[int, int, int], share: float
           ) -> tuple[int, int, int]:
    return tuple(round(x + (y - x) * share) for x, y in zip(a, b))  # type: ignore[return-value]


def compact(n: int) -> str:
    """A count in at most four characters (999, 1.2k, 12k): a cell holds it at any size."""
    return str(n) if n < 1000 else f"{n / 1000:.1f}k" if n < 10_000 else f"{n // 1000}k"


def grid_cell(box: Rect, ctx: UiContext) -> int:
    """The side of one cell: what the widest count needs at the player's text size, or
    more when the box has room (at most half its width for the grid)."""
    m = ctx.metrics
    label = ctx.line_height(m.small)
    need = max(ctx.theme.fonts.get(m.small).size("9.9k")[0], label) + m.gap
    return max(need, min((box.height - label) // LEVELS, (box.width // 2 - label) // LEVELS))


def grid_size(box: Rect, ctx: UiContext) -> tuple[int, int]:
    """Width and height the grid with its number labels takes."""
    cell, label = grid_cell(box, ctx), ctx.line_height(ctx.metrics.small)
    return label + ctx.metrics.gap // 2 + LEVELS * cell, label + LEVELS * cell


def draw_calibration(ctx: UiContext, surface: pygame.Surface, box: Rect,
                     matrix: tuple[tuple[int, ...], ...]) -> None:
    """The grid in the top left of `box`."""
    m, p = ctx.metrics, ctx.palette
    label = ctx.line_height(m.small)
    cell = grid_cell(box, ctx)
    left, top = box.x + label + m.gap // 2, box.y + label
    most = max((n for row in matrix for n in row), default=0) or 1
    for i in range(LEVELS):
        ctx.text(surface, str(i + 1), Rect(left + i * cell, box.y, cell, label), m.small,
                 p.muted, align="center")
        ctx.text(surface, str(i + 1), Rect(box.x, top + i * cell, label, cell), m.small,
                 p.muted, align="center", valign="center")
    for level, row in enumerate(matrix[:LEVELS]):
        for rating, count in enumerate(row[:LEVELS]):
            rect = Rect(left + rating * cell, top + level * cell, cell - 2, cell - 2)
            tone = "good" if rating == level else "warn" if rating > level else "info"
            fill = _blend(p.panel, tone_colour(ctx, tone), 0.15 + 0.6 * count / most) \
                if count else p.panel
            pygame.draw.rect(surface, fill, rect, border_radius=3)
            if rating == level:
                pygame.draw.rect(surface, tone_colour(ctx, "good"), rect, 2, border_radius=3)
            if count:
                ctx.text(surface, compact(count), rect, m.small, p.text, align="center",
                         valign="center")
