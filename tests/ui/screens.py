"""Every screen of the game in the states worth drawing, built for a given context.

Shared by the draw smoke tests and the layout test, so a new screen added here is checked
at every supported window size.
"""

from __future__ import annotations

from collections.abc import Callable

import pygame
import pytest

from game.core.commands import Intervene
from game.core.state import SessionConfig
from game.headless import ScriptedPolicy, play_out
from game.replay.session import RecordedSession
from game.scoring.params import ModelParams
from game.ui.home.picker import PickerScene
from game.ui.home.title import TitleScene
from game.ui.kit.dialogs import ConfirmDialog, HelpOverlay
from game.ui.play.briefing import BriefingScene
from game.ui.review.outcome import OutcomeScene
from game.ui.review.viewer import ReplayViewerScene, load_replay
from game.ui.shell.context import UiContext
from game.ui.shell.scene import Scene, SceneStack
from tests.ui.helpers import run_until, start_play
from tests.ui.play_screens import PLAY_SCREENS
from tests.ui.review_screens import REVIEW_SCREENS
from tests.ui.test_workshop_support import WORKSHOP_SCREENS


def _play(ctx: UiContext, scenario_id: str, phase: str, paused: bool = False,
          choose: str | None = None) -> Scene:
    scenario = ctx.services.catalogue().get(scenario_id)
    if scenario is None:
        pytest.skip(f"{scenario_id} is not valid right now")
    play = start_play(ctx, scenario)
    if choose:
        run_until(play, "decision")
        play.apply(Intervene(play.node_id, choose))
    run_until(play, phase)
    play.paused = paused
    return play


def _finished(ctx: UiContext, scenario_id: str, policy: str) -> RecordedSession:
    scenario = ctx.services.catalogue().get(scenario_id)
    if scenario is None:
        pytest.skip(f"{scenario_id} is not valid right now")
    config = SessionConfig(scenario.id, 1, scenario.trainees[0].id)
    return play_out(RecordedSession(scenario, config, ModelParams(), None),
                    ScriptedPolicy(policy, seed=1))


def _outcome(ctx: UiContext, scenario_id: str, policy: str) -> Scene:
    session = _finished(ctx, scenario_id, policy)
    return OutcomeScene(ctx, session.scenario, session)


def _replay(ctx: UiContext, tmp_log: str) -> Scene:
    lumbar = ctx.services.catalogue().get("lumbar_puncture")
    config = SessionConfig("lumbar_puncture", 2, "confident_junior")
    play_out(RecordedSession(lumbar, config, ModelParams(), tmp_log, player="sup-test"),
             ScriptedPolicy("random", seed=2))
    scene = ReplayViewerScene(ctx, load_replay(tmp_log, ctx.services.catalogue().get))
    return scene


def _over(base: Scene, overlay: Scene) -> list[Scene]:
    return [base, overlay]


SCREENS: dict[str, Callable[[UiContext, str], list[Scene]]] = {
    "title": lambda ctx, log: [TitleScene(ctx)],
    "picker": lambda ctx, log: [PickerScene(ctx)],
    "briefing": lambda ctx, log: [BriefingScene(
        ctx, ctx.services.catalogue().get("lumbar_puncture"))],
    "play-narration": lambda ctx, log: [_play(ctx, "lumbar_puncture", "narration")],
    "play-decision": lambda ctx, log: [_play(ctx, "lumbar_puncture", "decision")],
    "play-decision-6-options": lambda ctx, log: [_play(ctx, "npwt_dressing", "decision",
                                                       choose="watch")],
    "play-paused": lambda ctx, log: [_play(ctx, "lumbar_puncture", "decision", paused=True)],
    "play-ended": lambda ctx, log: [_play(ctx, "lumbar_puncture", "ended", choose="takeover")],
    "outcome": lambda ctx, log: [_outcome(ctx, "lumbar_puncture", "watch")],
    "outcome-red": lambda ctx, log: [_outcome(ctx, "medication_dosing", "watch")],
    "help": lambda ctx, log: _over(TitleScene(ctx), HelpOverlay(ctx)),
    "confirm": lambda ctx, log: _over(
        _play(ctx, "lumbar_puncture", "narration"),
        ConfirmDialog(ctx, "Leave this vignette?", "The log is kept.", "Leave",
                      "Keep playing", yes=None)),
    "replay": lambda ctx, log: [_replay(ctx, log)],
}
SCREENS.update(REVIEW_SCREENS)  # the facilitator's review tools (tests/ui/review_screens.py)
SCREENS.update(WORKSHOP_SCREENS)  # workshop mode (tests/ui/test_workshop_support.py)
SCREENS.update(PLAY_SCREENS)  # settings, tutorial, modes, rewind (tests/ui/play_screens.py)


def draw_screen(ctx: UiContext, name: str, log_path: str) -> pygame.Surface:
    stack = SceneStack()
    for scene in SCREENS[name](ctx, log_path):
        stack.push(scene)
    surface = pygame.Surface(ctx.size)
    ctx.recorder = []
    stack.draw(surface)
    return surface
