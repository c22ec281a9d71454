"""The one replay loop: a log's commands applied again, up to a tick or a decision, with
every step's events handed to a callback.

Everything that re-runs a recording goes through `replay`: the timeline (every event, for the
viewer, debrief and reports), branching and rewinding (into a new recorded session), and the
workshop's going back. A driver is anything with `state`, `advance(ticks)` and
`issue(command)` returning events: `StateDriver` for a pure re-simulation, or a
`RecordedSession` when the replay is itself recorded into a new log.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Protocol

from game.core.commands import Advance, Command, command_from_dict
from game.core.engine import new_session, step
from game.core.events import Event
from game.core.model import Scenario
from game.core.state import SessionConfig, SessionState
from game.replay.reader import ReplayLog

Record = dict[str, Any]
"""One command line of a log (`tick`, `command`, `fingerprint`, `line`)."""
OnEvents = Callable[[SessionState, list[Event]], None]
"""Told the state after each step and the events that step produced."""
OnRecord = Callable[[Record, SessionState], None]
"""Told a command line with the state just before it is applied (`on_record`) or just after
(`on_applied`); either may raise to stop the replay (the verifier checks fingerprints so)."""


class Driver(Protocol):
    @property
    def state(self) -> SessionState: ...

    def advance(self, ticks: int) -> list[Event]: ...

    def issue(self, command: Command) -> list[Event]: ...


class StateDriver:
    """A pure re-simulation: the session state and `core.engine.step`, nothing recorded."""

    def __init__(self, scenario: Scenario, config: SessionConfig):
        self.scenario = scenario
        self._state, self.opening = new_session(scenario, config)
        """`opening`: the events of the session's start (before any tick)."""

    @property
    def state(self) -> SessionState:
        return self._state

    def advance(self, ticks: int) -> list[Event]:
        self._state, events = step(self.scenario, self._state, Advance(ticks))
        return events

    def issue(self, command: Command) -> list[Event]:
        self._state, events = step(self.scenario, self._state, command)
        return events


def replay(log: ReplayLog, driver: Driver, until_tick: int | None = None,
           before_decision: str | None = None, on_events: OnEvents | None = None,
           on_record: OnRecord | None = None, on_applied: OnRecord | None = None
           ) -> SessionState:
    """Apply the log's commands to `driver` in order, each at its tick.

    Stops before the first command later than `until_tick` or for `before_decision`; then
    lets time run to `until_tick` (None: to the log's end tick; an unfinished log stays at
    its last command). Returns the driver's state.
    """
    def told(events: list[Event]) -> None:
        if on_events is not None:
            on_events(driver.state, events)

    for record in log.commands:
        if until_tick is not None and record["tick"] > until_tick:
            break
        if before_decision is not None and \
                record["command"].get("decision") == before_decision:
            break
        if on_record is not None:
            on_record(record, driver.state)
        told(driver.advance(max(0, record["tick"] - driver.state.tick)))
        told(driver.issue(command_from_dict(record["command"])))
        if on_applied is not None:
            on_applied(record, driver.state)
    if until_tick is None:
        until_tick = int(log.end["tick"]) if log.end is not None else driver.state.tick
    # Always one last step, even of no ticks: what falls due at this very tick happens.
    told(driver.advance(max(0, until_tick - driver.state.tick)))
    return driver.state
