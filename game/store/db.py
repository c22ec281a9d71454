"""The history database: a versioned SQLite schema that never stops the game.

`meta.schema_version` says which schema a file holds. An older file is migrated forward; a file
from a newer game is refused (left untouched, nothing written) with a message. A damaged file
(not a database, failed integrity check, wrong tables) is moved aside next to the original and
a fresh one started, so one bad write never costs the player their game, only old history.
"""

from __future__ import annotations

import sqlite3
from dataclasses import astuple, dataclass, fields
from datetime import datetime
from pathlib import Path

from game import paths

SCHEMA_VERSION = 1
FILE_NAME = "history.sqlite"

_MIGRATIONS: dict[int, str] = {
    1: """
    CREATE TABLE IF NOT EXISTS sessions (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        player TEXT NOT NULL,
        scenario_id TEXT NOT NULL,
        content_sha256 TEXT NOT NULL,
        profile TEXT NOT NULL,
        mode TEXT NOT NULL,
        started_at TEXT NOT NULL,
        learning REAL NOT NULL,
        harm REAL NOT NULL,
        net REAL NOT NULL,
        regret REAL NOT NULL,
        safety_rating TEXT NOT NULL,
        log_file TEXT NOT NULL
    );
    CREATE INDEX IF NOT EXISTS sessions_by_player ON sessions (player, scenario_id, started_at);
    """,
}
"""Script that brings a file from version n-1 to version n."""


class StoreError(Exception):
    """Something the player should be told about the history file (one line)."""


@dataclass(frozen=True)
class ResultRow:
    """One finished session, as the history keeps it."""

    player: str
    scenario_id: str
    content_sha256: str
    profile: str
    mode: str
    started_at: str
    learning: float
    harm: float
    net: float
    regret: float
    safety_rating: str
    log_file: str
    """The log's file name (under the logs folder), or "" for an unrecorded session."""


_COLUMNS = [f.name for f in fields(ResultRow)]


def default_path() -> Path:
    return paths.user_data_dir() / FILE_NAME


class History:
    """An open history database; use `open_history` to get one."""

    def __init__(self, connection: sqlite3.Connection, path: Path):
        self.connection = connection
        self.path = path

    def add(self, row: ResultRow) -> int:
        with self.connection:
            cursor = self.connection.execute(
                f"INSERT INTO sessions ({', '.join(_COLUMNS)}) "
                f"VALUES ({', '.join('?' * len(_COLUMNS))})", astuple(row))
        return int(cursor.lastrowid or 0)

    def results(self, player: str | None = None, scenario_id: str | None = None,
                mode: str | None = None) -> list[ResultRow]:
        """Rows in the order they were played, optionally filtered."""
        where, values = [], []
        for column, value in (("player", player), ("scenario_id", scenario_id),
                              ("mode", mode)):
            if value is not None:
                where.append(f"{column} = ?")
                values.append(value)
        sql = f"SELECT {', '.join(_COLUMNS)} FROM sessions"
        if where:
            sql += " WHERE " + " AND ".join(where)
        rows = self.connection.execute(sql + " ORDER BY id", values).fetchall()
        return [ResultRow(*row) for row in rows]

    def close(self) -> None:
        self.connection.close()

    def __enter__(self) -> History:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def schema_version(connection: sqlite3.Connection) -> int:
    """The file's schema version; 0 for a new, empty file."""
    tables = {r[0] for r in connection.execute(
        "SELECT name FROM sqlite_master WHERE type = 'table'")}
    if "meta" not in tables:
        return 0
    row = connection.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone()
    return int(row[0]) if row else 0


def _prepare(connection: sqlite3.Connection, path: Path) -> None:
    """Check integrity, refuse newer files, migrate older ones (raises on a bad file)."""
    check = connection.execute("PRAGMA quick_check").fetchone()
    if not check or check[0] != "ok":
        raise sqlite3.DatabaseError(f"integrity check failed ({check[0] if check else '?'})")
    version = schema_version(connection)
    if version > SCHEMA_VERSION:
        raise StoreError(f"{path.name} was written by a newer Safety Net (schema {version}; "
                         f"this one reads {SCHEMA_VERSION}): results are not saved")
    with connection:
        connection.execute("CREATE TABLE IF NOT EXISTS meta "
                           "(key TEXT PRIMARY KEY, value TEXT NOT NULL)")
        for target in range(version + 1, SCHEMA_VERSION + 1):
            connection.executescript(_MIGRATIONS[target])
        connection.execute("INSERT OR REPLACE INTO meta VALUES ('schema_version', ?)",
                           (str(SCHEMA_VERSION),))
    connection.execute(f"SELECT {', '.join(_COLUMNS)} FROM sessions LIMIT 1").fetchall()


def _connect(path: Path) -> History:
    path.parent.mkdir(parents=True, exist_ok=True)
    connection = sqlite3.connect(path)
    try:
        _prepare(connection, path)
    except BaseException:
        connection.close()
        raise
    return History(connection, path)


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


def open_history(path: Path | None = None) -> tuple[History | None, str | None]:
    """The history and a problem to report (None when all was well); never raises.

    Returns no history when the file is from a newer game or cannot be created at all.
    """
    path = path or default_path()
    try:
        return _connect(path), None
    except StoreError as exc:
        return None, str(exc)
    except sqlite3.DatabaseError as exc:
        problem = f"{path.name} was damaged ({exc})"
    except OSError as exc:
        return None, f"{path.name} cannot be opened ({exc.strerror or exc})"
    try:
        aside = move_aside(path)
        return _connect(path), f"{problem}; moved aside to {aside.name}, a new one was started"
    except (OSError, sqlite3.DatabaseError, StoreError) as exc:
        return None, f"{problem}; a new one cannot be started ({exc})"
