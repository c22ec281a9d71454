"""A supervisor's progress over their history: safety first, then regret, then habits.

Pure: records in, a view model out (no pygame, no files), so the Progress screen, a report
and the tests share it. Everywhere, safety ranks before regret: a group with an unsafe
choice is weaker than any group without one, whatever their regrets, and a trend in safety
is told before a trend in regret. Abandoned sessions count as played, never as scored; a
session resumed later counts once, as its resumed log.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from statistics import fmean, median

from game.app.tendencies import describe
from game.store.records import SessionRecord

RATINGS = ("green", "amber", "red")
RUNG_WORDS = ("watching", "a probing question", "a verbal cue", "hands-on guidance",
              "taking over")
STEADY_S = 1.0
"""Timing offsets within this many seconds of the best moment count as on time."""


@dataclass(frozen=True)
class Point:
    """One finished session on the time axis."""

    index: int
    started_at: str
    rating: str
    regret: float


@dataclass(frozen=True)
class Group:
    """Sessions sharing a failure category, supervision distance or trainee."""

    name: str
    sessions: int
    unsafe: int
    caution: int
    mean_regret: float

    @property
    def safe_share(self) -> float:
        return (self.sessions - self.unsafe - self.caution) / self.sessions

    def weakness(self) -> tuple[float, float, float]:
        """Sort key, weakest first: unsafe share, then caution share, then regret."""
        return (-self.unsafe / self.sessions, -self.caution / self.sessions,
                -self.mean_regret)


@dataclass(frozen=True)
class Interval:
    index: int
    low: float
    high: float


@dataclass(frozen=True)
class Timing:
    decisions: int
    """Decisions the scoring model gave a best moment for."""
    median_offset_s: float | None
    """Typical seconds before (negative) or after (positive) the best moment's window."""
    median_wait_s: float | None
    """Typical seconds a window ran before the supervisor chose (always known)."""


@dataclass(frozen=True)
class Progress:
    finished: int
    abandoned: int
    points: tuple[Point, ...]
    by_category: tuple[Group, ...]
    by_distance: tuple[Group, ...]
    by_trainee: tuple[Group, ...]
    intervals: tuple[Interval, ...]
    timing: Timing
    rung_bias: float | None
    """Mean (chosen rung - best rung): above 0 steps in more than needed."""
    tendencies: tuple[str, ...]


def _scored(records: Iterable[SessionRecord]) -> list[SessionRecord]:
    return [r for r in records if r.finished and r.safety_rating in RATINGS
            and r.regret is not None]


def groups(records: list[SessionRecord], key: Callable[[SessionRecord], str]
           ) -> tuple[Group, ...]:
    """Per-group counts, weakest first (safety before regret)."""
    counts: dict[str, list[float]] = {}
    for r in records:
        c = counts.setdefault(key(r) or "unknown", [0, 0, 0, 0.0])
        c[0] += 1
        c[1] += r.safety_rating == "red"
        c[2] += r.safety_rating == "amber"
        c[3] += r.regret or 0.0
    out = [Group(name, int(n), int(red), int(amber), total / n)
           for name, (n, red, amber, total) in counts.items()]
    return tuple(sorted(out, key=lambda g: (g.weakness(), g.name)))


def timing(records: list[SessionRecord]) -> Timing:
    offsets, waits = [], []
    for r in records:
        for i in r.interventions:
            if i.by != "player":
                continue
            waits.append(i.waited_seconds)
            if i.best_moment is not None:
                low, high = i.best_moment
                at = i.waited_seconds
                offsets.append(at - low if at < low else at - high if at > high else 0.0)
    return Timing(len(offsets), median(offsets) if offsets else None,
                  median(waits) if waits else None)


def rung_bias(records: list[SessionRecord]) -> float | None:
    diffs = [i.rung - i.best_rung for r in records for i in r.interventions
             if i.by == "player" and i.rung is not None and i.best_rung is not None]
    return fmean(diffs) if diffs else None


def progress(records: Iterable[SessionRecord]) -> Progress:
    records = sorted(records, key=lambda r: r.started_at)
    scored = _scored(records)
    points = tuple(Point(n, r.started_at, r.safety_rating, r.regret or 0.0)
                   for n, r in enumerate(scored, start=1))
    intervals = tuple(Interval(n, r.attitude_low, r.attitude_high)
                      for n, r in enumerate(scored, start=1)
                      if r.attitude_low is not None and r.attitude_high is not None)
    base = Progress(len(scored), sum(r.status == "abandoned" for r in records), points,
                    groups(scored, lambda r: r.category), groups(scored, lambda r: r.supervision),
                    groups(scored, lambda r: r.profile), intervals, timing(scored),
                    rung_bias(scored), ())
    return replace(base, tendencies=describe(base))
