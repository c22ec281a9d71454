"""How the optimal choice at each decision point depends on the risk weight.

The optimal policy is piecewise constant in the weight w, but the continuation after a
decision changes with w too, so switch-over points are found numerically: one pass over a
log-spaced grid (with the standard weights 0.5, 1, 2, 4 in the same pass), then inside every
bracket where some representative decision's optimal option changes, two rounds of
eight-way sections (all brackets together in one pass per round). That locates a switch on
the same 64-part geometric grid as 64 points per bracket would, with a tenth of the weights;
it could only miss a choice that switches and switches back within 1/8 of a bracket
(a weight ratio of 1.003).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from game.core.model import Scenario
from game.scoring.backward import best_segments, rule_tolerances
from game.scoring.cache import KeyedCache, version_key
from game.scoring.graph import Context, DecisionSpec, Key
from game.scoring.params import SENSITIVITY_WEIGHTS, ModelParams
from game.scoring.solver import History, run_pass, solve_cached

W_MIN, W_MAX = 0.05, 20.0
SCAN_POINTS = 241
SECTIONS = 8
"""Each refinement round splits a bracket into this many parts (two rounds: 64)."""
GRID = np.geomspace(W_MIN, W_MAX, SCAN_POINTS)


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


def bests_by_key(ctx: Context, weights: np.ndarray) -> dict[Key, np.ndarray]:
    """Situation key -> index of the optimal offered option at each weight (one pass)."""
    tol, enforce = rule_tolerances(ctx.params), ctx.params.enforce_safety
    best: dict[Key, np.ndarray] = {}

    def choose(key: Key, spec: DecisionSpec, q_all: np.ndarray, q: np.ndarray,
               basis: np.ndarray) -> np.ndarray:
        picks = best_segments(q_all, q, tol, enforce)
        best[key] = np.fromiter((s.option for s in spec.segments), int,
                                len(spec.segments))[picks]
        return q_all[picks, :, np.arange(q.shape[1])].T

    run_pass(ctx, np.asarray(weights, dtype=float), choose)
    return best


_SCANS: KeyedCache[dict] = KeyedCache(64)


def standard_scan(scenario: Scenario, profile: str | None,
                  base: ModelParams) -> dict[Key, np.ndarray]:
    """Option index per situation at GRID then SENSITIVITY_WEIGHTS; cached (the solve
    command's rows and the switch-over search both read it)."""
    return _SCANS.get(version_key(scenario, profile, repr(base.with_weight(1.0))),
                      lambda: bests_by_key(Context(scenario, profile, base),
                                           np.concatenate([GRID, SENSITIVITY_WEIGHTS])))


def standard_bests(scenario: Scenario, profile: str | None,
                   base: ModelParams) -> dict[Key, list[str]]:
    """Situation key -> optimal option id at each standard weight (0.5, 1, 2, 4)."""
    ctx = Context(scenario, profile, base)
    scan = standard_scan(scenario, profile, base)
    return {key: [_offered(ctx, key)[i] for i in picks[SCAN_POINTS:]]
            for key, picks in scan.items()}


def _offered(ctx: Context, key: Key) -> list[str]:
    spec = ctx.expand(key).decision
    assert spec is not None
    return [o.id for o in spec.offered]


def sensitivity(scenario: Scenario, profile: str | None = None,
                base: ModelParams | None = None) -> list[DecisionSensitivity]:
    """Switch-over weights for the representative situation of every decision point."""
    base = base or ModelParams()
    reference = solve_cached(scenario, profile, base)
    ctx = Context(scenario, profile, base)
    scan = standard_scan(scenario, profile, base)
    reps = sorted(reference.representative().items())
    keys = {node: reference.key_of(node, a.history) for node, a in reps}
    brackets = _section(ctx, [(float(GRID[i]), float(GRID[i + 1]), key)
                              for key in set(keys.values())
                              for i in _changes(scan[key][:SCAN_POINTS])])
    brackets = _section(ctx, brackets)  # a second round narrows each switch-over further
    results = []
    for node, analysis in reps:
        key, ids = keys[node], _offered(ctx, keys[node])
        switches = tuple(Switch(round(float(np.sqrt(lo * hi)), 3), ids[a], ids[b])
                         for lo, hi, k, a, b in brackets if k == key)
        standard = [ids[i] for i in scan[key][SCAN_POINTS:]]
        results.append(DecisionSensitivity(node, analysis.history,
                                           dict(zip(SENSITIVITY_WEIGHTS, standard)),
                                           switches))
    return results


Bracket = tuple[float, float, Key]
"""(lo, hi, key): a weight range over which the situation `key`'s optimal option changes."""
Switched = tuple[float, float, Key, int, int]
"""A bracket with the option indices before and after the change."""


def _section(ctx: Context, brackets: Sequence[Bracket | Switched]) -> list[Switched]:
    """Split every bracket (lo, hi, key, ...) into SECTIONS geometric parts in one pass and
    keep the parts in which that situation's optimal option changes, as (lo, hi, key,
    option before, option after)."""
    if not brackets:
        return []
    points = [np.geomspace(b[0], b[1], SECTIONS + 1) for b in brackets]
    found = bests_by_key(ctx, np.concatenate(points))
    out: list[Switched] = []
    for k, (bracket, grid) in enumerate(zip(brackets, points)):
        bests = found[bracket[2]][k * (SECTIONS + 1):(k + 1) * (SECTIONS + 1)]
        out += [(float(grid[i]), float(grid[i + 1]), bracket[2], int(bests[i]), int(bests[i + 1]))
                for i in _changes(bests)]
    return out


def _changes(bests: Sequence[int] | np.ndarray) -> list[int]:
    return [i for i in range(len(bests) - 1) if bests[i] != bests[i + 1]]
