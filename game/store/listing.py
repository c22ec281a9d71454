"""Reading the history for the History and Progress screens: the database, not the logs.

Listing 3,200 sessions by re-verifying 3,200 logs took 1.9 s; reading their records takes a
few milliseconds. A log is verified when the player opens it, not when it is listed. Reading
works on a read-only folder too (SQLite then cannot make its WAL index, so the file is read
as immutable). Logs the database does not know yet (sessions from before this version, or a
record lost with a full disk) are added by `add_unlisted`, which only reads new files.
"""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Callable
from pathlib import Path
from typing import NamedTuple

from game.core.model import Scenario
from game.store.db import DEFAULT_BUDGET, History, default_path
from game.store.opening import open_history
from game.store.problems import BUSY, kind_of, words
from game.store.records import COLUMNS, SessionRecord, from_rows


class Listing(NamedTuple):
    records: list[SessionRecord]
    """Oldest first, as played."""
    problem: str | None
    """What the screen should say about the history file (None when all was well)."""


def _read_only(path: Path, player: str | None) -> list[SessionRecord]:
    sql = f"SELECT {', '.join(COLUMNS)} FROM sessions"
    values: tuple = ()
    if player is not None:
        sql, values = sql + " WHERE player = ?", (player,)
    for flags in ("mode=ro", "immutable=1"):
        try:
            connection = sqlite3.connect(f"file:{path}?{flags}", uri=True, timeout=0.5)
            try:
                rows = connection.execute(sql + " ORDER BY started_at, id", values).fetchall()
            finally:
                connection.close()
            return from_rows(rows)
        except sqlite3.Error:
            continue
    return []


def recorded_sessions(player: str | None = None, path: Path | None = None,
                      budget: float = DEFAULT_BUDGET, moments: bool = True) -> Listing:
    """Every recorded session (of one profile when `player` is given); never raises.
    `moments=False`: without the interventions (the History list does not show them)."""
    path = path or default_path()
    if not path.exists():
        return Listing([], None)
    history, problem = open_history(path, budget)
    if history is None:
        records = _read_only(path, player)
        note = "shown read-only" if records else "nothing can be shown"
        return Listing(records, f"{problem}; {note}")
    with history:
        try:
            return Listing(history.results(player=player, moments=moments), problem)
        except sqlite3.Error as exc:
            return Listing([], words(kind_of(exc), path.name, exc))


def left_sessions(player: str, path: Path | None = None, modes: tuple[str, ...] = ("practice",),
                  budget: float = 0.5) -> list[SessionRecord]:
    """The player's sessions left before their end (status "abandoned") in `modes`, newest
    first, without their moments; never raises (a busy or damaged file offers nothing: the
    title screen must open whatever the history's state)."""
    path = path or default_path()
    if not path.exists():
        return []
    marks = ", ".join("?" * len(modes))
    columns = ", ".join(c if c != "interventions" else "'[]'" for c in COLUMNS)
    sql = (f"SELECT {columns} FROM sessions WHERE player = ? AND status = 'abandoned' "
           f"AND mode IN ({marks}) ORDER BY started_at DESC, id DESC")
    history, _ = open_history(path, budget)
    if history is None:
        return []
    with history:
        try:
            rows = history.connection.execute(sql, (player, *modes)).fetchall()
        except sqlite3.Error:
            return []
    return from_rows(rows)


def finished_logs(history: History) -> set[str]:
    """File names of the logs the history records as finished (the verifier cross-checks a
    log that lost its end line against this)."""
    rows = history.connection.execute(
        "SELECT log_file FROM sessions WHERE status = 'finished' AND log_file != ''")
    return {r[0] for r in rows}


NOTES_SUFFIX = ".notes.jsonl"


def log_names(folder: Path) -> set[str]:
    """The names of the regular files in the logs folder, from one directory listing (no
    stat per file: the History screen lists thousands, and asks for each whether its log is
    there)."""
    try:
        with os.scandir(folder) as entries:
            return {e.name for e in entries if e.is_file()}
    except OSError:
        return set()


def unlisted_logs(history: History, folder: Path, names: set[str] | None = None
                  ) -> list[Path]:
    """Logs in `folder` the database has no record of (only names are compared), in name
    order. `names`: the folder's file names when the caller has listed them already."""
    names = log_names(folder) if names is None else names
    known = {r[0] for r in history.connection.execute("SELECT uid FROM sessions")}
    return [folder / n for n in sorted(names - known)
            if n.endswith(".jsonl") and not n.endswith(NOTES_SUFFIX)]


def add_unlisted(history: History, folder: Path, find: Callable[[str], Scenario | None],
                 names: set[str] | None = None) -> tuple[int, list[str]]:
    """Record the logs the database does not know; returns (added, `name: reason` skipped).
    Only those logs are read (the replay layers load only then)."""
    records, skipped = [], []
    unlisted = unlisted_logs(history, folder, names)
    if not unlisted:
        return 0, []
    from game.replay.reader import LogError
    from game.store.rebuild import record_from_log
    for path in unlisted:
        try:
            records.append(record_from_log(path, find))
        except LogError as exc:
            skipped.append(f"{path.name}: {exc}")
    if records:
        try:
            history.add_many(records)
        except sqlite3.OperationalError as exc:
            if kind_of(exc) != BUSY:
                raise
            return 0, skipped + [words(BUSY, history.path.name)]
    return len(records), skipped
