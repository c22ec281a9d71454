from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from game.core.model import Effects
from game.scoring.attitude import revealed_attitude
from game.scoring.learning import ModelState, apply_effects, terminal_learning
from game.scoring.montecarlo import monte_carlo
from game.scoring.params import ModelParams
from game.scoring.sensitivity import sensitivity
from game.scoring.solver import evaluate, solve, uniform
from game.scoring.voi import value_of_information
from tests.inline import TINY_YAML, load_text

GRADES = ["minor-1", "minor-3", "CD-I", "CD-II", "CD-IIIa", "CD-IIIb", "MERP-E", "delay-40min",
          "ICPS-severe"]

states = st.builds(ModelState, node=st.just("n"), l0=st.floats(0, 10),
                   pending=st.floats(0, 5), feedback=st.integers(0, 2))


@settings(max_examples=200, deadline=None)
@given(s=states, extra=st.sampled_from(GRADES), w=st.floats(0.01, 10), k=st.floats(0, 1))
def test_more_harm_never_raises_a_step_score(s, extra, w, k):
    params = ModelParams(risk_weight=w)
    _, plain = apply_effects(s, Effects(learning=1.0), k, {}, params)
    _, harmed = apply_effects(s, Effects(learning=1.0, harm=(extra,)), k, {}, params)
    assert harmed.learning - w * harmed.harm <= plain.learning - w * plain.harm + 1e-9


@settings(max_examples=200, deadline=None)
@given(s=states, more=st.floats(0, 20), k=st.floats(0, 1))
def test_more_learning_never_lowers_a_step_score(s, more, k):
    params = ModelParams()
    _, base = apply_effects(s, Effects(learning=1.0), k, {}, params)
    _, extra = apply_effects(s, Effects(learning=1.0 + more), k, {}, params)
    assert extra.learning >= base.learning


def test_feedback_is_needed_for_the_error_bonus_and_pays_it_once():
    params = ModelParams()
    erred, _ = apply_effects(ModelState("n", l0=10.0), Effects(experienced_error=True), 1.0,
                             {}, params)
    assert terminal_learning(erred, params) == 0.0  # no feedback, no bonus
    brief = terminal_learning(erred._replace(feedback=1), params)
    full = terminal_learning(erred._replace(feedback=2), params)
    assert 0 < brief < full == pytest.approx(erred.pending)
    # the debrief effect is in the error episode only: no feedback multiplier elsewhere
    clean, _ = apply_effects(ModelState("n", l0=10.0), Effects(), 1.0, {}, params)
    assert terminal_learning(clean._replace(feedback=2), params) == 0.0


def test_severe_harm_makes_watching_inadmissible():
    s = load_text(TINY_YAML.replace("harm: [minor-3], next: end_bad",
                                    "harm: [CD-IIIb], next: end_bad"))
    analysis = solve(s, "senior").representative()["d2"]
    assert analysis.option("watch").broken == "severe"
    assert analysis.best == "cue"


def test_optimal_path_has_zero_regret_and_others_positive(tiny):
    sol = solve(tiny, "junior")
    d1 = sol.at("d1", ())
    assert d1.gap(d1.best) == 0.0
    assert all(d1.gap(o.option) > 0 for o in d1.options if o.option != d1.best)


def test_optimal_is_at_least_any_admissible_random_policy(tiny):
    for profile in ("junior", "senior", "unknown"):
        best = solve(tiny, profile).root.value
        assert best >= evaluate(tiny, uniform(tiny), profile).root.value - 1e-9


@pytest.mark.parametrize("profile", ["junior", "unknown"])
def test_monte_carlo_agrees_with_the_exact_value(tiny, profile):
    policy = {"d1": {"watch": 0.5, "probe": 0.5}, "d2": {"watch": 0.3, "cue": 0.7}}
    exact = evaluate(tiny, lambda n, h: policy[n], profile).root.value
    mc = monte_carlo(tiny, policy, profile, ModelParams(), 60_000, seed=11)
    assert abs(mc.mean - exact) < 4 * mc.std_error


def test_monte_carlo_is_seeded(tiny):
    policy = {"d1": {"watch": 1.0}, "d2": {"watch": 1.0}}
    a = monte_carlo(tiny, policy, "unknown", ModelParams(), 1000, seed=3)
    b = monte_carlo(tiny, policy, "unknown", ModelParams(), 1000, seed=3)
    assert a == b


def test_probing_has_computed_value_when_competence_is_uncertain(tiny):
    # v2 numbers: the later choice depends on what the probe revealed at w = 3
    voi = value_of_information(tiny, "unknown", ModelParams(risk_weight=3))
    assert voi[("d1", (), "probe")] > 0
    assert value_of_information(tiny, "junior", ModelParams()) == {}


def test_risk_weight_changes_the_best_choice_with_a_switch_point(tiny):
    low = solve(tiny, "senior", ModelParams(risk_weight=0.2)).at("d2", ("d1:cue",)).best
    high = solve(tiny, "senior", ModelParams(risk_weight=8)).at("d2", ("d1:cue",)).best
    assert (low, high) == ("watch", "cue")
    sens = {s.node: s for s in sensitivity(tiny, "senior")}
    assert any(sw.before == "watch" and sw.after == "cue" for sw in sens["d2"].switches)


def test_revealed_attitude_interval_and_inconsistency(tiny):
    at_low = solve(tiny, "senior", ModelParams(risk_weight=0.2))
    choice = [("d2", ("d1:cue",), at_low.at("d2", ("d1:cue",)).best)]
    attitude = revealed_attitude(tiny, "senior", choice)
    assert attitude.consistent and attitude.low <= 0.2 <= attitude.high
    # Watching at d2 after a cue (risk-tolerant) but taking over at d1 with a large
    # regret cannot both be optimal at one weight.
    conflict = revealed_attitude(tiny, "senior", [("d2", ("d1:cue",), "watch"),
                                                  ("d2", ("d1:cue",), "cue")])
    assert not conflict.consistent and conflict.conflict == ("d2", "d2")
    assert "inconsistent" in conflict.describe()


def test_a_choice_optimal_at_no_weight_is_named_alone(tiny):
    # Taking over at d1 never wins at any weight in the tiny vignette.
    attitude = revealed_attitude(tiny, "senior", [("d1", (), "takeover")])
    assert not attitude.consistent and attitude.conflict == ("d1",)
    assert "not optimal at any risk weight" in attitude.describe()
