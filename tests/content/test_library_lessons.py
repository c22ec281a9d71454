"""Each vignette's intended lesson, pinned (issue 12): the optimal option at its key decision
at the default risk weight, the moment in the window it is best chosen, and the exact risk
weights at which the answer changes. A content edit that silently changes what a vignette
teaches fails here; an intended change updates the row below and docs/content-review.md
together.

The switch weights are those of the scoring package's sensitivity analysis
(`game.scoring.sensitivity`: a log-spaced scan from 0.05 to 20, refined inside every bracket
where the optimum changes). The tests check that the analysis still finds exactly these
switches, and, independently of it, that the solver's optimum is the row's `before` just
below each switch and its `after` just above. A lesson with no switch holds at every weight
from 0.05 to 20.

The situation is the one the optimal policy reaches most often at the default weight
(`representative()`), looked up at every weight in the same history, for the first trainee
profile of the vignette.
"""

from __future__ import annotations

from typing import NamedTuple

import pytest

from game.content.catalogue import load_catalogue
from game.core.timing import latency_s
from game.paths import scenarios_dir
from game.scoring.params import DEFAULT_RISK_WEIGHT, ModelParams
from game.scoring.sensitivity import W_MAX, W_MIN, sensitivity
from game.scoring.solver import solve_cached

SCENARIOS = {s.id: s for s in load_catalogue(scenarios_dir()).scenarios}
AT_ONCE_S = 2.5
"""'Step in at once': the best moment ends within this many seconds of the window opening."""
NEAR = 0.01
"""'Just below / above' a switch: this share of its weight away (at least 0.002)."""


class Lesson(NamedTuple):
    node: str
    best: str
    """The optimal option at the default risk weight (2.0)."""
    switches: tuple[tuple[float, str, str], ...]
    """(weight, optimum below it, optimum above it) for every switch between 0.05 and 20."""
    moment: str
    """'at once' (best only in the first seconds), 'after waiting' (best only after the trainee
    has had time to notice), or 'any time' (as good throughout the window, up to the last
    moment at which the option still lands: a question asked in the window's last 3 s comes
    too late)."""
    why: str
    margin: float = 0.0
    """Points by which `best` (at its best moment) must beat every other option at the default
    weight. 0 leaves the margin unpinned; a row whose lesson was once a near-tie pins it, so
    that an edit which makes the lesson hinge on a few hundredths again fails here."""


LESSONS: dict[str, Lesson] = {
    "lumbar_puncture": Lesson(
        "second_pass_decision", "probe",
        ((1.149, "watch", "probe"), (3.91, "probe", "cue"), (11.301, "cue", "takeover")),
        "after waiting",
        "after the first bone contact, give her a few seconds to re-angle by herself, then "
        "ask what the contact told her; at a low weight let her push again, at a high one "
        "tell her"),
    "cholecystectomy_plane": Lesson(
        "triangle_decision", "cue",
        ((7.43, "cue", "takeover"),),
        "at once",
        "low and medial before the critical view: tell a novice at once (her wrong answer to "
        "a question would cost the seconds the next burn needs); later nothing is safe"),
    "laparoscopic_trocar": Lesson(
        "trocar_decision", "cue",
        (),
        "at once",
        "the trocar on the skin over the vessels is the last safe moment: stop her now"),
    "caesarean_full_dilatation": Lesson(
        "impaction_decision", "takeover_breech",
        (),
        "at once",
        "after a failed attempt at an impacted head, take over, by reverse breech extraction"),
    "colonoscopy_polyp": Lesson(
        "resection_decision", "cue",
        ((0.806, "watch", "probe"), (1.105, "probe", "cue"), (15.898, "cue", "takeover")),
        "at once",
        "forceps on a 7 mm polyp: tell him cold snare; only at a low weight let him find out"),
    "difficult_consultation": Lesson(
        "jargon_decision", "watch",
        ((2.36, "watch", "cue"),),
        "any time",
        "let him run into the wall, as the study's supervisor did, unless harm weighs heavily"),
    "followup_plan": Lesson(
        "phone_decision", "probe",
        ((1.629, "watch", "probe"), (5.451, "probe", "cue")),
        "any time",
        "by phone: ask what happens to the pending result"),
    "intubation_capnography": Lesson(
        "capno_decision", "cue",
        (),
        "at once",
        "no trace, wrong place: say it at once, whatever the weight"),
    "joint_reduction": Lesson(
        "method_decision", "probe",
        ((0.192, "watch", "probe"), (3.105, "probe", "watch_ready"),
         (4.906, "watch_ready", "cue"), (13.501, "cue", "guide")),
        "any time",
        "let him use his own valid method with a fallback: ask him for it (0.3 points ahead of "
        "stating it yourself for the keen junior, a close call between two good answers; over "
        "2 points ahead of telling him to use yours); with more weight on harm state the "
        "fallback, then tell him your method",
        margin=0.25),
    "medication_dosing": Lesson(
        "morphine_decision", "cue",
        (),
        "at once",
        "a tenfold opioid order from a first-year: tell her before it is signed"),
    "npwt_dressing": Lesson(
        "contact_decision", "cue",
        (),
        "at once",
        "foam toward an exposed patch, in a first-year's hands: stop her at once"),
    "paediatric_fluid_bolus": Lesson(
        "reassess_decision", "probe",
        ((12.038, "probe", "cue"),),
        "at once",
        "a toddler still shocked after a bolus: make her reassess now, not in ten minutes"),
    "procedural_sedation": Lesson(
        "reversal_decision", "probe",
        ((1.305, "watch", "probe"),),
        "at once",
        "routine flumazenil: ask why before it goes in"),
    "psychotherapy_hypothesis": Lesson(
        "hypothesis_decision", "cue",
        ((0.26, "watch", "probe"), (1.369, "probe", "cue")),
        "any time",
        "a formulation that misses possible PTSD: tell her, rather than only ask"),
    "ultrasound_or_ct": Lesson(
        "request_decision", "cue",
        ((0.065, "watch", "probe"), (0.622, "probe", "cue")),
        "at once",
        "ultrasound instead of CT for an adult's renal colic: tell him low-dose CT"),
    "ultrasound_preset": Lesson(
        "preset_decision", "watch",
        ((2.776, "watch", "cue"), (7.416, "cue", "takeover")),
        "any time",
        "let him find that the wrong probe shows nothing; the discharge is the line"),
}


def situation(scenario_id: str, lesson: Lesson, weight: float):
    scenario = SCENARIOS[scenario_id]
    profile = scenario.trainees[0].id
    history = solve_cached(scenario, profile, ModelParams(risk_weight=DEFAULT_RISK_WEIGHT)) \
        .representative()[lesson.node].history
    return solve_cached(scenario, profile, ModelParams(risk_weight=weight)).at(lesson.node,
                                                                              history)


def near(weight: float) -> tuple[float, float]:
    """Weights just below and just above a switch."""
    step = max(NEAR * weight, 0.002)
    return weight - step, weight + step


def test_every_shipped_vignette_has_a_pinned_lesson():
    assert set(LESSONS) == set(SCENARIOS)


def test_every_row_is_a_consistent_story_of_switches():
    for sid, lesson in LESSONS.items():
        chain = [lesson.switches[0][1]] if lesson.switches else [lesson.best]
        for _, before, after in lesson.switches:
            assert before == chain[-1] and before != after, sid
            chain.append(after)
        weights = [w for w, _, _ in lesson.switches]
        assert weights == sorted(weights) and all(W_MIN < w < W_MAX for w in weights), sid
        at_default = [a for w, _, a in lesson.switches if w < DEFAULT_RISK_WEIGHT]
        assert (at_default[-1] if at_default else chain[0]) == lesson.best, sid


@pytest.mark.parametrize("scenario_id", sorted(LESSONS))
def test_the_sensitivity_analysis_finds_exactly_these_switches(scenario_id):
    lesson = LESSONS[scenario_id]
    scenario = SCENARIOS[scenario_id]
    found = {d.node: d for d in sensitivity(scenario, scenario.trainees[0].id)}[lesson.node]
    assert [(s.before, s.after) for s in found.switches] == \
        [(b, a) for _, b, a in lesson.switches], f"{scenario_id}: {lesson.why}"
    for s, (weight, _, _) in zip(found.switches, lesson.switches):
        assert s.weight == pytest.approx(weight, rel=0.005, abs=0.0015), scenario_id


@pytest.mark.parametrize("scenario_id", sorted(LESSONS))
def test_the_optimum_just_below_and_just_above_each_switch(scenario_id):
    lesson = LESSONS[scenario_id]
    assert situation(scenario_id, lesson, DEFAULT_RISK_WEIGHT).best == lesson.best
    for weight, before, after in lesson.switches:
        below, above = near(weight)
        got = (situation(scenario_id, lesson, below).best,
               situation(scenario_id, lesson, above).best)
        assert got == (before, after), f"{scenario_id} at {weight}: {lesson.why}"
    first = lesson.switches[0][1] if lesson.switches else lesson.best
    last = lesson.switches[-1][2] if lesson.switches else lesson.best
    assert situation(scenario_id, lesson, W_MIN).best == first, scenario_id
    assert situation(scenario_id, lesson, W_MAX).best == last, scenario_id


@pytest.mark.parametrize("scenario_id", sorted(s for s, row in LESSONS.items() if row.margin))
def test_the_lesson_holds_with_its_pinned_margin(scenario_id):
    lesson = LESSONS[scenario_id]
    analysis = situation(scenario_id, lesson, DEFAULT_RISK_WEIGHT)
    best = next(o for o in analysis.options if o.option == lesson.best)
    runner_up = max((o for o in analysis.options if o.option != lesson.best), key=lambda o: o.q)
    assert best.q - runner_up.q >= lesson.margin, (
        f"{scenario_id}: {lesson.best} beats {runner_up.option} by only "
        f"{best.q - runner_up.q:.3f} (pinned: at least {lesson.margin})")


@pytest.mark.parametrize("scenario_id", sorted(LESSONS))
def test_the_best_moment_at_the_default_weight(scenario_id):
    lesson = LESSONS[scenario_id]
    analysis = situation(scenario_id, lesson, DEFAULT_RISK_WEIGHT)
    first, last = analysis.best_moment_s
    window = analysis.window_s
    if lesson.moment == "at once":
        assert last <= AT_ONCE_S, (scenario_id, first, last)
    elif lesson.moment == "after waiting":
        assert first >= 2.0, (scenario_id, first, last)
    else:
        option = SCENARIOS[scenario_id].node(lesson.node).option(lesson.best)
        lands = latency_s(option) if option.level is not None and \
            option.level.value != "watch" else 0.0
        assert first < 0.5 and last >= window - lands - 1.0, (scenario_id, first, last, window)
