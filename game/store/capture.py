"""Turning a played session (live, or re-simulated from its log) into a history record.

The identity fields come from the log's header, so the history and the log always agree. The
scores come from the scoring model; the moment of each intervention from the session's path
(the decision window's opening tick and the tick of the choice). The best moment to step in
is not known yet: the scoring model does not give it (scoring v2 will), so those fields stay
empty and the Progress screen says so.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from game.core.model import Scenario
from game.core.state import SessionState
from game.scoring.attitude import revealed_attitude
from game.scoring.episode import EpisodeScore, realised
from game.scoring.params import ModelParams
from game.store.records import Intervention, SessionRecord


def interventions(state: SessionState) -> tuple[Intervention, ...]:
    """Every decision on the path so far, with when its window opened and when it closed."""
    return tuple(Intervention(step.node, step.choice, step.by, step.tick,
                              step.tick - step.elapsed)
                 for step in state.history if step.kind == "decision")


def uid_for(header: Mapping[str, Any], log_file: str) -> str:
    if log_file:
        return log_file
    return (f"unrecorded:{header.get('player', 'anonymous')}:{header.get('scenario_id')}:"
            f"{header.get('seed')}:{header.get('started_at', '')}")


def attitude_bounds(scenario: Scenario, profile: str, score: EpisodeScore,
                    params: ModelParams) -> tuple[float | None, float | None]:
    """The revealed risk-weight interval of the player's own choices (timeouts left out)."""
    choices = [(r.node, r.history, r.chosen) for r in score.decisions if r.by == "player"]
    if not choices:
        return None, None
    attitude = revealed_attitude(scenario, profile, choices, params)
    return (attitude.low, attitude.high) if attitude.consistent else (None, None)


def capture(scenario: Scenario, state: SessionState, params: ModelParams,
            score: EpisodeScore | None, header: Mapping[str, Any], log_file: str,
            with_attitude: bool = True) -> SessionRecord:
    """The record of a session; `score` is None for a session left before its end."""
    config = state.config
    trainee = scenario.trainee(config.profile_id)
    base = SessionRecord(
        uid=uid_for(header, log_file), player=str(header.get("player", "anonymous")),
        scenario_id=scenario.id, content_sha256=scenario.content_sha256,
        profile=config.profile_id, mode=str(header.get("mode", config.mode)),
        started_at=str(header.get("started_at", "")), seed=config.seed,
        risk_weight=params.risk_weight, log_file=log_file, category=scenario.category,
        supervision=scenario.supervision, competence=state.competence,
        trainee_confidence=trainee.confidence, interventions=interventions(state))
    if score is None or not state.finished:
        outcome = realised(scenario, state, params)
        return base.with_(status="abandoned", learning=outcome["learning"],
                          harm=outcome["harm"], net=outcome["net"])
    low, high = attitude_bounds(scenario, config.profile_id, score, params) \
        if with_attitude else (None, None)
    return base.with_(status="finished", learning=round(score.learning, 6),
                      harm=round(score.harm, 6), net=round(score.net, 6),
                      regret=round(score.regret, 6), safety_rating=score.safety_rating,
                      end_node=state.node_id, attitude_low=low, attitude_high=high)
