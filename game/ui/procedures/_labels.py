"""Words in a procedure picture: always whole, at the player's text size, never on each other.

Issue #13's rule for every text on screen holds inside the pictures too: a label is drawn at
the size the player chose (never shrunk to fit), wrapped inside the box its view gives it,
and never cut with an ellipsis or clipped at the picture's edge. A picture's room varies
from a projector's full screen to a strip 60 px tall in the replay viewer, so a label that
does not fit whole where its view asks is not drawn there: the view may offer it another
place (the other side, a second line, a shorter wording), and otherwise it is left out *on
purpose*. Views therefore place their labels in priority order (what the
supervisor decides on first: status and warnings, then the structures the cue is about,
then orientation words) and the first labels placed win the room.

Each picture draws inside a `Book` (opened by `picture`, the decorator every view's `draw`
wears): it knows the picture's rect and every label placed so far, so a label that would
overlap another or leave the picture is refused. Tests read what was placed through
`RECORDER`. Sizes, line breaks and renderings live in `_type`.

Every word a view draws is looked up through `t` (a literal message id, as screens write
`ctx.t("...")`, so tests/ui/test_i18n.py finds it and requires its German entry). The
translator is the screen's `ctx.t`, handed to `labels_for` for the frames it draws; outside
it (tests, tools) words stay English. It is scoped like the label floor: views keep the
`ProcedureView.draw` signature every screen already calls.
"""

from __future__ import annotations

import contextlib
import functools
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any, TypeVar

import pygame

from game.i18n import Tr, english
from game.ui.kit.theme import Theme
from game.ui.procedures._type import (  # noqa: F401 -- the label kit's one face for views
    LABEL_SIZE,
    TEXT,
    Colour,
    floor_px,
    floor_size,
    font,
    font_size,
    label_px,
    line_height,
    lines_height,
    measure,
    minor_px,
    real_px,
    render,
    set_floor,
    wrap,
)

Point = tuple[int, int]

MIN_PICTURE = (48, 24)
"""Below this a picture draws only its background: no room for anything recognisable."""


@dataclass(frozen=True)
class Label:
    """One placed label: where its words are, the box they had to fit, and their size."""

    words: str
    rect: pygame.Rect
    box: pygame.Rect
    px: int
    """Real pixel size of the font the words were drawn with."""
    size: int
    """The font size asked of `Fonts` (times the player's text size gives `px`)."""
    floor: int = LABEL_SIZE
    """The smallest size labels could ask for when this one was placed."""
    clipped: bool = False
    """The surface's clip cut into it (a view drew it inside a clip too small for it)."""


@dataclass
class Book:
    """The labels of one picture being drawn: its bounds and what is placed so far."""

    bounds: pygame.Rect
    placed: list[Label] = field(default_factory=list)
    lines: list[tuple[Point, Point]] = field(default_factory=list)
    """Leader lines drawn so far: later labels keep off them too."""

    def free(self, rect: pygame.Rect) -> bool:
        """Inside the picture, clear of every label already placed and of their leaders."""
        return self.bounds.contains(rect) and \
            rect.collidelist([p.rect for p in self.placed]) < 0 and \
            not any(rect.clipline(a, b) for a, b in self.lines)

    def crosses(self, a: Point, b: Point, own: pygame.Rect) -> bool:
        """Whether the line a-b would run through a placed label other than `own`."""
        return any(p.rect.clipline(a, b) for p in self.placed if p.rect != own)

    def reserve(self, rect: pygame.Rect) -> None:
        """Room a view keeps for something that must not be written over (no words)."""
        self.placed.append(Label("", rect.copy(), rect.copy(), 0, 0))


_TRANSLATE: Tr = english
"""The translator of the pictures being drawn (see `labels_for`)."""


def t(message: str, **values: object) -> str:
    """`message` in the player's language (English outside `labels_for`)."""
    return _TRANSLATE(message, **values)


@contextlib.contextmanager
def labels_for(smallest: int, record: list[Label] | None = None,
               translate: Tr | None = None) -> Iterator[list[Label]]:
    """Draw pictures whose labels are never below `smallest` (the screen's smallest text
    role, before the player's text size) and whose words `translate` looks up (the
    screen's `ctx.t`; English when None); every label placed is also added to `record`."""
    global RECORDER, _TRANSLATE
    outer = (floor_size(), RECORDER, _TRANSLATE)
    set_floor(max(LABEL_SIZE, smallest))
    placed: list[Label] = []
    RECORDER = placed
    _TRANSLATE = translate or english
    try:
        yield placed
    finally:
        set_floor(outer[0])
        RECORDER = outer[1]
        _TRANSLATE = outer[2]
        if record is not None:
            record.extend(placed)
        if RECORDER is not None:
            RECORDER.extend(placed)


RECORDER: list[Label] | None = None
"""When a list, every label placed by any picture is appended to it (the layout tests)."""
_BOOK: Book | None = None


def book() -> Book:
    """The picture being drawn's book (a picture-less one outside `picture`, for tests)."""
    return _BOOK if _BOOK is not None else Book(pygame.Rect(-10**6, -10**6, 2 * 10**6,
                                                            2 * 10**6))


F = TypeVar("F", bound=Callable[..., None])


def picture(draw: F) -> F:
    """Wrap a view's `draw(self, surface, rect, ...)`: one label book per frame, and a rect
    too small for any picture (a squeezed layout, a zero-sized window) draws only the panel
    colour instead of failing."""

    @functools.wraps(draw)
    def wrapper(self: Any, surface: pygame.Surface, rect: pygame.Rect, now: Mapping,
                before: Mapping, progress: float, theme: Theme, time_s: float) -> None:
        global _BOOK
        rect = pygame.Rect(rect)
        if rect.w < MIN_PICTURE[0] or rect.h < MIN_PICTURE[1]:
            if rect.w > 0 and rect.h > 0:
                surface.fill(theme.palette.panel, rect)
            return
        outer, _BOOK = _BOOK, Book(rect.copy())
        clip = surface.get_clip()
        surface.set_clip(rect.clip(clip))  # nothing a view draws strays outside its rect
        try:
            draw(self, surface, rect, now, before, progress, theme, time_s)
        finally:
            _BOOK = outer
            surface.set_clip(clip)
    return wrapper  # type: ignore[return-value]


# ----------------------------------------------------------------------------- placing
def _place(surface: pygame.Surface, words: str, rect: pygame.Rect, box: pygame.Rect,
           theme: Theme, px: int) -> bool:
    """Claim `rect` for `words` if it is free; note it for the tests."""
    here = book()
    if not box.contains(rect) or not here.free(rect):
        return False
    size = font_size(theme, px)
    clip = surface.get_clip()
    label = Label(words, rect.copy(), box.copy(), real_px(theme, size), size, floor_size(),
                  clipped=not clip.contains(rect))
    here.placed.append(label)
    if RECORDER is not None:
        RECORDER.append(label)
    return True


def spot(words: str, box: pygame.Rect, theme: Theme, px: int, bold: bool = False,
         align: str = "center") -> pygame.Rect | None:
    """Where `text` would put `words` in `box`, or None when they would not fit whole there
    or would cover a label already placed: lets a view try a whole arrangement first."""
    size = measure(words, box.w, theme, px, bold) if words.strip() else None
    if size is None or size[1] > box.h:
        return None
    w, h = size
    x = {"left": box.x, "right": box.right - w}.get(align, box.centerx - w // 2)
    rect = pygame.Rect(x, box.centery - h // 2, w, h)
    return rect if box.contains(rect) and book().free(rect) else None


def text(surface: pygame.Surface, words: str, box: pygame.Rect, theme: Theme, colour: Colour,
         px: int, bold: bool = False, align: str = "center") -> pygame.Rect | None:
    """Draw `words` at `px` wrapped inside `box`, whole; None (nothing drawn) when they do not
    fit the box at that size or the room is taken: the caller offers another place or none."""
    rect = spot(words, box, theme, px, bold, align)
    lines = wrap(words, box.w, theme, px, bold)
    if rect is None or lines is None or not _place(surface, words, rect, box, theme, px):
        return None
    face = font(theme, px, bold)
    for i, line in enumerate(lines):
        surf = render(line, theme, px, bold, colour)
        lx = {"left": rect.x, "right": rect.right - surf.get_width()}.get(
            align, rect.centerx - surf.get_width() // 2)
        surface.blit(surf, (lx, rect.y + i * face.get_linesize()))
    return rect


def first_text(surface: pygame.Surface, words: str | tuple[str, ...], boxes: list[pygame.Rect],
               theme: Theme, colour: Colour, px: int, bold: bool = False,
               align: str = "center") -> pygame.Rect | None:
    """`text` in the first of `boxes` (and wording, shortest last) where it fits whole."""
    wordings = (words,) if isinstance(words, str) else words
    for wording in wordings:
        for box in boxes:
            got = text(surface, wording, box, theme, colour, px, bold, align)
            if got is not None:
                return got
    return None


def _foot(rect: pygame.Rect, target: Point) -> Point:
    """Where a leader leaves a label: its lower (or upper) edge, toward the target."""
    x = min(max(target[0], rect.x + 4), rect.right - 4)
    return (x, rect.bottom + 2) if target[1] >= rect.centery else (x, rect.y - 2)


def pointer(surface: pygame.Surface, start: Point, end: Point, colour: Colour,
            dot: bool = True) -> None:
    """A thin line from a label to the thing it names, noted so later labels avoid it."""
    pygame.draw.aaline(surface, colour, start, end)
    if dot:
        pygame.draw.circle(surface, colour, end, 3)
    book().lines.append((start, end))


def pointed_text(surface: pygame.Surface, words: str | tuple[str, ...],
                 boxes: list[pygame.Rect], target: Point, theme: Theme, colour: Colour,
                 px: int, align: str = "center") -> pygame.Rect | None:
    """`first_text` with a leader to `target`: the first place (and wording) where the words
    fit whole and their leader crosses no other label."""
    here = book()
    for wording in ((words,) if isinstance(words, str) else words):
        for box in boxes:
            rect = spot(wording, box, theme, px, False, align)
            if rect is None or here.crosses(_foot(rect, target), target, rect):
                continue
            got = text(surface, wording, box, theme, colour, px, False, align)
            if got is not None:
                pointer(surface, _foot(got, target), target, colour)
                return got
    return None


def tag(surface: pygame.Surface, words: str, anchor: tuple[int, int], theme: Theme,
        fg: Colour, bg: Colour, px: int, bounds: pygame.Rect, where: str = "center",
        bold: bool = True) -> pygame.Rect | None:
    """A pill-shaped label (e.g. "BONE CONTACT") moved inside `bounds` if need be; None when
    it cannot sit there whole without covering another label."""
    surf = render(words, theme, px, bold, fg)
    pad = max(4, px // 3)
    box = pygame.Rect(0, 0, surf.get_width() + 2 * pad, surf.get_height() + pad)
    setattr(box, where, anchor)
    box.clamp_ip(bounds)
    if not bounds.contains(box) or not _place(surface, words, box, bounds, theme, px):
        return None
    pygame.draw.rect(surface, bg, box, border_radius=box.h // 2)
    pygame.draw.rect(surface, fg, box, 1, border_radius=box.h // 2)
    surface.blit(surf, (box.x + pad, box.y + pad // 2))
    return box
