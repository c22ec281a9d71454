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

from collections.abc import Callable
from dataclasses import dataclass, field

import numpy as np

from game.scoring.graph import Context, DecisionSpec, Edge, Key
from game.scoring.safety import RULES, Risks

FIELDS = Risks._fields
ROWS = 2 + len(FIELDS)
RULE_ROWS = np.array([2 + FIELDS.index(rule) for rule, _ in RULES])
NOT_BROKEN = len(RULES)

Chooser = Callable[[Key, DecisionSpec, np.ndarray, np.ndarray, np.ndarray], np.ndarray]
"""(key, spec, values (segments, ROWS, W), q (segments, W), continuations (basis, ROWS, W))
-> the value (ROWS, W) at this decision."""


class CycleError(ValueError):
    """The story can return to a situation it has already been in (the model needs a DAG)."""


_GAIN_VECTORS: dict = {}


def gain_vector(edge: Edge) -> np.ndarray:
    """The gain as a value row (learning, harm, risk indicators); cached by gain."""
    g = edge.gain
    found = _GAIN_VECTORS.get(g)
    if found is not None:
        return found
    vec = np.zeros(ROWS)
    vec[0], vec[1] = g.learning, g.harm
    if g.risk_bits:
        for i in range(len(FIELDS)):
            if g.risk_bits >> i & 1:
                vec[2 + i] = 1.0
    if len(_GAIN_VECTORS) > 100_000:
        _GAIN_VECTORS.clear()
    _GAIN_VECTORS[g] = vec
    vec.setflags(write=False)
    return vec


@dataclass
class Pass:
    """One backward pass: the value of every reachable key, per weight."""

    ctx: Context
    weights: np.ndarray
    choose: Chooser
    values: dict[Key, np.ndarray] = field(default_factory=dict)
    history: dict[Key, tuple[str, ...]] = field(default_factory=dict)
    """The first history found to each key (its representative label)."""
    order: list[Key] = field(default_factory=list)
    """Keys children-first (reverse topological order)."""

    def run(self) -> np.ndarray:
        root = self.ctx.root()
        self.history[root] = ()
        stack: list[tuple[Key, bool]] = [(root, False)]
        open_keys: set[Key] = set()
        while stack:
            key, ready = stack.pop()
            if key in self.values:
                continue
            children = self._children(key)
            todo = [(c, label) for c, label in children if c not in self.values]
            if todo:
                if ready or key in open_keys:
                    raise CycleError(f"the story returns to {key[0].node!r}")
                open_keys.add(key)
                stack.append((key, True))
                for edge_child, label in todo:
                    self.history.setdefault(edge_child, self.history[key] + label)
                    stack.append((edge_child, False))
                continue
            open_keys.discard(key)
            self.values[key] = self._value(key)
            self.order.append(key)
        return self.values[root]

    def _children(self, key: Key) -> list:
        exp = self.ctx.expand(key)
        edges = exp.edges if exp.decision is None else exp.decision.basis
        return [(e.child, e.entries) for e in edges
                if e.child is not None and e.p > 0.0]

    def _value(self, key: Key) -> np.ndarray:
        exp = self.ctx.expand(key)
        w = len(self.weights)
        if exp.kind == "end":
            return np.repeat(gain_vector(exp.edges[0])[:, None], w, axis=1)
        if exp.decision is None:
            if len(exp.edges) == 1:
                e = exp.edges[0]
                return self.values[e.child] + gain_vector(e)[:, None]
            p = np.array([e.p for e in exp.edges])
            gains = np.stack([gain_vector(e) for e in exp.edges])
            children = np.stack([self.values[e.child] for e in exp.edges])
            return np.einsum("e,erw->rw", p, children) + (p @ gains)[:, None]
        q_all, basis = self.segment_values(exp.decision)
        q = q_all[:, 0, :] - self.weights[None, :] * q_all[:, 1, :]
        return self.choose(key, exp.decision, q_all, q, basis)

    def segment_values(self, spec: DecisionSpec) -> tuple[np.ndarray, np.ndarray]:
        """(segments, ROWS, W): the value of acting in each moment segment of each option;
        and the continuations it mixes (basis, ROWS, W)."""
        basis = np.stack([
            (self.values[e.child] + gain_vector(e)[:, None]) if e.child is not None
            else np.zeros((ROWS, len(self.weights))) for e in spec.basis])
        coef = coefficients(spec)
        if basis.shape[2] == 1:
            return (coef @ basis[:, :, 0])[:, :, None], basis
        return np.einsum("sb,brw->srw", coef, basis), basis


_COEFFICIENTS: dict[tuple, np.ndarray] = {}


def coefficients(spec: DecisionSpec) -> np.ndarray:
    """(segments, basis) mixing weights: self-correct, error, options..., default. Cached:
    they depend only on the segments and the number of continuations."""
    key = (spec.segments, len(spec.basis))
    found = _COEFFICIENTS.get(key)
    if found is None:
        found = _coefficients(spec)
        if len(_COEFFICIENTS) > 4096:
            _COEFFICIENTS.clear()
        _COEFFICIENTS[key] = found
    return found


def _coefficients(spec: DecisionSpec) -> np.ndarray:
    nb = len(spec.basis)
    coef = np.zeros((len(spec.segments), nb))
    default = nb - 1
    for i, seg in enumerate(spec.segments):
        coef[i, 0], coef[i, 1] = seg.self_correct, seg.error
        coef[i, default if seg.too_late else 2 + seg.option] += seg.on_option
    return coef


def admissible_rank(q_all: np.ndarray, tolerance: np.ndarray, enforce: bool) -> np.ndarray:
    """(segments, W): index of the first rule each segment breaks relative to the safest
    segment (NOT_BROKEN when none)."""
    if not enforce:
        return np.full((q_all.shape[0], q_all.shape[2]), NOT_BROKEN)
    risks = q_all[:, RULE_ROWS, :]
    broken = (risks - risks.min(axis=0)) > tolerance[None, :, None]
    return np.where(broken.any(axis=1), broken.argmax(axis=1), NOT_BROKEN)


def best_segments(q_all: np.ndarray, q: np.ndarray, tolerance: np.ndarray,
                  enforce: bool) -> np.ndarray:
    """Per weight: the admissible segment with the highest Q (the first on ties); when none
    is admissible, the best among those breaking the least serious rule."""
    rank = admissible_rank(q_all, tolerance, enforce)
    masked = np.where(rank == rank.max(axis=0), q, -np.inf)
    # Q-values equal up to rounding are ties, broken by order (option, then moment), so
    # the choice does not depend on how many weights were evaluated together.
    return (masked >= masked.max(axis=0) - TIE).argmax(axis=0)


TIE = 1e-9


def rule_tolerances(params) -> np.ndarray:
    tol = {"severe": params.eps_severe, "moderate": params.eps_moderate}
    return np.array([tol.get(rule, 1e-9) for rule, _ in RULES])
