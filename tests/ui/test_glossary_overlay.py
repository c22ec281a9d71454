"""The glossary is reachable from the outcome (G and a button), the replay viewer and the
debrief (G), lists every term in the player's language and scrolls at the smallest window."""

from __future__ import annotations

import pygame
import pytest

from game.core.state import SessionConfig
from game.replay.glossary import GLOSSARY
from game.replay.session import RecordedSession
from game.scoring.params import ModelParams
from game.ui.debrief.debrief import DebriefScene
from game.ui.review.glossary import GlossaryOverlay
from game.ui.review.outcome import OutcomeScene
from game.ui.review.viewer import ReplayViewerScene, load_replay
from game.ui.shell.input import click_event
from game.ui.shell.scene import Pop, Push
from tests.ui.helpers import press
from tests.ui.review_screens import record


@pytest.fixture
def finished(lumbar, home) -> RecordedSession:
    config = SessionConfig(lumbar.id, 5, lumbar.trainees[0].id, "normal", "practice")
    session = RecordedSession(lumbar, config, ModelParams(), home / "s.jsonl")
    while not session.finished:
        session.advance(5)
    return session


def _pushed_glossary(result) -> GlossaryOverlay:
    assert isinstance(result, Push) and isinstance(result.scene, GlossaryOverlay), result
    return result.scene


def test_outcome_opens_the_glossary_by_key_and_button(ctx, lumbar, finished):
    scene = OutcomeScene(ctx, lumbar, finished)
    scene.resize()
    _pushed_glossary(press(scene, pygame.K_g))
    button = next(b for b in scene.buttons if b.id == "glossary")
    assert button.key == "G"
    _pushed_glossary(scene.handle_event(click_event(button.rect.center)))


def test_viewer_and_debrief_open_it_with_g(ctx, library, tmp_path):
    log = tmp_path / "s.jsonl"
    record(ctx, "lumbar_puncture", log, min_decisions=1)
    viewer = ReplayViewerScene(ctx, load_replay(str(log), library.get))
    viewer.resize()
    _pushed_glossary(press(viewer, pygame.K_g))
    debrief = DebriefScene(ctx, log, library.get)
    debrief.resize()
    debrief.wait()
    _pushed_glossary(press(debrief, pygame.K_g))
    debrief.phase = 3  # on the take-aways too: G is not text there
    _pushed_glossary(press(debrief, pygame.K_g))


@pytest.mark.parametrize("language", ["en", "de"])
def test_every_term_can_be_read_at_the_smallest_window(make_ctx, language):
    ctx = make_ctx((1024, 600), text_size="x-large")
    ctx.apply_settings(ctx.settings.with_(language=language, text_size="x-large"))
    overlay = GlossaryOverlay(ctx)
    overlay.resize()
    seen: set[str] = set()
    for _ in range(len(GLOSSARY)):
        ctx.recorder = []
        overlay.draw(pygame.Surface(ctx.size))
        seen |= {p.text for p in ctx.recorder}
        press(overlay, pygame.K_DOWN)
    for term, meaning in overlay.entries:
        assert term in seen and meaning in seen, term
    if language == "de":
        assert overlay.entries[0][0] != GLOSSARY[0][0]
    assert isinstance(press(overlay, pygame.K_g), Pop)
    assert isinstance(press(overlay, pygame.K_ESCAPE), Pop)


@pytest.mark.parametrize("size", [(1280, 720), (1024, 600)])
@pytest.mark.parametrize("text_size", ["normal", "x-large"])
def test_the_glossary_button_shows_its_label_whole(make_ctx, lumbar, finished, size,
                                                     text_size):
    """The glossary button sits beside the badge with room for its label (it was cut to
    "Gloss" when sized for the small text its neighbours do not use)."""
    ctx = make_ctx(size, text_size=text_size)
    scene = OutcomeScene(ctx, lumbar, finished)
    scene.resize()
    ctx.recorder = []
    scene.draw(pygame.Surface(ctx.size))
    line = ctx.line_height(ctx.metrics.body)
    for button in [b for b in scene.buttons if b.id == "glossary"]:
        placed = next(p for p in ctx.recorder if p.text == button.label)
        assert button.rect.contains(placed.rect) and not placed.scrolled, button.label
        assert placed.rect.height < 2 * line, f"{button.label} wraps"
