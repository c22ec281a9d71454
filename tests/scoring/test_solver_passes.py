"""The passes `safetynet solve` shares one plan between agree with their plain definitions:
switch-over weights by sectioning equal those of a dense grid, value of information matched
by situation key equals the history-replay definition, shared tables give fresh answers,
and the one-situation-per-line JSON is the solution's data."""

from __future__ import annotations

import json

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings

from game.cli_solve import dumps, solution_dict
from game.scoring.graph import Context, forget_tables
from game.scoring.multiweight import best_by_weight
from game.scoring.params import ModelParams
from game.scoring.sensitivity import GRID, bests_by_key, sensitivity
from game.scoring.solver import evaluate, solve
from game.scoring.voi import value_of_information
from tests.inline import TINY_YAML, load_text
from tests.scoring.trees import chains, end, timed_window

FEW = settings(max_examples=10, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@pytest.fixture(scope="module")
def tiny():
    return load_text(TINY_YAML)


@pytest.mark.parametrize("profile", ["senior", "junior", "unknown"])
def test_sectioned_switches_equal_a_dense_grid(tiny, profile):
    """Two eight-way sections per bracket place a switch on the same 64-part grid as
    64 points per bracket would; here the dense grid is evaluated directly."""
    params = ModelParams()
    ctx = Context(tiny, profile, params)
    dense = np.concatenate([np.geomspace(GRID[i], GRID[i + 1], 65)[:-1]
                            for i in range(len(GRID) - 1)] + [GRID[-1:]])
    found = bests_by_key(ctx, dense)
    reference = solve(tiny, profile, params)
    for s in sensitivity(tiny, profile, params):
        picks = found[reference.key_of(s.node, s.history)]
        ids = [o.id for o in ctx.expand(reference.key_of(s.node, s.history)).decision.offered]
        expected = [(float(np.sqrt(dense[i] * dense[i + 1])), ids[picks[i]], ids[picks[i + 1]])
                    for i in range(len(dense) - 1) if picks[i] != picks[i + 1]]
        got = [(sw.weight, sw.before, sw.after) for sw in s.switches]
        assert [g[1:] for g in got] == [e[1:] for e in expected], s.node
        assert [g[0] for g in got] == pytest.approx([e[0] for e in expected], abs=1e-3)


def test_tiny_has_switches_to_compare(tiny):
    """(so the test above cannot pass on empty lists)"""
    assert any(s.switches for s in sensitivity(tiny, "senior"))


def _voi_by_replay(tree, profile, params) -> dict:
    """The definition: the blind solve's choice at every history, evaluated exactly."""
    blind = solve(tree, profile, params, update_belief=False)
    frozen = evaluate(tree, lambda node, history: {blind.at(node, history).best: 1.0},
                      profile, params)
    optimal = solve(tree, profile, params)
    out = {}
    for (node, history), a in optimal.decisions.items():
        held = frozen.at(node, history)
        for o in a.options:
            out[(node, history, o.option)] = max(0.0, o.q - held.option(o.option).q)
    return out


@pytest.mark.parametrize("w", [1.0, 3.0, 8.0])
def test_value_of_information_by_key_equals_the_replay_definition(tiny, w):
    params = ModelParams(risk_weight=w)
    got = value_of_information(tiny, "unknown", params)
    expected = _voi_by_replay(tiny, "unknown", params)
    assert got.keys() == expected.keys()
    assert got == pytest.approx(expected, abs=1e-9)
    if w == 3.0:  # the later choice depends on what the probe revealed
        assert got[("d1", (), "probe")] > 0


@FEW
@given(tree=chains())
def test_value_of_information_on_generated_chains(tree):
    params = ModelParams(enforce_safety=False)
    got = value_of_information(tree, "unknown", params)
    assert got == pytest.approx(_voi_by_replay(tree, "unknown", params), abs=1e-9)


@FEW
@given(tree=chains())
def test_passes_sharing_a_plan_give_what_fresh_passes_give(tree):
    params = ModelParams(risk_weight=2.0)
    best_by_weight(tree, "unknown", [0.5, 8.0], params.with_weight(1.0))  # warm the tables
    solve(tree, "unknown", ModelParams(enforce_safety=False))
    shared = solve(tree, "unknown", params)
    forget_tables()
    fresh = solve(tree, "unknown", params)
    assert shared.root == fresh.root
    assert {k: a.best for k, a in shared.decisions.items()} == \
        {k: a.best for k, a in fresh.decisions.items()}


def test_json_lines_are_the_solution_data():
    data = solution_dict(timed_window(), "unknown", ModelParams())
    text = dumps(data)
    assert json.loads(text) == json.loads(json.dumps(data))
    assert text.count("\n") == len(data["path"]) + len(data["decisions"]) + \
        len(data) - 2 + 2 * 2 + 1


def test_a_story_that_loops_is_reported_and_the_collector_stays_on():
    import gc

    from game.core.model import Decision, Level, Option
    from game.scoring.backward import CycleError
    from tests.scoring.trees import scenario
    loop = Decision("d0", "decision", window_ticks=10, learning_value=1.0, options=(
        Option("watch", Level.WATCH, "w", "", "d0"), Option("cue", Level.CUE, "c", "", "end")))
    with pytest.raises(CycleError, match="returns to 'd0'"):
        solve(scenario([loop, end()], "d0"), "low")
    assert gc.isenabled()
