"""The outcome in a clinician's words (issue 13): harm in words with the scale's code as a
detail, the moment you stepped in against the best and the last safe moment (scoring v2),
safety before regret, no unsafe ending in green, and the locale's decimal separator."""

from __future__ import annotations

from datetime import datetime

import pygame
import pytest

from game.app.sessions import log_path
from game.core.commands import Intervene
from game.core.state import SessionConfig
from game.i18n import Translator
from game.replay.session import RecordedSession
from game.scoring.params import ModelParams
from game.ui.play import play_draw
from game.ui.review.outcome import OutcomeScene
from game.ui.review.outcome_presenters import decimal, harm_text, outcome_vm, timing_text


@pytest.fixture
def cued(lumbar, home) -> RecordedSession:
    """Lumbar puncture (seed 5): a cue half a second into every window."""
    config = SessionConfig(lumbar.id, 5, lumbar.trainees[0].id, "normal", "practice")
    session = RecordedSession(lumbar, config, ModelParams(),
                              log_path(lumbar.id, datetime.now(), home / "logs"))
    while not session.finished:
        state = session.state
        node = lumbar.node(state.node_id)
        if node.kind == "decision" and state.pending is None and \
                state.tick - state.node_tick >= 5:
            session.issue(Intervene(node.id, "cue"))
        else:
            session.advance(1)
    return session


def test_harm_is_in_words_with_its_code():
    t = Translator("en")
    assert harm_text(("MERP-B",), 0.0, t) == \
        "Harm: error caught before it reached the patient (MERP-B) · 0.0 points"
    assert harm_text((), 0.0, t) == "Harm: none (0.0 points)"


def test_each_decision_says_when_you_stepped_in_against_the_best_and_last_safe_moment(
        lumbar, cued):
    score = cued.score
    first, second = score.decisions[:2]
    assert first.best == "watch" and second.best == "probe"   # seed 5, this library
    t = Translator("en")
    assert timing_text(lumbar, first, t) == (
        "You stepped in at 0.5 s; the best was not to step in. The last safe moment for a "
        f"verbal cue was {first.last_safe_moment_s['cue']:.1f} s: after it, the mistake may "
        "come first (a 5% chance or more).")
    low, high = second.best_moment_s
    # The clash of issue 13 ("best moment 5.2-8.9 s; last safe moment 0.3 s"): the best
    # rung is named, and the sentence says why the best moment accepts the chance.
    assert timing_text(lumbar, second, t).startswith(
        f"You stepped in at 0.5 s; the best was a probing question at {low:.1f}-{high:.1f} s. ")
    assert timing_text(lumbar, second, t).endswith(
        "the best moment accepts that chance for what the trainee can learn by then.")
    vm = outcome_vm(lumbar, cued.state, score, t)
    assert [r.timing for r in vm.decisions[:2]] == [timing_text(lumbar, first, t),
                                                      timing_text(lumbar, second, t)]
    assert "(minor-1)" in vm.harm and vm.harm.startswith("Harm: minor harm")


def test_german_outcome_writes_decimal_commas(lumbar, cued):
    de = Translator("de")
    vm = outcome_vm(lumbar, cued.state, cued.score, de)
    assert decimal(1.5, 1, de) == "1,5" and decimal(1.5, 1, Translator("en")) == "1.5"
    figures = [vm.learning, vm.harm, vm.regret] + [r.how for r in vm.decisions] + \
        [r.timing for r in vm.decisions] + [r.verdict for r in vm.decisions]
    for text in figures:
        assert not any(a.isdigit() and b == "." and c.isdigit()
                       for a, b, c in zip(text, text[1:], text[2:])), text
    assert "," in vm.regret and "Bedauern" in vm.regret


def test_outcome_draws_safety_before_regret_and_the_moments(make_ctx, lumbar, cued):
    ctx = make_ctx((1024, 600), text_size="x-large")
    scene = OutcomeScene(ctx, lumbar, cued)
    scene.resize()
    ctx.recorder = []
    scene.draw(pygame.Surface(ctx.size))
    texts = [p.text for p in ctx.recorder]
    safety = next(i for i, s in enumerate(texts) if "Safety: " in s)
    regret = next(i for i, s in enumerate(texts) if "Expected regret" in s)
    if safety == regret:  # no room for the parts: one scrolling text, safety first in it
        assert texts[safety].index("Safety: ") < texts[safety].index("Expected regret")
    else:
        assert safety < regret
        assert ctx.recorder[safety].rect.y < ctx.recorder[regret].rect.y  # above it
    assert any("You stepped in at 0.5 s" in s for s in texts)


def test_an_ending_is_never_green_in_play():
    assert play_draw.LINE_COLOURS["end"] != "good"


def test_a_window_the_trainee_settled_is_not_called_your_choice(lumbar, home):
    """Seed 5, watching: the trainee corrects the angle herself (v2); the row says so."""
    config = SessionConfig(lumbar.id, 5, lumbar.trainees[0].id, "normal", "practice")
    session = RecordedSession(lumbar, config, ModelParams(), None)
    while not session.finished:
        session.advance(1)
    first = session.score.decisions[0]
    assert first.chosen_moment_s is None and first.event == "self_correct"
    row = outcome_vm(lumbar, session.state, session.score, Translator("en")).decisions[0]
    assert row.how.startswith("the trainee corrected it ") and "you chose" not in row.how
    assert row.timing.startswith("You did not step in")
