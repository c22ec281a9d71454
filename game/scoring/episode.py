"""Episode score: what a played session earned, and how good its decisions were.

Kept behind one function, `score_episode`, so front ends never touch the model's internals.
Outcome (realised learning and harm) and decision quality (expected regret, safety rating of
the choices) are reported separately so that luck is not rewarded.
"""

from __future__ import annotations

from dataclasses import dataclass

from game.core.model import Beat, Chance, Decision, End, Scenario
from game.core.state import SessionState
from game.scoring.learning import PathTotals, path_outcome
from game.scoring.params import ModelParams
from game.scoring.safety import rule_text
from game.scoring.solver import History, Solution, solve_cached, step_key

RATING_ORDER = ("green", "amber", "red")


@dataclass(frozen=True)
class DecisionReview:
    node: str
    history: History
    chosen: str
    best: str
    gap: float
    rating: str
    broken: str | None
    by: str
    elapsed: int


@dataclass(frozen=True)
class EpisodeScore:
    learning: float
    harm: float
    net: float
    safety_rating: str
    safety_rule: str | None
    """The rule a choice broke (red), or None."""
    regret: float
    best_value: float
    decisions: tuple[DecisionReview, ...]

    def as_dict(self) -> dict:
        return {
            "learning": round(self.learning, 6),
            "harm": round(self.harm, 6),
            "net": round(self.net, 6),
            "safety_rating": self.safety_rating,
            "safety_rule": self.safety_rule,
            "regret": round(self.regret, 6),
            "best_value": round(self.best_value, 6),
        }

    @property
    def safety_text(self) -> str:
        return rule_text(self.safety_rule) if self.safety_rule else ""


def trace_totals(scenario: Scenario, state: SessionState, params: ModelParams) -> PathTotals:
    """Walk the graph along the session's history, adding up what the path earned."""
    totals = PathTotals()
    steps = iter(state.history)
    node = scenario.node(scenario.start)
    while True:
        if isinstance(node, Beat):
            totals = totals.with_effects(node.effects)
            if node.id == state.node_id and not state.finished:
                return totals
            node = scenario.node(node.next)
        elif isinstance(node, End):
            return totals.with_effects(node.effects).with_feedback(node.feedback)
        else:
            step = next(steps, None)
            if step is None:
                return totals
            if isinstance(node, Decision):
                option = node.option(step.choice)
                totals = totals.with_decision(node.learning_value, option.level, params)
                totals = totals.with_effects(option.effects)
                node = scenario.node(option.next)
            else:
                assert isinstance(node, Chance)
                outcome = next(o for o in node.outcomes if o.id == step.choice)
                totals = totals.with_effects(outcome.effects)
                node = scenario.node(outcome.next)


def review_decisions(solution: Solution, state: SessionState) -> tuple[DecisionReview, ...]:
    reviews = []
    history: list[str] = []
    for step in state.history:
        if step.kind == "decision":
            analysis = solution.at(step.node, tuple(history))
            chosen = analysis.option(step.choice)
            reviews.append(DecisionReview(step.node, tuple(history), step.choice, analysis.best,
                                          analysis.gap(step.choice), chosen.rating,
                                          chosen.broken, step.by, step.elapsed))
        history.append(step_key(step.node, step.choice))
    return tuple(reviews)


def realised(scenario: Scenario, state: SessionState, params: ModelParams) -> dict[str, float]:
    """The outcome part of the score (learning, harm, net), which needs no solver."""
    profile = scenario.trainee(state.config.profile_id)
    totals = trace_totals(scenario, state, params)
    outcome = path_outcome(totals, state.competence, profile.confidence, scenario.difficulty,
                           scenario.attempt_limits, params)
    net = outcome.learning - params.risk_weight * outcome.harm
    return {"learning": round(outcome.learning, 6), "harm": round(outcome.harm, 6),
            "net": round(net, 6)}


def score_episode(scenario: Scenario, state: SessionState, params: ModelParams | None = None,
                  solution: Solution | None = None) -> EpisodeScore:
    params = params or ModelParams()
    profile = scenario.trainee(state.config.profile_id)
    solution = solution or solve_cached(scenario, profile.id, params)
    totals = trace_totals(scenario, state, params)
    outcome = path_outcome(totals, state.competence, profile.confidence, scenario.difficulty,
                           scenario.attempt_limits, params)
    reviews = review_decisions(solution, state)
    worst = max((r.rating for r in reviews), default="green", key=RATING_ORDER.index)
    rule = next((r.broken for r in reviews if r.broken), None)
    return EpisodeScore(
        learning=outcome.learning,
        harm=outcome.harm,
        net=outcome.learning - params.risk_weight * outcome.harm,
        safety_rating=worst,
        safety_rule=rule,
        regret=sum(r.gap for r in reviews),
        best_value=solution.root.value,
        decisions=reviews,
    )
