"""Reading the trainee: the supervisor's entrustment rating against the simulated competence.

Before the outcome, the supervisor may rate the trainee on the O-SCORE (Ottawa Surgical
Competency Operating Room Evaluation; Gofton WT, Dudek NL, Wood TJ, Balaa F, Hamstra SJ.
Acad Med 2012;87(10):1401-1407, doi:10.1097/ACM.0b013e3182677805), a published 5-level
entrustability scale whose anchors describe how much the supervisor had to do. The game knows
each simulated trainee's true competence c (0 to 1, drawn at the start of the session), so it
can say how well the supervisor read them.

Teaching assumption (not from the O-SCORE literature): competence maps to the O-SCORE level
the trainee "deserves" linearly, level = 1 + round(4c), so c = 0 is "I had to do" and c = 1
"I did not need to be there". The comparison is therefore about direction and size of a
misreading, not an exact psychometric equivalence.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from statistics import fmean

from game.i18n import Tr, english
from game.store.records import SessionRecord

SCALE_NAME = "O-SCORE"
SCALE_SOURCE = ("Gofton WT et al. The Ottawa Surgical Competency Operating Room Evaluation "
                "(O-SCORE). Acad Med 2012;87(10):1401-1407. doi:10.1097/ACM.0b013e3182677805")
ANCHORS = (
    (1, "I had to do", "complete hands-on guidance, or the trainee did not do it"),
    (2, "I had to talk them through", "performs, but needs constant direction"),
    (3, "I had to prompt them from time to time", "some independence, intermittent "
        "direction"),
    (4, "I needed to be in the room just in case", "independent but unaware of risks, still "
        "needs supervision"),
    (5, "I did not need to be there", "complete independence, understands risks, "
        "practice-ready"),
)
"""The published anchors and their descriptions word for word (../shared/research/
scoring-science.md, from Gofton 2012's table). The German in assets/i18n/de.json is our own
translation (no validated German O-SCORE was consulted); screens show it through `t`."""
CONFIDENT, UNSURE = 0.7, 0.3
"""Trainee confidence at or above CONFIDENT counts as confident, at or below UNSURE as
unsure (the shipped trainee profiles use 0.1-0.9)."""


def true_level(competence: float) -> int:
    """The O-SCORE level a trainee of this competence warrants (teaching assumption)."""
    return 1 + round(4 * min(1.0, max(0.0, competence)))


@dataclass(frozen=True)
class Reading:
    rating: int
    level: int

    @property
    def error(self) -> int:
        """Positive: trusted more than the trainee could carry; negative: less."""
        return self.rating - self.level

    def words(self, t: Tr = english) -> str:
        """One sentence for the player, quoting the anchor in the words the rating screen used."""
        anchor = t(ANCHORS[self.level - 1][1])  # as the rating screen showed it
        if self.error == 0:
            return t("You read the trainee right: {level}, \u201c{anchor}\u201d.",
                     level=self.level, anchor=anchor)
        if self.error > 0:
            return t("You trusted the trainee more than they could carry: you rated {rating}, "
                     "they were a {level} (\u201c{anchor}\u201d).",
                     rating=self.rating, level=self.level, anchor=anchor)
        return t("You trusted the trainee less than they could carry: you rated {rating}, "
                 "they were a {level} (\u201c{anchor}\u201d).",
                 rating=self.rating, level=self.level, anchor=anchor)


def compare(rating: int, competence: float) -> Reading:
    return Reading(rating, true_level(competence))


@dataclass(frozen=True)
class Band:
    name: str
    ratings: int
    mean_error: float
    """Mean (rating - true level): above 0 over-trusts."""


@dataclass(frozen=True)
class Calibration:
    ratings: int
    exact: int
    mean_abs_error: float | None
    matrix: tuple[tuple[int, ...], ...]
    """matrix[true level - 1][rating - 1] = how many sessions (for the calibration picture)."""
    bands: tuple[Band, ...]
    """By trainee confidence: confident, in between, unsure."""
    summary: str


def band_of(confidence: float | None) -> str:
    if confidence is None:
        return "unknown"
    if confidence >= CONFIDENT:
        return "confident"
    return "unsure" if confidence <= UNSURE else "in between"


def _rated(records: list[SessionRecord]) -> list[tuple[SessionRecord, Reading]]:
    return [(r, compare(r.entrustment, r.competence)) for r in records
            if r.entrustment is not None and r.competence is not None]


def _bands(rated: list[tuple[SessionRecord, Reading]]) -> tuple[Band, ...]:
    by: dict[str, list[int]] = {}
    for record, reading in rated:
        by.setdefault(band_of(record.trainee_confidence), []).append(reading.error)
    order = ("confident", "in between", "unsure", "unknown")
    return tuple(Band(name, len(by[name]), fmean(by[name])) for name in order if name in by)


def _summary(bands: tuple[Band, ...], rated: int, t: Tr) -> str:
    """One sentence, worded by `t` (the Progress screen passes its translator)."""
    if rated < 3:
        return t("Rate the trainee in a few more sessions to see how well you read them.")
    telling = [b for b in bands if b.ratings >= 2 and abs(b.mean_error) >= 0.5]
    if not telling:
        return t("You read trainees well: your ratings are within half a level on average.")
    b = max(telling, key=lambda b: abs(b.mean_error))
    values = {"band": t(b.name), "x": float(abs(b.mean_error))}
    if b.mean_error > 0:
        return t("You over-trust {band} trainees: on average {x:.1f} levels above what they "
                 "could do.", **values)
    return t("You under-trust {band} trainees: on average {x:.1f} levels below what they "
             "could do.", **values)


def calibration(records: list[SessionRecord], t: Tr = english) -> Calibration:
    rated = _rated(records)
    matrix = [[0] * 5 for _ in range(5)]
    for _, reading in rated:
        matrix[reading.level - 1][reading.rating - 1] += 1
    bands = _bands(rated)
    return Calibration(
        len(rated), sum(r.error == 0 for _, r in rated),
        fmean(abs(r.error) for _, r in rated) if rated else None,
        tuple(tuple(row) for row in matrix), bands, _summary(bands, len(rated), t))


def rate_session(log: Path | None, level: int, db: Path | None = None) -> str | None:
    """Keep the supervisor's rating of this session's trainee: beside its log (so a rebuild
    keeps it) and on its history row if that is written already. Returns a problem to show,
    or None; never raises (a rating is never worth stopping the game for)."""
    import sqlite3

    from game.store.opening import open_history
    from game.store.ratings import keep_rating
    if log is None:
        return None
    try:
        keep_rating(log, level)
    except (OSError, ValueError) as exc:
        return f"the rating could not be kept ({exc})"
    history, problem = open_history(db)
    if history is None:
        return None  # the sidecar has it; the row gets it when the history is rebuilt
    with history:
        try:
            history.execute_write("UPDATE sessions SET entrustment = ? WHERE uid = ?",
                                  (level, log.name))
        except sqlite3.Error:
            return None
    return problem
