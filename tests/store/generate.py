"""Generated histories for tests and the history benchmark: a supervisor with set habits.

Deterministic from a seed (one numpy Generator). The habits are parameters, so a test can
build a supervisor who is unsafe only in one category, steps in 3 s early, or over-trusts
confident trainees, and check that Progress, calibration and What next find exactly that.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta

import numpy as np

from game.store.records import Intervention, SessionRecord

CATEGORIES = ("technical", "medication", "communication", "diagnostic", "decision",
              "management")
DISTANCES = ("direct", "indirect", "distant")
TRAINEES = (("confident_junior", 0.9), ("anxious_junior", 0.2), ("senior", 0.6))


@dataclass(frozen=True)
class Habits:
    unsafe_in: frozenset[str] = frozenset()
    """Categories in which every session is rated red."""
    unsafe_at: frozenset[str] = frozenset()
    """Supervision distances in which every session is rated red."""
    early_s: float = 0.0
    """Seconds the supervisor acts before the best moment's start (negative: late)."""
    rung_bias: int = 0
    trust_bias: dict[str, int] = field(default_factory=dict)
    """Added to the true O-SCORE level when rating this trainee profile."""
    regret: tuple[float, float] = (0.2, 1.0)
    """Mean regret of the first and of the last session (linear in between)."""
    scenarios: tuple[str, ...] = ()
    """Vignette ids to play in turn (default: one per category)."""
    with_moments: bool = True
    rate: bool = True


def _scenario_of(n: int, habits: Habits) -> tuple[str, str, str]:
    if habits.scenarios:
        sid = habits.scenarios[n % len(habits.scenarios)]
        k = sum(map(ord, sid))
        return sid, CATEGORIES[k % len(CATEGORIES)], DISTANCES[k % len(DISTANCES)]
    category = CATEGORIES[n % len(CATEGORIES)]
    return f"v_{category}", category, DISTANCES[(n // len(CATEGORIES)) % len(DISTANCES)]


def session(n: int, total: int, habits: Habits, rng: np.random.Generator,
            player: str = "sup-gen") -> SessionRecord:
    sid, category, distance = _scenario_of(n, habits)
    profile, confidence = TRAINEES[n % len(TRAINEES)]
    competence = float(rng.choice([0.2, 0.5, 0.8]))
    red = category in habits.unsafe_in or distance in habits.unsafe_at
    share = n / max(1, total - 1)
    mean = habits.regret[0] + (habits.regret[1] - habits.regret[0]) * share
    best_rung = int(rng.integers(0, 3))
    moment = Intervention(
        "d1", "probe", "player", 200, 100,
        (4.0, 6.0) if habits.with_moments else None, 8.0 if habits.with_moments else None,
        4.0 - habits.early_s if habits.with_moments else None,
        min(4, max(0, best_rung + habits.rung_bias)), best_rung)
    level = 1 + round(4 * competence)
    rating = min(5, max(1, level + habits.trust_bias.get(profile, 0))) if habits.rate else None
    started = datetime(2026, 1, 1, tzinfo=UTC) + timedelta(hours=n)
    return SessionRecord(
        f"{n:05d}_{sid}.jsonl", player, sid, "ab" * 32, profile, "practice",
        started.isoformat(timespec="seconds"), seed=n + 1, risk_weight=2.0,
        learning=float(rng.uniform(2, 10)), harm=0.5, net=1.0,
        regret=max(0.0, float(rng.normal(mean, 0.05))),
        safety_rating="red" if red else "green", log_file=f"{n:05d}_{sid}.jsonl",
        category=category, supervision=distance, competence=competence,
        trainee_confidence=confidence, interventions=(moment,),
        attitude_low=1.0 + share, attitude_high=3.0 + 3 * share, entrustment=rating,
        end_node="done")


def history(count: int, habits: Habits = Habits(), seed: int = 7,
            player: str = "sup-gen") -> list[SessionRecord]:
    rng = np.random.default_rng(seed)
    return [session(n, count, habits, rng, player) for n in range(count)]
