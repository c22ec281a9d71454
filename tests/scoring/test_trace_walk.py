"""The score walk kept as a session runs (`scoring.trace.TraceWalk`) gives, at every state,
exactly the sums of a walk from the start; the reviews kept with a solution are the reviews a
fresh solution gives (issue 17: the end frame reads what was computed as the session ran,
and the outcome's figures must not change by a single bit)."""

from __future__ import annotations

import numpy as np
import pytest

from game.content.catalogue import load_catalogue
from game.core.commands import Advance, Intervene
from game.core.engine import new_session, step
from game.core.model import Decision, Scenario
from game.core.state import SessionConfig, SessionState
from game.paths import scenarios_dir
from game.scoring.episode import review_decisions, score_episode
from game.scoring.params import ModelParams
from game.scoring.solver import solve, solve_cached
from game.scoring.trace import TraceWalk, trace_totals
from tests.inline import TINY_YAML, load_text


@pytest.fixture(scope="module")
def library() -> list[Scenario]:
    return list(load_catalogue(scenarios_dir()).scenarios)


def states_of(scenario: Scenario, seed: int, profile: str) -> list[SessionState]:
    """Every state of one session, tick by tick, stepping in at a random rung and moment
    (seeded) at about half of the decision points."""
    choose = np.random.default_rng(seed)
    state, _ = new_session(scenario, SessionConfig(scenario.id, seed, profile))
    states = [state]
    acted: set[tuple[str, int]] = set()
    while not state.finished:
        node = scenario.node(state.node_id)
        here = (state.node_id, state.node_tick)
        if isinstance(node, Decision) and here not in acted and state.pending is None \
                and choose.random() < 0.3:
            acted.add(here)
            offered = node.offered(state.flags)
            option = offered[int(choose.integers(len(offered)))]
            state, _ = step(scenario, state, Intervene(node.id, option.id))
        else:
            state, _ = step(scenario, state, Advance(1))
        states.append(state)
    return states


def test_the_walk_resumed_at_every_tick_equals_a_walk_from_the_start(library):
    params = ModelParams()
    checked = 0
    for scenario in library:
        for seed in (1, 2):
            profile = scenario.trainees[seed % len(scenario.trainees)].id
            states = states_of(scenario, seed, profile)
            walk = TraceWalk(scenario, states[0], params)
            for n, state in enumerate(states):
                assert walk.totals(state) == trace_totals(scenario, state, params), \
                    (scenario.id, seed, state.tick)
                if n % 3 == 0:
                    assert walk.ahead() >= 1  # as the play screen's background thread does
            final = states[-1]
            score = score_episode(scenario, final, params)
            assert (score.learning, score.harm) == tuple(walk.totals(final)), scenario.id
            checked += 1
    assert checked >= 20


def test_a_state_of_another_session_starts_the_walk_afresh():
    tiny = load_text(TINY_YAML)
    params = ModelParams()
    first = states_of(tiny, 3, "junior")
    other = states_of(tiny, 8, "junior")
    walk = TraceWalk(tiny, first[0], params)
    for state in (first[-1], other[len(other) // 2], other[-1], first[len(first) // 2]):
        assert walk.totals(state) == trace_totals(tiny, state, params)


def test_reviews_kept_with_the_solution_are_the_reviews_of_a_fresh_solution(library):
    """What the play screen's background reviewer leaves behind (reviews of the path so far,
    kept with the cached solution) gives the end the same score as a fresh solve."""
    params = ModelParams()
    for scenario in library[:6]:
        profile = scenario.trainees[0].id
        states = states_of(scenario, 5, profile)
        cached = solve_cached(scenario, profile, params)
        for state in states[::7]:
            review_decisions(cached, state)  # as the background reviewer does
        final = states[-1]
        fresh = solve(scenario, profile, params)
        assert score_episode(scenario, final, params) == \
            score_episode(scenario, final, params, solution=fresh), scenario.id
