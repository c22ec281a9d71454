"""Turning a played session (live, or re-simulated from its log) into a history record.

The identity fields come from the log's header, so the history and the log always agree. The
scores come from the scoring model; the moment of each intervention from the session's path
(the decision window's opening tick and the tick of the choice). The best moment to step in
and the last safe moment come from the scoring model's decision reviews when it gives them
(scoring v2); with a model that does not, those fields stay empty and Progress says so.
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


def rung(scenario: Scenario, node: str, option: str) -> int | None:
    try:
        level = scenario.decision(node).option(option).level
    except KeyError:
        return None
    return level.rank if level is not None else None


def interventions(scenario: Scenario, state: SessionState) -> tuple[Intervention, ...]:
    """Every decision on the path so far, with when its window opened and when it closed."""
    return tuple(Intervention(step.node, step.choice, step.by, step.tick,
                              step.tick - step.elapsed, rung=rung(scenario, step.node,
                                                                  step.choice))
                 for step in state.history if step.kind == "decision")


def with_best(scenario: Scenario, moments: tuple[Intervention, ...], score: EpisodeScore
              ) -> tuple[Intervention, ...]:
    """Add the rung of the best option at each decision, then the model's moments."""
    rungs = [m._replace(best_rung=rung(scenario, r.node, r.best))
             for m, r in zip(moments, score.decisions)]
    return with_moments(tuple(rungs) + moments[len(rungs):], score)


def with_moments(moments: tuple[Intervention, ...], score: EpisodeScore
                 ) -> tuple[Intervention, ...]:
    """Add the moments the scoring model gives for each decision (scoring v2's
    `chosen_moment_s`, `best_moment_s`, `last_safe_moment_s`: content seconds from the
    window's opening); left empty when the model in use does not give them."""
    out = []
    for moment, review in zip(moments, score.decisions):
        best = getattr(review, "best_moment_s", None)
        if not getattr(review, "window_s", 0.0) or best is None:
            out.append(moment)
            continue
        safe = (getattr(review, "last_safe_moment_s", None) or {}).get(review.chosen)
        out.append(moment._replace(best_moment=(float(best[0]), float(best[1])),
                           last_safe=None if safe is None else float(safe),
                           chosen_at=getattr(review, "chosen_moment_s", None)))
    return tuple(out) + moments[len(out):]


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
        trainee_confidence=trainee.confidence, interventions=interventions(scenario, state))
    if score is None or not state.finished:
        outcome = realised(scenario, state, params)
        return base.with_(status="abandoned", learning=outcome["learning"],
                          harm=outcome["harm"], net=outcome["net"])
    low, high = attitude_bounds(scenario, config.profile_id, score, params) \
        if with_attitude else (None, None)
    moments = with_best(scenario, base.interventions, score)
    return base.with_(status="finished", interventions=moments,
                      learning=round(score.learning, 6),
                      harm=round(score.harm, 6), net=round(score.net, 6),
                      regret=round(score.regret, 6), safety_rating=score.safety_rating,
                      end_node=state.node_id, attitude_low=low, attitude_high=high)
