"""Monte Carlo evaluation of a stationary policy, vectorised over episodes with numpy.

An independent check of the exact solver: each episode draws its trainee's true competence
from the prior, outcomes from that competence (not from the supervisor's belief), window
events by the engine's rule (one uniform over the per-tick masses; an event in a tick slot
before the intervention lands happens first), and earns learning with the fit of its own
competence. Episodes standing in the same situation move together as one array.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import numpy as np

from game.core.model import Scenario
from game.core.timing import EVENT_KINDS, slot_masses
from game.scoring.graph import Context, DecisionSpec, Edge, Key
from game.scoring.moments import effect_tick
from game.scoring.params import ModelParams

StationaryPolicy = Mapping[str, Mapping[str, float]]
"""decision id -> {option id (optionally `option@tick`): probability}."""


@dataclass(frozen=True)
class MonteCarloResult:
    episodes: int
    mean: float
    std_error: float
    learning: float
    harm: float

    @property
    def ci95(self) -> tuple[float, float]:
        return self.mean - 1.96 * self.std_error, self.mean + 1.96 * self.std_error


def topological(ctx: Context) -> list[Key]:
    """Reachable situations, parents before children (iterative depth-first search)."""
    order, seen, stack = [], set(), [(ctx.root(), False)]
    while stack:
        key, done = stack.pop()
        if done:
            order.append(key)
            continue
        if key in seen:
            continue
        seen.add(key)
        stack.append((key, True))
        exp = ctx.expand(key)
        edges = exp.edges if exp.decision is None else exp.decision.basis
        stack.extend((e.child, False) for e in edges if e.child is not None and e.p > 0)
    return order[::-1]


def monte_carlo(scenario: Scenario, policy: StationaryPolicy, profile_id: str | None,
                params: ModelParams, episodes: int, seed: int) -> MonteCarloResult:
    rng = np.random.Generator(np.random.PCG64(seed))
    profile = scenario.trainee(profile_id)
    priors = np.array([c.prior for c in profile.competence])
    level = rng.choice(len(priors), size=episodes, p=priors / priors.sum())
    learning, harm = np.zeros(episodes), np.zeros(episodes)
    for i, c in enumerate(profile.competence):
        idx = np.nonzero(level == i)[0]
        if len(idx):
            ctx = Context(scenario, profile_id, params, competence=c.value)
            _simulate(ctx, idx, policy, rng, learning, harm)
    value = learning - params.risk_weight * harm
    # one episode has no spread to estimate: its standard error is unbounded (not NaN)
    spread = float(value.std(ddof=1)) if episodes > 1 else float("inf")
    return MonteCarloResult(episodes, float(value.mean()), spread / np.sqrt(episodes),
                            float(learning.mean()), float(harm.mean()))


def _simulate(ctx: Context, idx: np.ndarray, policy: StationaryPolicy, rng: np.random.Generator,
              learning: np.ndarray, harm: np.ndarray) -> None:
    waiting: dict[Key, list[np.ndarray]] = {ctx.root(): [idx]}
    for key in topological(ctx):
        parts = waiting.pop(key, None)
        if not parts:
            continue
        here = np.concatenate(parts)
        for edge, sub in _branch(ctx, key, here, policy, rng):
            if not len(sub):
                continue
            learning[sub] += edge.gain.learning
            harm[sub] += edge.gain.harm
            if edge.child is not None:
                waiting.setdefault(edge.child, []).append(sub)


def _branch(ctx: Context, key: Key, here: np.ndarray, policy: StationaryPolicy,
            rng: np.random.Generator) -> list[tuple[Edge, np.ndarray]]:
    exp = ctx.expand(key)
    if exp.decision is None:
        if len(exp.edges) == 1:
            return [(exp.edges[0], here)]
        p = np.array([e.p for e in exp.edges])
        picks = rng.choice(len(p), size=len(here), p=p / p.sum())
        return [(e, here[picks == k]) for k, e in enumerate(exp.edges)]
    spec = exp.decision
    ids = [o.id for o in spec.offered]
    choices = [(c, p) for c, p in policy[spec.node.id].items()
               if p and c.partition("@")[0] in ids]
    probs = np.array([p for _, p in choices])
    picks = rng.choice(len(choices), size=len(here), p=probs / probs.sum())
    out = []
    for k, (choice, _) in enumerate(choices):
        option, _, tick = choice.partition("@")
        out += _window(ctx, spec, ids.index(option), int(tick or 0), here[picks == k], rng)
    return out


def _window(ctx: Context, spec: DecisionSpec, j: int, tick: int, sub: np.ndarray,
            rng: np.random.Generator) -> list[tuple[Edge, np.ndarray]]:
    """Which continuation each episode takes when acting with option j at `tick`."""
    option, n = spec.offered[j], max(1, spec.node.window_ticks)
    timed = spec.node.timing is not None
    watch = timed and option.level is not None and option.level.value == "watch"
    e = n if watch else effect_tick(option, tick, spec.arrival, timed, dict(ctx.latency))
    branch = np.full(len(sub), 2 + j if e <= n else len(spec.basis) - 1)
    if timed and len(sub):
        masses = np.array(slot_masses(spec.node.timing, n, 1.0))
        cum = np.cumsum(masses)
        u = rng.random(len(sub))
        slot = np.searchsorted(cum, u, side="right")
        happened = slot < len(masses)
        k = slot // 2
        first = happened & (k < min(e, n))
        kinds = slot % 2
        branch = np.where(first, kinds, branch)
        assert EVENT_KINDS == ("self_correct", "error")
    edges: list[tuple[Edge, np.ndarray]] = []
    for b in np.unique(branch):
        edges.append((spec.basis[int(b)], sub[branch == b]))
    return edges
