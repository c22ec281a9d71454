"""Issue 17 item 2 on screen: storage that fails under a running session (a fault-injecting
os.write: full disk, read-only) is shown during play and on the outcome; practice asks
whether to go on unrecorded, an assessment ends as not recorded. And the end of a vignette
leaves the history save and the solves to background workers."""

from __future__ import annotations

import errno
import os
import time
from datetime import datetime

import pygame
import pytest

from game.app.sessions import log_path
from game.core.commands import Intervene
from game.core.state import SessionConfig
from game.replay import recorder
from game.replay.reader import read_log
from game.replay.session import RecordedSession
from game.replay.verify import verify_log
from game.scoring.params import ModelParams
from game.store import open_history
from game.ui.kit.dialogs import ConfirmDialog
from game.ui.play.play import PlayScene
from game.ui.play.recording import NoticeDialog
from game.ui.review.outcome import OutcomeScene
from game.ui.shell.input import Act, Intent
from game.ui.shell.scene import SceneStack
from tests.ui.helpers import press


class Disk:
    """os.write for the log writer that starts failing with `code` when told to."""

    def __init__(self, monkeypatch, code: int, delay: float = 0.0):
        self.code, self.failing, self._real, self.delay = code, False, os.write, delay
        monkeypatch.setattr(recorder.os, "write", self.write)

    def write(self, fd, data):
        if self.failing:
            time.sleep(self.delay)  # a slow disk: the failure comes after the frame
            raise OSError(self.code, os.strerror(self.code))
        return self._real(fd, data)


def playing(ctx, scenario, mode: str, home) -> tuple[SceneStack, PlayScene]:
    config = SessionConfig(scenario.id, 5, scenario.trainees[0].id, "normal", mode)
    path = log_path(scenario.id, datetime.now(), home / "logs")
    session = RecordedSession(scenario, config, ModelParams(), path, player="sup-rec")
    stack = SceneStack()
    play = PlayScene(ctx, scenario, session)
    stack.push(play)
    return stack, play


def drive(stack: SceneStack, play: PlayScene, until, option: str = "watch") -> None:
    """Run the stack (not only the scene: its transitions matter here) until `until()`."""
    for _ in range(20_000):
        if until():
            return
        if stack.top is not play:
            return
        if play.card is not None:
            play.on_intent(Intent(Act.ACTIVATE))
        elif play.vm.phase == "decision" and play.session.state.pending is None:
            stack._follow(play, Intervene(play.node_id, option))
        else:
            stack.update(100)
    raise AssertionError("never got there")


def failing_command(stack: SceneStack, play: PlayScene, option: str) -> None:
    """A command whose log line cannot be written. The writer thread finds the failure (the
    command's frame does no I/O); the next frame shows it."""
    stack._follow(play, Intervene(play.node_id, option))
    assert stack.top is play  # not known yet on the command's own frame
    play.session.writer.flush()
    stack.update(0)


def rows(home):
    history, _ = open_history(home / "history.sqlite")
    if history is None:
        return []
    with history:
        return history.results()


@pytest.mark.parametrize("code, words", [(errno.ENOSPC, "the disk is full"),
                                         (errno.EROFS, "read-only")])
def test_practice_pauses_asks_and_plays_on_unrecorded(ctx, lumbar, home, monkeypatch, code,
                                                      words):
    disk = Disk(monkeypatch, code)
    stack, play = playing(ctx, lumbar, "practice", home)
    drive(stack, play, lambda: play.vm.phase == "decision")
    disk.failing = True
    failing_command(stack, play, "probe")
    question = stack.top
    assert isinstance(question, ConfirmDialog) and words in question.question
    assert question.focus.current == "no"  # the safe default: play on, unrecorded
    tick = play.session.state.tick
    stack.update(1000)
    assert play.session.state.tick == tick  # paused beneath the question
    press(stack, pygame.K_RETURN)
    assert stack.top is play and words in play.notice_text  # the standing line
    play.draw(pygame.Surface(ctx.size))
    assert any("Not recording" in p.text for p in ctx.recorder)
    drive(stack, play, lambda: play.vm.phase == "ended")
    assert play.saver is None and play.saved is not None and not play.saved.saved
    outcome = play.to_outcome().scene
    assert isinstance(outcome, OutcomeScene)
    assert "Not recorded" in outcome.note and words in outcome.note
    assert rows(home) == []  # a row for a log without its end would be a false "removed"
    log = read_log(str(play.session.log_path))
    assert log.end is None and verify_log(str(log.path), {lumbar.id: lumbar}.get).ok


def test_leaving_at_the_question_keeps_the_log_as_it_was(ctx, lumbar, home, monkeypatch):
    disk = Disk(monkeypatch, errno.ENOSPC)
    stack, play = playing(ctx, lumbar, "practice", home)
    drive(stack, play, lambda: play.vm.phase == "decision")
    disk.failing = True
    failing_command(stack, play, "probe")
    stack.top.focus.focus("yes")
    press(stack, pygame.K_RETURN)
    assert stack.top is None  # the question and the play scene are gone
    assert verify_log(str(play.session.log_path), {lumbar.id: lumbar}.get).ok


def test_an_assessment_that_cannot_be_recorded_ends_not_recorded(ctx, lumbar, home,
                                                                  monkeypatch):
    disk = Disk(monkeypatch, errno.ENOSPC)
    stack, play = playing(ctx, lumbar, "assessment", home)
    drive(stack, play, lambda: play.vm.phase == "decision")
    disk.failing = True
    failing_command(stack, play, "probe")
    notice = stack.top
    assert isinstance(notice, NoticeDialog)
    assert "Assessment not recorded" in notice.question and "disk is full" in notice.question
    assert [b.id for b in notice.buttons] == ["yes"]
    notice.draw(pygame.Surface(ctx.size))
    press(stack, pygame.K_ESCAPE)  # any way out leads back to the vignettes
    assert stack.top is None
    assert rows(home) == []  # no result, and not offered as a session to resume
    log = read_log(str(play.session.log_path))
    assert log.end is None and verify_log(str(log.path), {lumbar.id: lumbar}.get).ok


def test_an_end_line_that_cannot_be_written_ends_the_assessment_too(ctx, lumbar, home,
                                                                     monkeypatch):
    """Watching throughout logs no command, so the end line is the first write to fail."""
    disk = Disk(monkeypatch, errno.ENOSPC)
    stack, play = playing(ctx, lumbar, "assessment", home)
    disk.failing = True
    for _ in range(20_000):
        if stack.top is not play:
            break
        if play.card is not None:
            play.on_intent(Intent(Act.ACTIVATE))
        else:
            stack.update(100)
    assert play.session.finished and isinstance(stack.top, NoticeDialog)
    assert "Assessment not recorded" in stack.top.question
    press(stack, pygame.K_RETURN)
    assert stack.top is None and rows(home) == []
    assert read_log(str(play.session.log_path)).end is None


def test_the_end_of_a_vignette_saves_in_the_background(ctx, lumbar, home):
    stack, play = playing(ctx, lumbar, "practice", home)
    assert play.prewarm is not None and play.prewarm.wait(30) and play.prewarm.problem is None
    drive(stack, play, lambda: play.vm.phase == "ended")
    assert play.saver is not None
    outcome = play.to_outcome().scene
    first = outcome.note  # "Saving the result" until the worker is done, then its answer
    assert "Saving the result" in first or "Result saved" in first
    assert play.saver.wait(10) and "Result saved" in outcome.note
    assert [r.log_file for r in rows(home)] == [play.session.log_path.name]


def test_the_outcome_says_saving_until_the_background_save_lands(ctx, lumbar, home,
                                                                 monkeypatch):
    import threading

    import game.ui.play.play as play_module
    release = threading.Event()
    real_save = play_module.save_result

    def slow_save(session):
        release.wait(10)  # a busy database, say
        return real_save(session)
    monkeypatch.setattr(play_module, "save_result", slow_save)
    stack, play = playing(ctx, lumbar, "practice", home)
    drive(stack, play, lambda: play.vm.phase == "ended")
    outcome = play.to_outcome().scene
    assert "Saving the result" in outcome.note and play.saved is None
    release.set()
    assert play.saver.wait(10) and "Result saved" in outcome.note


def test_practice_that_could_not_start_its_log_says_so_from_the_start(ctx, lumbar, home):
    from game.replay.recorder import RecordingError
    config = SessionConfig(lumbar.id, 5, lumbar.trainees[0].id, "normal", "practice")
    session = RecordedSession(lumbar, config, ModelParams(), None, player="sup-rec")
    session.not_recorded = RecordingError(home / "logs" / "x.jsonl", "the folder is read-only",
                                          0, errno.EROFS)
    stack = SceneStack()
    play = PlayScene(ctx, lumbar, session)
    stack.push(play)
    assert "Not recording: the folder is read-only" in play.notice_text
    stack.update(100)
    assert stack.top is play  # nothing to ask: there never was a log; the line says it


def test_the_outcome_asked_for_at_once_still_sees_a_failed_end_line(ctx, lumbar, home,
                                                                    monkeypatch):
    """The end line is written on the log's thread; Enter for the outcome in the very frame
    the vignette ends waits for it, so a failed end line still ends the assessment."""
    disk = Disk(monkeypatch, errno.ENOSPC, delay=0.3)
    stack, play = playing(ctx, lumbar, "assessment", home)
    disk.failing = True  # watching throughout logs no command: the end line fails
    while not play.session.finished:
        if play.card is not None:
            play.cards.release()
        play.update(100)
    result = play.to_outcome()
    assert isinstance(result.scene, NoticeDialog)
    assert "Assessment not recorded" in result.scene.question
    # the saver, started as the vignette ended, finds the end line failed and saves nothing
    assert play.saver.wait(10) and not play.saved.saved and rows(home) == []
