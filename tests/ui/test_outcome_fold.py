"""The outcome's decisions below the fold are visibly there: a scroll bar beside the list,
and Down (or the wheel) brings them up (#13: a third decision was hidden with only a footer
hint)."""

from __future__ import annotations

import pygame
import pytest

from game.core.state import SessionConfig
from game.headless import ScriptedPolicy, play_out
from game.replay.session import RecordedSession
from game.scoring.params import ModelParams
from game.ui.kit.panels import bar_width
from game.ui.review.outcome import OutcomeScene
from tests.ui.helpers import press


def _three_decisions(library):
    scenario = library.get("npwt_dressing")
    for seed in range(1, 40):
        config = SessionConfig(scenario.id, seed, scenario.trainees[-1].id)
        done = play_out(RecordedSession(scenario, config, ModelParams(), None),
                        ScriptedPolicy("watch", seed=seed))
        if len(done.score.decisions) >= 3:
            return scenario, done
    raise AssertionError("no seed with three decisions")


def _bar_pixels(scene: OutcomeScene, surface: pygame.Surface) -> int:
    area = scene.layout.decisions
    w = bar_width(scene.ctx)
    accent = pygame.Color(*scene.ctx.palette.accent)
    return sum(surface.get_at((area.right - w // 2 - 1, y)) == accent
               for y in range(area.y, area.bottom))


def test_decisions_below_the_fold_show_a_scroll_bar_and_scroll(make_ctx, library):
    ctx = make_ctx((1024, 600), text_size="x-large")
    scenario, done = _three_decisions(library)
    scene = OutcomeScene(ctx, scenario, done)
    scene.resize()
    assert scene.per_page < len(done.score.decisions)
    surface = pygame.Surface(ctx.size)
    scene.draw(surface)
    top_thumb = _bar_pixels(scene, surface)
    assert top_thumb > 0, "no scroll bar beside the decisions"
    assert all(r.right <= scene.layout.decisions.right - bar_width(ctx) for r in scene.rows)
    press(scene, pygame.K_DOWN)
    assert scene.offset == 1
    ctx.recorder = []
    scene.draw(surface)
    assert any(p.text.startswith("Decision 2") for p in ctx.recorder)


def test_no_scroll_bar_when_every_decision_fits(make_ctx, library):
    ctx = make_ctx((1280, 720))
    scenario = library.get("psychotherapy_hypothesis")  # one decision point
    config = SessionConfig(scenario.id, 1, scenario.trainees[0].id)
    done = play_out(RecordedSession(scenario, config, ModelParams(), None),
                    ScriptedPolicy("watch", seed=1))
    scene = OutcomeScene(ctx, scenario, done)
    scene.resize()
    assert scene.per_page >= len(done.score.decisions) == 1
    surface = pygame.Surface(ctx.size)
    scene.draw(surface)
    assert _bar_pixels(scene, surface) == 0


def _scenario_ids():
    from game.content.catalogue import load_catalogue
    from game.paths import scenarios_dir
    return [s.id for s in load_catalogue(scenarios_dir()).scenarios]


@pytest.mark.parametrize("size", [(1280, 720), (1024, 600)], ids=lambda s: f"{s[0]}x{s[1]}")
@pytest.mark.parametrize("scenario_id", _scenario_ids())
def test_the_summary_and_reflection_questions_are_never_dropped(make_ctx, library,
                                                                 scenario_id, size):
    """Extra-large text: the ending, the safety words and every reflection question are on
    the screen (whole, or in a box that scrolls), never left out for want of room."""
    ctx = make_ctx(size, text_size="x-large")
    scenario = library.get(scenario_id)
    config = SessionConfig(scenario.id, 1, scenario.trainees[0].id)
    done = play_out(RecordedSession(scenario, config, ModelParams(), None),
                    ScriptedPolicy("watch", seed=1))
    scene = OutcomeScene(ctx, scenario, done)
    scene.resize()
    ctx.recorder = []
    scene.draw(pygame.Surface(size))
    drawn = "\n".join(p.text for p in ctx.recorder)
    for part in (scene.vm.text, scene.vm.detail, *scene.vm.prompts):
        assert part in drawn, f"left out: {part[:50]}"
    assert all(p.px == ctx.font_px(p.requested) for p in ctx.recorder)
