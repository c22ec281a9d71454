"""The vote desk's three buttons (hot seat, reveal, follow): their words, their widths at
the projector's sizes and where they go. Kept apart from the rows' layout (`vote_layout`),
which places them under the rows."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pygame

from game.ui.kit.button import Button, button_need
from game.ui.shell.context import UiContext
from game.ui.workshop.vote import VoteDesk

if TYPE_CHECKING:
    from game.ui.workshop.vote_layout import VoteRegions


def vote_buttons(ctx: UiContext, regions: VoteRegions | None, desk: VoteDesk
                 ) -> list[Button]:
    """The three buttons (`regions` None: their words only, for measuring)."""
    t = ctx.t
    hot = t("Hot seat: on") if desk.hot_seat else t("Hot seat: off")
    reveal = t("Hide votes") if desk.revealed else t("Reveal")
    specs = [("hot_seat", hot, "H"), ("reveal", reveal, "R"),
             ("follow", desk.vm.action, "Enter")]
    rects = regions.buttons if regions is not None else [pygame.Rect(0, 0, 0, 0)] * 3
    return [Button(i, label, rect, key, selected=(i == "hot_seat" and desk.hot_seat))
            for (i, label, key), rect in zip(specs, rects)]


def button_widths(ctx: UiContext, width: int, desk: VoteDesk) -> tuple[int, list[int]]:
    """Hot seat and reveal as wide as their longest label, the follow button the rest; at
    body size if all three labels fit in one line so, else at small (else each its longest
    word and shares of the rest by need, and the buttons grow taller for their wrapped
    words)."""
    m = ctx.metrics
    labels = [b.label for b in vote_buttons(ctx, None, desk)]
    longest = [(ctx.t("Hot seat: on"), ctx.t("Hot seat: off")),
               (ctx.t("Hide votes"), ctx.t("Reveal")), (labels[2],)]
    size, widths = m.small, [0, 0, 0]
    for size in (m.body, m.small):
        font = ctx.theme.fonts.get(size, True)
        widths = [max(round(size * 1.6), font.size(key)[0] + 8) + 3 * m.gap + m.gap // 2 +
                  max(font.size(label)[0] for label in words)
                  for key, words in zip(("H", "R", "Enter"), longest)]
        if sum(widths) + 2 * m.gap <= width:
            break
    if sum(widths) + 2 * m.gap > width:  # not even at small: shares by need (words wrap)
        font = ctx.theme.fonts.get(size, True)  # ... but never inside a word ("Aufdeck-en")
        least = [max(round(size * 1.6), font.size(key)[0] + 8) + 3 * m.gap + m.gap // 2 +
                 max(font.size(word)[0] for label in words for word in label.split())
                 for key, words in zip(("H", "R", "Enter"), longest)]
        spare = width - 2 * m.gap - sum(least)
        extra = [w - low for w, low in zip(widths, least)]
        if spare < 0:  # two rows: hot seat and reveal, then the follow button
            half = (width - m.gap) // 2
            return size, [half, width - half - m.gap, width]
        widths = [low + spare * more // max(1, sum(extra)) for low, more in zip(least, extra)]
    widths[2] = width - widths[0] - widths[1] - 2 * m.gap
    return size, widths


def two_rows(widths: list[int]) -> bool:
    """The follow button has a row of its own (see `button_widths`)."""
    return widths[2] > widths[0] + widths[1]


def buttons_height(ctx: UiContext, desk: VoteDesk, widths: list[int], size: int) -> int:
    """The tallest need of the three buttons' words (every variant: on/off, reveal/hide)."""
    t = ctx.t
    words = [(t("Hot seat: on"), t("Hot seat: off")), (t("Hide votes"), t("Reveal")),
             (vote_buttons(ctx, None, desk)[2].label,)]
    need = max(button_need(ctx, label, w, key, size=size)
               for w, key, labels in zip(widths, ("H", "R", "Enter"), words) for label in labels)
    return 2 * need + ctx.metrics.gap // 2 if two_rows(widths) else need


def button_rects(area: pygame.Rect, widths: list[int], gap: int) -> list[pygame.Rect]:
    if two_rows(widths):
        h = (area.height - gap // 2) // 2
        return [pygame.Rect(area.x, area.y, widths[0], h),
                pygame.Rect(area.right - widths[1], area.y, widths[1], h),
                pygame.Rect(area.x, area.bottom - h, widths[2], h)]
    rects, x = [], area.x
    for w in widths:
        rects.append(pygame.Rect(x, area.y, w, area.height))
        x += w + gap
    return rects
