"""How the optimal choice at each decision point depends on the risk weight.

The optimal policy is piecewise constant in the weight w, but the continuation after a
decision changes with w too, so the switch-over points are found numerically: a log-spaced
scan, then bisection between neighbouring weights whose optimal options differ.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from game.core.model import Scenario
from game.scoring.params import SENSITIVITY_WEIGHTS, ModelParams
from game.scoring.solver import History
from game.scoring.solver import solve_cached as solve

W_MIN, W_MAX = 0.05, 20.0
SCAN_POINTS = 25
BISECTIONS = 12


@dataclass(frozen=True)
class Switch:
    weight: float
    before: str
    after: str


@dataclass(frozen=True)
class DecisionSensitivity:
    node: str
    history: History
    by_weight: dict[float, str]
    """Optimal option at each of the standard weights 0.5, 1, 2, 4."""
    switches: tuple[Switch, ...]


def _best_at(scenario: Scenario, profile: str | None, base: ModelParams, w: float,
             cache: dict) -> dict:
    if w not in cache:
        solution = solve(scenario, profile, base.with_weight(w))
        cache[w] = {key: a.best for key, a in solution.decisions.items()}
    return cache[w]


def sensitivity(scenario: Scenario, profile: str | None = None,
                base: ModelParams | None = None) -> list[DecisionSensitivity]:
    """Switch-over weights for the representative situation of every decision point."""
    base = base or ModelParams()
    cache: dict[float, dict] = {}
    reference = solve(scenario, profile, base)
    grid = sorted(set(np.geomspace(W_MIN, W_MAX, SCAN_POINTS).round(6)) |
                  set(SENSITIVITY_WEIGHTS))
    results = []
    for node, analysis in sorted(reference.representative().items()):
        key = (node, analysis.history)
        bests = [_best_at(scenario, profile, base, w, cache)[key] for w in grid]
        switches = []
        for (w0, b0), (w1, b1) in zip(zip(grid, bests), zip(grid[1:], bests[1:])):
            if b0 != b1:
                switches.append(_bisect(scenario, profile, base, key, w0, w1, b0, cache))
        results.append(DecisionSensitivity(
            node, analysis.history,
            {w: _best_at(scenario, profile, base, w, cache)[key] for w in SENSITIVITY_WEIGHTS},
            tuple(switches)))
    return results


def _bisect(scenario, profile, base, key, lo, hi, best_lo, cache) -> Switch:
    best_hi = _best_at(scenario, profile, base, hi, cache)[key]
    for _ in range(BISECTIONS):
        mid = float(np.sqrt(lo * hi))
        if _best_at(scenario, profile, base, mid, cache)[key] == best_lo:
            lo = mid
        else:
            hi = mid
            best_hi = _best_at(scenario, profile, base, mid, cache)[key]
    return Switch(round(float(np.sqrt(lo * hi)), 3), best_lo, best_hi)
