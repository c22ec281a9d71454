"""Scoring properties on every shipped vignette (the inline-vignette tests cover the rest)."""

from __future__ import annotations

import numpy as np
import pytest

from game.content.catalogue import load_catalogue
from game.paths import scenarios_dir
from game.scoring.montecarlo import monte_carlo
from game.scoring.params import ModelParams
from game.scoring.solver import evaluate, solve

SCENARIOS = load_catalogue(scenarios_dir()).scenarios


def random_policy(scenario, seed: int) -> dict[str, dict[str, float]]:
    """A random stationary policy: Dirichlet weights over each decision's options."""
    rng = np.random.Generator(np.random.PCG64(seed))
    return {d.id: dict(zip([o.id for o in d.options], rng.dirichlet(np.ones(len(d.options)))))
            for d in scenario.decisions()}


@pytest.mark.parametrize("scenario", SCENARIOS, ids=[s.id for s in SCENARIOS])
def test_monte_carlo_agrees_with_exact_and_never_beats_the_optimum(scenario):
    free = ModelParams(enforce_safety=False)  # unconstrained: the optimum bounds every policy
    for k, profile in enumerate(scenario.trainees[:2]):
        policy = random_policy(scenario, 100 + k)
        exact = evaluate(scenario, lambda node, history, p=policy: p[node], profile.id,
                         free).root.value
        mc = monte_carlo(scenario, policy, profile.id, free, 20_000, seed=k)
        assert abs(mc.mean - exact) < 4.5 * mc.std_error, (profile.id, mc.mean, exact)
        best = solve(scenario, profile.id, free).root.value
        assert best >= mc.mean - 4.5 * mc.std_error
        assert best >= exact - 1e-9
