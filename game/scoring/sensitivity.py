"""How the optimal choice at each decision point depends on the risk weight.

The optimal policy is piecewise constant in the weight w, but the continuation after a
decision changes with w too, so switch-over points are found numerically: one tree pass over
a fine log-spaced grid (`multiweight`), then a second pass over a fine grid inside each
bracket where the optimal option changes.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from game.core.model import Scenario
from game.scoring.multiweight import best_by_weight
from game.scoring.params import SENSITIVITY_WEIGHTS, ModelParams
from game.scoring.solver import History, solve_cached

W_MIN, W_MAX = 0.05, 20.0
SCAN_POINTS = 241
REFINE_POINTS = 65


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


def sensitivity(scenario: Scenario, profile: str | None = None,
                base: ModelParams | None = None) -> list[DecisionSensitivity]:
    """Switch-over weights for the representative situation of every decision point."""
    base = base or ModelParams()
    reference = solve_cached(scenario, profile, base)
    grid = np.geomspace(W_MIN, W_MAX, SCAN_POINTS)
    scan = best_by_weight(scenario, profile, grid, base)
    standard = best_by_weight(scenario, profile, SENSITIVITY_WEIGHTS, base)
    results = []
    for node, analysis in sorted(reference.representative().items()):
        key = (node, analysis.history)
        bests = scan[key]
        switches = [_refine(scenario, profile, base, key, grid[i], grid[i + 1])
                    for i in range(len(grid) - 1) if bests[i] != bests[i + 1]]
        results.append(DecisionSensitivity(
            node, analysis.history, dict(zip(SENSITIVITY_WEIGHTS, standard[key])),
            tuple(s for group in switches for s in group)))
    return results


def _refine(scenario, profile, base, key, lo: float, hi: float) -> list[Switch]:
    """The switch(es) inside [lo, hi], located on a fine grid within the bracket."""
    fine = np.geomspace(lo, hi, REFINE_POINTS)
    bests = best_by_weight(scenario, profile, fine, base)[key]
    return [Switch(round(float(np.sqrt(fine[i] * fine[i + 1])), 3), bests[i], bests[i + 1])
            for i in range(len(fine) - 1) if bests[i] != bests[i + 1]]
