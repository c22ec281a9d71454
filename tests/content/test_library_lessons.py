"""Each vignette's intended lesson, pinned (issue 12): the optimal option at its key decision
at the default risk weight, the moment in the window it is best chosen, and the weights at
which the answer changes. A content edit that silently changes what a vignette teaches fails
here; an intended change updates the row below and docs/content-review.md together.

The situation is the one the optimal policy reaches most often at the default weight
(`representative()`), looked up at every weight in the same history, for the first trainee
profile of the vignette.
"""

from __future__ import annotations

from typing import NamedTuple

import pytest

from game.content.catalogue import load_catalogue
from game.paths import scenarios_dir
from game.scoring.params import ModelParams
from game.scoring.solver import solve_cached

SCENARIOS = {s.id: s for s in load_catalogue(scenarios_dir()).scenarios}
AT_ONCE_S = 2.5
"""'Step in at once': the best moment ends within this many seconds of the window opening."""


class Lesson(NamedTuple):
    node: str
    by_weight: dict[float, str]
    """The optimal option at each risk weight (2.0 is the default)."""
    moment: str
    """'at once' (best only in the first seconds), 'after waiting' (best only after the trainee
    has had time to notice), or 'any time' (as good throughout the window)."""
    why: str


LESSONS: dict[str, Lesson] = {
    "lumbar_puncture": Lesson(
        "second_pass_decision", {0.5: "watch", 2.0: "probe", 4.0: "cue"}, "after waiting",
        "after the first bone contact, give her a few seconds to re-angle by herself, then ask "
        "what the contact told her; at a low weight let her push again, at a high one tell her"),
    "cholecystectomy_plane": Lesson(
        "triangle_decision", {0.5: "cue", 2.0: "cue", 4.0: "cue"}, "at once",
        "low and medial before the critical view: tell a novice at once (her wrong answer to a "
        "question would cost the seconds the next burn needs); later nothing is safe"),
    "laparoscopic_trocar": Lesson(
        "trocar_decision", {0.5: "cue", 2.0: "cue", 4.0: "cue"}, "at once",
        "the trocar on the skin over the vessels is the last safe moment: stop her now"),
    "caesarean_full_dilatation": Lesson(
        "impaction_decision", {0.5: "takeover_breech", 2.0: "takeover_breech",
                               4.0: "takeover_breech"}, "at once",
        "after a failed attempt at an impacted head, take over, by reverse breech extraction"),
    "colonoscopy_polyp": Lesson(
        "resection_decision", {0.5: "watch", 1.0: "probe", 2.0: "cue", 4.0: "cue"}, "at once",
        "forceps on a 7 mm polyp: tell him cold snare; only at a low weight let him find out"),
    "difficult_consultation": Lesson(
        "jargon_decision", {0.5: "watch", 2.0: "watch", 4.0: "cue"}, "any time",
        "let him run into the wall, as the study's supervisor did, unless harm weighs heavily"),
    "followup_plan": Lesson(
        "phone_decision", {0.5: "watch", 2.0: "probe", 4.0: "probe"}, "any time",
        "by phone: ask what happens to the pending result"),
    "intubation_capnography": Lesson(
        "capno_decision", {0.5: "cue", 2.0: "cue", 4.0: "cue"}, "at once",
        "no trace, wrong place: say it at once, whatever the weight"),
    "joint_reduction": Lesson(
        "method_decision", {0.5: "probe", 2.0: "watch_ready", 4.0: "watch_ready"}, "any time",
        "let him use his own method with your rescue ready"),
    "medication_dosing": Lesson(
        "morphine_decision", {0.5: "cue", 2.0: "cue", 4.0: "cue"}, "at once",
        "a tenfold opioid order from a first-year: tell her before it is signed"),
    "npwt_dressing": Lesson(
        "contact_decision", {0.5: "cue", 2.0: "cue", 4.0: "cue"}, "at once",
        "foam toward an exposed patch, in a first-year's hands: stop her at once"),
    "paediatric_fluid_bolus": Lesson(
        "reassess_decision", {0.5: "probe", 2.0: "probe", 4.0: "probe"}, "at once",
        "a toddler still shocked after a bolus: make her reassess now, not in ten minutes"),
    "procedural_sedation": Lesson(
        "reversal_decision", {0.5: "watch", 2.0: "probe", 4.0: "probe"}, "at once",
        "routine flumazenil: ask why before it goes in"),
    "psychotherapy_hypothesis": Lesson(
        "hypothesis_decision", {0.5: "probe", 2.0: "cue", 4.0: "cue"}, "any time",
        "a formulation that misses possible PTSD: tell her, rather than only ask"),
    "ultrasound_or_ct": Lesson(
        "request_decision", {0.5: "probe", 2.0: "cue", 4.0: "cue"}, "at once",
        "ultrasound instead of CT for an adult's renal colic: tell him low-dose CT"),
    "ultrasound_preset": Lesson(
        "preset_decision", {0.5: "watch", 2.0: "watch", 4.0: "cue"}, "any time",
        "let him find that the wrong probe shows nothing; the discharge is the line"),
}


def situation(scenario_id: str, lesson: Lesson, weight: float):
    scenario = SCENARIOS[scenario_id]
    profile = scenario.trainees[0].id
    history = solve_cached(scenario, profile, ModelParams(risk_weight=2.0)) \
        .representative()[lesson.node].history
    return solve_cached(scenario, profile, ModelParams(risk_weight=weight)).at(lesson.node,
                                                                              history)


def test_every_shipped_vignette_has_a_pinned_lesson():
    assert set(LESSONS) == set(SCENARIOS)


@pytest.mark.parametrize("scenario_id", sorted(LESSONS))
def test_the_optimal_option_at_each_weight(scenario_id):
    lesson = LESSONS[scenario_id]
    got = {w: situation(scenario_id, lesson, w).best for w in lesson.by_weight}
    assert got == lesson.by_weight, f"{scenario_id}: {lesson.why}"


@pytest.mark.parametrize("scenario_id", sorted(LESSONS))
def test_the_best_moment_at_the_default_weight(scenario_id):
    lesson = LESSONS[scenario_id]
    analysis = situation(scenario_id, lesson, 2.0)
    first, last = analysis.best_moment_s
    window = analysis.window_s
    if lesson.moment == "at once":
        assert last <= AT_ONCE_S, (scenario_id, first, last)
    elif lesson.moment == "after waiting":
        assert first >= 2.0, (scenario_id, first, last)
    else:
        assert first < 0.5 and last >= window - 1.0, (scenario_id, first, last, window)
