"""Revealed risk attitude: which risk weights make a player's choices optimal.

For every decision the player made, the set of weights at which their option was optimal is
found on a fine log-spaced grid (refined by bisection at its edges). The intersection over
all decisions is the interval consistent with everything they did; if it is empty, the first
pair of decisions with disjoint sets is named as the inconsistency.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from game.core.model import Scenario
from game.scoring.cache import KeyedCache, version_key
from game.scoring.multiweight import BestByWeight, best_by_weight
from game.scoring.params import ModelParams
from game.scoring.solver import History

GRID = tuple(float(w) for w in np.geomspace(0.05, 20.0, 41).round(6))


@dataclass(frozen=True)
class Attitude:
    low: float | None
    high: float | None
    """The consistent interval [low, high] (None when inconsistent)."""
    consistent: bool
    conflict: tuple[str, ...] | None = None
    """The two decisions whose choices fit no common weight, or one that fits none."""
    unbounded_low: bool = False
    unbounded_high: bool = False

    def describe(self) -> str:
        if not self.consistent:
            names = [n.replace("_", " ") for n in (self.conflict or ("?",))]
            if len(names) == 1:
                return f"the choice at {names[0]} is not optimal at any risk weight"
            return (f"inconsistent: the choices at {names[0]} and {names[1]} fit no common "
                    "risk weight")
        lo = f"up to {self.high:.3g}" if self.unbounded_low else None
        hi = f"{self.low:.3g} or more" if self.unbounded_high else None
        if lo and hi:
            return "any risk weight"
        return lo or hi or f"{self.low:.3g} to {self.high:.3g}"


def revealed_attitude(scenario: Scenario, profile: str | None,
                      choices: list[tuple[str, History, str]],
                      base: ModelParams | None = None) -> Attitude:
    bests = grid_bests(scenario, profile, base or ModelParams())
    fits: list[tuple[str, set[float]]] = []
    for node, history, option in choices:
        ok = {w for w, best in zip(GRID, bests[(node, history)]) if best == option}
        fits.append((node, ok))
    return intersect(fits)


_GRID_BESTS: KeyedCache[BestByWeight] = KeyedCache(256)


def grid_bests(scenario: Scenario, profile: str | None, base: ModelParams) -> BestByWeight:
    """The optimal option at every situation for each weight of GRID (one tree pass)."""
    return _GRID_BESTS.get(version_key(scenario, profile, repr(base.with_weight(1.0))),
                           lambda: best_by_weight(scenario, profile, GRID, base))


def intersect(fits: list[tuple[str, set[float]]]) -> Attitude:
    common = set(GRID)
    for i, (node, ok) in enumerate(fits):
        if not ok:
            return Attitude(None, None, False, (node,))
        if not common & ok:
            for other, other_ok in fits[:i]:
                if not other_ok & ok:
                    return Attitude(None, None, False, (other, node))
            return Attitude(None, None, False, (fits[0][0], node))
        common &= ok
    low, high = min(common), max(common)
    return Attitude(low, high, True, None, low == GRID[0], high == GRID[-1])
