"""Writes a replay log as the session runs: every line flushed and fsynced at once, so a
killed game leaves a readable log up to its last command."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from game.replay.format import GENESIS, seal


class LogWriter:
    def __init__(self, path: str | Path, header: dict[str, Any]):
        self.path = Path(path)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self._file = open(self.path, "w", encoding="utf-8", newline="\n")
        self._previous = GENESIS
        self._seq = 0
        self._write({"type": "header", **header})

    def command(self, tick: int, command: dict[str, Any], fingerprint: str) -> None:
        self._seq += 1
        self._write({"type": "command", "seq": self._seq, "tick": tick, "command": command,
                     "fingerprint": fingerprint})

    def vote(self, tick: int, record: dict[str, Any]) -> None:
        """A workshop room's vote at a decision point (not a command: replay skips it)."""
        self._write({"type": "vote", "tick": tick, **record})

    def end(self, tick: int, body: dict[str, Any]) -> None:
        self._write({"type": "end", "tick": tick, **body})
        self.close()

    def _write(self, body: dict[str, Any]) -> None:
        line, self._previous = seal(self._previous, body)
        self._file.write(line + "\n")
        self._file.flush()
        os.fsync(self._file.fileno())

    def close(self) -> None:
        if not self._file.closed:
            self._file.close()

    @property
    def closed(self) -> bool:
        return self._file.closed
