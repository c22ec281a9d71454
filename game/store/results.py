"""The calls the game makes when a session ends or is left: record it, never lose it.

`save_result` (finished) and `save_abandoned` (left mid-vignette) never raise. When the
database cannot take the record (busy past the retry budget, full disk, read-only folder, a
file from a newer game), the record goes to the durable pending queue and is written the next
time the history opens; when even that fails, the session is still in its log and a rebuild
brings it back. The report says which, in one line the outcome screen shows.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING, Any

from game.store.capture import capture
from game.store.db import DEFAULT_BUDGET
from game.store.records import SessionRecord
from game.store.saving import SaveReport, save_record

if TYPE_CHECKING:
    from game.replay.session import RecordedSession

__all__ = ["SaveReport", "record_from_session", "save_abandoned", "save_record",
           "save_result"]


def first_line(path: Path | None) -> dict[str, Any]:
    """The log's header, read from its first line only (the rest is not needed here)."""
    if path is None:
        return {}
    try:
        with open(path, encoding="utf-8") as handle:
            data = json.loads(handle.readline())
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def record_from_session(session: RecordedSession, entrustment: int | None = None,
                        with_attitude: bool = True) -> SessionRecord:
    """The record of a finished or abandoned session (abandoned when it has no score)."""
    header = first_line(session.log_path)
    config = session.state.config
    header = {"player": "anonymous", "mode": config.mode, "seed": config.seed, **header}
    name = session.log_path.name if session.log_path else ""
    record = capture(session.scenario, session.state, session.params, session.score,
                     header, name, with_attitude)
    return record.with_(entrustment=entrustment)


def save_result(session: RecordedSession, path: Path | None = None,
                entrustment: int | None = None, budget: float = DEFAULT_BUDGET) -> SaveReport:
    """Add a finished session to the history; never raises."""
    return save_record(record_from_session(session, entrustment), path, budget)


def save_abandoned(session: RecordedSession, path: Path | None = None,
                   budget: float = DEFAULT_BUDGET) -> SaveReport:
    """Record a session the player left before its end (no attitude: nothing is solved)."""
    return save_record(record_from_session(session, with_attitude=False), path, budget)
