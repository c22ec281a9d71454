"""The briefing at the player's text size: every section and every trainee's summary can be
read, at full size, in the smallest window with the largest text (#13 item 4: two trainees'
descriptions used to vanish and the text shrank to 11-13 px)."""

from __future__ import annotations

import pygame
import pytest

from game.ui.play.briefing import BriefingScene
from game.ui.shell.input import Act, Intent
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


def _words(text: str) -> str:
    return " ".join(text.split())


def _read_column(ctx, scene: BriefingScene, column: str) -> list[str]:
    """Every text shown in a column, screen by screen (Page Down or the wheel over it)."""
    area = scene.layout.left if column == "left" else scene.cards_area
    if column == "right":
        scene.on_intent(Intent(Act.HOVER, pos=area.center))
    seen: list[str] = []
    for _ in range(12):
        placed = _texts(ctx, scene)
        assert not [p.text[:40] for p in placed if p.scrolled], "a block scrolls inside"
        assert all(p.px == ctx.font_px(p.requested) for p in placed)
        seen += [p.text for p in placed if area.contains(p.box)  # the words, not the
                 and p.text not in (scene.more("left"), scene.more("right"))  # hints or
                 and not p.text.endswith("(CONTINUED)")]  # a cut block's label
        first = scene.pages[column].first
        scene.on_intent(Intent(Act.SCROLL, amount=5))
        if scene.pages[column].first == first:
            break
    return seen


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
@pytest.mark.parametrize("scenario_id", _scenario_ids())
def test_every_section_and_summary_is_read_whole_at_the_largest_text(make_ctx, size,
                                                                     scenario_id):
    """Page by page, each section's and each trainee's words are all on screen, in order,
    at the chosen size (a block cut between two screens reads on across them)."""
    ctx = make_ctx(size, text_size="x-large")
    scene = BriefingScene(ctx, ctx.services.catalogue().get(scenario_id))
    scene.resize()
    left = _words(" ".join(_read_column(ctx, scene, "left")))
    for _, body in scene.sections:
        assert _words(body) in left, f"section not read whole: {body[:40]}"
    right = _words(" ".join(_read_column(ctx, scene, "right")))
    for profile in scene.vm.profiles:
        assert _words(profile.summary) in right, f"summary not read whole: {profile.name}"
    for number, profile in enumerate(scene.vm.profiles, start=1):
        press(scene, getattr(pygame, f"K_{number}"))
        assert scene.selected == profile.id and profile.id in scene.cards


def test_all_cards_and_sections_at_once_at_normal_text(make_ctx, lumbar):
    ctx = make_ctx((1280, 720))
    scene = BriefingScene(ctx, lumbar)
    scene.resize()
    texts = {p.text for p in _texts(ctx, scene)}
    assert not scene.pages["left"].scrolls and not scene.pages["right"].scrolls
    assert all(p.summary in texts for p in scene.vm.profiles)
    assert all(body in texts for _, body in scene.sections)


def test_the_focus_brings_a_hidden_card_into_view(make_ctx, lumbar):
    ctx = make_ctx((1024, 600), text_size="x-large")
    scene = BriefingScene(ctx, lumbar)
    scene.resize()
    last = scene.vm.profiles[-1].id
    assert scene.pages["right"].scrolls and last not in scene.cards
    for _ in range(len(scene.vm.profiles) + 1):
        if scene.focus.current == last:
            break
        press(scene, pygame.K_TAB)
    assert scene.focus.current == last and last in scene.cards
    shown = scene.cards[last]
    press(scene, pygame.K_TAB)  # on to Start: the cards stay where the focus left them
    assert scene.focus.current == "start" and scene.cards.get(last) == shown
    press(scene, pygame.K_1)
    assert scene.selected == scene.vm.profiles[0].id and scene.vm.profiles[0].id in scene.cards


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
