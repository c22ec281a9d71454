"""Panels, the focus ring, progress bars and the rating badge.

The focus ring is drawn outside the focused element in the theme's focus colour and is
thick enough to see on a projector. The rating badge always carries a word and a symbol,
never colour alone.
"""

from __future__ import annotations

import pygame

from game.ui.kit.theme import Colour
from game.ui.kit.vocabulary import TONE_ICONS
from game.ui.shell.context import UiContext


def tone_colour(ctx: UiContext, tone: str) -> Colour:
    p = ctx.palette
    return {"good": p.good, "warn": p.warn, "bad": p.bad, "harm": p.harm,
            "info": p.accent, "muted": p.muted}.get(tone, p.text)


def panel(ctx: UiContext, surface: pygame.Surface, rect: pygame.Rect,
          colour: Colour | None = None, border: Colour | None = None) -> None:
    radius = max(4, round(8 * ctx.metrics.scale))
    if ctx.frames is not None:
        ctx.frames.append(rect.copy())
    pygame.draw.rect(surface, colour or ctx.palette.panel, rect, border_radius=radius)
    if border is not None:
        pygame.draw.rect(surface, border, rect, width=max(1, ctx.metrics.ring - 1),
                         border_radius=radius)


def focus_ring(ctx: UiContext, surface: pygame.Surface, rect: pygame.Rect) -> None:
    ring = ctx.metrics.ring
    outer = rect.inflate(ring * 2 + 2, ring * 2 + 2)
    pygame.draw.rect(surface, ctx.palette.focus, outer, width=ring,
                     border_radius=max(6, round(10 * ctx.metrics.scale)))


def progress_bar(ctx: UiContext, surface: pygame.Surface, rect: pygame.Rect, fraction: float,
                 colour: Colour) -> None:
    """A bar emptying from the right as `fraction` goes from 1 to 0."""
    fraction = max(0.0, min(1.0, fraction))
    radius = rect.height // 2
    pygame.draw.rect(surface, ctx.palette.panel_alt, rect, border_radius=radius)
    if fraction > 0:
        filled = pygame.Rect(rect.x, rect.y, max(rect.height, round(rect.width * fraction)),
                             rect.height)
        pygame.draw.rect(surface, colour, filled, border_radius=radius)
    pygame.draw.rect(surface, ctx.palette.muted, rect, width=1, border_radius=radius)


def badged_heading(ctx: UiContext, surface: pygame.Surface, inner: pygame.Rect, heading: str,
                   tone: str, word: str, badge_w: int) -> pygame.Rect:
    """A bold heading on the left and the safety badge (`badge_w` wide) on the right of one
    line at the top of `inner`; returns the room below it."""
    m = ctx.metrics
    head_h = ctx.line_height(m.heading, True)
    ctx.text(surface, heading, pygame.Rect(inner.x, inner.y, inner.width - badge_w - m.gap,
                                           head_h), m.heading, ctx.palette.text, True,
             "left", "center")
    badge(ctx, surface, pygame.Rect(inner.right - badge_w, inner.y, badge_w, head_h), tone,
          word, m.body)
    return pygame.Rect(inner.x, inner.y + head_h + m.gap, inner.width,
                       inner.height - head_h - m.gap)


def badge(ctx: UiContext, surface: pygame.Surface, rect: pygame.Rect, tone: str, word: str,
          size: int) -> None:
    """Symbol + word on a coloured pill: the meaning survives without colour vision."""
    colour = tone_colour(ctx, tone)
    panel(ctx, surface, rect, ctx.palette.panel_alt, colour)
    inner = rect.inflate(-ctx.metrics.gap * 2, 0)  # all the height: the word keeps its size
    icon_w = min(inner.height, round(size * 1.4))
    icon_box = pygame.Rect(inner.x, inner.y, icon_w, inner.height)
    ctx.text(surface, TONE_ICONS.get(tone, "●"), icon_box, size, colour, True, "center",
             "center")
    word_box = pygame.Rect(icon_box.right + ctx.metrics.gap // 2, inner.y,
                           inner.right - icon_box.right - ctx.metrics.gap // 2, inner.height)
    ctx.text(surface, word, word_box, size, colour, True, "left", "center")


def dim(surface: pygame.Surface, alpha: int = 170) -> None:
    """Darken everything drawn so far (under an overlay)."""
    shade = pygame.Surface(surface.get_size(), pygame.SRCALPHA)
    shade.fill((0, 0, 0, alpha))
    surface.blit(shade, (0, 0))


def scroll_bar(ctx: UiContext, surface: pygame.Surface, track: pygame.Rect, first: int,
               shown: int, total: int) -> None:
    """The sign that a list has more than it shows: a track with a thumb as long as the
    share shown, placed where the shown rows are (rows first..first+shown of total)."""
    radius = track.width // 2
    pygame.draw.rect(surface, ctx.palette.panel_alt, track, border_radius=radius)
    thumb_h = max(track.width * 2, track.height * shown // max(1, total))
    span = max(1, total - shown)
    thumb_y = track.y + (track.height - thumb_h) * min(first, span) // span
    pygame.draw.rect(surface, ctx.palette.accent,
                     pygame.Rect(track.x, thumb_y, track.width, thumb_h), border_radius=radius)


def bar_width(ctx: UiContext) -> int:
    """Room a scrolling list keeps at its right for its scroll bar."""
    return max(8, round(10 * ctx.metrics.scale))
