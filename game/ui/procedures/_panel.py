"""The words-first side panel shared by the procedure views.

Colour alone must never carry meaning (projectors, colour-vision deficiency), so every view
states its key facts as short label/value rows and one status pill in words. Text keeps the
player's size and is never cut, so a short panel shows fewer things, chosen by priority: the
status pill first (it says what is happening now), then the rows in the order the view lists
them (most important first), then the title; a row that does not fit whole is left out, and
a short panel puts a row's label and value on one line ("Depth: 4.5 cm").
"""

from __future__ import annotations

from dataclasses import dataclass

import pygame

from game.ui.kit.theme import Theme
from game.ui.procedures._kit import Colour, lines_height, measure, minor_px, text


@dataclass(frozen=True)
class Row:
    label: str
    value: str
    colour: Colour | None = None   # None: the theme's text colour
    dots: tuple[int, int] = (0, 0)  # (filled, total) markers, e.g. passes
    short: str = ""
    """A shorter value for a short panel (e.g. "caudal" for "toward the feet (caudal)")."""


@dataclass(frozen=True)
class Status:
    words: str
    fg: Colour
    bg: Colour
    short: str = ""
    """A shorter wording for a panel too small for `words` (e.g. only "BONE CONTACT")."""


COMPACT_H = 330
"""Below this height rows are one line each and the title gives its room to the facts (the
play header names the case)."""


def draw_panel(surface: pygame.Surface, rect: pygame.Rect, theme: Theme, px: int, title: str,
               rows: list[Row], status: Status | None = None, subtitle: str = "") -> None:
    """Status pill at the bottom, then the rows top-down; the title above them only when
    every row fits with it."""
    p = theme.palette
    pygame.draw.rect(surface, p.panel_alt, rect, border_radius=8)
    inner = rect.inflate(-2 * max(4, px // 4), -2 * max(4, px // 4))
    if inner.w <= 0 or inner.h <= 0:
        return
    compact = rect.h < COMPACT_H
    bottom = inner.bottom
    if status is not None:
        bottom = _status(surface, inner, status, theme, px) or bottom
    top = inner.y
    titled = not compact and _all_fit(theme, rows, inner.w, px, compact, bottom - 4 - top -
                                      _title_height(theme, title, subtitle, inner.w, px))
    if titled:  # the title only takes room no fact needs
        top += _title_height(theme, title, subtitle, inner.w, px)
        _title(surface, inner, theme, title, subtitle, px)
    if compact and _joined(surface, inner, top, bottom, rows, theme, px):
        return
    y = top
    for form in _plan(theme, rows, inner.w, px, compact, bottom - 4 - top):
        y = _row(surface, inner, y, form, theme, px)


def _plan(theme: Theme, rows: list[Row], width: int, px: int, compact: bool,
          room: int) -> list[Row]:
    """The rows to draw, each in one of its forms, within `room` pixels: rows are kept in
    priority order in their shortest forms (a row that does not fit even so is left out
    whole; a later, shorter one may still fit), then each kept row, first row first, takes
    its fullest form the room allows. So a long first row gives way to its short form
    before a later row is left out (the caesarean's trainee's hand, the cue of its second
    decision, was dropped at 1024x600 because the head row took two lines)."""
    options = []
    for row in rows:
        fits = [(f, h) for f in _forms(row, compact)
                if (h := _row_height(theme, f, width, px)) is not None]
        options.append(fits)
    kept: dict[int, tuple[Row, int]] = {}
    used = 0
    for i, fits in enumerate(options):
        if fits and used + min(h for _, h in fits) <= room:
            kept[i] = min(fits, key=lambda fh: fh[1])
            used += kept[i][1]
    for i in sorted(kept):
        for form, h in options[i]:  # fullest first
            if used - kept[i][1] + h <= room:
                used += h - kept[i][1]
                kept[i] = (form, h)
                break
    return [kept[i][0] for i in sorted(kept)]


def _all_fit(theme: Theme, rows: list[Row], width: int, px: int, compact: bool,
             room: int) -> bool:
    """Whether every row fits, one under the other, in `room` pixels."""
    need = 0
    for row in rows:
        heights = [h for f in _forms(row, compact)
                   if (h := _row_height(theme, f, width, px)) is not None]
        if not heights:
            return False
        need += heights[0]
    return need <= room


def _joined(surface: pygame.Surface, inner: pygame.Rect, top: int, bottom: int,
            rows: list[Row], theme: Theme, px: int) -> bool:
    """In a short panel whose rows do not all fit one under the other, all of them as one
    paragraph ("Aim: caudal · Depth: 2.0 cm · Passes: 1"), if that fits whole in at most
    two lines (a wide strip); longer, it would be a block hard to scan, so rows are left
    out instead."""
    room = bottom - 4 - top
    heights = [min((h for f in _forms(r, True)
                    if (h := _row_height(theme, f, inner.w, px)) is not None), default=10**4)
               for r in rows]
    if not rows or sum(heights) <= room:
        return False
    for short in (False, True):
        words = " · ".join(f"{r.label}: {r.short if short and r.short else r.value}"
                           for r in rows)
        got = measure(words, inner.w, theme, px, True)
        if got is not None and got[1] <= min(room, lines_height(theme, px, 2, True)):
            text(surface, words, pygame.Rect(inner.x, top, inner.w, got[1]), theme,
                 theme.palette.text, px, bold=True, align="left")
            return True
    return False


def panel_need(theme: Theme, px: int, width: int, height: int, rows: list[Row],
               status: Status | None) -> int:
    """Height a panel `width` wide (and about `height` tall: it decides the compact form)
    needs to show the status and `rows` whole, each in its shortest form."""
    pad = max(4, px // 4)
    inner_w = width - 2 * pad
    need = 2 * pad + 4
    if status is not None:
        sizes = [measure(w, inner_w - 12, theme, px, True) for w in (status.words, status.short)
                 if w]
        need += min((s[1] + 8 for s in sizes if s), default=10**4)
    for row in rows:
        heights = [_row_height(theme, f, inner_w, px) for f in _forms(row, height < COMPACT_H)]
        need += min((h for h in heights if h is not None), default=10**4)
    return need


def _forms(row: Row, compact: bool) -> list[Row]:
    """The ways to show a row, fullest first: a compact panel puts label and value on one
    line, and falls back to the short value."""
    if not compact:
        return [row]
    values = [row.value] + ([row.short] if row.short else [])
    return [Row("", f"{row.label}: {v}", row.colour, row.dots) for v in values]


def _title_height(theme: Theme, title: str, subtitle: str, width: int, px: int) -> int:
    got = measure(title, width, theme, px + 1, True)
    h = got[1] if got else 0
    sub = measure(subtitle, width, theme, minor_px(theme, px), False) if subtitle else None
    return h + (sub[1] if sub else 0) + px // 2


def _title(surface: pygame.Surface, inner: pygame.Rect, theme: Theme, title: str,
           subtitle: str, px: int) -> None:
    p = theme.palette
    got = measure(title, inner.w, theme, px + 1, True)
    if got is None:
        return
    text(surface, title, pygame.Rect(inner.x, inner.y, inner.w, got[1]), theme, p.text,
         px + 1, bold=True, align="left")
    sub = measure(subtitle, inner.w, theme, minor_px(theme, px), False) if subtitle else None
    if sub:
        text(surface, subtitle, pygame.Rect(inner.x, inner.y + got[1], inner.w, sub[1]), theme,
             p.muted, minor_px(theme, px), align="left")


def _dotted(theme: Theme, row: Row, width: int, px: int) -> Row:
    """The row with its markers only if its value stays on one line beside them (they
    repeat the number, so they give way first)."""
    if not row.dots[1]:
        return row
    one = measure(row.value, width - _dots_width(row, px), theme, px, True)
    line = lines_height(theme, px, 1, True)
    return row if one is not None and one[1] <= line else Row(row.label, row.value, row.colour,
                                                              (0, 0), row.short)


def _row_height(theme: Theme, row: Row, width: int, px: int) -> int | None:
    """Room the whole row needs, or None when a word of it is wider than the panel."""
    row = _dotted(theme, row, width, px)
    value = measure(row.value, width - _dots_width(row, px), theme, px, True)
    label = measure(row.label, width, theme, minor_px(theme, px)) if row.label else (0, 0)
    if value is None or label is None:
        return None
    return label[1] + value[1] + px // 3


def _row(surface: pygame.Surface, inner: pygame.Rect, y: int, row: Row, theme: Theme,
         px: int) -> int:
    p = theme.palette
    row = _dotted(theme, row, inner.w, px)
    if row.label:
        got = measure(row.label, inner.w, theme, minor_px(theme, px))
        h = got[1] if got else 0
        text(surface, row.label, pygame.Rect(inner.x, y, inner.w, h), theme, p.muted,
             minor_px(theme, px), align="left")
        y += h
    dots_w = _dots_width(row, px)
    value = measure(row.value, inner.w - dots_w, theme, px, True)
    h = value[1] if value else 0
    box = pygame.Rect(inner.x, y, inner.w - dots_w, h)
    drawn = text(surface, row.value, box, theme, row.colour or p.text, px, bold=True,
                 align="left")
    if row.dots[1] and drawn is not None:
        _dots(surface, (drawn.right + 6, drawn.y + drawn.h // 2), row, theme, px)
    return y + h + px // 3


def _dots_width(row: Row, px: int) -> int:
    return row.dots[1] * (px // 2 + 4) + 6 if row.dots[1] else 0


def _dots(surface: pygame.Surface, left_mid: tuple[int, int], row: Row, theme: Theme,
          px: int) -> None:
    """Filled/empty markers: a count that reads at a glance without relying on colour."""
    r = max(4, px // 4)
    for i in range(row.dots[1]):
        c = (left_mid[0] + r + i * (px // 2 + 4), left_mid[1])
        colour = row.colour or theme.palette.text
        pygame.draw.circle(surface, colour, c, r, 0 if i < row.dots[0] else 2)


def _status(surface: pygame.Surface, inner: pygame.Rect, status: Status, theme: Theme,
            px: int) -> int | None:
    """The pill pinned to the bottom (its shorter wording if need be); its top, or None when
    neither wording fits whole."""
    for words in (status.words, status.short):
        got = measure(words, inner.w - 12, theme, px, True) if words else None
        if got is None or got[1] + 8 > inner.h:
            continue
        box = pygame.Rect(inner.x, inner.bottom - got[1] - 8, inner.w, got[1] + 8)
        pygame.draw.rect(surface, status.bg, box, border_radius=8)
        text(surface, words, box.inflate(-12, -8), theme, status.fg, px, bold=True)
        return box.y
    return None
