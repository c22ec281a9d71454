"""The history database: SQLite in WAL mode that never throws the player's history away.

Opening brings an older file forward (`schema.migrate`) and refuses one from a newer game.
A busy or locked file (another program holds a transaction) is retried with back-off and
then reported; a full disk or read-only folder is reported as that. The file is moved aside
only when it is really damaged: it is not SQLite at all, or `PRAGMA integrity_check` fails.
Then a new one is started and rebuilt from the logs (see `rebuild.py`), so nothing is lost:
the damaged file is kept beside it, and every logged session comes back.
"""

from __future__ import annotations

import sqlite3
import time
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import TypeVar

import game.store.pending as pending
from game import paths
from game.store.problems import BUSY, CORRUPT, StoreError, integrity_problem, kind_of
from game.store.records import COLUMNS, SessionRecord, from_rows, to_row
from game.store.schema import SCHEMA_VERSION, migrate, schema_version

FILE_NAME = "history.sqlite"
BUSY_SLICE = 0.1
"""Seconds SQLite itself waits on a lock before each of our retries."""
DEFAULT_BUDGET = 2.0
"""Seconds of retrying a busy file before the write goes to the pending queue instead."""

T = TypeVar("T")

_UPSERT = (
    f"INSERT INTO sessions ({', '.join(COLUMNS)}) VALUES ({', '.join('?' * len(COLUMNS))}) "
    "ON CONFLICT(uid) DO UPDATE SET "
    + ", ".join(f"{c} = excluded.{c}" for c in COLUMNS if c not in ("uid", "entrustment"))
    + ", entrustment = COALESCE(excluded.entrustment, sessions.entrustment) "
    "WHERE sessions.status != 'finished' OR excluded.status = 'finished'")
"""Writing a uid again updates its row; a finished session is never replaced by the
abandoned record of the same log, and a rating once given is kept."""


def default_path() -> Path:
    return paths.user_data_dir() / FILE_NAME


def retry(action: Callable[[], T], budget: float, sleep: Callable[[float], None] = time.sleep
          ) -> T:
    """Run `action`, retrying while the database is busy, with doubling pauses, until
    `budget` seconds have passed; then the last busy error is raised."""
    deadline = time.monotonic() + budget
    pause = 0.02
    while True:
        try:
            return action()
        except sqlite3.OperationalError as exc:
            if kind_of(exc) != BUSY or time.monotonic() + pause > deadline:
                raise
        sleep(pause)
        pause = min(pause * 2, 0.4)


class History:
    """An open history database; use `game.store.opening.open_history` to get one."""

    def __init__(self, connection: sqlite3.Connection, path: Path, budget: float):
        self.connection = connection
        self.path = path
        self.budget = budget

    def _write(self, statements: Callable[[sqlite3.Connection], T]) -> T:
        def attempt() -> T:
            self.connection.execute("BEGIN IMMEDIATE")
            try:
                result = statements(self.connection)
            except BaseException:
                if self.connection.in_transaction:  # SQLite may have rolled back already
                    self.connection.execute("ROLLBACK")
                raise
            self.connection.execute("COMMIT")
            return result
        return retry(attempt, self.budget)

    def add(self, record: SessionRecord) -> None:
        self.add_many([record])

    def add_many(self, records: list[SessionRecord]) -> None:
        """Write records in one transaction (a uid already there is updated)."""
        rows = [to_row(r) for r in records]
        self._write(lambda c: c.executemany(_UPSERT, rows))

    def execute_write(self, sql: str, values: tuple = ()) -> int:
        """One write statement in its own transaction, retried while busy; rows changed."""
        return self._write(lambda c: c.execute(sql, values).rowcount)

    def results(self, player: str | None = None, scenario_id: str | None = None,
                 mode: str | None = None, moments: bool = True) -> list[SessionRecord]:
        """Records in the order they were played, optionally filtered (no log is read).

        `moments=False` leaves each record's interventions empty: a list that does not show
        them opens faster."""
        where, values = [], []
        for column, value in (("player", player), ("scenario_id", scenario_id),
                              ("mode", mode)):
            if value is not None:
                where.append(f"{column} = ?")
                values.append(value)
        columns = COLUMNS if moments else [c if c != "interventions" else "'[]'"
                                           for c in COLUMNS]
        sql = f"SELECT {', '.join(columns)} FROM sessions"
        if where:
            sql += " WHERE " + " AND ".join(where)
        rows = retry(lambda: self.connection.execute(sql + " ORDER BY started_at, id",
                                                     values).fetchall(), self.budget)
        return from_rows(rows)

    def close(self) -> None:
        self.connection.close()

    def __enter__(self) -> History:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def _prepare(connection: sqlite3.Connection, path: Path, budget: float) -> None:
    """Refuse newer files, migrate older ones, then WAL mode (raises on trouble; a file
    that fails here is left as it was)."""
    version = retry(lambda: schema_version(connection), budget)
    if version > SCHEMA_VERSION:
        raise StoreError(f"{path.name} was written by a newer Safety Net (schema {version}; "
                         f"this one reads {SCHEMA_VERSION}): results are not saved")
    if version < SCHEMA_VERSION:
        history = History(connection, path, budget)
        history._write(lambda c: migrate(c, schema_version(c)))
    connection.execute(f"SELECT {', '.join(COLUMNS)} FROM sessions LIMIT 1").fetchall()
    retry(lambda: connection.execute("PRAGMA journal_mode=WAL").fetchone(), budget)


def sqlite_connect(path: Path) -> sqlite3.Connection:
    """The one place a writable connection is made (tests put a full or read-only file
    system behind it)."""
    return sqlite3.connect(path, timeout=BUSY_SLICE, isolation_level=None)


def connect(path: Path, budget: float = DEFAULT_BUDGET) -> History:
    """Open and prepare the file; raises sqlite3/OS errors and StoreError unchanged."""
    path.parent.mkdir(parents=True, exist_ok=True)
    connection = sqlite_connect(path)
    try:
        _prepare(connection, path, budget)
    except BaseException:
        connection.close()
        raise
    return History(connection, path, budget)


def move_aside(path: Path, now: datetime | None = None) -> Path:
    """Rename a damaged file out of the way (never delete the player's data)."""
    stamp = f"{(now or datetime.now()):%Y%m%d-%H%M%S}"
    target = path.with_name(f"{path.name}.damaged-{stamp}")
    n = 2
    while target.exists():
        target = path.with_name(f"{path.name}.damaged-{stamp}-{n}")
        n += 1
    path.rename(target)
    for suffix in ("-journal", "-wal", "-shm"):
        side = path.with_name(path.name + suffix)
        if side.exists():
            side.rename(target.with_name(target.name + suffix))
    return target


def drain_pending(history: History) -> int:
    """Write the records the queue holds for this file; returns how many."""
    return pending.drain(pending.queue_path(history.path), history.add_many)


def damage(path: Path, exc: BaseException) -> str | None:
    """Why the file counts as damaged, or None when it is sound (then nothing is moved)."""
    if kind_of(exc) not in (CORRUPT, "other"):
        return None
    try:
        return integrity_problem(path)
    except (sqlite3.Error, OSError):
        return None


__all__ = ["DEFAULT_BUDGET", "FILE_NAME", "History", "SCHEMA_VERSION", "StoreError",
           "connect", "default_path", "move_aside", "retry"]
