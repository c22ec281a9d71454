"""Re-simulate a log into a timeline: every event with its tick, and the running totals.

The replay viewer, the debrief and the reports all read this one structure, so they always
agree with what the engine did.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from game.core import events as ev
from game.core.model import Scenario
from game.core.state import SessionState
from game.replay.playback import StateDriver, replay
from game.replay.reader import ReplayLog
from game.replay.verify import config_from_header
from game.scoring.episode import trace_totals
from game.scoring.harm import aggregate_points
from game.scoring.learning import grade
from game.scoring.params import ModelParams


@dataclass(frozen=True)
class Moment:
    """One step of the timeline with the session state right after it."""

    tick: int
    event: object
    state: SessionState
    learning_so_far: float
    """Learning opportunity taken so far (sum of the raw step learning, before multipliers)."""
    harm_so_far: float
    """Harm points so far, aggregated as the CCI does."""


@dataclass
class Timeline:
    scenario: Scenario
    moments: list[Moment] = field(default_factory=list)
    final: SessionState | None = None

    def decision_moments(self) -> list[Moment]:
        """The moment that settled each decision window, in order (see `settling_indices`)."""
        return [self.moments[i] for i in settling_indices([m.event for m in self.moments])]

    def opened_at(self, decision: str, before_tick: int) -> int:
        """Tick at which the window of `decision` (decided at `before_tick`) opened."""
        opened = [m.tick for m in self.moments if isinstance(m.event, ev.DecisionOpened)
                  and m.event.decision == decision and m.tick <= before_tick]
        return opened[-1] if opened else before_tick


SETTLING = (ev.InterventionMade, ev.WindowClosed, ev.TraineeSelfCorrected, ev.MistakeHappened)
"""Events that can settle a decision window."""


def settling_indices(events: list[object]) -> list[int]:
    """Index of the event that settled each decision window: the supervisor's intervention,
    or, when they had not stepped in, the window running out, the trainee correcting
    themselves or the mistake happening (format v2 windows). One per window opened, so a
    pre-empted intervention followed by the mistake counts once, at the intervention."""
    settled: set[str] = set()
    out = []
    for i, event in enumerate(events):
        if isinstance(event, ev.DecisionOpened):
            settled.discard(event.decision)
        elif isinstance(event, SETTLING) and event.decision not in settled:
            settled.add(event.decision)
            out.append(i)
    return out


def build_timeline(log: ReplayLog, scenario: Scenario) -> Timeline:
    """Replay the whole log (commands, then time to its end tick) and keep every event."""
    driver = StateDriver(scenario, config_from_header(log.header))
    timeline = Timeline(scenario)
    _collect(timeline, driver.state, driver.opening, scenario)
    timeline.final = replay(log, driver, on_events=lambda state, events: _collect(
        timeline, state, events, scenario))
    return timeline


def _collect(timeline: Timeline, state: SessionState, events: list, scenario) -> None:
    for event in events:
        raw = getattr(event, "tick", None)
        if isinstance(event, ev.DecisionOpened) and raw is None:
            tick = event.closes_at - _window(scenario, event.decision, state)
        elif raw is None:
            tick = int(getattr(event, "closes_at", state.tick))
        else:
            tick = int(raw)
        timeline.moments.append(Moment(tick, event, state, learning_so_far(scenario, state),
                                       harm_so_far(state)))


def _window(scenario, decision_id, state) -> int:
    from game.core.engine import window_ticks
    return window_ticks(scenario, state, scenario.node(decision_id))


def learning_so_far(scenario: Scenario, state: SessionState,
                    params: ModelParams | None = None) -> float:
    """Learning opportunity taken so far: the raw step learning along the path, before the
    end-of-session multipliers. The play screen's meter and the timeline both show this."""
    return trace_totals(scenario, state, params or ModelParams()).base


def harm_so_far(state: SessionState) -> float:
    """Harm points so far, aggregated as the CCI does."""
    return aggregate_points([grade(g) for g in state.harm])
