"""The projector screens fit every vignette: its first vote, bar chart and consequence.

The shared layout tests (test_draw.py) draw the workshop screens of one vignette; option
labels, cues and room texts differ per vignette, so this checks all of them for text that
had to be cut without the screen allowing it, and for body text smaller than the play
screen's (the projector's text must be the larger).
"""

from __future__ import annotations

import pygame
import pytest

from game.ui.shell.scene import SceneStack
from tests.ui.conftest import SIZES
from tests.ui.test_workshop_support import key as press
from tests.ui.test_workshop_support import run_until, start_workshop


def _ids():
    from game.content.catalogue import load_catalogue
    from game.paths import scenarios_dir
    return [s.id for s in load_catalogue(scenarios_dir()).scenarios]


def _draw(ctx, stack: SceneStack) -> list:
    ctx.recorder = []
    stack.draw(pygame.Surface(ctx.size))
    return ctx.recorder


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
@pytest.mark.parametrize("scenario_id", _ids())
def test_every_vignette_fits_the_projector(make_ctx, scenario_id, size):
    ctx = make_ctx(size)
    stack, play = start_workshop(ctx, scenario_id)
    placed = _draw(ctx, stack)
    run_until(stack, play, "vote")
    placed += _draw(ctx, stack)
    for key in (pygame.K_1, pygame.K_r):
        press(stack, key)
    placed += _draw(ctx, stack)       # the bar chart
    press(stack, pygame.K_RETURN)
    placed += _draw(ctx, stack)       # what happened
    cut = [p.text[:50] for p in placed if p.scrolled]  # `overflow` is never set any more
    assert not cut, f"{scenario_id}: cut to fit: {cut}"
    if size == (1280, 720):
        body = [p for p in placed if p.requested == play.ctx.metrics.body]
        assert body and min(p.px for p in body) >= 20
        assert play.ctx.metrics.body > ctx.metrics.body
