"""#13 leftovers on the rating overlay and the play screen's keys and countdown.

The trainee rating overlay showed the O-SCORE's descriptions in English in the German
interface, below the body size; "Rate the trainee first" had no key; the play footer said
"1-5 choose" where key 6 worked; the countdown read as time to read in.
"""

from __future__ import annotations

import itertools
import json

import pygame
import pytest

from game.app.calibration import ANCHORS
from game.core.commands import Intervene
from game.i18n import Translator
from game.paths import assets_dir
from game.ui.calibration.rating import RatingOverlay
from game.ui.kit.help_keys import PLAY_KEYS
from game.ui.play.play_draw import footer_text
from game.ui.play.presenters import decide_text, key_span, play_vm
from game.ui.shell.input import key_event
from game.ui.shell.scene import SceneStack
from tests.ui.conftest import SIZES
from tests.ui.helpers import run_until, start_play
from tests.ui.test_text_never_shrinks import TEXT_SIZES, problems, squeezed_scrollers

GERMAN = json.loads((assets_dir() / "i18n" / "de.json").read_text(encoding="utf-8"))


def _drawn_overlay(make_ctx, size, text_size, language):
    ctx = make_ctx(size, text_size=text_size)
    ctx.t = Translator(language)
    ctx.settings = ctx.settings.with_(language=language, text_size=text_size)
    overlay = RatingOverlay(ctx, "the confident junior", lambda _: None)
    overlay.resize()
    ctx.recorder = []
    overlay.draw(pygame.Surface(size))
    return ctx, overlay


def test_every_anchor_and_description_has_a_german_entry():
    missing = [text for _, anchor, gloss in ANCHORS for text in (anchor, gloss)
               if not GERMAN.get(text, "").strip() or GERMAN[text] == text]
    assert not missing


@pytest.mark.parametrize("language", ["en", "de"])
@pytest.mark.parametrize("text_size", TEXT_SIZES)
@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_the_rating_overlay_is_whole_at_body_size(make_ctx, size, text_size, language):
    """Every description in the player's language, no text below the body size, nothing
    scrolled, squeezed, cut or overlapping, in both windows at every text size."""
    ctx, overlay = _drawn_overlay(make_ctx, size, text_size, language)
    shown = " ".join(p.text for p in ctx.recorder)
    for _, anchor, gloss in ANCHORS:
        for text in (anchor, gloss):
            assert ctx.t(text) in shown
            if language == "de":
                assert text not in shown, f"English left in the German overlay: {text!r}"
    assert all(p.requested >= ctx.metrics.body for p in ctx.recorder), \
        [(p.text[:30], p.requested) for p in ctx.recorder if p.requested < ctx.metrics.body]
    assert not [p.text[:40] for p in ctx.recorder if p.scrolled]
    assert squeezed_scrollers(ctx, [ctx.recorder]) == []
    assert problems(ctx, [ctx.recorder], cards=False) == []
    window = pygame.Rect((0, 0), size)
    assert all(window.contains(b.rect) for b in overlay.buttons)


def _ended_play(ctx, lumbar):
    play = start_play(ctx, lumbar)
    run_until(play, "decision")
    play.apply(Intervene(play.node_id, "takeover"))
    run_until(play, "ended")
    return play


def test_r_rates_the_trainee_and_the_footer_and_help_say_so(ctx, lumbar, home):
    play = _ended_play(ctx, lumbar)
    rate = next(b for b in play.buttons if b.id == "rate")
    assert rate.key == "R"
    assert footer_text(play).startswith("R rate the trainee")
    assert ("R", "rate the trainee before the outcome (once the vignette has ended)") \
        in PLAY_KEYS.help_table
    stack = SceneStack()
    stack.push(play)
    stack.handle(key_event(pygame.K_r))
    assert stack.top.name == "entrustment-rating"
    stack.handle(key_event(pygame.K_3))
    assert stack.top is play and play.rating == 3
    assert not any(b.id == "rate" for b in play.buttons)
    assert footer_text(play) == "Enter activate · Tab/arrows focus · Esc leave · F1 help"
    stack.handle(key_event(pygame.K_r))  # rated: R does nothing more
    assert stack.top is play


def test_r_does_nothing_while_the_vignette_runs(ctx, lumbar, home):
    play = start_play(ctx, lumbar)
    run_until(play, "decision")
    assert play.handle_event(key_event(pygame.K_r)) is None


def test_key_span_names_the_keys_in_use():
    assert key_span([1, 2, 3, 4, 5]) == "1-5"
    assert key_span([1, 6, 3, 5]) == "1, 3, 5-6"   # the trocar: watch twice, cue, take over
    assert key_span([1, 2, 3, 4, 5, 6]) == "1-6"
    assert key_span([5, 1]) == "1, 5"
    assert key_span([]) == ""                      # no key chooses: no span at all


def test_the_footer_names_the_keys_of_the_open_decision(make_ctx, library, home):
    """The joint reduction's first decision offers a second option on one rung (key 6)."""
    ctx = make_ctx((1024, 600))
    scenario = library.get("joint_reduction")
    play = start_play(ctx, scenario)
    run_until(play, "decision")
    keys = sorted(o.key for o in play.vm.options)
    assert 6 in keys, keys
    assert footer_text(play).startswith("1-6 choose · ")


def test_the_countdown_says_the_mistake_may_come_sooner(ctx, lumbar, home):
    play = start_play(ctx, lumbar)
    run_until(play, "decision")
    vm = play_vm_now(play)
    assert vm.countdown.startswith("The mistake may come at any moment · window closes in ")
    assert "left to decide" not in vm.countdown
    german = decide_text(vm.options, 12.0, Translator("de"))
    assert german.startswith("Der Fehler kann jederzeit kommen · Fenster schließt in 12,0\u00a0s")


def play_vm_now(play):
    from game.core.view import view
    return play_vm(view(play.scenario, play.session.state))


@pytest.mark.parametrize(("language", "size"), list(itertools.product(["en", "de"], SIZES)))
def test_the_countdown_fits_with_the_largest_text(make_ctx, lumbar, home, language, size):
    ctx = make_ctx(size, text_size="x-large")
    ctx.t = Translator(language)
    ctx.settings = ctx.settings.with_(language=language, text_size="x-large")
    play = start_play(ctx, lumbar)
    run_until(play, "decision")
    ctx.recorder = []
    play.draw(pygame.Surface(size))
    (placed,) = [p for p in ctx.recorder if p.text == play.vm.countdown]
    assert not placed.scrolled and placed.box.contains(placed.rect)
