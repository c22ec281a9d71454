"""Drawing the workshop setup (read-only) and the rectangles its clicks are tested against.

Left: the vignette list (scrolls to keep the selection in view) and, when phones are on, the
lobby: how to join (QR code, address, room code), how many have joined and, if the
facilitator allows nicknames, the nicknames given. Right: the trainee profiles of the
selected vignette, the risk weight buttons with what the weight means, the nickname switch
(phones only) and Start.
The focused section has the focus ring; the selected item of every section says so in words
(✔), not only by colour.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

import pygame

from game.core.model import Scenario
from game.ui.kit.button import Button, draw_button
from game.ui.kit.common import draw_footer, draw_header, text_height
from game.ui.kit.layout import frame, split_x, stack
from game.ui.kit.panels import focus_ring, panel
from game.ui.kit.vocabulary import CATEGORY_NAMES, SUPERVISION_NAMES
from game.ui.shell.context import UiContext
from game.ui.workshop.room_draw import draw_join
from game.ui.workshop.room_presenters import join_vm

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
    """The nickname switch (None when phones are off)."""


JOIN_SHARE = 0.42
"""Of the left column, for the join box: its QR code must read from the back of a room."""


def setup_layout(ctx: UiContext, phones: bool = False) -> SetupLayout:
    m = ctx.metrics
    f = frame(ctx.size, m, m.heading)
    left, right = split_x(f.body, 0.5, m.pad)
    label_h = ctx.line_height(m.body, True) + m.gap // 2
    join_h = round(left.height * JOIN_SHARE) if phones else 0
    list_h = left.height - label_h - m.gap // 2 - (join_h + m.gap if phones else 0)
    list_label, rows, join = stack(left, [label_h, list_h, join_h], m.gap // 2)
    help_h = max(ctx.line_height(m.small) * 2, text_height(ctx, weight_help(ctx), m.small,
                                                           right.width))
    fixed = [label_h, 0, label_h, m.button_h, help_h] + ([m.button_h] if phones else []) + \
        [m.button_h]
    fixed[1] = right.height - sum(fixed) - (len(fixed) - 1) * m.gap
    parts = stack(right, fixed, m.gap)
    return SetupLayout(f.header, list_label, rows, parts[0], parts[1], parts[2], parts[3],
                       parts[4], parts[-1], f.footer, join if phones else None,
                       parts[5] if phones else None)


def row_height(ctx: UiContext) -> int:
    m = ctx.metrics
    return ctx.line_height(m.body, True) + ctx.line_height(m.small) + m.gap


def visible_rows(ctx: UiContext, lay: SetupLayout, total: int) -> int:
    gap = ctx.metrics.gap // 2
    fits = max(1, (lay.list.height + gap) // (row_height(ctx) + gap))
    if fits >= total:
        return fits
    marks = ctx.line_height(ctx.metrics.small)  # room for "N more above · M more below"
    return max(1, (lay.list.height - marks + gap) // (row_height(ctx) + gap))


def row_rects(ctx: UiContext, lay: SetupLayout, offset: int, count: int
              ) -> dict[int, pygame.Rect]:
    rects = stack(lay.list, [row_height(ctx)] * count, ctx.metrics.gap // 2)
    return {offset + i: r for i, r in enumerate(rects)}


def card_rects(ctx: UiContext, lay: SetupLayout, scenario: Scenario | None
               ) -> dict[str, pygame.Rect]:
    if scenario is None:
        return {}
    m = ctx.metrics
    n = len(scenario.trainees)
    h = min(row_height(ctx), (lay.profiles.height - (n - 1) * (m.gap // 2)) // max(1, n))
    rects = stack(lay.profiles, [h] * n, m.gap // 2)
    return {t.id: r for t, r in zip(scenario.trainees, rects)}


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
    _label(ctx, surface, lay.weight_label, t("3 · Risk weight of this workshop"),
           scene.section == "weight")
    for index, rect in scene.rows.items():
        s = scene.scenarios[index]
        meta = t("{category} · {supervision} supervision · {minutes} min",
                 category=t(CATEGORY_NAMES.get(s.category, s.category)),
                 supervision=t(SUPERVISION_NAMES.get(s.supervision, s.supervision)),
                 minutes=f"{s.minutes:g}")
        _item(ctx, surface, rect, s.title, meta, index == scene.index,
              scene.section == "vignette")
    _scroll_marks(scene, surface)
    if scene.scenario is not None:
        for trainee in scene.scenario.trainees:
            _item(ctx, surface, scene.cards[trainee.id], trainee.name, trainee.level,
                  trainee.id == scene.profile, scene.section == "profile")
        _about(ctx, surface, lay, scene.scenario, list(scene.cards.values()))
    _weights(scene, surface)
    draw_button(ctx, surface, Button("start", t("Start the workshop"), lay.start, "Enter"),
                scene.section == "start", m.heading)
    _phones(scene, surface)
    hint = scene.error or t("Tab next section · Up/Down choose · number key picks · Enter next "
                            "/ start · Esc back · F1 keys")
    if lay.nicknames is not None and not scene.error:
        hint = t("N nicknames on/off") + " · " + hint
    draw_footer(ctx, surface, lay.footer, hint)


def _phones(scene: WorkshopSetupScene, surface: pygame.Surface) -> None:
    """The lobby: phones join here, before the first vignette; the nickname switch."""
    ctx, lay, phones = scene.ctx, scene.layout, scene.phones
    if phones is None or lay.join is None or lay.nicknames is None:
        return
    draw_join(ctx, surface, lay.join, join_vm(phones, ctx.t, lobby=True))
    on = phones.room.nicknames_allowed
    label = ctx.t("✔ Nicknames on phones: on") if on else \
        ctx.t("Nicknames on phones: off (anonymous)")
    draw_button(ctx, surface, Button("nicknames", label, lay.nicknames, "N", selected=on),
                False)


def _weights(scene: WorkshopSetupScene, surface: pygame.Surface) -> None:
    ctx = scene.ctx
    for weight, rect in scene.weight_rects.items():
        chosen = weight == scene.weight
        label = (f"✔ {weight:g}" if chosen else f"{weight:g}")
        draw_button(ctx, surface, Button(str(weight), label, rect, selected=chosen),
                    chosen and scene.section == "weight")
    ctx.text(surface, weight_help(ctx), scene.layout.weight_help, ctx.metrics.small,
             ctx.palette.muted)


def weight_help(ctx: UiContext) -> str:
    return ctx.t("How many learning points one point of patient harm costs (2 is the usual). "
                 "Recorded in the log; the end screen compares the room's choices with the "
                 "optimal ones at this weight.")


def _about(ctx: UiContext, surface: pygame.Surface, lay: SetupLayout, scenario: Scenario,
           cards: list[pygame.Rect]) -> None:
    """The selected vignette's summary in the room the trainee cards leave (if any)."""
    m = ctx.metrics
    top = (cards[-1].bottom if cards else lay.profiles.y) + m.gap
    rect = pygame.Rect(lay.profiles.x, top, lay.profiles.width, lay.profiles.bottom - top)
    if rect.height < ctx.line_height(m.small) * 3 + 2 * m.gap:
        return
    panel(ctx, surface, rect)
    inner = rect.inflate(-2 * m.gap, -2 * m.gap)
    ctx.text(surface, f"{scenario.summary}\n{scenario.specialty}. {scenario.setting}", inner,
             m.small, ctx.palette.muted, min_size=m.small, truncate=True)


def _label(ctx: UiContext, surface: pygame.Surface, rect: pygame.Rect, text: str,
           focused: bool) -> None:
    colour = ctx.palette.focus if focused else ctx.palette.text
    ctx.text(surface, ("▸ " if focused else "") + text, rect, ctx.metrics.body, colour, True,
             "left", "center")


def _item(ctx: UiContext, surface: pygame.Surface, rect: pygame.Rect, title: str, meta: str,
          chosen: bool, section_focused: bool) -> None:
    m, p = ctx.metrics, ctx.palette
    panel(ctx, surface, rect, p.panel_alt if chosen else p.panel, p.accent if chosen else None)
    inner = rect.inflate(-2 * m.gap, -m.gap // 2)
    title_h = min(ctx.line_height(m.body, True), inner.height * 6 // 10)
    mark = "✔ " if chosen else ""
    ctx.text(surface, mark + title, pygame.Rect(inner.x, inner.y, inner.width, title_h),
             m.body, p.text, True, "left", "center")  # one size for the list: long ones scroll
    ctx.text(surface, meta, pygame.Rect(inner.x, inner.y + title_h, inner.width,
                                        inner.height - title_h), m.small, p.muted, False,
             "left", "center", min_size=m.small, truncate=True)
    if chosen and section_focused:
        focus_ring(ctx, surface, rect)


def _scroll_marks(scene: WorkshopSetupScene, surface: pygame.Surface) -> None:
    ctx, lay = scene.ctx, scene.layout
    above = scene.offset
    below = len(scene.scenarios) - scene.offset - len(scene.rows)
    if above or below:
        h = ctx.line_height(ctx.metrics.small)
        box = pygame.Rect(lay.list.x, lay.list.bottom - h, lay.list.width, h)
        ctx.text(surface, ctx.t("{a} more above · {b} more below", a=above, b=below), box,
                 ctx.metrics.small, ctx.palette.muted, False, "right")
