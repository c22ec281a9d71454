"""The words-first side panel shared by the procedure views.

Colour alone must never carry meaning (projectors, colour-vision deficiency), so every view
states its key facts as short label/value rows and one status pill in words. Rows are laid
out top-down and stop when the panel is full rather than overflowing it.
"""

from __future__ import annotations

from dataclasses import dataclass

import pygame

from game.ui.kit.theme import Theme
from game.ui.procedures._kit import TEXT, Colour, font, text


@dataclass(frozen=True)
class Row:
    label: str
    value: str
    colour: Colour | None = None   # None: the theme's text colour
    dots: tuple[int, int] = (0, 0)  # (filled, total) markers, e.g. passes


@dataclass(frozen=True)
class Status:
    words: str
    fg: Colour
    bg: Colour


def draw_panel(surface: pygame.Surface, rect: pygame.Rect, theme: Theme, px: int, title: str,
               rows: list[Row], status: Status | None = None, subtitle: str = "") -> None:
    """Title, optional subtitle, rows, and a status pill pinned to the bottom."""
    p = theme.palette
    pygame.draw.rect(surface, p.panel_alt, rect, border_radius=8)
    inner = rect.inflate(-2 * max(6, px // 2), -2 * max(6, px // 2))
    y = inner.y
    compact = rect.h < 330
    if not compact:  # short panels give the room to the facts; the play header names the case
        y = _line(surface, inner, y, title, theme, p.text, px + 1, bold=True)
    if subtitle and rect.h >= 330:
        y = _line(surface, inner, y, subtitle, theme, p.muted, max(14, px - 2))
    bottom = inner.bottom
    if status is not None:
        bottom = _status(surface, inner, status, theme, px)
    y += 0 if compact else px // 2
    for row in rows:
        if compact:
            row = Row("", f"{row.label}: {row.value}", row.colour, row.dots)
        need = _row_height(theme, row, inner.w, px)
        if y + need > bottom - 4:
            break
        y = _row(surface, inner, y, row, theme, px)


def _line(surface: pygame.Surface, inner: pygame.Rect, y: int, words: str, theme: Theme,
          colour: Colour, px: int, bold: bool = False, lines: int = 2) -> int:
    h = _wrapped_height(theme, words, inner.w, px, bold, lines)
    text(surface, words, pygame.Rect(inner.x, y, inner.w, h), theme, colour, px, bold,
         align="left")
    return y + h


def _wrapped_height(theme: Theme, words: str, width: int, px: int, bold: bool,
                    most: int) -> int:
    """Height of `words` wrapped to `width`, capped at `most` lines (measured, not guessed)."""
    face = font(theme, px, bold)
    surf = TEXT.render(words, face, (255, 255, 255), max(1, width))
    return min(surf.get_height(), most * face.get_linesize())


def _row_height(theme: Theme, row: Row, width: int, px: int) -> int:
    value_w = width - (_dots_width(row, px) + 6 if row.dots[1] else 0)
    label_h = px + 3 if row.label else 0
    return label_h + _wrapped_height(theme, row.value, value_w, px, True, 3) + px // 3


def _row(surface: pygame.Surface, inner: pygame.Rect, y: int, row: Row, theme: Theme,
         px: int) -> int:
    p = theme.palette
    if row.label:
        text(surface, row.label, pygame.Rect(inner.x, y, inner.w, px + 3), theme, p.muted,
             max(14, px - 2), align="left")
        y += px + 3
    dots_w = _dots_width(row, px) + 6 if row.dots[1] else 0
    h = _wrapped_height(theme, row.value, inner.w - dots_w, px, True, 3)
    box = pygame.Rect(inner.x, y, inner.w - dots_w, h)
    text(surface, row.value, box, theme, row.colour or p.text, px, bold=True, align="left")
    if row.dots[1]:
        _dots(surface, (box.right + 6, y + px // 2 + 2), row, theme, px)
    return y + box.h + px // 3


def _dots_width(row: Row, px: int) -> int:
    return row.dots[1] * (px // 2 + 4)


def _dots(surface: pygame.Surface, left_mid: tuple[int, int], row: Row, theme: Theme,
          px: int) -> None:
    """Filled/empty markers: a count that reads at a glance without relying on colour."""
    r = max(4, px // 4)
    for i in range(row.dots[1]):
        c = (left_mid[0] + r + i * (px // 2 + 4), left_mid[1])
        colour = row.colour or theme.palette.text
        pygame.draw.circle(surface, colour, c, r, 0 if i < row.dots[0] else 2)


def _status(surface: pygame.Surface, inner: pygame.Rect, status: Status, theme: Theme,
            px: int) -> int:
    h = _wrapped_height(theme, status.words, inner.w - 12, px, True, 2) + 10
    box = pygame.Rect(inner.x, inner.bottom - h, inner.w, h)
    pygame.draw.rect(surface, status.bg, box, border_radius=8)
    text(surface, status.words, box.inflate(-12, -6), theme, status.fg, px, bold=True)
    return box.y
