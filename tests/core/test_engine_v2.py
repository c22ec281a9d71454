"""Engine semantics of the v2 model fields: window timing, latency, flags, never-events,
supervision changes and debrief decisions."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from game.core import events as ev
from game.core.commands import Advance, Intervene
from game.core.engine import CommandRejected, new_session, step
from game.core.model import (
    Beat,
    Chance,
    Curve,
    Decision,
    Effects,
    Level,
    Option,
    Outcome,
    ProbabilityCase,
    Route,
    SupervisionChange,
    WindowTiming,
)
from game.core.state import SessionConfig, fingerprint
from game.core.view import choices, view
from tests.scoring.trees import end, scenario, timed_window


def start(tree, seed=1, profile="low", pace="normal"):
    return new_session(tree, SessionConfig("gen", seed, profile, pace))


def certain(kind: str, at_s: float = 0.1) -> WindowTiming:
    """A window whose first event is `kind`, certainly, within `at_s` seconds."""
    sure = Curve(((0.0, 0.0), (at_s, 1.0)))
    never = Curve(((0.0, 0.0),))
    return WindowTiming(sure if kind == "self_correct" else never,
                        sure if kind == "error" else never, "end_sc", "end_err")


NO_EFFECTS = Effects()


def one_window(timing: WindowTiming | None, extra: tuple = (), effects=NO_EFFECTS,
               supervision: str = "direct"):
    options = (Option("watch", Level.WATCH, "Watch", "", "end_ok"),
               Option("cue", Level.CUE, "Cue", "", "end_ok"),
               Option("takeover", Level.TAKEOVER, "Take over", "", "end_ok")) + extra
    nodes = [Beat("intro", "beat", duration_ticks=5, next="d", effects=effects),
             Decision("d", "decision", window_ticks=50, learning_value=4, options=options,
                      timing=timing),
             end("end_ok"), end("end_sc"), end("end_err")]
    return scenario(nodes, "intro", supervision=supervision)


def test_a_timed_window_draws_one_uniform_and_an_untimed_one_none():
    timed, _ = start(one_window(certain("error")))
    plain, _ = start(one_window(None))
    timed, _ = step(one_window(certain("error")), timed, Advance(5))
    plain2, _ = step(one_window(None), plain, Advance(5))
    assert plain2.rng == plain.rng and plain2.window_event is None
    assert timed.rng != plain2.rng and timed.window_event == ("error", 0)


def test_watching_lets_the_drawn_mistake_happen():
    tree = one_window(certain("error"))
    state, _ = start(tree)
    state, events = step(tree, state, Advance(5 + 3))
    assert any(isinstance(e, ev.MistakeHappened) for e in events)
    assert state.node_id == "end_err" and state.finished
    decision, window = state.history[-2:]
    assert (decision.kind, decision.choice, decision.by) == ("decision", "watch", "waiting")
    assert (window.kind, window.choice) == ("window", "~error")


def test_a_slow_intervention_is_preempted_by_the_mistake():
    tree = one_window(certain("error", at_s=1.0))
    state, _ = start(tree)
    state, _ = step(tree, state, Advance(5))
    state, events = step(tree, state, Intervene("d", "cue"))  # a cue takes 2 s to land
    made = next(e for e in events if isinstance(e, ev.InterventionMade))
    assert made.takes_effect_at == state.tick + 20 and state.pending == ("cue", 5, 25)
    assert view(tree, state).pending_option == "cue" and choices(tree, state) == []
    with pytest.raises(CommandRejected):
        step(tree, state, Intervene("d", "takeover"))
    state, events = step(tree, state, Advance(30))
    assert any(isinstance(e, ev.InterventionPreempted) and e.by == "error" for e in events)
    assert state.node_id == "end_err"
    assert state.history[-2].by == "preempted" and state.history[-2].choice == "cue"


def test_a_quick_take_over_lands_before_the_mistake():
    tree = one_window(certain("error", at_s=1.0))
    state, _ = start(tree)
    state, _ = step(tree, state, Advance(5))
    state, _ = step(tree, state, Intervene("d", "takeover"))  # 0.5 s
    state, events = step(tree, state, Advance(5))
    assert state.node_id == "end_ok" and state.history[-1].by == "player"
    assert state.history[-1].elapsed == 0 and state.history[-1].tick == 10


def test_the_trainee_can_correct_themselves_first():
    tree = one_window(certain("self_correct"))
    state, _ = start(tree)
    state, events = step(tree, state, Advance(10))
    assert any(isinstance(e, ev.TraineeSelfCorrected) for e in events)
    assert state.node_id == "end_sc"


def test_an_intervention_landing_after_the_window_is_too_late():
    never = Curve(((0.0, 0.0),))
    tree = one_window(WindowTiming(never, never, "end_sc", "end_err"))
    state, _ = start(tree)
    state, _ = step(tree, state, Advance(5 + 45))
    state, events = step(tree, state, Intervene("d", "cue"))
    state, events = step(tree, state, Advance(30))
    assert any(isinstance(e, ev.InterventionPreempted) and e.by == "window" for e in events)
    assert [s.choice for s in state.history[-2:]] == ["cue", "~closed"]


def test_flags_gate_options_odds_and_routes():
    gated = Option("guide", Level.GUIDE, "Guide", "", "end_ok", requires=frozenset({"here"}))
    tree = one_window(None, extra=(gated,))
    state, _ = start(tree)
    state, _ = step(tree, state, Advance(5))
    assert "guide" not in [c.option for c in choices(tree, state)]
    with pytest.raises(CommandRejected, match="not on offer"):
        step(tree, state, Intervene("d", "guide"))
    flagged = one_window(None, extra=(gated,), effects=Effects(sets=("here",)))
    state, _ = start(flagged)
    state, _ = step(flagged, state, Advance(5))
    assert "guide" in [o.id for o in view(flagged, state).options]
    routed = scenario([Beat("b", "beat", duration_ticks=1, next="end_ok", effects=Effects(
                          sets=("x",)), routes=(Route(frozenset({"x"}), "c"),)),
                       Chance("c", "chance", outcomes=(
                           Outcome("a", 1.0, 1.0, "end_ok", "", cases=(
                               ProbabilityCase(frozenset({"x"}), 0.0, 0.0),)),
                           Outcome("b", 0.0, 0.0, "end_err", "", cases=(
                               ProbabilityCase(frozenset({"x"}), 1.0, 1.0),)))),
                       end("end_ok"), end("end_err")], "b")
    state, _ = start(routed)
    state, _ = step(routed, state, Advance(1))
    assert state.node_id == "end_err"


def test_never_events_and_supervision_changes_are_reported():
    call = Option("call", Level.CUE, "Call", "", "d2",
                  Effects(supervision=SupervisionChange("direct", 3.0)))
    nodes = [Decision("d", "decision", window_ticks=50, learning_value=1, options=(
                 Option("watch", Level.WATCH, "Watch", "", "bad"), call)),
             Decision("d2", "decision", window_ticks=50, learning_value=1, options=(
                 Option("watch", Level.WATCH, "Watch", "", "end_ok"),
                 Option("takeover", Level.TAKEOVER, "Take over", "", "end_ok"))),
             Beat("bad", "beat", duration_ticks=1, next="end_ok",
                  effects=Effects(never_event=True)),
             end("end_ok")]
    tree = scenario(nodes, "d", supervision="distant")
    state, _ = start(tree)
    state, events = step(tree, state, Intervene("d", "call"))
    changed = next(e for e in events if isinstance(e, ev.SupervisionChanged))
    assert (changed.to, changed.arrives_at) == ("direct", 30)
    assert view(tree, state).supervision == "direct"
    state, events = step(tree, state, Intervene("d2", "takeover"))  # waits for arrival
    assert state.pending == ("takeover", 0, 30)
    state, _ = step(tree, state, Advance(30))
    assert state.finished and state.history[-1].choice == "takeover"
    state, _ = start(tree)
    state, events = step(tree, state, Intervene("d", "watch"))
    assert any(isinstance(e, ev.NeverEventOccurred) for e in events)


def test_debrief_decisions_choose_feedback_without_a_rung():
    nodes = [Decision("db", "decision", window_ticks=20, purpose="debrief", default="brief",
                      options=(Option("brief", None, "Brief", "", "end_ok",
                                      Effects(feedback="brief")),
                               Option("full", None, "Full", "", "end_ok",
                                      Effects(feedback="structured")))),
             end("end_ok")]
    tree = scenario(nodes, "db")
    state, _ = start(tree)
    assert [o.level for o in view(tree, state).options] == ["debrief", "debrief"]
    state, events = step(tree, state, Intervene("db", "full"))
    made = next(e for e in events if isinstance(e, ev.InterventionMade))
    assert made.level == "debrief" and state.finished


@settings(max_examples=30, deadline=None)
@given(seed=st.integers(0, 2**32), pace=st.sampled_from(["slower", "normal", "faster"]),
       script=st.lists(st.tuples(st.integers(0, 40), st.sampled_from(
           [None, "watch", "cue", "takeover"])), max_size=6))
def test_timed_sessions_are_deterministic(seed, pace, script):
    tree = timed_window()

    def play():
        state, _ = start(tree, seed, "unknown", pace)
        prints = []
        for ticks, option in script:
            state, _ = step(tree, state, Advance(ticks))
            if option and not state.finished and state.node_id == "d" and not state.pending:
                state, _ = step(tree, state, Intervene("d", option))
            prints.append(fingerprint(state))
        return prints
    assert play() == play()
