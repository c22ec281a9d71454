"""The play footer names only keys that work now (#13): while narration runs the number keys
choose nothing, so the footer leaves them out; once a decision opens it names the keys that
decision uses. (F1's help keeps the full row: it lists every key of the screen.)"""

from __future__ import annotations

import re

import pygame
import pytest

from game.i18n import Translator
from game.ui.play.play_draw import footer_text
from tests.ui.helpers import press, run_until
from tests.ui.test_play_consequence import start

NUMBER_KEY = re.compile(r"(?<!F)\d")
"""A number key in a footer (F1 is the help key, not a number key)."""


def _narrating(ctx, home, mode: str):
    play = start(ctx, ctx.services.catalogue().get("lumbar_puncture"), mode, home)
    assert play.assessment == (mode == "assessment")
    play.update(300)
    assert play.vm.phase == "narration" and play.card is None
    return play


@pytest.mark.parametrize("mode", ["practice", "assessment"])
def test_narration_footer_leaves_out_the_number_keys(ctx, home, mode):
    play = _narrating(ctx, home, mode)
    text = footer_text(play)
    assert "choose" not in text and not NUMBER_KEY.search(text), text
    assert text.endswith("Esc leave · F1 help")
    assert ("no pause" in text) == (mode == "assessment")
    tick = play.session.state.tick
    assert press(play, pygame.K_1) is None            # indeed: a number key does nothing
    assert play.vm.phase == "narration" and play.session.state.tick == tick


def test_a_decision_footer_names_its_number_keys(ctx, home):
    play = _narrating(ctx, home, "practice")
    run_until(play, "decision")
    keys = sorted(o.key for o in play.vm.options)
    assert footer_text(play).startswith(f"{keys[0]}-{keys[-1]} choose · ")


def test_the_german_narration_footer_has_no_number_keys(ctx, home):
    ctx.t = Translator("de")
    play = _narrating(ctx, home, "practice")
    text = footer_text(play)
    assert "wählen" not in text and not NUMBER_KEY.search(text) and "P Pause" in text, text


@pytest.mark.parametrize("mode", ["practice", "assessment"])
def test_a_decision_offering_no_option_names_no_number_keys(ctx, home, mode):
    """An empty key list gives no span, and the footer then names no number keys rather
    than the ladder's "1-5" (which would promise keys that choose nothing)."""
    from dataclasses import replace
    play = _narrating(ctx, home, mode)
    run_until(play, "decision")
    play.vm = replace(play.vm, options=())
    text = footer_text(play)
    assert "choose" not in text and not NUMBER_KEY.search(text), text
    assert text.endswith("Esc leave · F1 help")
