"""The analysis page of the debrief: one decision talked through, as blocks of a page.

What to say (the advocacy-inquiry prompt, the vignette's question, the facilitator's notes)
and the decision as the model sees it (the cue, every option's Q-value, chosen vs. best,
regret, why the best was best, when you acted). Where everything fits at the chosen text
size, the inquiry leads the left column and the decision the right, the other sections
below them on whichever side, and the column split chosen so that both fit; otherwise
the parts stack in one column that scrolls as a whole (`page.draw_page`), the decision
split into its head, its options and its facts when it is taller than the page.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from itertools import product

import pygame
from pygame import Rect

from game.ui.debrief.page import Block, Piece, label_piece, panel_block, text_piece
from game.ui.debrief.presenters import DebriefVM
from game.ui.kit.common import text_height
from game.ui.kit.layout import stack
from game.ui.kit.panels import badge, tone_colour
from game.ui.review.decision_panel import decision_texts, draw_options, option_heights
from game.ui.review.presenters import DecisionPanelVM
from game.ui.shell.context import UiContext

SPLITS = (0.46, 0.42, 0.5, 0.38, 0.54, 0.34, 0.58)
"""Left column shares tried in turn for the side-by-side layout (the first that fits)."""


def badge_width(ctx: UiContext, word: str, room: int) -> int:
    """A safety badge as wide as its symbol and word need (`panels.badge`), at most half of
    `room`."""
    m = ctx.metrics
    word_w = ctx.theme.fonts.get(m.body, True).size(word)[0]
    return min(room // 2, word_w + round(m.body * 1.4) + m.gap // 2 + 2 * m.gap + 4)


def heading_piece(ctx: UiContext, d: DecisionPanelVM) -> Piece:
    """The decision's heading, wrapped, beside its safety badge."""
    m = ctx.metrics
    line = ctx.line_height(m.heading, True)

    def measure(width: int) -> tuple[int, Callable[[pygame.Surface, Rect], None]]:
        badge_w = badge_width(ctx, d.word, width)
        text_w = width - badge_w - m.gap
        need = max(line, text_height(ctx, d.heading, m.heading, text_w, True))

        def draw(surface: pygame.Surface, rect: Rect) -> None:
            ctx.text(surface, d.heading, Rect(rect.x, rect.y, text_w, rect.height), m.heading,
                     ctx.palette.text, True)
            badge(ctx, surface, Rect(rect.right - badge_w, rect.y, badge_w,
                                     min(line, rect.height)), d.tone, d.word, m.body)
        return need, draw
    return measure


@dataclass(frozen=True, eq=False)
class OptionsPiece:
    """Every option's Q-value as a bar, each row as tall as its label wraps (a `Piece`); it
    can be cut between two options, the rest under the legend again on the next screen."""

    ctx: UiContext
    d: DecisionPanelVM

    def __call__(self, width: int) -> tuple[int, Callable[[pygame.Surface, Rect], None]]:
        def draw(surface: pygame.Surface, rect: Rect) -> None:
            draw_options(self.ctx, surface, rect, self.d)
        return sum(option_heights(self.ctx, self.d, width)), draw

    def cut(self, width: int, room: int) -> tuple[OptionsPiece, OptionsPiece] | None:
        """(the options whose rows fit in `room` under the legend, the rest), or None
        when not even one fits."""
        legend, *rows = option_heights(self.ctx, self.d, width)
        used, count = legend, 0
        most = len(rows) - (2 if len(rows) > 2 else 1)  # no option alone under the legend
        while count < most and used + rows[count] <= room:
            used, count = used + rows[count], count + 1
        if count == 0:
            return None
        options = self.d.options
        return (OptionsPiece(self.ctx, replace(self.d, options=options[:count])),
                OptionsPiece(self.ctx, replace(self.d, options=options[count:])))


def options_piece(ctx: UiContext, d: DecisionPanelVM) -> Piece:
    """The options' table (`OptionsPiece`)."""
    return OptionsPiece(ctx, d)


def decision_pieces(ctx: UiContext, d: DecisionPanelVM,
                    beside_inquiry: bool = False) -> list[list[Piece]]:
    """The decision in three panels' worth: head and cue, options, facts. Beside the
    inquiry that quotes the cue (the generated one does) the cue is not repeated; in one
    column the decision comes first and keeps it."""
    m = ctx.metrics
    facts, extra = decision_texts(d)
    cue = "" if beside_inquiry and d.cue in d.inquiry else d.cue
    return [[heading_piece(ctx, d), text_piece(ctx, cue, m.body)],
            [options_piece(ctx, d)],
            [text_piece(ctx, facts, m.body),
             text_piece(ctx, extra, m.small, ctx.palette.muted)]]


def sections(ctx: UiContext, vm: DebriefVM, k: int) -> tuple[list[list[Piece]],
                                                              list[list[Piece]]]:
    """(what to say, the model's reasons) as section panels' pieces."""
    t, d = ctx.t, vm.analysis[k]
    notes = vm.notes_by_decision[k]
    say = [(t("Advocacy-inquiry: say what you saw, what you think, then ask"), d.inquiry),
           (t("The vignette asks"), d.prompt),
           (t("Your notes here"), "\n".join(f"✎ {n}" for n in notes))]
    model = [(t("Why the model's best"), vm.whys[k] if k < len(vm.whys) else ""),
             (t("When"), vm.moments[k] if k < len(vm.moments) else "")]

    def panels(parts: list[tuple[str, str]]) -> list[list[Piece]]:
        return [[label_piece(ctx, label), text_piece(ctx, body, ctx.metrics.body)]
                for label, body in parts if body]
    return panels(say), panels(model)


def analysis_build(ctx: UiContext, vm: DebriefVM, k: int,
                   room: int) -> Callable[[int], list[Block]]:
    """The page's blocks for decision `k` at a width: side by side when both columns fit
    in `room`, else one column."""
    d = vm.analysis[k]
    say, model = sections(ctx, vm, k)
    border = tone_colour(ctx, d.tone)
    decision = decision_pieces(ctx, d)
    whole = [piece for part in decision for piece in part]
    beside = [piece for part in decision_pieces(ctx, d, True) for piece in part]

    title = ctx.t("Decision {n}", n=d.number)  # its rest on the next screen says so

    def build(width: int) -> list[Block]:
        side = side_by_side(ctx, say, beside, model, border, width, room)
        if side is not None:
            return [side]
        combined = panel_block(ctx, whole, width, border=border, title=title)
        parts = [combined] if combined.need <= room else \
            [panel_block(ctx, p, width, border=border if i == 0 else None, title=title)
             for i, p in enumerate(decision)]
        blocks = [parts[0], *(panel_block(ctx, s, width) for s in say), *parts[1:]]
        return blocks + [panel_block(ctx, s, width) for s in model]
    return build


def side_by_side(ctx: UiContext, say: list[list[Piece]], decision: list[Piece],
                 model: list[list[Piece]], border: tuple[int, int, int], width: int,
                 room: int) -> Block | None:
    """The inquiry on the left, the decision on the right, each other section under one of
    them: the first split in `SPLITS` (and placing) where both columns fit, or None.
    The sections of a column share one panel (a panel each cost the room that decided
    whether the page fits at the default size in 1024x600)."""
    gap, pad = ctx.metrics.gap, ctx.metrics.pad
    first, movable = say[:1], say[1:] + model  # the inquiry leads the left column
    for share, sides in product(SPLITS, product((0, 1), repeat=len(movable))):
        left_w = round((width - pad) * share)
        right_w = width - pad - left_w
        left = first + [s for s, side in zip(movable, sides) if side == 0]
        right = [s for s, side in zip(movable, sides) if side == 1]
        columns = ([panel_block(ctx, joined(ctx, left), left_w)] if left else [],
                   [panel_block(ctx, decision, right_w, border=border)]
                   + ([panel_block(ctx, joined(ctx, right), right_w)] if right else []))
        heights = [sum(b.need for b in c) + gap * (len(c) - 1) for c in columns]
        if max(heights) <= room:
            return Block(max(heights), _two_columns(columns, left_w, pad, gap))
    return None


def joined(ctx: UiContext, sections: list[list[Piece]]) -> list[Piece]:
    """Several sections' pieces in one panel, a line's gap between sections."""
    space = ctx.metrics.gap // 2 + 1

    def spacer(width: int) -> tuple[int, Callable[[pygame.Surface, Rect], None]]:
        return space, lambda surface, rect: None
    pieces: list[Piece] = []
    for i, section in enumerate(sections):
        pieces += ([spacer] if i else []) + section
    return pieces


def _two_columns(columns: tuple[list[Block], list[Block]], left_w: int, pad: int,
                 gap: int) -> Callable[[pygame.Surface, Rect], None]:
    def draw(surface: pygame.Surface, rect: Rect) -> None:
        lefts = Rect(rect.x, rect.y, left_w, rect.height)
        rights = Rect(lefts.right + pad, rect.y, rect.right - lefts.right - pad, rect.height)
        for blocks, area in zip(columns, (lefts, rights)):
            for block, box in zip(blocks, stack(area, [b.need for b in blocks], gap)):
                block.draw(surface, box)
    return draw
