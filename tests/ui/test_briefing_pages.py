"""#13: the briefing's columns scroll like the debrief's pages.

They used to move by whole sections and cards: where the next block did not fit whole,
the rest of the column stayed empty (at Extra large in 1024x600 most of it). Now a block
that would leave the rest of a screen empty is cut between two lines of its text, its
first lines end the screen and the rest begins the next (`game.ui.debrief.page`).
"""

from __future__ import annotations

import itertools

import pygame
import pytest

from game.i18n import Translator
from game.ui.debrief.page import SPLIT_FROM
from game.ui.play.briefing import BriefingScene
from game.ui.shell.input import Act, Intent
from tests.ui.conftest import SIZES


def _briefings(make_ctx, library, text_sizes=("large", "x-large")):
    for scenario, size, text_size, language in itertools.product(
            library.scenarios, SIZES, text_sizes, ("en", "de")):
        ctx = make_ctx(size, text_size=text_size)
        ctx.t = Translator(language)
        ctx.settings = ctx.settings.with_(language=language, text_size=text_size)
        scene = BriefingScene(ctx, scenario)
        scene.resize()
        yield ctx, scene


def _empty_below(scene: BriefingScene, column: str) -> int:
    """The room under the last block shown, down to the room kept for the hint."""
    page = scene.pages[column]
    area = scene.layout.left if column == "left" else scene.cards_area
    last = max(rect.bottom for _, rect in scene.shown[column])
    return area.y + page.room - last


def test_no_screen_but_the_last_leaves_its_column_mostly_empty(make_ctx, library):
    cut = 0
    for ctx, scene in _briefings(make_ctx, library):
        for column in ("left", "right"):
            page = scene.pages[column]
            if not page.scrolls:
                continue
            scene.on_intent(Intent(Act.HOVER, pos=(
                scene.layout.left if column == "left" else scene.cards_area).center))
            for start in page.starts[:-1]:
                page.first = start
                scene._place()
                # less than the rest a block is cut for, or than three lines and a
                # panel's padding (a cut leaves no lone line behind)
                most = max(page.room // SPLIT_FROM,
                           3 * ctx.line_height(ctx.metrics.body) + 2 * ctx.metrics.gap)
                assert _empty_below(scene, column) - page.gap < most, \
                    (scene.scenario.id, ctx.size, column, start)
            cut += len(page.needs) > (len(scene.sections) if column == "left"
                                      else len(scene.vm.profiles))
    assert cut, "no briefing here had a block cut between screens"


@pytest.mark.parametrize("language", ["en", "de"])
def test_the_more_line_shows_whole_when_more_lies_below(make_ctx, library, language):
    ctx = make_ctx((1024, 600), text_size="x-large")
    ctx.t = Translator(language)
    ctx.settings = ctx.settings.with_(language=language, text_size="x-large")
    scene = BriefingScene(ctx, library.get("lumbar_puncture"))
    scene.resize()
    assert len(scene.cards) < len(scene.vm.profiles)
    ctx.recorder = []
    scene.draw(pygame.Surface(ctx.size))
    (more,) = [p for p in ctx.recorder if p.text == scene.more("right")]
    assert not more.scrolled and scene.cards_area.contains(more.box)
    assert all(not more.box.colliderect(r) for r in scene.cards.values())


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_no_more_line_when_every_card_is_shown(make_ctx, library, size):
    ctx = make_ctx(size, text_size="small")
    scene = BriefingScene(ctx, library.get("lumbar_puncture"))
    scene.resize()
    assert not scene.pages["right"].scrolls
    ctx.recorder = []
    scene.draw(pygame.Surface(ctx.size))
    assert scene.more("right") not in [p.text for p in ctx.recorder]


def test_page_keys_move_a_screen_and_the_wheel_a_block(make_ctx, library):
    ctx = make_ctx((1024, 600), text_size="x-large")
    scene = BriefingScene(ctx, library.get("lumbar_puncture"))
    scene.resize()
    page = scene.pages["left"]
    assert page.scrolls and len(page.starts) > 1
    scene.on_intent(Intent(Act.SCROLL, amount=5))
    assert page.first == page.starts[1]
    scene.on_intent(Intent(Act.SCROLL, amount=-1))
    assert page.first == page.starts[1] - 1
    scene.on_intent(Intent(Act.SCROLL, amount=-5))
    assert page.first == 0


def test_a_cut_card_or_section_says_what_it_continues(make_ctx, library):
    ctx = make_ctx((1024, 600), text_size="x-large")
    ctx.t = Translator("de")
    ctx.settings = ctx.settings.with_(language="de", text_size="x-large")
    scene = BriefingScene(ctx, ctx.services.catalogue().get("lumbar_puncture"))  # in German
    scene.resize()
    page = scene.pages["left"]
    assert len(page.starts) > 1
    scene.on_intent(Intent(Act.SCROLL, amount=5))
    ctx.recorder = []
    scene.draw(pygame.Surface(ctx.size))
    inside = [p for p in ctx.recorder if scene.layout.left.contains(p.box)]
    first = min(inside, key=lambda p: p.box.y)
    labels = {f"{head} (Fortsetzung)".upper() for head, _ in scene.sections}
    assert first.text in labels, first.text  # here the setting is cut after its first lines
