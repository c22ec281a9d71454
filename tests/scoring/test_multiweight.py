from __future__ import annotations

import pytest

from game.content.catalogue import load_catalogue
from game.paths import scenarios_dir
from game.scoring.multiweight import best_by_weight
from game.scoring.params import ModelParams
from game.scoring.solver import solve

WEIGHTS = [0.05, 0.3, 0.5, 0.9, 1.0, 1.7, 2.0, 3.3, 4.0, 7.5, 20.0]
SCENARIOS = load_catalogue(scenarios_dir()).scenarios


@pytest.mark.parametrize("scenario", SCENARIOS, ids=[s.id for s in SCENARIOS])
def test_one_pass_over_many_weights_matches_solving_each_weight(scenario):
    for profile in scenario.trainees:
        many = best_by_weight(scenario, profile.id, WEIGHTS)
        for i, w in enumerate(WEIGHTS):
            single = solve(scenario, profile.id, ModelParams(risk_weight=w))
            assert {k: a.best for k, a in single.decisions.items()} == \
                {k: v[i] for k, v in many.items()}, (profile.id, w)


def test_matches_without_safety_rules_too(tiny):
    free = ModelParams(enforce_safety=False)
    many = best_by_weight(tiny, "unknown", WEIGHTS, free)
    for i, w in enumerate(WEIGHTS):
        single = solve(tiny, "unknown", free.with_weight(w))
        assert {k: a.best for k, a in single.decisions.items()} == \
            {k: v[i] for k, v in many.items()}
