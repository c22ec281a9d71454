"""Drawing the end-of-workshop comparison (read-only).

Top: how the story ended and its score (revealed here: this is the debrief). Middle: one row
per decision, paged with Up/Down when they do not all fit: the room's counts, majority,
followed and optimal options, a ✔/✖ verdict in words. Bottom: the risk weights the room's
majorities fit, a discussion prompt, and the buttons.

Every box is as tall as its words need at the projector's sizes (nothing scrolls on a
projector); a row that does not fit goes to the next page instead.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import pygame

from game.ui.kit.button import Button, button_need, draw_buttons
from game.ui.kit.common import draw_footer, draw_header, text_height
from game.ui.kit.layout import frame, stack
from game.ui.kit.panels import panel, tone_colour
from game.ui.shell.context import UiContext
from game.ui.workshop.end_rows import row_height
from game.ui.workshop.presenters import EndVM
from game.ui.workshop.room_draw import draw_histogram
from game.ui.workshop.room_presenters import room_histogram
from game.ui.workshop.view import fit, fit_text

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
    details: bool = True
    """The outcome's scores and weight line, and the attitude's prompt, are shown (they
    make way for the first decision row when the screen is short: at 1024x600 with Extra
    large text the rows had no height at all)."""


def end_layout(ctx: UiContext, vm: EndVM | None = None, score_text: str = "",
               title: str = "") -> EndLayout:
    """`vm`: the comparison once computed (the outcome and attitude boxes then fit its words).
    `title`: the header's words (the band grows for them instead of scrolling). When the
    tallest decision row would not fit whole, the outcome's details and the attitude's prompt make
    way, then the two buttons (the footer names their keys), then the outcome box (the play
    screen showed it), then the attitude box."""
    m = ctx.metrics
    head_w = ctx.size[0] - 2 * m.pad
    f = frame(ctx.size, m, m.heading,
              text_height(ctx, title, m.small, head_w, True) if title else 0)
    width = f.body.width - 2 * m.gap
    outcome_h = ctx.line_height(m.body, True) + ctx.line_height(m.small) * 2 + 2 * m.gap
    attitude_h = ctx.line_height(m.body) * 2 + ctx.line_height(m.small) + 2 * m.gap
    if vm is not None:
        outcome_h = max(outcome_h, text_height(ctx, vm.title, m.body, width, True) + 2 * m.gap
                        + text_height(ctx, f"{score_text}\n{vm.weight_text}".strip(), m.small,
                                      width))
        attitude_h = text_height(ctx, vm.attitude, m.body, width, True) + \
            text_height(ctx, vm.prompt, m.small, width) + 2 * m.gap
    bw = (f.body.width - m.gap) // 2
    button_h = max(button_need(ctx, ctx.t(words), bw, key) for words, key in (
        ("Back to the last decision", "⌫"), ("Another vignette", "Esc")))
    rows_h = f.body.height - outcome_h - attitude_h - button_h - 3 * m.gap
    details = True
    if vm is not None and vm.rows and rows_h < _row_need(ctx, vm, width + 2 * m.gap):
        details = False
        rows_h += outcome_h + attitude_h
        outcome_h = text_height(ctx, vm.title, m.body, width, True) + 2 * m.gap
        attitude_h = text_height(ctx, vm.attitude, m.body, width, True) + 2 * m.gap
        rows_h -= outcome_h + attitude_h
        for part in ("buttons", "outcome", "attitude"):
            if rows_h >= _row_need(ctx, vm, width + 2 * m.gap):
                break
            if part == "buttons":  # their keys (Backspace, Esc) are on the footer line
                rows_h, button_h = rows_h + button_h + m.gap, -m.gap
            elif part == "outcome":
                rows_h, outcome_h = rows_h + outcome_h + m.gap, -m.gap
            else:
                rows_h, attitude_h = rows_h + attitude_h + m.gap, -m.gap
    outcome, rows, attitude, bottom = stack(f.body, [outcome_h, rows_h, attitude_h,
                                                     button_h], m.gap)
    buttons = [pygame.Rect(bottom.x, bottom.y, bw, bottom.height),
               pygame.Rect(bottom.right - bw, bottom.y, bw, bottom.height)] \
        if button_h > 0 else []
    return EndLayout(f.header, outcome, rows, attitude, buttons, f.footer, details)


def _row_need(ctx: UiContext, vm: EndVM, width: int) -> int:
    """The tallest decision row whole, alone on its page (it says "Decision 2 of 3"
    itself): every page shows at least one row whole (the second decision's verdict
    scrolled once the boxes had been fitted to the first)."""
    total = len(vm.rows) if len(vm.rows) > 1 else 0
    return max(row_height(ctx, row, width, total) for row in vm.rows)


def end_buttons(ctx: UiContext, lay: EndLayout) -> list[Button]:
    """The two buttons, or none where they made way for a decision row (Extra large)."""
    t = ctx.t
    if not lay.buttons:
        return []
    return [Button("back", t("Back to the last decision"), lay.buttons[0], "⌫"),
            Button("setup", t("Another vignette"), lay.buttons[1], "Esc")]


def draw_end(scene: WorkshopEndScene, surface: pygame.Surface) -> None:
    ctx, lay, m, t = scene.ctx, scene.layout, scene.ctx.metrics, scene.ctx.t
    surface.fill(ctx.palette.background)
    title = t("The room and the optimal policy · {title}", title=scene.scenario.title)
    draw_header(ctx, surface, lay.header, title,
                fit(ctx, title, lay.header, (m.heading, m.body, m.small), True))
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
        if lay.attitude.height > 0:
            _draw_attitude(scene, surface)
    draw_buttons(ctx, surface, scene.buttons, scene.focus.current, m.body)
    draw_footer(ctx, surface, lay.footer, end_hint(scene, lay.footer))


def _draw_attitude(scene: WorkshopEndScene, surface: pygame.Surface) -> None:
    ctx, lay, m, vm = scene.ctx, scene.layout, scene.ctx.metrics, scene.vm
    assert vm is not None
    panel(ctx, surface, lay.attitude, border=ctx.palette.accent)
    inner = lay.attitude.inflate(-2 * m.gap, -2 * m.gap)
    prompt_h = text_height(ctx, vm.prompt, m.small, inner.width) if lay.details else 0
    ctx.text(surface, vm.attitude, pygame.Rect(inner.x, inner.y, inner.width,
                                               inner.height - prompt_h), m.body,
             ctx.palette.text, True)
    if prompt_h:
        ctx.text(surface, vm.prompt, pygame.Rect(inner.x, inner.bottom - prompt_h,
                                                 inner.width, prompt_h), m.small,
                 ctx.palette.muted)


def end_hint(scene: WorkshopEndScene, footer: pygame.Rect) -> str:
    """The keys line: with the log's name if it fits the footer, else without (the name is
    in the reports); W first with phones. W used to be added after the fit was checked, so
    with phones the line needed a second line and scrolled."""
    ctx, t = scene.ctx, scene.ctx.t
    if scene.message:
        return scene.message
    log = Path(scene.session.log_path).name if scene.session.log_path else ""
    hints = [t("Up/Down more decisions · Backspace last decision · Esc another vignette · "
               "log {log}", log=log),
             t("Up/Down more decisions · Backspace last decision · Esc another vignette")]
    if scene.phones is not None and scene.phones.server is not None:
        hints = [t("W the room's spread · {hint}", hint=h) for h in hints]
    for hint in hints:
        if text_height(ctx, hint, ctx.metrics.small, footer.width) <= footer.height:
            return hint
    return hints[-1]


def _draw_outcome(scene: WorkshopEndScene, surface: pygame.Surface, rect: pygame.Rect) -> None:
    ctx, m = scene.ctx, scene.ctx.metrics
    if rect.height <= 0:  # made way for the decision rows
        return
    panel(ctx, surface, rect)
    inner = rect.inflate(-2 * m.gap, -2 * m.gap)
    title = scene.vm.title if scene.vm else ""
    head_h = max(ctx.line_height(m.body, True), text_height(ctx, title, m.body, inner.width,
                                                            True))
    fit_text(ctx, surface, title, pygame.Rect(inner.x, inner.y, inner.width, head_h),
             (m.body, m.small), ctx.palette.text, True)
    weight = scene.vm.weight_text if scene.vm else ""
    if not scene.layout.details:
        return
    body = pygame.Rect(inner.x, inner.y + head_h, inner.width, inner.height - head_h)
    ctx.text(surface, f"{scene.score_text}\n{weight}".strip(), body, m.small,
             ctx.palette.muted)


def _draw_rows(scene: WorkshopEndScene, surface: pygame.Surface) -> None:
    """The page of decision rows (measured once, `end_rows.PageMemo`) and, when the rows
    do not all fit, which of them are shown."""
    ctx, lay = scene.ctx, scene.layout
    assert scene.vm is not None
    rows = scene.vm.rows
    if not rows:
        ctx.text(surface, ctx.t("The room did not vote at any decision point."), lay.rows,
                 ctx.metrics.body, ctx.palette.muted)
        return
    page = scene.page
    for shown in page.shown:
        panel(ctx, surface, shown.rect, border=tone_colour(ctx, shown.row.tone))
        for (text, colour, bold, size), box in shown.lines:
            if box.height:
                ctx.text(surface, text, box, size, colour, bold)
    if page.marks is not None:
        a, b = scene.offset + 1, scene.offset + len(page.shown)
        span = ctx.t("Decision {a} of {n}", a=a, n=len(rows)) if a == b else \
            ctx.t("Decisions {a}-{b} of {n}", a=a, b=b, n=len(rows))
        ctx.text(surface, span + ctx.t(" · Up/Down for the others"),
                 page.marks, ctx.metrics.small, ctx.palette.muted, False, "right")
