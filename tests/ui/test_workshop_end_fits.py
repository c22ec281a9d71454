"""The workshop's end screen at Extra large on the projector (1280x720, 1920x1080).

It showed one decision at a time with the outcome and the room's attitude hidden: each row's
left column ran down nine lines beside a half-empty right one. Now a row takes its shortest
form (the columns' split, the cue in the left column or across the row), a row alone on its
page says "Decision 2 of 3" itself instead of a line under it, and the two buttons make way
before the outcome and attitude boxes (the footer names their keys): the room sees how the
story ended and its attitude, and pages through the decisions with Up/Down.
"""

from __future__ import annotations

import pygame
import pytest

from game.i18n import Translator
from game.ui.shell.scene import SceneStack
from game.ui.workshop import end_rows
from game.ui.workshop.end import WorkshopEndScene
from tests.ui.test_workshop_support import key as press
from tests.ui.test_workshop_support import played_to


def _end(make_ctx, size, language: str, scenario_id: str
         ) -> tuple[SceneStack, WorkshopEndScene]:
    ctx = make_ctx(size, text_size="x-large")
    ctx.t = Translator(language)
    stack, _play = played_to(ctx, "ended", scenario_id)
    press(stack, pygame.K_RETURN)
    end = stack.top
    assert isinstance(end, WorkshopEndScene)
    end.wait()
    return stack, end


def _drawn(end: WorkshopEndScene) -> list:
    end.ctx.recorder = []
    end.draw(pygame.Surface(end.ctx.size))
    return end.ctx.recorder


@pytest.mark.parametrize("size", [(1280, 720), (1920, 1080)], ids=["1280x720", "1920x1080"])
@pytest.mark.parametrize("language", ["en", "de"])
@pytest.mark.parametrize("scenario_id", ["lumbar_puncture", "npwt_dressing"])
def test_outcome_and_attitude_show_while_the_decisions_page(make_ctx, size, language,
                                                            scenario_id):
    stack, end = _end(make_ctx, size, language, scenario_id)
    ctx, lay, vm = end.ctx, end.layout, end.vm
    assert vm is not None and vm.rows
    assert lay.outcome.height > 0 and lay.attitude.height > 0
    seen: set[str] = set()
    for _ in vm.rows:  # Down pages through every decision
        shown = _drawn(end)
        texts = {p.text for p in shown}
        assert vm.title in texts and vm.attitude in texts
        assert [p.text[:40] for p in shown if p.scrolled] == []
        assert end.per_page >= 1
        for row in vm.rows[end.offset:end.offset + end.per_page]:
            assert row.verdict in texts  # each row on the page is whole
            seen.add(row.verdict)
        if end.per_page == 1 < len(vm.rows):  # the row says where it is in the list
            where = ctx.t("Decision {a} of {n}", a=end.offset + 1, n=len(vm.rows))
            assert [t for t in texts if t.startswith(where + " · ")], where
        elif end.per_page < len(vm.rows):
            assert [t for t in texts if ctx.t(" · Up/Down for the others") in t]
        press(stack, pygame.K_DOWN)
    assert seen == {row.verdict for row in vm.rows}


def test_without_buttons_their_keys_are_on_the_footer_and_enter_does_nothing(make_ctx):
    """Where the buttons made way (German, the dressing vignette, at 1280x720), Backspace and
    Esc are named on the footer line and Enter does not act on a button nobody can see."""
    stack, end = _end(make_ctx, (1280, 720), "de", "npwt_dressing")
    ctx = end.ctx
    footer = [p.text for p in _drawn(end) if end.layout.footer.contains(p.box)]
    assert not end.buttons and not end.layout.buttons  # made way for the outcome box
    keys = ctx.t("Up/Down more decisions · Backspace last decision · Esc another vignette")
    assert any(keys in t for t in footer), footer
    press(stack, pygame.K_TAB)
    press(stack, pygame.K_RETURN)
    assert stack.top is end
    press(stack, pygame.K_ESCAPE)  # Esc still goes back to the setup
    assert stack.top is not end


def test_a_rows_columns_split_where_it_is_shortest(make_ctx):
    """The form chosen (the split, the cue in the left column or across the row) is never
    taller than the old one (cue on the left, 46%) nor than any other form, and every text
    of the row is drawn in it."""
    _stack, end = _end(make_ctx, (1280, 720), "de", "npwt_dressing")
    ctx = end.ctx
    assert end.vm is not None
    width = end.layout.rows.width
    for row in end.vm.rows:
        best = end_rows.row_height(ctx, row, width)
        forms = [end_rows.row_texts(ctx, row, on_top) for on_top in (False, True)]
        assert best == min(end_rows._need(ctx, texts, width, split)
                           for texts in forms for split in end_rows.SPLITS + (0.46,))
        assert best <= end_rows._need(ctx, forms[0], width, 0.46)
        texts, _split = end_rows.row_form(ctx, row, width)
        words = {line[0] for line in texts.top + texts.left + texts.right}
        assert row.verdict in words and row.counts_text in words and row.weights_text in words
        assert any(row.cue in w for w in words)
