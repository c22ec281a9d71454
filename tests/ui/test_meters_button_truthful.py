"""#13: the Meters button says what the screen shows.

At Extra large text in a 1024x600 window a decision point's cue moves to a box at the foot
of the narration column. The meters used to give way to it while the Meters button stayed
marked as shown. Now they stay on screen (above the cue's box; the procedure view gives
up the room), so the button's mark and the screen agree in every phase, and M still hides
them.
"""

from __future__ import annotations

import itertools

import pytest

from game.ui.play.decision_layout import panel_regions
from game.ui.play.play import PlayScene
from game.ui.play.play_draw import left_column
from game.ui.shell.input import Act, Intent
from tests.ui.helpers import run_until, start_play


def _marked(play: PlayScene) -> bool:
    return next(b for b in play.controls if b.id == "meters").selected


def _drawn(play: PlayScene) -> bool:
    return left_column(play)[1] is not None


@pytest.mark.parametrize("scenario_id", ["lumbar_puncture", "laparoscopic_trocar",
                                         "caesarean_full_dilatation"])
def test_the_meters_button_matches_the_screen_at_every_phase(make_ctx, home, scenario_id):
    ctx = make_ctx((1024, 600), text_size="x-large")
    ctx.settings = ctx.settings.with_(show_meters=True)
    play = start_play(ctx, ctx.services.catalogue().get(scenario_id))
    assert play.show_meters
    run_until(play, "decision")
    regions = panel_regions(ctx, play.layout, play.vm)
    assert "info" in regions, "the cue should sit at the foot of the column here"
    assert _marked(play) and _drawn(play), "meters marked shown but not drawn"
    procedure, strip, narration = left_column(play)
    boxes = [r for r in (procedure, strip, narration, regions["info"]) if r is not None]
    for a, b in itertools.combinations(boxes, 2):
        assert not a.colliderect(b), f"{a} overlaps {b}"
    play.on_intent(Intent(Act.METERS))
    assert not _marked(play) and not _drawn(play)
    play.on_intent(Intent(Act.METERS))
    assert _marked(play) and _drawn(play)
    run_until(play, "narration")
    assert _marked(play) and _drawn(play)


def test_a_narration_too_short_for_three_lines_is_not_drawn(make_ctx, home):
    """Beside the cue's box the narration keeps what is left only when that is three lines
    (one line scrolling in a sliver was unreadable)."""
    for size, text_size in [((1024, 600), "x-large"), ((1280, 720), "x-large"),
                            ((1024, 600), "large")]:
        ctx = make_ctx(size, text_size=text_size)
        play = start_play(ctx, ctx.services.catalogue().get("lumbar_puncture"))
        run_until(play, "decision")
        narration = left_column(play)[2]
        need = ctx.line_height(ctx.metrics.body) * 3
        assert narration is None or narration.height >= need, (size, text_size)


@pytest.mark.parametrize("language", ["en", "de"])
def test_beside_the_cue_the_meters_take_one_line(make_ctx, home, language):
    """Above the moved cue the strip shows each ledger's word, number and bar on one line,
    so the procedure view keeps more of its room; the words are whole, at the chosen size."""
    import pygame

    from game.i18n import Translator
    from game.ui.play.play_draw import meter_rects
    ctx = make_ctx((1024, 600), text_size="x-large")
    ctx.t = Translator(language)
    ctx.settings = ctx.settings.with_(language=language, show_meters=True, text_size="x-large")
    play = start_play(ctx, ctx.services.catalogue().get("laparoscopic_trocar"))
    run_until(play, "decision")
    strip = left_column(play)[1]
    full = meter_rects(ctx, play.layout, True)[0]
    assert strip is not None and full is not None and strip.height < full.height
    ctx.recorder = []
    play.draw(pygame.Surface(ctx.size))
    words = [p for p in ctx.recorder if p.text in ("▲ " + play.meters.learning_short,
                                                   "⚠ " + play.meters.harm_short)]
    assert len(words) == 2 and not any(p.scrolled for p in words)
    assert all(strip.contains(p.box) for p in words)


def test_while_the_story_runs_the_narration_keeps_the_line_the_meters_give_up(make_ctx, home):
    """At Extra large "Learning so far: 4.9" wraps; the strip's one-line form leaves the
    narration (the story read in real time) a line more."""
    from game.ui.play.play_draw import meter_rects
    ctx = make_ctx((1024, 600), text_size="x-large")
    ctx.settings = ctx.settings.with_(show_meters=True, text_size="x-large")
    play = start_play(ctx, ctx.services.catalogue().get("lumbar_puncture"))
    play.update(500)
    assert play.vm.phase == "narration"
    _, strip, narration = left_column(play)
    full, rest = meter_rects(ctx, play.layout, True)
    assert strip is not None and full is not None and narration is not None
    assert strip.height < full.height and narration.height > rest.height
