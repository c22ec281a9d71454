"""Rebuilding the history from the logs alone: a log is content, seed and commands.

Each log is verified as `replay --verify` does (hash chain, signature, re-simulation, every
derived field of the end line recomputed) and scored with the current model, so a rebuilt
history never trusts a score written in a file; a log that does not verify gets no row (it is
listed as skipped, with the verifier's reason). A log whose vignette is missing or has
changed since it was recorded cannot be checked here and keeps the scores its end line holds
(marked by an empty category). Unrecorded sessions have no log and cannot come back; they
stay in the old file, which a rebuild moves aside and never deletes.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from pathlib import Path
from typing import NamedTuple

import game.store.db as db
from game import paths
from game.core.model import Scenario
from game.replay.reader import LogError, ReplayLog, read_log
from game.replay.session import params_from_header
from game.replay.verify import check_log_scored
from game.scoring.episode import score_episode
from game.store.capture import capture, uid_for
from game.store.problems import kind_of, words
from game.store.ratings import read_rating
from game.store.records import Intervention, SessionRecord

Finder = Callable[[str], Scenario | None]
NOTES_SUFFIX = ".notes.jsonl"


class RebuildReport(NamedTuple):
    records: int
    skipped: list[str]
    """`name: reason` for each file that is not a readable log."""
    moved_aside: Path | None


def log_files(folder: Path) -> list[Path]:
    if not folder.is_dir():
        return []
    return sorted(p for p in folder.glob("*.jsonl")
                  if p.is_file() and not p.name.endswith(NOTES_SUFFIX))


def _from_end_line(log: ReplayLog, name: str) -> SessionRecord:
    """What the log itself says, for a log whose vignette cannot be replayed here."""
    h, end = log.header, log.end or {}
    raw_score = end.get("score")
    score: dict = raw_score if isinstance(raw_score, dict) else {}
    steps = [s for s in end.get("path") or [] if isinstance(s, dict)
             and s.get("kind") == "decision"]

    def number(key: str) -> float | None:
        value = score.get(key)
        return float(value) if isinstance(value, (int, float)) else None
    moments = tuple(Intervention(str(s.get("node")), str(s.get("choice")),
                                 str(s.get("by", "player")), int(s.get("tick", 0)),
                                 int(s.get("tick", 0)) - int(s.get("elapsed", 0)))
                    for s in steps)
    return SessionRecord(
        uid=uid_for(h, name), player=str(h.get("player", "anonymous")),
        scenario_id=str(h.get("scenario_id", "?")),
        content_sha256=str(h.get("scenario_sha256", "")), profile=str(h.get("profile", "")),
        mode=str(h.get("mode", "?")), started_at=str(h.get("started_at", "")),
        status="finished" if log.end else "abandoned",
        seed=h.get("seed") if isinstance(h.get("seed"), int) else None,
        risk_weight=params_from_header(h).risk_weight, learning=number("learning"),
        harm=number("harm"), net=number("net"), regret=number("regret"),
        safety_rating=str(score.get("safety_rating", "")), log_file=name,
        interventions=moments, end_node=str(end.get("end_node", "")))


def record_from_log(path: Path, find: Finder, log: ReplayLog | None = None) -> SessionRecord:
    """The record a log stands for; raises LogError for a file that is not a readable log."""
    return _replayed(path, find, log or read_log(path)).with_(entrustment=read_rating(path))


class Unverified(LogError):
    """A log that does not reproduce against its own vignette version (edited, forged, or
    signed and then changed): nothing from it is trusted, so it gets no history row. It is
    a LogError, so every caller that skips unreadable logs skips it with its reason."""


def _replayed(path: Path, find: Finder, log: ReplayLog) -> SessionRecord:
    """The record from the re-simulated session, every score recomputed: the log is checked
    as `replay --verify` checks it (hash chain, signature, commands, fingerprints and every
    derived field of the end line) and a log that fails is refused, never read for its
    scores. Only a log whose vignette version is not here keeps its end line's word."""
    scenario = find(str(log.header.get("scenario_id")))
    if scenario is None or scenario.content_sha256 != log.header.get("scenario_sha256"):
        return _from_end_line(log, path.name)
    try:
        params = params_from_header(log.header)
    except (KeyError, ValueError, TypeError) as exc:
        raise Unverified(1, f"does not verify (header: {exc}); left out of the history") \
            from None
    result, state, score = check_log_scored(log, scenario)
    if not result.ok or state is None:
        raise Unverified(result.line or 0, f"does not verify ({result.reason}); left out "
                                           "of the history")
    if state.finished and score is None:
        score = score_episode(scenario, state, params)
    return capture(scenario, state, params, score, log.header, path.name)


def records_from_logs(folder: Path, find: Finder) -> tuple[list[SessionRecord], list[str]]:
    """Every log's record; an abandoned log another log resumed is marked "resumed"."""
    records, skipped, resumed = [], [], set()
    for path in log_files(folder):
        try:
            log = read_log(path)
            records.append(record_from_log(path, find, log))
        except LogError as exc:
            skipped.append(f"{path.name}: {exc}")
            continue
        parent = log.header.get("parent")
        if isinstance(parent, dict) and parent.get("kind") == "resume":
            resumed.add(str(parent.get("log")))
    return [r.with_(status="resumed") if r.uid in resumed and r.status == "abandoned" else r
            for r in records], skipped


def default_finder() -> Finder:
    from game.content.catalogue import load_catalogue
    return load_catalogue(paths.scenarios_dir()).get


def _carry_players(old: Path, new: db.History) -> None:
    """Keep the profile names of the old file when it can still be read."""
    try:
        source = sqlite3.connect(f"file:{old}?mode=ro", uri=True)
        try:
            rows = source.execute("SELECT id, name, created_at FROM players").fetchall()
        finally:
            source.close()
    except sqlite3.Error:
        return
    for row in rows:
        new.execute_write("INSERT OR IGNORE INTO players (id, name, created_at) "
                          "VALUES (?, ?, ?)", tuple(row))


def rebuild(path: Path | None = None, logs: Path | None = None, find: Finder | None = None,
            budget: float = db.DEFAULT_BUDGET) -> RebuildReport:
    """Build a fresh history from the logs and put it in place of the old file.

    The new file is built beside the old one and renamed over it only when complete; the
    old file is moved aside (never deleted). Raises sqlite3/OS errors when it cannot write.
    """
    path = path or db.default_path()
    records, skipped = records_from_logs(logs or paths.logs_dir(), find or default_finder())
    fresh = path.with_name(path.name + ".rebuilding")
    for leftover in (fresh, *(fresh.with_name(fresh.name + s) for s in ("-wal", "-shm"))):
        leftover.unlink(missing_ok=True)
    history = db.connect(fresh, budget)
    with history:
        history.add_many(records)
        if path.exists():
            _carry_players(path, history)
        for player in sorted({r.player for r in records}):
            history.execute_write("INSERT OR IGNORE INTO players (id, name, created_at) "
                                  "VALUES (?, ?, '')", (player, player))
        history.connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    aside = db.move_aside(path) if path.exists() else None
    fresh.rename(path)
    return RebuildReport(len(records), skipped, aside)


def replace_damaged(path: Path, why: str, budget: float, logs: Path | None
                    ) -> tuple[db.History | None, str | None]:
    """A damaged file: rebuild from the logs (moving it aside) and open the new one."""
    problem = f"{path.name} was damaged ({why})"
    try:
        report = rebuild(path, logs, budget=budget)
        history = db.connect(path, budget)
        db.drain_pending(history)
    except (sqlite3.Error, OSError, ValueError) as exc:
        reason = words(kind_of(exc), path.name, exc)
        return None, f"{problem}; a new one cannot be started ({reason})"
    aside = report.moved_aside.name if report.moved_aside else "?"
    return history, (f"{problem}; moved aside to {aside}, and {report.records} sessions "
                     "were rebuilt from the logs")
