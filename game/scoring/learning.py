"""Learning gain and harm of one path through a vignette.

A path is summarised by `PathTotals`, built step by step as the solver, the Monte Carlo and
the episode score walk the graph; `path_outcome` turns it into learning points, harm points
and the safety indicators the rules need. The formula (docs/scoring-model.md):

    L = base * Z(c) * (1 + e * err * F_on * (1 + h * confidence)) * F(feedback) * E

with base = sum of L0 * A(level) over decisions plus the learning of the steps taken.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, replace
from functools import lru_cache

from game.core.model import Effects, Level
from game.scoring.harm import HarmGrade, aggregate_points, parse_grade
from game.scoring.params import ModelParams

FEEDBACK_RANK = {"none": 0, "brief": 1, "structured": 2}
FEEDBACK_BY_RANK = {v: k for k, v in FEEDBACK_RANK.items()}


@lru_cache(maxsize=512)
def grade(text: str) -> HarmGrade:
    return parse_grade(text)


@dataclass(frozen=True)
class PathTotals:
    base: float = 0.0
    error: bool = False
    feedback_rank: int = 0
    harm: tuple[str, ...] = ()
    attempts: tuple[tuple[str, int], ...] = ()
    hands_on_rescue: bool = False
    high_alert_reached: bool = False
    provoked: bool = False

    def with_decision(self, learning_value: float, level: Level, params: ModelParams):
        return replace(self, base=self.base + learning_value * params.autonomy_share[level.value])

    def with_effects(self, e: Effects) -> PathTotals:
        if e == _NO_EFFECTS:
            return self
        attempts = dict(self.attempts)
        for name in e.attempts:
            attempts[name] = attempts.get(name, 0) + 1
        reached = any(grade(g).reached_patient and grade(g).scale == "MERP" for g in e.harm)
        return PathTotals(
            base=self.base + e.learning,
            error=self.error or e.experienced_error,
            feedback_rank=max(self.feedback_rank, FEEDBACK_RANK[e.feedback or "none"]),
            harm=self.harm + e.harm,
            attempts=tuple(sorted(attempts.items())),
            hands_on_rescue=self.hands_on_rescue or e.needs_rescue == "hands_on",
            high_alert_reached=self.high_alert_reached or (e.high_alert and reached),
            provoked=self.provoked or e.provokes_error,
        )

    def with_feedback(self, kind: str) -> PathTotals:
        return replace(self, feedback_rank=max(self.feedback_rank, FEEDBACK_RANK[kind]))


_NO_EFFECTS = Effects()


@dataclass(frozen=True)
class PathOutcome:
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
    grades = [grade(g) for g in totals.harm]
    worst = max((g.severity for g in grades), default="none",
                key=lambda s: ("none", "minor", "mild", "moderate", "severe", "death").index(s))
    if any(g.permanent for g in grades) and worst not in ("severe", "death"):
        worst = "severe"
    feedback = FEEDBACK_BY_RANK[totals.feedback_rank]
    paid = 1.0 if (totals.error and feedback != "none") else 0.0
    bonus = 1 + params.error_bonus * paid * (1 + params.hypercorrection * confidence)
    learning = (totals.base * zone_fit(competence, difficulty, params) * bonus
                * params.feedback_multiplier[feedback]
                * emotion_factor(totals.error, worst, params))
    exceeded = any(count > attempt_limits.get(name, 10 ** 6) for name, count in totals.attempts)
    return PathOutcome(learning, aggregate_points(grades), worst, exceeded,
                       totals.hands_on_rescue, totals.high_alert_reached, totals.provoked)
