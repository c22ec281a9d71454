"""Drawing the end-of-workshop comparison (read-only).

Top: how the story ended and its score (revealed here: this is the debrief). Middle: one row
per decision, paged with Up/Down when they do not all fit: the room's counts, majority,
followed and optimal options, a ✔/✖ verdict in words. Bottom: the risk weights the room's
majorities fit, a discussion prompt, and the buttons.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import pygame

from game.ui.kit.button import Button, draw_buttons
from game.ui.kit.common import draw_footer, draw_header
from game.ui.kit.layout import frame, share, split_x, stack
from game.ui.kit.panels import panel, tone_colour
from game.ui.shell.context import UiContext
from game.ui.workshop.presenters import EndRowVM
from game.ui.workshop.room_draw import draw_histogram
from game.ui.workshop.room_presenters import room_histogram

if TYPE_CHECKING:
    from game.ui.workshop.end import WorkshopEndScene


@dataclass(frozen=True)
class EndLayout:
    header: pygame.Rect
    outcome: pygame.Rect
    rows: pygame.Rect
    attitude: pygame.Rect
    buttons: list[pygame.Rect]
    footer: pygame.Rect


def end_layout(ctx: UiContext) -> EndLayout:
    m = ctx.metrics
    f = frame(ctx.size, m, m.heading)
    outcome_h = ctx.line_height(m.body, True) + ctx.line_height(m.small) * 2 + 2 * m.gap
    attitude_h = ctx.line_height(m.body) * 2 + ctx.line_height(m.small) + 2 * m.gap
    rows_h = f.body.height - outcome_h - attitude_h - m.button_h - 3 * m.gap
    outcome, rows, attitude, bottom = stack(f.body, [outcome_h, rows_h, attitude_h,
                                                     m.button_h], m.gap)
    bw = (bottom.width - m.gap) // 2
    buttons = [pygame.Rect(bottom.x, bottom.y, bw, bottom.height),
               pygame.Rect(bottom.right - bw, bottom.y, bw, bottom.height)]
    return EndLayout(f.header, outcome, rows, attitude, buttons, f.footer)


def end_buttons(ctx: UiContext, lay: EndLayout) -> list[Button]:
    t = ctx.t
    return [Button("back", t("Back to the last decision"), lay.buttons[0], "⌫"),
            Button("setup", t("Another vignette"), lay.buttons[1], "Esc")]


def row_height(ctx: UiContext) -> int:
    """Two columns: cue, votes (two lines) and weights | majority, followed, optimal."""
    m = ctx.metrics
    return max(ctx.line_height(m.small) * 4, ctx.line_height(m.body) * 3) + 2 * m.gap


def rows_per_page(ctx: UiContext, lay: EndLayout) -> int:
    gap = ctx.metrics.gap
    marks = ctx.line_height(ctx.metrics.small)
    return max(1, (lay.rows.height - marks + gap) // (row_height(ctx) + gap))


def draw_end(scene: WorkshopEndScene, surface: pygame.Surface) -> None:
    ctx, lay, m, t = scene.ctx, scene.layout, scene.ctx.metrics, scene.ctx.t
    surface.fill(ctx.palette.background)
    draw_header(ctx, surface, lay.header, t("The room and the optimal policy · {title}",
                                            title=scene.scenario.title), m.heading)
    vm = scene.vm
    _draw_outcome(scene, surface, lay.outcome)
    if vm is None:
        text = scene.error or t("Comparing the room's choices with the optimal policy…")
        ctx.text(surface, text, lay.rows, m.heading, ctx.palette.warn if scene.error else
                 ctx.palette.muted, True, "center", "center")
    else:
        spread = room_histogram(scene.phones.room, t) if scene.show_spread and scene.phones \
            else None
        if spread is not None:
            draw_histogram(ctx, surface, lay.rows, spread)
        elif scene.show_spread:
            ctx.text(surface, t("Computing the room's spread…"), lay.rows, m.heading,
                     ctx.palette.muted, True, "center", "center")
        else:
            _draw_rows(scene, surface)
        panel(ctx, surface, lay.attitude, border=ctx.palette.accent)
        inner = lay.attitude.inflate(-2 * m.gap, -2 * m.gap)
        prompt_h = ctx.line_height(m.small)
        ctx.text(surface, vm.attitude, pygame.Rect(inner.x, inner.y, inner.width,
                                                   inner.height - prompt_h), m.body,
                 ctx.palette.text, True)
        ctx.text(surface, vm.prompt, pygame.Rect(inner.x, inner.bottom - prompt_h,
                                                 inner.width, prompt_h), m.small,
                 ctx.palette.muted, min_size=m.small, truncate=True)
    draw_buttons(ctx, surface, scene.buttons, scene.focus.current, m.body)
    log = Path(scene.session.log_path).name if scene.session.log_path else ""
    hint = scene.message or t("Up/Down more decisions · Backspace last decision · Esc another "
                              "vignette · log {log}", log=log)
    if scene.phones is not None and scene.phones.server is not None and not scene.message:
        hint = t("W the room's spread · {hint}", hint=hint)
    draw_footer(ctx, surface, lay.footer, hint)


def _draw_outcome(scene: WorkshopEndScene, surface: pygame.Surface, rect: pygame.Rect) -> None:
    ctx, m = scene.ctx, scene.ctx.metrics
    panel(ctx, surface, rect)
    inner = rect.inflate(-2 * m.gap, -2 * m.gap)
    head_h = ctx.line_height(m.body, True)
    title = scene.vm.title if scene.vm else ""
    ctx.text(surface, title, pygame.Rect(inner.x, inner.y, inner.width, head_h), m.body,
             ctx.palette.text, True, min_size=m.small, truncate=True)
    weight = scene.vm.weight_text if scene.vm else ""
    body = pygame.Rect(inner.x, inner.y + head_h, inner.width, inner.height - head_h)
    ctx.text(surface, f"{scene.score_text}\n{weight}".strip(), body, m.small,
             ctx.palette.muted)


def _draw_rows(scene: WorkshopEndScene, surface: pygame.Surface) -> None:
    ctx, lay = scene.ctx, scene.layout
    assert scene.vm is not None
    rows = scene.vm.rows
    if not rows:
        ctx.text(surface, ctx.t("The room did not vote at any decision point."), lay.rows,
                 ctx.metrics.body, ctx.palette.muted)
        return
    shown = rows[scene.offset:scene.offset + scene.per_page]
    gap = ctx.metrics.gap
    height = (lay.rows.height - ctx.line_height(ctx.metrics.small) - gap * (len(shown))) \
        // max(1, scene.per_page)
    for row, rect in zip(shown, stack(lay.rows, [height] * len(shown), gap)):
        _draw_row(ctx, surface, row, rect)
    if len(rows) > len(shown):
        h = ctx.line_height(ctx.metrics.small)
        box = pygame.Rect(lay.rows.x, lay.rows.bottom - h, lay.rows.width, h)
        a, b = scene.offset + 1, scene.offset + len(shown)
        span = ctx.t("Decision {a} of {n}", a=a, n=len(rows)) if a == b else \
            ctx.t("Decisions {a}-{b} of {n}", a=a, b=b, n=len(rows))
        ctx.text(surface, span + ctx.t(" · Up/Down for the others"),
                 box, ctx.metrics.small, ctx.palette.muted, False, "right")


def _draw_row(ctx: UiContext, surface: pygame.Surface, row: EndRowVM, rect: pygame.Rect) -> None:
    m, p = ctx.metrics, ctx.palette
    panel(ctx, surface, rect, border=tone_colour(ctx, row.tone))
    left, right = split_x(rect.inflate(-2 * m.gap, -2 * m.gap), 0.46, m.pad)
    small, body = ctx.line_height(m.small), ctx.line_height(m.body)
    cue, votes, weights = stack(left, share(left.height, [small, small * 2, small], 0), 0)
    ctx.text(surface, ctx.t("Decision {n} · {cue}", n=row.number, cue=row.cue), cue,
             m.small, p.muted, min_size=m.small, truncate=True)
    ctx.text(surface, row.counts_text, votes, m.small, p.text)
    ctx.text(surface, row.weights_text, weights, m.small, p.muted)
    choices, verdict = stack(right, share(right.height, [body * 2, body], 0), 0)
    ctx.text(surface, ctx.t("Majority: {a}\nFollowed: {b}", a=row.majority, b=row.followed),
             choices, m.body, p.text)
    ctx.text(surface, row.verdict, verdict, m.body, tone_colour(ctx, row.tone), True)
