"""Harm grades in a clinician's words (pure; no pygame).

Issue 13: raw codes showed as harm ("MERP-B" although B means the error never reached the
patient; "minor-1", "delay-30min"). The words come from the grade's severity and whether it
reached the patient, as the scoring crosswalk (`game.scoring.harm`) classifies it; the code
stays beside them as a detail for those who know the scale.
"""

from __future__ import annotations

from game.i18n import Tr, english
from game.scoring.harm import UnknownGrade, parse_grade

_SEVERITY_WORDS = {
    "none": "reached the patient without harm",
    "minor": "minor harm, passing quickly",
    "mild": "mild harm that needed a little treatment",
    "moderate": "moderate harm that needed treatment",
    "severe": "severe harm",
    "death": "death",
}


_GRADE_WORDS = {
    # NCC MERP index, category D: reached the patient, needed monitoring to confirm no harm
    # and/or intervention to preclude harm (nccmerp.org/medErrorCatIndex.html, as summarised
    # in the project's scoring research). The model weighs it as minor; the words say what D is.
    "MERP-D": "reached the patient; needed monitoring or treatment to prevent harm",
}
"""Grades whose scale says something more exact than their severity's words."""


def harm_words(grade: str, t: Tr = english) -> str:
    """A harm grade in a clinician's words with its code as a detail: "MERP-B" is "error
    caught before it reached the patient (MERP-B)", never "harm MERP-B"."""
    try:
        harm = parse_grade(grade)
    except UnknownGrade:
        return grade
    if grade in _GRADE_WORDS:
        words = t(_GRADE_WORDS[grade])
    elif not harm.reached_patient:
        words = t("error caught before it reached the patient")
    elif harm.scale == "delay":
        words = t("a delay in care")
    else:
        words = t(_SEVERITY_WORDS[harm.severity])
    if harm.permanent and harm.severity != "death":
        words = t("{words}, lasting for life", words=words)
    return f"{words} ({grade})"


def harm_is_real(grade: str) -> bool:
    """Whether a grade hurt the patient at all (an intercepted error or "no harm" did not)."""
    try:
        harm = parse_grade(grade)
    except UnknownGrade:
        return True
    return harm.reached_patient and harm.severity != "none"
