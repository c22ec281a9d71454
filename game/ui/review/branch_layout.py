"""Where the branch chooser's and the comparison's parts go: every text as tall as its words.

The chooser: heading, cue, the moment button (when in the window the other choice is made),
the option buttons and the hint. The comparison: a column per run whose path of decisions
is the one text that may scroll (in a box at least three lines tall).
"""

from __future__ import annotations

from dataclasses import dataclass

import pygame
from pygame import Rect

from game.ui.kit.button import button_need
from game.ui.kit.common import text_height
from game.ui.kit.layout import centred, stack
from game.ui.kit.panels import panel, tone_colour
from game.ui.review.decision_panel import allot, draw_heading, scroll_floor
from game.ui.review.presenters import RunColumnVM, source_text
from game.ui.shell.context import UiContext


@dataclass(frozen=True)
class ChooserLayout:
    box: Rect
    head: Rect
    cue: Rect
    rows: list[Rect]
    hint: Rect
    moment: Rect
    """The moment button (empty when there is none)."""


def chooser_layout(ctx: UiContext, heading: str, cue: str, hint: str, labels: list[str],
                   moment: str = "", moment_key: str = "← →") -> ChooserLayout:
    """Heading, the moment button, hint and every option button as tall as their words need
    (the option buttons one size, in two columns when one leaves the cue less than three
    lines); the cue gets the rest and scrolls only in a box three lines tall. When buttons of
    one size do not fit the window, each row is only as tall as its tallest button: at the
    model's best moment two options may need a second line to say their moment was pulled
    back, and five buttons of two lines ran off 1024x600 at Extra large."""
    m, h = ctx.metrics, ctx.size[1]
    big = ctx.theme.fonts.scale > 1.0  # large text: nearly the whole window, fewer lines
    box = centred(ctx.size, 0.94 if big else 0.7, 0.98 if big else 0.92)
    inner = box.inflate(-2 * m.pad, -2 * m.pad)
    head_h = text_height(ctx, heading, m.heading, inner.width, True)
    hint_h = text_height(ctx, hint, m.small, inner.width)
    moment_h = button_need(ctx, moment, inner.width, moment_key) if moment else 0
    fixed = head_h + hint_h + moment_h + 4 * m.gap
    cue_need = text_height(ctx, cue, m.body, inner.width)
    for columns, one_size in ((1, True), (1, False), (2, True), (2, False)):
        col_w = (inner.width - (columns - 1) * m.gap) // columns
        count = -(-len(labels) // columns)
        row_hs = row_heights(ctx, labels, col_w, count, one_size)
        rows_h = sum(row_hs) + (count - 1) * (m.gap // 2)
        cue_h = max(ctx.line_height(m.body), min(cue_need, inner.height - fixed - rows_h))
        if cue_h >= scroll_floor(ctx, m.body, cue_need) and \
                fixed + cue_h + rows_h <= inner.height:
            break
    used = fixed + cue_h + rows_h
    box = Rect(box.x, max(0, (h - used - 2 * m.pad) // 2), box.width, used + 2 * m.pad)
    inner = box.inflate(-2 * m.pad, -2 * m.pad)
    head, cue_box, moment_box, area, hint_box = stack(
        inner, [head_h, cue_h, moment_h, rows_h, hint_h], m.gap)
    tops = [area.y + sum(row_hs[:r]) + r * (m.gap // 2) for r in range(count)]
    rows = [Rect(area.x + (i // count) * (col_w + m.gap), tops[i % count], col_w,
                 row_hs[i % count]) for i in range(len(labels))]
    return ChooserLayout(box, head, cue_box, rows, hint_box, moment_box)


def row_heights(ctx: UiContext, labels: list[str], width: int, count: int,
                one_size: bool) -> list[int]:
    """The height of each of `count` rows of option buttons `width` wide, filled column by
    column (button i in row i % count): the tallest button of the row, or of all rows."""
    heights = [0] * count
    for i, label in enumerate(labels):
        heights[i % count] = max(heights[i % count], button_need(ctx, label, width, str(i + 1)))
    return [max(heights)] * count if one_size else heights


def column_parts(ctx: UiContext, vm: RunColumnVM,
                 merged: bool = False) -> list[tuple[str, int, bool, str]]:
    """(text, size, bold, colour name) of a run's column under its heading: the ending,
    the figures, the path's label, then the path with the run's note (when and how the
    branch's choice was made) and what became of patient and trainee (the one long text,
    which may scroll). `merged`: the figures, label and path as one text that scrolls, for a
    column too short to give the figures their lines and the path three (German at Extra
    large in 1024x600 ran the path past the column's frame)."""
    m, t = ctx.metrics, ctx.t
    rows = "\n".join([f"{'≠ ' if r.differs else ''}{r.text} · {source_text(r.source, t)}"
                      for r in vm.path] or [t("No decision point was reached.")])
    path = "\n\n".join(x for x in (rows, vm.note, vm.ending) if x)
    figures = f"{vm.learning}\n{vm.harm}\n{vm.regret}"
    label = t("PATH OF DECISIONS (≠ differs from the other run)")
    if merged:
        return [(vm.title, m.body, True, "text"),
                (f"{figures}\n\n{label}\n{path}", m.body, False, "text")]
    return [(vm.title, m.body, True, "text"), (figures, m.body, False, "text"),
            (label, m.small, True, "accent"), (path, m.body, False, "text")]


def column_boxes(ctx: UiContext, vm: RunColumnVM,
                 rest: Rect) -> list[tuple[tuple[str, int, bool, str], Rect]]:
    """Each part with its box in `rest` (under the heading): each whole or scrolling in
    three lines, the parts merged when they would otherwise run out of the column."""
    gap = ctx.metrics.gap // 2
    for merged in (False, True):
        parts = column_parts(ctx, vm, merged)
        needs = [text_height(ctx, text, size, rest.width, bold) for text, size, bold, _ in parts]
        floors = [scroll_floor(ctx, size, need) for (_, size, _, _), need in zip(parts, needs)]
        if sum(floors) + gap * (len(parts) - 1) <= rest.height:
            break
    return list(zip(parts, stack(rest, allot(rest.height, needs, floors, gap), gap)))


def draw_column(ctx: UiContext, surface: pygame.Surface, rect: Rect, vm: RunColumnVM) -> None:
    """A run: heading with its safety badge, then its parts, each as tall as its words (the
    path scrolls when it is longer than the room, in a box at least three lines tall)."""
    m, p = ctx.metrics, ctx.palette
    panel(ctx, surface, rect, border=tone_colour(ctx, vm.tone))
    inner = rect.inflate(-2 * m.gap, -2 * m.gap)
    rest = draw_heading(ctx, surface, inner, vm.heading, vm.tone, vm.word)
    for (text, size, bold, colour), box in column_boxes(ctx, vm, rest):
        ctx.text(surface, text, box, size, getattr(p, colour), bold)
