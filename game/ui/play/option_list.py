"""The decision panel's option buttons: each as tall as its wrapped label needs.

At Extra large text in a 1024x600 window the options of a decision point do not all fit
the panel at the height their labels need. Squeezing them to one line each left every label
showing its first line beside a scroll bar, so a new player could not read what they were
choosing. Instead the options keep the height their labels need and, when they do not all
fit, the list shows as many whole buttons as fit with the focused one always among them
(moving the focus with Tab or the arrows brings the others into view) and a line saying how
many are above and below. Which buttons are shown is a pure function of the focus, so the
drawing and the mouse hit-test agree without the scene keeping a scroll offset.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

import pygame

from game.ui.kit.button import Button, button_need
from game.ui.kit.layout import stack
from game.ui.play.presenters import OptionVM
from game.ui.shell.context import UiContext


@dataclass(frozen=True)
class OptionWindow:
    """The option buttons shown now (moved into place) and how many are out of view."""

    shown: list[Button]
    above: int
    below: int
    note: pygame.Rect | None
    """Where the "more options" line goes; None when every option is shown."""


def _total(heights: list[int], gap: int) -> int:
    return sum(heights) + gap * max(0, len(heights) - 1)


def option_buttons(ctx: UiContext, area: pygame.Rect, options: list[OptionVM]) -> list[Button]:
    """Every option as a button stacked from the top of `area`, as tall as its label needs.

    When they all fit they share one height (the tallest need, or the roomier standard of
    two lines when that fits too); otherwise each keeps its own need and the column runs
    past `area`, to be windowed by `option_window`."""
    m = ctx.metrics
    tallest = max(area.height, m.button_h)  # taller, a label scrolls inside its button
    needs = [min(tallest, button_need(ctx, o.label, area.width, str(o.key), o.tone))
             for o in options]
    if not needs:
        return []
    roomy = max(m.button_h, ctx.line_height(m.body) * 2 + m.gap * 2)
    heights = needs
    for uniform in (max(roomy, *needs), max(needs)):
        if _total([uniform] * len(needs), m.gap) <= area.height:
            heights = [uniform] * len(needs)
            break
    return [Button(o.id, o.label, r, str(o.key), tone=o.tone)
            for o, r in zip(options, stack(area, heights, m.gap))]


def options_fit(ctx: UiContext, area: pygame.Rect, options: list[OptionVM]) -> bool:
    """Whether every option fits `area` at the height its label needs."""
    buttons = option_buttons(ctx, area, options)
    return not buttons or buttons[-1].rect.bottom <= area.bottom


def note_text(ctx: UiContext, above: int, below: int) -> str:
    """How many options are out of view, and how to reach them."""
    if above and below:
        return "▲ ▼ " + ctx.t("{above} more above, {below} more below (Tab or arrows)",
                              above=above, below=below)
    if above:
        return "▲ " + ctx.t("{n} more above (Tab or arrows)", n=above)
    return "▼ " + ctx.t("{n} more below (Tab or arrows)", n=below)


def note_height(ctx: UiContext, width: int) -> int:
    """The note's height at the chosen text size (it may wrap; it never shrinks)."""
    font = ctx.theme.fonts.get(ctx.metrics.small, True)
    widest = note_text(ctx, 9, 9)
    return ctx.cache.render(widest, font, ctx.palette.text, max(1, width)).get_height()


def option_window(ctx: UiContext, area: pygame.Rect, buttons: list[Button],
                  focused: str | None) -> OptionWindow:
    """The whole buttons that fit in `area` with the focused one among them.

    The window starts at the first option and moves down only as far as the focused option
    needs, so the list reads from the top whenever it can."""
    gap = ctx.metrics.gap
    heights = [b.rect.height for b in buttons]
    if _total(heights, gap) <= area.height:
        return OptionWindow(list(buttons), 0, 0, None)
    note_h = note_height(ctx, area.width)
    room = area.height - note_h - gap // 2
    ids = [b.id for b in buttons]
    f = ids.index(focused) if focused in ids else 0
    first = 0
    while first < f and _total(heights[first:f + 1], gap) > room:
        first += 1
    last = f
    while last + 1 < len(buttons) and _total(heights[first:last + 2], gap) <= room:
        last += 1
    shown, y = [], area.y
    for b in buttons[first:last + 1]:
        shown.append(replace(b, rect=pygame.Rect(area.x, y, area.width, b.rect.height)))
        y += b.rect.height + gap
    note = pygame.Rect(area.x, area.bottom - note_h, area.width, note_h)
    return OptionWindow(shown, first, len(buttons) - 1 - last, note)


def draw_note(ctx: UiContext, surface: pygame.Surface, window: OptionWindow) -> None:
    """Says how many options are out of view and how to reach them (never colour alone)."""
    if window.note is None:
        return
    ctx.text(surface, note_text(ctx, window.above, window.below), window.note,
             ctx.metrics.small, ctx.palette.focus, True)
