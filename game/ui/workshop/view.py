"""The projector look shared by the workshop screens: larger type, the high-contrast palette.

A workshop is read from the back of a room, so its scenes draw through a `ProjectorContext`:
the player's `UiContext` with every text size and button scaled up and the high-contrast
palette, whatever the player's own settings. It delegates everything else (window size, text
cache, layout recorder, services, translator) to the real context, so a resize, a cleared
cache or the layout test's recorder reach the workshop screens at once.

The projector text preset (issue 14): no text under `FLOOR_PX` (24 px) at 1920x1080, the
floor scaled with the window's height below that (16 px at 1280x720), so a smaller window
thrown on the same wall keeps the proportions. A projector cannot scroll, so a text that does
not fit its box at its size steps down the preset's sizes (heading -> body -> small; `fit`),
never below the floor; the workshop screens size their boxes so that this is rare.
"""

from __future__ import annotations

import math
from dataclasses import replace
from typing import Any, cast

import pygame

from game.ui.kit.common import text_height
from game.ui.kit.panels import panel, tone_colour
from game.ui.kit.theme import PALETTES, Palette, Theme
from game.ui.shell.context import Metrics, UiContext

TEXT_FACTOR = 1.25
"""Projector body text against the play screen's (20 px -> 25 px at 1280x720)."""
FLOOR_PX = 24
"""The smallest projector text at 1920x1080 (rendered pixels)."""
FULL_HD_HEIGHT = 1080


def floor_px(size: tuple[int, int]) -> int:
    """The projector's smallest text for a window of `size`, in rendered pixels."""
    return math.ceil(FLOOR_PX * min(1.0, size[1] / FULL_HD_HEIGHT))


def projector_metrics(m: Metrics, size: tuple[int, int] = (1920, 1080)) -> Metrics:
    def up(px: int, factor: float = TEXT_FACTOR) -> int:
        return max(1, round(px * factor))
    floor = math.ceil(floor_px(size) / m.text)  # a size request, before the text setting
    body = max(up(m.body), floor)
    return replace(m, title=max(up(m.title, 1.15), floor), heading=max(up(m.heading, 1.2), floor),
                   body=body, small=max(up(m.small, 1.2), floor),
                   button_h=max(m.button_h, round(body * m.text * 1.8)))


class ProjectorContext:
    """A `UiContext` look-alike for the projector; see the module docstring."""

    def __init__(self, base: UiContext):
        self.base = base
        self._theme: tuple[Theme | None, Theme | None] = (None, None)
        self._metrics: tuple[Metrics | None, Metrics | None] = (None, None)

    def __getattr__(self, name: str) -> Any:
        return getattr(self.base, name)

    @property
    def theme(self) -> Theme:
        if self._theme[0] is not self.base.theme:
            self._theme = (self.base.theme,
                           replace(self.base.theme, palette=PALETTES["high-contrast"]))
        return cast(Theme, self._theme[1])

    @property
    def palette(self) -> Palette:
        return self.theme.palette

    @property
    def metrics(self) -> Metrics:
        if self._metrics[0] is not self.base.metrics:
            self._metrics = (self.base.metrics,
                             projector_metrics(self.base.metrics, self.base.size))
        return cast(Metrics, self._metrics[1])

    # The text helpers read only attributes this class provides; reuse them as they are.
    text = UiContext.text
    line_height = UiContext.line_height
    font_px = UiContext.font_px


def fit(ctx: UiContext, text: str, box: pygame.Rect, sizes: tuple[int, ...],
        bold: bool = False) -> int:
    """The first of `sizes` (the preset's, largest first) at which `text` wrapped to the box's
    width fits its height; the last one when none does (it then scrolls, as everywhere)."""
    for size in sizes:
        if text_height(ctx, text, size, box.width, bold) <= box.height:
            return size
    return sizes[-1]


def fit_text(ctx: UiContext, surface: pygame.Surface, text: str, box: pygame.Rect,
             sizes: tuple[int, ...], colour: tuple[int, int, int], bold: bool = False,
             align: str = "left", valign: str = "top") -> pygame.Rect:
    """`ctx.text` at the first of `sizes` that fits the box (see `fit`)."""
    return ctx.text(surface, text, box, fit(ctx, text, box, sizes, bold), colour, bold, align,
                    valign)


def projector(ctx: UiContext) -> UiContext:
    """The projector view of `ctx` (typed as a UiContext: it answers the same questions)."""
    base = ctx.base if isinstance(ctx, ProjectorContext) else ctx
    return cast(UiContext, ProjectorContext(base))


def base_of(ctx: UiContext) -> UiContext:
    """The player's own context behind a projector context (overlays use the normal look)."""
    return ctx.base if isinstance(ctx, ProjectorContext) else ctx


def status_badge(ctx: UiContext, surface: pygame.Surface, rect: pygame.Rect, tone: str,
                 icon: str, word: str) -> None:
    """Symbol and word on a bordered pill: the state of the clock, never colour alone."""
    colour = tone_colour(ctx, tone)
    panel(ctx, surface, rect, ctx.palette.panel_alt, colour)
    inner = rect.inflate(-ctx.metrics.gap * 2, -4)
    fit_text(ctx, surface, f"{icon} {word}", inner, (ctx.metrics.body, ctx.metrics.small),
             colour, True, "center", "center")  # "⚠ Voting 0:06" scrolled at Extra large


def bar(ctx: UiContext, surface: pygame.Surface, rect: pygame.Rect, fraction: float,
        colour: tuple[int, int, int], outline: bool = True) -> None:
    """A horizontal bar filled from the left to `fraction` (the vote chart's bars)."""
    fraction = max(0.0, min(1.0, fraction))
    pygame.draw.rect(surface, ctx.palette.panel_alt, rect)
    if fraction > 0:
        pygame.draw.rect(surface, colour, pygame.Rect(rect.x, rect.y,
                                                      max(2, round(rect.width * fraction)),
                                                      rect.height))
    if outline:
        pygame.draw.rect(surface, ctx.palette.muted, rect, width=1)
