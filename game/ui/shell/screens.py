"""Screens by name, so no screen imports another.

A screen that leads to another asks for it here by name (`open_screen("outcome", ctx, ...)`);
only this table knows which module holds which screen, and the module is imported the first
time the screen opens. Adding a screen is a one-folder change plus one line here (see
docs/architecture.md, "A new screen"). Overlays every screen may use (help, confirm, text
entry) live in `game.ui.kit` and are imported directly.
"""

from __future__ import annotations

import importlib
from typing import Any

from game.ui.shell.scene import Scene

SCREENS: dict[str, str] = {
    "title": "game.ui.home.title:TitleScene",
    "picker": "game.ui.home.picker:PickerScene",
    "briefing": "game.ui.play.briefing:BriefingScene",
    "play": "game.ui.play.play:PlayScene",
    "outcome": "game.ui.review.outcome:OutcomeScene",
    "rewind": "game.ui.review.rewind:RewindDialog",
    "replay": "game.ui.review.viewer:ReplayViewerScene",
    "branch-chooser": "game.ui.review.branch_compare:BranchChooser",
    "debrief": "game.ui.debrief.debrief:DebriefScene",
    "glossary": "game.ui.review.glossary:GlossaryOverlay",
    "history": "game.ui.history.history:HistoryScene",
    "settings": "game.ui.settings.settings:SettingsScene",
    "tutorial": "game.ui.tutorial.tutorial:TutorialIntroScene",
    "tutorial-play": "game.ui.tutorial.tutorial_play:TutorialPlayScene",
    "workshop-setup": "game.ui.workshop.setup:WorkshopSetupScene",
    "workshop-play": "game.ui.workshop.play:WorkshopPlayScene",
    "workshop-end": "game.ui.workshop.end:WorkshopEndScene",
    "profiles": "game.ui.profiles.profiles:ProfilesScene",
    "progress": "game.ui.progress.progress:ProgressScene",
    "entrustment-rating": "game.ui.calibration.rating:RatingOverlay",
}
"""Screen name -> "module:class". The names are the scenes' `name` attributes where they
have one (the stack pops back to a screen by that name)."""


def screen_class(name: str) -> type[Scene]:
    """The class of the screen called `name`; KeyError names the unknown screen."""
    try:
        module, cls = SCREENS[name].split(":")
    except KeyError:
        raise KeyError(f"no screen called {name!r}; known: {', '.join(sorted(SCREENS))}"
                       ) from None
    found = getattr(importlib.import_module(module), cls)
    assert isinstance(found, type) and issubclass(found, Scene), SCREENS[name]
    return found


def open_screen(name: str, *args: Any, **kwargs: Any) -> Scene:
    """A new screen called `name`, built with the given arguments."""
    return screen_class(name)(*args, **kwargs)
