"""Issue 13: the workshop's numbers use the language's decimal separator (German 1,5).

The projector's meters, the revealed score, the end comparison's risk weights, the setup's
weight buttons and the room's histogram are drawn in German and read back from the layout
recorder: no chrome figure may keep an English decimal point. Scenario content (cues,
narration) is authored per language and is left out of the check.
"""

from __future__ import annotations

import re

import pygame
import pytest

from game.app.room_end import WeightHistogram
from game.i18n import Translator
from game.scoring.attitude import Attitude
from game.ui.workshop.presenters import attitude_text, num, weights_text
from game.ui.workshop.room_presenters import histogram_vm
from tests.ui.test_workshop_support import _ended, _running, end_screen, setup_stack

POINT = re.compile(r"\d\.\d")
COMMA = re.compile(r"\d,\d")


def _german(make_ctx, size=(1280, 720)):
    ctx = make_ctx(size)
    ctx.t = Translator("de")
    ctx.settings = ctx.settings.with_(language="de")
    return ctx


def _drawn(ctx, scene) -> list[str]:
    ctx.recorder = []
    scene.draw(pygame.Surface(ctx.size))
    return [p.text for p in ctx.recorder]


def test_num_follows_the_translator():
    de, en = Translator("de"), Translator("en")
    assert num(0.5, "g", de) == "0,5" and num(0.5, "g", en) == "0.5"
    assert num(12.25, ".1f", de) == "12,2" and num(2.0, "g", de) == "2"
    assert num(1.5, ".3g", lambda m, **v: m) == "1.5"  # a plain function: English


def test_weights_and_attitude_in_german():
    de = Translator("de")
    assert "0,5" in weights_text((0.5, 1.5), de) and "1,5" in weights_text((0.5, 1.5), de)
    text = attitude_text(Attitude(0.25, 1.5, True), de)
    assert "0,25" in text and "1,5" in text and not POINT.search(text)


def test_histogram_bands_and_weights_in_german():
    h = WeightHistogram((0.05, 0.1, 0.25, 0.5, 1.0), (1, 2, 0, 3), 6, 0, 0, 0.5, (0.25, 1.5))
    vm = histogram_vm(h, Translator("de"))
    assert vm.labels == ("0,05-0,1", "0,1-0,25", "0,25-0,5", "0,5-1")
    assert "0,25" in vm.majority_text and "1,5" in vm.majority_text
    assert "0,5" in vm.default_text
    texts = [*vm.labels, vm.majority_text, vm.default_text, vm.title, vm.caption]
    assert not [s for s in texts if POINT.search(s)]


def test_projector_meters_say_decimal_commas(make_ctx):
    ctx = _german(make_ctx)
    play = _running(ctx, frozen=True, meters=True)
    meters = [s for s in _drawn(play.ctx, play) if "Lernen" in s or "Schaden" in s]
    assert meters, "the meters were not drawn"
    assert all(COMMA.search(s) and not POINT.search(s) for s in meters), meters


def test_revealed_score_says_decimal_commas(make_ctx):
    ctx = _german(make_ctx)
    play = _ended(ctx)
    score = [s for s in _drawn(play.ctx, play) if "Netto" in s or "Risikogewicht" in s]
    assert score, "the score was not drawn"
    assert all(COMMA.search(s) and not POINT.search(s) for s in score), score


def test_setup_weight_buttons_say_decimal_commas(make_ctx):
    ctx = _german(make_ctx)
    setup = setup_stack(ctx).top
    drawn = _drawn(setup.ctx, setup)
    assert "0,5" in drawn and not [s for s in drawn if s in ("0.5", "✔ 0.5")]


def test_end_comparison_has_no_decimal_point(make_ctx):
    ctx = _german(make_ctx)
    end = end_screen(ctx)
    assert end.vm is not None
    chrome = [end.vm.weight_text, end.vm.attitude, end.score_text,
              *(r.weights_text for r in end.vm.rows), *(r.counts_text for r in end.vm.rows)]
    assert not [s for s in chrome if POINT.search(s)], chrome


@pytest.mark.parametrize("language", ["en", "de"])
def test_english_keeps_its_points(make_ctx, language):
    ctx = make_ctx()
    ctx.t = Translator(language)
    play = _running(ctx, frozen=True, meters=True)
    text = play.meters.learning_text
    assert (POINT if language == "en" else COMMA).search(text), text
