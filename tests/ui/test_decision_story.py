"""#13: beside a decision's cue its narration reads whole, without scrolling.

At Extra large text in a 1024x600 window a decision point's cue moves to a box at the foot
of the left column. The narration that led to the decision (what the trainee is doing) was
then squeezed into what the column had left: a few lines that scrolled, or nothing at all.
Now the decision's box holds that narration above the cue, and the picture gives way.
"""

from __future__ import annotations

import pygame
import pytest

from game.i18n import Translator
from game.ui.play.decision_layout import panel_regions
from game.ui.play.play import PlayScene
from game.ui.play.play_draw import earlier_lines, left_column
from game.ui.shell.context import UiContext
from tests.ui.helpers import press, run_until, start_play

FIRST_DECISIONS = ["lumbar_puncture", "laparoscopic_trocar", "caesarean_full_dilatation"]


def _at_first_decision(make_ctx, scenario_id: str, language: str,
                       meters: bool = True) -> tuple[UiContext, PlayScene]:
    ctx = make_ctx((1024, 600), text_size="x-large")
    ctx.t = Translator(language)
    ctx.settings = ctx.settings.with_(language=language, text_size="x-large",
                                      show_meters=meters)
    play = start_play(ctx, ctx.services.catalogue().get(scenario_id))
    run_until(play, "decision")
    return ctx, play


def _drawn(ctx: UiContext, play: PlayScene) -> list:
    ctx.recorder = []
    play.draw(pygame.Surface(ctx.size))
    return list(ctx.recorder)


@pytest.mark.parametrize("language", ["en", "de"])
@pytest.mark.parametrize("scenario_id", FIRST_DECISIONS)
def test_the_decisions_narration_reads_whole_beside_its_cue(make_ctx, home, scenario_id,
                                                             language):
    ctx, play = _at_first_decision(make_ctx, scenario_id, language)
    story = play.lines[-1].text
    assert play.vm.narration == story, "the decision keeps the story that led to it"
    regions = panel_regions(ctx, play.layout, play.vm)
    assert "info" in regions and "story" in regions
    placed = {p.text: p for p in _drawn(ctx, play)}
    for text in (story, play.vm.cue, play.vm.countdown):
        assert text in placed, f"{text[:40]!r} is not on screen"
        assert not placed[text].scrolled, f"{text[:40]!r} scrolls"
        assert regions["info"].contains(placed[text].box)
    assert left_column(play)[1] is not None, "the meters shown stay on screen"


def test_the_story_is_not_read_twice_and_returns_to_the_narration(make_ctx, home):
    ctx, play = _at_first_decision(make_ctx, "laparoscopic_trocar", "en")
    story = play.lines[-1].text
    assert story not in [line.text for line in earlier_lines(play)]
    texts = [p.text for p in _drawn(ctx, play)]
    assert texts.count(story) == 1
    chosen = play.vm.options[1]
    play.apply(play_command(play, chosen.id))
    run_until(play, "narration")
    assert story in [line.text for line in earlier_lines(play)]


def test_paused_with_no_picture_the_heading_says_so(make_ctx, home):
    """The picture the paused mark shades is not drawn here: the decision's heading says
    how to resume, and nothing is drawn over the decision's words."""
    ctx, play = _at_first_decision(make_ctx, "lumbar_puncture", "en")
    assert left_column(play)[0].height == 0
    play.paused = True
    play.update(0)
    texts = [p.text for p in _drawn(ctx, play)]
    assert "‖ Paused: P resumes" in texts
    assert "‖ Paused: press P to resume" not in texts


def test_where_there_is_room_the_narration_column_keeps_the_story(make_ctx, home):
    """At 1280x720 the cue stays in the panel and the story in the narration column."""
    ctx = make_ctx((1280, 720), text_size="large")
    play = start_play(ctx, ctx.services.catalogue().get("laparoscopic_trocar"))
    run_until(play, "decision")
    assert "story" not in panel_regions(ctx, play.layout, play.vm)
    assert earlier_lines(play) == play.lines
    assert left_column(play)[0].height > 0


def play_command(play: PlayScene, option: str):
    from game.core.commands import Intervene
    return Intervene(play.node_id, option)


@pytest.mark.parametrize("size", [(1280, 720), (1024, 600)], ids=["1280x720", "1024x600"])
def test_the_tutorials_options_mark_reads_whole_beside_the_decisions_box(make_ctx, tmp_path,
                                                                          size):
    """The options' coach mark keeps clear of the cue it answers, not of the narration above
    it: kept clear of the whole box, it had too little room and scrolled."""
    from tests.ui.screens import draw_screen
    ctx = make_ctx(size, text_size="x-large")
    draw_screen(ctx, "coach-options", str(tmp_path / "replay.jsonl"))
    assert not [p.text[:40] for p in ctx.recorder if p.scrolled]


def test_page_keys_scroll_a_decisions_narration_too_long_for_its_box(make_ctx, home):
    """Where the decision's narration is taller than its part of the box (a long German
    paragraph), it scrolls with a bar, and Page Down/Up scroll it: the arrows move between
    the options here, and the narration column is not drawn."""
    ctx, play = _at_first_decision(make_ctx, "lumbar_puncture", "en")
    play.story = " ".join([play.story] * 4)
    play._sync()
    assert play.vm.narration == play.story

    def story_offset() -> int:
        placed = {p.text: p for p in _drawn(ctx, play)}[play.story]
        assert placed.scrolled
        (region,) = [r for r in ctx.scrolls.regions.values() if r.box == placed.box]
        return ctx.scrolls.offset(region.key, region.limit)

    assert story_offset() == 0
    press(play, pygame.K_PAGEDOWN)
    down = story_offset()
    assert down > ctx.line_height(ctx.metrics.body)  # a page: more than one line
    press(play, pygame.K_PAGEUP)
    assert story_offset() == 0
    assert play.focus.current == next(o.id for o in play.vm.options if o.is_default)


def test_a_title_longer_than_two_heading_lines_is_set_at_body_size(make_ctx, home):
    """The header's vignette title took three heading lines in German at Extra large in
    1024x600, the room a decision's words need; there it is set at body size (the chosen
    size still, whole), and a shorter title keeps the heading size."""
    ctx, play = _at_first_decision(make_ctx, "caesarean_full_dilatation", "de")
    m = ctx.metrics
    assert play.title_size == m.body
    title = [p for p in _drawn(ctx, play) if p.box == play.layout.header]
    assert len(title) == 1 and not title[0].scrolled and title[0].requested == m.body
    ctx = make_ctx((1280, 720))
    play = start_play(ctx, ctx.services.catalogue().get("lumbar_puncture"))
    assert play.title_size == ctx.metrics.heading
