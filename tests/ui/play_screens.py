"""The play experience's screens in the states worth drawing: settings, tutorial pages and
coach marks, practice meters, assessment, the rewind chooser (merged into tests/ui/screens.py,
so the layout tests check them at every size, text size and language)."""

from __future__ import annotations

from collections.abc import Callable

from game import paths
from game.core.commands import Intervene
from game.core.state import SessionConfig
from game.headless import ScriptedPolicy, play_out
from game.replay.session import RecordedSession
from game.scoring.params import ModelParams
from game.ui.home.title import TitleScene
from game.ui.kit.dialogs import HelpOverlay
from game.ui.play.play import PlayScene
from game.ui.review.outcome import OutcomeScene
from game.ui.review.rewind import RewindDialog
from game.ui.settings.settings import SettingsScene
from game.ui.shell.context import UiContext
from game.ui.shell.scene import Scene
from game.ui.tutorial.tutorial import TutorialIntroScene, load_tutorial, tutorial_session
from game.ui.tutorial.tutorial_play import TutorialPlayScene
from tests.ui.helpers import run_until


def session(ctx: UiContext, scenario_id: str, mode: str, log: str | None = None,
            seed: int = 3) -> RecordedSession:
    scenario = ctx.services.catalogue().get(scenario_id)
    config = SessionConfig(scenario.id, seed, scenario.trainees[0].id, "normal", mode)
    return RecordedSession(scenario, config, ModelParams(), log, player="sup-test")


def practice_meters(ctx: UiContext) -> list[Scene]:
    """Practice at its busiest: meters shown, a second decision open after a first choice."""
    play = PlayScene(ctx, ctx.services.catalogue().get("lumbar_puncture"),
                     session(ctx, "lumbar_puncture", "practice"))
    play.show_meters = True
    run_until(play, "decision")
    play.apply(Intervene(play.node_id, "watch"))
    run_until(play, "decision")
    play.resize()
    return [play]


def consequence(ctx: UiContext, mode: str) -> list[Scene]:
    """The consequence card held after a probe at the first decision point."""
    play = PlayScene(ctx, ctx.services.catalogue().get("lumbar_puncture"),
                     session(ctx, "lumbar_puncture", mode))
    play.resize()
    run_until(play, "decision")
    play.apply(Intervene(play.node_id, "probe"))
    for _ in range(100):
        if play.card is not None:
            break
        play.update(100)
    assert play.card is not None, "no consequence card after the probe"
    return [play]


def assessment(ctx: UiContext, notice: bool = False) -> list[Scene]:
    play = PlayScene(ctx, ctx.services.catalogue().get("lumbar_puncture"),
                     session(ctx, "lumbar_puncture", "assessment"))
    play.resize()
    run_until(play, "decision")
    if notice:
        play.on_intent(_intent("pause"))
    return [play]


def _intent(act: str):
    from game.ui.shell.input import Act, Intent
    return Intent(Act(act))


def finished(ctx: UiContext, log: str) -> RecordedSession:
    return play_out(session(ctx, "lumbar_puncture", "practice", log, seed=2),
                    ScriptedPolicy("watch", seed=2))


def outcome_practice(ctx: UiContext, log: str, dialog: bool = False) -> list[Scene]:
    done = finished(ctx, log)
    outcome = OutcomeScene(ctx, done.scenario, done, note="✔ Result saved")
    return [outcome, RewindDialog(ctx, done.scenario, done)] if dialog else [outcome]


def tutorial_page(ctx: UiContext, page: int) -> list[Scene]:
    intro = TutorialIntroScene(ctx)
    intro.page = page
    return [TitleScene(ctx), intro]


def tutorial_mark(ctx: UiContext, mark: str) -> list[Scene]:
    scenario, _ = load_tutorial()
    play = TutorialPlayScene(ctx, scenario, tutorial_session(ctx, scenario))
    play.resize()
    for _ in range(2000):
        if play.mark == mark:
            break
        if play.mark is not None:
            play.dismiss()
        elif play.card is not None:
            play.on_intent(_intent("activate"))  # the consequence card: read, continue
        elif play.vm.phase == "decision":
            play.apply(Intervene(play.node_id, "watch"))
        play.update(100)
    assert play.mark == mark, f"coach mark {mark} never showed"
    return [play]


def settings_with_problem(ctx: UiContext) -> list[Scene]:
    path = paths.settings_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("{this is not json", encoding="utf-8")
    return [TitleScene(ctx), SettingsScene(ctx)]


PLAY_SCREENS: dict[str, Callable[[UiContext, str], list[Scene]]] = {
    "settings": lambda ctx, log: [TitleScene(ctx), SettingsScene(ctx)],
    "settings-problem": lambda ctx, log: settings_with_problem(ctx),
    "tutorial-welcome": lambda ctx, log: tutorial_page(ctx, 0),
    "tutorial-ladder": lambda ctx, log: tutorial_page(ctx, 1),
    "tutorial-ledgers": lambda ctx, log: tutorial_page(ctx, 2),
    "coach-narration": lambda ctx, log: tutorial_mark(ctx, "narration"),
    "coach-countdown": lambda ctx, log: tutorial_mark(ctx, "countdown"),
    "coach-options": lambda ctx, log: tutorial_mark(ctx, "options"),
    "coach-meters": lambda ctx, log: tutorial_mark(ctx, "meters"),
    "coach-outcome": lambda ctx, log: tutorial_mark(ctx, "outcome"),
    "play-practice-meters": lambda ctx, log: practice_meters(ctx),
    "play-assessment": lambda ctx, log: assessment(ctx),
    "play-consequence": lambda ctx, log: consequence(ctx, "practice"),
    "play-consequence-assessment": lambda ctx, log: consequence(ctx, "assessment"),
    "play-assessment-notice": lambda ctx, log: assessment(ctx, notice=True),
    "outcome-practice": lambda ctx, log: outcome_practice(ctx, log),
    "rewind-dialog": lambda ctx, log: outcome_practice(ctx, log, dialog=True),
    "help-assessment": lambda ctx, log: [*assessment(ctx), HelpOverlay(ctx)],
}
OWN_SCREENS = ("title", "picker", "briefing", "play-narration", "play-decision",
               "play-decision-6-options", "play-paused", "play-ended", "help", "confirm",
               *PLAY_SCREENS)
"""The screens of the play experience (the strict layout test holds them to no cut text)."""
