"""Item 4 of #13: text keeps the size the player chose, on every screen.

Every screen in the registry (`game/ui/shell/screens.py`) is drawn in the states worth
drawing (tests/ui/screens.py, plus the self-practice screens here) at 1280x720 and 1024x600,
every text size, in English and German. For each text block: it is drawn at the size the
screen asked for times the player's text size, never below the smallest text role; it lies
in its box and its box in the window; it is never cut with an ellipsis; a box too short for
it scrolls and is noted for the mouse wheel (its scroll bar is drawn); and no two blocks of
one layer overlap.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable

import pygame
import pytest

from game.i18n import Translator
from game.ui.calibration.rating import RatingOverlay
from game.ui.profiles.profiles import ProfilesScene
from game.ui.progress.progress import ProgressScene
from game.ui.shell.context import TextPlacement, UiContext
from game.ui.shell.scene import Scene, SceneStack
from game.ui.shell.screens import SCREENS as REGISTRY
from tests.ui.conftest import SIZES
from tests.ui.screens import SCREENS

TEXT_SIZES = ("small", "normal", "large", "x-large")


def _progress(ctx: UiContext, page: int) -> list[Scene]:
    scene = ProgressScene(ctx, player="sup-new")
    scene.page = page
    return [scene]


def _screen(name: str, *args: object) -> Scene:
    from game.ui.shell.screens import open_screen
    return open_screen(name, *args)


def _rating(ctx: UiContext, log: str) -> list[Scene]:
    return [*SCREENS["play-ended"](ctx, log),
            RatingOverlay(ctx, "the confident junior", lambda _: None)]


STATES: dict[str, Callable[[UiContext, str], list[Scene]]] = {
    **SCREENS,
    "profiles": lambda ctx, log: [ProfilesScene(ctx)],
    "profiles-first-start": lambda ctx, log: [ProfilesScene(ctx, first_start=True)],
    "progress": lambda ctx, log: _progress(ctx, 0),
    "progress-last-page": lambda ctx, log: _progress(ctx, 3),
    "entrustment-rating": _rating,
    "glossary": lambda ctx, log: [*SCREENS["outcome"](ctx, log), _screen("glossary", ctx)],
}

DRAWN_AS = {"play": "play-decision", "rewind": "rewind-dialog", "replay": "replay-decision",
            "debrief": "debrief-analysis", "tutorial": "tutorial-welcome",
            "tutorial-play": "coach-options", "workshop-play": "workshop-vote"}
"""Registry names whose states here are named otherwise."""

CARDS = {"play-consequence", "play-consequence-assessment", "coach-narration",
         "coach-countdown", "coach-options", "coach-meters", "coach-outcome"}
"""States in which a screen draws a card over its own text on purpose (the consequence
card, a coach mark): their blocks may overlap what the card covers."""


def test_every_registered_screen_is_drawn_here():
    missing = [name for name in REGISTRY if DRAWN_AS.get(name, name) not in STATES]
    assert not missing, f"screens the layout test never draws: {missing}"


def visible_scenes(ctx: UiContext, name: str, log: str) -> list:
    """The state's scenes the app would draw: the top one and the overlays over it."""
    stack = SceneStack()
    for scene in STATES[name](ctx, log):
        stack.push(scene)
    start = len(stack.scenes) - 1
    while start > 0 and stack.scenes[start].overlay:
        start -= 1
    return stack.scenes[start:]


def draw_layers(ctx: UiContext, name: str, log: str) -> list[list[TextPlacement]]:
    """Draw the stack as the app does; the text blocks of each visible scene apart."""
    surface = pygame.Surface(ctx.size)
    layers = []
    for scene in visible_scenes(ctx, name, log):
        ctx.recorder = []
        scene.draw(surface)
        layers.append(ctx.recorder)
    return layers


def problems(ctx: UiContext, layers: list[list[TextPlacement]], cards: bool) -> list[str]:
    m, window = ctx.metrics, pygame.Rect((0, 0), ctx.size)
    found = []
    for p in itertools.chain(*layers):
        what = repr(p.text[:50])
        if p.px != ctx.font_px(p.requested) or p.requested < m.small:
            found.append(f"{what} at {p.px} px, below the chosen {ctx.font_px(m.small)} px")
        if not window.contains(p.box) or not p.box.contains(p.rect):
            found.append(f"{what} outside its box or the window")
        if p.scrolled and tuple(p.box) not in ctx.scrolls.regions:
            found.append(f"{what} scrolls with no scroll bar")
    for layer in ([] if cards else layers):
        for a, b in itertools.combinations([p for p in layer if p.rect.width], 2):
            if a.rect.colliderect(b.rect):
                found.append(f"{a.text[:30]!r} overlaps {b.text[:30]!r}")
    return found


@pytest.mark.parametrize("language", ["en", "de"])
@pytest.mark.parametrize("text_size", TEXT_SIZES)
@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
@pytest.mark.parametrize("name", list(STATES))
def test_text_keeps_the_chosen_size_in_its_box(make_ctx, tmp_path, name, size, text_size,
                                               language):
    ctx = make_ctx(size, text_size=text_size)
    ctx.t = Translator(language)
    ctx.settings = ctx.settings.with_(language=language, text_size=text_size)
    layers = draw_layers(ctx, name, str(tmp_path / "replay.jsonl"))
    assert any(layers), f"{name} drew no text"
    found = problems(ctx, layers, name in CARDS)
    assert not found, f"{name} at {size} {text_size} {language}: " + "; ".join(found[:6])


def squeezed_scrollers(ctx: UiContext, layers: list[list[TextPlacement]]) -> list[str]:
    """Boxes that scroll although they show fewer than three lines of their text.

    Scrolling is the fallback for long text at the larger sizes, and it only helps when the
    reader sees a few lines at a time: a heading, a label or a button that scrolls has been
    squeezed by its layout, which should have given it room, wrapped it or moved it.
    """
    found = []
    for p in itertools.chain(*layers):
        if p.scrolled and p.box.height < 3 * ctx.line_height(p.requested):
            lines = p.box.height / ctx.line_height(p.requested)
            found.append(f"{p.text[:40]!r} scrolls in a box {lines:.1f} lines tall")
    return found


SQUEEZED: set[tuple[str, str, str]] = {
}
"""(state, window, text size) that still squeeze a scrolling box: strict expected failures
(#13's cramped Extra large); remove an entry when its screen is fixed."""


def _squeeze_cases():
    for name, size, text_size in itertools.product(STATES, SIZES, TEXT_SIZES):
        dims = f"{size[0]}x{size[1]}"
        marks = [pytest.mark.xfail(strict=True, reason="a box scrolls that should fit")] \
            if (name, dims, text_size) in SQUEEZED else []
        yield pytest.param(name, size, text_size, id=f"{name}-{dims}-{text_size}", marks=marks)


@pytest.mark.parametrize(("name", "size", "text_size"), list(_squeeze_cases()))
def test_a_scrolling_box_shows_three_lines(make_ctx, tmp_path, name, size, text_size):
    ctx = make_ctx(size, text_size=text_size)
    layers = draw_layers(ctx, name, str(tmp_path / "replay.jsonl"))
    found = squeezed_scrollers(ctx, layers)
    assert not found, f"{name} at {size} {text_size}: " + "; ".join(found[:6])
