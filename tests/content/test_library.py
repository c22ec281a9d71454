"""Rules every shipped vignette must meet (issue: vignette library; scoring face validity)."""

from __future__ import annotations

import numpy as np
import pytest

from game.content.catalogue import load_catalogue
from game.core.model import CATEGORIES, DISTANCES, Chance, Decision
from game.paths import scenarios_dir
from game.scoring.params import ModelParams
from game.scoring.solver import solve_cached

CATALOGUE = load_catalogue(scenarios_dir())
SCENARIOS = CATALOGUE.scenarios
IDS = [s.id for s in SCENARIOS]
REQUIRED = {"lumbar_puncture", "laparoscopic_trocar", "caesarean_full_dilatation",
            "medication_dosing", "difficult_consultation", "ultrasound_preset",
            "ultrasound_or_ct", "followup_plan", "intubation_capnography", "npwt_dressing",
            "colonoscopy_polyp", "procedural_sedation", "joint_reduction",
            "psychotherapy_hypothesis"}


def test_every_shipped_file_is_valid():
    assert not CATALOGUE.invalid, "\n".join(str(p) for e in CATALOGUE.invalid
                                            for p in e.problems)


def test_the_library_covers_the_study():
    assert REQUIRED <= set(IDS)
    assert {s.category for s in SCENARIOS} == set(CATEGORIES)
    assert {s.supervision for s in SCENARIOS} == set(DISTANCES)


@pytest.mark.parametrize("scenario", SCENARIOS, ids=IDS)
def test_structure(scenario):
    decisions = scenario.decisions()
    assert len(decisions) >= 3
    assert len(scenario.trainees) >= 2
    assert scenario.debrief_prompts and scenario.objectives and scenario.sources
    assert "(fictional)" in scenario.patient.name
    chances = [n for n in scenario.nodes.values() if isinstance(n, Chance)]
    assert any(o.p_low != o.p_high for c in chances for o in c.outcomes), \
        "no chance outcome depends on trainee competence"
    for node in scenario.nodes.values():
        if isinstance(node, Chance):
            assert node.sources or node.assumption.strip()
        if isinstance(node, Decision):
            assert all(len(o.label) <= 45 for o in node.options), node.id


@pytest.mark.parametrize("scenario", SCENARIOS, ids=IDS)
def test_probabilities_sum_to_one_at_every_competence(scenario):
    for node in scenario.nodes.values():
        if isinstance(node, Chance):
            for c in np.linspace(0, 1, 11):
                ps = [o.probability(c) for o in node.outcomes]
                assert min(ps) >= -1e-12 and abs(sum(ps) - 1) < 1e-9, node.id


def best_by_weight(scenario, profile, w):
    return solve_cached(scenario, profile, ModelParams(risk_weight=w))


@pytest.mark.parametrize("scenario", SCENARIOS, ids=IDS)
def test_optimal_policy_is_non_trivial_and_weight_sensitive(scenario):
    for profile in scenario.trainees:
        rep = best_by_weight(scenario, profile.id, 2.0).representative()
        levels = {scenario.node(n).option(a.best).level.value for n, a in rep.items()}
        assert levels != {"watch"} and levels != {"takeover"}, (profile.id, levels)
    switching = [
        (profile.id, node)
        for profile in scenario.trainees
        for node in best_by_weight(scenario, profile.id, 2.0).representative()
        if len({best_by_weight(scenario, profile.id, w).representative()[node].best
                for w in (0.5, 4.0)}) > 1
    ]
    assert switching, "no decision point changes its optimal option between w=0.5 and w=4"


@pytest.mark.parametrize("scenario", SCENARIOS, ids=IDS)
def test_profiles_change_the_optimal_policy_somewhere(scenario):
    """Somewhere on the debrief's weight strip (0.5, 1, 2, 4: research note B8), the trainee
    in front of the supervisor changes the best policy. Two trainees may share the default
    weight's answer (joint_reduction: ask either of them for a fallback) and part at another
    (at 4, state the fallback to the keen junior, keep asking the senior)."""
    def differs(w: float) -> bool:
        # a v2 policy chooses a moment as well as an option: asking at once and asking
        # after waiting are different policies
        policies = [{k: (a.best, a.best_moment_s)
                     for k, a in best_by_weight(scenario, t.id, w).decisions.items()}
                    for t in scenario.trainees]
        keyed = [{k[0]: v for k, v in sorted(p.items(), key=lambda kv: len(kv[0][1]))}
                 for p in policies]
        return any(k != keyed[0] for k in keyed[1:]) or \
            any(p != policies[0] for p in policies[1:])

    assert any(differs(w) for w in (0.5, 1.0, 2.0, 4.0))


@pytest.mark.parametrize("scenario", SCENARIOS, ids=IDS)
def test_optimal_policy_never_breaks_a_rule_or_risks_severe_harm(scenario):
    for profile in scenario.trainees:
        for w in (0.5, 1.0, 2.0, 4.0):
            sol = best_by_weight(scenario, profile.id, w)
            for analysis in sol.decisions.values():
                assert analysis.option(analysis.best).broken is None, (profile.id, w,
                                                                       analysis.node)
        default = best_by_weight(scenario, profile.id, 2.0)
        # Face validity: at the default weight the optimal policy has no plausible route to
        # Clavien-Dindo IIIb or worse beyond what the safest choices carry anyway.
        assert default.root.risks.severe <= 0.001 + _unavoidable_severe(scenario, profile.id)


def _unavoidable_severe(scenario, profile) -> float:
    safest = solve_cached(scenario, profile, ModelParams(risk_weight=100.0))
    return safest.root.risks.severe


@pytest.mark.parametrize("scenario", SCENARIOS, ids=IDS)
def test_permitting_becomes_optimal_below_some_weight(scenario):
    """With minor, rescuable harm, letting the trainee continue wins at a low weight."""
    low = best_by_weight(scenario, scenario.trainees[0].id, 0.5)
    permitted = [a for a in low.decisions.values()
                 if scenario.node(a.node).option(a.best).level.value in ("watch", "probe")]
    assert permitted
