"""Full and read-only storage while recording (simulated by making os.write / os.open fail):
never an empty log, always valid up to the last complete line, one RecordingError in words."""

from __future__ import annotations

import errno
import os

import pytest

from game.core.commands import Intervene
from game.core.state import SessionConfig
from game.replay import recorder
from game.replay.reader import read_log
from game.replay.recorder import LogWriter, RecordingError
from game.replay.session import RecordedSession
from game.replay.verify import verify_log
from game.scoring.params import ModelParams


def finder(scenario):
    return lambda sid: scenario if sid == scenario.id else None


def failing_write(monkeypatch, code, after_calls=0, partial=False):
    """os.write fails with `code` from call number `after_calls`; a partial write first
    puts half the line on disk, as a disk that fills up mid-line does."""
    real = os.write
    calls = {"n": 0}

    def write(fd, data):
        calls["n"] += 1
        if calls["n"] > after_calls:
            if partial and calls["n"] == after_calls + 1:
                return real(fd, data[: len(data) // 2])
            raise OSError(code, os.strerror(code))
        return real(fd, data)
    monkeypatch.setattr(recorder.os, "write", write)


def start(tiny, path):
    return RecordedSession(tiny, SessionConfig("tiny", 1, "junior"), ModelParams(), path)


@pytest.mark.parametrize("code, words", [(errno.ENOSPC, "the disk is full"),
                                         (errno.EROFS, "read-only")])
def test_a_log_that_cannot_get_its_header_is_not_left_behind(tiny, tmp_path, monkeypatch,
                                                              code, words):
    failing_write(monkeypatch, code)
    path = tmp_path / "logs" / "s.jsonl"
    with pytest.raises(RecordingError) as info:
        start(tiny, path)
    assert words in str(info.value) and not path.exists()


def test_a_read_only_folder_is_refused_in_words(tiny, tmp_path, monkeypatch):
    def refuse(*_args, **_kwargs):
        raise OSError(errno.EROFS, "Read-only file system")
    monkeypatch.setattr(recorder.os, "open", refuse)
    with pytest.raises(RecordingError) as info:
        start(tiny, tmp_path / "s.jsonl")
    assert info.value.read_only and "the folder is read-only" in str(info.value)
    assert not (tmp_path / "s.jsonl").exists()


def test_disk_full_mid_session_keeps_the_log_valid_and_plays_on(tiny, tmp_path, monkeypatch):
    path = tmp_path / "s.jsonl"
    session = start(tiny, path)
    session.advance(20)
    failing_write(monkeypatch, errno.ENOSPC, partial=True)
    session.issue(Intervene("d1", "cue"))  # the session goes on; the problem is kept
    problem = session.recording_problem
    assert isinstance(problem, RecordingError) and problem.storage_full
    assert problem.lines_kept == 1 and "the disk is full" in str(problem)
    assert session.writer.failed is problem and session.writer.closed
    while not session.finished:  # plays on, unrecorded, without raising
        session.advance(10)
    assert session.score is not None
    log = read_log(path)
    assert not log.truncated_tail and not log.commands and log.end is None
    assert verify_log(str(path), finder(tiny)).ok


def test_disk_full_at_the_end_line_keeps_every_command(tiny, tmp_path, monkeypatch):
    path = tmp_path / "s.jsonl"
    session = start(tiny, path)
    session.advance(20)
    session.issue(Intervene("d1", "cue"))  # on to d2, whose window then runs out
    assert not session.finished
    failing_write(monkeypatch, errno.ENOSPC, partial=True)
    while not session.finished:
        session.advance(10)
    assert session.score is not None and session.recording_problem.lines_kept == 2
    log = read_log(path)
    assert len(log.commands) == 1 and log.end is None and not log.truncated_tail


def test_writer_refuses_a_folder_and_a_file_that_is_not_a_log(tmp_path):
    with pytest.raises(RecordingError, match="it is a folder"):
        LogWriter(tmp_path, {"x": 1})
    precious = tmp_path / "thesis.txt"
    precious.write_text("three years of work")
    with pytest.raises(RecordingError, match="not a replay log"):
        LogWriter(precious, {"x": 1})
    assert precious.read_text() == "three years of work"


def test_a_new_log_fsyncs_its_folder(tiny, tmp_path, monkeypatch):
    synced = []
    real_fsync = os.fsync

    def fsync(fd):
        synced.append(os.path.realpath(f"/proc/self/fd/{fd}"))
        real_fsync(fd)
    monkeypatch.setattr(recorder.os, "fsync", fsync)
    start(tiny, tmp_path / "s.jsonl").close()
    assert str(tmp_path.resolve()) in synced


def test_practice_on_a_read_only_home_plays_on_without_a_log(tiny, monkeypatch):
    from game.app.sessions import Launch, start_session

    def refuse(*_args, **_kwargs):
        raise OSError(errno.EROFS, "Read-only file system")
    monkeypatch.setattr(recorder.os, "open", refuse)
    session = start_session(tiny, "junior", "practice", launch=Launch(seed=3))
    assert session.log_path is None and session.recording_problem.read_only
    while not session.finished:
        session.advance(10)
    assert session.score is not None
    with pytest.raises(RecordingError):  # an assessment that cannot be recorded is refused
        start_session(tiny, "junior", "assessment", launch=Launch(seed=3))
