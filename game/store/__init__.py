"""The player's history: one record per finished or abandoned session, in local SQLite.

`open_history` opens (or creates, or migrates) the database and says what went wrong without
raising; `save_result` / `save_abandoned` are the calls the game makes when a session ends or
is left; `rebuild` builds the whole history again from the logs. `db.py` holds the connection
rules (WAL, retries, what counts as damage), `schema.py` the versions and migrations,
`records.py` the record, `pending.py` the queue of records waiting for a busy database.
"""

from game.store.db import SCHEMA_VERSION, History, StoreError, default_path
from game.store.opening import open_history
from game.store.records import Intervention, SessionRecord

__all__ = ["SCHEMA_VERSION", "History", "Intervention", "SessionRecord", "StoreError",
           "default_path", "open_history"]
# `results` (saving a played session) is imported from game.store.results: it needs the
# scoring model, which reading the history does not.
