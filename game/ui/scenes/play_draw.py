"""Drawing the play screen (read-only: nothing here changes the scene or the session).

Left: the procedure view above the running narration. Right: the decision panel, which
shows the cue, the countdown with seconds left and one button per rung of the intervention
ladder while a decision point is open, and a skip button during narration.
"""

from __future__ import annotations

import sys
from collections.abc import Mapping
from typing import TYPE_CHECKING

import pygame

from game.ui.context import UiContext
from game.ui.layout import PlayLayout, even_rows
from game.ui.presenters import PlayVM
from game.ui.scenes.common import draw_footer, section
from game.ui.widgets.button import Button, draw_buttons
from game.ui.widgets.panels import panel, progress_bar

if TYPE_CHECKING:
    from game.ui.scenes.play import PlayScene

LINE_COLOURS = {"narration": "text", "you": "accent", "outcome": "text", "window": "warn",
                "harm": "harm", "end": "good"}
LINE_PREFIX = {"harm": "⚠ ", "window": "⏵ ", "end": "■ "}
FOOTER = ("1-5 choose · Tab/arrows focus · Enter activate · P pause · S or → skip · "
          "Esc leave · F1 help")


def panel_regions(ctx: UiContext, lay: PlayLayout, vm: PlayVM) -> dict[str, pygame.Rect]:
    """Where the decision panel's parts go; the same rectangles serve drawing and clicks."""
    m = ctx.metrics
    inner = lay.panel.inflate(-2 * m.gap, -2 * m.gap)
    y = inner.y
    regions: dict[str, pygame.Rect] = {}

    def take(name: str, height: int) -> None:
        nonlocal y
        regions[name] = pygame.Rect(inner.x, y, inner.width, height)
        y += height + m.gap

    take("heading", ctx.line_height(m.heading, True))
    if vm.phase == "decision":
        font = ctx.theme.fonts.get(m.body)
        cue_h = ctx.cache.render(vm.cue, font, ctx.palette.text, inner.width).get_height()
        take("cue", min(cue_h, font.get_linesize() * 4))
        take("countdown", ctx.line_height(m.body))
        take("bar", max(10, round(m.body * 0.6)))
    elif vm.phase == "narration":
        take("hint", ctx.line_height(m.body) * 3)
        take("bar", max(8, round(m.body * 0.4)))
    else:
        take("hint", ctx.line_height(m.heading, True) * 2)
    regions["buttons"] = pygame.Rect(inner.x, y, inner.width, inner.bottom - y)
    return regions


def panel_buttons(ctx: UiContext, lay: PlayLayout, vm: PlayVM) -> list[Button]:
    m = ctx.metrics
    area = panel_regions(ctx, lay, vm)["buttons"]
    if vm.phase == "decision":
        max_h = ctx.line_height(m.body) * 2 + m.gap * 2
        rects = even_rows(area, len(vm.options), m.gap, max(max_h, m.button_h))
        return [Button(o.id, o.label, r, str(o.key), tone=o.tone)
                for o, r in zip(vm.options, rects)]
    rect = pygame.Rect(area.x, area.y, area.width, m.button_h)
    if vm.phase == "narration":
        return [Button("skip", "Skip narration", rect, "S")]
    return [Button("outcome", "See the outcome", rect, "Enter")]


def control_buttons(ctx: UiContext, lay: PlayLayout, paused: bool) -> list[Button]:
    r = lay.controls
    half = (r.width - ctx.metrics.gap) // 2
    return [Button("pause", "Resume" if paused else "Pause", pygame.Rect(r.x, r.y, half,
                                                                        r.height), "P"),
            Button("help", "Help", pygame.Rect(r.right - half, r.y, half, r.height), "F1")]


def draw_play(scene: PlayScene, surface: pygame.Surface) -> None:
    ctx, lay, vm = scene.ctx, scene.layout, scene.vm
    m = ctx.metrics
    surface.fill(ctx.palette.background)
    title = f"{scene.scenario.title} · {vm.elapsed}"
    ctx.text(surface, title, lay.header, m.heading, ctx.palette.text, True, "left", "center")
    draw_buttons(ctx, surface, scene.controls, None, m.small)
    draw_procedure(scene, surface, lay.procedure)
    draw_narration(ctx, surface, lay.narration, scene.lines)
    draw_panel(scene, surface)
    if vm.paused:
        draw_paused(ctx, surface, lay.procedure)
    draw_footer(ctx, surface, lay.footer, FOOTER)


def draw_procedure(scene: PlayScene, surface: pygame.Surface, rect: pygame.Rect) -> None:
    ctx = scene.ctx
    if scene.procedure is not None and not scene.procedure_failed:
        previous = surface.get_clip()
        surface.set_clip(rect)
        try:
            scene.procedure.draw(surface, rect, scene.proc_now, scene.proc_before,
                                 scene.progress, ctx.theme, scene.time_s)
            return
        except Exception as exc:  # noqa: BLE001 -- a broken view must not end the session
            print(f"safetynet: procedure view failed ({exc!r}); showing a plain panel",
                  file=sys.stderr)
            scene.procedure_failed = True  # remembered so the error is reported once
        finally:
            surface.set_clip(previous)
    draw_plain_procedure(ctx, surface, rect, scene.proc_now)


def draw_plain_procedure(ctx: UiContext, surface: pygame.Surface, rect: pygame.Rect,
                         state: Mapping) -> None:
    """Fallback when no procedure view is available: the procedure state as text."""
    panel(ctx, surface, rect)
    items = [f"{k.replace('_', ' ')}: {v}" for k, v in sorted(state.items())]
    text = "\n".join(items) or "Procedure"
    ctx.text(surface, text, rect.inflate(-2 * ctx.metrics.pad, -2 * ctx.metrics.pad),
             ctx.metrics.body, ctx.palette.muted)


def draw_narration(ctx: UiContext, surface: pygame.Surface, rect: pygame.Rect,
                   lines: list) -> None:
    """The newest lines that fit, whole lines only, oldest at the top and muted."""
    m, p = ctx.metrics, ctx.palette
    panel(ctx, surface, rect)
    inner = rect.inflate(-2 * m.gap, -2 * m.gap)
    font = ctx.theme.fonts.get(m.body)
    shown: list[tuple[str, str, int]] = []
    used = 0
    for line in reversed(lines):
        text = LINE_PREFIX.get(line.kind, "") + line.text
        h = ctx.cache.render(text, font, p.text, inner.width).get_height()
        if shown and used + h > inner.height:
            break
        shown.append((text, line.kind, h))
        used += h + m.gap // 2
    y = inner.y
    for age, (text, kind, h) in reversed(list(enumerate(shown))):
        box = pygame.Rect(inner.x, y, inner.width, min(h, inner.bottom - y))
        colour = getattr(p, LINE_COLOURS.get(kind, "text")) if age < 2 else p.muted
        ctx.text(surface, text, box, m.body, colour)
        y = box.bottom + m.gap // 2


def draw_panel(scene: PlayScene, surface: pygame.Surface) -> None:
    ctx, vm = scene.ctx, scene.vm
    m, p = ctx.metrics, ctx.palette
    border = p.warn if vm.phase == "decision" else None
    panel(ctx, surface, scene.layout.panel, border=border)
    r = panel_regions(ctx, scene.layout, vm)
    if vm.phase == "decision":
        ctx.text(surface, "⚠ Decision point: step in?", r["heading"], m.heading, p.warn, True)
        ctx.text(surface, vm.cue, r["cue"], m.body)
        ctx.text(surface, vm.countdown, r["countdown"], m.body, p.text, True)
        colour = p.bad if vm.seconds_left < 3 else p.warn  # the text says the seconds too
        progress_bar(ctx, surface, r["bar"], vm.fraction_left, colour)
    elif vm.phase == "narration":
        ctx.text(surface, "The trainee is working", r["heading"], m.heading, p.text, True)
        ctx.text(surface, "Watch and read. When a mistake is about to happen, a decision point "
                 "opens here with a countdown.", r["hint"], m.body, p.muted)
        progress_bar(ctx, surface, r["bar"], vm.fraction_left, p.accent)
        skip = scene.buttons[0].rect if scene.buttons else r["buttons"]
        room = pygame.Rect(r["buttons"].x, skip.bottom + m.pad, r["buttons"].width,
                           r["buttons"].bottom - skip.bottom - m.pad)
        if room.height > ctx.line_height(m.body) * 3:
            section(ctx, surface, room, "In the room", scene.room, p.muted)
    else:
        ctx.text(surface, "The vignette has ended", r["heading"], m.heading, p.good, True)
        ctx.text(surface, vm.end_title, r["hint"], m.heading, p.text, True)
    draw_buttons(ctx, surface, scene.buttons, scene.focus.current)


def draw_paused(ctx: UiContext, surface: pygame.Surface, rect: pygame.Rect) -> None:
    shade = pygame.Surface(rect.size, pygame.SRCALPHA)
    shade.fill((0, 0, 0, 150))
    surface.blit(shade, rect.topleft)
    box = pygame.Rect(rect.x, rect.centery - ctx.metrics.title, rect.width,
                      ctx.metrics.title * 2)
    ctx.text(surface, "⏸ Paused: press P to resume", box, ctx.metrics.heading,
             ctx.palette.focus, True, "center", "center")
