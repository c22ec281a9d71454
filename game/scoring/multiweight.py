"""The optimal option at every decision situation for many risk weights in one pass.

The same backward induction as `solver.py` (it is the same code: `backward.Pass` carries one
value column per weight), so the tree is walked once instead of once per weight. The revealed
risk attitude needs 41 weights and the switch-over scan hundreds. A test checks the choices
are identical to solving weight by weight.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence

import numpy as np

from game.core.model import Scenario
from game.scoring.backward import best_segments, rule_tolerances
from game.scoring.graph import Context, Key, key_of
from game.scoring.params import ModelParams
from game.scoring.solver import History, run_pass


class BestByWeight(Mapping[tuple[str, History], list[str]]):
    """(decision id, history) -> optimal option id per weight. Any history that leads to a
    solved situation can be looked up, not only the first-found one that iteration shows."""

    def __init__(self, ctx: Context, best: dict[Key, list[str]],
                 labels: Mapping[Key, History]):
        self.ctx, self._best, self._labels = ctx, best, labels

    def __getitem__(self, item: tuple[str, History]) -> list[str]:
        node, history = item
        return self._best[key_of(self.ctx, node, tuple(history))]

    def __iter__(self) -> Iterator[tuple[str, History]]:
        return iter((k[0].node, self._labels[k]) for k in self._best)

    def __len__(self) -> int:
        return len(self._best)


def best_by_weight(scenario: Scenario, profile_id: str | None, weights: Sequence[float],
                   params: ModelParams | None = None) -> BestByWeight:
    """For every decision situation, the optimal option id at each of `weights`."""
    params = params or ModelParams()
    ctx = Context(scenario, profile_id, params)
    tol, enforce = rule_tolerances(params), params.enforce_safety
    best: dict[Key, list[str]] = {}

    def choose(key, spec, q_all, q, basis):
        picks = best_segments(q_all, q, tol, enforce)
        best[key] = [spec.offered[spec.segments[i].option].id for i in picks]
        return q_all[picks, :, np.arange(q.shape[1])].T

    run, _ = run_pass(ctx, weights, choose)
    return BestByWeight(ctx, best, run.history)
