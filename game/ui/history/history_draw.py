"""Drawing the History screen's rows: three lines each, a badge, and a Resume button on a
session the current profile can take up again.

Text never shrinks: a long vignette title takes a second line (the scene decides, for the
whole list), a badge is as wide as its word, and a file's note shortens rather than scroll.
"""

from __future__ import annotations

import pygame
from pygame import Rect

from game.app.resume import Offer
from game.ui.history.model import HistoryRow
from game.ui.kit.panels import badge, focus_ring, panel
from game.ui.review.presenters import Tr, clock
from game.ui.shell.context import UiContext


def badge_width(ctx: UiContext, word: str, inner_w: int) -> int:
    """As wide as its word needs ("Log missing" at the largest text), within a third."""
    m = ctx.metrics
    need = ctx.theme.fonts.get(m.small, True).size(word)[0] + round(m.small * 1.4) + 3 * m.gap
    return min(max(round(200 * m.scale), need), inner_w // 3)


def resume_label(ctx: UiContext, offer: Offer) -> str:
    """The row's first line names the vignette; the button says what it does and where."""
    label = ctx.t("Resume (stopped at {time})", time=clock(offer.stopped_tick))
    return f"▶ {label} · R"


def resume_rect(ctx: UiContext, rect: Rect, title_h: int, offer: Offer) -> Rect:
    """Where a resumable row's Resume button sits: the right end of its third line, as wide
    as its label (at most half the row)."""
    m = ctx.metrics
    inner = rect.inflate(-2 * m.gap, -2 * m.gap)
    small_h = ctx.line_height(m.small)
    need = ctx.theme.fonts.get(m.small, False).size(resume_label(ctx, offer))[0]
    width = min(inner.width // 2, need + 3 * m.gap)
    return Rect(inner.right - width, inner.y + title_h + small_h, width, small_h)


def fitting(ctx: UiContext, width: int, *texts: str) -> str:
    """The first of `texts` that fits `width` on one line at small size (the last one
    otherwise): the note about a file shortens instead of scrolling."""
    font = ctx.theme.fonts.get(ctx.metrics.small, False)
    return next((text for text in texts if font.size(text)[0] <= width), texts[-1])


def third_line(row: HistoryRow, t: Tr) -> tuple[str, str]:
    """(text, tone) of the row's last line: the problem, the missing log, or the file."""
    if row.missing:
        return f"⚠ {row.missing}", "warn"
    if row.problem:
        return f"✖ {row.problem}", "bad"
    return row.note or t("File {name} · not yet checked", name=row.name), ""


def draw_row(ctx: UiContext, surface: pygame.Surface, row: HistoryRow, rect: Rect,
             title_h: int, offer: Offer | None, focused: bool) -> None:
    m, p, t = ctx.metrics, ctx.palette, ctx.t
    panel(ctx, surface, rect, p.panel_alt if focused else p.panel,
          p.bad if not row.ok else None)
    inner = rect.inflate(-2 * m.gap, -2 * m.gap)
    small_h = ctx.line_height(m.small)
    badge_w = badge_width(ctx, row.word, inner.width)
    ctx.text(surface, f"{row.when} · {row.title}",
             Rect(inner.x, inner.y, inner.width - badge_w - m.gap, title_h), m.body, p.text,
             True)
    badge(ctx, surface, Rect(inner.right - badge_w, inner.y, badge_w,
                             ctx.line_height(m.body, True)), row.tone, row.word, m.small)
    ctx.text(surface, row.facts, Rect(inner.x, inner.y + title_h, inner.width, small_h),
             m.small, p.muted)
    third, tone = third_line(row, t)
    line = Rect(inner.x, inner.y + title_h + small_h, inner.width, small_h)
    if offer is not None:
        button = resume_rect(ctx, rect, title_h, offer)
        line.width = button.x - line.x - m.gap
        panel(ctx, surface, button, p.panel_alt if focused else p.panel, p.accent)
        ctx.text(surface, resume_label(ctx, offer), button.inflate(-m.gap, 0), m.small,
                 p.accent, align="center", valign="center")
    if not tone and not row.checked:
        third = fitting(ctx, line.width, third, t("File {name} · not yet checked",
                                                  name=row.name), row.name)
    ctx.text(surface, third, line, m.small, {"warn": p.warn, "bad": p.bad}.get(tone, p.muted))
    if focused:
        focus_ring(ctx, surface, rect)
