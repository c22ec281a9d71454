"""A finished session -> one history row, and the single call that saves it.

The identity fields (player, start time, mode) come from the session's log header, so the
history and the log always agree; an unrecorded session falls back to what the session knows.
Saving never raises: the play scene shows whatever problem there was and the game goes on.
"""

from __future__ import annotations

from pathlib import Path
from typing import NamedTuple

from game.replay.reader import LogError, read_log
from game.replay.session import RecordedSession
from game.store.db import ResultRow, open_history


class SaveReport(NamedTuple):
    saved: bool
    problem: str | None
    """What went wrong or was repaired, in one line (None when all was well)."""


def _header(session: RecordedSession) -> dict:
    if session.log_path is None:
        return {}
    try:
        return read_log(session.log_path).header
    except LogError:
        return {}


def result_from_session(session: RecordedSession) -> ResultRow:
    """The row for a finished session (its score must exist)."""
    score = session.score
    assert score is not None, "only finished sessions have a result"
    config, header = session.state.config, _header(session)
    return ResultRow(
        player=str(header.get("player", "anonymous")),
        scenario_id=session.scenario.id,
        content_sha256=session.scenario.content_sha256,
        profile=config.profile_id,
        mode=str(header.get("mode", config.mode)),
        started_at=str(header.get("started_at", "")),
        learning=round(score.learning, 6),
        harm=round(score.harm, 6),
        net=round(score.net, 6),
        regret=round(score.regret, 6),
        safety_rating=score.safety_rating,
        log_file=session.log_path.name if session.log_path else "")


def save_result(session: RecordedSession, path: Path | None = None) -> SaveReport:
    """Add the session's row to the history; never raises."""
    row = result_from_session(session)
    history, problem = open_history(path)
    if history is None:
        return SaveReport(False, problem)
    try:
        with history:
            history.add(row)
    except Exception as exc:  # noqa: BLE001 -- sqlite3 and OS errors alike: report, go on
        return SaveReport(False, f"the result could not be saved ({exc})")
    return SaveReport(True, problem)
