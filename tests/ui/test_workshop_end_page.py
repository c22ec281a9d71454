"""The workshop end screen measures its page of decision rows once, not in every frame.

The screen stands still while the room discusses it, yet it measured every row's two forms
at nine column splits for paging and again for drawing in each frame (about 2 ms; the
figure is in bench/bench_workshop_end.py). The page is now kept per window size, text size,
language, rows and first row: these tests count the measurements and check that a kept page
is what measuring afresh gives.
"""

from __future__ import annotations

import pygame
import pytest

from game.i18n import Translator
from game.ui.workshop import end_rows
from game.ui.workshop.end import WorkshopEndScene
from tests.ui.test_workshop_support import key as press
from tests.ui.test_workshop_support import played_to


@pytest.fixture
def measured(monkeypatch) -> list[int]:
    """Each measurement of a page, by its first row."""
    calls: list[int] = []
    real = end_rows.end_page

    def counting(ctx, area, rows, offset):
        calls.append(offset)
        return real(ctx, area, rows, offset)
    monkeypatch.setattr(end_rows, "end_page", counting)
    return calls


def _end(make_ctx, size=(1024, 600), text_size="x-large", scenario="npwt_dressing"):
    ctx = make_ctx(size, text_size=text_size)
    stack, _play = played_to(ctx, "ended", scenario)
    press(stack, pygame.K_RETURN)
    end = stack.top
    assert isinstance(end, WorkshopEndScene)
    end.wait()
    assert end.vm is not None and len(end.vm.rows) > 1
    return stack, end


def _frame(stack) -> list[str]:
    ctx = stack.top.ctx
    ctx.recorder = []
    stack.update(16)
    stack.draw(pygame.Surface(ctx.size))
    return [p.text for p in ctx.recorder]


def test_frames_draw_a_page_measured_once(make_ctx, measured):
    stack, end = _end(make_ctx)
    measured.clear()
    first = [_frame(stack) for _ in range(5)]
    assert measured == [0] and all(words == first[0] for words in first)
    assert end.per_page < len(end.vm.rows)  # Extra large in 1024x600: rows on pages
    press(stack, pygame.K_DOWN)  # the next page: measured once, kept while it shows
    _frame(stack), _frame(stack)
    second = end.offset
    assert measured == [0, second] and second > 0
    press(stack, pygame.K_UP)  # back: the first page is still kept
    _frame(stack)
    assert measured == [0, second] and end.offset == 0


def test_a_kept_page_is_what_measuring_afresh_gives(make_ctx):
    stack, end = _end(make_ctx)
    for _ in range(len(end.vm.rows)):
        kept = end.page
        fresh = end_rows.end_page(end.ctx, end.layout.rows, end.vm.rows, end.offset)
        assert kept == fresh
        assert [s.row.number for s in kept.shown] == \
            [r.number for r in end.vm.rows[end.offset:end.offset + kept.per_page]]
        press(stack, pygame.K_DOWN)


def test_language_and_window_size_measure_again(make_ctx, measured):
    """A page is kept per language and window size: German words make rows of their own
    height, and a resized window other rectangles."""
    stack, end = _end(make_ctx)
    _frame(stack)
    english = end.page
    end.ctx.t = Translator("de")
    end.resize()
    words = _frame(stack)
    assert measured.count(0) == 2 and end.page != english
    assert "Entscheidung" in " ".join(words)
    end.ctx.size = (1280, 720)
    end.resize()
    _frame(stack)
    assert measured.count(0) == 3 and end.page.shown[0].rect != english.shown[0].rect
