"""Episode score: what a played session earned, and how good its decisions were.

Kept behind one function, `score_episode`, so front ends never touch the model's internals.
Outcome (realised learning and harm) and decision quality (safety rating first, then the
expected regret of each choice at the moment it was made) are reported separately so that
luck is not rewarded. `safety_first_key` orders sessions so that one that broke a rule never
ranks above a safe one, whatever its regret.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import NamedTuple

from game.core.model import TICKS_PER_SECOND, Scenario
from game.core.state import PathStep, SessionState
from game.scoring.analysis import DecisionAnalysis
from game.scoring.graph import Context, Gain, Key
from game.scoring.params import ModelParams
from game.scoring.safety import RATING_ORDER, rule_text
from game.scoring.solver import History, Solution, solve_cached, step_key

RATING_WORDS = {"green": "Safe", "amber": "Caution", "red": "Unsafe"}


@dataclass(frozen=True)
class DecisionReview:
    node: str
    history: History
    chosen: str
    best: str
    gap: float
    """Regret of this choice at the moment it was made (0.0 for the best at its moment)."""
    rating: str
    broken: str | None
    by: str
    elapsed: int
    chosen_moment_s: float | None = None
    """Content seconds into the window when the supervisor acted (None: never acted)."""
    best_moment_s: tuple[float, float] = (0.0, 0.0)
    last_safe_moment_s: dict[str, float | None] = field(default_factory=dict)
    """Per option id."""
    window_s: float = 0.0
    preempted: bool = False
    """The trainee's self-correction, the mistake or the window's end came first."""
    event: str = ""
    """(v2) "self_correct" or "error" when a window event decided what happened."""


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

    @property
    def verdict(self) -> str:
        """Safety first, in words, then regret against the best admissible choice."""
        head = RATING_WORDS[self.safety_rating]
        if self.safety_rule:
            head += f": {self.safety_text}"
        return f"{head}. Regret {self.regret:.2f} against the best safe choices."


def safety_first_key(score: EpisodeScore) -> tuple[int, float]:
    """Sort key (lower is better): the rating first, regret only among equal ratings."""
    return RATING_ORDER.index(score.safety_rating), score.regret


def rank_scores(scores: list[EpisodeScore]) -> list[EpisodeScore]:
    return sorted(scores, key=safety_first_key)


class Trace(NamedTuple):
    """What the path so far earned for the true trainee: `base` is the learning credited
    (the live meter), `harm` the harm points added up (decision-model weights)."""

    base: float
    harm: float


def _walk(ctx: Context, state: SessionState) -> Iterator[tuple[Key, Gain]]:
    """Follow the session's history through the model, yielding (key, gain) for every step
    taken; a decision step is paired with the window event that decided it, if any."""
    key = ctx.root()
    steps = list(state.history)
    i = 0
    while True:
        exp = ctx.expand(key)
        if exp.kind == "end":
            yield key, exp.edges[0].gain
            return
        if exp.decision is None:
            if len(exp.edges) == 1 and not exp.edges[0].label:
                yield key, exp.edges[0].gain
                if key[0].node == state.node_id and i == len(steps) and not state.finished:
                    return  # still in this beat
                key = exp.edges[0].next_key
                continue
            if i >= len(steps):
                return
            label = step_key(steps[i].node, steps[i].choice)
            edge = next(e for e in exp.edges if e.label == label)
            i += 1
        else:
            if i >= len(steps):
                return
            basis, node = exp.decision.basis, exp.decision.node.id
            nxt = steps[i + 1] if i + 1 < len(steps) else None
            if nxt is not None and nxt.kind == "window" and nxt.node == node:
                edge = {"~self_correct": basis[0], "~error": basis[1]}.get(nxt.choice,
                                                                            basis[-1])
                i += 2
            else:
                label = step_key(node, steps[i].choice)
                edge = next(e for e in basis[2:] if e.label == label)
                i += 1
        yield key, edge.gain
        key = edge.next_key


def trace_totals(scenario: Scenario, state: SessionState, params: ModelParams) -> Trace:
    """Walk the model along the session's history, adding up what the path earned."""
    ctx = Context(scenario, state.config.profile_id, params, competence=state.competence)
    learning = harm = 0.0
    for _, gain in _walk(ctx, state):
        learning += gain.learning
        harm += gain.harm
    return Trace(learning, harm)


def realised(scenario: Scenario, state: SessionState, params: ModelParams) -> dict[str, float]:
    """The outcome part of the score (learning, harm, net), which needs no solver."""
    t = trace_totals(scenario, state, params)
    return {"learning": round(t.base, 6), "harm": round(t.harm, 6),
            "net": round(t.base - params.risk_weight * t.harm, 6)}


def review_decisions(solution: Solution, state: SessionState) -> tuple[DecisionReview, ...]:
    reviews = []
    history: list[str] = []
    steps = list(state.history)
    pace = state.pace_factor
    for i, step in enumerate(steps):
        if step.kind == "decision":
            analysis = solution.at(step.node, tuple(history))
            nxt = steps[i + 1] if i + 1 < len(steps) else None
            event = nxt.choice[1:] if (nxt is not None and nxt.kind == "window"
                                       and nxt.node == step.node) else ""
            reviews.append(_review(analysis, step, tuple(history), pace, event))
        history.append(step_key(step.node, step.choice))
    return tuple(reviews)


def _review(analysis: DecisionAnalysis, step: PathStep, history: History, pace: float,
            event: str) -> DecisionReview:
    acted = step.by not in ("timeout", "waiting")
    tick = round(step.elapsed / pace) if step.by != "timeout" else None
    moment = analysis.moment(step.choice, tick, step.by)
    return DecisionReview(
        step.node, history, step.choice, analysis.best,
        analysis.regret(step.choice, tick, step.by), moment.rating, moment.broken, step.by,
        step.elapsed, tick / TICKS_PER_SECOND if (acted and tick is not None) else None,
        analysis.best_moment_s, {o.option: o.last_safe_moment_s for o in analysis.options},
        analysis.window_s, step.by == "preempted" or event in ("self_correct", "error")
        and acted and not _is_watch(analysis, step.choice), event if event != "closed" else "")


def _is_watch(analysis: DecisionAnalysis, option: str) -> bool:
    return analysis.option(option).level == "watch"


def score_episode(scenario: Scenario, state: SessionState, params: ModelParams | None = None,
                  solution: Solution | None = None) -> EpisodeScore:
    params = params or ModelParams()
    profile = scenario.trainee(state.config.profile_id)
    solution = solution or solve_cached(scenario, profile.id, params)
    outcome = trace_totals(scenario, state, params)
    reviews = review_decisions(solution, state)
    worst = max((r.rating for r in reviews), default="green", key=RATING_ORDER.index)
    rule = next((r.broken for r in reviews if r.broken), None)
    return EpisodeScore(
        learning=outcome.base,
        harm=outcome.harm,
        net=outcome.base - params.risk_weight * outcome.harm,
        safety_rating=worst,
        safety_rule=rule,
        regret=sum(r.gap for r in reviews),
        best_value=solution.root.value,
        decisions=reviews,
    )


__all__ = ["DecisionReview", "EpisodeScore", "RATING_ORDER", "Trace", "rank_scores",
           "realised", "review_decisions", "safety_first_key", "score_episode",
           "trace_totals"]
