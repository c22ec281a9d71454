"""What the play scene does when the session cannot be recorded (issue 17, item 2).

The log writer keeps the log valid up to its last complete line when storage fails (a full
disk, a home folder that turned read-only) and records nothing more; the session itself
plays on. The player must be told, not find out later:

- practice: play pauses under a question: keep playing without recording, or leave. While
  unrecorded play goes on, the procedure panel says "Not recording: <why>", and the outcome
  says the result is not in the history (the log stops before the end, so a history row for
  it would make the verifier call its missing end line removed);
- assessment: an assessment counts only with its whole recording, so it ends there, as
  *not recorded*: a notice says so and why, and leads back to the vignettes; no result is
  shown or stored (the log keeps what happened up to the failure, as an interrupted session).

A practice session that could not start its log at all (`app.sessions.start_session`) plays
on unrecorded and shows the same "Not recording" line from its first frame.
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

import pygame

from game.replay.recorder import RecordingError
from game.ui.kit.button import Button
from game.ui.kit.dialogs import ConfirmDialog
from game.ui.kit.focus import FocusList
from game.ui.kit.layout import centred
from game.ui.play import play_draw, trainee_rating
from game.ui.shell.context import UiContext
from game.ui.shell.input import Act, Intent
from game.ui.shell.scene import Pop, Push, Result, Transition

if TYPE_CHECKING:
    from game.replay.session import RecordedSession
    from game.ui.play.play import PlayScene


def failed_mid_session(session: RecordedSession) -> RecordingError | None:
    """The storage failure of a session that had a log and lost it (None otherwise)."""
    writer = session.writer
    return writer.failed if writer is not None else None


def reason(problem: RecordingError | OSError) -> str:
    return getattr(problem, "reason", None) or problem.strerror or str(problem)


def warning(ctx: UiContext, session: RecordedSession) -> str:
    """The standing line while the session plays unrecorded ("" when it is recorded)."""
    problem = session.recording_problem
    if problem is None:
        return ""
    return "⚠ " + ctx.t("Not recording: {reason}", reason=reason(problem))


def outcome_words(ctx: UiContext, problem: RecordingError) -> str:
    return "⚠ " + ctx.t("Not recorded ({reason}): not in your history",
                        reason=reason(problem))


def answer_failure(scene: PlayScene) -> Transition | None:
    """Answer a storage failure once: practice asks, assessment ends not recorded."""
    problem = failed_mid_session(scene.session)
    if problem is None or scene.recording_seen or not scene.record_results:
        return None
    scene.recording_seen = True
    if scene.assessment:
        scene.ticks.reset()
        return assessment_ended(scene.ctx, problem)
    if scene.session.finished:
        return None  # nothing left to play: the outcome says it
    return practice_question(scene.ctx, problem)


def outcome_note(scene: PlayScene) -> str:
    """What the outcome says about the history ("Saving the result", "Result saved", not
    recorded) and, after a rating, how well the supervisor read the trainee."""
    if not scene.record_results:
        return ""
    lost = failed_mid_session(scene.session)
    if lost is not None:
        note = outcome_words(scene.ctx, lost)
    elif scene.saved is None and scene.saver is not None:
        note = "… " + scene.ctx.t("Saving the result")
    else:
        note = play_draw.result_note(scene.ctx, scene.saved)
    reading = trainee_rating.reading_words(scene)
    return f"{reading} {note}" if reading else note


def practice_question(ctx: UiContext, problem: RecordingError) -> Transition:
    """Pause under a question: play on unrecorded (the safe, default answer) or leave."""
    t = ctx.t
    return Push(RecordingDialog(
        ctx, t("Recording stopped: {reason}", reason=reason(problem)),
        t("The log is kept up to now. Play on without recording (the result will not be "
          "in your history), or leave?"),
        t("Leave"), t("Play on"), yes=Pop(2)))


def assessment_ended(ctx: UiContext, problem: RecordingError) -> Transition:
    """The assessment ends here, not recorded; the one way on is back to the vignettes."""
    t = ctx.t
    return Push(NoticeDialog(
        ctx, t("Assessment not recorded: {reason}", reason=reason(problem)),
        t("An assessment counts only when it is fully recorded, so it ends here with no "
          "result. Its log keeps what happened so far."),
        t("Back to vignettes"), then=Pop(2)))


class RecordingDialog(ConfirmDialog):
    """A confirm dialog with room for a longer message: wider and taller than the usual
    one, so the reason and the choice stay readable at the largest text size."""

    def resize(self) -> None:
        super().resize()
        m = self.ctx.metrics
        self.box = centred(self.ctx.size, 0.76, 0.62, min_h=round(m.button_h * 6))
        inner = self.box.inflate(-2 * m.pad, -2 * m.pad)
        bw = (inner.width - m.gap * 2) // 2
        y = inner.bottom - m.button_h
        self.buttons = [replace(button, rect=pygame.Rect(x, y, bw, m.button_h))
                        for button, x in zip(self.buttons, (inner.x, inner.right - bw))]


class NoticeDialog(RecordingDialog):
    """A message with a single way on (Enter, Esc and the button all take it)."""

    name = "notice"

    def __init__(self, ctx: UiContext, title: str, detail: str, label: str,
                 then: Transition):
        super().__init__(ctx, title, detail, label, label, yes=then, no=then)
        self.focus = FocusList(["yes"], current="yes")

    def resize(self) -> None:
        super().resize()
        m = self.ctx.metrics
        inner = self.box.inflate(-2 * m.pad, -2 * m.pad)
        self.buttons = [Button("yes", self.labels["yes"],
                               pygame.Rect(inner.x, inner.bottom - m.button_h, inner.width,
                                           m.button_h), "Enter")]

    def on_intent(self, intent: Intent) -> Result:
        if intent.act in (Act.BACK, Act.ACTIVATE):
            return self.yes
        return super().on_intent(intent)
