"""The log writer's background mode (issue 17: no fsync on the UI thread): the same bytes as
writing on the caller's thread, failures kept valid and reported through `failed`, and
closing (leaving, quitting) writes out everything queued."""

from __future__ import annotations

import errno
import os
import threading
from dataclasses import asdict

from game.core.commands import Intervene
from game.core.state import SessionConfig
from game.headless import ScriptedPolicy, play_out
from game.replay import recorder
from game.replay.reader import read_log
from game.replay.session import RecordedSession
from game.replay.verify import verify_log
from game.scoring.params import ModelParams


def start(tiny, path, seed: int = 1, background: bool = True) -> RecordedSession:
    session = RecordedSession(tiny, SessionConfig("tiny", seed, "junior"), ModelParams(), path,
                              started_at="2026-12-07T08:00:00")
    if background:
        session.writer.in_background()
    return session


def test_background_log_is_byte_identical_to_the_synchronous_one(tiny, tmp_path):
    for seed in (1, 2, 3):
        logs = []
        for background in (False, True):
            path = tmp_path / f"{seed}-{background}.jsonl"
            session = start(tiny, path, seed, background)
            play_out(session, ScriptedPolicy("random", seed=seed))
            assert session.writer.wait(10)
            logs.append(path.read_bytes())
        assert logs[0] == logs[1] and b'"type":"end"' in logs[1]


def test_writes_and_fsyncs_happen_on_the_writer_thread(tiny, tmp_path, monkeypatch):
    threads: list[str] = []
    real = os.fsync

    def fsync(fd):
        threads.append(threading.current_thread().name)
        return real(fd)
    session = start(tiny, tmp_path / "s.jsonl")
    monkeypatch.setattr(recorder.os, "fsync", fsync)
    session.advance(20)
    session.issue(Intervene("d1", "cue"))
    while not session.finished:
        session.advance(10)
    assert session.writer.closed  # takes no more lines at once; the thread finishes them
    assert session.writer.wait(10)
    assert threads and set(threads) == {"safetynet-log-writer"}
    log = read_log(tmp_path / "s.jsonl")
    assert len(log.commands) == 1 and log.end is not None


def test_a_failure_on_the_writer_thread_keeps_the_log_valid_and_is_reported(tiny, tmp_path,
                                                                           monkeypatch):
    path = tmp_path / "s.jsonl"
    session = start(tiny, path)
    session.advance(20)
    real = os.write

    def half_then_full(fd, data):  # half a line on disk, then the disk is full
        monkeypatch.setattr(recorder.os, "write", _full)
        return real(fd, data[: len(data) // 2])
    monkeypatch.setattr(recorder.os, "write", half_then_full)
    session.issue(Intervene("d1", "cue"))  # returns at once; the thread finds the failure
    session.writer.flush()
    problem = session.recording_problem
    assert problem is not None and problem.storage_full and problem.lines_kept == 1
    while not session.finished:  # plays on unrecorded, without raising
        session.advance(10)
    assert session.writer.wait(10)
    log = read_log(path)
    assert not log.truncated_tail and not log.commands and log.end is None
    assert verify_log(str(path), lambda sid: tiny).ok


def test_lines_are_digested_on_the_writer_thread(tiny, tmp_path, monkeypatch):
    """The frame of a key press and the frame in which a vignette ends hand their lines over
    unbuilt: the state fingerprints and the seals are computed on the writer thread."""
    from game.replay import session as session_module
    threads: list[str] = []
    real = session_module.fingerprint

    def fingerprint(state):
        threads.append(threading.current_thread().name)
        return real(state)
    monkeypatch.setattr(session_module, "fingerprint", fingerprint)
    path = tmp_path / "s.jsonl"
    session = start(tiny, path)
    session.advance(20)
    session.issue(Intervene("d1", "cue"))
    while not session.finished:
        session.advance(10)
    assert session.writer.wait(10)
    assert threads == ["safetynet-log-writer"] * 2  # the command's and the end line's
    end = read_log(path).end
    assert end is not None and verify_log(str(path), lambda sid: tiny).ok
    assert end["path"] == [asdict(s) for s in session.state.history]  # every field, as before


def test_an_end_line_that_cannot_be_built_is_reported_and_the_log_stays_valid(
        tiny, tmp_path, monkeypatch):
    from game.replay import session as session_module
    path = tmp_path / "s.jsonl"
    session = start(tiny, path)
    session.advance(20)
    session.issue(Intervene("d1", "cue"))
    session.writer.flush()

    def broken(state):
        raise ValueError("no digest")
    monkeypatch.setattr(session_module, "fingerprint", broken)
    while not session.finished:
        session.advance(10)  # never raises on the caller's thread
    assert session.writer.wait(10)
    problem = session.recording_problem
    assert problem is not None and "could not be built" in str(problem)
    log = read_log(path)
    assert len(log.commands) == 1 and log.end is None and not log.truncated_tail


def _full(fd, data):
    raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))


def test_closing_mid_session_writes_out_every_queued_line(tiny, tmp_path, monkeypatch):
    path = tmp_path / "s.jsonl"
    session = start(tiny, path)
    gate = threading.Event()
    real = os.fsync

    def slow_fsync(fd):  # a slow disk: lines queue up behind the first
        gate.wait(10)
        return real(fd)
    monkeypatch.setattr(recorder.os, "fsync", slow_fsync)
    session.advance(20)
    session.record_vote({"decision": "d1", "counts": {"cue": 2}, "followed": "cue"})
    session.issue(Intervene("d1", "cue"))
    threading.Timer(0.05, gate.set).start()
    session.close()  # leaving the play screen: joins the writer
    assert not session.writer._thread.is_alive()
    log = read_log(path)
    assert len(log.commands) == 1 and log.end is None
    assert b'"type":"vote"' in path.read_bytes()
    assert verify_log(str(path), lambda sid: tiny).ok


EXIT_SCRIPT = """
import os, sys, time
from game.core.commands import Intervene
from game.core.state import SessionConfig
from game.replay import recorder
from game.replay.session import RecordedSession
from game.scoring.params import ModelParams
from tests.inline import TINY_YAML, load_text

real = os.fsync
def slow_fsync(fd):  # a slow disk: the command is still queued when the game quits
    time.sleep(0.2)
    return real(fd)
tiny = load_text(TINY_YAML)
session = RecordedSession(tiny, SessionConfig("tiny", 1, "junior"), ModelParams(), sys.argv[1])
session.writer.in_background()
recorder.os.fsync = slow_fsync
session.advance(20)
session.issue(Intervene("d1", "cue"))
"""  # ends without closing the session: the interpreter's exit must write the queue out


def test_quitting_without_closing_still_writes_out_the_queue(tmp_path):
    import subprocess
    import sys
    from pathlib import Path
    path = tmp_path / "s.jsonl"
    root = Path(__file__).resolve().parents[2]
    subprocess.run([sys.executable, "-c", EXIT_SCRIPT, str(path)], check=True, timeout=60,
                   cwd=root, env={**os.environ, "PYTHONPATH": str(root)})
    log = read_log(path)
    assert len(log.commands) == 1 and log.end is None and not log.truncated_tail
