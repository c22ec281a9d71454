"""The Progress screen's view model: pages of short lines, and the plot's points (no pygame).

Four pages, so each fits a 1024x600 window at the largest text size without scrolling:
over time (the plot and the tendencies, safety first), areas (failure categories and
supervision distances, weakest first), reading the trainee (entrustment calibration), and
what next (the recommendation, its reason and a small goal).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from game.app.calibration import SCALE_NAME, Calibration, calibration
from game.app.progress import Group, Point, Progress, progress
from game.app.recommend import Recommendation, Vignette, goal, recommend
from game.app.tendencies import DISTANCE_WORDS, toned
from game.store.records import SessionRecord

Tr = Callable[..., str]
PAGES = ("Over time", "Areas", "Reading the trainee", "What next")


def english(text: str, **values: object) -> str:
    return text.format(**values) if values else text


@dataclass(frozen=True)
class Page:
    title: str
    lines: tuple[tuple[str, str], ...]
    """(tone, text): tone is "bad", "warn", "good" or "" for plain."""


@dataclass(frozen=True)
class ProgressVM:
    heading: str
    points: tuple[Point, ...]
    pages: tuple[Page, ...]
    empty: bool
    matrix: tuple[tuple[int, ...], ...] = ()
    """Calibration: sessions by (level warranted, rating); empty when none was rated."""
    next_play: tuple[str, str] | None = None
    """(vignette id, trainee profile id) What next recommends: Enter on its page plays it."""


def _group_line(g: Group, name: str, t: Tr) -> tuple[str, str]:
    tone = "bad" if g.unsafe else "warn" if g.caution else "good"
    sessions = t("1 session") if g.sessions == 1 else t("{n} sessions", n=g.sessions)
    return tone, t("{name}: {sessions} · {unsafe} unsafe · {caution} caution · regret "
                   "{regret:.1f}", name=name, sessions=sessions, unsafe=g.unsafe,
                   caution=g.caution, regret=g.mean_regret)  # "1 sessions" read wrong


def _capital(text: str) -> str:
    """The first letter upper case, the rest as written (str.capitalize would write the
    German "Aus der ferne")."""
    return text[:1].upper() + text[1:]


def over_time(p: Progress, t: Tr) -> Page:
    lines = list(toned(p, t))
    if p.abandoned:
        lines.append(("", t("1 session left before the end (not scored).")
                      if p.abandoned == 1 else
                      t("{n} sessions left before the end (not scored).", n=p.abandoned)))
    if not p.timing.decisions:
        lines.append(("", t("The best moment to step in is not scored yet by this version's "
                            "model; the comparison appears once it is.")))
    return Page(t("Over time"), tuple(lines))


def areas(p: Progress, t: Tr) -> Page:
    lines = [("", t("By kind of failure (weakest first):"))]
    lines += [_group_line(g, _capital(t(g.name)), t) for g in p.by_category]
    lines.append(("", t("By supervision distance:")))
    lines += [_group_line(g, _capital(t(DISTANCE_WORDS.get(g.name, g.name))), t)
              for g in p.by_distance]
    return Page(t("Areas"), tuple(lines))


def reading(c: Calibration, t: Tr) -> Page:
    lines = [("", c.summary)]
    if c.ratings:
        lines.append(("", t("{n} ratings on the {scale}; {exact} exactly right, off by "
                            "{err:.1f} levels on average.", n=c.ratings, scale=SCALE_NAME,
                            exact=c.exact, err=c.mean_abs_error or 0.0)))
    for band in c.bands:
        way = t("over-trust") if band.mean_error >= 0.5 else t("under-trust") \
            if band.mean_error <= -0.5 else t("about right")
        tone = "warn" if abs(band.mean_error) >= 0.5 else "good"
        lines.append((tone, t("{band} trainees: {n} ratings, {err:+.1f} levels ({way})",
                              band=_capital(t(band.name)), n=band.ratings,
                              err=band.mean_error, way=way)))
    return Page(t("Reading the trainee"), tuple(lines))


def what_next(rec: Recommendation | None, records: list[SessionRecord], t: Tr) -> Page:
    if rec is None:
        return Page(t("What next"), (("", t("No playable vignettes.")),))
    g = goal(rec.vignette, records, t)
    met = ", ".join(g.met) if g.met else t("none yet")
    return Page(t("What next"), (
        ("good", t("Play {title} with {trainee}.", title=rec.vignette.title,
                   trainee=rec.trainee[1])),
        ("", rec.reason),
        ("", t("Goal for {title}: {goal}.", title=rec.vignette.title, goal=g.text)),
        ("good" if g.done else "", t("Met with {n} of {total}: {who}.", n=len(g.met),
                                      total=g.total, who=met))))


def progress_vm(records: list[SessionRecord], library: Sequence[Vignette], name: str,
                t: Tr = english) -> ProgressVM:
    p = progress(records)
    c = calibration(records, t)
    rec = recommend(library, records, p, t)
    pages = (over_time(p, t), areas(p, t), reading(c, t), what_next(rec, records, t))
    heading = t("Progress · {name} · 1 session", name=name) if p.finished == 1 else \
        t("Progress · {name} · {n} sessions", name=name, n=p.finished)
    return ProgressVM(heading, p.points, pages, p.finished == 0,
                      c.matrix if c.ratings else (),
                      (rec.vignette.id, rec.trainee[0]) if rec is not None else None)
