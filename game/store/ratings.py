"""The supervisor's entrustment rating of a session's trainee, kept beside its log.

The rating is given before the outcome, while the session is still running, so it cannot
wait for the history row; and the log itself is a sealed chain the game does not reopen. A
small sidecar (`<log>.entrustment.json`) keeps it, and a rebuild from the logs reads it back.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

SCALE = range(1, 6)
SUFFIX = ".entrustment.json"


def sidecar(log: Path) -> Path:
    return log.with_name(log.stem + SUFFIX)


def keep_rating(log: Path, level: int, scale: str = "o-score") -> None:
    """Write the rating atomically; raises ValueError for a level off the scale, OSError
    when the folder cannot be written."""
    if level not in SCALE:
        raise ValueError(f"an entrustment rating is 1 to 5, not {level}")
    target = sidecar(log)
    tmp = target.with_name(target.name + ".tmp")
    tmp.write_text(json.dumps({"scale": scale, "level": level}), encoding="utf-8")
    os.replace(tmp, target)


def read_rating(log: Path) -> int | None:
    """The rating kept for this log, or None (missing or unreadable: never an error)."""
    try:
        data = json.loads(sidecar(log).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    level = data.get("level") if isinstance(data, dict) else None
    return level if isinstance(level, int) and level in SCALE else None
