"""What "Leave this vignette?" promises: left practice is kept and can be resumed (the
play scene saves it as abandoned on close); left assessment has no outcome."""

from __future__ import annotations

from game.ui.kit.dialogs import ConfirmDialog
from game.ui.play.play import PlayScene
from game.ui.shell.input import Act, Intent
from game.ui.shell.scene import Push
from tests.ui.helpers import run_until
from tests.ui.play_screens import session


def _leave_detail(ctx, mode: str, log: str | None) -> str:
    play = PlayScene(ctx, ctx.services.catalogue().get("lumbar_puncture"),
                     session(ctx, "lumbar_puncture", mode, log))
    play.resize()
    run_until(play, "decision")
    asked = play.on_intent(Intent(Act.BACK))
    assert isinstance(asked, Push) and isinstance(asked.scene, ConfirmDialog)
    assert asked.scene.question == "Leave this vignette?"
    play.close()
    return asked.scene.detail


def test_practice_says_it_can_be_resumed(make_ctx, home):
    detail = _leave_detail(make_ctx(), "practice", str(home / "p.jsonl"))
    assert "resume it from the title screen or History" in detail
    assert "no outcome" not in detail


def test_assessment_still_says_there_is_no_outcome(make_ctx, home):
    detail = _leave_detail(make_ctx(), "assessment", str(home / "a.jsonl"))
    assert "will have no outcome" in detail
    assert "resume" not in detail


def test_unlogged_practice_does_not_promise_a_resume(make_ctx, home):
    """Without a log there is nothing to take up again, so nothing is promised."""
    assert "resume" not in _leave_detail(make_ctx(), "practice", None)
