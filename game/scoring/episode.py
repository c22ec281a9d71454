"""Episode score: what a played session earned, and how good its decisions were.

Kept behind one function, `score_episode`, so front ends never touch the model's internals.
Outcome (realised learning and harm) and decision quality (safety rating first, then the
expected regret of each choice at the moment it was made) are reported separately so that
luck is not rewarded. `safety_first_key` orders sessions so that one that broke a rule never
ranks above a safe one, whatever its regret.
"""

from __future__ import annotations

import threading
import weakref
from dataclasses import dataclass, field

from game.core.model import TICKS_PER_SECOND, Scenario
from game.core.state import PathStep, SessionState
from game.scoring.analysis import DecisionAnalysis
from game.scoring.params import ModelParams
from game.scoring.safety import RATING_ORDER, rule_text
from game.scoring.solver import History, Solution, solve_cached, step_key
from game.scoring.trace import Trace, trace_totals

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


def realised(scenario: Scenario, state: SessionState, params: ModelParams) -> dict[str, float]:
    """The outcome part of the score (learning, harm, net), which needs no solver."""
    t = trace_totals(scenario, state, params)
    return {"learning": round(t.base, 6), "harm": round(t.harm, 6),
            "net": round(t.base - params.risk_weight * t.harm, 6)}


def review_decisions(solution: Solution, state: SessionState) -> tuple[DecisionReview, ...]:
    """Each decision on the path judged at the moment it was made. A review is a pure
    function of the solution and its arguments, so it is kept with the solution: the play
    screen reviews each decision in the background as it settles (`ui.play.background`),
    and the frame in which the vignette ends then only looks them up (issue 17)."""
    reviews = []
    history: list[str] = []
    steps = state.history
    pace = state.pace_factor
    done = _reviews_of(solution)
    for i, step in enumerate(steps):
        if step.kind == "decision":
            nxt = steps[i + 1] if i + 1 < len(steps) else None
            event = nxt.choice[1:] if (nxt is not None and nxt.kind == "window"
                                       and nxt.node == step.node) else ""
            key = (step, tuple(history), pace, event)
            review = done.get(key)
            if review is None:
                analysis = solution.at(step.node, key[1])
                review = done.setdefault(key, _review(analysis, step, key[1], pace, event))
            reviews.append(review)
        history.append(step_key(step.node, step.choice))
    return tuple(reviews)


_REVIEWS: weakref.WeakKeyDictionary[Solution, dict[tuple, DecisionReview]] = \
    weakref.WeakKeyDictionary()
"""Reviews kept per solution (they go when the solution leaves the solve cache)."""
_REVIEWS_LOCK = threading.Lock()


def _reviews_of(solution: Solution) -> dict[tuple, DecisionReview]:
    with _REVIEWS_LOCK:  # the background reviewer and the UI thread ask at once
        found = _REVIEWS.get(solution)
        if found is None:
            found = _REVIEWS[solution] = {}
        return found


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
                  solution: Solution | None = None, outcome: Trace | None = None
                  ) -> EpisodeScore:
    """`outcome`: the session's own score walk when it kept one as it ran
    (`scoring.trace.TraceWalk`, the same sums); else it is walked here."""
    params = params or ModelParams()
    profile = scenario.trainee(state.config.profile_id)
    solution = solution or solve_cached(scenario, profile.id, params)
    if outcome is None:
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
