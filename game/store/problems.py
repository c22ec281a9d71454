"""What went wrong with the history file, in the player's words, and what it means for it.

SQLite reports very different situations as exceptions of the same class. The history must
tell them apart, because only one of them, real damage, justifies moving the file aside:
a database that is merely busy (another program is reading or writing it), a full disk or
a read-only folder leave the file healthy, and moving it aside would throw history away.
"""

from __future__ import annotations

import errno
import sqlite3
from pathlib import Path

SQLITE_MAGIC = b"SQLite format 3\x00"

BUSY, FULL, READ_ONLY, CANT_OPEN, CORRUPT, OTHER = (
    "busy", "full", "read-only", "cannot open", "corrupt", "other")

_BY_CODE = {5: BUSY, 6: BUSY, 8: READ_ONLY, 13: FULL, 14: CANT_OPEN, 11: CORRUPT, 26: CORRUPT}
"""Primary SQLite result codes: BUSY, LOCKED, READONLY, FULL, CANTOPEN, CORRUPT, NOTADB."""

_BY_ERRNO = {errno.ENOSPC: FULL, errno.EDQUOT: FULL, errno.EROFS: READ_ONLY,
             errno.EACCES: READ_ONLY, errno.EPERM: READ_ONLY}


class StoreError(Exception):
    """Something the player should be told about the history file (one line)."""


def kind_of(exc: BaseException) -> str:
    """Which situation an exception from sqlite3 or the file system stands for."""
    if isinstance(exc, sqlite3.Error):
        code = getattr(exc, "sqlite_errorcode", None)
        if isinstance(code, int) and (code & 0xFF) in _BY_CODE:
            return _BY_CODE[code & 0xFF]
        text = str(exc).lower()
        for needle, kind in (("locked", BUSY), ("busy", BUSY), ("full", FULL),
                             ("readonly", READ_ONLY), ("read-only", READ_ONLY),
                             ("malformed", CORRUPT), ("not a database", CORRUPT),
                             ("unable to open", CANT_OPEN)):
            if needle in text:
                return kind
        return OTHER
    if isinstance(exc, OSError):
        return _BY_ERRNO.get(exc.errno or 0, OTHER)
    return OTHER


def words(kind: str, name: str, exc: BaseException | None = None) -> str:
    """One line for the player: what happened to the history file `name`."""
    if kind == BUSY:
        return f"{name} is in use by another program"
    if kind == FULL:
        return "the disk is full"
    if kind == READ_ONLY:
        return f"the folder holding {name} is read-only"
    if kind == CANT_OPEN:
        return f"{name} cannot be opened (missing folder or no permission)"
    if kind == CORRUPT:
        return f"{name} is damaged"
    detail = getattr(exc, "strerror", None) or str(exc or "")
    return f"{name} could not be used ({detail})" if detail else f"{name} could not be used"


def is_sqlite_file(path: Path) -> bool:
    """True for a file that starts like an SQLite database (or is empty: SQLite makes it
    one). A file that exists but is something else is not the player's history."""
    try:
        with open(path, "rb") as handle:
            head = handle.read(len(SQLITE_MAGIC))
    except FileNotFoundError:
        return True
    return head == b"" or head == SQLITE_MAGIC


def integrity_problem(path: Path) -> str | None:
    """The first line of `PRAGMA integrity_check`, or None when the file is sound.

    Opened read-only in its own connection, so checking never changes the file. Only a
    failed check (or a file SQLite refuses as not a database) counts as damage; a busy or
    unreadable file raises, and the caller reports it without moving anything.
    """
    if not is_sqlite_file(path):
        return "not an SQLite database"
    connection = sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=1.0)
    try:
        row = connection.execute("PRAGMA integrity_check").fetchone()
    except sqlite3.DatabaseError as exc:
        if kind_of(exc) == CORRUPT:
            return str(exc)
        raise
    finally:
        connection.close()
    return None if row and row[0] == "ok" else str(row[0] if row else "no answer")
