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


def read_notes(log_path: str | Path) -> tuple[list[Note], list[str]]:
    """The notes, and problems with lines that could not be read (never an exception)."""
    path = sidecar_path(log_path)
    if not path.exists():
        return [], []
    notes, problems = [], []
    lines = path.read_text(encoding="utf-8", errors="replace").split("\n")
    for number, raw in enumerate(lines, start=1):
        if not raw.strip():
            continue
        try:
            data = json.loads(raw)
        except ValueError:
            if number < len(lines) - 1 or not raw:
                problems.append(f"{path.name}: line {number} is not readable and was skipped")
            continue
        if data.get("type") == "note":
            try:
                notes.append(Note(int(data["tick"]), str(data["text"]),
                                  str(data.get("author", "")), str(data.get("decision", "")),
                                  str(data.get("created_at", ""))))
            except (KeyError, ValueError, TypeError):
                problems.append(f"{path.name}: line {number} is not a valid note")
    return sorted(notes, key=lambda n: n.tick), problems
