"""The workshop's "What happened" card: what the room's choice did, held until the facilitator
continues, every word at the chosen text size.

It says what the play screen's card says (`game.ui.play.consequence`: what you did, what
the trainee did, the patient), each part under a small heading; the scores stay hidden until
the facilitator shows them (M, R). Where it fits, the card is the right panel, which widens
(the stage down to a quarter of the width) so the picture stays in view beside it. At Extra
large in 1024x600 it did not fit even then and scrolled in three lines: the card then also
covers the stage (procedure and narration), as the play screen's card does, with its parts
placed by the same measured plan (`kit.card_columns`): what the trainee did on the left,
"What happened" and the patient on the right, what you did on whichever side has the room.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

import pygame

from game.i18n import Tr
from game.ui.kit.button import button_need
from game.ui.kit.card_columns import (
    CardPlan,
    Part,
    draw_parts,
    part_need,
    plan_columns,
    scroll_in,
    scrolled_in,
)
from game.ui.kit.common import text_height
from game.ui.kit.panels import panel
from game.ui.play.consequence import consequence_vm
from game.ui.shell.context import UiContext

if TYPE_CHECKING:
    from game.core.model import Scenario
    from game.ui.workshop.play import WorkshopPlayScene
    from game.ui.workshop.play_draw import StageLayout

PANEL_SPLITS = (0.5, 0.45, 0.4, 0.35, 0.3, 0.25)
"""The stage's share of the width, tried in turn, while the card is the right panel alone."""
CARD_SPLITS = (0.5, 0.55, 0.45, 0.6, 0.4)
"""The same when the card also covers the stage: its left column, then its right, widens."""


def card_parts(scenario: Scenario, events: list, t: Tr) -> list[Part]:
    """The card's parts in reading order (the play screen's words, without the learning:
    the workshop's scores stay hidden until the facilitator shows them)."""
    vm = consequence_vm(scenario, events, None, False, t)
    return [(t("What you did"), vm.said, "accent"),
            (t("What the trainee did"), "\n".join(vm.trainee), "text"),
            (t("The patient"), vm.patient, "harm" if vm.harmed else "text")]


def _inner(ctx: UiContext, rect: pygame.Rect) -> pygame.Rect:
    return rect.inflate(-2 * ctx.metrics.gap, -2 * ctx.metrics.gap)


def _button_h(ctx: UiContext, width: int) -> int:
    """The Continue button's height (`play_draw.stage_buttons` sizes it so)."""
    return button_need(ctx, ctx.t("Continue the story"), width, "Enter", size=ctx.metrics.small)


def right_box(ctx: UiContext, lay: StageLayout) -> pygame.Rect:
    """The inside of the right panel down to just above the Continue button."""
    inner = _inner(ctx, lay.panel)
    return pygame.Rect(inner.x, inner.y, inner.width,
                       inner.height - _button_h(ctx, inner.width) - ctx.metrics.gap)


def left_area(lay: StageLayout, meters: bool) -> pygame.Rect:
    """What the card covers on the left: the procedure and the narration, and the meters'
    band too while it shows no figures (`meters` False: it says only that M shows them,
    as the footer does; a line of what the trainee did at Extra large)."""
    area = lay.procedure.union(lay.narration)
    return area if meters else area.union(lay.meters)


def left_box(ctx: UiContext, lay: StageLayout, meters: bool) -> pygame.Rect:
    """The inside of the card's left column (`left_area`)."""
    return _inner(ctx, left_area(lay, meters))


def title_need(ctx: UiContext, width: int) -> int:
    """The "What happened" heading and the gap under it."""
    return text_height(ctx, ctx.t("What happened"), ctx.metrics.heading, width, True) + \
        ctx.metrics.gap


def _plan(ctx: UiContext, lay: StageLayout, parts: list[Part], meters: bool) -> CardPlan:
    """What you did and what the trainee did on the left, or what you did moved right."""
    left, right = left_box(ctx, lay, meters), right_box(ctx, lay)
    needs_l = [part_need(ctx, p, left.width) for p in parts[:2]]
    needs_r = [part_need(ctx, p, right.width) for p in parts]
    fixed = title_need(ctx, right.width) + sum(needs_r[2:])
    return plan_columns(left.height, right.height, needs_l, needs_r[:2], fixed, None,
                        ctx.metrics.gap)


def card_stage(ctx: UiContext, stage: Callable[[float], StageLayout], parts: list[Part],
               meters: bool = False) -> tuple[StageLayout, CardPlan | None]:
    """The stage while the card is held (`stage`: its layout for a share of the width), and
    the card's plan when it covers the stage too (None: the right panel holds it all;
    `meters`: the meters show figures, `left_area`). The first layout in which nothing
    scrolls; when none, the covering one with the least that scrolls."""
    for split in PANEL_SPLITS:
        lay = stage(split)
        box = right_box(ctx, lay)
        need = title_need(ctx, box.width) + sum(part_need(ctx, p, box.width) for p in parts)
        if need - ctx.metrics.gap <= box.height:
            return lay, None
    best: tuple[StageLayout, CardPlan] | None = None
    for split in CARD_SPLITS:
        lay = stage(split)
        plan = _plan(ctx, lay, parts, meters)
        if not plan.left_over and not plan.right_over:
            return lay, plan
        if best is None or (plan.right_over, plan.left_over) < \
                (best[1].right_over, best[1].left_over):
            best = (lay, plan)
    assert best is not None
    return best


def draw_card(scene: WorkshopPlayScene, surface: pygame.Surface) -> None:
    """The card: the right panel's heading over the parts it holds; where the card covers
    the stage, the left column's parts over the procedure and narration."""
    ctx, lay, plan, parts = scene.ctx, scene.layout, scene.card_plan, scene.card
    m, p = ctx.metrics, ctx.palette
    left_parts, right_parts = ([], parts) if plan is None else \
        (parts[plan.moved:2], parts[:plan.moved] + parts[2:])
    if plan is not None:
        panel(ctx, surface, left_area(lay, scene.meters_shown), p.panel_alt, p.accent)
        draw_parts(ctx, surface, left_box(ctx, lay, scene.meters_shown), left_parts)
    panel(ctx, surface, lay.panel, border=p.accent)
    box = right_box(ctx, lay)
    head_h = title_need(ctx, box.width) - m.gap
    ctx.text(surface, ctx.t("What happened"), pygame.Rect(box.x, box.y, box.width, head_h),
             m.heading, p.accent, True)
    draw_parts(ctx, surface, pygame.Rect(box.x, box.y + head_h + m.gap, box.width,
                                         box.height - head_h - m.gap), right_parts)


def card_area(scene: WorkshopPlayScene) -> pygame.Rect:
    """What the held card covers: the right panel, and the stage when the card covers it."""
    lay = scene.layout
    if scene.card_plan is None:
        return lay.panel.copy()
    return left_area(lay, scene.meters_shown).union(lay.panel)


def card_scrolls(scene: WorkshopPlayScene) -> bool:
    """Some part of the held card scrolled in the last frame (the footer says Up/Down)."""
    return bool(scene.card) and bool(scrolled_in(scene.ctx, card_area(scene)))


def scroll_card(scene: WorkshopPlayScene, rows: int) -> bool:
    """Up/Down read on in the card's part that scrolls (what the trainee did, when it is
    longer than the card at Extra large): the facilitator drives by keyboard. False when
    nothing in the card scrolls."""
    return bool(scene.card) and scroll_in(scene.ctx, card_area(scene), rows)
