"""Where the replay viewer puts things, at the chosen text size and window (no drawing).

The bands (header, body, transport line, timeline, footer) are each as tall as their words
need. The body is laid out for each frame, as what it shows changes: the procedure picture
over the narration on the left, the decision panel (or the session's facts) over the notes
on the right. The picture never gets less than `picture_min` and every heading, label and
option gets its whole height; only long texts scroll, in boxes three lines tall. When the
window has no room for the picture beside the panel at this text size, the body shows one
of them and Tab swaps them (`Body.compact`), so nothing is ever drawn in a broken size.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from pygame import Rect

from game.ui.kit.common import text_height
from game.ui.kit.layout import split_x, split_y
from game.ui.play.narration import Line
from game.ui.play.play_draw import LINE_PREFIX
from game.ui.review.decision_panel import decision_floor, decision_need, scroll_floor
from game.ui.review.presenters import DecisionPanelVM
from game.ui.shell.context import UiContext

FRACTIONS = (0.42, 0.38, 0.34, 0.3)
"""The left column's share of the body tried in turn at a decision: the panel widens until
it fits."""
STATUS_SHARES = (0.38, 0.3, 0.24)
"""The header's status column's share of the width, tried in turn for the lowest header."""
INFO_FRACTIONS = (0.5, 0.42)
"""Between decisions the picture is what the room watches: it gets half the width."""


@dataclass(frozen=True)
class ViewerLayout:
    header: Rect
    status: Rect
    body: Rect
    transport: Rect
    track: Rect
    footer: Rect
    marker: int
    transport_split: int = 0
    """Width of the transport line's left column (the playing state); the note has the rest."""

    def transport_columns(self, gap: int) -> tuple[Rect, Rect]:
        """The transport line's (state, note) columns."""
        band, left_w = self.transport, self.transport_split or round(self.transport.width * 0.45)
        return (Rect(band.x, band.y, left_w, band.height),
                Rect(band.x + left_w + gap, band.y, band.width - left_w - gap, band.height))


@dataclass(frozen=True)
class Body:
    """The body's regions in one frame; None: not shown in this frame."""

    procedure: Rect | None
    narration: Rect | None
    panel: Rect | None
    notes: Rect | None
    compact: bool = False
    """Picture and panel do not fit side by side: one shows, Tab swaps them."""


def bands(ctx: UiContext, title: str, status: str, legend: str,
          transport: Sequence[tuple[str, str]]) -> ViewerLayout:
    """The fixed bands. `transport`: the (left, right) texts the transport line may show;
    it is as tall as the tallest of them wrapped in its columns."""
    m = ctx.metrics
    w, h = ctx.size
    width = w - 2 * m.pad
    title_h, status_w = header_split(ctx, title, status, width)
    header_h = max(ctx.line_height(m.heading, True), title_h) + m.gap // 2
    header = Rect(m.pad, m.pad // 2, width - status_w - m.gap, header_h)
    status_box = Rect(header.right + m.gap, header.y, status_w, header_h)
    footer_h = text_height(ctx, legend, m.small, width) + m.gap // 2
    footer = Rect(m.pad, h - footer_h - m.pad // 3, width, footer_h)
    small = ctx.line_height(m.small)
    marker = max(round(m.body * 1.5), ctx.line_height(m.small, True) + 2)
    track = Rect(m.pad, 0, width, small * 2 + marker + m.gap)
    track.bottom = footer.y - m.gap // 2
    left_w = transport_split(ctx, width, [a for a, _ in transport])
    right_w = width - left_w - m.gap
    transport_h = max(max(text_height(ctx, a, m.small, left_w, True),
                          text_height(ctx, b, m.small, right_w)) for a, b in transport)
    bar = Rect(m.pad, track.y - transport_h - m.gap // 2, width, transport_h)
    body = Rect(m.pad, header.bottom + m.gap, width, bar.y - m.gap - header.bottom - m.gap)
    return ViewerLayout(header, status_box, body, bar, track, footer, marker, left_w)


def header_split(ctx: UiContext, title: str, status: str, width: int) -> tuple[int, int]:
    """(height, status column's width) of the header: the status column as wide as keeps
    the header lowest (a long vignette title took three heading lines beside a status of
    two at Extra large in 1024x600, lines the decision panel lacked)."""
    m = ctx.metrics
    options = []
    for share in STATUS_SHARES:
        status_w = round(width * share)
        options.append((max(text_height(ctx, title, m.heading, width - status_w - m.gap, True),
                            text_height(ctx, status, m.small, status_w)), status_w))
    return min(options, key=lambda o: o[0])  # the first (widest status) of the lowest


def transport_split(ctx: UiContext, width: int, states: Sequence[str]) -> int:
    """The transport line's left column: as wide as its longest state (bold, one line), at
    most 45% of the line, so the note beside it keeps one line where the two fit (a second
    line of transport is a line the decision panel lacks at Extra large)."""
    font = ctx.theme.fonts.get(ctx.metrics.small, True)
    return min(max(font.size(a)[0] for a in states) + 1, round(width * 0.45))


# --- sizes of the parts ----------------------------------------------------------------
def picture_min(ctx: UiContext) -> tuple[int, int]:
    """The smallest (width, height) the procedure picture is drawn at: room for its scene
    and a caption at the chosen size."""
    h = 7 * ctx.line_height(ctx.metrics.small)
    return round(h * 1.3), h


def narration_need(ctx: UiContext, lines: Sequence[Line], width: int) -> tuple[int, int]:
    """(least, wanted) height of the narration box: three lines (it scrolls back), and the
    newest line whole."""
    m = ctx.metrics
    least = 3 * ctx.line_height(m.body) + 2 * m.gap
    if not lines:
        return least, least
    newest = LINE_PREFIX.get(lines[-1].kind, "") + lines[-1].text
    return least, max(least, text_height(ctx, newest, m.body, width - 2 * m.gap) + 2 * m.gap)


def note_row_need(ctx: UiContext, width: int, notes: Sequence[str]) -> int:
    m = ctx.metrics
    return max([ctx.line_height(m.small)] + [text_height(ctx, mark + n, m.small, width)
                                             for n in notes for mark in ("▶ ", "   ")])


def notes_head(ctx: UiContext, count: int) -> str:
    return ctx.t("✎ Notes ({n}) · A adds one here", n=count)


def notes_need(ctx: UiContext, width: int, head: str, notes: Sequence[str],
               rows: int = 1) -> int:
    """The notes panel showing its heading and `rows` of the notes, each whole."""
    m = ctx.metrics
    inner = width - 2 * m.gap
    return (2 * m.gap + text_height(ctx, head, m.small, inner, True)
            + rows * note_row_need(ctx, inner, notes))


def info_parts(ctx: UiContext, heading: str, facts: str, where: str,
               plan: str) -> list[tuple[str, int, bool, bool]]:
    """(text, size, bold, muted) of the session panel between decisions, top to bottom:
    the heading and where the next decision is whole, then the session's facts, plan and
    keys as one text that scrolls (the picture beside it keeps the room)."""
    m = ctx.metrics
    return [(heading, m.small, True, False), (where, m.body, True, False),
            (f"{facts}\n{plan}", m.small, False, False)]


def parts_floor(ctx: UiContext, parts: Sequence[tuple[str, int, bool, bool]],
                width: int) -> tuple[list[int], list[int]]:
    """(needs, floors) of stacked texts: each whole, or scrolling in three lines."""
    needs = [text_height(ctx, text, size, width, bold) for text, size, bold, _ in parts]
    return needs, [scroll_floor(ctx, size, need) for (_, size, _, _), need in
                   zip(parts, needs)]


def info_floor(ctx: UiContext, width: int, parts: Sequence[tuple[str, int, bool, bool]]) -> int:
    m = ctx.metrics
    _, floors = parts_floor(ctx, parts, width - 2 * m.gap)
    return 2 * m.gap + sum(floors) + (len(parts) - 1) * m.gap


# --- the body --------------------------------------------------------------------------
@dataclass(frozen=True)
class Content:
    """What the body has to show in this frame, measured through the callables."""

    panel_need: Callable[[int], int]
    """Height the panel needs `width` wide (whole)."""
    panel_floor: Callable[[int], int]
    """The least height it can be drawn in (long texts scrolling in three lines)."""
    lines: Sequence[Line]
    notes_head: str
    notes: Sequence[str]
    note_rows: tuple[int, ...] = (1,)
    """How many notes to show under the panel, tried in turn."""
    fractions: tuple[float, ...] = FRACTIONS


def decision_content(ctx: UiContext, vm: DecisionPanelVM, lines: Sequence[Line], head: str,
                     notes: Sequence[str]) -> Content:
    return Content(lambda w: decision_need(ctx, w, vm), lambda w: decision_floor(ctx, w, vm),
                   lines, head, notes)


def info_content(ctx: UiContext, parts: Sequence[tuple[str, int, bool, bool]],
                 lines: Sequence[Line], head: str, notes: Sequence[str]) -> Content:
    def floor(w: int) -> int:
        return info_floor(ctx, w, parts)
    return Content(floor, floor, lines, head, notes, (3, 2, 1), INFO_FRACTIONS)


def side_by_side(ctx: UiContext, body: Rect, c: Content, fraction: float, notes_left: bool,
                 rows: int, whole: bool) -> Body | None:
    """Picture over narration beside the panel, or None when a part would get less than its
    least size (the panel: its whole height when `whole`)."""
    m = ctx.metrics
    left, right = split_x(body, fraction, m.pad)
    host = left if notes_left else right
    notes_h = notes_need(ctx, host.width, c.notes_head, c.notes, rows)
    host, notes = split_y(host, host.height - notes_h - m.gap, m.gap)
    panel = right if notes_left else host
    column = host if notes_left else left
    if panel.height < (c.panel_need if whole else c.panel_floor)(panel.width):
        return None
    least, wanted = narration_need(ctx, c.lines, column.width)
    pic_w, pic_h = picture_min(ctx)
    # Between 40% and half the column: the newest line whole where that fits, else it
    # scrolls and the picture keeps the other half.
    target = max(round(column.height * 0.4), min(wanted, column.height // 2))
    narration_h = max(least, min(target, column.height - m.gap - pic_h))
    if column.height - m.gap - narration_h < pic_h or column.width < pic_w:
        return None
    procedure, narration = split_y(column, column.height - m.gap - narration_h, m.gap)
    return Body(procedure, narration, panel, notes)


def picture_alone(ctx: UiContext, body: Rect, c: Content) -> Body:
    """Where one shows at a time and Tab asked for the picture: the picture beside the
    narration, the notes under the narration when it keeps three lines."""
    m = ctx.metrics
    left, right = split_x(body, 0.5, m.pad)
    notes_h = notes_need(ctx, right.width, c.notes_head, c.notes)
    narration, notes = split_y(right, right.height - notes_h - m.gap, m.gap)
    if narration.height < narration_need(ctx, c.lines, narration.width)[0]:
        return Body(left, right, None, None, True)
    return Body(left, narration, None, notes, True)


def panel_alone(ctx: UiContext, body: Rect, c: Content, whole: bool) -> Body | None:
    """The panel over the whole width, the notes under it when they fit; None when even
    that leaves the panel less than its whole (`whole`) or least height."""
    m = ctx.metrics
    least = c.panel_need if whole else c.panel_floor
    if body.height < least(body.width):
        return None
    notes_h = notes_need(ctx, body.width, c.notes_head, c.notes)
    panel, notes = split_y(body, body.height - notes_h - m.gap, m.gap)
    if panel.height >= least(panel.width):
        return Body(None, None, panel, notes, True)
    return Body(None, None, body, None, True)


def body_regions(ctx: UiContext, body: Rect, c: Content, picture_first: bool) -> Body:
    """The first layout that fits: side by side with the panel whole, the panel alone and
    whole, side by side with long texts scrolling, the panel alone with them scrolling.
    `picture_first`: where one shows at a time, the picture (Tab) instead of the panel."""
    for whole in (True, False):
        for fraction in c.fractions:
            for notes_left, rows in [(False, r) for r in c.note_rows] + [(True, 1)]:
                found = side_by_side(ctx, body, c, fraction, notes_left, rows, whole)
                if found is not None:
                    return found
        alone = panel_alone(ctx, body, c, whole)
        if alone is not None:
            return picture_alone(ctx, body, c) if picture_first else alone
    # Not even the panel's least fits: the panel takes the body and shows its parts as one
    # text that scrolls (draw_decision, draw_info). No supported window (1024x600 and up)
    # and text size comes here in any shipped vignette: tests/ui/test_viewer_layout.py
    # walks every moment of each to prove it (#13: German at Extra large in 1024x600 did,
    # and the facts ran past the panel, until the transport line and footer kept to one
    # line each).
    return picture_alone(ctx, body, c) if picture_first else Body(None, None, body, None, True)
