"""The replay viewer's timeline: transport line, track, decision markers, notes, playhead.

Ticks map to x across the track; each decision is a numbered marker in its rating's colour
with its symbol and word under it (never colour alone), its window drawn as a band leading
up to it. Clicks are hit-tested against the same rectangles (`marker_rects`, `track_span`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import pygame
from pygame import Rect

from game.ui.kit.panels import focus_ring, panel, tone_colour
from game.ui.review.presenters import clock

if TYPE_CHECKING:
    from game.ui.review.viewer import ReplayViewerScene
    from game.ui.review.viewer_layout import Body


def track_span(scene: ReplayViewerScene) -> Rect:
    """The part of the track that maps ticks to x (inset so end markers stay inside)."""
    lay, m = scene.layout, scene.ctx.metrics
    return lay.track.inflate(-2 * m.pad - lay.marker, 0)


def tick_x(scene: ReplayViewerScene, tick: int) -> int:
    span = track_span(scene)
    return span.x + round(span.width * tick / max(1, scene.model.total_ticks))


def track_rows(scene: ReplayViewerScene) -> tuple[Rect, int, Rect]:
    """(note-flag row, y of the line, label row) inside the track."""
    lay, ctx = scene.layout, scene.ctx
    small = ctx.line_height(ctx.metrics.small)
    flags = Rect(lay.track.x, lay.track.y + ctx.metrics.gap // 2, lay.track.width, small)
    line_y = flags.bottom + lay.marker // 2
    labels = Rect(lay.track.x, line_y + lay.marker // 2 + 2, lay.track.width, small)
    return flags, line_y, labels


def marker_rects(scene: ReplayViewerScene) -> dict[int, Rect]:
    size = scene.layout.marker
    _, line_y, _ = track_rows(scene)
    return {d.number: Rect(tick_x(scene, d.tick) - size // 2, line_y - size // 2, size, size)
            for d in scene.model.decisions}


def transport_note(scene: ReplayViewerScene, body: Body | None = None) -> str:
    """The right of the transport line: a passing message, else where the cursor is and,
    where picture and panel show one at a time, what Tab brings up."""
    t, d = scene.ctx.t, scene.decision
    if scene.message_ms > 0:
        return scene.message
    count = len(scene.model.decisions)
    if body is not None and body.compact:
        if d is None:
            return t("Tab: the session") if body.panel is None else t("Tab: the picture")
        key = ("Decision {n} of {count} · Tab: the decision · B branches here"
               if body.panel is None else
               "Decision {n} of {count} · Tab: the picture · B branches here")
        return t(key, n=d.number, count=count)
    return t("Decision {n} of {count}: B branches here", n=d.number, count=count) if d else ""


def draw_transport(scene: ReplayViewerScene, surface: pygame.Surface,
                   body: Body | None = None) -> None:
    ctx, c, lay = scene.ctx, scene.cursor, scene.layout
    m, p, t = ctx.metrics, ctx.palette, ctx.t
    state = t("▶ Playing") if c.playing else t("‖ Paused")
    text = f"{state} · {c.speed}x · {clock(c.tick)} / {clock(scene.model.total_ticks)}"
    left, right = lay.transport_columns(m.gap)
    ctx.text(surface, text, left, m.small, p.text, True, "left", "center")
    ctx.text(surface, transport_note(scene, body), right, m.small,
             p.focus if scene.message_ms else p.muted, False, "right", "center")


def draw_track(scene: ReplayViewerScene, surface: pygame.Surface) -> None:
    ctx, lay, model = scene.ctx, scene.layout, scene.model
    m, p = ctx.metrics, ctx.palette
    panel(ctx, surface, lay.track)
    flags, line_y, labels = track_rows(scene)
    span = track_span(scene)
    head_x = tick_x(scene, scene.cursor.tick)
    pygame.draw.line(surface, p.muted, (span.x, line_y), (span.right, line_y), 3)
    pygame.draw.line(surface, p.accent, (span.x, line_y), (head_x, line_y), 5)
    for d in model.decisions:
        band = Rect(tick_x(scene, d.open_tick), line_y - 5, 0, 10)
        band.width = max(2, tick_x(scene, d.tick) - band.x)
        pygame.draw.rect(surface, tone_colour(ctx, d.tone), band, border_radius=3)
    for note in model.notes:
        x = tick_x(scene, note.tick)
        ctx.text(surface, "✎", Rect(x - m.small // 2, flags.y, m.small + 2, flags.height),
                 m.small, p.accent, True, "center")
    pygame.draw.line(surface, p.focus, (head_x, flags.y), (head_x, labels.bottom), 3)
    current = scene.decision
    used = Rect(lay.track.x, labels.y, 0, 0)
    for d, rect in zip(model.decisions, marker_rects(scene).values()):
        pygame.draw.ellipse(surface, tone_colour(ctx, d.tone), rect)
        ctx.text(surface, str(d.number), rect, m.small, p.background, True, "center",
                 "center")
        if current is not None and current.number == d.number:
            focus_ring(ctx, surface, rect)
        label = marker_label(scene, d.symbol, d.word, rect.centerx, labels, used)
        if label is not None:
            ctx.text(surface, label[0], label[1], m.small, tone_colour(ctx, d.tone), True,
                     "center")
            used = label[1]
    pygame.draw.polygon(surface, p.focus, [(head_x - 6, flags.y), (head_x + 6, flags.y),
                                           (head_x, flags.y + 8)])


def marker_label(scene: ReplayViewerScene, symbol: str, word: str, x: int, row: Rect,
                 used: Rect) -> tuple[str, Rect] | None:
    """The label under a marker, as wide as its words at the chosen size: symbol and word,
    else the symbol alone where the word would run into the label before it."""
    ctx, track = scene.ctx, scene.layout.track
    font = ctx.theme.fonts.get(ctx.metrics.small, True)
    for text in (f"{symbol} {word}", symbol):
        width = font.size(text)[0] + ctx.metrics.gap
        box = Rect(x - width // 2, row.y, width, row.height).clamp(track)
        if box.x >= used.right:
            return text, box
    return None
