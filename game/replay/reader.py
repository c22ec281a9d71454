"""Reads a replay log into records, naming the line of anything wrong with it.

A last line cut off mid-write (the game was killed) is tolerated and reported; any other
malformed line is a `LogError` naming its line number. Hash-chain breaks are reported by
`chain_break` so that a reader can still show a tampered log while naming the edit.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from game.replay.format import FORMAT_NAME, GENESIS, READER_VERSION, chain_digest


class LogError(Exception):
    def __init__(self, line: int, message: str):
        super().__init__(f"line {line}: {message}" if line else message)
        self.line, self.message = line, message


@dataclass
class ReplayLog:
    path: str
    header: dict[str, Any]
    commands: list[dict[str, Any]] = field(default_factory=list)
    end: dict[str, Any] | None = None
    truncated_tail: bool = False
    """The last line was cut off (the game was killed while writing it)."""
    lines: list[dict[str, Any]] = field(default_factory=list)

    @property
    def complete(self) -> bool:
        return self.end is not None

    def chain_break(self) -> int | None:
        """1-based number of the first line whose digest does not follow, or None."""
        previous = GENESIS
        for number, record in enumerate(self.lines, start=1):
            body = {k: v for k, v in record.items() if k != "digest"}
            if record.get("digest") != chain_digest(previous, body):
                return number
            previous = record["digest"]
        return None


def read_log(path: str | Path) -> ReplayLog:
    path = Path(path)
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise LogError(0, f"cannot read {path}: {exc.strerror}") from None
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        raise LogError(0, "not a replay log (not UTF-8 text)") from None
    raw_lines = text.split("\n")
    ends_cleanly = raw_lines[-1] == ""
    if ends_cleanly:
        raw_lines.pop()
    records: list[dict[str, Any]] = []
    truncated = False
    for number, raw in enumerate(raw_lines, start=1):
        is_last = number == len(raw_lines)
        try:
            record = json.loads(raw)
            if not isinstance(record, dict):
                raise ValueError("not an object")
        except ValueError:
            if is_last and not ends_cleanly and number > 1:
                truncated = True
                break
            raise LogError(number, "malformed line (not a JSON object)") from None
        records.append(record)
    if not records:
        raise LogError(1, "empty file: not a replay log")
    log = _assemble(str(path), records)
    log.truncated_tail = truncated
    return log


def _assemble(path: str, records: list[dict[str, Any]]) -> ReplayLog:
    header = records[0]
    if header.get("type") != "header" or header.get("format") != FORMAT_NAME:
        raise LogError(1, "not a Safety Net replay log (no header)")
    version = header.get("format_version")
    minimum = header.get("min_reader_version", version)
    if not isinstance(version, int) or not isinstance(minimum, int):
        raise LogError(1, "header has no valid format_version")
    if minimum > READER_VERSION:
        raise LogError(1, f"unreadable format version {version} (needs a reader of version "
                          f"{minimum}; this game reads {READER_VERSION}): update Safety Net")
    log = ReplayLog(path, header, lines=records)
    for number, record in enumerate(records[1:], start=2):
        kind = record.get("type")
        if log.end is not None:
            raise LogError(number, "line after the end line")
        if kind == "command":
            if not isinstance(record.get("tick"), int) or not isinstance(record.get("command"),
                                                                         dict):
                raise LogError(number, "command line without tick or command")
            log.commands.append({**record, "line": number})
        elif kind == "end":
            log.end = {**record, "line": number}
        elif kind not in ("vote", "note"):
            raise LogError(number, f"unknown line type {kind!r}")
    return log
