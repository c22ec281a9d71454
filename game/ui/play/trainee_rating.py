"""The supervisor's O-SCORE rating of the trainee, offered once the vignette has ended and
before the outcome (optional: Enter still goes straight to the outcome).

The rating is kept beside the log (so a rebuild of the history keeps it) and on the history
row. The row is written by a background save (`background.ResultSaver`), so the rating waits
for that save first: a rating written before its row exists would miss the row.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import pygame

from game.app.calibration import compare, rate_session
from game.ui.kit.button import Button, button_need
from game.ui.play import play_draw
from game.ui.shell.scene import Push, Result
from game.ui.shell.screens import open_screen

if TYPE_CHECKING:
    from game.ui.play.play import PlayScene

SAVE_WAIT_S = 5.0
"""At most this long for the history save before the rating is kept without its row (the
sidecar still has it and a rebuild joins them); a save is normally long done by then."""


def rating_button(scene: PlayScene) -> Button | None:
    """"Rate the trainee first" under "See the outcome", when the vignette has ended and
    there is a recorded session to rate (and room for the button)."""
    if scene.vm.phase != "ended" or not scene.record_results or scene.rating is not None \
            or scene.session.log_path is None or not scene.buttons:
        return None
    ctx, first = scene.ctx, scene.buttons[0].rect
    area = play_draw.panel_regions(ctx, scene.layout, scene.vm)["buttons"]
    label = ctx.t("Rate the trainee first")
    # as tall as its label needs: German wraps to two lines at the largest text
    rect = pygame.Rect(first.x, first.bottom + ctx.metrics.gap, first.width,
                       button_need(ctx, label, first.width, "R"))
    if rect.bottom > area.bottom:
        return None
    return Button("rate", label, rect, "R")  # the key shown on it (PLAY_KEYS)


def ask_rating(scene: PlayScene) -> Result:
    """The rating screen; its answer is kept and the play panel drops the button."""
    name = scene.scenario.trainee(scene.session.state.config.profile_id).name

    def rated(level: int | None) -> None:
        if level:
            scene.rating = level
            if scene.saver is not None:
                scene.saver.wait(SAVE_WAIT_S)
            rate_session(scene.session.log_path, level)
        scene.relayout_buttons(keep_focus=False)
    return Push(open_screen("entrustment-rating", scene.ctx, name, rated))


def reading_words(scene: PlayScene) -> str:
    """How well the supervisor read the trainee (empty when they did not rate)."""
    if not scene.rating:
        return ""
    return compare(scene.rating, scene.session.state.competence).words(scene.ctx.t)
