"""One option's row in the vote panel (pure geometry and words): where its key, label,
detail (count, or bar and count) and -/+ buttons go, and the words its count and marks say.
`vote_layout` stacks the rows; `vote_draw` draws them."""

from __future__ import annotations

from dataclasses import dataclass, replace

import pygame

from game.ui.shell.context import UiContext
from game.ui.workshop.presenters import VoteRowVM
from game.ui.workshop.vote import VoteDesk

COMPACT_PAD = 2
"""Row padding and spacing (px) when the usual would hide an option."""


@dataclass(frozen=True)
class RowParts:
    key: pygame.Rect
    label: pygame.Rect
    detail: pygame.Rect
    minus: pygame.Rect
    plus: pygame.Rect


def detail_height(ctx: UiContext, lines: int = 1, pad: int = -1) -> int:
    """The detail's height: its lines, and a little air unless the rows are compact."""
    return lines * ctx.line_height(ctx.metrics.small, True) + \
        (ctx.metrics.gap // 2 if pad < 0 else 0)


def row_pad(ctx: UiContext) -> int:
    return max(2, ctx.metrics.gap // 2)


def row_parts(ctx: UiContext, row: pygame.Rect, detail_lines: int = 1, inline: int = 0,
              pad: int = -1, signs: bool = True) -> RowParts:
    """Key at the left; the label over a detail (count, or bar and count: one line, or two
    when revealed at the largest sizes); -/+ at the right while the room votes. `inline`:
    the detail beside the label instead, in a strip that wide ending at the row's right."""
    m = ctx.metrics
    inner = row.inflate(-m.gap, -2 * (row_pad(ctx) if pad < 0 else pad))
    key_w = round(m.body * 1.5)
    side = min(inner.height, round(m.button_h * 0.9))
    plus = pygame.Rect(inner.right - side, inner.centery - side // 2, side, side)
    minus = plus.move(-(side + m.gap // 2), 0)
    if not signs:  # revealed: no -/+ buttons, the label and the bar run to the row's end
        plus = minus = pygame.Rect(inner.right, inner.centery, 0, 0)
    text_x = inner.x + key_w + m.gap // 2
    key = pygame.Rect(inner.x, inner.y, key_w, inner.height)
    if inline:
        label = pygame.Rect(text_x, inner.y, max(1, inner.right - inline - m.gap - text_x),
                            inner.height)
        detail = pygame.Rect(label.right + m.gap, inner.y,
                             max(1, minus.x - m.gap - label.right - m.gap), inner.height)
        return RowParts(key, label, detail, minus, plus)
    detail_h = min(detail_height(ctx, detail_lines, pad),
                   max(inner.height // 2, inner.height - ctx.line_height(m.small, True)))
    label = pygame.Rect(text_x, inner.y, minus.x - m.gap - text_x, inner.height - detail_h)
    detail = pygame.Rect(text_x, label.bottom, label.width, detail_h)
    return RowParts(key, label, detail, minus, plus)


def inline_width(ctx: UiContext, desk: VoteDesk, rows: tuple[VoteRowVM, ...] = ()) -> int:
    """The strip the detail needs beside a label: the widest count and the -/+ buttons
    while the room votes; once revealed the widest count and marks beside a bar at least
    three body widths long."""
    m = ctx.metrics
    font = ctx.theme.fonts.get(m.small, False)
    if desk.vm.revealed:
        bold = ctx.theme.fonts.get(m.small, True)
        widest = max((bold.size(bar_text(ctx, r))[0] for r in rows or desk.vm.rows),
                     default=0)
        return widest + 2 * m.gap + 3 * ctx.font_px(m.body)
    words = [ctx.t("hidden until R"), ctx.t("1 vote"), ctx.t("{n} votes", n=88)]
    side = round(m.button_h * 0.9)
    return max(font.size(w)[0] for w in words) + 2 * m.gap + 2 * side + m.gap // 2


def marks_text(ctx: UiContext, row: VoteRowVM) -> str:
    """"★ majority ▶ follow": the row's marks in words ("" for none)."""
    return " ".join(x for x, on in ((ctx.t("★ majority"), row.majority),
                                    (ctx.t("= tie"), row.tied),
                                    (ctx.t("▶ follow"), row.picked)) if on)


def bar_text(ctx: UiContext, row: VoteRowVM) -> str:
    """"5 votes · 62% ★ majority ▶ follow": the count and the marks in words (the count
    alone when the marks stand after the label)."""
    if row.marks_in_label:
        return row.count_text
    return f"{row.count_text} {marks_text(ctx, row)}".strip()


def rows_shown(ctx: UiContext, desk: VoteDesk, marks_in_label: bool
               ) -> tuple[VoteRowVM, ...]:
    """The rows as the panel shows them: with `marks_in_label`, each label followed by its
    marks ("Watch: ... ★ majority ▶ follow") and the bar's text the count alone."""
    if not marks_in_label:
        return desk.vm.rows
    return tuple(replace(r, label=f"{r.label}  {marks_text(ctx, r)}".rstrip(),
                         marks_in_label=True) for r in desk.vm.rows)


def bar_area(ctx: UiContext, box: pygame.Rect, detail_lines: int = 1, inline: int = 0,
             pad: int = -1, signs: bool = True) -> pygame.Rect:
    parts = row_parts(ctx, box, detail_lines, inline, pad, signs)
    return pygame.Rect(parts.detail.x, parts.detail.y, parts.plus.right - parts.detail.x,
                       parts.detail.height)
