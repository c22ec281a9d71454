"""Monte Carlo evaluation of a stationary policy, vectorised over episodes with numpy.

All episodes move through the graph together: nodes are visited once each in topological
order, and at each node the episodes standing there are advanced as one array operation.
Learning and harm follow exactly the formula in `learning.path_outcome`, so the estimate
agrees with the solver's exact value within its confidence interval (a test checks this).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import numpy as np

from game.core.model import Beat, Chance, Decision, Effects, End, Scenario
from game.scoring.learning import FEEDBACK_RANK, grade
from game.scoring.params import ModelParams
from game.scoring.safety import SEVERITY_RANK

StationaryPolicy = Mapping[str, Mapping[str, float]]
"""decision id -> {option id: probability}."""


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


def topological_order(scenario: Scenario) -> list[str]:
    order: list[str] = []
    seen: set[str] = set()

    def visit(node_id: str) -> None:
        if node_id in seen:
            return
        seen.add(node_id)
        for nxt in successors(scenario.node(node_id)):
            visit(nxt)
        order.append(node_id)

    visit(scenario.start)
    return order[::-1]


def successors(node) -> list[str]:
    if isinstance(node, Beat):
        return [node.next]
    if isinstance(node, Decision):
        return [o.next for o in node.options]
    if isinstance(node, Chance):
        return [o.next for o in node.outcomes]
    return []


class _Batch:
    """Per-episode accumulators, one numpy array each."""

    def __init__(self, n: int, scenario: Scenario):
        self.base = np.zeros(n)
        self.error = np.zeros(n, dtype=bool)
        self.feedback = np.zeros(n, dtype=np.int8)
        self.harm_sq = np.zeros(n)
        self.worst = np.zeros(n, dtype=np.int8)
        self.attempts = {name: np.zeros(n, dtype=np.int16) for name in scenario.attempt_limits}
        self.learning = np.zeros(n)
        self.harm = np.zeros(n)

    def apply(self, idx: np.ndarray, e: Effects) -> None:
        if not len(idx):
            return
        self.base[idx] += e.learning
        if e.experienced_error:
            self.error[idx] = True
        if e.feedback:
            np.maximum.at(self.feedback, idx, FEEDBACK_RANK[e.feedback])
        for text in e.harm:
            g = grade(text)
            self.harm_sq[idx] += g.points ** 2
            rank = max(SEVERITY_RANK[g.severity], SEVERITY_RANK["severe"] if g.permanent else 0)
            np.maximum.at(self.worst, idx, rank)
        for name in e.attempts:
            self.attempts[name][idx] += 1


def monte_carlo(scenario: Scenario, policy: StationaryPolicy, profile_id: str | None,
                params: ModelParams, episodes: int, seed: int) -> MonteCarloResult:
    rng = np.random.Generator(np.random.PCG64(seed))
    profile = scenario.trainee(profile_id)
    values = np.array([c.value for c in profile.competence])
    priors = np.array([c.prior for c in profile.competence])
    competence = values[rng.choice(len(values), size=episodes, p=priors)]
    at = np.zeros(episodes, dtype=np.int32)
    order = topological_order(scenario)
    index = {node_id: i for i, node_id in enumerate(order)}
    batch = _Batch(episodes, scenario)
    for node_id in order:
        idx = np.nonzero(at == index[node_id])[0]
        if len(idx):
            _visit(scenario.node(node_id), idx, at, index, batch, competence, policy, rng,
                   params)
    _finish_learning(batch, competence, profile.confidence, scenario.difficulty, params)
    value = batch.learning - params.risk_weight * batch.harm
    return MonteCarloResult(episodes, float(value.mean()),
                            float(value.std(ddof=1) / np.sqrt(episodes)),
                            float(batch.learning.mean()), float(batch.harm.mean()))


def _visit(node, idx, at, index, batch: _Batch, competence, policy, rng, params) -> None:
    if isinstance(node, Beat):
        batch.apply(idx, node.effects)
        at[idx] = index[node.next]
    elif isinstance(node, End):
        batch.apply(idx, node.effects)
        np.maximum.at(batch.feedback, idx, FEEDBACK_RANK[node.feedback])
        at[idx] = -1
    elif isinstance(node, Decision):
        probs = np.array([policy[node.id].get(o.id, 0.0) for o in node.options])
        picks = rng.choice(len(node.options), size=len(idx), p=probs / probs.sum())
        for k, opt in enumerate(node.options):
            sub = idx[picks == k]
            batch.base[sub] += node.learning_value * params.autonomy_share[opt.level.value]
            batch.apply(sub, opt.effects)
            at[sub] = index[opt.next]
    else:
        assert isinstance(node, Chance)
        c = competence[idx][:, None]
        low = np.array([o.p_low for o in node.outcomes])
        high = np.array([o.p_high for o in node.outcomes])
        cumulative = np.cumsum(low + (high - low) * c, axis=1)
        u = rng.random(len(idx))[:, None] * cumulative[:, -1:]
        picks = np.minimum((u >= cumulative).sum(axis=1), len(node.outcomes) - 1)
        for k, outcome in enumerate(node.outcomes):
            sub = idx[picks == k]
            batch.apply(sub, outcome.effects)
            at[sub] = index[outcome.next]


def _finish_learning(batch: _Batch, competence, confidence, difficulty,
                     params: ModelParams) -> None:
    zone = np.exp(-((competence - difficulty) ** 2) / (2 * params.zone_width ** 2))
    paid = batch.error & (batch.feedback > 0)
    bonus = 1 + params.error_bonus * paid * (1 + params.hypercorrection * confidence)
    fb = np.array([params.feedback_multiplier[k] for k in ("none", "brief", "structured")])
    arousal = np.where(batch.error, params.arousal_after_error, params.arousal_baseline)
    names = sorted(SEVERITY_RANK, key=SEVERITY_RANK.get)
    harm_factor = np.array([params.harm_learning_factor[n] for n in names])
    emotion = (1 + 0.2 * arousal - 0.6 * arousal ** 2) * harm_factor[batch.worst]
    batch.learning = batch.base * zone * bonus * fb[batch.feedback] * emotion
    batch.harm = np.minimum(100.0, np.sqrt(batch.harm_sq))
