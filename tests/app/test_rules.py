"""Mode rules and the tick clock: what practice and assessment allow, and how frame time
becomes ticks."""

from __future__ import annotations

from game.app.rules import ASSESSMENT, PRACTICE, TICK_MS, TickClock, rules_for
from game.app.sessions import Launch, start_session, start_tutorial


def test_assessment_is_real_time_without_pause_or_meters():
    rules = rules_for("assessment")
    assert rules is ASSESSMENT
    assert not rules.pause_allowed and not rules.meters_in_play and not rules.rewind_offered
    assert rules.hidden_time_counts and rules.catch_up_ms >= 10 * 60_000


def test_unknown_modes_play_as_practice():
    assert rules_for("headless") is PRACTICE and PRACTICE.pause_allowed
    assert PRACTICE.rewind_offered and PRACTICE.catch_up_ms == 300


def test_the_clock_hands_out_whole_ticks_and_drops_a_stall():
    clock = TickClock(catch_up_ms=300)
    clock.feed(TICK_MS * 2 + 50)
    assert [clock.due() for _ in range(3)] == [True, True, False] and clock.acc_ms == 50
    clock.feed(10_000)                          # a stall: only 300 ms are caught up
    assert sum(1 for _ in iter(clock.due, False)) == 300 // TICK_MS
    clock.feed(70)
    clock.reset()
    assert not clock.due() and clock.acc_ms == 0


def test_sessions_honour_the_launch_and_an_explicit_weight(lumbar):
    session = start_session(lumbar, "confident_junior", "assessment", "slower",
                            Launch(seed=42, risk_weight=1.0), client="test")
    session.close()
    config = session.state.config
    assert (config.seed, config.mode, config.pace, session.params.risk_weight) == \
        (42, "assessment", "slower", 1.0)
    other = start_session(lumbar, "confident_junior", "workshop", launch=Launch(seed=42,
                          risk_weight=1.0), risk_weight=4.0)
    other.close()
    assert other.params.risk_weight == 4.0 and other.log_path != session.log_path


def test_the_tutorial_is_an_unrecorded_practice_session_on_a_fixed_seed(lumbar):
    a, b = start_tutorial(lumbar), start_tutorial(lumbar, "faster")
    assert a.log_path is None and a.state.config.mode == "practice"
    assert a.state.config.seed == b.state.config.seed and b.state.config.pace == "faster"
