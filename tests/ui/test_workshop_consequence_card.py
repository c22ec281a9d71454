"""The workshop's "What happened" card (#13): what the room's choice did, at the chosen size.

At Extra large in 1024x600 the card was one block of text in the right panel that scrolled,
even with the stage squeezed to a quarter of the width. It now says what the play screen's
card says, each part under a heading (what you did, what the trainee did, the patient), and
where the panel cannot hold it, it covers the stage too, its parts placed by the play
card's measured plan (`kit.card_columns`).
"""

from __future__ import annotations

import pygame
import pytest

from game.i18n import Translator
from game.ui.workshop import consequence_card
from tests.ui.conftest import SIZES
from tests.ui.test_workshop_support import key as press
from tests.ui.test_workshop_support import played_to


def _held(make_ctx, size, text_size, language):
    ctx = make_ctx(size, text_size=text_size)
    ctx.t = Translator(language)
    stack, play = played_to(ctx, "consequence")
    return ctx, stack, play


def _drawn(ctx, stack) -> list:
    ctx.recorder = []
    stack.draw(pygame.Surface(ctx.size))
    return list(ctx.recorder)


def _part(play, heading: str) -> tuple[str, str, str]:
    return next(p for p in play.card if p[0] == play.ctx.t(heading))


@pytest.mark.parametrize("language", ["en", "de"])
def test_the_card_says_what_the_choice_did(make_ctx, language):
    """The parts of the play screen's card, from the room's choice: what you did (the probe
    the room chose), what the trainee did, the patient (in words; harm in the harm colour)."""
    ctx, stack, play = _held(make_ctx, (1280, 720), "normal", language)
    said, trainee, patient = play.card
    you = ctx.t("You ({level}): {label}.", level=ctx.t("Probe"), label="")
    assert said[0] == ctx.t("What you did") and said[1].startswith(you.split(":")[0] + ":")
    assert trainee[0] == ctx.t("What the trainee did") and "Bone" in trainee[1]
    assert patient[0] == ctx.t("The patient") and patient[2] == "harm"
    shown = [p.text for p in _drawn(ctx, stack)]
    assert all(text in shown for _, text, _ in play.card)
    assert ctx.t("What happened") in shown


@pytest.mark.parametrize("language", ["en", "de"])
@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_at_the_usual_size_the_panel_holds_the_card_beside_the_picture(make_ctx, size,
                                                                        language):
    ctx, stack, play = _held(make_ctx, size, "normal", language)
    assert play.card_plan is None  # the stage keeps its picture and narration
    drawn = _drawn(ctx, stack)
    assert not [p.text for p in drawn if p.scrolled]
    assert all(play.layout.panel.contains(p.box) for p in drawn
               if p.text in {text for _, text, _ in play.card})


@pytest.mark.parametrize("language", ["en", "de"])
@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_large_text_reads_without_scrolling(make_ctx, size, language):
    """At Large the card's words scrolled in German at 1024x600: now nothing scrolls."""
    ctx, stack, play = _held(make_ctx, size, "large", language)
    assert not [p.text for p in _drawn(ctx, stack) if p.scrolled]


@pytest.mark.parametrize("language", ["en", "de"])
@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_extra_large_covers_the_stage_and_only_the_story_scrolls(make_ctx, size, language):
    """At Extra large the card covers the stage: what you did and the patient show whole;
    only what the trainee did may scroll, in a box at least eight lines tall (the whole
    card scrolled in one box before)."""
    ctx, stack, play = _held(make_ctx, size, "x-large", language)
    assert play.card_plan is not None
    drawn = _drawn(ctx, stack)
    story = _part(play, "What the trainee did")[1]
    for _, text, _ in play.card:
        placed = [p for p in drawn if p.text == text]
        assert placed, text
        if text != story:
            assert not placed[0].scrolled, text
    scrolled = [p for p in drawn if p.scrolled]
    assert [p.text for p in scrolled] in ([], [story])
    line = play.ctx.line_height(play.ctx.metrics.body)  # the projector's
    assert all(p.box.height >= 8 * line for p in scrolled)
    left = consequence_card.left_area(play.layout, play.meters_shown)
    assert left.contains(next(p.box for p in drawn if p.text == story))


def test_meters_shown_stay_beside_the_card(make_ctx):
    """The card covers the meters' band only while it shows no figures: M brings them back."""
    ctx, stack, play = _held(make_ctx, (1024, 600), "x-large", "en")
    assert play.layout.meters.colliderect(consequence_card.left_area(play.layout, False))
    press(stack, pygame.K_m)
    assert play.meters_shown
    shown = [p.text for p in _drawn(ctx, stack)]
    assert play.meters.learning_text in shown
    assert not consequence_card.left_area(play.layout, True).colliderect(play.layout.meters)


def test_enter_continues_the_story_and_the_card_goes(make_ctx):
    ctx, stack, play = _held(make_ctx, (1024, 600), "x-large", "en")
    press(stack, pygame.K_RETURN)
    assert play.phase != "consequence" and play.card == [] and play.card_plan is None
    shown = [p.text for p in _drawn(ctx, stack)]
    assert ctx.t("What happened") not in shown


def test_up_and_down_read_on_where_the_story_scrolls(make_ctx):
    """The facilitator drives by keyboard: where what the trainee did is longer than the
    card (Extra large, 1280x720), Down reads on, as the wheel does, and the keys line says
    so; Up goes back."""
    ctx, stack, play = _held(make_ctx, (1280, 720), "x-large", "en")
    drawn = _drawn(ctx, stack)
    assert [p.text for p in drawn if p.scrolled] == [_part(play, "What the trainee did")[1]]
    footer = [p.text for p in drawn if play.layout.footer.contains(p.box)]
    assert footer == [ctx.t("Enter continue · Up/Down or the wheel: more of the card · Esc "
                            "leave · F1 help")]
    focus = play.focus.current
    press(stack, pygame.K_DOWN)
    press(stack, pygame.K_DOWN)
    assert play.focus.current == focus and max(ctx.scrolls.offsets.values()) > 0
    press(stack, pygame.K_UP)
    press(stack, pygame.K_UP)
    assert max(ctx.scrolls.offsets.values()) == 0


def test_where_nothing_scrolls_down_moves_the_focus(make_ctx):
    ctx, stack, play = _held(make_ctx, (1280, 720), "normal", "en")
    _drawn(ctx, stack)
    focus = play.focus.current
    press(stack, pygame.K_DOWN)
    assert play.focus.current != focus


@pytest.mark.parametrize("language", ["en", "de"])
def test_every_vignettes_first_card_shows_what_you_did_and_the_patient_whole(
        make_ctx, language, library):
    """At Extra large in 1024x600 every shipped vignette's first card shows what you did and
    the patient whole; only what the trainee did may scroll (a long story: up to 22 lines
    of projector text against some 12 a column holds), in a box of three lines or more
    that Up/Down read on in."""
    for scenario in library.scenarios:
        ctx = make_ctx((1024, 600), text_size="x-large")
        ctx.t = Translator(language)
        stack, play = played_to(ctx, "consequence", scenario.id)
        drawn = _drawn(ctx, stack)
        story = _part(play, "What the trainee did")[1]
        scrolled = [p for p in drawn if p.scrolled]
        assert [p.text for p in scrolled] in ([], [story]), scenario.id
        line = play.ctx.line_height(play.ctx.metrics.body)  # the projector's
        assert all(p.box.height >= 3 * line for p in scrolled), scenario.id
        for _, text, _ in play.card:
            assert any(p.text == text for p in drawn), (scenario.id, text)
