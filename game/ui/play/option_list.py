"""The decision panel's option buttons: each as tall as its wrapped label needs.

At Extra large text in a 1024x600 window the options of a decision point do not all fit
the panel at the height their labels need. Squeezing them to one line each left every label
showing its first line beside a scroll bar, so a new player could not read what they were
choosing. Instead the options keep the height their labels need and, when they do not all
fit, the list shows as many whole buttons as fit with the focused one always among them
(moving the focus with Tab or the arrows brings the others into view) and a line saying how
many are above and below. The mouse wheel over the panel scrolls the list one option a
notch. Which buttons are shown is a pure function of the focus and the scene's one scroll
offset (`top`), so the drawing and the mouse hit-test agree.
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


def note_height(ctx: UiContext, width: int, above: int = 9, below: int = 9) -> int:
    """The note's height at the chosen text size (it may wrap; it never shrinks); by
    default for its longest form, else for the counts given."""
    font = ctx.theme.fonts.get(ctx.metrics.small, True)
    text = note_text(ctx, above, below)
    return ctx.cache.render(text, font, ctx.palette.text, max(1, width)).get_height()


def option_window(ctx: UiContext, area: pygame.Rect, buttons: list[Button],
                  focused: str | None, top: int = 0) -> OptionWindow:
    """The whole buttons that fit in `area`, from option `top` on, moved only as far as
    the focused one needs to be among them.

    `top` is where the list was scrolled to (0: it reads from the first option); the window
    moves as little as it can, so Tab walks down the list and the wheel scrolls it by one
    option a notch (`scrolled`) without the buttons jumping."""
    gap = ctx.metrics.gap
    heights = [b.rect.height for b in buttons]
    if _total(heights, gap) <= area.height:
        return OptionWindow(list(buttons), 0, 0, None)
    # The note as tall as its own words need: sized for its longest form (two lines in
    # German at Extra large) it cost the panel an option it had room for.
    note_h = note_height(ctx, area.width, 0, 9)
    while True:  # ends: the height only grows, up to the longest form's
        room = area.height - note_h - gap // 2
        first, last = _span(heights, gap, room, top, _index(buttons, focused, top))
        need = note_height(ctx, area.width, first, len(buttons) - 1 - last)
        if need <= note_h:
            break
        note_h = need
    shown, y = [], area.y
    for b in buttons[first:last + 1]:
        shown.append(replace(b, rect=pygame.Rect(area.x, y, area.width, b.rect.height)))
        y += b.rect.height + gap
    note = pygame.Rect(area.x, area.bottom - note_h, area.width, note_h)
    return OptionWindow(shown, first, len(buttons) - 1 - last, note)


def _index(buttons: list[Button], focused: str | None, top: int) -> int:
    """The focused option's place (the top of the window when nothing is focused)."""
    ids = [b.id for b in buttons]
    return ids.index(focused) if focused in ids else max(0, min(top, len(ids) - 1))


def _span(heights: list[int], gap: int, room: int, top: int, f: int) -> tuple[int, int]:
    """First and last option shown: from `top` (or the focus, when it is above), down as
    far as the focus needs, filled to `room`, and pulled up when the last option is shown
    with room to spare above it."""
    first = max(0, min(top, f))
    while first < f and _total(heights[first:f + 1], gap) > room:
        first += 1
    last = f
    while last + 1 < len(heights) and _total(heights[first:last + 2], gap) <= room:
        last += 1
    while last == len(heights) - 1 and first > 0 and \
            _total(heights[first - 1:last + 1], gap) <= room:
        first -= 1
    return first, last


def scrolled(ctx: UiContext, area: pygame.Rect, buttons: list[Button], focused: str | None,
             top: int, notches: int) -> tuple[int, str | None]:
    """The window's new top and focus after `notches` of the mouse wheel (positive: down).

    The list moves one option a notch as far as it goes; the focus stays where it was when
    it is still in view, else it moves to the nearest option shown (keys and wheel agree:
    the window always holds the focused option)."""
    window = option_window(ctx, area, buttons, focused, top)
    new_top = window.above
    for _ in range(abs(notches)):
        shown = option_window(ctx, area, buttons, None, new_top)
        if notches > 0 and shown.below:
            new_top += 1
        elif notches < 0 and shown.above:
            new_top -= 1
    shown = option_window(ctx, area, buttons, None, new_top)
    ids = [b.id for b in shown.shown]
    if focused in ids or not ids:
        return shown.above, focused
    return shown.above, ids[0] if notches > 0 else ids[-1]


def draw_note(ctx: UiContext, surface: pygame.Surface, window: OptionWindow) -> None:
    """Says how many options are out of view and how to reach them (never colour alone)."""
    if window.note is None:
        return
    ctx.text(surface, note_text(ctx, window.above, window.below), window.note,
             ctx.metrics.small, ctx.palette.focus, True)
