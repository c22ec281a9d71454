"""Acting at a moment of a decision window: which mixture of continuations it leads to.

Acting with option o at tick t (ticks after the window opened) takes effect at
e = t + latency(o), and no earlier than a called supervisor's arrival for hands-on rungs.
Events drawn in tick slots k < e happen first (the engine's rule). So the value of (o, t) is

    Q(o, t) = Cs(e) V(self-correct) + Ce(e) V(error) + (1 - Cs(e) - Ce(e)) V(o)   if e <= n
    Q(o, t) = Cs(n) V(self-correct) + Ce(n) V(error) + (1 - M(n)) V(default)      otherwise

with Cs, Ce the prefix sums of the per-tick masses and n the window length: three
coefficients per moment, the same for every risk weight. Consecutive moments with equal
coefficients form one segment, so a window without timing is one segment per option.
"""

from __future__ import annotations

from typing import NamedTuple

import numpy as np

from game.core.model import Decision, Option
from game.core.timing import HANDS_ON, latency_s, slot_masses, to_ticks


class Segment(NamedTuple):
    option: int
    """Index into the decision's offered options."""
    t_lo: int
    t_hi: int
    """Acting at any tick in [t_lo, t_hi] has these coefficients."""
    self_correct: float
    error: float
    on_option: float
    """Weight on the option's own continuation (or the default's when too late)."""
    too_late: bool
    """True when the intervention would land after the window closed."""


def window_prefix(decision: Decision) -> tuple[np.ndarray, np.ndarray]:
    """Cs(e), Ce(e) for e = 0..n (content pace)."""
    n = max(1, decision.window_ticks)
    if decision.timing is None:
        return np.zeros(n + 1), np.zeros(n + 1)
    masses = np.array(slot_masses(decision.timing, n, 1.0))
    cs = np.concatenate([[0.0], np.cumsum(masses[0::2])])
    ce = np.concatenate([[0.0], np.cumsum(masses[1::2])])
    return cs, ce


def effect_tick(option: Option, t: int, arrival: int, timed: bool,
                latency: dict[str, float]) -> int:
    lat = to_ticks(latency_s(option, latency), 1.0) if timed else 0
    e = t + lat
    if option.level is not None and option.level.value in HANDS_ON:
        e = max(e, arrival)
    return e


def segments(decision: Decision, offered: tuple[Option, ...], default: int, arrival: int,
             latency: tuple[tuple[str, float], ...]) -> tuple[Segment, ...]:
    """The moment segments of every offered option (the solver caches them per decision,
    offer and arrival)."""
    n = max(1, decision.window_ticks)
    cs, ce = window_prefix(decision)
    table = dict(latency)
    timed = decision.timing is not None
    # Runs of ticks with equal coefficients: ([option index, first tick, last tick], coef),
    # the list extended in place while the next tick's coefficients stay the same.
    out: list[tuple[list[int], tuple[float, float, float, bool]]] = []
    for j, option in enumerate(offered):
        watch = timed and option.level is not None and option.level.value == "watch"
        last: tuple[list[int], tuple[float, float, float, bool]] | None = None
        for t in range(n):
            e = n if watch else effect_tick(option, t, arrival, timed, table)
            late = e > n
            k = n if late else e
            coef = (float(cs[k]), float(ce[k]), float(1 - cs[k] - ce[k]), late)
            if last is not None and last[1] == coef:
                last[0][2] = t
                continue
            last = ([j, t, t], coef)
            out.append(last)
    return tuple(Segment(o, lo, hi, *coef) for (o, lo, hi), coef in out)


def error_first(decision: Decision, option: Option, t: int, arrival: int,
                latency: dict[str, float],
                prefix: tuple[np.ndarray, np.ndarray] | None = None) -> float:
    """Chance that the mistake happens before acting with `option` at tick t lands."""
    n = max(1, decision.window_ticks)
    _, ce = prefix if prefix is not None else window_prefix(decision)
    timed = decision.timing is not None
    if timed and option.level is not None and option.level.value == "watch":
        return float(ce[n])
    e = effect_tick(option, t, arrival, timed, latency)
    return float(ce[min(e, n)])


def last_safe_tick(decision: Decision, option: Option, arrival: int,
                   latency: dict[str, float], eps: float) -> int | None:
    """The latest tick at which acting lands in the window with the chance that the
    mistake happens first at or below `eps`; None when no moment is that safe."""
    n = max(1, decision.window_ticks)
    timed = decision.timing is not None
    prefix = window_prefix(decision)
    watch = timed and option.level is not None and option.level.value == "watch"
    for t in range(n - 1, -1, -1):
        late = not watch and effect_tick(option, t, arrival, timed, latency) > n
        if not late and error_first(decision, option, t, arrival, latency, prefix) <= eps:
            return t
    return None
