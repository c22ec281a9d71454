"""A debrief page's body: blocks at the height their text needs, scrolled as one.

Every part of a page (a question card, a timeline row, a section of the analysis) is a
`Block` as tall as its words at the chosen text size, so no text box is squeezed into a
line or two that scrolls. When a page's blocks are taller than the room, the page body as a
whole scrolls by blocks, with one scroll bar: Page Up/Down and the mouse wheel move it, and
the view follows the keyboard focus (`PageScroll`). So that moving by whole blocks never
leaves a screen mostly empty, a block taller than the room left under the others is cut
between two lines of its text (`split.py`, `paginate`): its first lines end that screen and
the rest begins the next. A block that cannot be cut (the options' bars) and is taller than
the whole body is shown alone and its text scrolls inside it, as everywhere in the kit.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

import pygame
from pygame import Rect

from game.ui.debrief.split import TextPiece, split_pieces
from game.ui.kit.common import text_height
from game.ui.kit.layout import keep_in_view, shown_from, stack
from game.ui.kit.panels import bar_width, focus_ring, panel, scroll_bar
from game.ui.kit.theme import Colour
from game.ui.shell.context import UiContext

PAGE_STEP = 5
"""Page Up/Down arrive as a scroll of this many rows (the key table); the wheel as one."""
SPLIT_FROM = 5
"""A block is cut to fill the room left on a screen when that room is at least 1/5 of the
page (a smaller rest stays empty rather than show a line or two cut off)."""


@dataclass(frozen=True)
class Block:
    """One part of a page: the height it needs and how to draw it in a rectangle."""

    need: int
    draw: Callable[[pygame.Surface, Rect], None]
    item: int | None = None
    """The focusable item of the phase it shows (a card, a row, a take-away), if any."""
    split: Callable[[int], tuple[Block, Block] | None] | None = None
    """The block cut in two, the first part at most the given height; None when it cannot
    be cut there (`split.py`)."""


@dataclass
class PageScroll:
    """Where one phase's page is scrolled to, and its geometry as last drawn (the keys
    scroll what the player saw)."""

    first: int = 0
    followed: int | None = None
    """The focus the view last followed: when the focus moves, the view follows it once."""
    needs: list[int] = field(default_factory=list)
    starts: list[int] = field(default_factory=lambda: [0])
    """The first block of each screen as paginated from the top (`paginate`): Page Up/Down
    go from one to the next, and the last is where the page ends."""
    room: int = 0
    gap: int = 0
    scrolls: bool = False

    def shown(self) -> int:
        return shown_from(self.needs, self.gap, self.room, self.first) if self.needs else 0

    def last(self) -> int:
        return self.starts[-1]

    def scroll(self, amount: int) -> bool:
        """Scroll by a block (the wheel), or to the next or previous screen's start when
        `amount` is a page key's; False when the page fits and there is nothing to scroll."""
        if not self.scrolls or amount == 0:
            return False
        if abs(amount) < PAGE_STEP:
            self.first = max(0, min(self.last(), self.first + (1 if amount > 0 else -1)))
        elif amount > 0:
            self.first = next((s for s in self.starts if s > self.first), self.last())
        else:
            self.first = max((s for s in self.starts if s < self.first), default=0)
        return True

    def follow(self, focus: int | None, block: int | None) -> None:
        """Bring block `block` (showing the focus) into view when the focus moved; a page
        without a focusable block starts at its top when its focus (a decision) changes."""
        if focus == self.followed:
            return
        self.followed = focus
        if block is None:
            self.first = 0
        elif self.scrolls:
            self.first = keep_in_view(self.needs, self.gap, self.room, self.first, block)


def place(ctx: UiContext, page: PageScroll, area: Rect, build: Callable[[int], list[Block]],
          gap: int, focus: int | None, more: str = "") -> list[tuple[Block, Rect]]:
    """The blocks of a page `area` wide and where each shown one goes. Measured at the full
    width; when they do not all fit, again beside the scroll bar's room, above a line kept
    for the "more below" hint `more` (a screen filled by a cut block has no other room for
    it; by default the page keys' hint)."""
    blocks = build(area.width)
    page.scrolls = sum(b.need for b in blocks) + gap * (len(blocks) - 1) > area.height
    room, page.starts = area.height, [0]
    if page.scrolls:
        width = area.width - bar_width(ctx) - gap
        room = max(1, area.height - hint_height(ctx, width, more) - gap)
        blocks, page.starts = paginate(build(width), room, gap)
    page.needs, page.room, page.gap = [b.need for b in blocks], room, gap
    block = next((i for i, b in enumerate(blocks) if focus is not None and b.item == focus),
                 None)
    page.follow(focus, block)
    if not page.scrolls:
        page.first = 0
        return list(zip(blocks, stack(area, page.needs, gap)))
    page.first = min(page.first, page.last())
    width, y, shown = area.width - bar_width(ctx) - gap, area.y, []
    for b in blocks[page.first:page.first + page.shown()]:
        rect = Rect(area.x, y, width, min(b.need, area.y + room - y))
        shown.append((b, rect))
        y = rect.bottom + gap
    return shown


def paginate(blocks: list[Block], room: int, gap: int) -> tuple[list[Block], list[int]]:
    """The blocks with those cut that would leave a screen's rest empty, and where each
    screen starts: laid out screen by screen from the top, a block taller than the room
    left on a screen shows its first lines there when it can be cut, and the rest begins
    the next screen. The last screen starts there too (not where the last blocks would
    fill the room), or it would show a cut block's two parts one above the other."""
    out: list[Block] = []
    todo, used, starts = list(reversed(blocks)), 0, [0]
    while todo:
        block = todo.pop()
        top = used + (gap if used else 0)
        if top + block.need <= room:
            out.append(block)
            used = top + block.need
            continue
        left = room - top
        parts = block.split(left) if block.split and (
            not used or left * SPLIT_FROM >= room) else None
        if parts is not None and parts[0].need <= left:
            out.append(parts[0])
            todo.append(parts[1])  # the screen is full: the rest begins the next
        elif used:
            todo.append(block)
        else:
            out.append(block)  # taller than the page and uncut: its text scrolls in it
        used = 0
        if todo:
            starts.append(len(out))
    return out, starts


def draw_page(ctx: UiContext, surface: pygame.Surface, page: PageScroll, area: Rect,
              build: Callable[[int], list[Block]], focus: int | None = None) -> None:
    """Draw a page's blocks; when it scrolls, its bar, and a hint when more lies below."""
    draw_placed(ctx, surface, page, area, place(ctx, page, area, build, ctx.metrics.gap,
                                                focus))


def draw_placed(ctx: UiContext, surface: pygame.Surface, page: PageScroll, area: Rect,
                shown: list[tuple[Block, Rect]], more: str = "") -> None:
    """Draw blocks placed by `place` (with the same `more`): a screen that places its pages
    when its state changes (the briefing) draws them without placing them again."""
    gap = ctx.metrics.gap
    for block, rect in shown:
        block.draw(surface, rect)
    if not page.scrolls:
        return
    w = bar_width(ctx)
    scroll_bar(ctx, surface, Rect(area.right - w, area.y, w, area.height), page.first,
               len(shown), len(page.needs))
    if page.first + len(shown) < len(page.needs):  # "more below" on the line kept for it
        width = area.width - w - gap
        need = hint_height(ctx, width, more)
        ctx.text(surface, more or _more(ctx), Rect(area.x, area.bottom - need, width, need),
                 ctx.metrics.small, ctx.palette.accent, True)


def _more(ctx: UiContext) -> str:
    return ctx.t("▼ More below: Page Down or the wheel")


def hint_height(ctx: UiContext, width: int, more: str = "") -> int:
    """The height of the "more below" hint at a page's width (it may wrap in German)."""
    return text_height(ctx, more or _more(ctx), ctx.metrics.small, width, True)


Piece = Callable[[int], tuple[int, Callable[[pygame.Surface, Rect], None]]]
"""A part of a panel: given the inner width, its height and how to draw it there."""


def text_piece(ctx: UiContext, text: str, size: int, colour: Colour | None = None,
               bold: bool = False) -> Piece:
    """Wrapped text as tall as it needs (nothing when there is no text); it can be cut
    between lines when a page is paginated."""
    return TextPiece(ctx, text, size, colour, bold)


def label_piece(ctx: UiContext, label: str) -> Piece:
    """A section's small bold heading, as `kit.common.section` draws it; never left at the
    bottom of a screen without its text."""
    return TextPiece(ctx, label.upper(), ctx.metrics.small, ctx.palette.accent, True, True)


def _label_of(pieces: list[Piece]) -> str:
    """A section's label (its first piece, `label_piece`), which names the section."""
    first = pieces[0] if pieces else None
    return first.text if isinstance(first, TextPiece) and first.keep_with_next else ""


def continued_piece(ctx: UiContext, title: str) -> Piece:
    """The label that opens a cut block's rest on the next screen, saying what it continues
    ("DECISION 2 (CONTINUED)"): without it the rest read as a block of its own."""
    return label_piece(ctx, ctx.t("{what} (continued)", what=title))


def panel_block(ctx: UiContext, pieces: list[Piece], width: int, item: int | None = None,
                focused: bool = False, border: Colour | None = None,
                pad_y: int | None = None, title: str = "") -> Block:
    """A panel holding `pieces` stacked at their heights; the focused one wears the ring.
    `title` names the block ("Decision 2"; by default a section's label) for the label of
    its rest when it is cut between two screens."""
    m = ctx.metrics
    pad_y = m.gap if pad_y is None else pad_y
    title = title or _label_of(pieces)
    inner_w = width - 2 * m.gap
    kept = [(p, p(inner_w)) for p in pieces]
    kept = [(p, hd) for p, hd in kept if hd[0] > 0]
    measured = [hd for _, hd in kept]
    inner_need = sum(h for h, _ in measured) + m.gap // 2 * max(0, len(measured) - 1)

    def split(room: int) -> tuple[Block, Block] | None:
        parts = split_pieces([p for p, _ in kept], [h for h, _ in measured],
                             room - 2 * pad_y, inner_w, m.gap // 2)
        if parts is None:
            return None
        head, tail = parts
        if title:
            tail = [continued_piece(ctx, title), *tail]
        return (panel_block(ctx, head, width, item, focused, border, pad_y, title),
                panel_block(ctx, tail, width, item, focused, border, pad_y, title))

    def draw(surface: pygame.Surface, rect: Rect) -> None:
        panel(ctx, surface, rect, ctx.palette.panel_alt if focused else None, border)
        inner = Rect(rect.x + m.gap, rect.y + pad_y, rect.width - 2 * m.gap,
                     rect.height - 2 * pad_y)
        for (_, part), box in zip(measured, stack(inner, [h for h, _ in measured], m.gap // 2)):
            part(surface, box.clip(inner))  # clipped only in a block taller than the page
        if focused:
            focus_ring(ctx, surface, rect)
    return Block(inner_need + 2 * pad_y, draw, item, split)
