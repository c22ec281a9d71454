"""The workshop setup's trainee cards: where they go and how one is drawn.

The facilitator chooses the trainee for the room by comparing the cards, so they show at
once, each whole at the chosen text size (name over level) when the column has the room,
else a window of whole cards around the selected one with "N more above · M more below".
At Extra large in 1024x600 that window held one card of three: the setup then gives the
cards the nickname switch's room (`cards_shown`), which shows every vignette's cards at
once but one (two of three). Two cards side by side and levels beside the names were
tried; at the projector's sizes every name wrapped and the cards grew taller still.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

import pygame

from game.core.model import Scenario, TraineeProfile
from game.ui.kit.common import text_height
from game.ui.kit.layout import row_window, stack
from game.ui.kit.panels import focus_ring, panel
from game.ui.shell.context import UiContext

if TYPE_CHECKING:
    from game.ui.workshop.setup_draw import SetupLayout


@dataclass(frozen=True)
class CardWindow:
    """The trainee cards on screen (`rects`, by trainee id): all of them, or, when they do
    not all fit, a window of whole cards around the selected trainee with "N more above ·
    M more below" (`more`) under them (Up/Down in the trainee section, or a number key,
    brings the others into view). Shared-out slivers scrolled."""

    rects: dict[str, pygame.Rect]
    first: int = 0
    more: pygame.Rect | None = None
    above: int = 0
    below: int = 0


def card_text(ctx: UiContext, trainee: TraineeProfile, width: int) -> tuple[int, int]:
    """The heights of a card's name and level in a card `width` wide, the name measured with
    the ✔ a chosen card carries (so choosing one moves nothing)."""
    m = ctx.metrics
    inner = width - 2 * m.gap
    return (text_height(ctx, "✔ " + trainee.name, m.body, inner, True),
            text_height(ctx, trainee.level, m.small, inner))


def card_needs(ctx: UiContext, scenario: Scenario, width: int, pad: int) -> list[int]:
    """Each trainee card's height in a card `width` wide, with `pad` of air (at least the
    half gap, rounded up, `draw_card` keeps inside the border)."""
    return [sum(card_text(ctx, t, width)) + pad for t in scenario.trainees]


def card_window(ctx: UiContext, lay: SetupLayout, scenario: Scenario | None, keep: str = "",
                start: int = 0) -> CardWindow:
    """`keep`: the selected trainee's id (always shown); `start`: the first card shown
    before, so a window moves only as far as the selection needs."""
    if scenario is None:
        return CardWindow({})
    gap, area, ids = ctx.metrics.gap // 2, lay.profiles, [t.id for t in scenario.trainees]
    for pad in (ctx.metrics.gap, (ctx.metrics.gap + 1) // 2):  # the air gives way first
        needs = card_needs(ctx, scenario, area.width, pad)
        if sum(needs) + gap * (len(needs) - 1) <= area.height:
            return CardWindow(dict(zip(ids, stack(area, needs, gap))))
    return _window(ctx, area, ids, needs, ids.index(keep) if keep in ids else 0, start)


def cards_shown(ctx: UiContext, lay: SetupLayout, scenarios: list[Scenario]) -> int:
    """How many trainee cards the vignettes show at once in `lay`, all told: the setup gives
    the nickname switch's room to the cards where that shows more of them (the facilitator
    chooses by comparing them; N still switches)."""
    return sum(len(card_window(ctx, lay, s).rects) for s in scenarios)


def _window(ctx: UiContext, area: pygame.Rect, ids: list[str], needs: list[int], keep_at: int,
            start: int) -> CardWindow:
    """Whole cards around the selected one, the "more" line under them."""
    gap = ctx.metrics.gap // 2
    more_h = ctx.line_height(ctx.metrics.small)
    space = pygame.Rect(area.x, area.y, area.width, area.height - more_h)
    first, count = row_window(needs, space.height, gap, keep_at, min(start, len(ids) - 1))
    rects = stack(space, [min(h, space.height) for h in needs[first:first + count]], gap)
    more = pygame.Rect(area.x, rects[-1].bottom, area.width, more_h)  # right under them
    return CardWindow(dict(zip(ids[first:first + count], rects)), first, more, first,
                      len(ids) - first - count)


def draw_cards(ctx: UiContext, surface: pygame.Surface, scenario: Scenario, window: CardWindow,
               chosen: str, focused: bool) -> None:
    for trainee in scenario.trainees:
        if trainee.id in window.rects:
            draw_card(ctx, surface, window.rects[trainee.id], trainee,
                      trainee.id == chosen, focused)
    if window.more is not None:  # "1 more above · 1 more below" under a window of cards
        ctx.text(surface, ctx.t("{a} more above · {b} more below", a=window.above,
                                b=window.below), window.more, ctx.metrics.small,
                 ctx.palette.muted, False, "right")


def draw_card(ctx: UiContext, surface: pygame.Surface, rect: pygame.Rect,
              trainee: TraineeProfile, chosen: bool, section_focused: bool) -> None:
    """A card: the name over the level."""
    m, p = ctx.metrics, ctx.palette
    panel(ctx, surface, rect, p.panel_alt if chosen else p.panel, p.accent if chosen else None)
    inner = rect.inflate(-2 * m.gap, -m.gap // 2)
    name_h, level_h = card_text(ctx, trainee, rect.width)
    name = pygame.Rect(inner.x, inner.y, inner.width, min(name_h, inner.height * 6 // 10))
    ctx.text(surface, ("✔ " if chosen else "") + trainee.name, name, m.body, p.text, True,
             "left", "center")
    ctx.text(surface, trainee.level, pygame.Rect(inner.x, name.bottom, inner.width,
                                                 inner.bottom - name.bottom),
             m.small, p.muted, False, "left", "center")
    if chosen and section_focused:
        focus_ring(ctx, surface, rect)
