"""Drawing the replay viewer (read-only: nothing here changes the scene or the model).

Left: the procedure view above the narration, both as they were at the cursor. Right: the
decision panel while a window is open (every option's Q-value as a bar, chosen vs. the
model's choice, regret, the trainee as the supervisor saw them), otherwise the session's
facts; under it the facilitator's notes. Bottom: the timeline with decision markers
(number, symbol, word and colour), note flags and the playhead (replay_track.py).
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

import pygame
from pygame import Rect

from game.ui.kit.common import draw_footer, text_height
from game.ui.kit.layout import frame, split_x, split_y, stack
from game.ui.kit.panels import panel
from game.ui.play.play_draw import LINE_PREFIX, draw_narration
from game.ui.review.decision_panel import allot, decision_need, draw_decision, floor_line
from game.ui.review.keys import VIEWER_KEYS
from game.ui.review.presenters import DecisionPanelVM, clock
from game.ui.review.track import draw_track, draw_transport
from game.ui.shell.context import UiContext

if TYPE_CHECKING:
    from game.ui.review.model import ReplayModel
    from game.ui.review.viewer import ReplayViewerScene


@dataclass(frozen=True)
class ViewerLayout:
    header: Rect
    status: Rect
    procedure: Rect
    narration: Rect
    panel: Rect
    notes: Rect
    tall_panel: Rect
    """The panel at a decision point, when the notes shrink to their latest line."""
    short_notes: Rect
    transport: Rect
    track: Rect
    footer: Rect
    marker: int


def viewer_title(ctx: UiContext, model: ReplayModel) -> str:
    return model.title if model.error else ctx.t("Replay: {title}", title=model.title)


def viewer_status(model: ReplayModel) -> str:
    return model.status + (f" ⚠ {model.warning}" if model.warning else "")


def viewer_layout(ctx: UiContext, model: ReplayModel) -> ViewerLayout:
    """The header band is as tall as the longer of the title (left) and the status (right)
    wrapped in their columns, so a long vignette title wraps instead of scrolling."""
    m = ctx.metrics
    width = ctx.size[0] - 2 * m.pad
    status_w = round(width * 0.38)
    title_h = max(text_height(ctx, viewer_title(ctx, model), m.heading, width - status_w - m.gap,
                              True),
                  text_height(ctx, viewer_status(model), m.small, status_w))
    f = frame(ctx.size, m, m.heading, title_h)
    header = Rect(f.header.x, f.header.y, f.header.width - status_w - m.gap, f.header.height)
    status = Rect(header.right + m.gap, f.header.y, status_w, f.header.height)
    small = ctx.line_height(m.small)
    marker = round(m.body * 1.5)
    transport_h = ctx.line_height(m.small, True) + m.gap // 2
    track_h = small * 2 + marker + m.gap
    top, bottom = split_y(f.body, f.body.height - transport_h - track_h - m.gap, m.gap)
    transport, track = split_y(bottom, transport_h, 0)
    return columns(ctx, ViewerLayout(header, status, top, top, top, top, top, top, transport,
                                     track, f.footer, marker), 0.42)


def columns(ctx: UiContext, lay: ViewerLayout, fraction: float,
            notes_left: bool = False, notes: tuple[str, ...] = ()) -> ViewerLayout:
    """Split the area above the timeline: `fraction` of it for procedure and narration, the
    rest for the panel over the notes (three lines of them; one at a decision, under the
    narration when `notes_left`, so the decision panel has the whole column)."""
    m, small = ctx.metrics, ctx.line_height(ctx.metrics.small)
    top = lay.procedure.union(lay.narration).union(lay.panel).union(lay.notes)
    left, right = split_x(top, fraction, m.pad)
    head = ctx.line_height(m.small, True) + 2 * m.gap
    side, below = split_y(right, right.height - head - small * 3 - m.gap, m.gap)
    tall, short = split_y(right, right.height - head - small - m.gap, m.gap)
    if notes_left:  # one line of notes, as tall as the longest wraps in the narrow column
        tall = right
        line = max([small] + [text_height(ctx, mark + n, m.small, left.width - 2 * m.gap)
                              for n in notes for mark in ("▶ ", "   ")])
        left, short = split_y(left, left.height - head - line - m.gap, m.gap)
    procedure, narration = split_y(left, round(left.height * 0.52), m.gap)
    return replace(lay, procedure=procedure, narration=narration, panel=side, notes=below,
                   tall_panel=tall, short_notes=short)


def decision_columns(ctx: UiContext, lay: ViewerLayout, vm: DecisionPanelVM,
                     notes: tuple[str, ...]) -> ViewerLayout:
    """At a decision the panel is what the facilitator reads: it widens, then takes the notes'
    place (they move under the narration), then widens on (the left column down to 30% of
    the width) until the decision shows whole at the chosen size."""
    for fraction, notes_left in ((0.42, False), (0.38, False), (0.42, True), (0.38, True),
                                 (0.34, True), (0.3, True)):
        wide = columns(ctx, lay, fraction, notes_left, notes)
        if decision_need(ctx, wide.tall_panel.width, vm) <= wide.tall_panel.height:
            break
    return wide


def draw_viewer(scene: ReplayViewerScene, surface: pygame.Surface) -> None:
    ctx, lay, model = scene.ctx, scene.layout, scene.model
    m, p, t = ctx.metrics, ctx.palette, ctx.t
    surface.fill(p.background)
    ctx.text(surface, viewer_title(ctx, model), lay.header, m.heading, p.text, True, "left",
             "center")
    if model.error:
        ctx.text(surface, model.error, lay.procedure.union(lay.notes), m.body, p.warn)
        draw_footer(ctx, surface, lay.footer, t("Esc back · F1 help"))
        return
    ctx.text(surface, viewer_status(model), lay.status, m.small,
             p.warn if model.warning else p.muted, False, "right", "center")
    # play_draw.draw_procedure is typed for PlayScene; the viewer has its own motion/clock.
    if scene.panel is not None:
        lay = decision_columns(ctx, lay, scene.panel,
                               tuple(text for _, text in note_lines(scene)))
    procedure, narration = left_column(ctx, lay, scene.lines)
    scene.motion.draw(ctx, surface, procedure, scene.time_s)
    draw_narration(ctx, surface, narration, scene.lines)
    if scene.panel is not None:
        draw_decision(ctx, surface, lay.tall_panel, scene.panel)
        draw_notes(scene, surface, lay.short_notes, True)
    else:
        draw_info(scene, surface, lay.panel)
        draw_notes(scene, surface, lay.notes)
    draw_transport(scene, surface)
    draw_track(scene, surface)
    draw_footer(ctx, surface, lay.footer, t(VIEWER_KEYS.legend(0)))


def left_column(ctx: UiContext, lay: ViewerLayout, lines: list) -> tuple[Rect, Rect]:
    """Procedure above narration; when the newest narration line needs more room than its
    box, the picture (which scales) gives way, down to a quarter of the column, so the words
    show whole at the chosen size instead of scrolling."""
    m = ctx.metrics
    if not lines:
        return lay.procedure, lay.narration
    newest = LINE_PREFIX.get(lines[-1].kind, "") + lines[-1].text
    need = text_height(ctx, newest, m.body, lay.narration.width - 2 * m.gap) + 2 * m.gap
    if need <= lay.narration.height:
        return lay.procedure, lay.narration
    column = lay.procedure.union(lay.narration)
    top_h = max(column.height // 4, column.height - m.gap - need)
    return split_y(column, top_h, m.gap)


def draw_info(scene: ReplayViewerScene, surface: pygame.Surface, rect: Rect) -> None:
    """Between decisions: what this recording is, and where the next decision point is."""
    ctx, model = scene.ctx, scene.model
    m, p, t = ctx.metrics, ctx.palette, ctx.t
    panel(ctx, surface, rect)
    inner = rect.inflate(-2 * m.gap, -2 * m.gap)
    following = [d for d in model.decisions if (d.index, d.tick) > scene.cursor.position]
    if following:
        d = following[0]
        where = t("Next: decision {n} at {time} ({symbol} {word}) · press → or N", n=d.number,
                  time=clock(d.tick), symbol=d.symbol, word=d.word)
    elif model.decisions:
        where = t("No decision point after this moment · D opens the debrief")
    else:
        where = t("This session reached no decision point.")
    keys = t(VIEWER_KEYS.legend(1))
    plan = "\n".join(t("{n}. {time} {symbol} {word}: {chosen}", n=d.number,
                        time=clock(d.tick), symbol=d.symbol, word=d.word,
                        chosen=d.detail.chosen_label) for d in model.decisions)
    parts = [(t("Session"), m.small, p.accent, True), (" · ".join(model.facts), m.small,
                                                        p.muted, False),
             (where, m.body, p.text, True), (plan, m.small, p.text, False),
             (keys, m.small, p.muted, False)]
    needs = [text_height(ctx, text, size, inner.width, bold) for text, size, _, bold in parts]
    floors = [floor_line(ctx, size) for _, size, _, _ in parts]
    for (text, size, colour, bold), box in zip(parts, stack(inner, allot(
            inner.height, needs, floors, m.gap), m.gap)):
        ctx.text(surface, text, box, size, colour, bold)


def note_lines(scene: ReplayViewerScene) -> list[tuple[int, str]]:
    """The notes panel's lines, each with its tick (-1: not tied to a moment)."""
    model = scene.model
    lines = [(n.tick, f"{clock(n.tick)}  {n.text}") for n in model.notes]
    lines += [(-1, f"⚠ {x}") for x in model.note_problems]
    return lines or [(-1, scene.ctx.t("No notes yet. Press A to add one at this moment."))]


def draw_notes(scene: ReplayViewerScene, surface: pygame.Surface, rect: Rect,
               single: bool = False) -> None:
    """The facilitator's notes, the latest at the cursor marked ▶; `single`: that one only,
    in a box sized for the longest line (`columns`)."""
    ctx, model = scene.ctx, scene.model
    m, p, t = ctx.metrics, ctx.palette, ctx.t
    panel(ctx, surface, rect)
    inner = rect.inflate(-2 * m.gap, -2 * m.gap)
    head_h = ctx.line_height(m.small, True)
    ctx.text(surface, t("✎ Notes ({n}) · A adds one here", n=len(model.notes)),
             Rect(inner.x, inner.y, inner.width, head_h), m.small, p.accent, True)
    row_h = ctx.line_height(m.small)
    rows = 1 if single else max(1, (inner.height - head_h) // row_h)
    if rows == 1:
        row_h = inner.height - head_h
    lines = note_lines(scene)
    before = [i for i, (tick, _) in enumerate(lines) if 0 <= tick <= scene.cursor.tick]
    start = max(0, min(len(lines) - rows, (before[-1] if before else 0) - rows + 1))
    for i, (_, text) in enumerate(lines[start:start + rows]):
        current = bool(before) and start + i == before[-1]
        box = Rect(inner.x, inner.y + head_h + i * row_h, inner.width, row_h)
        ctx.text(surface, ("▶ " if current else "   ") + text, box, m.small,
                 p.text if current else p.muted, False)
