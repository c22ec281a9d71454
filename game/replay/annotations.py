"""Facilitator annotations: notes pinned to a moment of a recording.

They live in a sidecar file next to the log (`<log>.notes.jsonl`), never in the log itself, so
the log stays verifiable. Each note is one line, flushed and fsynced as it is made, so notes
survive a crash; a cut-off last line is ignored, as in logs.
"""

from __future__ import annotations

import json
import os
from dataclasses import asdict, dataclass
from pathlib import Path

from game.replay.fields import MAX_TICK, is_int

NOTES_VERSION = 1


@dataclass(frozen=True)
class Note:
    tick: int
    text: str
    author: str = "facilitator"
    decision: str = ""
    created_at: str = ""


def sidecar_path(log_path: str | Path) -> Path:
    log_path = Path(log_path)
    return log_path.with_name(log_path.name + ".notes.jsonl")


def add_note(log_path: str | Path, note: Note) -> None:
    path = sidecar_path(log_path)
    new = not path.exists()
    with open(path, "a", encoding="utf-8", newline="\n") as f:
        if new:
            f.write(json.dumps({"type": "notes", "version": NOTES_VERSION}) + "\n")
        f.write(json.dumps({"type": "note", **asdict(note)}, ensure_ascii=False) + "\n")
        f.flush()
        os.fsync(f.fileno())


MAX_NOTES_BYTES = 4 * 1024 * 1024
MAX_NOTE_TEXT = 10_000


def read_notes(log_path: str | Path) -> tuple[list[Note], list[str]]:
    """The notes, and problems with lines that could not be read (never an exception).

    Every problem names the sidecar file and its line. Unreadable lines are skipped, never
    rewritten: `add_note` only appends, so nothing in the file is lost."""
    path = sidecar_path(log_path)
    if not path.exists():
        return [], []
    from game.replay.reader import read_bytes
    try:
        text = read_bytes(path, MAX_NOTES_BYTES).decode("utf-8", errors="replace")
    except (OSError, ValueError) as exc:
        return [], [f"{path.name}: cannot be read ({getattr(exc, 'strerror', None) or exc}); "
                    "no notes shown"]
    notes, problems = [], []
    lines = text.split("\n")
    for number, raw in enumerate(lines, start=1):
        if not raw.strip():
            continue
        try:
            data = json.loads(raw)
        except (ValueError, RecursionError):
            if number < len(lines):  # else cut off mid-write by a crash: ignored, as in logs
                problems.append(f"{path.name}: line {number} is not readable and was skipped")
            continue
        if not isinstance(data, dict) or data.get("type") != "note":
            if not (isinstance(data, dict) and data.get("type") == "notes"):
                problems.append(f"{path.name}: line {number} is not a note and was skipped")
            continue
        note = _note(data)
        if note is None:
            problems.append(f"{path.name}: line {number} is not a valid note and was skipped")
        else:
            notes.append(note)
    return sorted(notes, key=lambda n: n.tick), problems


def _note(data: dict) -> Note | None:
    """A note from its JSON form, or None when a field has the wrong type or range."""
    tick = data.get("tick")
    if not is_int(tick, 0, MAX_TICK) or not isinstance(data.get("text"), str):
        return None
    extra = [data.get(k, "") for k in ("author", "decision", "created_at")]
    if not all(isinstance(v, str) for v in extra):
        return None
    return Note(tick, data["text"][:MAX_NOTE_TEXT], *extra)
