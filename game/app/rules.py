"""The rules each session mode plays by, and the clock that turns frame time into ticks.

Practice: the player may pause (P) and show the two ledgers (M); after a stall only a
little time is caught up, so a decision window never runs out while the player could not
see it. Assessment: real time with no pause; whatever time passed (help open, window
dragged) is caught up; meters stay hidden until the outcome. A workshop holds time at every
decision (see `game.app.workshop`) and catches up like practice. The tutorial is an
unrecorded practice session (`game.app.sessions.start_tutorial`). Front ends read these
instead of testing the mode's name.
"""

from __future__ import annotations

from dataclasses import dataclass

from game.core.model import TICKS_PER_SECOND

TICK_MS = 1000 // TICKS_PER_SECOND
"""One simulation tick in milliseconds of real time."""


@dataclass(frozen=True)
class ModeRules:
    mode: str
    pause_allowed: bool
    meters_in_play: bool
    """The learning and harm ledgers may be shown while the vignette runs."""
    catch_up_ms: int
    """After a stall, at most this much real time is turned into ticks."""
    hidden_time_counts: bool
    """Time spent under an overlay (help, a confirmation) still runs the clock."""
    rewind_offered: bool
    """The outcome offers to go back to a decision and play on from there."""


PRACTICE = ModeRules("practice", pause_allowed=True, meters_in_play=True, catch_up_ms=300,
                     hidden_time_counts=False, rewind_offered=True)
ASSESSMENT = ModeRules("assessment", pause_allowed=False, meters_in_play=False,
                       catch_up_ms=15 * 60_000, hidden_time_counts=True, rewind_offered=False)
WORKSHOP = ModeRules("workshop", pause_allowed=True, meters_in_play=True, catch_up_ms=300,
                     hidden_time_counts=False, rewind_offered=False)
RULES = {r.mode: r for r in (PRACTICE, ASSESSMENT, WORKSHOP)}


def rules_for(mode: str) -> ModeRules:
    """The rules of `mode`; an unknown mode (an old log, "headless") plays as practice."""
    return RULES.get(mode, PRACTICE)


class TickClock:
    """Accumulates frame time and hands out whole ticks: the simulation advances by a fixed
    tick, never by the frame time, so a session plays the same at 30 or 144 fps."""

    def __init__(self, catch_up_ms: int = PRACTICE.catch_up_ms, tick_ms: int = TICK_MS):
        self.catch_up_ms = catch_up_ms
        self.tick_ms = tick_ms
        self.acc_ms = 0
        """Real time not yet turned into a tick (drawn as the part-tick of a countdown)."""

    def feed(self, dt_ms: int) -> None:
        """Real time passed; beyond `catch_up_ms` it is dropped (a stall is not caught up)."""
        self.acc_ms = min(self.acc_ms + dt_ms, self.catch_up_ms)

    def due(self) -> bool:
        """Take one tick if a whole one has accumulated."""
        if self.acc_ms < self.tick_ms:
            return False
        self.acc_ms -= self.tick_ms
        return True

    def reset(self) -> None:
        self.acc_ms = 0
