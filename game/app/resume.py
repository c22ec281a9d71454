"""Save and resume: a practice session left mid-vignette is taken up again from its log.

Nothing extra is saved when the player leaves: the log already holds the seed and every
command, so the session is rebuilt by replaying them. Logs are never edited, so the resumed
session is recorded into a new log whose header names its parent (`kind: "resume"`), with the
parent's commands replayed into it at their ticks; its fingerprint after the last command
must match the parent's, or the resume is refused. The session resumes at the parent's last
recorded command: the time that passed after it (narration, a window running out) is not in
the log and plays again. The parent's history row is marked "resumed", so Progress does not
count the session twice.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from game.core.model import Scenario
from game.core.state import fingerprint
from game.replay.playback import replay
from game.replay.reader import LogError, read_log
from game.replay.session import RecordedSession, params_from_header
from game.replay.verify import config_from_header
from game.store.db import History
from game.store.records import SessionRecord

RESUMABLE_MODES = ("practice",)


class ResumeError(ValueError):
    """Why a session cannot be resumed, in one line for the player."""


def resumable(records: list[SessionRecord], logs: Path) -> list[SessionRecord]:
    """The player's abandoned practice sessions whose logs are still there, newest first."""
    found = [r for r in records if r.status == "abandoned" and r.mode in RESUMABLE_MODES
             and r.log_file and (logs / r.log_file).is_file()]
    return sorted(found, key=lambda r: r.started_at, reverse=True)


def resume(path: Path, scenario: Scenario, out: Path, started_at: str | None = None
           ) -> RecordedSession:
    """A recorded session at the point the log at `path` was left, recording into `out`."""
    try:
        log = read_log(path)
    except LogError as exc:
        raise ResumeError(f"{path.name} cannot be read ({exc})") from None
    header = log.header
    if log.end is not None:
        raise ResumeError(f"{path.name} is finished; there is nothing to resume")
    if header.get("mode") not in RESUMABLE_MODES:
        raise ResumeError("only practice sessions can be resumed")
    if header.get("scenario_sha256") != scenario.content_sha256:
        raise ResumeError(f"{scenario.title} has changed since this session was played; "
                          "it cannot be resumed")
    parent = {"log": path.name, "sha256": hashlib.sha256(path.read_bytes()).hexdigest(),
              "kind": "resume", "index": len(log.commands)}
    try:
        session = RecordedSession(
            scenario, config_from_header(header), params_from_header(header), out,
            player=str(header.get("player", "anonymous")),
            started_at=started_at or header.get("started_at"),
            extra_header={**{k: header[k] for k in ("client",) if k in header},
                          "parent": parent})
    except (KeyError, ValueError, TypeError) as exc:
        raise ResumeError(f"{path.name} has a header that cannot start a session ({exc})") \
            from None
    last = log.commands[-1] if log.commands else None
    replay(log, session, until_tick=last["tick"] if last else 0)
    if last is not None and fingerprint(session.state) != last.get("fingerprint"):
        session.close()
        out.unlink(missing_ok=True)
        raise ResumeError(f"{path.name} does not replay to the point it was left")
    return session


def mark_resumed(history: History, uid: str) -> None:
    """The parent's row no longer counts as abandoned once it has been taken up again."""
    history.execute_write("UPDATE sessions SET status = 'resumed' WHERE uid = ? AND "
                          "status = 'abandoned'", (uid,))
