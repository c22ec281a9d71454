"""A consequence card in two columns: which parts go where, measured, and drawing them.

A card ("What happened" after a choice) says what was done and what followed, each part a
small heading over its text at body size. It covers two columns: the wide left one and a
right one that ends in the card's Continue button. By default the left holds the leading
parts (what you did, what the trainee did) and the right the rest. At Extra large the left
ran out while the right stood half empty, so the plan is measured: the first leading part
moves to the top of the right column when the left would scroll and the right has room;
an optional hint gives way before anything scrolls. Only when no plan fits does a part
scroll: the left column's, which is always several lines tall.

Shared by the play screen's card (`game.ui.play.consequence_layout`) and the workshop's
(`game.ui.workshop.consequence_card`).
"""

from __future__ import annotations

from dataclasses import dataclass

import pygame

from game.ui.kit.common import text_height
from game.ui.shell.context import UiContext

Part = tuple[str, str, str]
"""(heading, text, palette colour name) of one part of the card."""


@dataclass(frozen=True)
class CardPlan:
    moved: int
    """How many of the leading parts sit at the top of the right column instead of the
    left."""
    hint: bool
    """Whether the right column shows the hint."""
    left_over: int
    """Pixels the left column's parts need beyond its height (0: nothing scrolls)."""
    right_over: int
    """The same for the right column."""


def part_need(ctx: UiContext, part: Part, width: int) -> int:
    """Height of a part's small heading over its text, and the gap below it."""
    heading, text, _ = part
    m = ctx.metrics
    return (text_height(ctx, heading, m.small, width, True) + text_height(ctx, text, m.body, width)
            + m.gap)


def plan_columns(left_h: int, right_h: int, left_needs: list[int], right_needs: list[int],
                 right_fixed: int, hint: int | None, gap: int) -> CardPlan:
    """The first plan in which nothing scrolls, in order of preference (none moved; the
    first leading part moved; the same without the hint); when none fits, the plan whose
    right column fits with the least left to scroll on the left.

    `left_needs` and `right_needs`: the leading parts' needs (`part_need`) at the left and
    the right column's width; `right_fixed`: what the right column holds in any plan;
    `hint`: the hint's height, None when the card has none."""
    plans = []
    for with_hint in ((True, False) if hint is not None else (False,)):
        for moved in range(max(1, len(left_needs))):
            left_need = sum(left_needs[moved:]) - gap
            right_need = sum(right_needs[:moved]) + right_fixed + \
                ((hint or 0) if with_hint else -gap)
            plans.append(CardPlan(moved, with_hint, max(0, left_need - left_h),
                                  max(0, right_need - right_h)))
    fitting = [p for p in plans if not p.left_over and not p.right_over]
    if fitting:
        return fitting[0]
    right_fits = [p for p in plans if not p.right_over]
    if right_fits:
        return min(right_fits, key=lambda p: p.left_over)
    return min(plans, key=lambda p: (p.right_over, p.left_over))


def draw_parts(ctx: UiContext, surface: pygame.Surface, box: pygame.Rect,
               parts: list[Part]) -> int:
    """Each part's small heading over its text, top down; returns the y below the last.
    A part too long for what is left of `box` scrolls there."""
    m, p = ctx.metrics, ctx.palette
    y = box.y
    for heading, text, colour in parts:
        # measured, not one line: German headings wrap at the largest text
        head = pygame.Rect(box.x, y, box.width, text_height(ctx, heading, m.small, box.width,
                                                            True))
        ctx.text(surface, heading, head, m.small, p.muted, True)
        h = text_height(ctx, text, m.body, box.width)
        body = pygame.Rect(box.x, head.bottom, box.width, min(h, box.bottom - head.bottom))
        ctx.text(surface, text, body, m.body, getattr(p, colour))
        y = body.bottom + m.gap
    return y


def scrolled_in(ctx: UiContext, area: pygame.Rect) -> list[pygame.Rect]:
    """The boxes inside `area` whose text scrolled in the last drawn frame."""
    return [r.box for r in ctx.scrolls.regions.values() if area.contains(r.box)]


def scroll_in(ctx: UiContext, area: pygame.Rect, rows: int) -> bool:
    """Scroll the tallest scrolling box inside `area` by `rows` lines, as the wheel does over
    it, so a keyboard can read all of a card; False when nothing there scrolls."""
    boxes = scrolled_in(ctx, area)
    if not boxes:
        return False
    return ctx.scrolls.wheel(max(boxes, key=lambda b: b.height).center, rows)
