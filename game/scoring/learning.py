"""Learning gain and harm of one path through a vignette.

A path is summarised by `PathTotals`, built step by step as the solver, the Monte Carlo and
the episode score walk the graph; `path_outcome` turns it into learning points, harm points
and the safety indicators the rules need. The formula (docs/scoring-model.md):

    L = base * Z(c) * (1 + e * err * F_on * (1 + h * confidence)) * F(feedback) * E

with base = sum of L0 * A(level) over decisions plus the learning of the steps taken.
"""

from __future__ import annotations

import math
from functools import lru_cache
from typing import NamedTuple

from game.core.model import Effects, Level
from game.scoring.harm import HarmGrade, aggregate_points, parse_grade
from game.scoring.params import ModelParams

FEEDBACK_RANK = {"none": 0, "brief": 1, "structured": 2}
FEEDBACK_BY_RANK = {v: k for k, v in FEEDBACK_RANK.items()}


@lru_cache(maxsize=512)
def grade(text: str) -> HarmGrade:
    return parse_grade(text)


class PathTotals(NamedTuple):
    """Running totals of a path; a tuple because the solver builds hundreds of thousands."""

    base: float = 0.0
    error: bool = False
    feedback_rank: int = 0
    harm: tuple[str, ...] = ()
    attempts: tuple[tuple[str, int], ...] = ()
    hands_on_rescue: bool = False
    high_alert_reached: bool = False
    provoked: bool = False

    def with_decision(self, learning_value: float, level: Level, params: ModelParams):
        gained = learning_value * params.autonomy_share[level.value]
        return PathTotals(self.base + gained, *self[1:])

    def with_effects(self, e: Effects) -> PathTotals:
        if e == _NO_EFFECTS:
            return self
        attempts = self.attempts
        if e.attempts:
            counts = dict(attempts)
            for name in e.attempts:
                counts[name] = counts.get(name, 0) + 1
            attempts = tuple(sorted(counts.items()))
        reached = e.high_alert and any(grade(g).reached_patient and grade(g).scale == "MERP"
                                       for g in e.harm)
        return PathTotals(
            base=self.base + e.learning,
            error=self.error or e.experienced_error,
            feedback_rank=max(self.feedback_rank, FEEDBACK_RANK[e.feedback or "none"]),
            harm=self.harm + e.harm,
            attempts=attempts,
            hands_on_rescue=self.hands_on_rescue or e.needs_rescue == "hands_on",
            high_alert_reached=self.high_alert_reached or (e.high_alert and reached),
            provoked=self.provoked or e.provokes_error,
        )

    def with_feedback(self, kind: str) -> PathTotals:
        return self._replace(feedback_rank=max(self.feedback_rank, FEEDBACK_RANK[kind]))


_NO_EFFECTS = Effects()


class PathOutcome(NamedTuple):
    learning: float
    harm: float
    worst: str
    """Worst harm severity on the path (none ... death)."""
    attempts_exceeded: bool
    hands_on_rescue: bool
    high_alert_reached: bool
    provoked: bool


def zone_fit(competence: float, difficulty: float, params: ModelParams) -> float:
    return math.exp(-((competence - difficulty) ** 2) / (2 * params.zone_width ** 2))


def emotion_factor(error: bool, worst: str, params: ModelParams) -> float:
    a = params.arousal_after_error if error else params.arousal_baseline
    return (1 + 0.2 * a - 0.6 * a * a) * params.harm_learning_factor[worst]


def path_outcome(totals: PathTotals, competence: float, confidence: float, difficulty: float,
                 attempt_limits, params: ModelParams) -> PathOutcome:
    """Learning and harm of a path for a trainee of the given competence."""
    partial = outcome_before_fit(totals, confidence, attempt_limits, params)
    fit = zone_fit(competence, difficulty, params)
    return partial._replace(learning=partial.learning * fit)


def outcome_before_fit(totals: PathTotals, confidence: float, attempt_limits,
                       params: ModelParams) -> PathOutcome:
    """Everything but the competence fit Z(c), which the solver averages over its belief."""
    grades = [grade(g) for g in totals.harm]
    worst = max((g.severity for g in grades), default="none",
                key=lambda s: ("none", "minor", "mild", "moderate", "severe", "death").index(s))
    if any(g.permanent for g in grades) and worst not in ("severe", "death"):
        worst = "severe"
    feedback = FEEDBACK_BY_RANK[totals.feedback_rank]
    paid = 1.0 if (totals.error and feedback != "none") else 0.0
    bonus = 1 + params.error_bonus * paid * (1 + params.hypercorrection * confidence)
    learning = (totals.base * bonus * params.feedback_multiplier[feedback]
                * emotion_factor(totals.error, worst, params))
    exceeded = any(count > attempt_limits.get(name, 10 ** 6) for name, count in totals.attempts)
    return PathOutcome(learning, aggregate_points(grades), worst, exceeded,
                       totals.hands_on_rescue, totals.high_alert_reached, totals.provoked)
