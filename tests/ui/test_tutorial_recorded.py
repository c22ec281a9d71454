"""The tutorial is recorded like any session: a log that verifies, and an outcome with
Review and Debrief on it (#13: "the tutorial is not recorded, has no Review or Debrief")."""

from __future__ import annotations

import pygame

from game.app.sessions import player_id
from game.replay.verify import verify_log
from game.store.listing import recorded_sessions
from game.ui.review.outcome import OutcomeScene
from game.ui.shell.scene import Push, Replace
from tests.ui.helpers import press
from tests.ui.play_screens import tutorial_mark


def _outcome(ctx) -> OutcomeScene:
    play = tutorial_mark(ctx, "outcome")[0]
    play.dismiss()
    result = play.on_intent(_activate())
    assert isinstance(result, (Push, Replace)) and isinstance(result.scene, OutcomeScene)
    result.scene.resize()
    return result.scene


def _activate():
    from game.ui.shell.input import Act, Intent
    return Intent(Act.ACTIVATE)


def test_the_tutorial_writes_a_log_that_verifies(ctx, home):
    outcome = _outcome(ctx)
    path = outcome.session.log_path
    assert path is not None and path.exists() and path.parent == home / "logs"
    assert verify_log(str(path), ctx.scenario_finder()).ok


def test_its_outcome_offers_review_and_debrief(ctx, home):
    outcome = _outcome(ctx)
    assert {"review", "debrief"} <= set(outcome.focus.ids)
    review = press(outcome, pygame.K_r)
    assert isinstance(review, Push) and review.scene.name == "replay"
    debrief = press(outcome, pygame.K_d)
    assert isinstance(debrief, Push) and debrief.scene.name == "debrief"


def test_the_tutorial_is_not_a_result_in_the_history(ctx, home):
    outcome = _outcome(ctx)
    listed = recorded_sessions(player_id(), moments=False).records
    assert not [r for r in listed if r.scenario_id == outcome.scenario.id]
