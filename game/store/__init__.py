"""The player's history: one row per finished session in a local SQLite file.

`open_history` opens (or creates) the database and says what went wrong, if anything, without
raising; `save_result` is the one call the game makes when a session ends. See `db.py` for the
schema and its versioning, `results.py` for turning a finished session into a row.
"""

from game.store.db import SCHEMA_VERSION, History, StoreError, default_path, open_history
from game.store.results import ResultRow, result_from_session, save_result

__all__ = ["SCHEMA_VERSION", "History", "ResultRow", "StoreError", "default_path",
           "open_history", "result_from_session", "save_result"]
