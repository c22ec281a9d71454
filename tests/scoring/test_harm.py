from __future__ import annotations

import math

import pytest

from game.scoring.harm import UnknownGrade, aggregate_points, parse_grade


def test_single_events_carry_cci_points():
    assert parse_grade("CD-I").points == 8.7
    assert parse_grade("CD-IIIa").points == 26.2
    assert parse_grade("CD-V").severity == "death"


def test_several_events_aggregate_as_the_cci_does():
    # CCI = sqrt(sum of weights) / 2 with weights 300 (I) and 1750 (II)
    combined = aggregate_points([parse_grade("CD-I"), parse_grade("CD-II")])
    assert combined == pytest.approx(math.sqrt(300 + 1750) / 2, abs=0.05)
    assert aggregate_points([parse_grade("CD-V")] * 3) == 100.0


def test_scales_and_special_grades():
    assert not parse_grade("MERP-B").reached_patient
    assert parse_grade("MERP-G").permanent and parse_grade("MERP-G").severity == "severe"
    assert parse_grade("ClassIntra-IV").severity == "severe"
    assert parse_grade("CD-IIId" if False else "CD-IIIad").permanent
    assert parse_grade("delay-120min").points == pytest.approx(8.7)
    assert parse_grade("delay-2h").points == pytest.approx(8.7)
    assert parse_grade("delay-2000min").points == 20.9
    assert parse_grade("minor-2").points == 2.0


@pytest.mark.parametrize("bad", ["CD-VI", "MERP-Z", "delay-soon", "", "cd-i"])
def test_unknown_grades_are_refused(bad):
    with pytest.raises(UnknownGrade):
        parse_grade(bad)
