"""A durable on-disk queue of statements waiting for the LRS: nothing lost, nothing twice.

Layout of the queue folder (by default `xapi-queue/` in the user data folder):

- `journal.jsonl`: every statement queued, one per line, appended and fsynced per batch;
- `sent.ids`: the id of every statement the LRS accepted, appended and fsynced before the
  journal forgets it: a statement whose id is here is never queued or sent again;
- `rejected.jsonl`: statements the LRS refused (4xx) with its status and message, kept for
  inspection and never retried by themselves;
- `state.json`: the back-off state (consecutive failures, when to try next), so a restarted
  game or command keeps backing off instead of hammering a sick LRS;
- `queue.lock`: taken (flock) while a process changes the files, so the game's live sender
  and a `safetynet xapi` run can share the queue.

If the process dies after the LRS accepted a batch but before `sent.ids` was written, the
batch is sent again with the same statement ids, and the LRS keeps one copy (xAPI: a
statement id is unique; Ralph drops an equivalent duplicate). A cut-off last line (a crash
mid-write) is ignored, as in replay logs.
"""

from __future__ import annotations

import json
import os
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

try:
    import fcntl
except ImportError:  # Windows: one process at a time is assumed there
    fcntl = None  # type: ignore[assignment]

from game.paths import user_data_dir

Statement = dict[str, Any]


def default_folder() -> Path:
    return user_data_dir() / "xapi-queue"


class StatementQueue:
    def __init__(self, folder: str | Path | None = None):
        self.folder = Path(folder) if folder is not None else default_folder()
        self.folder.mkdir(parents=True, exist_ok=True)
        self._lock = threading.Lock()
        self._sent: set[str] = set(_lines(self.folder / "sent.ids"))
        self._rejected: dict[str, dict] = {}
        for raw in _lines(self.folder / "rejected.jsonl"):
            entry = _json(raw)
            if entry and "statement" in entry:
                self._rejected[entry["statement"]["id"]] = entry
        self._pending: dict[str, Statement] = {}
        for raw in _lines(self.folder / "journal.jsonl"):
            statement = _json(raw)
            if statement and statement.get("id") and self._is_new(statement["id"]):
                self._pending[statement["id"]] = statement

    def _is_new(self, sid: str) -> bool:
        return sid not in self._sent and sid not in self._rejected and sid not in self._pending

    def add(self, statements: list[Statement]) -> int:
        """Queue the statements not already sent, rejected or waiting; returns how many."""
        with self._locked():
            fresh = []
            for s in statements:
                if self._is_new(s["id"]):
                    self._pending[s["id"]] = s
                    fresh.append(s)
            _append(self.folder / "journal.jsonl",
                    [json.dumps(s, separators=(",", ":"), ensure_ascii=False) for s in fresh])
            return len(fresh)

    def pending(self, limit: int | None = None) -> list[Statement]:
        """Waiting statements, oldest first (the order a session emitted them)."""
        with self._lock:
            values = list(self._pending.values())
        return values[:limit] if limit is not None else values

    def mark_sent(self, ids: list[str]) -> None:
        with self._locked():
            _append(self.folder / "sent.ids", ids)
            self._sent.update(ids)
            for sid in ids:
                self._pending.pop(sid, None)
            self._compact()

    def reject(self, statement: Statement, status: int, message: str) -> None:
        entry = {"status": status, "message": message, "statement": statement}
        with self._locked():
            _append(self.folder / "rejected.jsonl", [json.dumps(entry, ensure_ascii=False)])
            self._rejected[statement["id"]] = entry
            self._pending.pop(statement["id"], None)
            self._compact()

    @contextmanager
    def _locked(self) -> Iterator[None]:
        """This process's threads, and other processes (the game's live sender and a
        `safetynet xapi` run may share the queue), change the files one at a time."""
        with self._lock, open(self.folder / "queue.lock", "a") as handle:
            if fcntl is not None:
                fcntl.flock(handle, fcntl.LOCK_EX)
            yield

    def _compact(self) -> None:
        """With nothing waiting here, rewrite the journal without what the ledgers settled.
        Read afresh from disk: another process may have queued statements meanwhile."""
        if self._pending:
            return
        settled = set(_lines(self.folder / "sent.ids")) | {
            e["statement"]["id"] for e in map(_json, _lines(self.folder / "rejected.jsonl"))
            if e and "statement" in e}
        keep = [raw for raw in _lines(self.folder / "journal.jsonl")
                if (item := _json(raw)) and item.get("id") not in settled]
        _replace(self.folder / "journal.jsonl", "".join(line + "\n" for line in keep))

    def was_sent(self, sid: str) -> bool:
        return sid in self._sent

    @property
    def rejected(self) -> list[dict]:
        return list(self._rejected.values())

    def counts(self) -> dict[str, int]:
        return {"waiting": len(self._pending), "sent": len(self._sent),
                "rejected": len(self._rejected)}

    # -- back-off state ---------------------------------------------------------------
    def backoff(self) -> dict[str, Any]:
        data = _json(next(iter(_lines(self.folder / "state.json")), "")) or {}
        return {"failures": int(data.get("failures", 0)),
                "next_attempt": float(data.get("next_attempt", 0.0)),
                "last_error": str(data.get("last_error", ""))}

    def set_backoff(self, failures: int, next_attempt: float, last_error: str) -> None:
        _replace(self.folder / "state.json", json.dumps(
            {"failures": failures, "next_attempt": next_attempt, "last_error": last_error}))


def _lines(path: Path) -> list[str]:
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return []
    return [line for line in text.split("\n") if line.strip()]


def _json(raw: str) -> Any:
    try:
        return json.loads(raw)
    except ValueError:
        return None  # a line cut off by a crash mid-write


def _append(path: Path, lines: list[str]) -> None:
    if not lines:
        return
    with open(path, "a+b") as f:
        # A crash may have left a cut-off last line: start on a fresh line, so the cut
        # line stays the only casualty and the new ones remain readable.
        cut = False
        if f.seek(0, os.SEEK_END) > 0:
            f.seek(-1, os.SEEK_END)
            cut = f.read(1) != b"\n"
        f.write((b"\n" if cut else b"") + "".join(x + "\n" for x in lines).encode())
        f.flush()
        os.fsync(f.fileno())


def _replace(path: Path, text: str) -> None:
    tmp = path.with_name(path.name + ".tmp")
    with open(tmp, "w", encoding="utf-8") as f:
        f.write(text)
        f.flush()
        os.fsync(f.fileno())
    os.replace(tmp, path)
