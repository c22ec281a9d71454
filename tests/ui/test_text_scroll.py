"""The kit's rule: text keeps the chosen size; a box too short for it scrolls, shows a bar,
and the mouse wheel over it moves it (game/ui/kit/text.py)."""

from __future__ import annotations

import pygame

from game.ui.shell.app import App
from game.ui.shell.scene import SceneStack

LONG = " ".join(f"Line {n} of a long explanation that wraps." for n in range(12))


def _draw(ctx, box: pygame.Rect, text: str = LONG) -> pygame.Surface:
    surface = pygame.Surface(ctx.size)
    ctx.recorder = []
    ctx.text(surface, text, box, ctx.metrics.body)
    return surface


def test_a_short_box_keeps_the_size_and_scrolls(make_ctx):
    ctx = make_ctx((1024, 600), text_size="x-large")
    box = pygame.Rect(10, 10, 300, 80)
    surface = _draw(ctx, box)
    placed = ctx.recorder[-1]
    assert placed.scrolled
    assert placed.px == ctx.font_px(ctx.metrics.body)  # never shrunk to fit
    assert box.contains(placed.rect) and tuple(box) in ctx.scrolls.regions
    accent = pygame.Color(*ctx.palette.accent)
    bar_x = box.right - 2
    assert any(surface.get_at((bar_x, y)) == accent for y in range(box.y, box.bottom))
    before = pygame.image.tobytes(surface.subsurface(box), "RGB")
    assert ctx.scrolls.wheel((box.x + 5, box.y + 5), 2)
    after = pygame.image.tobytes(_draw(ctx, box).subsurface(box), "RGB")
    assert after != before  # the next lines came into view


def test_text_that_fits_is_plain_and_the_wheel_passes_by(make_ctx):
    ctx = make_ctx()
    box = pygame.Rect(10, 10, 600, 200)
    _draw(ctx, box, "Short.")
    assert not ctx.recorder[-1].scrolled and not ctx.scrolls.regions
    assert not ctx.scrolls.wheel((20, 20), 1)


def test_the_offset_stops_at_the_ends(make_ctx):
    ctx = make_ctx((1024, 600), text_size="x-large")
    box = pygame.Rect(0, 0, 300, 80)
    _draw(ctx, box)
    region = ctx.scrolls.regions[tuple(box)]
    for _ in range(100):
        ctx.scrolls.wheel((5, 5), 1)
    assert ctx.scrolls.offset(region.key, region.limit) == region.limit
    for _ in range(100):
        ctx.scrolls.wheel((5, 5), -1)
    assert ctx.scrolls.offset(region.key, region.limit) == 0


def test_the_app_gives_the_wheel_to_a_scroll_box_under_the_mouse(make_ctx, monkeypatch):
    ctx = make_ctx((1024, 600), text_size="x-large")
    box = pygame.Rect(0, 0, 300, 80)
    _draw(ctx, box)
    seen = []
    stack = SceneStack()
    monkeypatch.setattr(stack, "handle", seen.append)
    app = App.__new__(App)
    app.ctx, app.stack = ctx, stack
    monkeypatch.setattr(pygame.mouse, "get_pos", lambda: (5, 5))
    app.handle(pygame.event.Event(pygame.MOUSEWHEEL, x=0, y=-1))
    key = ctx.scrolls.regions[tuple(box)].key
    assert ctx.scrolls.offsets[key] > 0 and not seen  # the box took it
    monkeypatch.setattr(pygame.mouse, "get_pos", lambda: (900, 500))
    app.handle(pygame.event.Event(pygame.MOUSEWHEEL, x=0, y=-1))
    assert len(seen) == 1  # elsewhere the screen gets it
