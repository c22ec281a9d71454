"""The briefing at the player's text size: every section and every trainee's summary can be
read, at full size, in the smallest window with the largest text (#13 item 4: two trainees'
descriptions used to vanish and the text shrank to 11-13 px)."""

from __future__ import annotations

import pygame
import pytest

from game.ui.play.briefing import BriefingScene
from tests.ui.conftest import SIZES
from tests.ui.helpers import press


def _texts(ctx, scene: BriefingScene) -> list:
    ctx.recorder = []
    scene.draw(pygame.Surface(ctx.size))
    return ctx.recorder


def _scenario_ids():
    from game.content.catalogue import load_catalogue
    from game.paths import scenarios_dir
    return [s.id for s in load_catalogue(scenarios_dir()).scenarios]


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
@pytest.mark.parametrize("scenario_id", _scenario_ids())
def test_every_section_and_summary_is_shown_whole_at_the_largest_text(make_ctx, size,
                                                                      scenario_id):
    ctx = make_ctx(size, text_size="x-large")
    scenario = ctx.services.catalogue().get(scenario_id)
    scene = BriefingScene(ctx, scenario)
    scene.resize()
    seen: set[str] = set()
    for _ in range(len(scene.sections) + 1):  # Page Down through the sections
        placed = _texts(ctx, scene)
        assert not [p.text[:40] for p in placed if p.scrolled], "a block scrolls inside"
        assert all(p.px == ctx.font_px(p.requested) for p in placed)
        seen |= {p.text for p in placed}
        press(scene, pygame.K_PAGEDOWN)
    for body in (b for _, b in scene.sections):
        assert body in seen, f"section never shown: {body[:40]}"
    for number, profile in enumerate(scene.vm.profiles, start=1):
        press(scene, getattr(pygame, f"K_{number}"))
        assert scene.selected == profile.id and profile.id in scene.cards
        assert profile.summary in {p.text for p in _texts(ctx, scene)}


def test_all_cards_and_sections_at_once_at_normal_text(make_ctx, lumbar):
    ctx = make_ctx((1280, 720))
    scene = BriefingScene(ctx, lumbar)
    scene.resize()
    texts = {p.text for p in _texts(ctx, scene)}
    assert not scene.left.scrolls and not scene.right.scrolls
    assert all(p.summary in texts for p in scene.vm.profiles)
    assert all(body in texts for _, body in scene.sections)


def test_the_focus_brings_a_hidden_card_into_view(make_ctx, lumbar):
    ctx = make_ctx((1024, 600), text_size="x-large")
    scene = BriefingScene(ctx, lumbar)
    scene.resize()
    last = scene.vm.profiles[-1].id
    assert scene.right.scrolls and last not in scene.cards
    for _ in range(len(scene.vm.profiles) + 1):
        if scene.focus.current == last:
            break
        press(scene, pygame.K_TAB)
    assert scene.focus.current == last and last in scene.cards
    press(scene, pygame.K_RETURN)
    assert scene.selected == last


def test_start_button_label_keeps_its_size(make_ctx, lumbar):
    ctx = make_ctx((1024, 600), text_size="x-large")
    scene = BriefingScene(ctx, lumbar)
    scene.resize()
    placed = {p.text: p for p in _texts(ctx, scene)}
    start = placed[scene.start_button.label]
    assert not start.scrolled and start.requested == ctx.metrics.body


def test_nothing_scrolls_in_german_at_the_largest_text(make_ctx, lumbar):
    """German runs longer: the bold "more trainees" line was measured as regular text, so it
    got one line and scrolled inside it."""
    from game.i18n import Translator
    ctx = make_ctx((1024, 600), text_size="x-large")
    ctx.t = Translator("de")
    ctx.settings = ctx.settings.with_(language="de", text_size="x-large")
    scene = BriefingScene(ctx, lumbar)
    scene.resize()
    placed = _texts(ctx, scene)
    assert not [p.text[:40] for p in placed if p.scrolled]
