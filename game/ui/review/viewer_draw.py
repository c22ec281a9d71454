"""Drawing the replay viewer (read-only: nothing here changes the scene or the model).

Left: the procedure view above the narration, both as they were at the cursor. Right: the
decision panel while a window is open (every option's Q-value as a bar, chosen vs. the
model's choice, regret, the trainee as the supervisor saw them), otherwise the session's
facts; under it the facilitator's notes. Where they do not fit side by side at the chosen
text size, one shows and Tab swaps them (viewer_layout.py). Bottom: the timeline with
decision markers (number, symbol, word and colour), note flags and the playhead (track.py).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import pygame
from pygame import Rect

from game.ui.kit.common import draw_footer, text_height
from game.ui.kit.layout import stack
from game.ui.kit.panels import panel
from game.ui.play.play_draw import draw_narration
from game.ui.review.decision_panel import allot, draw_decision
from game.ui.review.keys import VIEWER_KEYS
from game.ui.review.presenters import clock
from game.ui.review.track import draw_track, draw_transport
from game.ui.review.viewer_layout import (
    Body,
    ViewerLayout,
    bands,
    body_regions,
    decision_content,
    info_content,
    info_parts,
    notes_head,
    parts_floor,
    picture_min,
)
from game.ui.shell.context import UiContext

if TYPE_CHECKING:
    from game.ui.review.model import ReplayModel
    from game.ui.review.viewer import ReplayViewerScene


def viewer_title(ctx: UiContext, model: ReplayModel) -> str:
    return model.title if model.error else ctx.t("Replay: {title}", title=model.title)


def viewer_status(model: ReplayModel) -> str:
    return model.status + (f" ⚠ {model.warning}" if model.warning else "")


def transport_texts(ctx: UiContext, model: ReplayModel) -> list[tuple[str, str]]:
    """Every (left, right) pair the transport line may show, at their longest: the line is
    as tall as the tallest needs, so no message scrolls."""
    t, end = ctx.t, clock(model.total_ticks)
    states = [f"{t(word)} · 16x · {end} / {end}" for word in ("▶ Playing", "‖ Paused")]
    count = len(model.decisions)
    notes = [t("Decision {n} of {count}: B branches here", n=count, count=count),
             t("Decision {n} of {count} · Tab: the picture · B branches here", n=count,
               count=count),
             t("Decision {n} of {count} · Tab: the decision · B branches here", n=count,
               count=count),
             t("Stopped at a decision point · Space continues"),
             t("Go to a decision point first (→ or N), then press B"),
             t("Only a finished session can be branched"), t("No later decision point"),
             t("No earlier decision point"), t("Note saved beside the log"),
             t("Speed {n}x", n=16), t("Tab: the session"), t("Tab: the picture"),
             t("The picture and the panel are both on screen")]
    return [(state, note) for state in states for note in notes]


def footer_legend(ctx: UiContext) -> str:
    """The viewer's keys in one line: all of them where they fit, else the few a replay
    is driven by and F1, which lists them all (a second footer line is a line the decision
    panel lacks at Extra large in a small window)."""
    whole = ctx.t(VIEWER_KEYS.legend(0))
    width = ctx.size[0] - 2 * ctx.metrics.pad
    if text_height(ctx, whole, ctx.metrics.small, width) <= ctx.line_height(ctx.metrics.small):
        return whole
    return ctx.t(VIEWER_KEYS.legend(2))


def viewer_layout(ctx: UiContext, model: ReplayModel) -> ViewerLayout:
    """The header band is as tall as the longer of the title (left) and the status (right)
    wrapped in their columns, so a long vignette title wraps instead of scrolling; the
    transport line and the footer are as tall as their words."""
    return bands(ctx, viewer_title(ctx, model), viewer_status(model),
                 footer_legend(ctx), transport_texts(ctx, model))


def body_for(scene: ReplayViewerScene) -> Body:
    """This frame's body: the decision panel at a decision, else the session's facts."""
    ctx = scene.ctx
    head = notes_head(ctx, len(scene.model.notes))
    notes = tuple(text for _, text in note_lines(scene))
    if scene.panel is not None:
        content = decision_content(ctx, scene.panel, scene.lines, head, notes)
    else:
        content = info_content(ctx, info_texts(scene), scene.lines, head, notes)
    return body_regions(ctx, scene.layout.body, content, scene.picture_first)


def draw_viewer(scene: ReplayViewerScene, surface: pygame.Surface) -> None:
    ctx, lay, model = scene.ctx, scene.layout, scene.model
    m, p, t = ctx.metrics, ctx.palette, ctx.t
    surface.fill(p.background)
    ctx.text(surface, viewer_title(ctx, model), lay.header, m.heading, p.text, True, "left",
             "center")
    if model.error:
        ctx.text(surface, model.error, lay.body, m.body, p.warn)
        draw_footer(ctx, surface, lay.footer, t("Esc back · F1 help"))
        return
    ctx.text(surface, viewer_status(model), lay.status, m.small,
             p.warn if model.warning else p.muted, False, "right", "center")
    body = scene.body()
    if body.procedure is not None:
        draw_picture(scene, surface, body.procedure)
    if body.narration is not None:
        draw_narration(ctx, surface, body.narration, scene.lines)
    if body.panel is not None:
        if scene.panel is not None:
            draw_decision(ctx, surface, body.panel, scene.panel)
        else:
            draw_info(scene, surface, body.panel)
    if body.notes is not None:
        draw_notes(scene, surface, body.notes)
    draw_transport(scene, surface, body)
    draw_track(scene, surface)
    draw_footer(ctx, surface, lay.footer, footer_legend(ctx))


def picture_fits(ctx: UiContext, rect: Rect) -> bool:
    """Whether the procedure view may draw in `rect`: never in a size below its least (a
    view computing its parts from a zero or negative size fails, or draws labels over each
    other)."""
    w, h = picture_min(ctx)
    return rect.width >= w and rect.height >= h


def draw_picture(scene: ReplayViewerScene, surface: pygame.Surface, rect: Rect) -> None:
    """The procedure view at the cursor; a rectangle too small for it (the layout never
    gives one) gets an empty panel instead of a broken picture."""
    if picture_fits(scene.ctx, rect):
        scene.motion.draw(scene.ctx, surface, rect, scene.time_s)
    elif rect.width > 0 and rect.height > 0:
        panel(scene.ctx, surface, rect)


def info_texts(scene: ReplayViewerScene) -> list[tuple[str, int, bool, bool]]:
    """The session panel between decisions: what this recording is, where the next
    decision point is, every decision's moment and choice, and the keys."""
    ctx, model = scene.ctx, scene.model
    t = ctx.t
    following = [d for d in model.decisions if (d.index, d.tick) > scene.cursor.position]
    if following:
        d = following[0]
        where = t("Next: decision {n} at {time} ({symbol} {word}) · press → or N", n=d.number,
                  time=clock(d.tick), symbol=d.symbol, word=d.word)
    elif model.decisions:
        where = t("No decision point after this moment · D opens the debrief")
    else:
        where = t("This session reached no decision point.")
    plan = "\n".join([t("{n}. {time} {symbol} {word}: {chosen}", n=d.number,
                         time=clock(d.tick), symbol=d.symbol, word=d.word,
                         chosen=d.detail.chosen_label) for d in model.decisions]
                     + [t(VIEWER_KEYS.legend(1))])
    return info_parts(ctx, t("Session"), " · ".join(model.facts), where, plan)


def draw_info(scene: ReplayViewerScene, surface: pygame.Surface, rect: Rect) -> None:
    """Between decisions: the session panel, each part whole or (the long ones) scrolling
    in a box three lines tall."""
    ctx = scene.ctx
    m, p = ctx.metrics, ctx.palette
    panel(ctx, surface, rect)
    inner = rect.inflate(-2 * m.gap, -2 * m.gap)
    parts = info_texts(scene)
    needs, floors = parts_floor(ctx, parts, inner.width)
    if sum(floors) + m.gap * (len(parts) - 1) > inner.height:
        # Below its floor (no shipped vignette at a supported size, test_viewer_layout):
        # one text that scrolls inside the panel rather than parts that run past it.
        ctx.text(surface, "\n".join(text for text, _, _, _ in parts), inner, m.body, p.text)
        return
    colours = [p.accent, p.text, p.text]
    for (text, size, bold, _), colour, box in zip(parts, colours, stack(inner, allot(
            inner.height, needs, floors, m.gap), m.gap)):
        ctx.text(surface, text, box, size, colour, bold)


def note_lines(scene: ReplayViewerScene) -> list[tuple[int, str]]:
    """The notes panel's lines, each with its tick (-1: not tied to a moment)."""
    model = scene.model
    lines = [(n.tick, f"{clock(n.tick)}  {n.text}") for n in model.notes]
    lines += [(-1, f"⚠ {x}") for x in model.note_problems]
    return lines or [(-1, scene.ctx.t("No notes yet. Press A to add one at this moment."))]


def draw_notes(scene: ReplayViewerScene, surface: pygame.Surface, rect: Rect) -> None:
    """The facilitator's notes, the latest at the cursor marked ▶ and the ones before it
    above it, as many as fit whole (the layout gives room for at least one)."""
    ctx, model = scene.ctx, scene.model
    m, p = ctx.metrics, ctx.palette
    panel(ctx, surface, rect)
    inner = rect.inflate(-2 * m.gap, -2 * m.gap)
    head = notes_head(ctx, len(model.notes))
    head_h = text_height(ctx, head, m.small, inner.width, True)
    ctx.text(surface, head, Rect(inner.x, inner.y, inner.width, head_h), m.small, p.accent,
             True)
    lines = note_lines(scene)
    before = [i for i, (tick, _) in enumerate(lines) if 0 <= tick <= scene.cursor.tick]
    current = before[-1] if before else -1
    texts = [("▶ " if i == current else "   ") + text for i, (_, text) in enumerate(lines)]
    needs = [text_height(ctx, text, m.small, inner.width) for text in texts]
    start = shown_from(needs, max(0, current), inner.height - head_h)
    y = inner.y + head_h
    for i in range(start, len(texts)):
        if i > start and y + needs[i] > inner.bottom:
            break
        box = Rect(inner.x, y, inner.width, min(needs[i], inner.bottom - y))
        ctx.text(surface, texts[i], box, m.small, p.text if i == current else p.muted)
        y = box.bottom


def shown_from(needs: list[int], current: int, room: int) -> int:
    """The first note shown: the current one ends the list when the later ones do not fit,
    with as many earlier ones above it as fit."""
    start, used = current, needs[current] if needs else 0
    while start > 0 and used + needs[start - 1] <= room:
        start -= 1
        used += needs[start]
    return start
