"""How the optimal choice at each decision point depends on the risk weight.

The optimal policy is piecewise constant in the weight w, but the continuation after a
decision changes with w too, so switch-over points are found numerically: one pass over a
log-spaced grid (`multiweight`), then one more pass over a fine grid inside every bracket
where some decision's optimal option changes (all brackets together).
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
    reps = sorted(reference.representative().items())
    brackets = sorted({i for node, a in reps for i in _changes(scan[(node, a.history)])})
    # every bracket's fine grid in one pass (one pass per bracket would cost a solve each)
    fine = {i: np.geomspace(grid[i], grid[i + 1], REFINE_POINTS) for i in brackets}
    refined = best_by_weight(scenario, profile, np.concatenate(list(fine.values())), base) \
        if fine else None
    offsets = {i: k * REFINE_POINTS for k, i in enumerate(brackets)}
    results = []
    for node, analysis in reps:
        key = (node, analysis.history)
        switches = []
        for i in _changes(scan[key]):
            assert refined is not None
            bests = refined[key][offsets[i]:offsets[i] + REFINE_POINTS]
            switches += _switches(fine[i], bests)
        results.append(DecisionSensitivity(
            node, analysis.history, dict(zip(SENSITIVITY_WEIGHTS, standard[key])),
            tuple(switches)))
    return results


def _changes(bests: list[str]) -> list[int]:
    return [i for i in range(len(bests) - 1) if bests[i] != bests[i + 1]]


def _switches(fine: np.ndarray, bests: list[str]) -> list[Switch]:
    """The switch(es) inside a bracket, located on its fine grid."""
    return [Switch(round(float(np.sqrt(fine[i] * fine[i + 1])), 3), bests[i], bests[i + 1])
            for i in range(len(fine) - 1) if bests[i] != bests[i + 1]]
