"""Revealed risk weights per participant, and how far a group of supervisors agrees.

The study's call is for *shared expectations*: a workshop wants to see whether the room's
choices fit similar trade-offs between learning and harm. Each participant (pseudonymous id
only) gets the interval of risk weights that makes all their choices in one content version
optimal; the group's spread is summarised on a log scale, since weights are ratios.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from game.scoring.attitude import GRID, Attitude

if TYPE_CHECKING:
    from game.reports.cohort_records import SessionRecord


@dataclass(frozen=True)
class PlayerAttitude:
    player: str
    sessions: int
    low: float | None
    high: float | None
    consistent: bool
    open_low: bool
    open_high: bool
    text: str

    @property
    def midpoint(self) -> float | None:
        """Geometric middle of the interval (weights are ratios, so log scale)."""
        if not self.consistent or self.low is None or self.high is None:
            return None
        return math.sqrt(self.low * self.high)


@dataclass(frozen=True)
class Spread:
    participants: int
    consistent: int
    median: float | None
    q1: float | None
    q3: float | None
    common: tuple[float, float] | None
    """The weights that fit every consistent participant, if any do."""

    def describe(self) -> str:
        if not self.participants:
            return "No participant made a decision here."
        text = (f"{self.consistent} of {self.participants} participants' choices fit one "
                "interval of risk weights.")
        if self.median is not None:
            text += (f" Interval midpoints: median {self.median:.2g}, middle half "
                     f"{self.q1:.2g} to {self.q3:.2g} learning points per harm point.")
        if self.common:
            text += f" One weight range fits all of them: {self.common[0]:.3g} to " \
                    f"{self.common[1]:.3g}."
        elif self.consistent > 1:
            text += " No single weight fits all of them: the room disagrees about the trade-off."
        return text


def combine(player: str, attitudes: list[Attitude]) -> PlayerAttitude:
    """Intersect one participant's intervals over their sessions of one version."""
    n = len(attitudes)
    broken = next((a for a in attitudes if not a.consistent), None)
    if broken is not None:
        return PlayerAttitude(player, n, None, None, False, False, False, broken.describe())
    spans = [_interval(a) for a in attitudes]
    low = max(lo for lo, _ in spans)
    high = min(hi for _, hi in spans)
    if low > high:
        return PlayerAttitude(player, n, None, None, False, False, False,
                              f"inconsistent: no single weight fits all {n} sessions")
    open_low, open_high = low == GRID[0], high == GRID[-1]
    text = Attitude(low, high, True, None, open_low, open_high).describe()
    return PlayerAttitude(player, n, low, high, True, open_low, open_high, text)


def _interval(attitude: Attitude) -> tuple[float, float]:
    """A consistent attitude's weight interval (revealed_attitude gives one both ends)."""
    if attitude.low is None or attitude.high is None:
        raise ValueError(f"a consistent attitude without an interval: {attitude}")
    return attitude.low, attitude.high


def per_player(sessions: Iterable[SessionRecord]) -> list[PlayerAttitude]:
    by_player: dict[str, list[Attitude]] = defaultdict(list)
    for s in sessions:
        if s.attitude is not None:
            by_player[s.player].append(s.attitude)
    return [combine(p, a) for p, a in sorted(by_player.items())]


def spread(players: list[PlayerAttitude]) -> Spread:
    fitted = [p for p in players if p.consistent]
    mids = sorted(p.midpoint for p in fitted if p.midpoint is not None)
    if not mids:
        return Spread(len(players), 0, None, None, None, None)
    # A consistent participant's interval has both ends (combine), as its midpoint shows.
    spans = [(p.low, p.high) for p in fitted if p.low is not None and p.high is not None]
    low = max(lo for lo, _ in spans)
    high = min(hi for _, hi in spans)
    return Spread(len(players), len(fitted), _quantile(mids, 0.5), _quantile(mids, 0.25),
                  _quantile(mids, 0.75), (low, high) if low <= high else None)


def _quantile(sorted_values: list[float], q: float) -> float:
    """Quantile on the log scale (geometric interpolation between neighbours)."""
    logs = [math.log(v) for v in sorted_values]
    pos = q * (len(logs) - 1)
    lo, hi = math.floor(pos), math.ceil(pos)
    return math.exp(logs[lo] + (logs[hi] - logs[lo]) * (pos - lo))
