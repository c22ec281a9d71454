"""The F1 help's footer says the vignette is paused only where a vignette's clock runs
beneath it (#13): not on the outcome, debrief, replay viewer, picker or any other screen
with no vignette playing. Every screen state of the layout registry is checked."""

from __future__ import annotations

import pygame
import pytest

from game.ui.kit.dialogs import HelpOverlay
from game.ui.shell.scene import SceneStack
from tests.ui.helpers import press
from tests.ui.screens import SCREENS

CLOCK_SCREENS = frozenset({"play", "workshop-play"})
"""The scenes a vignette plays on (by scene name; the tutorial's play scene is a "play"):
only their help mentions its clock."""

ENDED = frozenset({"play-ended", "coach-outcome"})
"""States of a play scene whose vignette has ended: nothing runs to pause there."""

PAUSED = "Esc, Enter or F1 closes this help. The vignette is paused meanwhile."
RUNNING = "Esc, Enter or F1 closes this help. In assessment the clock keeps running."
CLOSES = "Esc, Enter or F1 closes this help."


def _footer(ctx, name: str, log: str) -> tuple[str, str]:
    """(the top scene's name, the help footer F1 shows over it)."""
    stack = SceneStack(help_factory=lambda: HelpOverlay.over(ctx, stack.top))
    for scene in SCREENS[name](ctx, log):
        stack.push(scene)
    top = stack.top
    assert top is not None
    if top.name == "help":  # the state is the help itself: ask for the one beneath
        stack.scenes.pop()
        top = stack.top
    if top.takes_text:  # typing: F1 opens no help there
        pytest.skip("a text entry reads keys as text")
    press(stack, pygame.K_F1)
    overlay = stack.top
    assert isinstance(overlay, HelpOverlay), name
    ctx.recorder = []
    overlay.draw(pygame.Surface(ctx.size))
    notes = [p.text for p in ctx.recorder if p.text in (PAUSED, RUNNING, CLOSES)]
    assert len(notes) == 1, (name, notes)
    return top.name, notes[0]


@pytest.mark.parametrize("name", sorted(SCREENS))
def test_the_help_mentions_the_clock_only_over_a_running_vignette(make_ctx, home, tmp_path,
                                                                    name):
    ctx = make_ctx()
    top, note = _footer(ctx, name, str(tmp_path / "log.jsonl"))
    if top in CLOCK_SCREENS and name not in ENDED:
        assert note == (RUNNING if ctx.mode == "assessment" else PAUSED), name
    else:
        assert note == CLOSES, (name, top)


def test_the_registry_covers_the_screens_without_a_vignette(make_ctx, home, tmp_path):
    """The screens named in #13 are among those checked above."""
    ctx = make_ctx()
    tops = set()
    for name in SCREENS:
        try:
            tops.add(SCREENS[name](ctx, str(tmp_path / f"{name}.jsonl"))[-1].name)
        except pytest.skip.Exception:
            continue
    assert {"outcome", "debrief", "replay", "picker", "history", *CLOCK_SCREENS} <= tops


@pytest.mark.parametrize("name", sorted(ENDED))
def test_the_ended_states_are_play_scenes_past_their_end(make_ctx, home, tmp_path, name):
    """ENDED names states whose vignette really has ended (the list cannot go stale)."""
    top = SCREENS[name](make_ctx(), str(tmp_path / "log.jsonl"))[-1]
    assert top.name == "play" and top.vm.phase == "ended"
