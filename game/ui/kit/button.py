"""Buttons: a label, an optional key hint, a rectangle, and how focus and hover look."""

from __future__ import annotations

from dataclasses import dataclass

import pygame

from game.ui.kit.panels import focus_ring, panel, tone_colour
from game.ui.shell.context import UiContext


@dataclass(frozen=True)
class Button:
    id: str
    label: str
    rect: pygame.Rect
    key: str = ""
    """Key hint drawn at the left ("1", "Enter")."""
    enabled: bool = True
    selected: bool = False
    tone: str = ""
    """Colour of the left stripe ("good", "warn"...); the label carries the meaning."""


def draw_button(ctx: UiContext, surface: pygame.Surface, button: Button, focused: bool,
                size: int | None = None) -> None:
    p, m = ctx.palette, ctx.metrics
    size = size or m.body
    fill = p.panel_alt if button.enabled else p.panel
    border = p.accent if button.selected else p.muted
    panel(ctx, surface, button.rect, fill, border)
    inner = button.rect.inflate(-m.gap * 2, -max(4, m.gap // 2))
    if button.tone:
        stripe = pygame.Rect(button.rect.x + 3, button.rect.y + 6, max(4, m.ring + 1),
                             button.rect.height - 12)
        pygame.draw.rect(surface, tone_colour(ctx, button.tone), stripe, border_radius=2)
        inner.x += m.gap // 2
        inner.width -= m.gap // 2
    colour = p.text if button.enabled else p.muted
    if button.key:
        key_w = max(round(size * 1.6), ctx.theme.fonts.get(size, True).size(button.key)[0] + 8)
        key_box = pygame.Rect(inner.x, inner.y, key_w, inner.height)
        pygame.draw.rect(surface, p.panel, key_box.inflate(0, -max(4, inner.height // 4)),
                         border_radius=4)
        ctx.text(surface, button.key, key_box, size, p.accent, True, "center", "center")
        inner = pygame.Rect(key_box.right + m.gap, inner.y, inner.right - key_box.right - m.gap,
                            inner.height)
    ctx.text(surface, button.label, inner, size, colour, button.selected, "left", "center")
    if focused:
        focus_ring(ctx, surface, button.rect)


def draw_buttons(ctx: UiContext, surface: pygame.Surface, buttons: list[Button],
                 focused: str | None, size: int | None = None) -> None:
    for button in buttons:
        draw_button(ctx, surface, button, button.id == focused, size)


def button_rects(buttons: list[Button]) -> dict[str, pygame.Rect]:
    return {b.id: b.rect for b in buttons if b.enabled}
