"""Taking a left practice session up again, from the title or from its History row.

Both screens offer the same thing with the same words, so the wording and the start live
here (no pygame): the label names the vignette and the step the session goes on from.
Taking it up replays the log into a new one (`game.app.resume`) up to its last command and
opens the play screen there. The words say "from your last choice at 0:42", not "stopped at":
the log records commands, not the moment the player left, and what happened after the last
command plays again.
"""

from __future__ import annotations

from game.app.resume import Offer, ResumeError, take_up
from game.app.sessions import new_log_path
from game.core.model import Scenario
from game.ui.review.presenters import Tr, clock
from game.ui.shell.context import UiContext
from game.ui.shell.scene import Scene
from game.ui.shell.screens import open_screen


def from_where(t: Tr, offer: Offer) -> str:
    """Where the resumed session goes on, in words: "from your last choice at 0:42"."""
    time = clock(offer.stopped_tick)
    if offer.last_step == "intervene":
        return t("from your last choice at {time}", time=time)
    if offer.last_step == "skip":
        return t("from where you last skipped ahead, at {time}", time=time)
    return t("from the start")


def offer_time(ctx: UiContext, offer: Offer) -> str:
    """The History row's button: "Resume from your last choice at 0:42" (the row names the
    vignette)."""
    return ctx.t("Resume {from_where}", from_where=from_where(ctx.t, offer))


def offer_label(ctx: UiContext, offer: Offer, scenario: Scenario | None,
                short: bool = False) -> str:
    """"Resume Lumbar puncture: the angle that hits bone, from your last choice at 0:42";
    the vignette's id when it is gone. `short`: the title up to its colon ("Resume Lumbar
    puncture, from ..."), for a window too small for the whole title."""
    title = scenario.title if scenario is not None else offer.record.scenario_id
    if short:
        title = title.split(":", 1)[0]
    return ctx.t("Resume {title}, {from_where}", title=title,
                 from_where=from_where(ctx.t, offer))


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
    note = t("Resumed {from_where}. The log records your steps, not the moment you left: "
             "what came after plays again.", from_where=from_where(t, offer))
    if problem:
        note += " " + t("The history could not mark the first attempt as resumed ({problem}); "
                        "it may be offered again.", problem=problem)
    return open_screen("play", ctx, scenario, session, note=note), ""
