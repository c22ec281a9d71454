"""Patient harm on published scales, mapped through one crosswalk to harm points.

Authors write grades (`CD-IIIa`, `ClassIntra-II`, `MERP-E`, `ICPS-mild`, `delay-30min`,
`minor-2`); nothing else in the project sees raw points.

Two numbers per grade. `cci` is the single-event value of the Comprehensive Complication
Index (Slankamenac 2013); `aggregate_points` combines them as the CCI does (Euclidean norm,
capped at 100) and stays the reported summary. `points` is the weight in the decision
model, where harm adds up over events (`learning.event_harm`; one event's points are capped
at a death's weight): a second identical harm costs what the first did. Permanent harm,
neonatal injury, MERP G-I and ICPS severe/death weigh more than CD-IIIb there (a teaching
assumption; reasons in docs/scoring-model.md, section 1).
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

SEVERITY_ORDER = ("none", "minor", "mild", "moderate", "severe", "death")


@dataclass(frozen=True)
class HarmGrade:
    grade: str
    scale: str
    points: float
    severity: str
    """none < minor < mild < moderate < severe < death; drives the safety rules."""
    permanent: bool = False
    reached_patient: bool = True
    cci: float = -1.0
    """CCI single-event weight for the reported summary (-1: same as `points`)."""

    @property
    def cci_points(self) -> float:
        return self.points if self.cci < 0 else self.cci

    @property
    def severity_rank(self) -> int:
        return SEVERITY_ORDER.index(self.severity)


PERMANENT = 60.0
"""Decision-model weight of permanent harm (teaching assumption): above CD-IVb (46.2, an
organ failure that resolves) because the loss lasts for life, and below death (100)."""
_CCI_OF = {"MERP-G": 33.7, "ICPS-severe": 33.7, "neonatal-injury": 33.7}
"""The summary keeps v1's CCI crosswalk for grades the decision model weighs higher."""

# grade -> (points, severity, permanent, reached_patient)
_TABLE: dict[str, tuple[float, str, bool, bool]] = {
    # Clavien-Dindo, weighted as single CCI events.
    "CD-I": (8.7, "mild", False, True),
    "CD-II": (20.9, "moderate", False, True),
    "CD-IIIa": (26.2, "moderate", False, True),
    "CD-IIIb": (33.7, "severe", False, True),
    "CD-IVa": (42.4, "severe", False, True),
    "CD-IVb": (46.2, "severe", False, True),
    "CD-V": (100.0, "death", True, True),
    # ClassIntra v1.0 (Dell-Kuster 2020), intra-procedural events.
    "ClassIntra-0": (0.0, "none", False, True),
    "ClassIntra-I": (2.0, "minor", False, True),
    "ClassIntra-II": (8.7, "mild", False, True),
    "ClassIntra-III": (20.9, "moderate", False, True),
    "ClassIntra-IV": (33.7, "severe", False, True),
    "ClassIntra-V": (100.0, "death", True, True),
    # NCC MERP medication error index: A-B did not reach the patient.
    "MERP-A": (0.0, "none", False, False),
    "MERP-B": (0.0, "none", False, False),
    "MERP-C": (0.0, "none", False, True),
    "MERP-D": (2.0, "minor", False, True),
    "MERP-E": (8.7, "mild", False, True),
    "MERP-F": (26.2, "moderate", False, True),
    "MERP-G": (PERMANENT, "severe", True, True),
    "MERP-H": (42.4, "severe", False, True),
    "MERP-I": (100.0, "death", True, True),
    # WHO ICPS degree of harm (also used for psychological harm).
    "ICPS-none": (0.0, "none", False, True),
    "ICPS-mild": (8.7, "mild", False, True),
    "ICPS-moderate": (20.9, "moderate", False, True),
    "ICPS-severe": (PERMANENT, "severe", True, True),
    # Injury to a newborn (skull fracture, brachial plexus injury, HIE): potentially lifelong.
    "neonatal-injury": (PERMANENT, "severe", True, True),
    "ICPS-death": (100.0, "death", True, True),
    # Below Clavien-Dindo I: transient discomfort, an extra needle pass, a near-miss.
    "minor-1": (1.0, "minor", False, True),
    "minor-2": (2.0, "minor", False, True),
    "minor-3": (3.0, "minor", False, True),
}

DELAY_POINTS_PER_HOUR = 8.7 / 2
"""Teaching assumption: two hours of avoidable delay in care weigh as one CD-I complication."""
DELAY_CAP = 20.9
"""Teaching assumption: delay alone never weighs more than a CD-II complication."""

_DELAY = re.compile(r"^delay-(\d+(?:\.\d+)?)(min|h)$")


class UnknownGrade(ValueError):
    pass


def parse_grade(text: str) -> HarmGrade:
    """Resolve an author's grade; a trailing `d` on a CD grade marks lasting disability."""
    text = text.strip()
    m = _DELAY.match(text)
    if m:
        minutes = float(m.group(1)) * (60 if m.group(2) == "h" else 1)
        points = min(DELAY_CAP, DELAY_POINTS_PER_HOUR * minutes / 60)
        severity = "minor" if points < 8.7 else ("mild" if points < 20.9 else "moderate")
        return HarmGrade(text, "delay", round(points, 3), severity)
    permanent_suffix = text.startswith("CD-") and text.endswith("d") and text[:-1] in _TABLE
    key = text[:-1] if permanent_suffix else text
    if key not in _TABLE:
        raise UnknownGrade(
            f"unknown harm grade {text!r}; use CD-I..CD-V, ClassIntra-0..V, MERP-A..I, "
            "ICPS-none/mild/moderate/severe/death, neonatal-injury, minor-1..3 or delay-<N>min"
        )
    points, severity, permanent, reached = _TABLE[key]
    cci = _CCI_OF.get(key, points)
    if permanent_suffix:
        severity, permanent = max(severity, "severe", key=SEVERITY_ORDER.index), True
        points = max(points, PERMANENT)
    return HarmGrade(text, key.split("-")[0], points, severity, permanent, reached, cci)


def aggregate_points(grades: list[HarmGrade] | tuple[HarmGrade, ...]) -> float:
    """The reported summary, as the CCI aggregates: sqrt(sum of squared single-event CCI
    weights), capped at 100. Not used for decisions (it discounts a second harm)."""
    return min(100.0, math.sqrt(sum(g.cci_points ** 2 for g in grades)))


_SCALE_NAMES = {"neonatal": "neonatal injury", "CD": "Clavien-Dindo",
                "ClassIntra": "ClassIntra", "MERP": "NCC MERP", "ICPS": "WHO ICPS",
                "minor": "minor", "delay": "delay in care"}


def describe_grade(text: str) -> str:
    """A short human reading of a grade for timelines and reports."""
    g = parse_grade(text)
    if g.scale == "minor":
        what = "minor discomfort below Clavien-Dindo I"
    elif g.scale == "delay":
        what = f"delay in care ({text.removeprefix('delay-')})"
    elif g.scale == "neonatal":
        what = "injury to the newborn"
    else:
        what = f"{_SCALE_NAMES[g.scale]} {text.split('-', 1)[1]}"
    return f"{what}, {g.severity}, {g.points:g} harm points"
