"""A durable queue of history records that could not be written yet.

When the database is busy past the retry budget, on a full disk, or refused, the finished
session's record is appended here (one JSON object per line, fsynced) and written to the
database the next time it opens for writing. Appending and draining take an advisory file
lock, so two processes never drain the same line twice or lose one appended meanwhile. A
line cut off by a crash mid-append is skipped (its session is still in its log, so a rebuild
recovers it); any other unreadable line is kept in the file, never dropped.
"""

from __future__ import annotations

import contextlib
import json
import os
from collections.abc import Callable, Iterator
from pathlib import Path

from game.store.records import SessionRecord, from_json, to_json

try:  # POSIX advisory locks; elsewhere appends are still atomic enough for one game
    import fcntl
except ImportError:  # pragma: no cover - Windows
    fcntl = None  # type: ignore[assignment]


def queue_path(db_path: Path) -> Path:
    return db_path.with_name(db_path.name + ".pending.jsonl")


@contextlib.contextmanager
def _locked(path: Path, mode: str) -> Iterator:
    with open(path, mode, encoding="utf-8") as handle:
        if fcntl is not None:
            fcntl.flock(handle.fileno(), fcntl.LOCK_EX)
        try:
            yield handle
        finally:
            if fcntl is not None:
                fcntl.flock(handle.fileno(), fcntl.LOCK_UN)


def append(path: Path, record: SessionRecord) -> None:
    """Add one record durably; raises OSError when even that is impossible."""
    line = json.dumps(to_json(record), separators=(",", ":"), ensure_ascii=False)
    with _locked(path, "a") as handle:
        handle.write(line + "\n")
        handle.flush()
        os.fsync(handle.fileno())


def _parse(lines: list[str]) -> tuple[list[SessionRecord], list[str]]:
    records, kept = [], []
    for number, raw in enumerate(lines, start=1):
        if not raw.strip():
            continue
        try:
            records.append(from_json(json.loads(raw)))
        except (ValueError, KeyError, TypeError):
            if number == len(lines) and not raw.endswith("\n"):
                continue  # the tail of an append a crash cut off
            kept.append(raw if raw.endswith("\n") else raw + "\n")
    return records, kept


def pending(path: Path) -> list[SessionRecord]:
    """The records waiting, without taking them."""
    try:
        with open(path, encoding="utf-8") as handle:
            return _parse(handle.readlines())[0]
    except (OSError, UnicodeDecodeError):
        return []


def drain(path: Path, write: Callable[[list[SessionRecord]], None]) -> int:
    """Hand every waiting record to `write`; empty the queue only if it succeeded.

    Returns how many were written. An exception from `write` leaves the queue as it was.
    """
    if not path.exists() or path.stat().st_size == 0:
        return 0
    with _locked(path, "r+") as handle:
        records, kept = _parse(handle.readlines())
        if records:
            write(records)
        handle.seek(0)
        handle.truncate()
        handle.writelines(kept)
        handle.flush()
        os.fsync(handle.fileno())
    return len(records)
