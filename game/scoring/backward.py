"""Exact backward induction over (state, belief), iterative and memoised, for many risk
weights at once.

Each situation is evaluated once, children first, with an explicit stack (no recursion
limit). A value is an array of shape (2 + rules, W): expected learning, expected harm and
the probability of each rule-relevant kind of path, per risk weight. At a decision every
(option, moment segment) gets its value as a mix of at most four continuations (moments.py),
one matrix product for all weights; the choice is the admissible segment with the highest
Q = learning - w * harm.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

import numpy as np

from game.scoring.graph import Context, DecisionSpec, Key
from game.scoring.params import ModelParams
from game.scoring.plan import (
    CHANCE,
    DECISION,
    END,
    FIELDS,
    ROWS,
    CycleError,
    coefficients,
    gain_vector,
    plan_of,
)
from game.scoring.safety import RULES

RULE_ROWS = np.array([2 + FIELDS.index(rule) for rule, _ in RULES])
NOT_BROKEN = len(RULES)

Chooser = Callable[[Key, DecisionSpec, np.ndarray, np.ndarray, np.ndarray], np.ndarray]
"""(key, spec, values (segments, ROWS, W), q (segments, W), continuations (basis, ROWS, W))
-> the value (ROWS, W) at this decision."""

__all__ = ["CycleError", "NOT_BROKEN", "Pass", "ROWS", "TIE", "admissible_rank",
           "best_segments", "coefficients", "gain_vector", "rule_tolerances"]


@dataclass
class Pass:
    """One backward pass: the value of every reachable key, per weight."""

    ctx: Context
    weights: np.ndarray
    choose: Chooser
    values: dict[Key, np.ndarray] = field(default_factory=dict)
    """The root's value after `run` (rows of other situations are reused during a pass)."""
    history: Mapping[Key, tuple[str, ...]] = field(default_factory=dict)
    """The first history found to each key (its representative label)."""
    order: list[Key] = field(default_factory=list)
    """Keys children-first (reverse topological order)."""

    def run(self) -> np.ndarray:
        plan = plan_of(self.ctx)
        self.history, self.order = plan.history, plan.keys
        w = len(self.weights)
        values = np.zeros((plan.width + 1, ROWS, w))  # row `width` stays zero
        weights, flat = self.weights, values.reshape(len(values), ROWS * w)
        for step, row, key in zip(plan.steps, plan.slots, plan.keys):
            kind = step.kind
            if kind == END:
                values[row] = step.gains[:, None]
            elif kind == DECISION:  # plan._step gives every DECISION step its spec and coef
                assert step.spec is not None and step.coef is not None
                basis = values[step.children] + step.gains[:, :, None]
                q_all = np.dot(step.coef, basis.reshape(len(basis), -1)).reshape(-1, ROWS, w)
                q = q_all[:, 0, :] - weights * q_all[:, 1, :]
                values[row] = self.choose(key, step.spec, q_all, q, basis)
            elif kind == CHANCE:  # np.dot on flat rows: tensordot's overhead was a third
                assert step.p is not None  # plan._step gives every CHANCE step its p
                flat[row] = np.dot(step.p, flat[step.children])
                values[row] += step.gains[:, None]
            else:
                values[row] = values[step.children[0]] + step.gains[:, None]
        root = values[plan.root_slot].copy()
        self.values = {self.ctx.root(): root}
        return root


def admissible_rank(q_all: np.ndarray, tolerance: np.ndarray, enforce: bool) -> np.ndarray:
    """(segments, W): index of the first rule each segment breaks relative to the safest
    segment (NOT_BROKEN when none)."""
    broken = _broken(q_all, tolerance, enforce)
    if broken is None:
        return np.full((q_all.shape[0], q_all.shape[2]), NOT_BROKEN)
    return np.where(broken.any(axis=1), broken.argmax(axis=1), NOT_BROKEN)


def _broken(q_all: np.ndarray, tolerance: np.ndarray, enforce: bool) -> np.ndarray | None:
    """(segments, rules, W): which rules each segment breaks; None when none is broken
    anywhere (most situations: then every segment is admissible, decided in one test)."""
    if not enforce:
        return None
    risks = q_all[:, RULE_ROWS, :]
    broken = (risks - risks.min(axis=0)) > tolerance[None, :, None]
    return broken if broken.any() else None


def best_segments(q_all: np.ndarray, q: np.ndarray, tolerance: np.ndarray,
                  enforce: bool) -> np.ndarray:
    """Per weight: the admissible segment with the highest Q (the first on ties); when none
    is admissible, the best among those breaking the least serious rule."""
    broken = _broken(q_all, tolerance, enforce)
    if broken is not None:
        rank = np.where(broken.any(axis=1), broken.argmax(axis=1), NOT_BROKEN)
        q = np.where(rank == rank.max(axis=0), q, -np.inf)
    # Q-values equal up to rounding are ties, broken by order (option, then moment), so
    # the choice does not depend on how many weights were evaluated together.
    return (q >= q.max(axis=0) - TIE).argmax(axis=0)


TIE = 1e-9


def rule_tolerances(params: ModelParams) -> np.ndarray:
    """Per rule, the excess probability it tolerates (cached: asked at every situation)."""
    key = (params.eps_severe, params.eps_moderate)
    found = _TOLERANCES.get(key)
    if found is None:
        tol = {"severe": params.eps_severe, "moderate": params.eps_moderate}
        found = np.array([tol.get(rule, 1e-9) for rule, _ in RULES])
        found.setflags(write=False)
        _TOLERANCES[key] = found
    return found


_TOLERANCES: dict[tuple[float, float], np.ndarray] = {}
