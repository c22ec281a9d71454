"""The history database's schema, its version, and the migrations from the first release on.

`meta.schema_version` says which schema a file holds. Version 1 (the first release) kept one
row per finished session with its scores. Version 2 adds what self-practice needs: a stable
`uid` per session (the log's file name) so a row can be written twice without doubling,
abandoned sessions, seed and risk weight, the vignette's category and supervision distance,
the trainee's true competence and confidence (for entrustment calibration), the moment of
each intervention, the revealed risk-weight interval, and a `players` table of pseudonymous
profiles. Each migration runs inside one transaction, so a file is either at the old version
or fully at the new one.
"""

from __future__ import annotations

import sqlite3

SCHEMA_VERSION = 2

V1_SCRIPT = """
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
"""
"""The first release's schema, exactly as it shipped (tests build old files with it)."""

V2_SESSIONS = """
CREATE TABLE sessions (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    uid TEXT NOT NULL UNIQUE,
    player TEXT NOT NULL,
    scenario_id TEXT NOT NULL,
    content_sha256 TEXT NOT NULL,
    profile TEXT NOT NULL,
    mode TEXT NOT NULL,
    started_at TEXT NOT NULL,
    status TEXT NOT NULL DEFAULT 'finished',
    seed INTEGER,
    risk_weight REAL,
    learning REAL,
    harm REAL,
    net REAL,
    regret REAL,
    safety_rating TEXT NOT NULL DEFAULT '',
    log_file TEXT NOT NULL DEFAULT '',
    category TEXT NOT NULL DEFAULT '',
    supervision TEXT NOT NULL DEFAULT '',
    competence REAL,
    trainee_confidence REAL,
    interventions TEXT NOT NULL DEFAULT '[]',
    attitude_low REAL,
    attitude_high REAL,
    entrustment INTEGER,
    end_node TEXT NOT NULL DEFAULT ''
);
"""

V2_TAIL = """
CREATE INDEX IF NOT EXISTS sessions_by_player ON sessions (player, started_at);
CREATE INDEX IF NOT EXISTS sessions_by_scenario ON sessions (player, scenario_id);
CREATE TABLE IF NOT EXISTS players (
    id TEXT PRIMARY KEY,
    name TEXT NOT NULL UNIQUE COLLATE NOCASE,
    created_at TEXT NOT NULL
);
"""

V1_COLUMNS = ("player", "scenario_id", "content_sha256", "profile", "mode", "started_at",
              "learning", "harm", "net", "regret", "safety_rating", "log_file")


def _to_v2(connection: sqlite3.Connection, had_v1_table: bool) -> None:
    """Rebuild `sessions` with the v2 columns (SQLite cannot relax NOT NULL in place).

    A v1 row keeps its values; its uid is its log file name (or `v1-row-N` for an unrecorded
    session); if two v1 rows name the same log, the later ones get a row-number uid, so no
    row is dropped.
    """
    if had_v1_table:
        connection.execute("ALTER TABLE sessions RENAME TO sessions_v1")
    connection.execute("DROP INDEX IF EXISTS sessions_by_player")
    connection.execute(V2_SESSIONS)
    if had_v1_table:
        cols = ", ".join(V1_COLUMNS)
        connection.execute(
            f"INSERT INTO sessions (id, uid, {cols}) SELECT id, CASE WHEN log_file != '' AND "
            "id = (SELECT MIN(id) FROM sessions_v1 AS o WHERE o.log_file = sessions_v1.log_file)"
            f" THEN log_file ELSE 'v1-row-' || id END, {cols} FROM sessions_v1")
        connection.execute("DROP TABLE sessions_v1")
    for statement in V2_TAIL.split(";"):
        if statement.strip():
            connection.execute(statement)
    connection.execute("INSERT OR IGNORE INTO players (id, name, created_at) "
                       "SELECT DISTINCT player, player, '' FROM sessions")


def tables(connection: sqlite3.Connection) -> set[str]:
    return {r[0] for r in connection.execute(
        "SELECT name FROM sqlite_master WHERE type = 'table'")}


def schema_version(connection: sqlite3.Connection) -> int:
    """The file's schema version; 0 for a new, empty file."""
    if "meta" not in tables(connection):
        return 1 if "sessions" in tables(connection) else 0
    row = connection.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone()
    return int(row[0]) if row else 0


def migrate(connection: sqlite3.Connection, version: int) -> None:
    """Bring a file from `version` to SCHEMA_VERSION; the caller holds a write transaction."""
    connection.execute("CREATE TABLE IF NOT EXISTS meta "
                       "(key TEXT PRIMARY KEY, value TEXT NOT NULL)")
    if version < 1:
        for statement in V1_SCRIPT.split(";"):
            if statement.strip():
                connection.execute(statement)
    if version < 2:
        _to_v2(connection, had_v1_table=True)
    connection.execute("INSERT OR REPLACE INTO meta VALUES ('schema_version', ?)",
                       (str(SCHEMA_VERSION),))
