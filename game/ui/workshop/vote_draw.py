"""Drawing the vote desk (read-only): one row per option, then the bar chart after the reveal.

Each row shows the option's number and label over a detail line: the count with -/+ buttons
while the room votes ("hidden until R" in hot seat), a bar with count and percentage once
revealed. The majority and the option the story will follow are marked in words and symbols
(★ majority, ▶ follow), never by colour alone. The same rectangles serve drawing and clicks.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

import pygame

from game.ui.kit.button import Button, draw_buttons
from game.ui.kit.layout import stack
from game.ui.kit.panels import focus_ring, panel
from game.ui.shell.context import UiContext
from game.ui.workshop.presenters import VoteRowVM
from game.ui.workshop.room_presenters import RoomVoteVM
from game.ui.workshop.view import bar
from game.ui.workshop.vote import VoteDesk


@dataclass(frozen=True)
class VoteRegions:
    heading: pygame.Rect
    status: pygame.Rect
    rows: list[pygame.Rect]
    buttons: list[pygame.Rect]


@dataclass(frozen=True)
class RowParts:
    key: pygame.Rect
    label: pygame.Rect
    detail: pygame.Rect
    minus: pygame.Rect
    plus: pygame.Rect


def vote_regions(ctx: UiContext, rect: pygame.Rect, n: int) -> VoteRegions:
    m = ctx.metrics
    inner = rect.inflate(-2 * m.gap, -2 * m.gap)
    heading_h = ctx.line_height(m.heading, True)
    status_h = ctx.line_height(m.small) * 2
    buttons_h = m.button_h
    rows_h = inner.height - heading_h - status_h - buttons_h - 3 * m.gap
    heading, status, rows, buttons = stack(inner, [heading_h, status_h, rows_h, buttons_h],
                                           m.gap)
    row_max = ctx.line_height(m.body) + ctx.line_height(m.small) + 2 * m.gap
    row_h = min(row_max, (rows.height - (n - 1) * (m.gap // 2)) // max(1, n))
    row_rects = stack(rows, [row_h] * n, m.gap // 2)
    bw = (buttons.width - 2 * m.gap) * 3 // 10  # the follow button gets the rest (its label)
    button_rects = [pygame.Rect(buttons.x + i * (bw + m.gap), buttons.y, bw, buttons.height)
                    for i in range(2)]
    x = button_rects[1].right + m.gap
    button_rects.append(pygame.Rect(x, buttons.y, buttons.right - x, buttons.height))
    return VoteRegions(heading, status, row_rects, button_rects)


def row_parts(ctx: UiContext, row: pygame.Rect) -> RowParts:
    m = ctx.metrics
    inner = row.inflate(-m.gap, -max(2, m.gap // 2))
    key_w = round(m.body * 1.5)
    side = min(inner.height, round(m.button_h * 0.9))
    plus = pygame.Rect(inner.right - side, inner.centery - side // 2, side, side)
    minus = plus.move(-(side + m.gap // 2), 0)
    text_x = inner.x + key_w + m.gap // 2
    label_h = inner.height * 55 // 100
    label = pygame.Rect(text_x, inner.y, minus.x - m.gap - text_x, label_h)
    detail = pygame.Rect(text_x, label.bottom, label.width, inner.bottom - label.bottom)
    return RowParts(pygame.Rect(inner.x, inner.y, key_w, inner.height), label, detail, minus,
                    plus)


def vote_buttons(ctx: UiContext, regions: VoteRegions, desk: VoteDesk) -> list[Button]:
    t = ctx.t
    hot = t("Hot seat: on") if desk.hot_seat else t("Hot seat: off")
    reveal = t("Hide votes") if desk.revealed else t("Reveal")
    specs = [("hot_seat", hot, "H"), ("reveal", reveal, "R"),
             ("follow", desk.vm.action, "Enter")]
    return [Button(i, label, rect, key, selected=(i == "hot_seat" and desk.hot_seat))
            for (i, label, key), rect in zip(specs, regions.buttons)]


def vote_targets(ctx: UiContext, regions: VoteRegions, desk: VoteDesk) -> dict[str, pygame.Rect]:
    """Click targets: -/+ before the reveal, then whole rows (pick), then the three buttons."""
    targets: dict[str, pygame.Rect] = {}
    for option, row in zip(desk.options, regions.rows):
        if not desk.revealed:
            parts = row_parts(ctx, row)
            targets[f"minus:{option}"] = parts.minus
            targets[f"plus:{option}"] = parts.plus
        targets[option] = row
    targets.update(zip(("hot_seat", "reveal", "follow"), regions.buttons))
    return targets


def draw_vote(ctx: UiContext, surface: pygame.Surface, rect: pygame.Rect, desk: VoteDesk,
              room: RoomVoteVM | None = None) -> None:
    """`room`: phones are voting, so before the reveal the panel says only how many have
    voted ("14 of 19 have voted"), never for what."""
    m, p, vm = ctx.metrics, ctx.palette, desk.vm
    panel(ctx, surface, rect, border=p.warn)
    regions = vote_regions(ctx, rect, len(vm.rows))
    heading = ctx.t("The room's vote · {n} so far", n=vm.total) if not vm.revealed else \
        ctx.t("The room's vote · {n} in all", n=vm.total)
    if room is not None and not vm.revealed:
        heading = room.heading
    ctx.text(surface, heading, regions.heading, m.heading, p.warn, True, "left", "center")
    # The flash answers the last key and replaces the standing prompt while it shows, so the
    # two sentences never run together ("...first Count the hands...").
    status = desk.flash or vm.status
    if room is not None and not vm.revealed:
        status = " · ".join(x for x in (room.detail, room.join_line) if x)
    ctx.text(surface, status, regions.status, m.small, p.text)
    hidden = room is not None and not vm.revealed
    for row, box in zip(vm.rows, regions.rows):
        if hidden:
            row = replace(row, count_text=ctx.t("hidden until R"))
        _draw_row(ctx, surface, row, box, vm.revealed, desk.focus.current == row.id)
    draw_buttons(ctx, surface, vote_buttons(ctx, regions, desk), desk.focus.current, m.body)


def _draw_row(ctx: UiContext, surface: pygame.Surface, row: VoteRowVM, box: pygame.Rect,
              revealed: bool, focused: bool) -> None:
    m, p = ctx.metrics, ctx.palette
    panel(ctx, surface, box, p.panel_alt if row.picked else p.panel,
          p.focus if row.picked else None)
    parts = row_parts(ctx, box)
    ctx.text(surface, str(row.key), parts.key, m.body, p.accent, True, "center", "center")
    floor = max(11, round(m.small / ctx.theme.fonts.scale))  # x-large text may shrink back
    ctx.text(surface, row.label, parts.label, m.body, p.text, row.picked, "left", "center",
             min_size=floor, truncate=True)
    if revealed:
        _draw_bar(ctx, surface, row, pygame.Rect(parts.detail.x, parts.detail.y,
                                                 parts.plus.right - parts.detail.x,
                                                 parts.detail.height))
    else:
        ctx.text(surface, row.count_text, parts.detail, m.small, p.muted, False, "left",
                 "center")
        for rect, sign in ((parts.minus, "−"), (parts.plus, "+")):
            panel(ctx, surface, rect, p.panel_alt, p.muted)
            ctx.text(surface, sign, rect, m.body, p.text, True, "center", "center")
    if focused:
        focus_ring(ctx, surface, box)


def _draw_bar(ctx: UiContext, surface: pygame.Surface, row: VoteRowVM,
              area: pygame.Rect) -> None:
    """One bar of the chart: every row's track has the same width and runs from zero to all
    the votes, so equal counts draw equal bars (a tie looks like one)."""
    m, p = ctx.metrics, ctx.palette
    marks = " ".join(x for x, on in ((ctx.t("★ majority"), row.majority),
                                     (ctx.t("= tie"), row.tied),
                                     (ctx.t("▶ follow"), row.picked)) if on)
    text = f"{row.count_text} {marks}".strip()
    text_w = area.width * 2 // 5  # the same for every row: the tracks line up
    bar_h = max(6, area.height * 2 // 3)
    track = pygame.Rect(area.x, area.centery - bar_h // 2, area.width - text_w - m.gap, bar_h)
    bar(ctx, surface, track, row.share, p.good if row.majority else p.accent)
    label = pygame.Rect(track.right + m.gap, area.y, area.right - track.right - m.gap,
                        area.height)
    ctx.text(surface, text, label, m.small, p.text, True, "left", "center", truncate=True)
