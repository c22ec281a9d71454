"""Drawing the workshop setup (read-only) and the rectangles its clicks are tested against.

Left: the vignette list (scrolls to keep the selection in view) and, when phones are on, the
lobby: how to join (QR code, address, room code), how many have joined and, if the
facilitator allows nicknames, the nicknames given. Right: the trainee profiles of the
selected vignette (`setup_cards`), the risk weight buttons with what the weight means, the
nickname switch (phones only; where the trainee cards need its room, no button: N still
switches and the keys line says so) and Start.
The focused section has the focus ring; the selected item of every section says so in words
(✔), not only by colour.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

import pygame

from game.core.model import Scenario
from game.ui.kit.button import Button, button_need, draw_button
from game.ui.kit.common import draw_footer, draw_header, text_height
from game.ui.kit.layout import frame, split_x, stack
from game.ui.kit.panels import panel
from game.ui.shell.context import UiContext
from game.ui.workshop.presenters import num
from game.ui.workshop.room_draw import draw_join, join_need
from game.ui.workshop.room_presenters import JoinVM, join_vm
from game.ui.workshop.setup_cards import draw_cards
from game.ui.workshop.setup_list import meta_text, scroll_marks, summary_text, vignette_row

if TYPE_CHECKING:
    from game.ui.workshop.setup import WorkshopSetupScene


@dataclass(frozen=True)
class SetupLayout:
    header: pygame.Rect
    list_label: pygame.Rect
    list: pygame.Rect
    profile_label: pygame.Rect
    profiles: pygame.Rect
    weight_label: pygame.Rect
    weights: pygame.Rect
    weight_help: pygame.Rect
    start: pygame.Rect
    footer: pygame.Rect
    join: pygame.Rect | None = None
    """The lobby's join box (None when phones are off)."""
    nicknames: pygame.Rect | None = None
    """The nickname switch (None when phones are off, or when the trainee cards need its
    room: N still switches, and the keys line says so)."""


JOIN_LEAST, JOIN_MOST = 0.36, 0.72
"""Of the left column, the least the join box takes (its QR code must read from the back
of a room) and the most (the vignette list keeps the rest)."""


def _right_parts(ctx: UiContext, width: int, switch: bool) -> list[int]:
    """Heights of the right column's parts, each as its words need at the chosen text size
    (the label "3 · Risk weight of this workshop" and the nickname switch take two lines
    at Extra large; fixed one-line heights made them scroll): trainee label, cards (0: the
    rest), weight label, weight buttons, the weight's explanation, [nicknames in wording
    there is a `switch`], Start."""
    m, t = ctx.metrics, ctx.t

    def label(words: str) -> int:
        return text_height(ctx, "▸ " + words, m.body, width, True) + m.gap // 2
    help_h = max(ctx.line_height(m.small) * 2, text_height(ctx, weight_help(ctx), m.small,
                                                           width))
    nick = [max(button_need(ctx, nickname_words(ctx, on), width, "N") for on in (True, False))
            ] if switch else []
    start = button_need(ctx, t("Start the workshop"), width, "Enter", size=start_size(ctx, width))
    return [label(t("2 · Trainee")), 0, label(weight_label(ctx, width)),
            m.button_h, help_h, *nick, start]


def start_size(ctx: UiContext, width: int) -> int:
    """Start's words at heading size if they fit a standard button `width` wide, else body
    (at Extra large they took two heading lines the trainee cards needed)."""
    m = ctx.metrics
    words = ctx.t("Start the workshop")
    fits = button_need(ctx, words, width, "Enter", size=m.heading) <= m.button_h
    return m.heading if fits else m.body


def nickname_words(ctx: UiContext, on: bool) -> str:
    """The nickname switch's words for its state (on: with the ✔ a selected item carries)."""
    t = ctx.t
    return t("✔ Nicknames on phones: on") if on else t("Nicknames on phones: off (anonymous)")


def weight_label(ctx: UiContext, width: int) -> str:
    """"3 · Risk weight of this workshop", or "3 · Risk weight" where that needs two lines."""
    long = ctx.t("3 · Risk weight of this workshop")
    one_line = ctx.line_height(ctx.metrics.body, True)
    fits = text_height(ctx, "▸ " + long, ctx.metrics.body, width, True) <= one_line
    return long if fits else ctx.t("3 · Risk weight")


def setup_layout(ctx: UiContext, join: JoinVM | None = None, trainees: int = 3,
                 row_least: int = 0, switch: bool = True) -> SetupLayout:
    """`join`: phones are on. The join box is as tall as its words need (it was a fixed 42%
    of the column: at 1024x600 that was more than needed and the longest summaries did not
    fit the list; at Extra large too little and the room code scrolled out of sight).
    `trainees`: the most trainee cards a vignette has (they stay whole: the weight's
    explanation makes way for them when the column is short). `row_least`: the tallest
    vignette row (`tallest_row`); the join box gives up its heading and "Room code" label
    before the list's room for it, and a reason why phones cannot join scrolls in its box
    (the selected row ran over the join box at Extra large)."""
    m = ctx.metrics
    phones = join is not None
    f = frame(ctx.size, m, m.heading)
    left, right = split_x(f.body, 0.5, m.pad)
    label_h = ctx.line_height(m.body, True) + m.gap // 2
    join_h = max(round(left.height * JOIN_LEAST), min(round(left.height * JOIN_MOST),
                                                       join_need(ctx, left.width, join))) \
        if join is not None else 0
    if row_least and join is not None:  # the selected row whole, before the join box's
        spare = left.height - label_h - m.gap // 2 - m.gap - row_least - \
            ctx.line_height(m.small)  # heading; a reason why phones cannot join scrolls
        least = 0 if join.error or join.qr is None else join_need(ctx, left.width, join, True)
        join_h = max(least, min(join_h, spare))
    list_h = left.height - label_h - m.gap // 2 - (join_h + m.gap if phones else 0)
    list_label, rows, join_box = stack(left, [label_h, list_h, join_h], m.gap // 2)
    switch = switch and phones  # the nickname switch's button (where the cards leave room)
    fixed = _right_parts(ctx, right.width, switch)
    fixed[1] = right.height - sum(fixed) - (len(fixed) - 1) * m.gap
    cards = trainees * row_height(ctx) + (trainees - 1) * (m.gap // 2)
    if fixed[1] < cards:  # the trainee cards whole before the weight's explanation
        fixed[1], fixed[4] = fixed[1] + fixed[4] + m.gap, 0
    parts = stack(right, fixed, m.gap)
    return SetupLayout(f.header, list_label, rows, parts[0], parts[1], parts[2], parts[3],
                       parts[4], parts[-1], f.footer, join_box if phones else None,
                       parts[5] if switch else None)


def tallest_row(ctx: UiContext, scenarios: list[Scenario], width: int) -> int:
    """The tallest vignette row (title and meta line, no summary) in a list `width` wide."""
    m = ctx.metrics
    inner = width - 2 * m.gap
    return max((text_height(ctx, "✔ " + s.title, m.body, inner, True) +
                text_height(ctx, meta_text(ctx, s), m.small, inner) + m.gap
                for s in scenarios), default=0)


def row_height(ctx: UiContext) -> int:
    """A trainee card's height: a one-line name over a one-line level."""
    m = ctx.metrics
    return ctx.line_height(m.body, True) + ctx.line_height(m.small) + m.gap


def weight_rects(ctx: UiContext, lay: SetupLayout, weights: tuple[float, ...]
                 ) -> dict[float, pygame.Rect]:
    gap, area = ctx.metrics.gap, lay.weights
    w = (area.width - gap * (len(weights) - 1)) // len(weights)
    return {x: pygame.Rect(area.x + i * (w + gap), area.y, w, area.height)
            for i, x in enumerate(weights)}


def draw_setup(scene: WorkshopSetupScene, surface: pygame.Surface) -> None:
    ctx, lay, m, t = scene.ctx, scene.layout, scene.ctx.metrics, scene.ctx.t
    surface.fill(ctx.palette.background)
    draw_header(ctx, surface, lay.header, t("Workshop setup"), m.heading)
    _label(ctx, surface, lay.list_label, t("1 · Vignette"), scene.section == "vignette")
    _label(ctx, surface, lay.profile_label, t("2 · Trainee"), scene.section == "profile")
    _label(ctx, surface, lay.weight_label, weight_label(ctx, lay.weight_label.width),
           scene.section == "weight")
    for index, rect in scene.rows.items():
        s = scene.scenarios[index]
        vignette_row(ctx, surface, rect, s, scene.row_texts[index], index == scene.index,
                     scene.section == "vignette")
    scroll_marks(scene, surface)
    if scene.scenario is not None:
        draw_cards(ctx, surface, scene.scenario, scene.card_window, scene.profile,
                   scene.section == "profile")
        if scene.about is not None:
            panel(ctx, surface, scene.about)
            ctx.text(surface, summary_text(scene.scenario),
                     scene.about.inflate(-2 * m.gap, -2 * m.gap), m.small, ctx.palette.muted)
    _weights(scene, surface)
    draw_button(ctx, surface, Button("start", t("Start the workshop"), lay.start, "Enter"),
                scene.section == "start", start_size(ctx, lay.start.width))
    _phones(scene, surface)
    hint = scene.error or t("Tab next section · Up/Down choose · number key picks · Enter next "
                            "/ start · Esc back · F1 keys")
    draw_footer(ctx, surface, lay.footer, footer_hint(scene, hint))


def footer_hint(scene: WorkshopSetupScene, hint: str) -> str:
    """The keys line, with "N nicknames on/off" in front when that still fits the footer's
    lines (in German it pushed the line into a third line, which scrolled); the N button
    names its key anyway (where the cards took its room, F1 lists the key)."""
    ctx, lay = scene.ctx, scene.layout
    if lay.join is None or scene.error:
        return hint
    longer = ctx.t("N nicknames on/off") + " · " + hint
    fits = text_height(ctx, longer, ctx.metrics.small, lay.footer.width) <= lay.footer.height
    return longer if fits else hint


def _phones(scene: WorkshopSetupScene, surface: pygame.Surface) -> None:
    """The lobby: phones join here, before the first vignette; the nickname switch."""
    ctx, lay, phones = scene.ctx, scene.layout, scene.phones
    if phones is None or lay.join is None:
        return
    draw_join(ctx, surface, lay.join, join_vm(phones, ctx.t, lobby=True))
    if lay.nicknames is None:
        return
    on = phones.room.nicknames_allowed
    label = nickname_words(ctx, on)
    draw_button(ctx, surface, Button("nicknames", label, lay.nicknames, "N", selected=on),
                False)


def _weights(scene: WorkshopSetupScene, surface: pygame.Surface) -> None:
    ctx = scene.ctx
    for weight, rect in scene.weight_rects.items():
        chosen = weight == scene.weight
        shown = num(weight, "g", ctx.t)  # 0,5 in German
        label = f"✔ {shown}" if chosen else shown
        draw_button(ctx, surface, Button(str(weight), label, rect, selected=chosen),
                    chosen and scene.section == "weight")
    if scene.layout.weight_help.height:
        ctx.text(surface, weight_help(ctx), scene.layout.weight_help, ctx.metrics.small,
                 ctx.palette.muted)


def weight_help(ctx: UiContext) -> str:
    return ctx.t("How many learning points one point of patient harm costs (2 is the usual). "
                 "Recorded in the log; the end screen compares the room's choices with the "
                 "optimal ones at this weight.")


def _label(ctx: UiContext, surface: pygame.Surface, rect: pygame.Rect, text: str,
           focused: bool) -> None:
    colour = ctx.palette.focus if focused else ctx.palette.text
    ctx.text(surface, ("▸ " if focused else "") + text, rect, ctx.metrics.body, colour, True,
             "left", "center")
