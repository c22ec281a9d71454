"""A supervisor's tendencies, named in words, from their progress figures.

Sentences come in the order a supervisor should read them: safety first (unsafe choices and
their trend, the weakest area), then regret, then habits (timing, how far up the ladder,
the risk weight their choices reveal). Each sentence is said only when the history is large
enough to support it; a habit seen in two sessions is not a tendency.

Every sentence is a message id with values, worded by the translator passed in (`english` by
default; the Progress screen passes its own), so figures get the locale's decimal mark.
"""

from __future__ import annotations

import math
from statistics import fmean
from typing import TYPE_CHECKING

from game.i18n import Tr, english

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


def safety_trend(progress: Progress, t: Tr = english) -> str | None:
    if progress.finished < MIN_FOR_TREND:
        return None
    early, late = _halves(progress)
    before = sum(p.rating == "red" for p in early)
    after = sum(p.rating == "red" for p in late)
    if before == after == 0:
        return t("No unsafe choice in your last {n} sessions.", n=progress.finished)
    if after < before:
        return t("Fewer unsafe choices: {before} in your first {early} sessions, {after} in "
                 "your last {late}.", before=before, early=len(early), after=after,
                 late=len(late))
    if after > before:
        return t("More unsafe choices lately: {after} in your last {late} sessions, {before} "
                 "in the {early} before.", before=before, early=len(early), after=after,
                 late=len(late))
    return t("Unsafe choices are steady: {n} in each half of your sessions.", n=after)


def weakest(groups: tuple[Group, ...], what: str, t: Tr = english) -> str | None:
    candidates = [g for g in groups if g.sessions >= MIN_IN_GROUP]
    if len(candidates) < 2 or not (candidates[0].unsafe or candidates[0].caution):
        return None
    g = candidates[0]
    name = t(DISTANCE_WORDS.get(g.name, g.name) if what == "distance" else g.name)
    verdict = t("{n} of {total} unsafe", n=g.unsafe, total=g.sessions) if g.unsafe else \
        t("{n} of {total} rated caution", n=g.caution, total=g.sessions)
    if what == "distance":
        return t("You are least safe when supervising {name}: {verdict}.", name=name,
                 verdict=verdict)
    return t("Your weakest kind of failure is {name}: {verdict}.", name=name, verdict=verdict)


def regret_trend(progress: Progress, t: Tr = english) -> str | None:
    if progress.finished < MIN_FOR_TREND:
        return None
    early, late = _halves(progress)
    before, after = fmean(p.regret for p in early), fmean(p.regret for p in late)
    if abs(after - before) < 0.1:
        return t("Your regret is steady at about {x:.1f} per session.", x=after)
    if after < before:
        return t("Your regret fell from {before:.1f} to {after:.1f} per session.",
                 before=before, after=after)
    return t("Your regret rose from {before:.1f} to {after:.1f} per session.",
             before=before, after=after)


def timing_words(timing: Timing, t: Tr = english) -> str | None:
    if timing.median_offset_s is not None and timing.decisions >= MIN_IN_GROUP:
        offset = timing.median_offset_s
        if abs(offset) < 1.0:
            return t("You usually step in at about the best moment.")
        if offset < 0:
            return t("You usually step in about {s:.0f} s before you need to.",
                     s=float(abs(offset)))
        return t("You usually step in about {s:.0f} s after the best moment.",
                 s=float(abs(offset)))
    if timing.median_wait_s is not None:
        return t("You usually act about {s:.0f} s into a decision window (the best moment is "
                 "compared once the scoring model gives it).", s=float(timing.median_wait_s))
    return None


def rung_words(bias: float | None, t: Tr = english) -> str | None:
    if bias is None or abs(bias) < RUNG_BIAS:
        return None
    if bias > 0:
        return t("You step in more than needed: on average {x:.1f} rungs further up the "
                 "ladder than the best choice.", x=float(bias))
    return t("You hold back more than is best: on average {x:.1f} rungs lower on the "
             "ladder than the best choice.", x=float(-bias))


def _centre(i: Interval) -> float:
    return math.sqrt(i.low * i.high)


def attitude_words(intervals: tuple[Interval, ...], t: Tr = english) -> str | None:
    if len(intervals) < 2:
        return None
    first, last = intervals[0], intervals[-1]
    values = {"first_low": float(first.low), "first_high": float(first.high),
              "last_low": float(last.low), "last_high": float(last.high)}
    ratio = _centre(last) / _centre(first)
    if ratio > 1.5:
        return t("Your choices fitted a risk weight of {first_low:.2g}-{first_high:.2g} at "
                 "first and {last_low:.2g}-{last_high:.2g} lately: you now weigh harm to the "
                 "patient more.", **values)
    if ratio < 1 / 1.5:
        return t("Your choices fitted a risk weight of {first_low:.2g}-{first_high:.2g} at "
                 "first and {last_low:.2g}-{last_high:.2g} lately: you now accept more risk "
                 "for learning.", **values)
    return t("Your choices fitted a risk weight of {first_low:.2g}-{first_high:.2g} at first "
             "and {last_low:.2g}-{last_high:.2g} lately.", **values)


TONES = ("", "bad", "bad", "", "", "", "")
"""The tone of each sentence `describe` can say, in its order (the safety trend's depends on
the direction, see `toned`)."""


def _sentences(progress: Progress, t: Tr) -> tuple[str | None, ...]:
    return (safety_trend(progress, t), weakest(progress.by_category, "category", t),
            weakest(progress.by_distance, "distance", t), regret_trend(progress, t),
            timing_words(progress.timing, t), rung_words(progress.rung_bias, t),
            attitude_words(progress.intervals, t))


def describe(progress: Progress, t: Tr = english) -> tuple[str, ...]:
    return tuple(s for s in _sentences(progress, t) if s)


def toned(progress: Progress, t: Tr = english) -> tuple[tuple[str, str], ...]:
    """(tone, sentence) pairs in `describe`'s order: "bad" for the unsafe and weakest-area
    sentences, "good" when unsafe choices are fewer or absent; the tone is decided on the
    figures, not on the wording, so it is the same in every language."""
    early, late = _halves(progress)
    before = sum(p.rating == "red" for p in early)
    after = sum(p.rating == "red" for p in late)
    trend = "good" if after < before or before == after == 0 else "bad"
    tones = (trend, *TONES[1:])
    return tuple((tone, s) for tone, s in zip(tones, _sentences(progress, t)) if s)
