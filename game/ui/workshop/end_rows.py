"""The end screen's decision rows: each row's shortest form, and the page of rows shown.

A row says what the room chose at one decision beside the optimal choice. Its form (the cue
in the left column or across the row, and the left column's share) is the one that makes it
shortest, found by measuring two forms at nine splits; the page is the rows from the first
shown that fit whole. The screen stands still while the room discusses it, yet all this was
measured again in every frame (about 2 ms at 1280x720, `bench/bench_workshop_end.py`): a
`PageMemo` now keeps each page, with its rows' rectangles and forms, per window size, text
size, language, rows and first row.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Hashable
from dataclasses import dataclass

import pygame

from game.ui.kit.common import text_height
from game.ui.kit.layout import split_x, stack
from game.ui.kit.panels import tone_colour
from game.ui.shell.context import UiContext
from game.ui.workshop.presenters import EndRowVM

Line = tuple[str, tuple[int, int, int], bool, int]
"""A text of a row: (text, colour, bold, size)."""


@dataclass(frozen=True)
class RowTexts:
    """One decision's row: the left column's texts and the right column's; the verdict is
    the one in the larger size. `top`: texts across the whole row above the columns (the
    cue, in the form where that makes the row shorter)."""

    left: tuple[Line, ...]
    right: tuple[Line, ...]
    top: tuple[Line, ...] = ()


def row_texts(ctx: UiContext, row: EndRowVM, cue_on_top: bool = False, total: int = 0
              ) -> RowTexts:
    """`total`: the row is alone on its page, so it says "Decision 2 of 3" itself (the line
    under the rows that said so gave its room to the outcome box)."""
    p, m, t = ctx.palette, ctx.metrics, ctx.t
    label = t("Decision {a} of {n}", a=row.number, n=total) + " · " + row.cue if total \
        else t("Decision {n} · {cue}", n=row.number, cue=row.cue)
    cue = (label, p.muted, False, m.small)
    left = ((row.counts_text, p.text, False, m.small),
            (row.weights_text, p.muted, False, m.small))
    right = ((ctx.t("Majority: {a}\nFollowed: {b}", a=row.majority, b=row.followed), p.text,
              False, m.small), (row.verdict, tone_colour(ctx, row.tone), True, m.body))
    return RowTexts(left, right, (cue,)) if cue_on_top else RowTexts((cue, *left), right)


SPLITS = (0.38, 0.42, 0.46, 0.5, 0.54, 0.58, 0.62, 0.66)
"""The left column's share of a decision row, tried in turn (with the cue in the left
column, then across the row): the form that makes the row shortest wins (at Extra large the
counts ran down nine lines of the left column beside a half-empty right one, and the row
took the room of the outcome and attitude boxes)."""


def _parts(ctx: UiContext, rect: pygame.Rect, texts: RowTexts, split: float
           ) -> tuple[pygame.Rect, pygame.Rect, pygame.Rect]:
    """The row's full-width top (the cue, or nothing) and its two columns under it."""
    m = ctx.metrics
    inner = rect.inflate(-2 * m.gap, -2 * m.gap)
    top_h = sum(_heights(ctx, texts.top, inner.width))
    columns = pygame.Rect(inner.x, inner.y + top_h, inner.width, inner.height - top_h)
    left, right = split_x(columns, split, m.pad)
    return pygame.Rect(inner.x, inner.y, inner.width, top_h), left, right


def _heights(ctx: UiContext, texts: tuple[Line, ...], width: int) -> list[int]:
    return [text_height(ctx, text, size, width, bold) for text, _colour, bold, size in texts]


def _need(ctx: UiContext, texts: RowTexts, width: int, split: float) -> int:
    top, left, right = _parts(ctx, pygame.Rect(0, 0, width, 100), texts, split)
    return top.height + max(sum(_heights(ctx, texts.left, left.width)),
                            sum(_heights(ctx, texts.right, right.width))) + \
        2 * ctx.metrics.gap


def row_form(ctx: UiContext, row: EndRowVM, width: int, total: int = 0
             ) -> tuple[RowTexts, float]:
    """The texts and the left column's share that make the row `width` wide shortest (the
    first such: the usual form, cue in the left column at 46%, where nothing is shorter)."""
    best: tuple[int, RowTexts, float] | None = None
    for cue_on_top in (False, True):
        texts = row_texts(ctx, row, cue_on_top, total)
        for split in (0.46, *SPLITS):
            need = _need(ctx, texts, width, split)
            if best is None or need < best[0]:
                best = (need, texts, split)
    assert best is not None
    return best[1], best[2]


def row_height(ctx: UiContext, row: EndRowVM, width: int, total: int = 0) -> int:
    """What a row `width` wide needs to show all its words (in its shortest form)."""
    texts, split = row_form(ctx, row, width, total)
    return _need(ctx, texts, width, split)


def rows_per_page(ctx: UiContext, area: pygame.Rect, rows: tuple[EndRowVM, ...] = (),
                  offset: int = 0) -> int:
    """How many rows from `offset` fit whole (at least one); when they do not all fit, a
    line is left for the marks ("Decisions 1-2 of 5"), unless only one fits (that row says
    "Decision 2 of 5" itself)."""
    gap = ctx.metrics.gap
    heights = [row_height(ctx, row, area.width) + gap for row in rows]
    if offset == 0 and sum(heights) <= area.height + gap:
        return max(1, len(rows))
    room, count = area.height - ctx.line_height(ctx.metrics.small) + gap, 0
    for h in heights[offset:]:
        room -= h
        if room < 0:
            break
        count += 1
    return max(1, count)


@dataclass(frozen=True)
class ShownRow:
    """A row on the page: where it goes, its form, and where each of its texts goes."""

    row: EndRowVM
    rect: pygame.Rect
    lines: tuple[tuple[Line, pygame.Rect], ...]


@dataclass(frozen=True)
class EndPage:
    """The page of rows from `offset`: `per_page` rows, each whole; `alone`: the total
    when one row is alone on a page of several (it says "Decision 2 of 3" itself);
    `marks`: where "Decisions 1-2 of 5 · Up/Down for the others" goes (None: no line)."""

    per_page: int
    shown: tuple[ShownRow, ...]
    alone: int
    marks: pygame.Rect | None


def end_page(ctx: UiContext, area: pygame.Rect, rows: tuple[EndRowVM, ...], offset: int
             ) -> EndPage:
    """The page of `rows` from `offset` in the rows' `area`, measured."""
    gap = ctx.metrics.gap
    per_page = rows_per_page(ctx, area, rows, offset)
    shown = rows[offset:offset + per_page]
    alone = len(rows) if len(shown) == 1 < len(rows) else 0  # "Decision 2 of 3 · cue"
    marks_h = ctx.line_height(ctx.metrics.small) + gap \
        if len(rows) > len(shown) and not alone else 0
    heights = [min(area.height - marks_h, row_height(ctx, row, area.width, alone))
               for row in shown]
    placed = tuple(ShownRow(row, rect, _row_lines(ctx, row, rect, alone))
                   for row, rect in zip(shown, stack(area, heights, gap)))
    h = ctx.line_height(ctx.metrics.small)
    marks = pygame.Rect(area.x, area.bottom - h, area.width, h) if marks_h else None
    return EndPage(per_page, placed, alone, marks)


def _row_lines(ctx: UiContext, row: EndRowVM, rect: pygame.Rect, total: int
               ) -> tuple[tuple[Line, pygame.Rect], ...]:
    """Each text of a row `rect` in its shortest form, with its box (clipped to its column:
    a row taller than the page, at the largest text, scrolls there)."""
    texts, split = row_form(ctx, row, rect.width, total)
    top, left, right = _parts(ctx, rect, texts, split)
    placed = []
    for column, lines in ((top, texts.top), (left, texts.left), (right, texts.right)):
        boxes = stack(column, _heights(ctx, lines, column.width), 0)
        placed += [(line, box.clip(column)) for line, box in zip(lines, boxes)]
    return tuple(placed)


class PageMemo:
    """The end screen's pages, measured once per window size, text size, language, rows
    area, rows and first row (the few a screen visits, newest kept). A new theme or
    translator (the settings changed) measures again."""

    SIZE = 8

    def __init__(self) -> None:
        self._held: OrderedDict[Hashable, tuple[object, object, EndPage]] = OrderedDict()

    def page(self, ctx: UiContext, area: pygame.Rect, rows: tuple[EndRowVM, ...],
             offset: int) -> EndPage:
        key = (ctx.size, ctx.metrics, ctx.palette, ctx.theme.fonts.scale,
               getattr(ctx.t, "language", ""), tuple(area), rows, offset)
        held = self._held.get(key)
        if held is None or held[0] is not ctx.theme.fonts or held[1] is not ctx.t:
            held = (ctx.theme.fonts, ctx.t, end_page(ctx, area, rows, offset))
            self._held[key] = held
            if len(self._held) > self.SIZE:
                self._held.popitem(last=False)
        else:
            self._held.move_to_end(key)
        return held[2]

    def clear(self) -> None:
        self._held.clear()

    def __len__(self) -> int:
        return len(self._held)
