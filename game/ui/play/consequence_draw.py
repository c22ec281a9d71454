"""Drawing the consequence card (read-only).

The card covers the left column (procedure and narration), the widest space on the screen, so
its four parts stay at the chosen text size; the right panel says "What happened" over the
Continue button (practice) or the seconds left of the fixed hold (assessment). Which part goes
in which column is measured in `consequence_layout`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import pygame

from game.ui.kit.button import draw_buttons
from game.ui.kit.card_columns import draw_parts
from game.ui.kit.common import text_height
from game.ui.kit.panels import panel, progress_bar
from game.ui.play.consequence import hold_seconds
from game.ui.play.consequence_layout import bar_height, left_box, plan_card, right_box

if TYPE_CHECKING:
    from game.ui.play.play import PlayScene


def card_parts(scene: PlayScene) -> list[tuple[str, str, str]]:
    """(heading, text, palette colour name) of each part of the card, in reading order."""
    card, t = scene.card, scene.ctx.t
    assert card is not None
    return [
        (t("What you did"), card.said, "accent"),
        (t("What the trainee did"), "\n".join(card.trainee), "text"),
        (t("The patient"), card.patient, "harm" if card.harmed else "text"),
        (t("The learning"), card.learning, "text"),
    ]


def draw_card(scene: PlayScene, surface: pygame.Surface) -> None:
    """What you did and what the trainee did on the left (the longest parts get the most
    room); the patient, the learning and how to go on in the panel on the right. Where the
    left would scroll and the right has room, "What you did" heads the right column
    (`consequence_layout.plan_card`)."""
    ctx, lay = scene.ctx, scene.layout
    m, p = ctx.metrics, ctx.palette
    parts = card_parts(scene)
    plan = plan_card(scene, parts)
    _forget_covered(scene)
    panel(ctx, surface, lay.procedure.union(lay.narration), p.panel_alt, p.accent)
    _draw_parts(scene, surface, left_box(scene), parts[plan.moved:2])
    panel(ctx, surface, lay.panel, border=p.accent)
    box = right_box(scene)
    y = _draw_parts(scene, surface, box, parts[:plan.moved])
    title = ctx.t("What happened")
    head = pygame.Rect(box.x, y, box.width, text_height(ctx, title, m.heading, box.width, True))
    ctx.text(surface, title, head, m.heading, p.accent, True)
    body = pygame.Rect(box.x, head.bottom + m.gap, box.width, box.bottom - head.bottom - m.gap)
    y = _draw_parts(scene, surface, body, parts[2:])
    _draw_hint(scene, surface, pygame.Rect(body.x, y, body.width, body.bottom - y), plan.hint)
    draw_buttons(ctx, surface, scene.buttons, scene.focus.current)


def _draw_parts(scene: PlayScene, surface: pygame.Surface, box: pygame.Rect,
                parts: list[tuple[str, str, str]]) -> int:
    """Each part's small heading over its text, top down; returns the y below the last."""
    return draw_parts(scene.ctx, surface, box, parts)


def _draw_hint(scene: PlayScene, surface: pygame.Surface, box: pygame.Rect,
               words: bool) -> None:
    """How to go on (`words`: unless the card needs the room; the button and the footer say
    it too); in assessment a bar shows what is left of the fixed hold."""
    ctx = scene.ctx
    m, p = ctx.metrics, ctx.palette
    assert scene.card is not None
    if scene.assessment:
        bar = pygame.Rect(box.x, box.y, box.width, bar_height(scene))
        left = max(0.0, scene.card_until - scene.time_s)
        progress_bar(ctx, surface, bar, left / hold_seconds(scene.card), p.accent)
        box = pygame.Rect(box.x, bar.bottom + m.gap, box.width, box.bottom - bar.bottom - m.gap)
    if words and box.height > 0:
        ctx.text(surface, scene.card.continue_hint, box, m.body, p.muted)


def _forget_covered(scene: PlayScene) -> None:
    """Drop the scroll regions of what the card covers (a long narration entry drawn under
    it): hidden text must not take the wheel or the keys, nor make the footer say that the
    card scrolls."""
    area = _card_area(scene)
    regions = scene.ctx.scrolls.regions
    for key in [k for k, r in regions.items() if area.contains(r.box)]:
        del regions[key]


def _card_area(scene: PlayScene) -> pygame.Rect:
    lay = scene.layout
    return lay.procedure.union(lay.narration).union(lay.panel)


def _card_regions(scene: PlayScene) -> list[pygame.Rect]:
    """The boxes of the held card that scroll in the last drawn frame."""
    area = _card_area(scene)
    return [r.box for r in scene.ctx.scrolls.regions.values() if area.contains(r.box)]


def card_scrolls(scene: PlayScene) -> bool:
    """Some part of the held card scrolls (the footer then says the keys read on)."""
    return bool(_card_regions(scene))


def scroll_card(scene: PlayScene, rows: int) -> bool:
    """Scroll the held card's longest part (what the trainee did, when it needs more room
    than the card has) by `rows` lines: the keys do what the wheel does over it, so a
    keyboard player can read all of it. False when no part of the card scrolls."""
    boxes = _card_regions(scene)
    if not boxes:
        return False
    box = max(boxes, key=lambda b: b.height)
    return scene.ctx.scrolls.wheel(box.center, rows)
