"""History rows from the history database: listed without reading a single log.

Re-verifying 3,200 logs each time the screen opened took 1.9 s; the database already holds
what a row shows. A row read this way has not been checked, and says so ("not yet checked"),
until the player opens it: `checked` then re-simulates that one log and the row shows the
verifier's verdict (a broken or unreadable log keeps its reason on the list). Logs the
database does not know yet are recorded first (`add_unlisted` reads only those); a file that
is not a readable log is listed with its reason. When the database cannot be opened (busy,
read-only, damaged beyond rebuilding) the old scan of every log is used and the problem is
shown in words. Pure (no pygame).
"""

from __future__ import annotations

import os
import re
import sqlite3
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

from game.app.resume import RESUMABLE_MODES
from game.core.model import Scenario
from game.replay.verify import VerifyResult
from game.store.listing import add_unlisted, log_names
from game.store.opening import open_history
from game.store.problems import kind_of, words
from game.store.records import SessionRecord
from game.ui.history.model import HistoryRow, history_rows, started, verdict_note
from game.ui.kit.vocabulary import mode_name
from game.ui.review.presenters import TONE_ICONS, Tr, english, rating_parts

Finder = Callable[[str], Scenario | None]

_BRANCH = re.compile(r"^(?P<parent>.+)\.branch-(?P<n>\d+)-(?P<option>.+)\.jsonl$")
"""`game.app.branches.branch_path`: `<parent-stem>.branch-<k>-<option>.jsonl`, k 1-based."""


def listed_rows(folder: Path, find: Finder, t: Tr = english, db_path: Path | None = None,
                player: str | None = None) -> tuple[list[HistoryRow], str]:
    """Rows newest first and a problem to show ("" when the database answered as it is).
    `player`: the current profile, whose left practice sessions the rows offer to resume."""
    history, problem = open_history(db_path, logs=folder)
    if history is None:
        return _scan(folder, find, t, problem or "")
    present = log_names(folder)  # one directory listing serves both uses below
    with history:
        try:
            _, skipped = add_unlisted(history, folder, find, present)
            records = history.results(moments=False)
        except (sqlite3.Error, OSError) as exc:
            return _scan(folder, find, t, words(kind_of(exc), history.path.name, exc))
    parts = RowParts(find, t)
    rows = [record_row(r, str(folder), find, t, present, player, parts) for r in records]
    rows += [_unreadable(folder, entry, t) for entry in skipped if ": " in entry]
    # A damaged file was moved aside and rebuilt from the logs: the player is told so.
    return sorted(rows, key=lambda r: r.sort_key, reverse=True), problem or ""


def _scan(folder: Path, find: Finder, t: Tr, problem: str) -> tuple[list[HistoryRow], str]:
    note = t("The history database could not be used ({problem}); every log was checked "
             "instead, which is slower.", problem=problem)
    return history_rows(folder, find, t), note


def _branch_of(name: str, t: Tr) -> str:
    match = _BRANCH.match(name)
    if match is None:
        return ""
    return t("⎇ {kind} of {log} at decision {n}", kind=t("branch"),
             log=match["parent"] + ".jsonl", n=match["n"])


class RowParts:
    """What rows of the same vignette, trainee, mode and ending share, worked out once per
    listing: the title, the facts line and the badge. 3,200 rows have a few hundred such
    combinations; building each row's words afresh was half the list's build time."""

    def __init__(self, find: Finder, t: Tr):
        self.find, self.t = find, t
        self.known: dict[tuple, tuple[str, str, str, str, str]] = {}

    def of(self, record: SessionRecord) -> tuple[str, str, str, str, str]:
        """(title, facts without a branch, tone, symbol, word)."""
        key = (record.scenario_id, record.profile, record.mode, record.status,
               record.end_node, record.safety_rating)
        found = self.known.get(key)
        if found is None:
            found = self.known[key] = self._work_out(record)
        return found

    def _work_out(self, record: SessionRecord) -> tuple[str, str, str, str, str]:
        t = self.t
        scenario = self.find(record.scenario_id)
        title = scenario.title if scenario else record.scenario_id
        profile = record.profile
        if scenario is not None:
            profile = next((p.name for p in scenario.trainees if p.id == profile), profile)
        tone, symbol, word = "info", TONE_ICONS["info"], t("Unfinished")
        if record.finished:
            end = scenario.nodes.get(record.end_node) if scenario is not None else None
            status = t("Complete: {end}",
                       end=getattr(end, "title", "") or record.end_node or "?")
            tone, symbol, word = rating_parts(record.safety_rating or "green", t)
        elif record.status == "resumed":
            status = t("Interrupted, then resumed in a later session")
        else:
            status = t("Interrupted before the end")
        facts = " · ".join((t("Trainee {name}", name=profile), mode_name(record.mode, t),
                            status))
        return title, facts, tone, symbol, word


def record_row(record: SessionRecord, folder: str, find: Finder, t: Tr = english,
               present: set[str] | None = None, player: str | None = None,
               parts: RowParts | None = None) -> HistoryRow:
    """One unchecked row from a database record (the log is not opened). `folder` is a
    string: joining 3,200 paths through pathlib cost a fifth of the list's build time.
    `present`: the logs folder's file names; a record whose log is not among them is listed
    as "log missing" with the reason (None: not checked). `parts`: shared by the rows of
    one listing."""
    stamp, when = started({"started_at": record.started_at}, 0.0)
    title, facts, tone, symbol, word = (parts or RowParts(find, t)).of(record)
    branch_of = _branch_of(record.log_file, t) if ".branch-" in record.log_file else ""
    if branch_of:
        facts = f"{facts} · {branch_of}"
    missing = _missing(record, present, t)
    if missing:
        tone, symbol, word = "warn", TONE_ICONS["warn"], t("Log missing")
    note = t("File {name} · not yet checked: opening it replays and checks it",
             name=record.log_file)
    path = os.path.join(folder, record.log_file) if record.log_file else f"#{record.uid}"
    return HistoryRow(path, record.log_file or record.uid, when, title, facts, tone, symbol,
                      word, True, "", not missing, branch_of, (stamp, 0.0), checked=False,
                      note=note, missing=missing, record=record,
                      resumable=not missing and player is not None
                      and record.player == player and record.status == "abandoned"
                      and record.mode in RESUMABLE_MODES)


def _missing(record: SessionRecord, present: set[str] | None, t: Tr) -> str:
    """Why a recorded session has no log to open, or ""."""
    if not record.log_file:
        return t("Log missing: it could not be written when this was played")
    if present is not None and record.log_file not in present:
        return t("Log missing: {name} was moved or deleted", name=record.log_file)
    return ""


def _unreadable(folder: Path, entry: str, t: Tr) -> HistoryRow:
    name, reason = entry.split(": ", 1)
    return HistoryRow(str(folder / name), name, "?", name, t("Not a readable recording"), "bad",
                      TONE_ICONS["bad"], t("Unreadable"), False, f"unreadable log: {reason}",
                      False, "", (0.0, 0.0))


def checked(row: HistoryRow, result: VerifyResult, t: Tr = english) -> HistoryRow:
    """The row after its log was re-simulated: the verdict replaces "not yet checked"."""
    if result.ok:
        return replace(row, checked=True, ok=True, problem="",
                       note=verdict_note(row.name, result, t))
    return replace(row, checked=True, ok=False, problem=result.reason, tone="bad",
                   symbol=TONE_ICONS["bad"], word=t("Not verified"), note="")
