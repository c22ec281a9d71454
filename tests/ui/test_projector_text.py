"""Projector text: nothing under 24 px at 1920x1080 on the vote, reveal and comparison screens.

Issue 14 measured vote counts and weights at ~14 px on the comparison screen, unreadable
from the back of a room. The workshop screens draw through the projector preset
(game.ui.workshop.view); this draws them at 1920x1080 and measures every text the renderer
placed: the font size it used, and the height of the rendered glyphs in the frame's pixels.
Smaller windows keep the floor scaled with their height, and a projector cannot scroll, so
no text on these screens may need its scroll bar.
"""

from __future__ import annotations

import pygame
import pytest

from game.ui.workshop.view import FLOOR_PX, floor_px
from tests.ui.test_workshop_support import WORKSHOP_SCREENS

FULL_HD = (1920, 1080)
SCREENS = ("workshop-vote", "workshop-vote-6-options", "workshop-revealed", "workshop-end")
CAP_HEIGHT = 0.70
"""DejaVu Sans capitals and digits stand 0.73 em tall; a line holding one is at least this
share of its font size tall in pixels."""


def _drawn(make_ctx, screen: str, size: tuple[int, int]):
    ctx = make_ctx(size)
    scenes = WORKSHOP_SCREENS[screen](ctx, None)
    ctx.recorder = []
    surface = pygame.Surface(size)
    for scene in scenes:
        scene.resize()
        scene.draw(surface)
    return surface, list(ctx.recorder)


def _ink_height(surface: pygame.Surface, rect: pygame.Rect) -> int:
    """Rows of `rect` holding any pixel other than its most common colour (the background)."""
    area = surface.subsurface(rect.clip(surface.get_rect()))
    rows = [[tuple(area.get_at((x, y))) for x in range(area.get_width())]
            for y in range(area.get_height())]
    counts: dict[tuple[int, ...], int] = {}
    for row in rows:
        for colour in row:
            counts[colour] = counts.get(colour, 0) + 1
    background = max(counts, key=lambda c: counts[c])
    inked = [y for y, row in enumerate(rows) if any(c != background for c in row)]
    return inked[-1] - inked[0] + 1 if inked else 0


def _one_line_with_a_capital(ctx_fonts, placement) -> bool:
    font = ctx_fonts.get(placement.px, False)
    return placement.rect.height < 1.5 * font.get_linesize() and \
        any(c.isupper() or c.isdigit() for c in placement.text)


@pytest.mark.parametrize("screen", SCREENS)
def test_projector_text_is_at_least_24_px_at_full_hd(make_ctx, screen):
    surface, placed = _drawn(make_ctx, screen, FULL_HD)
    assert len(placed) > 8
    small = sorted({(p.px, p.text[:40]) for p in placed if p.px < FLOOR_PX})
    assert not small, f"{screen}: text under {FLOOR_PX} px: {small}"
    fonts = make_ctx(FULL_HD).theme.fonts
    measured = [(p, _ink_height(surface, p.rect)) for p in placed
                if _one_line_with_a_capital(fonts, p)]
    assert len(measured) > 5
    low = [(ink, p.text[:40]) for p, ink in measured if ink < CAP_HEIGHT * FLOOR_PX]
    assert not low, f"{screen}: rendered text shorter than 24 px type: {low}"
    hidden = [p.text[:40] for p in placed if p.scrolled]
    assert not hidden, f"{screen}: a projector cannot scroll: {hidden}"


@pytest.mark.parametrize("size", [(1280, 720), (1024, 600)], ids=lambda s: f"{s[0]}x{s[1]}")
@pytest.mark.parametrize("screen", SCREENS)
def test_smaller_windows_scale_the_floor_and_nothing_scrolls(make_ctx, screen, size):
    _surface, placed = _drawn(make_ctx, screen, size)
    floor = floor_px(size)
    assert floor == round(FLOOR_PX * size[1] / 1080 + 0.5)
    assert min(p.px for p in placed) >= floor
    hidden = [p.text[:40] for p in placed if p.scrolled]
    assert not hidden, f"{screen} at {size}: a projector cannot scroll: {hidden}"
