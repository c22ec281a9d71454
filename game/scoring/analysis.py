"""What the solver says about one decision situation: every option at every moment.

Built on demand from the values the backward pass recorded, so solving a deep vignette
does not pay for reports nobody reads. Moments are content ticks after the window opened
(10 per second at normal pace); the `_s` fields are seconds.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, replace

import numpy as np

from game.core.model import TICKS_PER_SECOND, Decision, Option
from game.scoring.backward import (
    NOT_BROKEN,
    TIE,
    admissible_rank,
    best_segments,
    rule_tolerances,
)
from game.scoring.graph import Context, DecisionSpec, Key
from game.scoring.moments import Segment, last_safe_tick, window_prefix
from game.scoring.params import ModelParams
from game.scoring.safety import RULES, Risks, rating, tolerance

BY_TIMEOUT = ("timeout", "waiting")
"""How a decision step ended without an intervention (the window ran out, or the trainee's
self-correction or mistake came while the supervisor watched)."""


@dataclass(frozen=True)
class MomentValue:
    """Acting with one option at any tick in [t_lo, t_hi] of the window."""

    t_lo: int
    t_hi: int
    q: float
    learning: float
    harm: float
    risks: Risks
    broken: str | None
    rating: str


@dataclass(frozen=True)
class OptionAnalysis:
    option: str
    level: str
    q: float
    """Q at this option's best admissible moment (the best moment when none is)."""
    learning: float
    harm: float
    risks: Risks
    broken: str | None
    rating: str
    best_moment_s: float = 0.0
    last_safe_moment_s: float | None = None
    """Latest moment at which acting lands in the window with at most `eps_last_safe`
    chance that the mistake happens first; None when no moment is that safe."""
    moments: tuple[MomentValue, ...] = ()

    def at(self, tick: int) -> MomentValue:
        for m in self.moments:
            if m.t_lo <= tick <= m.t_hi:
                return m
        return self.moments[0] if tick < self.moments[0].t_lo else self.moments[-1]


@dataclass(frozen=True)
class DecisionAnalysis:
    node: str
    history: tuple[str, ...]
    belief: tuple[float, ...]
    reach: float
    """Probability of reaching this situation under a uniformly random policy."""
    options: tuple[OptionAnalysis, ...]
    best: str
    best_moment_s: tuple[float, float] = (0.0, 0.0)
    """Moments of the best option whose Q is within `moment_tolerance` of the best
    (first and last; between them a moment may fall short on an oddly shaped curve)."""
    best_moment_tick: int = 0
    window_s: float = 0.0
    timed: bool = False
    timeout: MomentValue | None = None
    """Letting the window run (no intervention, or an explicit watch)."""

    def option(self, option_id: str) -> OptionAnalysis:
        return next(o for o in self.options if o.option == option_id)

    @property
    def best_q(self) -> float:
        return self.option(self.best).at(self.best_moment_tick).q

    def gap(self, option_id: str) -> float:
        """Expected regret of choosing `option_id` at its best moment (0.0 for the best)."""
        if option_id == self.best:
            return 0.0
        return max(0.0, self.best_q - self.option(option_id).q)

    def moment(self, option_id: str, tick: int | None, by: str = "player") -> MomentValue:
        """The value of what was done. `by="waiting"` means the trainee's self-correction
        or mistake came at `tick` before the supervisor acted: every plan that had not
        acted by then fits, so the best of them is credited (the benefit of the doubt)."""
        assert self.timeout is not None
        if by == "waiting" and tick is not None:
            fits = [self.timeout] + [m for o in self.options for m in o.moments
                                     if m.t_hi >= tick]
            return max(fits, key=lambda m: (m.broken is None, m.q))
        if by in BY_TIMEOUT or tick is None:
            return self.timeout
        return self.option(option_id).at(tick)

    def regret(self, option_id: str, tick: int | None, by: str = "player") -> float:
        """Best admissible Q over (option, moment) minus the Q of the choice made at its
        moment; 0.0 exactly for the best option at its best moment. Never negative: a choice
        that scores higher by breaking a safety rule is reported by its rating, not here."""
        chosen = self.moment(option_id, tick, by)
        best = self.option(self.best).at(self.best_moment_tick)
        return 0.0 if chosen == best else max(0.0, best.q - chosen.q)

    def relabel(self, history: tuple[str, ...]) -> DecisionAnalysis:
        return replace(self, history=history)


def analyse(ctx: Context, key: Key, spec: DecisionSpec, q_all: np.ndarray, basis: np.ndarray,
            history: Iterable[str], reach: float) -> DecisionAnalysis:
    """The DecisionAnalysis of one recorded situation (q_all: segments x value rows)."""
    params = ctx.params
    q = q_all[:, 0] - params.risk_weight * q_all[:, 1]
    rank = admissible_rank(q_all[:, :, None], rule_tolerances(params),
                           params.enforce_safety)[:, 0]
    safest = Risks(*q_all[:, 2:].min(axis=0))
    moments = [_moment(spec.segments[i], q_all[i], q[i], rank[i], safest, params)
               for i in range(len(q))]
    best = int(best_segments(q_all[:, :, None], q[:, None], rule_tolerances(params),
                             params.enforce_safety)[0])
    options = tuple(_option(ctx, spec, j, moments, rank, q)
                    for j in range(len(spec.offered)))
    best_seg = spec.segments[best]
    near = [s for s, m, r in zip(spec.segments, moments, rank)
            if s.option == best_seg.option and r == rank[best]
            and m.q >= q[best] - params.moment_tolerance]
    n = max(1, spec.node.window_ticks)
    timeout = _timeout(spec, basis, safest, params)
    return DecisionAnalysis(
        spec.node.id, tuple(history), key[1], reach, options,
        spec.offered[best_seg.option].id,
        (min(s.t_lo for s in near) / TICKS_PER_SECOND,
         max(s.t_hi for s in near) / TICKS_PER_SECOND),
        best_seg.t_lo, n / TICKS_PER_SECOND, spec.node.timing is not None, timeout)


def _moment(seg: Segment, row: np.ndarray, q: float, rank: int, safest: Risks,
            params: ModelParams) -> MomentValue:
    risks = Risks(*(float(x) for x in row[2:]))
    broken = RULES[rank][0] if rank < NOT_BROKEN else None
    return MomentValue(seg.t_lo, seg.t_hi, float(q), float(row[0]), float(row[1]), risks,
                       broken, rating(broken, risks, safest, params))


def option_moment(spec: DecisionSpec, j: int, rank: np.ndarray, q: np.ndarray) -> int:
    """The segment an option is judged by: its best admissible moment (the first on ties),
    or its best moment among the least serious breaches when none is admissible."""
    idx = members(spec)[j]
    if len(idx) == 1:
        return idx[0]
    top = max((rank[i], q[i]) for i in idx)
    return next(i for i in idx if rank[i] == top[0] and q[i] >= top[1] - TIE)


_MEMBERS: dict[int, tuple[tuple[Segment, ...], tuple[tuple[int, ...], ...]]] = {}


def members(spec: DecisionSpec) -> tuple[tuple[int, ...], ...]:
    """Per offered option, the indices of its moment segments. Cached by the identity of
    the segments tuple (the solver shares one between situations of a decision; it is
    kept in the entry, so its id cannot be reused while cached)."""
    key = spec.segments
    found = _MEMBERS.get(id(key))
    if found is None or found[0] is not key:
        found = (key, tuple(tuple(i for i, s in enumerate(key) if s.option == j)
                            for j in range(len(spec.offered))))
        if len(_MEMBERS) > 4096:
            _MEMBERS.clear()
        _MEMBERS[id(key)] = found
    return found[1]


def option_qs(ctx: Context, spec: DecisionSpec, q_all: np.ndarray) -> dict[str, float]:
    """Each offered option's Q at its judged moment, without the full analysis (value of
    information needs only these, at every situation)."""
    params = ctx.params
    q = q_all[:, 0] - params.risk_weight * q_all[:, 1]
    rank = admissible_rank(q_all[:, :, None], rule_tolerances(params),
                           params.enforce_safety)[:, 0]
    return {o.id: float(q[option_moment(spec, j, rank, q)])
            for j, o in enumerate(spec.offered)}


def _option(ctx: Context, spec: DecisionSpec, j: int, moments: list[MomentValue],
            rank: np.ndarray, q: np.ndarray) -> OptionAnalysis:
    option = spec.offered[j]
    idx = members(spec)[j]
    m = moments[option_moment(spec, j, rank, q)]
    safe = _last_safe(ctx, spec.node, option, spec.arrival)
    return OptionAnalysis(
        option.id, option.level.value if option.level is not None else "debrief", m.q,
        m.learning, m.harm, m.risks, m.broken, m.rating, m.t_lo / TICKS_PER_SECOND,
        None if safe is None else safe / TICKS_PER_SECOND,
        tuple(moments[i] for i in idx))


def _last_safe(ctx: Context, node: Decision, option: Option, arrival: int) -> int | None:
    """`last_safe_tick`, remembered in the context's shared tables: it depends only on the
    window, the option and the arrival, and a deep vignette asks it for thousands of
    situations."""
    key = (node.id, option.id, arrival)
    found = ctx.last_safe.get(key, -1)
    if found == -1:
        found = ctx.last_safe[key] = last_safe_tick(node, option, arrival, dict(ctx.latency),
                                                    ctx.params.eps_last_safe)
    return found


def _timeout(spec: DecisionSpec, basis: np.ndarray, safest: Risks,
             params: ModelParams) -> MomentValue:
    """Letting the window run out: the drawn event, else the default option."""
    n = max(1, spec.node.window_ticks)
    cs, ce = window_prefix(spec.node)
    row = cs[n] * basis[0] + ce[n] * basis[1] + (1 - cs[n] - ce[n]) * basis[-1]
    q = row[0] - params.risk_weight * row[1]
    risks = Risks(*(float(x) for x in row[2:]))
    excess = [r for r, _ in RULES
              if getattr(risks, r) - getattr(safest, r) > tolerance(r, params)]
    broken = excess[0] if (excess and params.enforce_safety) else None
    return MomentValue(n, n, float(q), float(row[0]), float(row[1]), risks, broken,
                       rating(broken, risks, safest, params))

