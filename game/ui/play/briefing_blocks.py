"""The briefing's sections and trainee cards as page blocks (`game.ui.debrief.page`).

Each section and card is a panel as tall as its words at the chosen text size. A column
taller than its room scrolls as the debrief's pages do: by blocks, with a block that would
leave the rest of a screen empty cut between two lines of its text (its first lines end
that screen, the rest begins the next). The briefing used to move by whole blocks, which
left most of a column empty at Extra large in 1024x600 (#13).
"""

from __future__ import annotations

from collections.abc import Callable

import pygame
from pygame import Rect

from game.ui.debrief.page import Block, Piece, label_piece, panel_block, text_piece
from game.ui.play.presenters import ProfileVM
from game.ui.shell.context import UiContext


def section_blocks(ctx: UiContext, sections: list[tuple[str, str]], width: int
                   ) -> list[Block]:
    """Patient, setting and objectives: a small bold label over its text, as
    `kit.common.section` draws them (the label never ends a screen without its text)."""
    return [panel_block(ctx, [label_piece(ctx, head), text_piece(ctx, body, ctx.metrics.body)],
                        width) for head, body in sections]


def card_blocks(ctx: UiContext, profiles: tuple[ProfileVM, ...], selected: str,
                focused: str | None, width: int) -> list[Block]:
    """One card per trainee profile: its number and name (and "Selected" on the chosen
    one, which also wears the accent border), level and competence, and the summary. The
    block's item is the profile's index, so the page follows the keyboard focus."""
    m, p = ctx.metrics, ctx.palette
    return [panel_block(ctx, [
        _name_piece(ctx, f"{number}  {profile.name}", profile.id == selected),
        text_piece(ctx, f"{profile.level} · {profile.competence}", m.small, p.muted),
        text_piece(ctx, profile.summary, m.body)],
        width, number - 1, profile.id == focused, p.accent if profile.id == selected else None,
        title=profile.name) for number, profile in enumerate(profiles, start=1)]


def _name_piece(ctx: UiContext, name: str, chosen: bool) -> Piece:
    """The card's first line: number and name, and on the chosen card "✔ Selected" at the
    right (words as well as the border's colour). A name too long for the line beside the
    mark wraps; the piece is as tall as that needs."""
    m, p = ctx.metrics, ctx.palette
    bold = ctx.theme.fonts.get(m.body, True)
    mark = "✔ " + ctx.t("Selected") if chosen else ""

    def piece(width: int) -> tuple[int, Callable[[pygame.Surface, Rect], None]]:
        mark_w = min(width // 2, bold.size(mark)[0] + 4) if chosen else 0
        name_w = width - mark_w - (m.gap // 2 if chosen else 0)
        need = max(ctx.line_height(m.body, True),
                   ctx.cache.render(name, bold, p.text, max(1, name_w)).get_height(),
                   ctx.cache.render(mark, bold, p.text, max(1, mark_w)).get_height()
                   if chosen else 0)

        def draw(surface: pygame.Surface, rect: Rect) -> None:
            ctx.text(surface, name, Rect(rect.x, rect.y, name_w, rect.height), m.body,
                     p.text, True)
            if chosen:
                ctx.text(surface, mark, Rect(rect.right - mark_w, rect.y, mark_w,
                                             rect.height), m.body, p.accent, True, "right")
        return need, draw
    return piece
