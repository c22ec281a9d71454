"""The meters strip on the play screen: learning and harm so far, each a symbol, words, a
number and a bar (never colour alone).

Two forms: two lines ("Learning so far: 4.9" over its bar) where the words fit, and one line
("Learning 4.9" beside its bar) at the larger text sizes, where the two-line form wrapped
and took the narration's and the procedure view's room (Extra large in 1024x600).
"""

from __future__ import annotations

import re

import pygame

from game.ui.kit.layout import PlayLayout
from game.ui.kit.panels import panel, progress_bar
from game.ui.play.presenters import MetersVM
from game.ui.shell.context import UiContext


def meter_rects(ctx: UiContext, lay: PlayLayout, shown: bool,
                meters: MetersVM | None = None) -> tuple[pygame.Rect | None, pygame.Rect]:
    """The meters strip (when shown) at the top of the narration column, and what is left.

    Where "Learning so far: 4.9" would wrap (the larger text sizes) and `meters` are given,
    the strip takes its one-line form when that fits: the narration keeps a line more."""
    if not shown:
        return None, lay.narration
    m = ctx.metrics
    lines = 1 if m.text <= 1.0 else 2  # "Learning so far: 4.9" wraps at the larger sizes
    h = ctx.line_height(m.small, True) * lines + max(8, round(m.small * 0.5)) + 2 * m.gap
    if lines == 2 and meters is not None:
        h = compact_meters_height(ctx, lay.narration.width, meters) or h
    strip = pygame.Rect(lay.narration.x, lay.narration.y, lay.narration.width, h)
    rest = pygame.Rect(lay.narration.x, strip.bottom + m.gap, lay.narration.width,
                       lay.narration.bottom - strip.bottom - m.gap)
    return strip, rest


def compact_meters_height(ctx: UiContext, width: int, meters: MetersVM) -> int:
    """The height of the one-line meters strip (each ledger's words, number and bar side by
    side), or 0 when its words do not fit one line beside a bar (then the strip keeps its
    two-line form)."""
    m = ctx.metrics
    half = (width - 3 * m.gap) // 2
    bold = ctx.theme.fonts.get(m.small, True)
    widest = max(bold.size(_room_for_tens(icon + text))[0]
                 for icon, text in (("▲ ", meters.learning_short), ("⚠ ", meters.harm_short)))
    if not meters.learning_short or widest + m.gap + 3 * m.gap > half:
        return 0
    return ctx.line_height(m.small, True) + m.gap  # close: one line of words and bars


def _room_for_tens(text: str) -> str:
    """The text with its number as wide as 00.0, so the bar does not move as points grow."""
    return re.sub(r"\d+([.,])\d", r"00\g<1>0", text)


def draw_compact_meters(ctx: UiContext, surface: pygame.Surface, rect: pygame.Rect,
                        meters: MetersVM) -> None:
    """The meters in one line: per ledger a symbol, its word and number, then its bar."""
    m, p = ctx.metrics, ctx.palette
    panel(ctx, surface, rect)
    inner = rect.inflate(-2 * m.gap, -m.gap)
    half = (inner.width - m.gap) // 2
    bold = ctx.theme.fonts.get(m.small, True)
    for i, (text, value, colour) in enumerate((
            ("▲ " + meters.learning_short, meters.learning, p.good),
            ("⚠ " + meters.harm_short, meters.harm, p.harm))):
        x = inner.x + i * (half + m.gap)
        text_w = bold.size(_room_for_tens(text))[0]
        ctx.text(surface, text, pygame.Rect(x, inner.y, text_w, inner.height), m.small,
                 colour, True, "left", "center")
        bar_h = max(8, round(m.small * 0.5))
        bar = pygame.Rect(x + text_w + m.gap, inner.centery - bar_h // 2,
                          half - text_w - m.gap, bar_h)
        progress_bar(ctx, surface, bar, min(1.0, value / 10), colour)


def draw_meters(ctx: UiContext, surface: pygame.Surface, rect: pygame.Rect,
                meters: MetersVM) -> None:
    """Two ledgers side by side, each a symbol, words and a number (never colour alone); the
    bars fill toward 10 points, a scale the numbers make explicit."""
    m, p = ctx.metrics, ctx.palette
    panel(ctx, surface, rect)
    inner = rect.inflate(-2 * m.gap, -2 * m.gap)
    half = (inner.width - m.gap) // 2
    text_h = inner.height - max(8, round(m.small * 0.5))  # the bar keeps its height
    for i, (text, value, colour, icon) in enumerate((
            (meters.learning_text, meters.learning, p.good, "▲ "),
            (meters.harm_text, meters.harm, p.harm, "⚠ "))):
        x = inner.x + i * (half + m.gap)
        ctx.text(surface, icon + text, pygame.Rect(x, inner.y, half, text_h), m.small, colour,
                 True, "left", "center")
        bar = pygame.Rect(x, inner.y + text_h, half, inner.bottom - inner.y - text_h)
        progress_bar(ctx, surface, bar, min(1.0, value / 10), colour)
