"""Opening the history: connect, and when the file is really damaged, rebuild it from the logs.

Kept apart from `db.py` (the connection rules) because rebuilding needs the replay and
scoring layers, which in turn use `db`; this module sits above both, so neither imports the
other in a loop.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

import game.store.db as db
from game.store.problems import StoreError, kind_of, words


def open_history(path: Path | None = None, budget: float = db.DEFAULT_BUDGET,
                 logs: Path | None = None) -> tuple[db.History | None, str | None]:
    """The history and a problem to report (None when all was well); never raises.

    A damaged file is moved aside and a new one rebuilt from `logs` (the logs folder by
    default). Anything else (busy, full, read-only, a newer or unrecognised file) returns
    no history and the reason, and leaves the file exactly as it was.
    """
    path = path or db.default_path()
    try:
        history = db.connect(path, budget)
    except StoreError as exc:
        return None, str(exc)
    except (sqlite3.Error, OSError) as exc:
        why = db.damage(path, exc)
        if why is None:
            detail = words(kind_of(exc), path.name, exc)
            if kind_of(exc) == "other":
                detail += "; `safetynet history --rebuild` starts a fresh one from the logs"
            return None, detail
        # Rebuilding needs the replay and scoring layers (numpy): imported only when a
        # damaged file makes it necessary, so opening the history stays light at start-up.
        from game.store.rebuild import replace_damaged
        return replace_damaged(path, why, budget, logs)
    try:
        db.drain_pending(history)
    except (sqlite3.Error, OSError, ValueError):
        pass  # the queue stays for the next open; the history itself is fine
    return history, None
