"""#13: a block cut between two screens of a debrief page says what its rest continues.

A page scrolls by blocks and cuts one between two lines of its text where moving it whole
would leave a screen mostly empty (`page.paginate`). The rest that begins the next screen
had no label, so it read as a block of its own; now it opens with one ("DECISION 2
(CONTINUED)", a section's label, a trainee's name in the briefing), translated.
"""

from __future__ import annotations

import pygame
import pytest

from game.i18n import Translator
from game.ui.debrief.debrief_draw import page_build
from game.ui.debrief.page import label_piece, panel_block, text_piece
from game.ui.kit.panels import bar_width
from tests.ui.helpers import press
from tests.ui.test_debrief_pages import _scene, _shown, log  # noqa: F401 (a fixture)

LONG = " ".join(["The trainee advanced the needle while the supervisor watched."] * 8)


def _drawn(ctx, block, width: int) -> list[str]:
    ctx.recorder = []
    block.draw(pygame.Surface(ctx.size), pygame.Rect(0, 0, width, block.need))
    return [p.text for p in ctx.recorder]


@pytest.mark.parametrize("language", ["en", "de"])
def test_the_rest_of_a_cut_block_names_what_it_continues(make_ctx, language):
    ctx = make_ctx((1024, 600), text_size="x-large")
    ctx.t = Translator(language)
    block = panel_block(ctx, [text_piece(ctx, LONG, ctx.metrics.body)], 480,
                        title=ctx.t("Decision {n}", n=2))
    assert block.split is not None
    head, rest = block.split(block.need // 2)
    label = {"en": "DECISION 2 (CONTINUED)", "de": "ENTSCHEIDUNG 2 (FORTSETZUNG)"}[language]
    assert label not in _drawn(ctx, head, 480)
    assert _drawn(ctx, rest, 480)[0] == label
    assert rest.split is not None  # cut again, its rest says the same
    _, again = rest.split(rest.need // 2)
    assert _drawn(ctx, again, 480)[0] == label


def test_a_section_is_named_by_its_own_label(make_ctx):
    ctx = make_ctx((1024, 600), text_size="x-large")
    block = panel_block(ctx, [label_piece(ctx, "Why the model's best"),
                              text_piece(ctx, LONG, ctx.metrics.body)], 480)
    _, rest = block.split(block.need // 2)
    assert _drawn(ctx, rest, 480)[0] == "WHY THE MODEL'S BEST (CONTINUED)"


def test_a_block_with_no_name_is_cut_without_a_label(make_ctx):
    ctx = make_ctx((1024, 600), text_size="x-large")
    block = panel_block(ctx, [text_piece(ctx, LONG, ctx.metrics.body)], 480)
    _, rest = block.split(block.need // 2)
    assert not any("(CONTINUED)" in text for text in _drawn(ctx, rest, 480))


@pytest.mark.parametrize("language", ["en", "de"])
def test_the_debriefs_screens_label_each_continued_block(make_ctx, library, log,  # noqa: F811
                                                         language):
    """Paging through the reactions, the timeline and each decision's analysis at Extra
    large in 1024x600: every cut (a block more on the page than the build made) gives one
    screen that opens with the label of what it continues."""
    scene = _scene(make_ctx, library, log, language=language)
    ctx, word = scene.ctx, {"en": "(CONTINUED)", "de": "(FORTSETZUNG)"}[language]
    cuts = 0
    for phase in range(3):
        for k in range(scene.count(phase) if phase == 2 else 1):
            scene.phase, scene.index[phase] = phase, k
            page = scene.pages[phase]
            page.first = 0
            _shown(scene)
            build, _ = page_build(scene, scene.vm, scene.layout.body)
            width = scene.layout.body.width - bar_width(ctx) - ctx.metrics.gap
            made = len(build(width)) if page.scrolls else len(page.needs)
            labelled = 0
            for start in page.starts[1:]:
                press(scene, pygame.K_PAGEDOWN)
                assert page.first == start
                first = _first_in(scene)
                labelled += word in first
            assert labelled == len(page.needs) - made, (phase, k)
            cuts += labelled
    assert cuts, "no block here was cut between two screens"


def _first_in(scene) -> str:
    """The first text drawn in the page's body (its top block's first line)."""
    scene.ctx.recorder = []
    scene.draw(pygame.Surface(scene.ctx.size))
    inside = [p for p in scene.ctx.recorder if scene.layout.body.contains(p.box)]
    return min(inside, key=lambda p: (p.box.y, p.box.x)).text if inside else ""
