"""The workshop stage's right panel outside a vote (read-only): the trainee at work with how
to join, what happened after the room's choice, and the end of the vignette.

Each part is as tall as its words need at the chosen text size: the heading (it takes two
lines at Extra large), the panel's main button, the sentence about votes (it makes way when
the join box needs its room).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import pygame

from game.core.model import End
from game.ui.kit.common import section, section_need, text_height
from game.ui.kit.panels import panel, tone_colour
from game.ui.workshop.presenters import score_vm
from game.ui.workshop.room_draw import draw_join, join_need
from game.ui.workshop.room_presenters import join_vm

if TYPE_CHECKING:
    from game.ui.workshop.play import WorkshopPlayScene


def _panel_heading(scene: WorkshopPlayScene) -> tuple[str, tuple[int, int, int]]:
    """The panel's heading for the phase and its colour."""
    t, p = scene.ctx.t, scene.ctx.palette
    if scene.phase == "ended":
        return t("The vignette has ended"), p.good
    return (t("❄ Time is frozen"), p.text) if scene.frozen else \
        (t("The trainee is working"), p.text)


def _panel_parts(scene: WorkshopPlayScene) -> tuple[pygame.Rect, pygame.Rect]:
    """The panel's heading (as tall as its words need: "The vignette has ended" took two
    lines at Extra large and scrolled in one) and its body above the main button."""
    ctx, m = scene.ctx, scene.ctx.metrics
    inner = scene.layout.panel.inflate(-2 * m.gap, -2 * m.gap)
    words, _ = _panel_heading(scene)
    head = pygame.Rect(inner.x, inner.y, inner.width,
                       text_height(ctx, words, m.heading, inner.width, True))
    main = next((b.rect for b in scene.buttons if b.id in ("skip", "continue", "summary")),
                None)
    bottom = main.y - m.gap if main is not None else inner.bottom
    top = head.bottom + m.gap
    return head, pygame.Rect(inner.x, top, inner.width, max(0, bottom - top))


def draw_panel(scene: WorkshopPlayScene, surface: pygame.Surface) -> None:
    ctx, m = scene.ctx, scene.ctx.metrics
    panel(ctx, surface, scene.layout.panel)
    head, body = _panel_parts(scene)
    words, colour = _panel_heading(scene)
    ctx.text(surface, words, head, m.heading, colour, True)
    if scene.phase == "ended":
        _draw_end(scene, surface, body)
    else:
        _draw_watching(scene, surface, body)


def _draw_watching(scene: WorkshopPlayScene, surface: pygame.Surface, body: pygame.Rect
                   ) -> None:
    """While the story runs: how the vote will work, then how to join (or who is in the
    room). The sentence makes way when the join box needs its room (Extra large at
    1024x600); the footer and F1 still say how the room votes."""
    ctx, m, p, t = scene.ctx, scene.ctx.metrics, scene.ctx.palette, scene.ctx.t
    hint = t("When a decision point opens, time freezes and the room votes.")
    hint_h = text_height(ctx, hint, m.body, body.width)
    join = join_vm(scene.phones, t) if scene.phones is not None else None
    need = join_need(ctx, body.width, join) if join is not None else \
        section_need(ctx, body.width, t("In the room"), scene.room)
    if hint_h + m.gap + need > body.height:
        hint, hint_h = "", -m.gap
    if hint:
        ctx.text(surface, hint, pygame.Rect(body.x, body.y, body.width, hint_h), m.body,
                 p.muted)
    room = pygame.Rect(body.x, body.y + hint_h + m.gap, body.width,
                       body.height - hint_h - m.gap)
    if join is not None:  # phones join while the story runs
        draw_join(ctx, surface, room, join)
    elif room.height > ctx.line_height(m.body) * 3:
        section(ctx, surface, room, t("In the room"), scene.room, p.text)


def _draw_end(scene: WorkshopPlayScene, surface: pygame.Surface, body: pygame.Rect) -> None:
    ctx, m, p, t = scene.ctx, scene.ctx.metrics, scene.ctx.palette, scene.ctx.t
    end = scene.scenario.node(scene.session.state.node_id)
    title = end.title if isinstance(end, End) and end.title else ""
    title_h = text_height(ctx, title, m.heading, body.width, True) if title else -m.gap
    if title:
        ctx.text(surface, title, pygame.Rect(body.x, body.y, body.width, title_h), m.heading,
                 p.text, True)
    rest = pygame.Rect(body.x, body.y + title_h + m.gap, body.width,
                       body.height - title_h - m.gap)
    score = scene.session.score
    if scene.score_shown and score is not None:
        vm = score_vm(score, scene.session.params.risk_weight, t)
        ctx.text(surface, vm.text, rest, m.body, tone_colour(ctx, vm.tone))
    else:
        ctx.text(surface, t("Scores are hidden: R reveals them. Enter compares the room's "
                            "choices with the optimal ones."), rest, m.body, p.muted)
