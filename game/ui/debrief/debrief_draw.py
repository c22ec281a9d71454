"""Drawing the debrief screen (read-only): the phase tabs and one page per phase."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

import pygame
from pygame import Rect

from game.ui.debrief.presenters import PHASES, DebriefVM, phase_names
from game.ui.kit.button import Button, draw_buttons
from game.ui.kit.common import draw_footer, draw_header, section, section_need, text_height
from game.ui.kit.layout import frame, share, split_x, split_y, stack
from game.ui.kit.panels import badge, focus_ring, panel, tone_colour
from game.ui.review.decision_panel import allot, decision_need, draw_decision, floor_line
from game.ui.shell.context import UiContext

if TYPE_CHECKING:
    from game.ui.debrief.debrief import DebriefScene



def footer_text(ctx: UiContext, phase: int) -> str:
    t = ctx.t
    return (t("←/→ or 1-4 phase · ↑/↓ move · Esc back"),
            t("←/→ or 1-4 phase · ↑/↓ move through the timeline · Esc back"),
            t("←/→ or 1-4 phase · ↑/↓ other decisions · Esc back"),
            t("←/→ or 1-4 phase · ↑/↓ move · E add · Enter edit · Delete remove · Esc back")
            )[phase]


@dataclass(frozen=True)
class DebriefLayout:
    header: Rect
    subtitle: Rect
    tabs: list[Rect]
    body: Rect
    footer: Rect


def debrief_layout(ctx: UiContext) -> DebriefLayout:
    m = ctx.metrics
    f = frame(ctx.size, m, m.heading)
    sub, rest = split_y(f.body, ctx.line_height(m.small), m.gap // 2)
    tabs_row, body = split_y(rest, m.button_h, m.gap)
    w = (tabs_row.width - m.gap * (len(PHASES) - 1)) // len(PHASES)
    tabs = [Rect(tabs_row.x + i * (w + m.gap), tabs_row.y, w, m.button_h)
            for i in range(len(PHASES))]
    return DebriefLayout(f.header, sub, tabs, body, f.footer)


def draw_debrief(scene: DebriefScene, surface: pygame.Surface) -> None:
    ctx, lay, vm = scene.ctx, scene.layout, scene.vm
    m, p, t = ctx.metrics, ctx.palette, ctx.t
    surface.fill(p.background)
    draw_header(ctx, surface, lay.header, vm.title if vm else t("Debrief"), m.heading)
    tabs = [Button(str(i), name, rect, str(i + 1), selected=i == scene.phase)
            for i, (name, rect) in enumerate(zip(phase_names(t), lay.tabs))]
    draw_buttons(ctx, surface, tabs, None, m.body)  # focus is inside the page
    if vm is None:
        text = scene.error or t("Preparing the debrief: re-simulating the recording and "
                                "solving the vignette…")
        ctx.text(surface, text, lay.body, m.body, p.warn if scene.error else p.muted)
        draw_footer(ctx, surface, lay.footer, t("Esc back"))
        return
    sub = vm.subtitle + (f" · ⚠ {scene.warning}" if scene.warning else "")
    ctx.text(surface, sub, lay.subtitle, m.small, p.warn if scene.warning else p.muted)
    (draw_reactions, draw_description, draw_analysis, draw_summary)[scene.phase](
        scene, vm, surface, lay.body)
    draw_footer(ctx, surface, lay.footer, footer_text(ctx, scene.phase) + _position(scene))


def _cards(ctx: UiContext, surface: pygame.Surface, area: Rect, texts: list[str],
           focused: int, size: int) -> None:
    """Stacked panels sized by their text; the focused one wears the focus ring."""
    m = ctx.metrics
    needs = [text_height(ctx, text, size, area.width - 2 * m.gap) + 2 * m.gap
             for text in texts]
    floors = [floor_line(ctx, size) + 2 * m.gap] * len(texts)
    heights = [min(h, n) for h, n in zip(allot(area.height, needs, floors, m.gap), needs)]
    for i, (text, rect) in enumerate(zip(texts, stack(area, heights, m.gap))):
        panel(ctx, surface, rect, ctx.palette.panel_alt if i == focused else None)
        ctx.text(surface, text, rect.inflate(-2 * m.gap, -2 * m.gap), size)
        if i == focused:
            focus_ring(ctx, surface, rect)


def _position(scene: DebriefScene) -> str:
    """Where the focus is when a page has more than fits ("· 3 of 14")."""
    count = scene.count(scene.phase)
    if scene.phase not in (1, 2) or count <= 1:
        return ""
    return f" · {scene.index[scene.phase] + 1}/{count}"


def draw_reactions(scene: DebriefScene, vm: DebriefVM, surface: pygame.Surface,
                   area: Rect) -> None:
    ctx, m = scene.ctx, scene.ctx.metrics
    hint, rest = split_y(area, ctx.line_height(m.small) * 2, m.gap)
    ctx.text(surface, vm.reactions_hint, hint, m.small, ctx.palette.muted)
    _cards(ctx, surface, rest, list(vm.reactions), scene.index[0], m.body)


def draw_description(scene: DebriefScene, vm: DebriefVM, surface: pygame.Surface,
                     area: Rect) -> None:
    ctx, m, p = scene.ctx, scene.ctx.metrics, scene.ctx.palette
    row_h = ctx.line_height(m.body) * 2 + m.gap
    per_page = max(1, (area.height + m.gap // 2) // (row_h + m.gap // 2))
    focused = scene.index[1]
    start = max(0, min(len(vm.rows) - per_page, focused - per_page // 2))
    time_w = round(m.body * 3.6)
    for i, row in enumerate(vm.rows[start:start + per_page]):
        rect = Rect(area.x, area.y + i * (row_h + m.gap // 2), area.width, row_h)
        current = start + i == focused
        panel(ctx, surface, rect, p.panel_alt if current else None)
        inner = rect.inflate(-2 * m.gap, -m.gap)
        ctx.text(surface, row.time, Rect(inner.x, inner.y, time_w, inner.height), m.body,
                 p.muted, True)
        colour = tone_colour(ctx, row.tone) if row.tone != "text" else p.text
        ctx.text(surface, row.text, Rect(inner.x + time_w, inner.y, inner.width - time_w,
                                         inner.height), m.body, colour)
        if current:
            focus_ring(ctx, surface, rect)


def draw_analysis(scene: DebriefScene, vm: DebriefVM, surface: pygame.Surface,
                  area: Rect) -> None:
    """Left: what to say (the inquiry, the vignette's question, your notes). Right: the
    decision as the model sees it, then when you acted and why the model's best was best."""
    ctx, m, t = scene.ctx, scene.ctx.metrics, scene.ctx.t
    if not vm.analysis:
        ctx.text(surface, t("This session reached no decision point."), area, m.body,
                 ctx.palette.muted)
        return
    k = scene.index[2]
    d = vm.analysis[k]
    left, right = split_x(area, 0.46, m.pad)
    notes = vm.notes_by_decision[k]
    parts = [(t("Advocacy-inquiry: say what you saw, what you think, then ask"), d.inquiry)]
    if d.prompt:
        parts.append((t("The vignette asks"), d.prompt))
    if notes:
        parts.append((t("Your notes here"), "\n".join(f"✎ {n}" for n in notes)))
    model = [(label, text) for label, text in (
        (t("Why the model's best"), vm.whys[k] if k < len(vm.whys) else ""),
        (t("When"), vm.moments[k] if k < len(vm.moments) else "")) if text]
    right_parts: list[tuple[str, str]] = []
    spare = [left.height - sum(section_need(ctx, left.width, *x) + m.gap for x in parts),
             right.height - decision_need(ctx, right.width, d) - m.gap]
    for label, body in model:  # each to the column with more room left, so neither scrolls
        side = 0 if spare[0] >= spare[1] else 1
        spare[side] -= section_need(ctx, (left, right)[side].width, label, body) + m.gap
        (parts if side == 0 else right_parts).append((label, body))
    _sections(ctx, surface, left, parts)
    needs = [decision_need(ctx, right.width, d)] + \
        [section_need(ctx, right.width, label, body) for label, body in right_parts]
    boxes = stack(right, share(right.height, needs, m.gap), m.gap)
    draw_decision(ctx, surface, boxes[0], d)
    for (label, body), rect in zip(right_parts, boxes[1:]):
        section(ctx, surface, rect, label, body)


def _sections(ctx: UiContext, surface: pygame.Surface, area: Rect,
              parts: list[tuple[str, str]]) -> None:
    needs = [section_need(ctx, area.width, label, body) for label, body in parts]
    for (label, body), rect in zip(parts, stack(area, share(area.height, needs, ctx.metrics.gap),
                                                ctx.metrics.gap)):
        section(ctx, surface, rect, label, body)


def draw_summary(scene: DebriefScene, vm: DebriefVM, surface: pygame.Surface,
                 area: Rect) -> None:
    ctx, m, p, t = scene.ctx, scene.ctx.metrics, scene.ctx.palette, scene.ctx.t
    line = ctx.line_height(m.body)
    top_h = line * 2 + ctx.line_height(m.small) * 2 + 2 * m.gap
    top, rest = split_y(area, top_h, m.gap)
    panel(ctx, surface, top)
    inner = top.inflate(-2 * m.gap, -2 * m.gap)
    badge_w = min(round(200 * m.scale), inner.width // 4)
    badge(ctx, surface, Rect(inner.x, inner.y, badge_w, line * 2), vm.tone, vm.word, m.body)
    facts = Rect(inner.x + badge_w + m.gap, inner.y, inner.width - badge_w - m.gap,
                 inner.height)
    ctx.text(surface, f"{vm.outcome}\n{vm.attitude}".strip(), facts, m.body)
    note_h = ctx.line_height(m.small)
    cards, note = split_y(rest, rest.height - note_h - m.gap, m.gap)
    texts = [f"{i + 1}. {x}" for i, x in enumerate(scene.takeaways)]
    texts.append(t("+ Add a take-away (E)"))
    _cards(ctx, surface, cards, texts, scene.index[3], m.body)
    ctx.text(surface, scene.summary_note or t("Take-aways are saved beside the log; the log "
                                              "is never changed."), note, m.small, p.muted)
