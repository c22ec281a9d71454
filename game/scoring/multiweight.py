"""The optimal option at every decision situation for many risk weights in one pass.

The same backward induction as `solver.py`, but every value carries one entry per weight
(numpy arrays), so the tree is walked once instead of once per weight. The revealed risk
attitude needs 41 weights and the switch-over scan hundreds: walking the tree once makes
them cost about as much as a single solve. A test checks the choices are identical to
solving weight by weight.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from game.core.model import Beat, Chance, Decision, End, Scenario
from game.scoring.learning import PathTotals, outcome_before_fit, zone_fit
from game.scoring.params import ModelParams
from game.scoring.safety import RULES, Risks, leaf_risks
from game.scoring.solver import History, step_key

_FIELDS = Risks._fields
_RULE_ROWS = np.array([_FIELDS.index(rule) for rule, _ in RULES])
NOT_BROKEN = len(RULES)
"""Rank of an option that breaks no rule; lower ranks are more serious rules."""


class _Multi:
    def __init__(self, scenario: Scenario, profile_id: str | None, params: ModelParams,
                 weights: np.ndarray):
        self.scenario, self.params, self.w = scenario, params, weights
        self.profile = scenario.trainee(profile_id)
        self.levels = [c.value for c in self.profile.competence]
        self.fits = [zone_fit(c, scenario.difficulty, params) for c in self.levels]
        tol = {"severe": params.eps_severe, "moderate": params.eps_moderate}
        self.tolerance = np.array([tol.get(rule, 1e-9) for rule, _ in RULES])[:, None]
        self.best: dict[tuple[str, History], np.ndarray] = {}

    def value(self, node_id: str, totals: PathTotals, belief, history: History):
        node = self.scenario.node(node_id)
        if isinstance(node, Beat):
            return self.value(node.next, totals.with_effects(node.effects), belief, history)
        if isinstance(node, End):
            return self.leaf(totals.with_effects(node.effects).with_feedback(node.feedback),
                             belief)
        if isinstance(node, Chance):
            return self.chance(node, totals, belief, history)
        return self.decision(node, totals, belief, history)

    def leaf(self, totals: PathTotals, belief):
        outcome = outcome_before_fit(totals, self.profile.confidence,
                                     self.scenario.attempt_limits, self.params)
        learning = outcome.learning * sum(b * z for b, z in zip(belief, self.fits))
        risks = np.array(leaf_risks(outcome, self.scenario.supervision), dtype=float)
        return learning - self.w * outcome.harm, np.repeat(risks[:, None], len(self.w), 1)

    def chance(self, node: Chance, totals, belief, history):
        value, risks = np.zeros(len(self.w)), np.zeros((len(_FIELDS), len(self.w)))
        for outcome in node.outcomes:
            joint = [b * outcome.probability(c) for b, c in zip(belief, self.levels)]
            p = sum(joint)
            if p <= 0.0:
                continue
            sub_value, sub_risks = self.value(
                outcome.next, totals.with_effects(outcome.effects),
                tuple(j / p for j in joint), history + (step_key(node.id, outcome.id),))
            value = value + p * sub_value
            risks = risks + p * sub_risks
        return value, risks

    def decision(self, node: Decision, totals, belief, history):
        values, risks = [], []
        for opt in node.options:
            after = totals.with_decision(node.learning_value, opt.level, self.params)
            v, r = self.value(opt.next, after.with_effects(opt.effects), belief,
                              history + (step_key(node.id, opt.id),))
            values.append(v)
            risks.append(r)
        q, r = np.stack(values), np.stack(risks)  # (options, W), (options, rules, W)
        best = self._choose(q, r)
        self.best[(node.id, history)] = best
        cols = np.arange(len(self.w))
        return q[best, cols], r[best, :, cols].T

    def _choose(self, q: np.ndarray, r: np.ndarray) -> np.ndarray:
        """Per weight: the admissible option with the highest Q (the first on ties); when
        none is admissible, the one breaking the least serious rule (as `solver._best`)."""
        if self.params.enforce_safety:
            excess = r[:, _RULE_ROWS, :] - r[:, _RULE_ROWS, :].min(axis=0)
            broken = excess > self.tolerance
            rank = np.where(broken.any(axis=1), broken.argmax(axis=1), NOT_BROKEN)
        else:
            rank = np.full(q.shape, NOT_BROKEN)
        candidates = rank == rank.max(axis=0)
        return np.where(candidates, q, -np.inf).argmax(axis=0)


def best_by_weight(scenario: Scenario, profile_id: str | None, weights: Sequence[float],
                   params: ModelParams | None = None) -> dict[tuple[str, History], list[str]]:
    """For every decision situation, the optimal option id at each of `weights`."""
    params = params or ModelParams()
    solver = _Multi(scenario, profile_id, params, np.asarray(weights, dtype=float))
    prior = tuple(c.prior for c in solver.profile.competence)
    solver.value(scenario.start, PathTotals(), prior, ())
    result = {}
    for (node_id, history), best in solver.best.items():
        ids = [o.id for o in scenario.node(node_id).options]
        result[(node_id, history)] = [ids[i] for i in best]
    return result
