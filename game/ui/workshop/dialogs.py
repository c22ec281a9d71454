"""The workshop's small actions: a note at this moment, leaving the story, going back.

Notes go to the sidecar beside the log (`game.replay.annotations`), never into the log, so
the log still verifies; they carry the tick and, at a vote, the decision point.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

from game.app.rewind import last_decision
from game.app.workshop import RewindError, Workshop
from game.replay.annotations import Note, add_note
from game.ui.kit.dialogs import ConfirmDialog
from game.ui.kit.text_entry import TextEntryOverlay
from game.ui.shell.context import UiContext
from game.ui.shell.scene import Pop, Push, Result


def note_dialog(ctx: UiContext, log_path: Path, tick: int, when: str, decision: str,
                cue: str, saved: Callable[[str], None]) -> Result:
    """A: the note entry; `saved` hears the confirmation to show once the note is written."""
    t = ctx.t
    where = t("Note at {time}", time=when) + (
        t(" · decision point: {cue}", cue=cue) if decision else "")

    def save(text: str) -> str | None:
        note = Note(tick, text, decision=decision,
                    created_at=datetime.now(UTC).isoformat(timespec="seconds"))
        try:
            add_note(log_path, note)
        except OSError as exc:
            return t("Could not save the note: {why}", why=exc.strerror or exc)
        saved(t("Note saved beside the log."))
        return None
    return Push(TextEntryOverlay(ctx, t("Add a note"), where, save))


def leave_dialog(ctx: UiContext, finished: bool) -> Result:
    """Esc: a finished story just closes; a running one asks first (Esc again = stay)."""
    if finished:
        return Pop()
    t = ctx.t
    return Push(ConfirmDialog(
        ctx, t("Leave this workshop vignette?"),
        t("The story stops here. Its log and the room's votes so far are kept and can be "
          "replayed."), t("Leave"), t("Stay"), yes=Pop(2)))


def go_back(ctx: UiContext, workshop: Workshop) -> tuple[bool, str]:
    """Backspace: take the workshop back to the last decision's window (a new log); whether
    it went, and what to tell the room either way."""
    t = ctx.t
    try:
        number = workshop.go_back()
    except RewindError as exc:
        if last_decision(workshop.session.state.history) is None:
            return False, t("No decision has been taken yet: nothing to go back to.")
        return False, t("Cannot go back: {why}.", why=str(exc))
    return True, t("⟲ Back at decision {n}. The votes are kept; the room may change them.",
                   n=number)
