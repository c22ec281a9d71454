"""The vote desk's layout (pure geometry, nothing drawn): where the heading, the status, one
row per option and the three buttons go in the vote panel, at the projector's sizes.

Each row is as tall as its words need. When the options do not all fit one under another
(Extra large text), the layout tries, in turn: two columns, the count beside the label, a
smaller padding (never a smaller text), without the status sentence, without the buttons;
only then a window of whole rows around the focus ("2 more below (Tab)"). The same
rectangles serve drawing (`vote_draw`) and clicks.
"""

from __future__ import annotations

import itertools
from collections import OrderedDict
from collections.abc import Hashable
from dataclasses import dataclass, replace

import pygame

from game.ui.kit.common import text_height
from game.ui.kit.layout import row_window, stack
from game.ui.shell.context import UiContext
from game.ui.workshop.presenters import VoteRowVM
from game.ui.workshop.room_presenters import RoomVoteVM
from game.ui.workshop.vote import VoteDesk
from game.ui.workshop.vote_buttons import (
    button_rects,
    button_widths,
    buttons_height,
    vote_buttons,
)
from game.ui.workshop.vote_row import (
    COMPACT_PAD,
    RowParts,
    bar_area,
    bar_text,
    detail_height,
    inline_width,
    row_pad,
    row_parts,
    rows_shown,
)


@dataclass(frozen=True)
class VoteRegions:
    heading: pygame.Rect
    status: pygame.Rect
    rows: list[pygame.Rect]
    buttons: list[pygame.Rect]
    label_size: int
    """The size the option labels are set in (the preset's body, or small when the room's
    options would not fit at body: nothing on the projector scrolls)."""
    button_size: int
    """The buttons' text size: body, or small when their words do not fit in one line."""
    first: int = 0
    """The option `rows[0]` belongs to: at the largest text sizes not every option fits at
    its full height, so the rows shown are a window that keeps the focused option in view
    (Tab moves the focus); rows are never squeezed, so their labels never scroll."""
    more: pygame.Rect | None = None
    """Where "N more above · M more below" goes when not every option is shown."""
    detail_lines: int = 1
    """Lines under each label: two once revealed when the count and its marks ("2 votes ·
    50% ★ majority ▶ follow") do not fit beside a bar in one line at this text size."""
    inline: int = 0
    """When not 0: the count (or the bar) stands beside the label, in a strip this wide at
    the row's right (with the -/+ buttons), instead of on a line of its own: the rows are a
    line shorter, so at Extra large every option still shows."""
    pad: int = -1
    """The rows' padding above and below (-1: the usual `_row_pad`; 2 px when that lets
    every option show: the padding gives way, never the text size)."""
    marks_in_label: bool = False
    """The rows carry their marks after the label (see `rows_shown`)."""
    signs: bool = True
    """The rows keep room for their -/+ buttons (while the room votes); once revealed the
    label and the bar take that width (German ties needed it to show every option)."""

    @property
    def shown(self) -> range:
        """The indices of the options that have a row on screen."""
        return range(self.first, self.first + len(self.rows))


def heading_text(ctx: UiContext, desk: VoteDesk, room: RoomVoteVM | None) -> str:
    """"The room's vote · 5 so far", or with phones before the reveal "14 of 19 have voted"."""
    vm = desk.vm
    if room is not None and not vm.revealed:
        return room.heading
    return ctx.t("The room's vote · {n} so far", n=vm.total) if not vm.revealed else \
        ctx.t("The room's vote · {n} in all", n=vm.total)


def _heading_h(ctx: UiContext, text: str, width: int) -> int:
    """One heading line when the words fit it, else what they need at body size (German
    "Abstimmung des Raums · 3 insgesamt" in a narrow panel scrolled)."""
    m = ctx.metrics
    one = ctx.line_height(m.heading, True)
    return one if text_height(ctx, text, m.heading, width, True) <= one else \
        text_height(ctx, text, m.body, width, True)


def status_text(ctx: UiContext, desk: VoteDesk, room: RoomVoteVM | None) -> str:
    """The line under the heading: the answer to the last key, else the standing prompt; with
    phones and before the reveal, only how the room is doing (never for what)."""
    if room is not None and room.warning:
        return room.warning  # the phones are gone: that first, with what to do
    if room is not None and not desk.vm.revealed:
        return " · ".join(x for x in (room.detail, room.join_line) if x)
    return desk.flash or desk.vm.status


_MEMO: OrderedDict[Hashable, tuple[object, object, VoteRegions]] = OrderedDict()
_MEMO_SIZE = 8


def vote_regions(ctx: UiContext, rect: pygame.Rect, desk: VoteDesk,
                 room: RoomVoteVM | None = None) -> VoteRegions:
    """`_vote_regions`, measured once for each panel, text size, language and set of words
    on it (the rows, heading, status line and buttons): the stage, the drawing and the clicks
    ask for it several times a frame, and measuring every row form each time made the vote
    frame at Extra large twice the practice frame (make bench). Callers get copies."""
    key = (ctx.metrics, ctx.theme.fonts.scale, ctx.t.language, tuple(rect), desk.vm.rows,
           desk.vm.revealed, heading_text(ctx, desk, room), status_text(ctx, desk, room),
           tuple(b.label for b in vote_buttons(ctx, None, desk)), _focus_index(desk),
           bool(room is not None and room.warning))
    held = _MEMO.get(key)
    if held is None or held[0] is not ctx.theme.fonts or held[1] is not ctx.t:
        held = (ctx.theme.fonts, ctx.t, _vote_regions(ctx, rect, desk, room))
        _MEMO[key] = held
        if len(_MEMO) > _MEMO_SIZE:
            _MEMO.popitem(last=False)
    else:
        _MEMO.move_to_end(key)
    return _copied(held[2])


def _copied(regions: VoteRegions) -> VoteRegions:
    return replace(regions, heading=regions.heading.copy(), status=regions.status.copy(),
                   rows=[r.copy() for r in regions.rows],
                   buttons=[b.copy() for b in regions.buttons],
                   more=regions.more.copy() if regions.more is not None else None)


def _vote_regions(ctx: UiContext, rect: pygame.Rect, desk: VoteDesk,
                  room: RoomVoteVM | None = None) -> VoteRegions:
    """Heading, status, one row per option and the three buttons, each as tall as its words
    need at the projector's sizes (a two-line label gets a two-line row). When the rows do
    not all fit one under another, they reflow into two columns; then the status sentence
    ("Count the hands...", "5 votes. The majority chose ...") makes way, in one column and
    then in two (the footer keeps the keys, the rows mark the majority, the Enter button
    names the option; a phone-server warning never makes way), and last the three buttons
    (their keys H, R and Enter are on the footer line; the rows still show the majority and
    "▶ follow"). Only when none of these shows every option does the room see a window of
    them (see `_regions`)."""
    keep_status = room is not None and bool(room.warning)
    plans = [(True, 1, True), (True, 2, True)] + ([] if keep_status else [
        (False, 1, True), (False, 2, True), (False, 1, False), (False, 2, False)])
    regions = None
    for with_status, columns, with_buttons in plans:
        candidate = _regions(ctx, rect, desk, room, with_status, columns, with_buttons)
        if candidate.more is None:
            return candidate
        if regions is None or len(candidate.rows) > len(regions.rows):
            regions = candidate  # the window showing the most, if nothing shows all
    assert regions is not None
    return regions


def all_options_fit(ctx: UiContext, rect: pygame.Rect, desk: VoteDesk,
                    room: RoomVoteVM | None = None) -> bool:
    """Every option has a row in a vote panel `rect` (the stage widens the panel if not)."""
    return vote_regions(ctx, rect, desk, room).more is None


def _columns(rows: pygame.Rect, heights: list[int], columns: int, gap: int
             ) -> list[pygame.Rect] | None:
    """The rows' rectangles, top to bottom in `columns` side by side (the first column takes
    the odd one), or None when a column is taller than `rows`."""
    per = -(-len(heights) // columns)
    width = (rows.width - (columns - 1) * gap) // columns
    rects: list[pygame.Rect] = []
    for c in range(columns):
        part = heights[c * per:(c + 1) * per]
        if sum(part) + max(0, len(part) - 1) * gap > rows.height:
            return None
        rects += stack(pygame.Rect(rows.x + c * (width + gap), rows.y, width, rows.height),
                       part, gap)
    return rects


def _regions(ctx: UiContext, rect: pygame.Rect, desk: VoteDesk, room: RoomVoteVM | None,
             with_status: bool, columns: int = 1, with_buttons: bool = True) -> VoteRegions:
    m = ctx.metrics
    inner = rect.inflate(-2 * m.gap, -2 * m.gap)
    heading_h = _heading_h(ctx, heading_text(ctx, desk, room), inner.width)
    status_h = max(ctx.line_height(m.small), text_height(
        ctx, status_text(ctx, desk, room), m.small, inner.width)) if with_status else -m.gap
    button_size, widths = button_widths(ctx, inner.width, desk)
    buttons_h = buttons_height(ctx, desk, widths, button_size) if with_buttons else -m.gap
    rows_h = inner.height - heading_h - status_h - buttons_h - 3 * m.gap
    heading, status, rows, buttons = stack(inner, [heading_h, status_h, rows_h, buttons_h],
                                           m.gap)
    column = pygame.Rect(inner.x, inner.y, (inner.width - (columns - 1) * m.gap) // columns,
                         inner.height)
    signs = not desk.vm.revealed
    bar_w = bar_area(ctx, pygame.Rect(column.x, column.y, column.width, 4 * detail_height(ctx)),
                     signs=signs).width
    placed_buttons = button_rects(buttons, widths, m.gap) if with_buttons else []
    heights, size = [0], m.body
    for marked in (False, True) if desk.vm.revealed else (False,):
        view = rows_shown(ctx, desk, marked)
        lines = _detail_lines(ctx, desk, bar_w, view)
        beside = inline_width(ctx, desk, view)
        for size, pad, inline in itertools.product((m.body, m.small), (-1, COMPACT_PAD),
                                                   (0, beside)):
            heights = _row_heights(ctx, view, column, size, lines, inline, pad, signs)
            placed = _columns(rows, heights, columns, m.gap // 2 if pad < 0 else COMPACT_PAD)
            if placed is not None:
                return VoteRegions(heading, status, placed, placed_buttons, size, button_size,
                                   detail_lines=lines, inline=inline, pad=pad,
                                   marks_in_label=marked, signs=signs)
    # Not even at small (the largest text settings): a window of whole rows around the focus
    # and a line saying how many are above and below (squeezed rows made the labels scroll).
    return _window(ctx, desk, (heading, status, rows), placed_buttons, size, button_size)


def _window(ctx: UiContext, desk: VoteDesk, areas: tuple[pygame.Rect, ...],
            button_rects: list[pygame.Rect], size: int, button_size: int) -> VoteRegions:
    """The window of whole rows, in one column as wide as the panel, in whichever of the
    rows' forms (marks after the label or beside the bar, the count beside the label or
    under it, usual or compact padding) shows the most options around the focus (at
    1024x600 Extra large the first form tried showed two of six)."""
    m = ctx.metrics
    heading, status, rows = areas
    more_h = ctx.line_height(m.small)
    area = pygame.Rect(rows.x, rows.y, rows.width, rows.height - more_h)
    signs = not desk.vm.revealed
    bar_w = bar_area(ctx, pygame.Rect(area.x, area.y, area.width, 4 * detail_height(ctx)),
                     signs=signs).width
    best: tuple[int, int, int, list[int], dict] | None = None
    for marked in (False, True) if desk.vm.revealed else (False,):
        view = rows_shown(ctx, desk, marked)
        lines = _detail_lines(ctx, desk, bar_w, view)
        for pad, inline in itertools.product((-1, COMPACT_PAD),
                                             (0, inline_width(ctx, desk, view))):
            heights = _row_heights(ctx, view, area, size, lines, inline, pad, signs)
            gap = m.gap // 2 if pad < 0 else COMPACT_PAD
            first, count = row_window(heights, area.height, gap, _focus_index(desk))
            if best is None or count > best[1]:
                shown = [min(h, area.height) for h in heights[first:first + count]]
                best = (first, count, gap, shown, dict(
                    detail_lines=lines, inline=inline, pad=pad, marks_in_label=marked))
    assert best is not None
    first, _, gap, shown, form = best
    more = pygame.Rect(rows.x, rows.bottom - more_h, rows.width, more_h)
    return VoteRegions(heading, status, stack(area, shown, gap), button_rects, size,
                       button_size, first, more, signs=signs, **form)


def _row_heights(ctx: UiContext, rows: tuple[VoteRowVM, ...], column: pygame.Rect, size: int,
                 lines: int, inline: int, pad: int = -1, signs: bool = True) -> list[int]:
    """Each option's row height in a column: its label at `size` over its detail lines, or
    (`inline`) beside its one-line detail."""
    probe = pygame.Rect(column.x, column.y, column.width, 4 * detail_height(ctx, lines))
    label_w = row_parts(ctx, probe, lines, inline, pad, signs).label.width
    detail_h = detail_height(ctx, 1 if inline else lines, pad)
    if inline:  # the key and the -/+ signs (body size) stand in the row's one line too
        detail_h = max(detail_h, ctx.line_height(ctx.metrics.body, True))
    pad = 2 * (row_pad(ctx) if pad < 0 else pad)
    return [(max(text_height(ctx, r.label, size, label_w, r.picked), detail_h) if inline
             else text_height(ctx, r.label, size, label_w, r.picked) + detail_h) + pad
            for r in rows]


def _detail_lines(ctx: UiContext, desk: VoteDesk, bar_w: int,
                  rows: tuple[VoteRowVM, ...]) -> int:
    """1, or once revealed the lines the widest count-and-marks text needs in the three
    quarters of the bar's line (`bar_w` wide) it may take beside its bar (two or three in
    a narrow column)."""
    if not desk.vm.revealed:
        return 1
    m = ctx.metrics
    font = ctx.theme.fonts.get(m.small, True)
    widest = max((font.size(bar_text(ctx, r))[0] for r in rows), default=0)
    if widest + m.gap <= bar_w * 3 // 4:
        return 1
    line = ctx.line_height(m.small, True)
    return max(-(-text_height(ctx, bar_text(ctx, r), m.small, bar_w * 3 // 4, True) // line)
               for r in rows)


def _focus_index(desk: VoteDesk) -> int:
    """The option to keep in view: the focused one, else the one the story will follow."""
    options = list(desk.options)
    for wanted in (desk.focus.current, desk.picked):
        if wanted in options:
            return options.index(wanted)
    return 0


def region_parts(ctx: UiContext, regions: VoteRegions, box: pygame.Rect) -> RowParts:
    """`row_parts` of a row in `regions` (its detail lines, inline strip, padding, signs)."""
    return row_parts(ctx, box, regions.detail_lines, regions.inline, regions.pad,
                     regions.signs)


def region_bar(ctx: UiContext, regions: VoteRegions, box: pygame.Rect) -> pygame.Rect:
    """`bar_area` of a row in `regions`."""
    return bar_area(ctx, box, regions.detail_lines, regions.inline, regions.pad,
                    regions.signs)


