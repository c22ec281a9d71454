"""Coach marks explain the options without covering them (#13: the tutorial's coach marks
covered the options they describe)."""

from __future__ import annotations

import pytest

from game.ui.play.play_draw import shown_buttons
from game.ui.tutorial.tutorial_play import callout_rect, mark_text
from tests.ui.conftest import SIZES
from tests.ui.play_screens import tutorial_mark


@pytest.mark.parametrize("text_size", ["normal", "x-large"])
@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
@pytest.mark.parametrize("mark", ["narration", "countdown", "options", "stop", "outcome"])
def test_the_callout_covers_neither_its_target_nor_the_options(make_ctx, mark, size,
                                                               text_size):
    ctx = make_ctx(size, text_size=text_size)
    play = tutorial_mark(ctx, mark)[0]
    box = callout_rect(ctx, play.keep_clear(mark), mark_text(mark, ctx.t), play.avoid(mark))
    assert not box.colliderect(play.keep_clear(mark))
    if play.vm.phase == "decision":
        options = [b.rect for b in shown_buttons(play)[0]]
        assert options and not any(box.colliderect(r) for r in options)
        assert not any(box.colliderect(r) for r in play.avoid(mark))  # the cue, for options
    assert box.width > 0 and box.height > 0 and box.clamp((0, 0, *size)) == box
