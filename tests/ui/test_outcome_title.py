"""The outcome screen at the larger text sizes (#13): its title wraps and the header takes
the lines it needs (it scrolled in a one-line box at Extra large in 1024x600), and no box on
the screen scrolls in fewer than three lines (the safety badges' "Unsicher" wrapped in their
fixed width), in English and German, in both windows."""

from __future__ import annotations

import dataclasses

import pygame
import pytest

from game.core.model import End
from game.i18n import Translator
from game.ui.review.outcome import OutcomeScene
from tests.ui.conftest import SIZES
from tests.ui.test_text_never_shrinks import STATES, draw_layers, problems, squeezed_scrollers

OUTCOMES = ("outcome", "outcome-red", "outcome-practice", "outcome-logged")


def _longest_end_title(library) -> str:
    """The longest ending title the shipped vignettes have (the outcome's title)."""
    return max((node.title for scenario in library.scenarios
                for node in scenario.nodes.values() if isinstance(node, End)), key=len)


def _german_or_english(make_ctx, size, text_size, language):
    ctx = make_ctx(size, text_size=text_size)
    ctx.t = Translator(language)
    ctx.settings = ctx.settings.with_(language=language, text_size=text_size)
    return ctx


@pytest.mark.parametrize("language", ["en", "de"])
@pytest.mark.parametrize("text_size", ["large", "x-large"])
@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
@pytest.mark.parametrize("name", OUTCOMES)
def test_no_outcome_box_scrolls_in_under_three_lines(make_ctx, tmp_path, name, size,
                                                     text_size, language):
    assert name in STATES
    ctx = _german_or_english(make_ctx, size, text_size, language)
    layers = draw_layers(ctx, name, str(tmp_path / "replay.jsonl"))
    found = squeezed_scrollers(ctx, layers)
    assert not found, f"{name} at {size} {text_size} {language}: " + "; ".join(found)
    glossary = next(p for p in layers[0] if p.text == ctx.t("Glossary"))  # labelled as such
    assert not glossary.scrolled


@pytest.mark.parametrize("language", ["en", "de"])
@pytest.mark.parametrize("text_size", ["large", "x-large"])
@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_a_long_title_wraps_and_the_header_takes_its_lines(make_ctx, library, tmp_path, size,
                                                           text_size, language):
    """The longest shipped ending title ("Hypoxic arrest after an unrecognised oesophageal
    tube") needs two lines at Extra large in 1024x600: it wraps, whole, at the heading size."""
    ctx = _german_or_english(make_ctx, size, text_size, language)
    long = _longest_end_title(library)
    scene = STATES["outcome-red"](ctx, str(tmp_path / "replay.jsonl"))[0]
    assert isinstance(scene, OutcomeScene)
    scene.resize()  # as the stack does when it pushes the scene
    one_line = scene.title_box.height
    scene.vm = dataclasses.replace(scene.vm, title=long)
    scene.resize()
    ctx.recorder = []
    scene.draw(pygame.Surface(ctx.size))
    title = next(p for p in ctx.recorder if p.text == long)
    assert not title.scrolled and title.px == ctx.font_px(ctx.metrics.heading)
    assert title.box.height >= title.rect.height
    if (size, text_size) == ((1024, 600), "x-large"):  # the case seen scrolling
        assert title.rect.height >= 2 * ctx.line_height(ctx.metrics.heading, True) > one_line
    assert not squeezed_scrollers(ctx, [ctx.recorder])
    assert not problems(ctx, [ctx.recorder], False)  # the body moved down, nothing overlaps


@pytest.mark.parametrize("text_size", ["normal", "x-large"])
@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_a_decisions_cue_keeps_a_readable_line(make_ctx, tmp_path, size, text_size):
    """Beside a wide badge (Extra large in 1024x600) the cue ran down a narrow column of a
    few words a line; it goes under the badge instead: 36 letters a line, or the row's width."""
    ctx = _german_or_english(make_ctx, size, text_size, "de")
    layers = draw_layers(ctx, "outcome-red", str(tmp_path / "replay.jsonl"))
    scene = STATES["outcome-red"](ctx, str(tmp_path / "replay.jsonl"))[0]
    assert isinstance(scene, OutcomeScene)
    scene.resize()
    rows = scene._row_rects()
    assert rows
    cues = [p for p in layers[0] if p.text.startswith(ctx.t("Decision {n}: {cue}", n=1, cue=""))]
    assert cues, "the first decision's cue is drawn"
    letters = ctx.theme.fonts.get(ctx.metrics.small, False).size("n" * 36)[0]
    full = rows[0].width - 2 * ctx.metrics.gap
    assert cues[0].box.width >= min(letters, full), (cues[0].box.width, letters, full)
