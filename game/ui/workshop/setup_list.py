"""The workshop setup's vignette list: rows as tall as their words, the window of whole rows
around the selected one, and where the selected vignette's summary goes.

A title wraps instead of scrolling (long titles scrolled at 1024x600). The summary shows
whole in the right column if it fits there, else in the selected row if that fits the
list, else nowhere: it never scrolls.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

import pygame

from game.core.model import Scenario
from game.ui.kit.common import text_height
from game.ui.kit.layout import row_window, stack
from game.ui.kit.panels import focus_ring, panel
from game.ui.kit.vocabulary import CATEGORY_NAMES, SUPERVISION_NAMES
from game.ui.shell.context import UiContext
from game.ui.workshop.presenters import num

if TYPE_CHECKING:
    from game.ui.workshop.setup import WorkshopSetupScene
    from game.ui.workshop.setup_draw import SetupLayout


def meta_text(ctx: UiContext, s: Scenario) -> str:
    t = ctx.t
    return t("{category} · {supervision} supervision · {minutes} min",
             category=t(CATEGORY_NAMES.get(s.category, s.category)),
             supervision=t(SUPERVISION_NAMES.get(s.supervision, s.supervision)),
             minutes=num(s.minutes, "g", t))


def summary_text(s: Scenario) -> str:
    return f"{s.summary}\n{s.specialty}. {s.setting}"


@dataclass(frozen=True)
class RowText:
    """A vignette row's parts' heights: the whole title (it wraps, never scrolls: long
    titles scrolled at 1024x600), the meta line(s) and, for the selected row when the
    summary shows in the list, the summary."""

    title: int
    meta: int
    summary: int = 0

    @property
    def height(self) -> int:
        return self.title + self.meta + self.summary


def row_texts(ctx: UiContext, lay: SetupLayout, scenarios: list[Scenario], selected: int,
              summary: bool) -> list[RowText]:
    m = ctx.metrics
    width = lay.list.width - 2 * m.gap
    rows = []
    for i, s in enumerate(scenarios):
        mark = "✔ " if i == selected else ""
        extra = text_height(ctx, summary_text(s), m.small, width) + m.gap // 2 \
            if summary and i == selected else 0
        rows.append(RowText(text_height(ctx, mark + s.title, m.body, width, True) + m.gap // 2,
                            text_height(ctx, meta_text(ctx, s), m.small, width) + m.gap // 2,
                            extra))
    return rows


def list_window(ctx: UiContext, lay: SetupLayout, heights: list[int], keep: int,
                start: int) -> tuple[int, int]:
    """(first, count) of the whole rows shown: all if they fit, else a window that keeps
    the selected row in view and leaves a line for "N more above · M more below"."""
    gap = ctx.metrics.gap // 2
    if sum(heights) + gap * (len(heights) - 1) <= lay.list.height:
        return 0, len(heights)
    space = lay.list.height - ctx.line_height(ctx.metrics.small)
    return row_window(heights, space, gap, keep, start)


def row_rects(ctx: UiContext, lay: SetupLayout, offset: int, heights: list[int]
              ) -> dict[int, pygame.Rect]:
    rects = stack(lay.list, [min(h, lay.list.height) for h in heights], ctx.metrics.gap // 2)
    return {offset + i: r for i, r in enumerate(rects)}


def about_rect(ctx: UiContext, lay: SetupLayout, cards: list[pygame.Rect]) -> pygame.Rect:
    """The room the trainee cards leave in the right column, for the vignette's summary."""
    top = (cards[-1].bottom if cards else lay.profiles.y) + ctx.metrics.gap
    return pygame.Rect(lay.profiles.x, top, lay.profiles.width, lay.profiles.bottom - top)


def about_fits(ctx: UiContext, rect: pygame.Rect, scenario: Scenario) -> bool:
    """The whole summary fits the right column's room at small (it used to scroll there)."""
    m = ctx.metrics
    need = text_height(ctx, summary_text(scenario), m.small, rect.width - 2 * m.gap)
    return rect.height >= need + 2 * m.gap


def vignette_row(ctx: UiContext, surface: pygame.Surface, rect: pygame.Rect, s: Scenario,
              parts: RowText, chosen: bool, section_focused: bool) -> None:
    """A vignette row: the whole title, the meta line and (selected, when the right column
    has no room for it) the summary."""
    m, p = ctx.metrics, ctx.palette
    panel(ctx, surface, rect, p.panel_alt if chosen else p.panel, p.accent if chosen else None)
    # the title and meta heights carry their own half-gap padding (valign centre)
    x, w, y = rect.x + m.gap, rect.width - 2 * m.gap, rect.y
    ctx.text(surface, ("✔ " if chosen else "") + s.title, pygame.Rect(x, y, w, parts.title),
             m.body, p.text, True, "left", "center")
    ctx.text(surface, meta_text(ctx, s), pygame.Rect(x, y + parts.title, w, parts.meta),
             m.small, p.muted, False, "left", "center")
    if parts.summary:
        ctx.text(surface, summary_text(s), pygame.Rect(x, y + parts.title + parts.meta, w,
                                                       parts.summary), m.small, p.muted)
    if chosen and section_focused:
        focus_ring(ctx, surface, rect)


def scroll_marks(scene: WorkshopSetupScene, surface: pygame.Surface) -> None:
    ctx, lay = scene.ctx, scene.layout
    above = scene.offset
    below = len(scene.scenarios) - scene.offset - len(scene.rows)
    h = ctx.line_height(ctx.metrics.small)
    lowest = max((r.bottom for r in scene.rows.values()), default=lay.list.y)
    if (above or below) and lowest <= lay.list.bottom - h:  # never over a row's words
        box = pygame.Rect(lay.list.x, lay.list.bottom - h, lay.list.width, h)
        ctx.text(surface, ctx.t("{a} more above · {b} more below", a=above, b=below), box,
                 ctx.metrics.small, ctx.palette.muted, False, "right")
