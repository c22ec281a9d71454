"""The play screen's meters end at the outcome's figures (issue 13: "learning so far" ended
at 4.9 and the outcome said 7.8; harm was added up two different ways)."""

from __future__ import annotations

import pytest

from game.core.state import SessionConfig
from game.headless import ScriptedPolicy, play_out
from game.replay.session import RecordedSession
from game.replay.timeline import ledgers_so_far
from game.scoring.params import ModelParams
from game.ui.play.presenters import meters_vm
from game.ui.review.outcome_presenters import outcome_vm


def _number(text: str) -> str:
    return next(w for w in text.replace(":", " ").split() if w[:1].isdigit())


@pytest.mark.parametrize("policy", ["watch", "takeover", "random"])
def test_meters_end_where_the_outcome_starts(library, tmp_path, policy):
    checked = 0
    for scenario in library.scenarios:
        config = SessionConfig(scenario.id, 4, scenario.trainees[0].id)
        session = play_out(RecordedSession(scenario, config, ModelParams(),
                                           tmp_path / f"{scenario.id}-{policy}.jsonl"),
                           ScriptedPolicy(policy, seed=4))
        state, score = session.state, session.score
        meters = meters_vm(scenario, state, session.params)
        assert (meters.learning, meters.harm) == (score.learning, score.harm), scenario.id
        outcome = outcome_vm(scenario, state, score)
        assert _number(meters.learning_text) == _number(outcome.learning), scenario.id
        assert f"· {_number(meters.harm_text)} points" in outcome.harm or \
            outcome.harm.endswith(f"({_number(meters.harm_text)} points)"), scenario.id
        checked += 1
    assert checked >= 10


def test_meters_rise_only_as_things_happen(lumbar):
    """Before anything happened both ledgers are zero; they never run backwards in harm."""
    from game.core.commands import Advance
    from game.core.engine import new_session, step
    state, _ = new_session(lumbar, SessionConfig(lumbar.id, 2, lumbar.trainees[0].id))
    assert tuple(ledgers_so_far(lumbar, state)) == (0.0, 0.0)
    harm = 0.0
    while not state.finished:
        state, _ = step(lumbar, state, Advance(5))
        now = ledgers_so_far(lumbar, state).harm
        assert now >= harm
        harm = now
