"""Every event `step` returns carries the tick it happened at (issue 11: `DecisionOpened` and
`FlagSet` had none, and the timeline reconstructed it from the window's length)."""

from __future__ import annotations

from pathlib import Path

import pytest

from game.content.loader import load_scenario_text
from game.core.commands import Advance, Intervene
from game.core.engine import new_session, step
from game.core.events import DecisionOpened, FlagSet, NodeEntered
from game.core.state import SessionConfig

V2_EXAMPLE = Path(__file__).resolve().parents[1] / "content" / "v2_example.yaml"


def play(scenario, seed: int, choose_first: bool) -> list:
    """Every event of one run: advance a tick at a time, take the first option if asked."""
    profile = scenario.trainees[0].id
    state, events = new_session(scenario, SessionConfig(scenario.id, seed, profile, "normal"))
    out = list(events)
    for _ in range(5000):
        if state.finished:
            return out
        node = scenario.node(state.node_id)
        offered = [o for o in getattr(node, "options", ()) if o.available(state.flags)]
        if choose_first and offered and state.pending is None and state.tick > state.node_tick:
            state, events = step(scenario, state, Intervene(node.id, offered[0].id))
        else:
            state, events = step(scenario, state, Advance(1))
        out += [(state.tick, e) for e in events]
    raise AssertionError("the run did not end")


def scenarios(tiny):
    example = load_scenario_text(V2_EXAMPLE.read_bytes(), V2_EXAMPLE.name)
    return [tiny, example]


@pytest.mark.parametrize("seed", [1, 2, 3])
@pytest.mark.parametrize("choose_first", [False, True])
def test_every_event_has_the_tick_it_happened_at(tiny, seed, choose_first):
    seen_flags = seen_decisions = 0
    for scenario in scenarios(tiny):
        events = play(scenario, seed, choose_first)
        opening = [e for e in events if not isinstance(e, tuple)]
        assert all(e.tick == 0 for e in opening)
        timed = [x for x in events if isinstance(x, tuple)]
        for tick_after, event in timed:
            assert isinstance(event.tick, int) and event.tick <= tick_after
        ticks = [e.tick for e in opening] + [e.tick for _, e in timed]
        assert ticks == sorted(ticks), "events come in the order they happened"
        flat = opening + [e for _, e in timed]
        for i, event in enumerate(flat):
            if isinstance(event, DecisionOpened):
                seen_decisions += 1
                entered = flat[i - 1]
                assert isinstance(entered, NodeEntered) and entered.node == event.decision
                assert event.tick == entered.tick < event.closes_at
            if isinstance(event, FlagSet):
                seen_flags += 1
                assert event.tick == flat[i - 1].tick  # set by the step just reported
    assert seen_decisions and seen_flags, "the runs must open windows and set flags"
