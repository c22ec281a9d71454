"""Progress from generated histories: it finds the habits the generator gave the supervisor."""

from __future__ import annotations

import pytest

from game.app.progress import Group, groups, progress
from tests.store.generate import Habits, history


def test_safety_ranks_before_regret_in_every_grouping():
    safe_but_costly = Group("a", 4, 0, 0, 5.0)
    one_unsafe = Group("b", 4, 1, 0, 0.0)
    one_caution = Group("c", 4, 0, 1, 0.0)
    ordered = sorted([safe_but_costly, one_caution, one_unsafe], key=Group.weakness)
    assert [g.name for g in ordered] == ["b", "c", "a"]


def test_the_unsafe_category_and_distance_come_first_and_are_named():
    records = history(36, Habits(unsafe_in=frozenset({"medication"})))
    p = progress(records)
    assert p.by_category[0].name == "medication" and p.by_category[0].unsafe == 6
    assert all(g.unsafe == 0 for g in p.by_category[1:])
    assert "Your weakest kind of failure is medication: 6 of 6 unsafe." in p.tendencies
    p = progress(history(36, Habits(unsafe_at=frozenset({"distant"}))))
    assert p.by_distance[0].name == "distant"
    assert "You are least safe when supervising at a distance: 12 of 12 unsafe." in \
        p.tendencies
    assert p.tendencies.index(
        "You are least safe when supervising at a distance: 12 of 12 unsafe.") < \
        next(i for i, s in enumerate(p.tendencies) if "regret" in s)


@pytest.mark.parametrize("early, words", [
    (3.0, "You usually step in about 3 s before you need to."),
    (-4.0, "You usually step in about 2 s after the best moment."),
    (0.0, "You usually step in at about the best moment.")])
def test_moment_of_stepping_in_against_the_best_moment(early, words):
    p = progress(history(12, Habits(early_s=early)))
    assert p.timing.decisions == 12 and words in p.tendencies


def test_without_best_moments_the_wait_is_told_and_the_gap_is_said():
    p = progress(history(12, Habits(with_moments=False)))
    assert p.timing.median_offset_s is None and p.timing.median_wait_s == 10.0
    assert any("once the scoring model gives it" in s for s in p.tendencies)


@pytest.mark.parametrize("bias, words", [(2, "more than needed"), (-2, "hold back"),
                                         (0, None)])
def test_rung_bias_is_named(bias, words):
    records = history(30, Habits(rung_bias=bias))
    p = progress(records)
    found = [s for s in p.tendencies if "rungs" in s]
    assert (found[0] if found else None) is None if words is None else words in found[0]


def test_trends_in_regret_and_the_risk_weight_interval():
    p = progress(history(20, Habits(regret=(2.0, 0.2))))
    assert any(s.startswith("Your regret fell from") for s in p.tendencies)
    assert p.intervals[0].low < p.intervals[-1].low
    assert any("you now weigh harm to the patient more" in s for s in p.tendencies)
    assert "No unsafe choice in your last 20 sessions." == p.tendencies[0]


def test_abandoned_sessions_count_as_played_not_scored():
    records = history(8)
    records[3] = records[3].with_(status="abandoned", regret=None, safety_rating="")
    p = progress(records)
    assert (p.finished, p.abandoned) == (7, 1) and len(p.points) == 7


def test_small_histories_make_no_claims():
    p = progress(history(3, Habits(with_moments=False)))
    assert not any("regret" in s or "unsafe" in s for s in p.tendencies)
    assert progress([]).tendencies == ()


def test_groups_name_missing_values():
    records = [r.with_(category="") for r in history(3)]
    assert [g.name for g in groups(records, lambda r: r.category)] == ["unknown"]
