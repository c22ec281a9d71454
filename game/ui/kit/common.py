"""Helpers every screen shares: the header and footer bands and menu-style focus handling."""

from __future__ import annotations

import pygame

from game.ui.kit.focus import FocusList, hit
from game.ui.kit.panels import panel
from game.ui.kit.theme import Colour
from game.ui.shell.context import UiContext
from game.ui.shell.input import Act, Intent

FORWARD = (Act.NEXT, Act.DOWN, Act.RIGHT)
BACKWARD = (Act.PREV, Act.UP, Act.LEFT)


def menu_intent(focus: FocusList, rects: dict[str, pygame.Rect], intent: Intent,
                forward: tuple[Act, ...] = FORWARD,
                backward: tuple[Act, ...] = BACKWARD) -> str | None:
    """Move focus for keyboard and mouse; returns the id of an item the player activated."""
    if intent.act in forward:
        focus.move(1)
    elif intent.act in backward:
        focus.move(-1)
    elif intent.act is Act.HOVER:
        item = hit(rects, intent.pos)
        if item is not None:
            focus.focus(item)
    elif intent.act is Act.CLICK:
        item = hit(rects, intent.pos)
        if item is not None:
            focus.focus(item)
            return item
    elif intent.act is Act.ACTIVATE:
        return focus.current
    return None


def draw_header(ctx: UiContext, surface: pygame.Surface, rect: pygame.Rect, text: str,
                size: int | None = None) -> None:
    ctx.text(surface, text, rect, size or ctx.metrics.title, ctx.palette.text, True, "left",
             "center")
    y = rect.bottom + ctx.metrics.gap // 2
    pygame.draw.line(surface, ctx.palette.panel_alt, (rect.x, y), (rect.right, y), 2)


def draw_footer(ctx: UiContext, surface: pygame.Surface, rect: pygame.Rect, text: str) -> None:
    ctx.text(surface, text, rect, ctx.metrics.small, ctx.palette.muted, False, "left", "center")


def text_height(ctx: UiContext, text: str, size: int, width: int, bold: bool = False) -> int:
    """Height of `text` wrapped to `width` at `size` (rendered once, then cached)."""
    font = ctx.theme.fonts.get(size, bold)
    return ctx.cache.render(text, font, ctx.palette.text, max(1, width)).get_height()


def section_need(ctx: UiContext, width: int, label: str, body: str) -> int:
    """The height `section` needs to show `body` in full at body size."""
    m = ctx.metrics
    inner_w = width - 2 * m.gap
    head = text_height(ctx, label.upper(), m.small, inner_w, True)  # all of it, any size
    return 2 * m.gap + head + m.gap // 2 + text_height(ctx, body, m.body, inner_w)


def section(ctx: UiContext, surface: pygame.Surface, rect: pygame.Rect, label: str,
            body: str, body_colour: Colour | None = None) -> None:
    """A panel with a small heading and wrapped body text under it."""
    m = ctx.metrics
    panel(ctx, surface, rect)
    inner = rect.inflate(-2 * m.gap, -2 * m.gap)
    head_h = min(inner.height, text_height(ctx, label.upper(), m.small, inner.width, True))
    ctx.text(surface, label.upper(), pygame.Rect(inner.x, inner.y, inner.width, head_h),
             m.small, ctx.palette.accent, True)
    box = pygame.Rect(inner.x, inner.y + head_h + m.gap // 2, inner.width,
                      inner.height - head_h - m.gap // 2)
    ctx.text(surface, body, box, m.body, body_colour or ctx.palette.text)
