"""The Progress plot's marks: a long history shares marks without hiding an unsafe session."""

from __future__ import annotations

import pygame
import pytest

from game.app.progress import Point
from game.ui.progress.plot import draw_plot, marks, running_mean


def _points(ratings: str, regrets: list[float]) -> tuple[Point, ...]:
    names = {"g": "green", "a": "amber", "r": "red"}
    return tuple(Point(i + 1, f"2025-01-{i + 1:02d}", names[c], v)
                 for i, (c, v) in enumerate(zip(ratings, regrets)))


def test_one_mark_per_session_while_there_is_room():
    points = _points("gar", [0.5, 1.0, 2.0])
    shown, each = marks(points, 10)
    assert each == 1
    assert [(m.rating, m.regret) for m in shown] == [("green", 0.5), ("amber", 1.0),
                                                     ("red", 2.0)]
    assert [m.trend for m in shown] == running_mean([0.5, 1.0, 2.0])


def test_shared_marks_keep_the_worst_rating_and_the_mean_regret():
    points = _points("gggr" + "gagg" + "gg", [1.0, 1.0, 1.0, 5.0, 0.0, 2.0, 0.0, 2.0,
                                             3.0, 3.0])
    shown, each = marks(points, 3)
    assert each == 4  # ten sessions in at most three marks
    assert [m.rating for m in shown] == ["red", "amber", "green"]
    assert [m.regret for m in shown] == [2.0, 1.0, 3.0]
    means = running_mean([p.regret for p in points])
    assert [m.trend for m in shown] == [means[3], means[7], means[9]]


@pytest.mark.parametrize("count", [1, 40, 3200])
def test_never_more_marks_than_slots(count):
    points = _points("g" * count, [1.0] * count)
    shown, each = marks(points, 137)
    assert len(shown) <= 137 and len(shown) * each >= count
    assert len(shown) == min(count, 137) or each > 1


def test_plot_says_how_many_sessions_a_mark_holds(make_ctx):
    ctx = make_ctx((1024, 600), text_size="x-large")
    points = _points("g" * 3200, [1.0] * 3200)
    draw_plot(ctx, pygame.Surface((1024, 600)), pygame.Rect(20, 20, 900, 400), points)
    said = [p for p in ctx.recorder if p.text.startswith("each mark: ")]
    assert len(said) == 1 and not said[0].scrolled
    assert said[0].box.contains(said[0].rect)
