"""Re-simulate a log into a timeline: every event with its tick, and the running totals.

The replay viewer, the debrief and the reports all read this one structure, so they always
agree with what the engine did. Each event is paired with the session state *at its own
tick*: one `Advance` of the engine can run through many nodes (a watched window, the rest
of the vignette after the last choice), and pairing all of its events with the state after
the whole step showed the end state at the first decision and made the report's learning
curve step before the first window had opened.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import NamedTuple

from game.core import events as ev
from game.core.commands import Advance, Command
from game.core.engine import step
from game.core.model import Scenario
from game.core.state import SessionState
from game.replay.playback import StateDriver, replay
from game.replay.reader import ReplayLog
from game.replay.session import params_from_header
from game.replay.verify import config_from_header
from game.scoring.harm import aggregate_points
from game.scoring.learning import grade
from game.scoring.params import ModelParams
from game.scoring.trace import TraceWalk, trace_totals


@dataclass(frozen=True)
class Moment:
    """One step of the timeline with the session state right after it."""

    tick: int
    event: ev.Event
    state: SessionState
    learning_so_far: float
    """Learning credited so far (`ledgers_so_far`: the outcome's formula)."""
    harm_so_far: float
    """Harm points so far (`ledgers_so_far`: the outcome's formula)."""


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


def settling_indices(events: Sequence[object]) -> list[int]:
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


class TimedDriver(StateDriver):
    """A pure re-simulation that keeps, for every batch of events, the state at their tick.

    An `Advance` whose events fall on several ticks is run again from the state before it,
    one stretch per tick that has events, so each batch is paired with its own state (the
    engine is a pure function, and advancing in pieces reaches the same state as in one go:
    that is what lets the live game advance frame by frame)."""

    def __init__(self, scenario: Scenario, config) -> None:
        super().__init__(scenario, config)
        self.batches: list[tuple[SessionState, list]] = [(self.state, list(self.opening))]

    def take(self) -> list[tuple[SessionState, list]]:
        """The batches since the last call, oldest first."""
        out, self.batches = self.batches, []
        return out

    def advance(self, ticks: int) -> list[ev.Event]:
        start = self._state
        end, events = step(self.scenario, start, Advance(ticks))
        stops = sorted({e.tick for e in events})
        if len(stops) <= 1:
            return self._keep(end, events)
        state, out = start, []
        for tick in stops + [end.tick]:
            state, part = step(self.scenario, state, Advance(max(0, tick - state.tick)))
            out += self._keep(state, part)
        assert out == events and state == end, "advancing in pieces must equal one step"
        self._state = state
        return out

    def issue(self, command: Command) -> list[ev.Event]:
        return self._keep(*step(self.scenario, self._state, command))

    def _keep(self, state: SessionState, events: list) -> list:
        self._state = state
        if events:
            self.batches.append((state, events))
        return events


def build_timeline(log: ReplayLog, scenario: Scenario) -> Timeline:
    """Replay the whole log (commands, then time to its end tick) and keep every event with
    the state at its tick."""
    driver = TimedDriver(scenario, config_from_header(log.header))
    params = params_from_header(log.header)
    timeline = Timeline(scenario)
    walk = TraceWalk(scenario, driver.state, params)

    def collect(_state: SessionState, _events: list) -> None:
        for state, events in driver.take():
            _collect(timeline, state, events, walk)

    collect(driver.state, [])
    timeline.final = replay(log, driver, on_events=collect)
    collect(driver.state, [])
    return timeline


def _collect(timeline: Timeline, state: SessionState, events: list, walk: TraceWalk) -> None:
    learning, harm = walk.totals(state)  # the states come in order: each walk goes on
    for event in events:
        timeline.moments.append(Moment(event.tick, event, state, learning, harm))


class Ledgers(NamedTuple):
    """The two ledgers so far, by the outcome's own formula."""

    learning: float
    harm: float


def ledgers_so_far(scenario: Scenario, state: SessionState,
                   params: ModelParams | None = None) -> Ledgers:
    """Learning credited and harm points so far, walked along the path by the same function
    the outcome's score uses (`scoring.episode.trace_totals`): the play screen's meters, the
    replay timeline and the report's chart end exactly at the outcome's figures. Learning
    from a mistake is credited once the feedback that follows it is certain (at the latest
    at the end), so the learning meter can still rise at the very end."""
    totals = trace_totals(scenario, state, params or ModelParams())
    return Ledgers(totals.base, totals.harm)


def learning_so_far(scenario: Scenario, state: SessionState,
                    params: ModelParams | None = None) -> float:
    """Learning credited so far (see `ledgers_so_far`)."""
    return ledgers_so_far(scenario, state, params).learning


def harm_so_far(state: SessionState) -> float:
    """Harm points of the grades so far, aggregated as the CCI does (the learning records'
    measure; the meters and the outcome use `ledgers_so_far`)."""
    return aggregate_points([grade(g) for g in state.harm])
