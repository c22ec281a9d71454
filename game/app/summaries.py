"""The facilitator's edited debrief take-aways, in a sidecar next to the log.

`<log>.summary.json` holds the take-aways as the facilitator left them; the log itself is
never touched, so it stays verifiable. Writes are atomic (a temporary file in the same
folder, fsynced, then renamed over the old one): a crash mid-save leaves the previous
version, never half a file. Reading never raises: a bad file is reported and ignored.
"""

from __future__ import annotations

import json
import os
import tempfile
from datetime import UTC, datetime
from pathlib import Path

SUMMARY_VERSION = 1


def summary_path(log_path: str | Path) -> Path:
    log_path = Path(log_path)
    return log_path.with_name(log_path.name + ".summary.json")


def read_summary(log_path: str | Path) -> tuple[list[str] | None, str]:
    """(take-aways, problem): None when there is no saved summary (or it is unreadable)."""
    path = summary_path(log_path)
    if not path.exists():
        return None, ""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        return None, f"{path.name} cannot be read ({exc}); showing the generated summary"
    items = data.get("takeaways") if isinstance(data, dict) else None
    if not isinstance(items, list) or not all(isinstance(x, str) for x in items):
        return None, f"{path.name} has no list of take-aways; showing the generated summary"
    version = data.get("version", 1)
    if not isinstance(version, int) or version > SUMMARY_VERSION:
        return None, f"{path.name} was written by a newer Safety Net; update to edit it"
    return list(items), ""


def write_summary(log_path: str | Path, takeaways: list[str]) -> Path:
    """Save the take-aways atomically; raises OSError when the folder is not writable."""
    path = summary_path(log_path)
    body = {"type": "summary", "version": SUMMARY_VERSION, "log": Path(log_path).name,
            "updated_at": datetime.now(UTC).isoformat(timespec="seconds"),
            "takeaways": [x for x in takeaways if x.strip()]}
    fd, temp = tempfile.mkstemp(prefix=path.name + ".", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as f:
            json.dump(body, f, ensure_ascii=False, indent=2)
            f.write("\n")
            f.flush()
            os.fsync(f.fileno())
        os.replace(temp, path)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise
    return path
