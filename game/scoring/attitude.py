"""Revealed risk attitude: which risk weights make a player's choices optimal.

For every decision the player made, the set of weights at which their option was optimal is
found on a fine log-spaced grid (refined by bisection at its edges). The intersection over
all decisions is the interval consistent with everything they did; if it is empty, the first
pair of decisions with disjoint sets is named as the inconsistency.
"""

from __future__ import annotations

from collections.abc import Callable
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

    def wording(self, name: Callable[[str], str] | None = None
                ) -> tuple[str, dict[str, object]]:
        """The attitude as a message id (its English text) and the values it formats with:
        the scoring layer says which sentence and which numbers, a translator words them.
        `name` names a decision point by its id (default: the id, "first pass")."""
        if not self.consistent:
            names = [(name or _plain)(n) for n in (self.conflict or ("?",))]
            if len(names) == 1:
                return ("the choice at {node} is not optimal at any risk weight",
                        {"node": names[0]})
            return ("inconsistent: the choices at {a} and {b} fit no common risk weight",
                    {"a": names[0], "b": names[1]})
        low, high = float(self.low or 0.0), float(self.high or 0.0)
        if self.unbounded_low and self.unbounded_high:
            return "any risk weight", {}
        if self.unbounded_low:
            return "up to {high:.3g}", {"high": high}
        if self.unbounded_high:
            return "{low:.3g} or more", {"low": low}
        return "{low:.3g} to {high:.3g}", {"low": low, "high": high}

    def describe(self, t: Callable[..., str] | None = None,
                 name: Callable[[str], str] | None = None) -> str:
        """The attitude in words: English, or through a translator `t(message, **values)`
        (game.i18n's; a German one writes "bis 2,85", with the decimal comma)."""
        message, values = self.wording(name)
        if t is not None:
            return t(message, **values)
        return message.format(**values) if values else message


def _plain(node: str) -> str:
    return node.replace("_", " ")


ATTITUDE_MESSAGES = (
    "the choice at {node} is not optimal at any risk weight",
    "inconsistent: the choices at {a} and {b} fit no common risk weight",
    "any risk weight", "up to {high:.3g}", "{low:.3g} or more", "{low:.3g} to {high:.3g}")
"""Every message id `Attitude.wording` returns (the German catalogue needs each)."""


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
