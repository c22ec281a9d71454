"""Player profiles: pseudonymous, kept in the history database; export and delete.

A profile is a nickname and a random id (`sup-1a2b3c4d`); the id is what logs and history
rows carry, so a name can change without rewriting any log, and nothing personal is asked
for or stored. The chosen profile is written to the `player_id` file in the user folder,
which is where every session start (`app.sessions.player_id`) reads the player from, so
switching profiles needs no change anywhere else. Deleting a profile removes its rows and its
logs; it takes the profile's name typed back as confirmation (the screen asks for it).
"""

from __future__ import annotations

import csv
import os
import re
import secrets
import sqlite3
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from game import paths
from game.store.db import History
from game.store.records import COLUMNS, SessionRecord

NAME_MAX = 24
_NAME = re.compile(r"^[\w .'-]+$")
_DIGITS = re.compile(r"\d{5,}")


class ProfileError(ValueError):
    """A profile request that cannot be done, in one line for the player."""


@dataclass(frozen=True)
class Profile:
    id: str
    name: str
    created_at: str
    sessions: int = 0


def check_name(name: str) -> str:
    """A cleaned nickname, or ProfileError saying why not (no e-mail, no long numbers)."""
    name = " ".join(name.split())
    if not name:
        raise ProfileError("type a nickname")
    if len(name) > NAME_MAX:
        raise ProfileError(f"a nickname has at most {NAME_MAX} characters")
    if "@" in name or _DIGITS.search(name):
        raise ProfileError("use a nickname, not an e-mail address or a number")
    if not _NAME.match(name):
        raise ProfileError("a nickname uses letters, digits, spaces, . ' and - only")
    return name


def profiles(history: History) -> list[Profile]:
    rows = history.connection.execute(
        "SELECT p.id, p.name, p.created_at, COUNT(s.id) FROM players AS p LEFT JOIN "
        "sessions AS s ON s.player = p.id GROUP BY p.id ORDER BY p.name COLLATE NOCASE")
    return [Profile(*row) for row in rows]


def create_profile(history: History, name: str, now: datetime | None = None) -> Profile:
    name = check_name(name)
    created = (now or datetime.now(UTC)).isoformat(timespec="seconds")
    profile = Profile(f"sup-{secrets.token_hex(4)}", name, created)
    try:
        history.execute_write("INSERT INTO players (id, name, created_at) VALUES (?, ?, ?)",
                              (profile.id, profile.name, profile.created_at))
    except sqlite3.IntegrityError:
        raise ProfileError(f"there is already a profile called {name!r}") from None
    return profile


def rename_profile(history: History, profile_id: str, name: str) -> None:
    name = check_name(name)
    try:
        changed = history.execute_write("UPDATE players SET name = ? WHERE id = ?",
                                        (name, profile_id))
    except sqlite3.IntegrityError:
        raise ProfileError(f"there is already a profile called {name!r}") from None
    if not changed:
        raise ProfileError("no such profile")


def _id_file(folder: Path | None) -> Path:
    return (folder or paths.user_data_dir()) / "player_id"


def current_id(folder: Path | None = None) -> str | None:
    try:
        return _id_file(folder).read_text(encoding="utf-8").strip() or None
    except OSError:
        return None


def current_profile(history: History, folder: Path | None = None) -> Profile | None:
    """The profile sessions are recorded under now, or None when one must be picked."""
    chosen = current_id(folder)
    return next((p for p in profiles(history) if p.id == chosen), None)


def needs_profile(folder: Path | None = None) -> bool:
    """First start: no profile has been chosen on this machine yet (the title then opens
    the profile picker). A machine that played before profiles existed has a player id
    with sessions; that counts as chosen, so nobody is asked twice."""
    from game.store.opening import open_history
    chosen = current_id(folder)
    history, _ = open_history()
    if history is None:
        return False  # no history to keep profiles in: play on without asking
    with history:
        known = {p.id for p in profiles(history)}
    return chosen is None or chosen not in known and bool(known)


def profile_label(folder: Path | None = None) -> str | None:
    """The current profile's nickname for the title menu (None when none is chosen)."""
    from game.store.opening import open_history
    chosen = current_id(folder)
    if chosen is None:
        return None
    history, _ = open_history()
    if history is None:
        return chosen
    with history:
        return next((p.name for p in profiles(history) if p.id == chosen), chosen)


def switch_to(profile: Profile, folder: Path | None = None) -> None:
    """Record under this profile from the next session on (atomic write of player_id)."""
    target = _id_file(folder)
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = target.with_name(target.name + ".tmp")
    tmp.write_text(profile.id + "\n", encoding="utf-8")
    os.replace(tmp, target)


def export_csv(history: History, out: Path, player: str | None = None) -> int:
    """Write the sessions (of one profile, or all) as CSV; returns how many rows."""
    records = history.results(player=player)
    columns = [c for c in COLUMNS if c != "interventions"] + ["interventions"]
    with open(out, "w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(columns)
        for r in records:
            writer.writerow([_cell(r, c) for c in columns])
    return len(records)


def export_profile(history: History, profile: Profile, folder: Path | None = None,
                   now: datetime | None = None) -> tuple[Path, int]:
    """Export one profile's sessions as CSV into `folder` (the user folder's `exports/`),
    named after its nickname and the time; returns the file and how many sessions. Written
    to a temporary file first, so a full disk leaves no half file; raises OSError."""
    folder = folder or paths.user_data_dir() / "exports"
    folder.mkdir(parents=True, exist_ok=True)
    stamp = (now or datetime.now()).strftime("%Y%m%d-%H%M%S")
    name = re.sub(r"[^\w.-]+", "_", profile.name)
    out = folder / f"safetynet-{name}-{stamp}.csv"
    tmp = out.with_name(out.name + ".tmp")
    try:
        count = export_csv(history, tmp, profile.id)
        os.replace(tmp, out)
    finally:
        tmp.unlink(missing_ok=True)
    return out, count


def _cell(record: SessionRecord, column: str) -> str:
    if column == "interventions":
        return "; ".join(f"{i.node}={i.choice}@{i.waited_seconds:g}s" for i in
                         record.interventions)
    value = getattr(record, column)
    return "" if value is None else str(value)


@dataclass(frozen=True)
class Deletion:
    sessions: int
    logs: list[Path]


def deletion_plan(history: History, profile_id: str, logs: Path | None = None) -> Deletion:
    """What deleting the profile would remove (the confirmation screen shows it)."""
    folder = logs or paths.logs_dir()
    names = {r.log_file for r in history.results(player=profile_id) if r.log_file}
    files = []
    for name in sorted(names):
        stem = Path(name).stem
        for candidate in (folder / name, folder / (stem + ".notes.jsonl"),
                          folder / (stem + ".entrustment.json")):
            if candidate.is_file():
                files.append(candidate)
    return Deletion(len(history.results(player=profile_id)), files)


def delete_profile(history: History, profile: Profile, confirm: str,
                   logs: Path | None = None, folder: Path | None = None) -> Deletion:
    """Delete the profile, its sessions and its logs, once `confirm` is its name."""
    if confirm.strip().casefold() != profile.name.casefold():
        raise ProfileError(f"type {profile.name!r} to confirm")
    plan = deletion_plan(history, profile.id, logs)
    history.execute_write("DELETE FROM sessions WHERE player = ?", (profile.id,))
    history.execute_write("DELETE FROM players WHERE id = ?", (profile.id,))
    for path in plan.logs:
        path.unlink(missing_ok=True)
    if current_id(folder) == profile.id:
        _id_file(folder).unlink(missing_ok=True)
    return plan
