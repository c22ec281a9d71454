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


def _key_width(ctx: UiContext, key: str, size: int) -> int:
    return max(round(size * 1.6), ctx.theme.fonts.get(size, True).size(key)[0] + 8)


def _label_box(ctx: UiContext, rect: pygame.Rect, key: str, toned: bool,
               size: int) -> tuple[pygame.Rect, pygame.Rect | None]:
    """The label's box inside a button (and the key hint's box, if it has a key)."""
    m = ctx.metrics
    inner = rect.inflate(-m.gap * 2, -max(4, m.gap // 2))
    if toned:
        inner.x += m.gap // 2
        inner.width -= m.gap // 2
    if not key:
        return inner, None
    key_box = pygame.Rect(inner.x, inner.y, _key_width(ctx, key, size), inner.height)
    return pygame.Rect(key_box.right + m.gap, inner.y, inner.right - key_box.right - m.gap,
                       inner.height), key_box


def button_need(ctx: UiContext, label: str, width: int, key: str = "", tone: str = "",
                size: int | None = None) -> int:
    """The height a button `width` wide needs to show `label` whole at the chosen text size
    (never less than the standard button height). Lists give all their buttons the tallest
    need, so buttons in one list share one size."""
    m = ctx.metrics
    size = size or m.body
    box, _ = _label_box(ctx, pygame.Rect(0, 0, width, m.button_h), key, bool(tone), size)
    font = ctx.theme.fonts.get(size, True)  # bold, as a selected button's label
    text_h = ctx.cache.render(label, font, ctx.palette.text, max(1, box.width)).get_height()
    return max(m.button_h, text_h + max(4, m.gap // 2) + 2)


def draw_button(ctx: UiContext, surface: pygame.Surface, button: Button, focused: bool,
                size: int | None = None) -> None:
    p, m = ctx.palette, ctx.metrics
    size = size or m.body
    fill = p.panel_alt if button.enabled else p.panel
    border = p.accent if button.selected else p.muted
    panel(ctx, surface, button.rect, fill, border)
    if button.tone:
        stripe = pygame.Rect(button.rect.x + 3, button.rect.y + 6, max(4, m.ring + 1),
                             button.rect.height - 12)
        pygame.draw.rect(surface, tone_colour(ctx, button.tone), stripe, border_radius=2)
    label, key_box = _label_box(ctx, button.rect, button.key, bool(button.tone), size)
    colour = p.text if button.enabled else p.muted
    if key_box is not None:
        pygame.draw.rect(surface, p.panel, key_box.inflate(0, -max(4, key_box.height // 4)),
                         border_radius=4)
        ctx.text(surface, button.key, key_box, size, p.accent, True, "center", "center")
    ctx.text(surface, button.label, label, size, colour, button.selected, "left", "center")
    if focused:
        focus_ring(ctx, surface, button.rect)


def warm_button(ctx: UiContext, button: Button, size: int | None = None) -> bool:
    """Render `button`'s label into the text cache as `draw_button` will draw it, without
    drawing; True when that cost a rendering (the cache did not hold it yet). A screen warms
    a look it is about to show in frames with time to spare."""
    size = size or ctx.metrics.body
    label, _ = _label_box(ctx, button.rect, button.key, bool(button.tone), size)
    font = ctx.theme.fonts.get(size, button.selected)
    colour = ctx.palette.text if button.enabled else ctx.palette.muted
    if ctx.cache.holds(button.label, font, colour, label.width):
        return False
    ctx.cache.render(button.label, font, colour, label.width)
    return True


def draw_buttons(ctx: UiContext, surface: pygame.Surface, buttons: list[Button],
                 focused: str | None, size: int | None = None) -> None:
    for button in buttons:
        draw_button(ctx, surface, button, button.id == focused, size)


def button_rects(buttons: list[Button]) -> dict[str, pygame.Rect]:
    return {b.id: b.rect for b in buttons if b.enabled}
