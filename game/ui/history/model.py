"""The history of recorded sessions: one row per log in the logs folder, newest first.

Every log is verified (re-simulated) as it is listed, so the list says which recordings can
be trusted. A file that cannot be read, or whose hash chain is broken, is listed with the
verifier's reason, never hidden and never a crash: a facilitator must see that a recording
was tampered with. Pure (no pygame).
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from game.core.model import Scenario
from game.replay.reader import LogError, ReplayLog, read_log
from game.replay.verify import VerifyResult, verify_log
from game.store.records import SessionRecord
from game.ui.kit.vocabulary import mode_name
from game.ui.review.presenters import (
    TONE_ICONS,
    Tr,
    english,
    parent_number,
    rating_parts,
)

NOTES_SUFFIX = ".notes.jsonl"


@dataclass(frozen=True)
class HistoryRow:
    path: str
    name: str
    when: str
    title: str
    facts: str
    """Trainee · mode · complete or interrupted: outcome (· branch of ...)."""
    tone: str
    symbol: str
    word: str
    ok: bool
    problem: str
    """The verifier's reason when the log does not verify ("broken hash chain at line 3...")."""
    readable: bool
    branch_of: str
    sort_key: tuple[float, float]
    checked: bool = True
    """False for a row read from the history database whose log has not been re-simulated
    yet (it is checked when the player opens it)."""
    note: str = ""
    """The third line: what is known about the file (checked or not, signed or not)."""
    missing: str = ""
    """Why the session has no log to open ("" when it has one): the row stays listed, the
    reason on its third line, and opening it says so instead of failing."""
    record: SessionRecord | None = None
    """The database record the row was built from (None for a row from the log scan)."""
    resumable: bool = False
    """An abandoned practice session of the current profile whose log is there: the row
    offers to take it up again."""


def verdict_note(name: str, result: VerifyResult, t: Tr = english) -> str:
    """What a passed check means, without overclaiming: a replay that matches proves the log
    is self-consistent, only a signature says who recorded it."""
    signature = result.signature
    if signature.state == "signed":
        return t("File {name} · checked: it replays exactly · {signature}", name=name,
                 signature=signature.message)
    return t("File {name} · checked: it replays exactly · unsigned, so who recorded it is "
             "not authenticated", name=name)


def log_files(folder: Path) -> list[Path]:
    if not folder.is_dir():
        return []
    return [p for p in folder.glob("*.jsonl") if p.is_file() and
            not p.name.endswith(NOTES_SUFFIX)]


def history_rows(folder: Path, find: Callable[[str], Scenario | None],
                 t: Tr = english) -> list[HistoryRow]:
    rows = [history_row(p, find, t) for p in log_files(folder)]
    return sorted(rows, key=lambda r: r.sort_key, reverse=True)


def _mtime(path: Path) -> float:
    try:
        return os.stat(path).st_mtime
    except OSError:
        return 0.0


def started(header: dict, fallback: float) -> tuple[float, str]:
    """When a session started (sort key, local "YYYY-mm-dd HH:MM"); `fallback` when unknown."""
    raw = header.get("started_at")
    try:
        when = datetime.fromisoformat(str(raw))
        local = when.astimezone() if when.tzinfo else when
        return local.timestamp(), f"{local:%Y-%m-%d %H:%M}"
    except (TypeError, ValueError):
        return fallback, f"{datetime.fromtimestamp(fallback):%Y-%m-%d %H:%M}"


def history_row(path: Path, find: Callable[[str], Scenario | None],
                t: Tr = english) -> HistoryRow:
    mtime = _mtime(path)
    result = verify_log(str(path), find)
    try:
        log: ReplayLog | None = read_log(path)
    except LogError:
        log = None
    if log is None:
        when = f"{datetime.fromtimestamp(mtime):%Y-%m-%d %H:%M}" if mtime else "?"
        return HistoryRow(str(path), path.name, when, path.name, t("Not a readable recording"),
                          "bad", TONE_ICONS["bad"], t("Unreadable"), False, result.reason,
                          False, "", (mtime, mtime))
    header = log.header
    stamp, when = started(header, mtime)
    scenario = find(str(header.get("scenario_id")))
    title = scenario.title if scenario else str(header.get("scenario_id"))
    profile = str(header.get("profile"))
    if scenario is not None:
        profile = next((p.name for p in scenario.trainees if p.id == profile), profile)
    if log.end is not None:
        status = t("Complete: {end}", end=_end_title(log.end, scenario))
        rating = str((log.end.get("score") or {}).get("safety_rating", "green"))
        tone, symbol, word = rating_parts(rating, t)
    else:
        status = t("Interrupted before the end")
        tone, symbol, word = "info", TONE_ICONS["info"], t("Unfinished")
    if not result.ok:
        tone, symbol, word = "bad", TONE_ICONS["bad"], t("Not verified")
    parent = header.get("parent")
    branch_of = ""
    if isinstance(parent, dict):
        kind = t("rewind") if parent.get("kind") == "rewind" else t("branch")
        branch_of = t("⎇ {kind} of {log} at decision {n}", kind=kind, log=parent.get("log", "?"),
                      n=parent_number(parent))
    facts = " · ".join(x for x in (t("Trainee {name}", name=profile),
                                   mode_name(str(header.get("mode", "?")), t), status,
                                   branch_of) if x)
    return HistoryRow(str(path), path.name, when, title, facts, tone, symbol, word, result.ok,
                      "" if result.ok else result.reason, True, branch_of, (stamp, mtime),
                      note=verdict_note(path.name, result, t) if result.ok else "")


def _end_title(end: dict, scenario: Scenario | None) -> str:
    """The ending's title in the player's language (the log holds it as written)."""
    node = scenario.nodes.get(str(end.get("end_node"))) if scenario is not None else None
    return getattr(node, "title", "") or end.get("title") or end.get("end_node", "?")
