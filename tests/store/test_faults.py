"""History under faults: concurrent writers, a killed writer, busy and locked files, a full or
read-only disk, a damaged file. Nothing is lost and nothing healthy is moved aside."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from game.store import SessionRecord, db, open_history, pending
from game.store.problems import integrity_problem
from game.store.saving import save_record

ROOT = Path(__file__).resolve().parents[2]


def record(uid: str, **changes) -> SessionRecord:
    base = SessionRecord(uid, "sup-1", "tiny", "ab" * 32, "junior", "practice",
                         "2025-01-01T10:00:00+00:00", learning=1.0, harm=0.0, net=1.0,
                         regret=0.0, safety_rating="green", log_file=uid)
    return base.with_(**changes)


WRITER = """
import sys
from pathlib import Path
from game.store import SessionRecord, open_history
path, tag, count, batch = Path(sys.argv[1]), sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
history, problem = open_history(path, budget=30.0)
assert history is not None, problem
n = 0
while count < 0 or n < count:
    history.add_many([SessionRecord(f"{tag}-{n + i}", tag, "tiny", "", "junior", "practice",
                                    "2025", learning=1.0, regret=0.0) for i in range(batch)])
    n += batch
    print(n, flush=True)
"""


def _writer(path: Path, tag: str, count: int, batch: int = 1) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-c", WRITER, str(path), tag, str(count),
                             str(batch)], cwd=ROOT, stdout=subprocess.PIPE, text=True,
                            env={**os.environ, "PYTHONPATH": str(ROOT)})


def _count(path: Path) -> int:
    history, problem = open_history(path)
    assert history is not None, problem
    with history:
        return len(history.results())


def test_two_processes_writing_at_once_lose_nothing(tmp_path):
    path = tmp_path / "history.sqlite"
    open_history(path)[0].close()
    writers = [_writer(path, tag, 40) for tag in ("game", "report")]
    for w in writers:
        assert w.wait(timeout=60) == 0
    assert _count(path) == 80 and integrity_problem(path) is None


def test_a_writer_killed_mid_write_leaves_whole_transactions(tmp_path):
    path = tmp_path / "history.sqlite"
    open_history(path)[0].close()
    writer = _writer(path, "killed", -1, batch=50)
    assert writer.stdout is not None
    for _ in range(3):
        writer.stdout.readline()
    writer.send_signal(signal.SIGKILL)
    writer.wait(timeout=10)
    count = _count(path)
    assert count >= 150 and count % 50 == 0
    assert integrity_problem(path) is None
    assert not [p for p in tmp_path.iterdir() if "damaged" in p.name]


@pytest.mark.parametrize("wal", [True, False])
def test_locked_database_is_retried_queued_and_written_later(tmp_path, wal):
    path = tmp_path / "history.sqlite"
    history, _ = open_history(path)
    with history:
        history.add(record("before"))
    holder = sqlite3.connect(path, isolation_level=None)
    if not wal:
        holder.execute("PRAGMA journal_mode=DELETE")
    holder.execute("BEGIN EXCLUSIVE")
    started = time.monotonic()
    report = save_record(record("during"), path, budget=0.3)
    assert time.monotonic() - started >= 0.25
    assert not report.saved and report.queued
    assert "in use by another program" in report.problem and "kept" in report.problem
    assert [r.uid for r in pending.pending(pending.queue_path(path))] == ["during"]
    holder.execute("ROLLBACK")
    holder.close()
    history, problem = open_history(path)
    with history:
        assert problem is None
        assert [r.uid for r in history.results()] == ["before", "during"]
    assert pending.pending(pending.queue_path(path)) == []
    assert sorted(p.name for p in tmp_path.iterdir() if "damaged" in p.name) == []


def test_a_queue_line_cut_by_a_crash_is_skipped_and_others_kept(tmp_path):
    queue = tmp_path / "q.jsonl"
    pending.append(queue, record("one"))
    with open(queue, "a", encoding="utf-8") as handle:
        handle.write('{"not a record": 1}\n{"uid": "half')
    written: list = []
    assert pending.drain(queue, written.extend) == 1
    assert [r.uid for r in written] == ["one"]
    assert queue.read_text(encoding="utf-8") == '{"not a record": 1}\n'


def _broken_connect(monkeypatch, uri_flags: str = "", pragma: str = ""):
    def connect(path: Path) -> sqlite3.Connection:
        if uri_flags:
            c = sqlite3.connect(f"file:{path}?{uri_flags}", uri=True, isolation_level=None)
        else:
            c = sqlite3.connect(path, isolation_level=None)
        if pragma:
            c.execute(pragma)
        return c
    monkeypatch.setattr(db, "sqlite_connect", connect)


def test_full_disk_is_reported_in_words_and_queued(tmp_path, monkeypatch):
    path = tmp_path / "history.sqlite"
    history, _ = open_history(path)
    history.close()
    pages = sqlite3.connect(path).execute("PRAGMA page_count").fetchone()[0]
    _broken_connect(monkeypatch, pragma=f"PRAGMA max_page_count = {pages}")
    big = record("big", interventions=(), end_node="x" * 200_000)
    report = save_record(big, path, budget=0.2)
    assert not report.saved and report.queued and report.problem.startswith("the disk is full")
    monkeypatch.undo()
    assert _count(path) == 1 and not [p for p in tmp_path.iterdir() if "damaged" in p.name]


def test_read_only_folder_is_reported_and_the_log_named(tmp_path, monkeypatch):
    path = tmp_path / "history.sqlite"
    history, _ = open_history(path)
    history.close()
    _broken_connect(monkeypatch, uri_flags="mode=ro")

    def refuse(path: Path, rec: SessionRecord) -> None:
        raise OSError(30, "Read-only file system")
    monkeypatch.setattr(pending, "append", refuse)
    report = save_record(record("r.jsonl"), path, budget=0.2)
    assert not report.saved and not report.queued
    assert "read-only" in report.problem and "r.jsonl" in report.problem
    assert "history --rebuild" in report.problem


@pytest.mark.skipif(os.geteuid() != 0 or sys.platform != "linux", reason="needs mount")
def test_a_real_full_tmpfs(tmp_path):
    """The same on a real 200 KiB file system, when this machine lets the test mount one."""
    mount = tmp_path / "small"
    mount.mkdir()
    if subprocess.run(["mount", "-t", "tmpfs", "-o", "size=200k", "tmpfs", str(mount)],
                      capture_output=True).returncode != 0:
        pytest.skip("tmpfs cannot be mounted here")
    try:
        path = mount / "history.sqlite"
        open_history(path)[0].close()
        try:
            with open(mount / "filler", "wb", buffering=0) as handle:
                while True:
                    handle.write(b"\0" * 4096)
        except OSError:
            pass  # the file system is full now
        report = save_record(record("t", end_node="y" * 100_000), path, budget=0.2)
        assert not report.saved and "disk is full" in report.problem
        assert not [p for p in mount.iterdir() if "damaged" in p.name]
    finally:
        subprocess.run(["umount", str(mount)], check=False)
