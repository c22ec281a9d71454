"""Where the replay viewer stands in a recording: play, pause, step, jump, seek. No pygame.

A position is (moments shown, tick). Playing stops by itself at every decision point with
the window open and nothing chosen yet, as a facilitator freezes a vignette to ask the room;
the next step or Space reveals what was chosen. Kept apart from the scene so tests drive it
key by key and assert where it lands.
"""

from __future__ import annotations

from game.app.rules import TICK_MS
from game.ui.review.model import DecisionMark, ReplayModel

SPEEDS = (1, 4, 16)

Position = tuple[int, int]


class Cursor:
    def __init__(self, model: ReplayModel):
        self.model = model
        self.stops = model.stops()
        self.upto, self.tick = self.home_position()
        self.playing = False
        self.speed = SPEEDS[0]
        self.acc_ms = 0

    @property
    def position(self) -> Position:
        return self.upto, self.tick

    def home_position(self) -> Position:
        return self.stops[0] if self.stops else (0, 0)

    def end_position(self) -> Position:
        return len(self.model.moments), self.model.total_ticks

    def go(self, position: Position) -> None:
        self.upto, self.tick = position
        self.acc_ms = 0

    # --- single steps ------------------------------------------------------------------
    def step(self, delta: int) -> None:
        """To the next (or previous) moment where something visible happens."""
        self.playing = False
        here = self.position
        if delta > 0:
            target = next((s for s in self.stops if s > here), None)
            self.go(target or self.end_position())
        else:
            earlier = [s for s in self.stops if s < here]
            self.go(earlier[-1] if earlier else self.home_position())

    def home(self) -> None:
        self.playing = False
        self.go(self.home_position())

    def end(self) -> None:
        self.playing = False
        self.go(self.end_position())

    def seek(self, tick: int) -> None:
        tick = max(0, min(self.model.total_ticks, tick))
        self.go((self.model.count_at(tick), tick))

    # --- decisions ---------------------------------------------------------------------
    @staticmethod
    def held_at(d: DecisionMark) -> Position:
        return d.index, d.tick

    def jump(self, delta: int) -> DecisionMark | None:
        """To the next (previous) decision, window open and nothing chosen yet."""
        self.playing = False
        here = self.position
        if delta > 0:
            found = next((d for d in self.model.decisions if self.held_at(d) > here), None)
        else:
            found = next((d for d in reversed(self.model.decisions)
                          if self.held_at(d) < here), None)
        if found is not None:
            self.go(self.held_at(found))
        return found

    def jump_to(self, number: int) -> DecisionMark | None:
        for d in self.model.decisions:
            if d.number == number:
                self.playing = False
                self.go(self.held_at(d))
                return d
        return None

    def decision_now(self) -> DecisionMark | None:
        """The decision whose window is open at the cursor (or was just decided)."""
        for d in self.model.decisions:
            if d.open_index < self.upto <= d.index + 1:
                return d
        return None

    def held(self) -> DecisionMark | None:
        """The decision the cursor waits at, nothing chosen yet (None when not waiting)."""
        return next((d for d in self.model.decisions if self.held_at(d) == self.position),
                    None)

    # --- playing -----------------------------------------------------------------------
    def toggle_play(self) -> None:
        if self.playing:
            self.playing = False
            return
        if self.position >= self.end_position():
            self.go(self.home_position())
        if self.held() is not None:
            self.upto += 1  # resuming from a decision point shows what was chosen
        self.playing = True

    def cycle_speed(self) -> int:
        self.speed = SPEEDS[(SPEEDS.index(self.speed) + 1) % len(SPEEDS)]
        return self.speed

    def advance(self, dt_ms: int) -> DecisionMark | None:
        """Let `dt_ms` of real time pass at the current speed; returns the decision point
        playback stopped at, if it reached one."""
        if not self.playing:
            return None
        self.acc_ms += dt_ms * self.speed
        ticks, self.acc_ms = divmod(self.acc_ms, TICK_MS)
        if ticks <= 0:
            return None
        target = min(self.model.total_ticks, self.tick + ticks)
        for d in self.model.decisions:
            if self.held_at(d) > self.position and d.tick <= target:
                self.playing = False
                self.go(self.held_at(d))
                return d
        self.upto, self.tick = self.model.count_at(target), target
        if target >= self.model.total_ticks:
            self.playing = False
            self.upto = len(self.model.moments)
        return None

    @property
    def fraction(self) -> float:
        return self.tick / max(1, self.model.total_ticks)
