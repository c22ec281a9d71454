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


def test_counts_fit_a_cell_in_four_characters():
    from game.ui.progress.calibration_plot import compact
    assert [compact(n) for n in (7, 999, 1053, 9949, 12_400)] == ["7", "999", "1.1k", "9.9k",
                                                                  "12k"]


@pytest.mark.parametrize("size", [(1280, 720), (1024, 600)])
def test_calibration_picture_shows_the_grid_beside_its_words(make_ctx, home, size):
    from game.app.profiles import create_profile, switch_to
    from game.store import open_history
    from game.ui.progress.calibration_plot import CAPTION
    from game.ui.progress.progress import ProgressScene
    from tests.store.generate import Habits, history
    db, _ = open_history()
    with db:
        me = create_profile(db, "Reader")
        db.add_many([r.with_(player=me.id) for r in history(
            30, Habits(trust_bias={"confident_junior": 2}))])
    switch_to(me)
    ctx = make_ctx(size, text_size="x-large")
    scene = ProgressScene(ctx)
    scene.resize()
    scene.page = 2
    counts = [sum(row) for row in scene.vm.matrix]
    assert sum(counts) == 30
    over = sum(n for level, row in enumerate(scene.vm.matrix)
               for rating, n in enumerate(row) if rating > level)
    assert over >= 10  # the confident juniors rated two levels too high
    scene.draw(pygame.Surface(size))
    cells = [p for p in ctx.recorder if p.text.isdigit() and p.requested == ctx.metrics.small]
    assert sum(int(p.text) for p in cells) == 30 + 2 * 15  # the counts and the 1-5 labels
    caption = next(p for p in ctx.recorder if p.text == CAPTION)
    words = [p for p in ctx.recorder if p.requested == ctx.metrics.body]
    assert all(p.box.x > max(c.rect.right for c in cells) for p in words)
    assert all(not p.scrolled and p.box.contains(p.rect) for p in words + cells + [caption])


def test_enter_on_what_next_opens_the_recommended_briefing(ctx, home):
    from game.app.profiles import create_profile, switch_to
    from game.store import open_history
    from game.ui.progress.progress import WHAT_NEXT, ProgressScene
    from game.ui.shell.input import key_event
    from game.ui.shell.scene import Push
    from tests.store.generate import Habits, history
    db, _ = open_history()
    with db:
        me = create_profile(db, "Reader")
        db.add_many([r.with_(player=me.id) for r in history(
            12, Habits(scenarios=("lumbar_puncture", "medication_dosing")))])
    switch_to(me)
    scene = ProgressScene(ctx)
    scene.resize()
    assert scene.handle_event(key_event(pygame.K_RETURN)) is None  # only on What next
    scene.page = WHAT_NEXT
    vignette, trainee = scene.vm.next_play
    scene.draw(pygame.Surface(ctx.size))
    assert any(p.text.startswith("Enter play it · ") for p in ctx.recorder)
    result = scene.handle_event(key_event(pygame.K_RETURN))
    assert isinstance(result, Push) and result.scene.name == "briefing"
    assert result.scene.scenario.id == vignette and result.scene.selected == trainee
    title = ctx.services.catalogue().get(vignette).title
    assert scene.vm.pages[WHAT_NEXT].lines[0][1].startswith(f"Play {title} with ")
