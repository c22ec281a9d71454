"""Dominance analysis for `validate`: dominated options (warnings) and options unsafe at every
weight, a vignette's deliberate wrong answers (infos)."""

from __future__ import annotations

from dataclasses import replace

from game.core.model import (
    Chance,
    Curve,
    Decision,
    Effects,
    Level,
    Option,
    Outcome,
    WindowTiming,
)
from game.scoring import dominance
from game.scoring.dominance import DOMINATED, UNSAFE, dominated_options, same_consequences
from tests.scoring.trees import end, risky_step, scenario, timed_window


def test_a_higher_rung_with_the_same_consequences_is_flagged():
    nodes = [Decision("d", "decision", window_ticks=30, learning_value=5, options=(
                 Option("watch", Level.WATCH, "w", "", "c"),
                 Option("cue", Level.CUE, "c", "", "end"),
                 Option("guide", Level.GUIDE, "g", "", "end"))),
             Chance("c", "chance", outcomes=(
                 Outcome("bad", 0.5, 0.2, "end", "", Effects(harm=("CD-I",))),
                 Outcome("ok", 0.5, 0.8, "end", ""))),
             end()]
    found = dominated_options(scenario(nodes, "d"))
    assert ("d", "guide") in [(f.decision, f.option) for f in found]
    reason = next(f.reason for f in found if f.option == "guide")
    assert "consequences of 'cue'" in reason


def test_a_question_whose_answers_all_lead_where_the_cue_leads_beats_the_cue():
    nodes = [Decision("d", "decision", window_ticks=30, learning_value=5, options=(
                 Option("probe", Level.PROBE, "p", "", "ask"),
                 Option("cue", Level.CUE, "c", "", "next"))),
             Chance("ask", "chance", outcomes=(
                 Outcome("sees", 0.3, 0.9, "next", "", Effects(learning=1)),
                 Outcome("misses", 0.7, 0.1, "next", ""))),
             Decision("next", "decision", window_ticks=30, learning_value=1, options=(
                 Option("watch", Level.WATCH, "w", "", "end"),)),
             end()]
    assert [(f.decision, f.option) for f in same_consequences(scenario(nodes, "d"))] == \
        [("d", "cue")]


def test_a_quicker_rung_in_a_timed_window_is_a_real_choice():
    tree = timed_window()  # cue and take over both lead to end_ok; take over lands sooner
    assert same_consequences(tree) == []


def test_real_trade_offs_are_not_flagged():
    nodes = [end()] + risky_step(0, (Level.WATCH, Level.CUE, Level.TAKEOVER), 0.8, 0.3,
                                 "CD-I", 8.0, "end")
    assert dominated_options(scenario(nodes, "d0")) == []
    # an unsafe option some weight would choose is a wrong answer, not a dead option
    ruled = [end()] + risky_step(0, (Level.WATCH, Level.TAKEOVER), 0.8, 0.3, "CD-II", 8.0,
                                 "end")
    assert [d.kind for d in dominated_options(scenario(ruled, "d0"))] == [UNSAFE]


def test_an_option_unsafe_at_every_weight_is_a_deliberate_wrong_answer_not_dominated():
    # watching lets a serious harm happen: worse at every weight (distress) and against the
    # severe-harm rule everywhere, like the default watch of a rescue vignette
    nodes = [end()] + risky_step(0, (Level.WATCH, Level.CUE), 0.9, 0.6, "CD-IIIb", 8.0, "end")
    found = dominated_options(scenario(nodes, "d0"))
    assert [(d.option, d.kind) for d in found] == [("watch", UNSAFE)]
    assert found[0].reason.startswith("unsafe at every weight (deliberate wrong answer): "
                                      "breaks the severe-harm rule")


def test_a_never_optimal_option_the_rules_allow_is_still_dominated():
    # a guide that prevents less than the cue (it lands on a worse chance node) but adds no
    # risk beyond the tolerance: admissible, never chosen, so the content must change
    nodes = [end(),
             Decision("d", "decision", window_ticks=30, learning_value=5, options=(
                 Option("cue", Level.CUE, "c", "", "c_cue"),
                 Option("guide", Level.GUIDE, "g", "", "c_guide")), default="cue"),
             Chance("c_cue", "chance", outcomes=(
                 Outcome("bad", 0.001, 0.001, "end", "", Effects(harm=("minor-1",))),
                 Outcome("ok", 0.999, 0.999, "end", ""))),
             Chance("c_guide", "chance", outcomes=(
                 Outcome("bad", 0.002, 0.002, "end", "", Effects(harm=("minor-1",))),
                 Outcome("ok", 0.998, 0.998, "end", "")))]
    found = dominated_options(scenario(nodes, "d"))
    assert [(d.option, d.kind) for d in found] == [("guide", DOMINATED)]
    assert "never optimal" in found[0].reason and "rules allow it" in found[0].reason


def test_a_quicker_rung_that_is_best_late_in_the_window_is_not_dominated(monkeypatch):
    # the mistake cannot happen in the first 2 s, so a cue at once (landing at 2 s) beats
    # taking over at every weight; after a few seconds only the take-over still lands before
    # the mistake: the moment is part of the situation (issue 10, items 5 and 7)
    tree = timed_window()
    late = WindowTiming(Curve(((0.0, 0.0), (10.0, 0.1))),
                        Curve(((0.0, 0.0), (2.0, 0.0), (6.0, 0.5), (10.0, 0.8))),
                        "end_sc", "c_err", assumption="test")
    nodes = dict(tree.nodes)
    nodes["d"] = replace(tree.node("d"), timing=late, window_ticks=100)
    tree = replace(tree, nodes=nodes)
    assert ("takeover", DOMINATED) not in [(f.option, f.kind) for f in dominated_options(tree)]
    # judged at the window's opening only, the take-over would be dominated
    monkeypatch.setattr(dominance, "_best_at_some_moment", lambda spec, masked: set())
    assert ("takeover", DOMINATED) in [(f.option, f.kind) for f in dominated_options(tree)]


def test_a_slower_rung_worse_at_every_moment_is_still_dominated():
    tree = timed_window()
    d = tree.node("d")
    slow = Option("guide", Level.GUIDE, "Guide slowly", "", "end_ok", takes_s=4.0)
    nodes = dict(tree.nodes)
    nodes["d"] = replace(d, options=(*d.options, slow))
    found = dominated_options(replace(tree, nodes=nodes))
    assert [(f.option, f.kind) for f in found if f.kind == DOMINATED] == [("guide", DOMINATED)]
