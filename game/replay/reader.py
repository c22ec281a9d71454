"""Reads a replay log into records, naming the line of anything wrong with it.

A last line cut off mid-write (the game was killed) is tolerated and reported; any other
malformed line, and any field of the wrong type or range (`fields`), is a `LogError` naming
its line number. Only regular files up to `MAX_LOG_BYTES` are read, so a FIFO or a device
named `*.jsonl` cannot hang or exhaust the game. Hash-chain breaks are reported by
`chain_break` so that a reader can still show a tampered log while naming the edit.
"""

from __future__ import annotations

import json
import os
import stat
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from game.replay.fields import (
    FieldProblem,
    check_command,
    check_end,
    check_header,
    check_vote,
    is_int,
)
from game.replay.format import FORMAT_NAME, GENESIS, READER_VERSION, chain_digest

MAX_LOG_BYTES = 16 * 1024 * 1024
"""A long vignette logs a few hundred lines of well under 1 KB; 16 MB is a generous bound."""


class LogError(Exception):
    """What is wrong with a log; `line` is 1-based (0 only when the file cannot be opened)."""

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


def read_bytes(path: Path, limit: int) -> bytes:
    """The bytes of a regular file of at most `limit` bytes; OSError or ValueError otherwise
    (checked on the open file, so a path swapped for a FIFO in between cannot hang us)."""
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    with os.fdopen(fd, "rb") as f:
        info = os.fstat(f.fileno())
        if not stat.S_ISREG(info.st_mode):
            raise ValueError("not a regular file")
        if info.st_size > limit:
            raise ValueError(f"larger than {limit // 1024} KB")
        return f.read(limit + 1)[:limit]


def read_log(path: str | Path) -> ReplayLog:
    path = Path(path)
    try:
        data = read_bytes(path, MAX_LOG_BYTES)
    except OSError as exc:
        raise LogError(0, f"cannot read {path}: {exc.strerror or exc}") from None
    except ValueError as exc:
        raise LogError(0, f"cannot read {path}: {exc}") from None
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data[:exc.start].count(b"\n") + 1
        raise LogError(line, "not a replay log (not UTF-8 text)") from None
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
        except RecursionError:
            raise LogError(number, "malformed line (nested too deeply)") from None
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
    if not is_int(version, 1, 10**6) or not is_int(minimum, 1, 10**6):
        raise LogError(1, "header has no valid format_version")
    if minimum > READER_VERSION:
        raise LogError(1, f"unreadable format version {version} (needs a reader of version "
                          f"{minimum}; this game reads {READER_VERSION}): update Safety Net")
    _check(1, check_header, header)
    log = ReplayLog(path, header, lines=records)
    for number, record in enumerate(records[1:], start=2):
        kind = record.get("type")
        if log.end is not None:
            raise LogError(number, "line after the end line")
        if kind == "command":
            _check(number, check_command, record)
            log.commands.append({**record, "line": number})
        elif kind == "end":
            _check(number, check_end, record)
            log.end = {**record, "line": number}
        elif kind == "vote":
            _check(number, check_vote, record)
        elif kind != "note":
            raise LogError(number, f"unknown line type {_short(kind)}")
    return log


def _check(number: int, check, record: dict[str, Any]) -> None:
    try:
        check(record)
    except FieldProblem as exc:
        raise LogError(number, str(exc)) from None


def _short(value: Any) -> str:
    text = repr(value)
    return text if len(text) <= 40 else text[:37] + "..."
