"""Drawing the History screen's rows: a title with its badge, the facts, the file's note, and
a Resume button on a session the current profile can take up again.

Text never shrinks and a row never squeezes it: each row is as tall as its own text needs at
the chosen text size and window (`row_boxes`), so at Extra large a row wraps onto more lines
and fewer rows fit a page; the list scrolls by rows. A file's note still shortens to a
shorter wording when the long one would take a second line (the list stays readable).
"""

from __future__ import annotations

from dataclasses import dataclass

import pygame
from pygame import Rect

from game.app.resume import Offer
from game.ui.history.model import HistoryRow
from game.ui.home.resuming import offer_time
from game.ui.kit.common import text_height
from game.ui.kit.panels import badge, focus_ring, panel
from game.ui.review.presenters import Tr
from game.ui.shell.context import UiContext


def badge_width(ctx: UiContext, word: str, inner_w: int) -> int:
    """As wide as its word needs ("Log missing" at the largest text), within a third."""
    m = ctx.metrics
    need = ctx.theme.fonts.get(m.small, True).size(word)[0] + round(m.small * 1.4) + 3 * m.gap
    return min(max(round(200 * m.scale), need), inner_w // 3)


def badge_height(ctx: UiContext, word: str, badge_w: int) -> int:
    """A title line, or taller when the badge's word wraps within its third of the row."""
    m = ctx.metrics
    word_w = badge_w - 2 * m.gap - round(m.small * 1.4) - m.gap // 2
    return max(ctx.line_height(m.body, True), text_height(ctx, word, m.small, word_w, True))


def resume_label(ctx: UiContext, offer: Offer) -> str:
    """The row's first line names the vignette; the button says what it does and from where
    the session goes on (the last step in its log, not the moment the player left)."""
    return f"▶ {offer_time(ctx, offer)} · R"


@dataclass(frozen=True)
class RowBoxes:
    """Where each part of one row goes, relative to the row's top left corner."""

    height: int
    title: Rect
    badge: Rect
    facts: Rect
    note: Rect
    button: Rect | None
    note_text: str


def row_boxes(ctx: UiContext, row: HistoryRow, offer: Offer | None, width: int) -> RowBoxes:
    """Lay one row out at `width`: every text gets the height it needs, wrapped."""
    m = ctx.metrics
    inner_w = width - 2 * m.gap
    badge_w = badge_width(ctx, row.word, inner_w)
    title_w = inner_w - badge_w - m.gap
    badge_h = badge_height(ctx, row.word, badge_w)
    title_h = max(text_height(ctx, f"{row.when} · {row.title}", m.body, title_w, True),
                  badge_h)
    facts = Rect(m.gap, m.gap + title_h, inner_w, text_height(ctx, row.facts, m.small,
                                                              inner_w))
    button = resume_box(ctx, offer, inner_w, facts.bottom) if offer is not None else None
    beside = button is not None and button.width <= inner_w // 2
    note_w = inner_w - button.width - m.gap if button is not None and beside else inner_w
    text = note_text(ctx, row, note_w)
    note = Rect(m.gap, facts.bottom, note_w, text_height(ctx, text, m.small, note_w))
    bottom = note.bottom
    if button is not None:
        if not beside:
            button.y = note.bottom + m.gap // 2
        bottom = max(bottom, button.bottom)
    return RowBoxes(bottom + m.gap, Rect(m.gap, m.gap, title_w, title_h),
                    Rect(m.gap + inner_w - badge_w, m.gap, badge_w, badge_h), facts, note,
                    button, text)


def resume_box(ctx: UiContext, offer: Offer, inner_w: int, y: int) -> Rect:
    """The Resume button at the right of the row, as wide as its words (at most the row):
    beside the note when that is half the row or less, else the row puts it under it."""
    m = ctx.metrics
    label = resume_label(ctx, offer)
    width = min(inner_w, ctx.theme.fonts.get(m.small, False).size(label)[0] + 3 * m.gap)
    height = text_height(ctx, label, m.small, width - m.gap) + m.gap // 2
    return Rect(m.gap + inner_w - width, y, width, height)


def fitting(ctx: UiContext, width: int, *texts: str) -> str:
    """The first of `texts` that fits `width` on one line at small size (the last one
    otherwise, which then wraps): the note about a file shortens before it takes lines."""
    font = ctx.theme.fonts.get(ctx.metrics.small, False)
    return next((text for text in texts if font.size(text)[0] <= width), texts[-1])


def third_line(row: HistoryRow, t: Tr) -> tuple[str, str]:
    """(text, tone) of the row's last line: the problem, the missing log, or the file."""
    if row.missing:
        return f"⚠ {row.missing}", "warn"
    if row.problem:
        return f"✖ {row.problem}", "bad"
    return row.note or t("File {name} · not yet checked", name=row.name), ""


def note_text(ctx: UiContext, row: HistoryRow, width: int) -> str:
    """The note shown in `width`: a problem in full, an unchecked file's note shortened."""
    text, tone = third_line(row, ctx.t)
    if not tone and not row.checked:
        text = fitting(ctx, width, text, ctx.t("File {name} · not yet checked",
                                               name=row.name), row.name)
    return text


def draw_row(ctx: UiContext, surface: pygame.Surface, row: HistoryRow, rect: Rect,
             boxes: RowBoxes, offer: Offer | None, focused: bool) -> None:
    """Draw a row in `rect` (its own height, or the list's when a row is taller than the
    whole list: its text then scrolls inside the row rather than leave it)."""
    m, p = ctx.metrics, ctx.palette
    panel(ctx, surface, rect, p.panel_alt if focused else p.panel,
          p.bad if not row.ok else None)

    def at(box: Rect) -> Rect:
        return box.move(rect.topleft).clip(rect)

    ctx.text(surface, f"{row.when} · {row.title}", at(boxes.title), m.body, p.text, True)
    badge(ctx, surface, at(boxes.badge), row.tone, row.word, m.small)
    ctx.text(surface, row.facts, at(boxes.facts), m.small, p.muted)
    if offer is not None and boxes.button is not None and at(boxes.button).height:
        button = at(boxes.button)
        panel(ctx, surface, button, p.panel_alt if focused else p.panel, p.accent)
        ctx.text(surface, resume_label(ctx, offer), button.inflate(-m.gap, 0), m.small,
                 p.accent, align="center", valign="center")
    _, tone = third_line(row, ctx.t)
    ctx.text(surface, boxes.note_text, at(boxes.note), m.small,
             {"warn": p.warn, "bad": p.bad}.get(tone, p.muted))
    if focused:
        focus_ring(ctx, surface, rect)
