"""Properties of scoring model v2 over generated vignettes (issue 10, "Done means")."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from game.core.commands import Advance, Intervene
from game.core.engine import new_session, step
from game.core.model import Beat, Effects, Level
from game.core.state import SessionConfig
from game.scoring.episode import EpisodeScore, rank_scores, safety_first_key, score_episode
from game.scoring.exhaustive import plain_optimum
from game.scoring.harm import parse_grade
from game.scoring.learning import (
    ModelState,
    apply_effects,
    distress,
    emotion,
    error_episode,
    zone_fit,
)
from game.scoring.montecarlo import monte_carlo
from game.scoring.multiweight import best_by_weight
from game.scoring.params import ModelParams
from game.scoring.solver import evaluate, solve
from tests.scoring.trees import GRADES, chains, end, scenario, timed_window

RANK = {lv.value: lv.rank for lv in Level}
FAST = settings(max_examples=25, deadline=None,
                suppress_health_check=[HealthCheck.too_slow])


@given(grade=st.sampled_from(GRADES + ("CD-IIIb", "ICPS-severe", "CD-V")),
       before=st.lists(st.sampled_from(GRADES + ("CD-IVb", "CD-V")), max_size=6))
def test_a_second_identical_harm_costs_what_the_first_did(grade, before):
    """Whatever harm came before (even past a death's weight), an event costs the same:
    the cap is per event, so nothing about earlier harm is in the state."""
    params = ModelParams()
    s = ModelState("n")
    for earlier in before:
        s, _ = apply_effects(s, Effects(harm=(earlier,)), 0.5, {}, params)
    fresh, first = apply_effects(ModelState("n"), Effects(harm=(grade,)), 0.5, {}, params)
    once, again = apply_effects(s, Effects(harm=(grade,)), 0.5, {}, params)
    _, second = apply_effects(once, Effects(harm=(grade,)), 0.5, {}, params)
    assert first.harm == parse_grade(grade).points > 0
    assert again.harm == second.harm == first.harm


@given(grades=st.lists(st.sampled_from(GRADES + ("CD-IVa", "CD-V", "ICPS-severe")),
                       min_size=1, max_size=4))
def test_one_event_is_capped_at_a_deaths_weight_and_never_falls(grades):
    params = ModelParams()
    _, g = apply_effects(ModelState("n"), Effects(harm=tuple(grades)), 0.5, {}, params)
    points = [parse_grade(x).points for x in grades]
    assert g.harm == pytest.approx(min(params.harm_cap, sum(points)))
    assert max(points) <= g.harm <= params.harm_cap


def test_harm_adds_over_events_past_the_cap():
    """Five CD-IVa events cost five times one (212 points): the cap no longer stops a
    session's harm at 100, it only stops one event's."""
    params = ModelParams()
    s, total = ModelState("n"), 0.0
    for _ in range(5):
        s, g = apply_effects(s, Effects(harm=("CD-IVa",)), 0.5, {}, params)
        total += g.harm
    assert total == pytest.approx(5 * parse_grade("CD-IVa").points)
    _, death_and_more = apply_effects(ModelState("n"), Effects(harm=("CD-V", "CD-IIIb")),
                                      0.5, {}, params)
    assert death_and_more.harm == params.harm_cap


@given(grade=st.sampled_from(GRADES + ("CD-IVb", "CD-V")), times=st.integers(1, 6))
def test_a_vignette_with_k_identical_harms_costs_k_times_one(grade, times):
    """Through the solver: a story of `times` beats each causing the same harm has expected
    harm `times` x the grade's points, however far past the cap the total goes, and the
    memoised value equals the plain evaluator's."""
    beats = [Beat(f"b{i}", "beat", next=f"b{i + 1}" if i + 1 < times else "end",
                  effects=Effects(harm=(grade,))) for i in range(times)]
    tree = scenario([*beats, end()], "b0")
    params = ModelParams(enforce_safety=False)
    solution = solve(tree, "low", params)
    assert solution.root.harm == pytest.approx(times * parse_grade(grade).points)
    assert solution.root.value == pytest.approx(plain_optimum(tree, "low", params))


def test_permanent_and_neonatal_harm_weigh_more_than_cd_iiib():
    iiib = parse_grade("CD-IIIb").points
    for g in ("ICPS-severe", "neonatal-injury", "MERP-G", "MERP-H", "MERP-I", "ICPS-death",
              "CD-IIIbd"):
        assert parse_grade(g).points > iiib, g


@given(d=st.floats(0, 1), c1=st.floats(0, 1), c2=st.floats(0, 1))
def test_fit_never_falls_with_competence_and_is_full_at_the_difficulty(d, c1, c2):
    params = ModelParams()
    lo, hi = sorted((c1, c2))
    assert zone_fit(lo, d, params) <= zone_fit(hi, d, params)
    assert zone_fit(max(d, hi), d, params) == 1.0


def test_emotion_terms_point_the_documented_way():
    params = ModelParams()
    assert emotion(0.0, params) == 1.0
    assert emotion(params.arousal["error"], params) > 1.0  # mild arousal helps
    assert emotion(params.arousal["severe"], params) < emotion(params.arousal["moderate"],
                                                               params) < 1.0
    assert distress("mild", 5.0, params) == 0.0
    assert 0 < distress("moderate", 5.0, params) < distress("severe", 5.0, params)
    # an experienced error's episode is worth more than its plain bonus because of arousal
    plain = 5.0 * params.error_bonus * (1 + params.hypercorrection * 0.5)
    assert error_episode(5.0, 0.5, params) > plain


def _rungs(solution) -> dict:
    return {k: RANK[a.level] if False else RANK[solution.ctx.scenario.node(k[0]).option(a.best)
                                                .level.value]
            for k, a in solution.decisions.items()}


@FAST
@given(tree=chains())
def test_optimum_never_less_interventionist_as_the_risk_weight_rises(tree):
    weights = [0.1, 0.3, 1.0, 2.0, 4.0, 10.0, 30.0]
    for profile in ("low", "high"):
        table = best_by_weight(tree, profile, weights, ModelParams(enforce_safety=False))
        for key in table:
            node = tree.node(key[0])
            ranks = [node.option(b).level.rank for b in table[key]]
            assert ranks == sorted(ranks), (key, table[key])


@FAST
@given(tree=chains(), w=st.sampled_from([0.5, 1.0, 2.0, 4.0]))
def test_optimum_never_more_interventionist_as_competence_rises(tree, w):
    params = ModelParams(risk_weight=w, enforce_safety=False)
    low, high = solve(tree, "low", params), solve(tree, "high", params)
    for (node, history), a in high.decisions.items():
        d = tree.node(node)
        weaker = low.at(node, history)
        assert d.option(a.best).level.rank <= d.option(weaker.best).level.rank


@FAST
@given(tree=chains(), profile=st.sampled_from(["low", "high", "unknown"]),
       w=st.sampled_from([0.5, 2.0, 6.0]))
def test_memoised_solver_equals_plain_exhaustive_evaluation(tree, profile, w):
    params = ModelParams(risk_weight=w, enforce_safety=False)
    assert solve(tree, profile, params).root.value == pytest.approx(
        plain_optimum(tree, profile, params), abs=1e-6)


@pytest.mark.parametrize("profile", ["low", "unknown"])
def test_memoised_solver_equals_plain_evaluation_with_timing(profile):
    params = ModelParams(enforce_safety=False)
    tree = timed_window()
    assert solve(tree, profile, params).root.value == pytest.approx(
        plain_optimum(tree, profile, params), abs=1e-6)


def test_optimal_moment_is_inside_the_window_when_both_curves_rise():
    tree = timed_window()
    a = solve(tree, "low").at("d", ())
    n = tree.node("d").window_ticks
    assert a.best == "cue" and 0 < a.best_moment_tick < n - 1
    cue = a.option("cue")
    # acting at once costs learning: the chance to self-correct is gone
    assert cue.at(0).learning < cue.at(a.best_moment_tick).learning
    # acting after the last safe moment is worse than acting at it
    last = round(cue.last_safe_moment_s * 10)
    assert cue.at(last + 1).q < cue.at(last).q
    assert cue.at(n - 1).q < cue.at(a.best_moment_tick).q
    lo, hi = a.best_moment_s
    assert lo <= a.best_moment_tick / 10 <= hi < a.window_s


@FAST
@given(sc=st.floats(0.22, 0.3), err=st.floats(0.3, 0.8), l0=st.floats(8, 12))
def test_generated_windows_have_interior_optima_and_a_last_safe_moment(sc, err, l0):
    """Self-correction front-loaded past the cue's latency, the mistake back-loaded and
    costly: the best moment is strictly inside the window."""
    tree = timed_window(sc_early=sc, sc_total=sc + 0.1, err_total=err, l0=l0)
    a = solve(tree, "low", ModelParams(enforce_safety=False)).at("d", ())
    n = tree.node("d").window_ticks
    assert a.best != "watch" and 0 < a.best_moment_tick < n - 1
    best = a.option(a.best)
    assert best.at(0).learning < best.at(a.best_moment_tick).learning  # at once costs learning
    for o in a.options:
        if o.level != "watch" and o.last_safe_moment_s is not None:
            last = round(o.last_safe_moment_s * 10)
            assert all(o.at(t).q < o.at(last).q for t in range(last + 1, n))


def _play_optimally(tree, profile, seed):
    solution = solve(tree, profile)
    state, _ = new_session(tree, SessionConfig("gen", seed, profile))
    while not state.finished:
        node = tree.node(state.node_id)
        if node.kind == "decision" and state.pending is None:
            a = solution.at(node.id, _history(state))
            wait = state.node_tick + a.best_moment_tick - state.tick
            if wait > 0:
                state, _ = step(tree, state, Advance(wait))
                continue
            state, _ = step(tree, state, Intervene(node.id, a.best))
        else:
            state, _ = step(tree, state, Advance(1))
    return solution, state


def _history(state):
    return tuple(f"{s.node}:{s.choice}" for s in state.history)


@settings(max_examples=30, deadline=None)
@given(seed=st.integers(0, 10_000), profile=st.sampled_from(["low", "high", "unknown"]))
def test_regret_is_exactly_zero_on_the_optimal_path_including_moments(seed, profile):
    for tree in (timed_window(), timed_window(err_early=0.3, err_total=0.9)):
        solution, state = _play_optimally(tree, profile, seed)
        score = score_episode(tree, state, solution=solution)
        assert score.decisions and all(r.gap == 0.0 for r in score.decisions)
        assert score.regret == 0.0


@pytest.mark.parametrize("policy", [{"d": {"cue@12": 0.6, "takeover@3": 0.2, "watch": 0.2}},
                                    {"d": {"cue@40": 1.0}}])
@pytest.mark.parametrize("profile", ["low", "unknown"])
def test_exact_value_matches_monte_carlo_with_timing(policy, profile):
    tree = timed_window()
    params = ModelParams()
    exact = evaluate(tree, lambda n, h: policy[n], profile, params).root.value
    mc = monte_carlo(tree, policy, profile, params, 40_000, seed=5)
    lo, hi = mc.ci95
    assert lo - mc.std_error <= exact <= hi + mc.std_error, (exact, mc.mean, mc.std_error)


@FAST
@given(tree=chains(), profile=st.sampled_from(["low", "unknown"]))
def test_exact_value_matches_monte_carlo_on_generated_chains(tree, profile):
    policy = {d.id: {o.id: 1.0 / len(d.options) for o in d.options} for d in tree.decisions()}
    exact = evaluate(tree, lambda n, h: policy[n], profile).root.value
    mc = monte_carlo(tree, policy, profile, ModelParams(), 8000, seed=3)
    assert abs(mc.mean - exact) <= 4.5 * mc.std_error + 1e-9


def test_deep_vignettes_solve_without_recursion_limits():
    from tests.scoring.trees import end, risky_step, scenario
    nodes: list = [end()]
    depth = 1500  # v1's recursive solver overflowed at about 330 stages
    for i in reversed(range(depth)):
        nodes += risky_step(i, (Level.WATCH, Level.CUE), 0.3, 0.1, "ClassIntra-0", 2.0,
                            f"d{i + 1}" if i + 1 < depth else "end", experienced=False)
    tree = scenario(nodes, "d0")
    assert solve(tree, "low").root.value > 0


def test_a_session_that_broke_a_rule_never_ranks_above_a_safe_one():
    safe = EpisodeScore(1.0, 5.0, -9.0, "green", None, 40.0, 3.0, ())
    risky = EpisodeScore(9.0, 0.0, 9.0, "red", "severe", 0.0, 3.0, ())
    careful = EpisodeScore(2.0, 1.0, 0.0, "amber", None, 1.0, 3.0, ())
    assert rank_scores([risky, careful, safe]) == [safe, careful, risky]
    assert safety_first_key(safe) < safety_first_key(risky)
    assert risky.verdict.startswith("Unsafe: no added risk of severe")
