"""Drawing the debrief screen (read-only): the phase tabs and one page per phase.

The title wraps and the tabs are as tall as their labels need; each page is a column of
blocks at the height their words need (`page.py`), which scrolls as a whole when it is
taller than the window at the chosen text size.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

import pygame
from pygame import Rect

from game.ui.debrief.analysis_page import analysis_build, badge_width
from game.ui.debrief.page import Block, Piece, draw_page, panel_block, text_piece
from game.ui.debrief.presenters import PHASES, DebriefVM, TimeRowVM, phase_names
from game.ui.kit.button import Button, button_need, draw_buttons
from game.ui.kit.common import draw_footer, draw_header, text_height
from game.ui.kit.layout import frame, split_y
from game.ui.kit.panels import badge, tone_colour
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


def debrief_layout(ctx: UiContext, title: str, subtitle: str) -> DebriefLayout:
    """The title band as tall as the wrapped title, the subtitle as its lines, the tabs as
    their longest label (German "Beschreibung" at Extra large), the page below them."""
    m, t = ctx.metrics, ctx.t
    width = ctx.size[0] - 2 * m.pad
    f = frame(ctx.size, m, m.heading, text_height(ctx, title, m.heading, width, True))
    sub_h = text_height(ctx, subtitle, m.small, width) if subtitle else 0
    sub, rest = split_y(f.body, sub_h, m.gap // 2)
    names = phase_names(t)
    per_row = tabs_per_row(ctx, names, rest.width)
    w = (rest.width - m.gap * (per_row - 1)) // per_row
    tab_h = max(button_need(ctx, name, w, str(i + 1)) for i, name in enumerate(names))
    rows = -(-len(PHASES) // per_row)
    tabs_row, body = split_y(rest, rows * tab_h + (rows - 1) * m.gap, m.gap)
    tabs = [Rect(tabs_row.x + (i % per_row) * (w + m.gap),
                 tabs_row.y + (i // per_row) * (tab_h + m.gap), w, tab_h)
            for i in range(len(PHASES))]
    return DebriefLayout(f.header, sub, tabs, body, f.footer)


def tabs_per_row(ctx: UiContext, names: tuple[str, ...], width: int) -> int:
    """All four tabs in a row unless a label's longest word would not fit beside its key
    (it would break inside the word: "Zusammenfass-ung"); then two rows of two."""
    m = ctx.metrics
    font = ctx.theme.fonts.get(m.body, True)  # the selected tab's label is bold
    key_w = max(round(m.body * 1.6), font.size("4")[0] + 8)
    for per_row in (len(names), 2):
        label_w = (width - m.gap * (per_row - 1)) // per_row - 3 * m.gap - key_w
        if all(font.size(word)[0] <= label_w for name in names for word in name.split()):
            return per_row
    return 2


def subtitle_text(scene: DebriefScene) -> str:
    if scene.vm is None:
        return ""
    return scene.vm.subtitle + (f" · ⚠ {scene.warning}" if scene.warning else "")


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
    ctx.text(surface, subtitle_text(scene), lay.subtitle, m.small,
             p.warn if scene.warning else p.muted)
    phase, area = scene.phase, lay.body
    if phase == 3:
        area = _summary_note(scene, surface, area)
    build, focus = page_build(scene, vm, area)
    draw_page(ctx, surface, scene.pages[phase], area, build, focus)
    draw_footer(ctx, surface, lay.footer, footer_text(ctx, phase) + _position(scene))


def page_build(scene: DebriefScene, vm: DebriefVM,
               area: Rect) -> tuple[Callable[[int], list[Block]], int]:
    """The current phase's blocks (as a function of the page width) and its focus."""
    ctx, phase = scene.ctx, scene.phase
    focus = scene.index[phase]
    if phase == 0:
        return lambda w: reactions_blocks(ctx, vm, focus, w), focus
    if phase == 1:
        return lambda w: [row_block(ctx, row, i, i == focus, w)
                          for i, row in enumerate(vm.rows)], focus
    if phase == 2:
        if not vm.analysis:
            return lambda w: [panel_block(ctx, [text_piece(
                ctx, ctx.t("This session reached no decision point."), ctx.metrics.body,
                ctx.palette.muted)], w)], focus
        return _analysis(scene, vm, area.height), focus
    return lambda w: summary_blocks(scene, vm, w), focus


def _analysis(scene: DebriefScene, vm: DebriefVM, room: int) -> Callable[[int], list[Block]]:
    """The analysis page's blocks, kept while the decision, the room, the window, the theme
    and the language stay: finding a column split that fits measures dozens of layouts,
    too many to redo every frame."""
    ctx, k = scene.ctx, scene.index[2]
    key = (k, room, ctx.size, ctx.theme, ctx.t)
    held = scene.analysis_memo
    if held is None or held[0][:3] != key[:3] or any(a is not b for a, b in
                                                       zip(held[0][3:], key[3:])):
        build, pages = analysis_build(ctx, vm, k, room), {}

        def memo(width: int) -> list[Block]:
            if width not in pages:
                pages[width] = build(width)
            return pages[width]
        scene.analysis_memo = held = (key, memo)
    return held[1]


def _position(scene: DebriefScene) -> str:
    """Where the focus is when a page has more than fits ("· 3 of 14")."""
    count = scene.count(scene.phase)
    if scene.phase not in (1, 2) or count <= 1:
        return ""
    return f" · {scene.index[scene.phase] + 1}/{count}"


def reactions_blocks(ctx: UiContext, vm: DebriefVM, focus: int, width: int) -> list[Block]:
    """The hint to start with feelings, then one card per question."""
    m = ctx.metrics
    hint = text_piece(ctx, vm.reactions_hint, m.small, ctx.palette.muted)(width)
    return [Block(hint[0], hint[1]), *(
        panel_block(ctx, [text_piece(ctx, text, m.body)], width, i, i == focus,
                    title=ctx.t("Question {n}", n=i + 1))
        for i, text in enumerate(vm.reactions))]


def row_block(ctx: UiContext, row: TimeRowVM, index: int, focused: bool, width: int) -> Block:
    """A timeline row: its time in a column as wide as the time, its text beside it."""
    m, p = ctx.metrics, ctx.palette
    time_w = ctx.theme.fonts.get(m.body, True).size("00:00")[0] + m.gap
    colour = tone_colour(ctx, row.tone) if row.tone != "text" else p.text

    def measure(inner_w: int) -> tuple[int, Callable[[pygame.Surface, Rect], None]]:
        text_w = inner_w - time_w

        def draw(surface: pygame.Surface, rect: Rect) -> None:
            ctx.text(surface, row.time, Rect(rect.x, rect.y, time_w, rect.height), m.body,
                     p.muted, True)
            ctx.text(surface, row.text, Rect(rect.x + time_w, rect.y, text_w, rect.height),
                     m.body, colour)
        return max(text_height(ctx, row.time, m.body, time_w, True),
                   text_height(ctx, row.text, m.body, text_w)), draw
    return panel_block(ctx, [measure], width, index, focused, pad_y=m.gap // 2,
                       title=row.time)


def outcome_piece(ctx: UiContext, vm: DebriefVM) -> Piece:
    """The safety badge (word and symbol) beside the outcome's figures and risk attitude."""
    m = ctx.metrics
    facts = f"{vm.outcome}\n{vm.attitude}".strip()
    badge_h = ctx.line_height(m.body) + m.gap

    def measure(width: int) -> tuple[int, Callable[[pygame.Surface, Rect], None]]:
        badge_w = badge_width(ctx, vm.word, width)
        text_w = width - badge_w - m.gap

        def draw(surface: pygame.Surface, rect: Rect) -> None:
            badge(ctx, surface, Rect(rect.x, rect.y, badge_w, min(badge_h, rect.height)),
                  vm.tone, vm.word, m.body)
            ctx.text(surface, facts, Rect(rect.right - text_w, rect.y, text_w, rect.height),
                     m.body)
        return max(badge_h, text_height(ctx, facts, m.body, text_w)), draw
    return measure


def summary_blocks(scene: DebriefScene, vm: DebriefVM, width: int) -> list[Block]:
    """The outcome, each take-away as a card, and the card that adds one."""
    ctx, m, t = scene.ctx, scene.ctx.metrics, scene.ctx.t
    focus = scene.index[3]
    texts = [f"{i + 1}. {x}" for i, x in enumerate(scene.takeaways)]
    texts.append(t("+ Add a take-away (E)"))
    cards = [panel_block(ctx, [text_piece(ctx, text, m.body)], width, i, i == focus,
                         title=t("Take-away {n}", n=i + 1) if i < len(scene.takeaways)
                         else "")
             for i, text in enumerate(texts)]
    return [panel_block(ctx, [outcome_piece(ctx, vm)], width), *cards]


def _summary_note(scene: DebriefScene, surface: pygame.Surface, area: Rect) -> Rect:
    """Where the take-aways are saved (or why they could not be), under the page so it
    stays in view; returns the room left for the page."""
    ctx, m = scene.ctx, scene.ctx.metrics
    note = scene.summary_note or ctx.t("Take-aways are saved beside the log; the log is never "
                                       "changed.")
    need = text_height(ctx, note, m.small, area.width)
    rest, box = split_y(area, area.height - need - m.gap, m.gap)
    ctx.text(surface, note, box, m.small, ctx.palette.muted)
    return rest
