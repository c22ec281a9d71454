"""Exact solution of a vignette: backward induction over (state, belief), with moments.

The trainee's competence may be uncertain (a discrete prior per profile). The belief over it
is part of each situation and is updated by Bayes' rule at every chance outcome, so a
probing question whose answer depends on competence carries information.

At a decision point each option gets a Q-value for every moment of the window (expected
learning minus risk weight times expected harm over the rest of the vignette, under the
best admissible continuation) and the probabilities the safety rules need. A moment that
breaks a rule is inadmissible; the optimum is the admissible (option, moment) with the
highest Q. Situations are memoised on their state (graph.py), so the work grows with the
number of distinct situations, not with the number of histories.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

import numpy as np

from game.core.model import Scenario
from game.scoring.analysis import DecisionAnalysis, OptionAnalysis, analyse
from game.scoring.backward import ROWS, Chooser, Pass, best_segments, rule_tolerances
from game.scoring.cache import KeyedCache, version_key
from game.scoring.graph import Context, DecisionSpec, Key, key_of
from game.scoring.params import ModelParams
from game.scoring.safety import Risks

__all__ = ["DecisionAnalysis", "History", "OptionAnalysis", "Policy", "Solution", "Value",
           "evaluate", "evaluate_at", "regret_of_path", "solve", "solve_cached", "stationary",
           "step_key", "uniform"]

History = tuple[str, ...]
"""The path so far as `node:choice` strings (decisions, chance outcomes and, in v2, window
events `node:~error`), the same key the engine's session history produces."""

Policy = Callable[[str, History], Mapping[str, float]]
"""A policy maps (decision id, history) to option probabilities; an option id may carry a
moment, `cue@12` (acting 12 ticks into the window; plain ids act at once)."""


@dataclass(frozen=True)
class Value:
    value: float
    learning: float
    harm: float
    risks: Risks


def step_key(node: str, choice: str) -> str:
    return f"{node}:{choice}"


class Solution:
    """Values of every reachable situation; `at` finds the one a history leads to."""

    def __init__(self, ctx: Context, run: Pass, recorded: dict, root: np.ndarray):
        self.scenario_id = ctx.scenario.id
        self.profile_id = ctx.profile.id
        self.params = ctx.params
        self.ctx, self._pass, self._recorded = ctx, run, recorded
        self.root = _value(root[:, 0], ctx.params.risk_weight)
        self._analyses: dict[Key, DecisionAnalysis] = {}
        self._reach: dict[Key, float] | None = None

    @property
    def recorded(self) -> dict[Key, tuple]:
        """Every reachable decision situation -> (spec, Q rows per moment segment, basis)."""
        return self._recorded

    def label(self, key: Key) -> History:
        """The first history found to a situation (how `decisions` labels it)."""
        return self._pass.history.get(key, ())

    def key_of(self, node: str, history: History) -> Key:
        return key_of(self.ctx, node, tuple(history))

    def analysis(self, key: Key, history: History | None = None) -> DecisionAnalysis:
        found = self._analyses.get(key)
        if found is None:
            spec, q_all, basis = self._recorded[key]
            found = analyse(self.ctx, key, spec, q_all, basis,
                            self._pass.history.get(key, ()), self.reach().get(key, 0.0))
            self._analyses[key] = found
        if history is not None and history != found.history:
            return found.relabel(tuple(history))
        return found

    def at(self, node: str, history: History) -> DecisionAnalysis:
        return self.analysis(self.key_of(node, history), tuple(history))

    @property
    def decisions(self) -> dict[tuple[str, History], DecisionAnalysis]:
        """Every reachable decision situation, labelled by its first-found history."""
        return {(k[0].node, self._pass.history[k]): self.analysis(k) for k in self._recorded}

    def reach(self) -> dict[Key, float]:
        """Probability of each situation under a uniformly random policy (options and
        moments uniform), for choosing representative situations."""
        if self._reach is None:
            self._reach = forward_reach(self._pass)
        return self._reach

    def representative(self) -> dict[str, DecisionAnalysis]:
        """For each decision point, the situation most often reached (random play)."""
        best: dict[str, tuple[float, Key]] = {}
        reach = self.reach()
        for key in self._recorded:
            r = reach.get(key, 0.0)
            held = best.get(key[0].node)
            if held is None or r > held[0]:
                best[key[0].node] = (r, key)
        return {node: self.analysis(key) for node, (_, key) in best.items()}


def _value(column: np.ndarray, w: float) -> Value:
    return Value(float(column[0] - w * column[1]), float(column[0]), float(column[1]),
                 Risks(*(float(x) for x in column[2:])))


def forward_reach(run: Pass) -> dict[Key, float]:
    from game.scoring.backward import coefficients
    reach: dict[Key, float] = {}
    root = run.ctx.root()
    reach[root] = 1.0
    for key in reversed(run.order):
        r = reach.get(key, 0.0)
        exp = run.ctx.expand(key)
        if exp.decision is None:
            pairs = [(e.p, e.child) for e in exp.edges]
        else:
            spec = exp.decision
            n = max(1, spec.node.window_ticks)
            share = np.array([(s.t_hi - s.t_lo + 1) / n / len(spec.offered)
                              for s in spec.segments])
            mix = share @ coefficients(spec)
            pairs = [(m, e.child) for m, e in zip(mix, spec.basis)]
        for p, child in pairs:
            if child is not None and p > 0:
                reach[child] = reach.get(child, 0.0) + r * float(p)
    return reach


class _Optimal:
    def __init__(self, params: ModelParams, record: dict | None):
        self.tol, self.enforce, self.record = rule_tolerances(params), params.enforce_safety, \
            record

    def __call__(self, key: Key, spec: DecisionSpec, q_all: np.ndarray, q: np.ndarray,
                 basis: np.ndarray) -> np.ndarray:
        best = best_segments(q_all, q, self.tol, self.enforce)
        if self.record is not None:
            self.record[key] = (spec, q_all[:, :, 0], basis[:, :, 0])
        return q_all[best, :, np.arange(q.shape[1])].T


def run_pass(ctx: Context, weights: Sequence[float] | np.ndarray,
             choose: Chooser) -> tuple[Pass, np.ndarray]:
    run = Pass(ctx, np.asarray(weights, dtype=float), choose)
    return run, run.run()


def solve(scenario: Scenario, profile_id: str | None = None,
          params: ModelParams | None = None, update_belief: bool = True) -> Solution:
    """The optimal admissible policy with Q-values at every reachable decision situation."""
    params = params or ModelParams()
    ctx = Context(scenario, profile_id, params, update_belief)
    recorded: dict = {}
    run, root = run_pass(ctx, [params.risk_weight], _Optimal(params, recorded))
    return Solution(ctx, run, recorded, root)


_SOLUTIONS: KeyedCache[Solution] = KeyedCache(256)


def solve_cached(scenario: Scenario, profile_id: str | None = None,
                 params: ModelParams | None = None, update_belief: bool = True) -> Solution:
    """`solve`, remembered by (scenario id, content hash, profile, parameters); thread-safe
    (debriefs solve in a background thread)."""
    params = params or ModelParams()
    return _SOLUTIONS.get(version_key(scenario, profile_id, repr(params), update_belief),
                          lambda: solve(scenario, profile_id, params, update_belief))


PolicyAt = Callable[[Key, DecisionSpec], Mapping[str, float]]
"""A policy asked by situation: (key, decision spec) -> option probabilities."""


class _Following:
    """Evaluates a given policy; records Q-values (under the policy's continuation)."""

    def __init__(self, policy_at: PolicyAt, record: dict):
        self.policy_at, self.record = policy_at, record

    def __call__(self, key: Key, spec: DecisionSpec, q_all: np.ndarray, q: np.ndarray,
                 basis: np.ndarray) -> np.ndarray:
        self.record[key] = (spec, q_all[:, :, 0], basis[:, :, 0])
        chosen = self.policy_at(key, spec)
        ids = [o.id for o in spec.offered]
        total = np.zeros((ROWS, q.shape[1]))
        mass = 0.0
        for choice, p in chosen.items():
            option, _, tick = choice.partition("@")
            if not p or option not in ids:
                continue
            seg = segment_at(spec, ids.index(option), int(tick or 0))
            total += p * q_all[seg]
            mass += p
        return total / mass if mass else q_all[0]


def segment_at(spec: DecisionSpec, option: int, tick: int) -> int:
    n = max(1, spec.node.window_ticks)
    tick = min(max(0, tick), n - 1)
    for i, seg in enumerate(spec.segments):
        if seg.option == option and seg.t_lo <= tick <= seg.t_hi:
            return i
    raise KeyError((option, tick))


def evaluate(scenario: Scenario, policy: Policy, profile_id: str | None = None,
             params: ModelParams | None = None) -> Solution:
    """Exact expected value of an arbitrary (possibly random) policy. The policy is asked
    once per situation, with the first history found to it."""
    params = params or ModelParams()
    ctx = Context(scenario, profile_id, params)
    run = Pass(ctx, np.array([params.risk_weight]), _chooser_unset)
    return _follow(ctx, run, lambda key, spec: policy(spec.node.id, run.history.get(key, ())))


def evaluate_at(ctx: Context, policy_at: PolicyAt) -> Solution:
    """`evaluate` for a policy that is asked by situation rather than by history (no
    history is replayed: value of information asks it at every situation)."""
    return _follow(ctx, Pass(ctx, np.array([ctx.params.risk_weight]), _chooser_unset),
                   policy_at)


def _chooser_unset(key: Key, spec: DecisionSpec, q_all: np.ndarray, q: np.ndarray,
                   basis: np.ndarray) -> np.ndarray:
    """The chooser of a pass built before its policy (`evaluate`'s policy reads the pass's
    histories); `_follow` replaces it before the pass runs."""
    raise RuntimeError("a policy pass ran before _follow set its chooser")


def _follow(ctx: Context, run: Pass, policy_at: PolicyAt) -> Solution:
    recorded: dict = {}
    run.choose = _Following(policy_at, recorded)
    return Solution(ctx, run, recorded, run.run())


def stationary(choice: Mapping[str, str]) -> Policy:
    """A policy that picks the same option at a decision point whatever the history."""
    return lambda node, history: {choice[node]: 1.0}


def uniform(scenario: Scenario) -> Policy:
    def policy(node: str, history: History) -> Mapping[str, float]:
        options = scenario.decision(node).options
        return {o.id: 1.0 / len(options) for o in options}
    return policy


def regret_of_path(solution: Solution, path: list[tuple[str, History, str]]) -> float:
    """Expected regret of the decisions on a played path: the sum of Q gaps."""
    return sum(solution.at(node, history).gap(option) for node, history, option in path)
