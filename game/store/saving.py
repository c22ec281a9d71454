"""Writing one record, or keeping it in the pending queue when the database cannot take it.

Never raises: the report says, in one line, whether the record is in the database, waiting
in the queue (written the next time the history opens), or only in its log (a rebuild
brings it back). Needs no scoring model, so it is as light as reading the history.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import NamedTuple

import game.store.pending as pending
from game.store.db import DEFAULT_BUDGET, damage, default_path
from game.store.opening import open_history
from game.store.problems import kind_of, words
from game.store.records import SessionRecord


class SaveReport(NamedTuple):
    saved: bool
    problem: str | None
    """What went wrong or was repaired, in one line (None when all was well)."""
    queued: bool = False
    """Not in the database yet, but kept in the pending queue for the next open."""


def save_record(record: SessionRecord, path: Path | None = None,
                budget: float = DEFAULT_BUDGET) -> SaveReport:
    """Write one record, or queue it; never raises."""
    path = path or default_path()
    history, problem = open_history(path, budget)
    if history is not None:
        try:
            with history:
                history.add(record)
            return SaveReport(True, problem)
        except (sqlite3.Error, OSError) as exc:
            problem = words(kind_of(exc), path.name, exc)
            why = damage(path, exc)
        if why is not None:  # damage found only now, past the pages opening reads
            return _after_damage(record, path, why, budget)
    return _queue(record, path, problem or "the history could not be opened")


def _after_damage(record: SessionRecord, path: Path, why: str, budget: float) -> SaveReport:
    from game.store.rebuild import replace_damaged
    history, problem = replace_damaged(path, why, budget, None)
    if history is None:
        return _queue(record, path, problem or f"{path.name} is damaged")
    with history:
        try:
            history.add(record)
        except (sqlite3.Error, OSError) as exc:
            return _queue(record, path, words(kind_of(exc), path.name, exc))
    return SaveReport(True, problem)


def _queue(record: SessionRecord, path: Path, problem: str) -> SaveReport:
    try:
        pending.append(pending.queue_path(path), record)
    except OSError as exc:
        where = (f"its log {record.log_file} keeps it; `safetynet history --rebuild` brings "
                 "it back") if record.log_file else "it is lost"
        also = words(kind_of(exc), pending.queue_path(path).name, exc)
        return SaveReport(False, f"{problem}; {also}: {where}")
    return SaveReport(False, f"{problem}; the result is kept and will be saved next time",
                      queued=True)
