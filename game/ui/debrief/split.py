"""Cutting a page's text at line boundaries, so a scrolled page never leaves a hole.

A debrief page scrolls by whole blocks. When the next block is taller than the room left
under the blocks shown (at Extra large in 1024x600 the inquiry under the decision's head),
moving it whole to the next screen would leave most of the page empty. Instead the block
shows its first lines there and the rest begins the next screen: a text is cut after the
last whole line that fits, so both halves wrap exactly as the whole did and no box is
shorter than its text (nothing scrolls inside a box, nothing is cut off).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

import pygame
from pygame import Rect

from game.ui.kit.common import text_height
from game.ui.kit.theme import Colour
from game.ui.shell.context import UiContext

_CUTS: dict[tuple[object, ...], int | None] = {}
"""Where a text was cut (its head's length) for a width and a room: the page is paginated
every frame, and finding the cut measures the text a few times."""
_CUTS_KEPT = 512


@dataclass(frozen=True, eq=False)
class TextPiece:
    """Wrapped text in a panel (a `page.Piece`), which can be cut between two lines."""

    ctx: UiContext
    text: str
    size: int
    colour: Colour | None = None
    bold: bool = False
    keep_with_next: bool = False
    """A section's label: never the last line of a screen, apart from what it labels."""

    def __call__(self, width: int) -> tuple[int, Callable[[pygame.Surface, Rect], None]]:
        def draw(surface: pygame.Surface, rect: Rect) -> None:
            self.ctx.text(surface, self.text, rect, self.size, self.colour, self.bold)
        need = text_height(self.ctx, self.text, self.size, width, self.bold) if self.text else 0
        return need, draw

    def cut(self, width: int, room: int) -> tuple[TextPiece, TextPiece] | None:
        """(the lines that fit in `room`, the rest), or None when not even one line fits."""
        font = self.ctx.theme.fonts.get(self.size, self.bold)
        key = (self.text, id(font), width, room)
        if key not in _CUTS:
            if len(_CUTS) >= _CUTS_KEPT:
                _CUTS.clear()
            _CUTS[key] = self._no_widow(width, room, self._head_length(width, room))
        end = _CUTS[key]
        if end is None:
            return None
        head, tail = self.text[:end].rstrip(), self.text[end:].lstrip()
        return (TextPiece(self.ctx, head, self.size, self.colour, self.bold),
                TextPiece(self.ctx, tail, self.size, self.colour, self.bold,
                          self.keep_with_next))

    def _no_widow(self, width: int, room: int, end: int | None) -> int | None:
        """A cut one line higher when it would leave a single line to the next screen
        (a lone line of a sentence reads as a separate note), if a line stays above."""
        line = self.ctx.line_height(self.size, self.bold)
        tail = self.text[end:].strip() if end is not None else ""
        if not tail or text_height(self.ctx, tail, self.size, width, self.bold) > line:
            return end
        higher = self._head_length(width, room - line)
        return end if higher is None else higher

    def _head_length(self, width: int, room: int) -> int | None:
        """The longest run of whole words that wraps into `room`. The wrapping is greedy,
        so that run is exactly the text's first lines, and the rest wraps as it did."""
        ends = [m.end() for m in re.finditer(r"\S+", self.text)]
        fits = [e for e in ends[:1]
                if text_height(self.ctx, self.text[:e], self.size, width, self.bold) <= room]
        if not fits or len(ends) < 2:
            return None
        low, high = 0, len(ends) - 1  # ends[low] fits; the whole text (ends[-1]) does not
        while high - low > 1:
            mid = (low + high) // 2
            head = self.text[:ends[mid]]
            if text_height(self.ctx, head, self.size, width, self.bold) <= room:
                low = mid
            else:
                high = mid
        return ends[low]


def split_pieces(pieces: list[Callable[[int], tuple[int, object]]], heights: list[int],
                 room: int, width: int, spacing: int) -> tuple[list, list] | None:
    """A panel's pieces (their `heights` at `width`, `spacing` apart) divided so that the
    first part fits in `room`: at the first piece that overflows, cut between its lines if
    it can be cut (text, the options' rows), else before it. None when nothing would stay
    above the cut."""
    y = 0
    for i, (piece, h) in enumerate(zip(pieces, heights)):
        top = y + (spacing if i else 0)
        if top + h <= room:
            y = top + h
            continue
        head, tail = list(pieces[:i]), list(pieces[i:])
        cutter = getattr(piece, "cut", None)  # text, and the options' table by rows
        cut = cutter(width, room - top) if cutter is not None else None
        if cut is not None:
            head, tail = head + [cut[0]], [cut[1], *tail[1:]]
        while head and getattr(head[-1], "keep_with_next", False):
            tail.insert(0, head.pop())  # a label goes with its text
        return (head, tail) if head else None
    return None
