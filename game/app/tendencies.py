"""A supervisor's tendencies, named in words, from their progress figures.

Sentences come in the order a supervisor should read them: safety first (unsafe choices and
their trend, the weakest area), then regret, then habits (timing, how far up the ladder,
the risk weight their choices reveal). Each sentence is said only when the history is large
enough to support it; a habit seen in two sessions is not a tendency.
"""

from __future__ import annotations

import math
from statistics import fmean
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from game.app.progress import Group, Interval, Progress, Timing

MIN_FOR_TREND = 6
MIN_IN_GROUP = 2
RUNG_BIAS = 0.5
DISTANCE_WORDS = {"direct": "in the room", "indirect": "nearby (indirect)",
                  "distant": "at a distance"}


def _halves(progress: Progress) -> tuple[list, list]:
    points = list(progress.points)
    half = len(points) // 2
    return points[:half], points[half:]


def safety_trend(progress: Progress) -> str | None:
    if progress.finished < MIN_FOR_TREND:
        return None
    early, late = _halves(progress)
    before = sum(p.rating == "red" for p in early)
    after = sum(p.rating == "red" for p in late)
    if before == after == 0:
        return f"No unsafe choice in your last {progress.finished} sessions."
    if after < before:
        return (f"Fewer unsafe choices: {before} in your first {len(early)} sessions, "
                f"{after} in your last {len(late)}.")
    if after > before:
        return (f"More unsafe choices lately: {after} in your last {len(late)} sessions, "
                f"{before} in the {len(early)} before.")
    return f"Unsafe choices are steady: {after} in each half of your sessions."


def weakest(groups: tuple[Group, ...], what: str) -> str | None:
    candidates = [g for g in groups if g.sessions >= MIN_IN_GROUP]
    if len(candidates) < 2 or not (candidates[0].unsafe or candidates[0].caution):
        return None
    g = candidates[0]
    name = DISTANCE_WORDS.get(g.name, g.name) if what == "distance" else g.name
    verdict = f"{g.unsafe} of {g.sessions} unsafe" if g.unsafe else \
        f"{g.caution} of {g.sessions} rated caution"
    if what == "distance":
        return f"You are least safe when supervising {name}: {verdict}."
    return f"Your weakest kind of failure is {name}: {verdict}."


def regret_trend(progress: Progress) -> str | None:
    if progress.finished < MIN_FOR_TREND:
        return None
    early, late = _halves(progress)
    before, after = fmean(p.regret for p in early), fmean(p.regret for p in late)
    if abs(after - before) < 0.1:
        return f"Your regret is steady at about {after:.1f} per session."
    word = "fell" if after < before else "rose"
    return f"Your regret {word} from {before:.1f} to {after:.1f} per session."


def timing_words(timing: Timing) -> str | None:
    if timing.median_offset_s is not None and timing.decisions >= MIN_IN_GROUP:
        offset = timing.median_offset_s
        if abs(offset) < 1.0:
            return "You usually step in at about the best moment."
        when = "before you need to" if offset < 0 else "after the best moment"
        return f"You usually step in about {abs(offset):.0f} s {when}."
    if timing.median_wait_s is not None:
        return (f"You usually act about {timing.median_wait_s:.0f} s into a decision window "
                "(the best moment is compared once the scoring model gives it).")
    return None


def rung_words(bias: float | None) -> str | None:
    if bias is None or abs(bias) < RUNG_BIAS:
        return None
    if bias > 0:
        return (f"You step in more than needed: on average {bias:.1f} rungs further up the "
                "ladder than the best choice.")
    return (f"You hold back more than is best: on average {-bias:.1f} rungs lower on the "
            "ladder than the best choice.")


def _centre(i: Interval) -> float:
    return math.sqrt(i.low * i.high)


def attitude_words(intervals: tuple[Interval, ...]) -> str | None:
    if len(intervals) < 2:
        return None
    first, last = intervals[0], intervals[-1]
    text = (f"Your choices fitted a risk weight of {first.low:.2g}-{first.high:.2g} at first "
            f"and {last.low:.2g}-{last.high:.2g} lately")
    ratio = _centre(last) / _centre(first)
    if ratio > 1.5:
        return text + ": you now weigh harm to the patient more."
    if ratio < 1 / 1.5:
        return text + ": you now accept more risk for learning."
    return text + "."


def describe(progress: Progress) -> tuple[str, ...]:
    sentences = (safety_trend(progress), weakest(progress.by_category, "category"),
                 weakest(progress.by_distance, "distance"), regret_trend(progress),
                 timing_words(progress.timing), rung_words(progress.rung_bias),
                 attitude_words(progress.intervals))
    return tuple(s for s in sentences if s)
