"""Drawing the vote desk (read-only): one row per option, then the bar chart after the reveal.

Each row shows the option's number and label over a detail line: the count with -/+ buttons
while the room votes ("hidden until R" in hot seat), a bar with count and percentage once
revealed. The majority and the option the story will follow are marked in words and symbols
(★ majority, ▶ follow), never by colour alone. The same rectangles serve drawing and clicks.
"""

from __future__ import annotations

from dataclasses import replace

import pygame

from game.ui.kit.button import draw_buttons
from game.ui.kit.panels import focus_ring, panel
from game.ui.shell.context import UiContext
from game.ui.workshop.presenters import VoteRowVM
from game.ui.workshop.room_presenters import RoomVoteVM
from game.ui.workshop.view import bar, fit_text
from game.ui.workshop.vote import VoteDesk
from game.ui.workshop.vote_buttons import vote_buttons
from game.ui.workshop.vote_layout import (
    VoteRegions,
    heading_text,
    region_bar,
    region_parts,
    status_text,
    vote_regions,
)
from game.ui.workshop.vote_row import bar_text, rows_shown


def vote_targets(ctx: UiContext, regions: VoteRegions, desk: VoteDesk) -> dict[str, pygame.Rect]:
    """Click targets: -/+ before the reveal, then whole rows (pick), then the three buttons."""
    targets: dict[str, pygame.Rect] = {}
    for option, row in zip(list(desk.options)[regions.first:], regions.rows):
        if not desk.revealed:
            parts = region_parts(ctx, regions, row)
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
    regions = vote_regions(ctx, rect, desk, room)
    fit_text(ctx, surface, heading_text(ctx, desk, room), regions.heading, (m.heading, m.body),
             p.warn, True, "left", "center")
    # The flash answers the last key and replaces the standing prompt while it shows, so the
    # two sentences never run together ("...first Count the hands...").
    ctx.text(surface, status_text(ctx, desk, room), regions.status, m.small,
             p.warn if room is not None and room.warning else p.text)
    hidden = room is not None and not vm.revealed
    rows = [replace(r, count_text=ctx.t("hidden until R")) if hidden else r
            for r in rows_shown(ctx, desk, regions.marks_in_label)]
    text_w = _detail_width(ctx, rows, regions) if vm.revealed else 0
    for row, box in zip(rows[regions.first:], regions.rows):
        _draw_row(ctx, surface, row, box, regions, text_w, desk.focus.current == row.id)
    if regions.more is not None:
        below = len(rows) - regions.first - len(regions.rows)
        ctx.text(surface, ctx.t("{a} more above · {b} more below (Tab)", a=regions.first,
                                b=below), regions.more, m.small, p.muted, False, "right")
    draw_buttons(ctx, surface, vote_buttons(ctx, regions, desk), desk.focus.current,
                 regions.button_size)


def _detail_width(ctx: UiContext, rows: list[VoteRowVM], regions: VoteRegions) -> int:
    """The widest count-and-marks text (one width for every row, so the tracks line up),
    at most three quarters of the row (the bars keep a quarter); beside the label (inline)
    all but the two body widths of bar its strip was measured for (`inline_width`)."""
    m = ctx.metrics
    font = ctx.theme.fonts.get(m.small, True)
    area = region_bar(ctx, regions, regions.rows[0]) \
        if regions.rows else pygame.Rect(0, 0, 0, 0)
    widest = max((font.size(bar_text(ctx, r))[0] for r in rows), default=0)
    most = area.width - 2 * ctx.font_px(m.body) if regions.inline else area.width * 3 // 4
    return max(0, min(most, widest + m.gap))


def _draw_row(ctx: UiContext, surface: pygame.Surface, row: VoteRowVM, box: pygame.Rect,
              regions: VoteRegions, text_w: int, focused: bool) -> None:
    """`text_w`: the width of the count beside the bar once revealed (0 before)."""
    m, p = ctx.metrics, ctx.palette
    panel(ctx, surface, box, p.panel_alt if row.picked else p.panel,
          p.focus if row.picked else None)
    parts = region_parts(ctx, regions, box)
    ctx.text(surface, str(row.key), parts.key, m.body, p.accent, True, "center", "center")
    ctx.text(surface, row.label, parts.label, regions.label_size, p.text, row.picked, "left",
             "center")
    if text_w:
        _draw_bar(ctx, surface, row, region_bar(ctx, regions, box), text_w)
    else:
        ctx.text(surface, row.count_text, parts.detail, m.small, p.muted, False, "left",
                 "center")
        for rect, sign in ((parts.minus, "−"), (parts.plus, "+")):
            panel(ctx, surface, rect, p.panel_alt, p.muted)
            ctx.text(surface, sign, rect, m.body, p.text, True, "center", "center")
    if focused:
        focus_ring(ctx, surface, box)


def _draw_bar(ctx: UiContext, surface: pygame.Surface, row: VoteRowVM,
              area: pygame.Rect, text_w: int) -> None:
    """One bar of the chart: every row's track has the same width and runs from zero to all
    the votes, so equal counts draw equal bars (a tie looks like one)."""
    m, p = ctx.metrics, ctx.palette
    bar_h = max(6, area.height * 2 // 3)
    track = pygame.Rect(area.x, area.centery - bar_h // 2, area.width - text_w - m.gap, bar_h)
    bar(ctx, surface, track, row.share, p.good if row.majority else p.accent)
    label = pygame.Rect(track.right + m.gap, area.y, area.right - track.right - m.gap,
                        area.height)
    ctx.text(surface, bar_text(ctx, row), label, m.small, p.text, True, "left", "center")
