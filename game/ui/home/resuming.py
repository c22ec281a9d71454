"""Taking a left practice session up again, from the title or from its History row.

Both screens offer the same thing with the same words, so the wording and the start live
here (no pygame): the label names the vignette and the time the log stopped, and taking it
up replays the log into a new one (`game.app.resume`) and opens the play screen there.
"""

from __future__ import annotations

from game.app.resume import Offer, ResumeError, take_up
from game.app.sessions import new_log_path
from game.core.model import Scenario
from game.ui.review.presenters import clock
from game.ui.shell.context import UiContext
from game.ui.shell.scene import Scene
from game.ui.shell.screens import open_screen


def offer_label(ctx: UiContext, offer: Offer, scenario: Scenario | None,
                short: bool = False) -> str:
    """"Resume Lumbar puncture: the angle that hits bone (stopped at 0:42)"; the vignette's
    id when it is gone. `short`: the title up to its colon ("Resume Lumbar puncture ..."),
    for a window too small for the whole title."""
    title = scenario.title if scenario is not None else offer.record.scenario_id
    if short:
        title = title.split(":", 1)[0]
    return ctx.t("Resume {title} (stopped at {time})", title=title,
                 time=clock(offer.stopped_tick))


def resumed_play(ctx: UiContext, offer: Offer) -> tuple[Scene | None, str]:
    """The play screen at the point the offered session stopped, or None and why not."""
    t = ctx.t
    scenario = ctx.scenario_finder()(offer.record.scenario_id)
    if scenario is None:
        return None, t("Cannot resume: {id} is no longer in the vignette library",
                       id=offer.record.scenario_id)
    try:
        session, problem = take_up(offer, scenario, new_log_path(scenario.id))
    except ResumeError as exc:
        return None, t("Cannot resume: {reason}", reason=str(exc))
    except OSError as exc:  # the new log cannot be written (full disk, read-only folder)
        return None, t("Cannot resume: the new log cannot be written ({reason})",
                       reason=exc.strerror or str(exc))
    note = t("Resumed at {time}, where the log stopped; what happened after your last step "
             "plays again.", time=clock(offer.stopped_tick))
    if problem:
        note += " " + t("The history could not mark the first attempt as resumed ({problem}); "
                        "it may be offered again.", problem=problem)
    return open_screen("play", ctx, scenario, session, note=note), ""
