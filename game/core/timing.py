"""(v2) Time inside a decision window: competing risks at tick resolution, rung latency.

Shared by the engine (which draws what happens) and the solver (which integrates over it),
so both use exactly the same per-tick masses. A window's curves are authored in content
seconds; at a slower or faster pace a tick covers less or more content time, so windows,
curves and latencies stretch together and the odds of a moment do not depend on the pace.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from functools import lru_cache
from types import MappingProxyType

from game.core.model import TICKS_PER_SECOND, Option, WindowTiming

RUNG_LATENCY_S: Mapping[str, float] = MappingProxyType(
    {"watch": 0.0, "probe": 3.0, "cue": 2.0, "guide": 1.0, "takeover": 0.5})
"""Seconds from stepping in until the intervention takes effect, per rung, when an option
gives no `takes_s`. Teaching assumption: a hand on the instrument is quicker than a spoken
hint, and a question has to be asked, heard and answered before it changes anything."""

HANDS_ON = frozenset({"guide", "takeover"})
"""Rungs that need the supervisor at the bedside (they wait for a called supervisor)."""

EVENT_KINDS = ("self_correct", "error")


def content_seconds(ticks: float, pace: float) -> float:
    """Content seconds covered by `ticks` at a pace factor (1.5 = slower)."""
    return ticks / (TICKS_PER_SECOND * pace)


def to_ticks(seconds: float, pace: float) -> int:
    return max(0, round(seconds * TICKS_PER_SECOND * pace))


@lru_cache(maxsize=1024)
def slot_masses(timing: WindowTiming, window: int, pace: float = 1.0) -> tuple[float, ...]:
    """Probability masses laid out [self-correct tick 0, error tick 0, self-correct tick 1,
    ...]: the chance that the first event is that kind, during that tick of the window.

    A pure function of frozen content, cached: re-simulating a log (verify, reports) opens
    the same windows again and again, and this was a third of `replay --verify`'s time."""
    masses: list[float] = []
    for k in range(window):
        a, b = content_seconds(k, pace), content_seconds(k + 1, pace)
        masses.append(max(0.0, timing.self_correct.at(b) - timing.self_correct.at(a)))
        masses.append(max(0.0, timing.error.at(b) - timing.error.at(a)))
    return tuple(masses)


def draw_event(masses: Sequence[float], u: float) -> tuple[str, int] | None:
    """Inverse-CDF pick of the first event and its tick, or None if nothing happens."""
    acc = 0.0
    for i, m in enumerate(masses):
        acc += m
        if u < acc:
            return EVENT_KINDS[i % 2], i // 2
    return None


def latency_s(option: Option, table: Mapping[str, float] = RUNG_LATENCY_S) -> float:
    if option.takes_s is not None:
        return option.takes_s
    return table[option.level.value] if option.level is not None else 0.0
