"""The workshop lobby's trainee cards at the larger text sizes (#13).

At Extra large in 1024x600, with phones on, the lobby showed one trainee card of three
("0 more above · 2 more below"): a facilitator choosing the trainee for the room could not
compare them. The cards now take the room of the nickname switch where that shows more of
them (N still switches, and the keys line says so): every vignette shows at least two cards
at once, each whole.
"""

from __future__ import annotations

import pygame
import pytest

from game.i18n import Translator
from tests.ui.conftest import SIZES
from tests.ui.test_workshop_support import key as press
from tests.ui.test_workshop_support import setup_stack


def _lobby(make_ctx, monkeypatch, size, text_size, language="en", **kwargs):
    monkeypatch.setenv("SAFETYNET_PHONES", "127.0.0.1:0")
    ctx = make_ctx(size, text_size=text_size)
    ctx.t = Translator(language)
    stack = setup_stack(ctx, **kwargs)
    return ctx, stack, stack.top


def _card_texts(ctx, stack, setup) -> list:
    """The text blocks drawn inside the trainee cards."""
    ctx.recorder = []
    stack.draw(pygame.Surface(ctx.size))
    return [p for p in ctx.recorder
            if any(card.contains(p.box) for card in setup.cards.values())]


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
@pytest.mark.parametrize("text_size", ["large", "x-large"])
@pytest.mark.parametrize("language", ["en", "de"])
def test_every_vignette_shows_two_trainees_at_once(make_ctx, monkeypatch, size, text_size,
                                                   language):
    """Down walks the vignettes: each shows at least two of its trainee cards (all when it
    has two), side by side in the column without overlapping, every name and level whole."""
    ctx, stack, setup = _lobby(make_ctx, monkeypatch, size, text_size, language)
    try:
        assert setup.phones is not None and setup.phones.server is not None
        for _ in setup.scenarios:
            scenario = setup.scenario
            cards = list(setup.cards.values())
            assert len(cards) >= min(2, len(scenario.trainees)), scenario.id
            assert all(setup.layout.profiles.contains(card) for card in cards)
            assert not any(a.colliderect(b) for i, a in enumerate(cards) for b in cards[i + 1:])
            drawn = _card_texts(ctx, stack, setup)
            shown = {p.text.removeprefix("✔ ") for p in drawn}
            for trainee in scenario.trainees:
                if trainee.id in setup.cards:
                    assert {trainee.name, trainee.level} <= shown, scenario.id
            assert not [p.text for p in drawn if p.scrolled], scenario.id
            press(stack, pygame.K_DOWN)
    finally:
        setup.close()


@pytest.mark.parametrize("language", ["en", "de"])
def test_three_trainees_show_at_once_at_extra_large_in_the_small_window(
        make_ctx, monkeypatch, language):
    """The lumbar puncture's three trainees, seen one at a time before: all three now, with
    no "more above / below" line; the switch made way and N still switches nicknames."""
    ctx, stack, setup = _lobby(make_ctx, monkeypatch, (1024, 600), "x-large", language,
                               scenario_id="lumbar_puncture")
    try:
        assert set(setup.cards) == {t.id for t in setup.scenario.trainees}
        assert setup.card_window.more is None
        assert setup.layout.nicknames is None  # the cards took the switch's room
        ctx.recorder = []
        stack.draw(pygame.Surface(ctx.size))
        footer = [p.text for p in ctx.recorder if setup.layout.footer.contains(p.box)]
        assert footer and footer[0].startswith(ctx.t("N nicknames on/off"))
        room = setup.phones.room
        before = room.nicknames_allowed
        press(stack, pygame.K_n)
        assert room.nicknames_allowed is not before
    finally:
        setup.close()


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_the_switch_keeps_its_words_where_the_cards_fit(make_ctx, monkeypatch, size):
    """At the usual text size nothing gives way: the switch says "Nicknames on phones"."""
    ctx, stack, setup = _lobby(make_ctx, monkeypatch, size, "normal")
    try:
        assert setup.layout.nicknames is not None
        ctx.recorder = []
        stack.draw(pygame.Surface(ctx.size))
        assert "Nicknames on phones: off (anonymous)" in [p.text for p in ctx.recorder]
        assert setup.card_window.more is None
    finally:
        setup.close()
