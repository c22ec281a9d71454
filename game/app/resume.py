"""Save and resume: a practice session left mid-vignette is taken up again from its log.

Nothing extra is saved when the player leaves: the log already holds the seed and every
command, so the session is rebuilt by replaying them. Logs are never edited, so the resumed
session is recorded into a new log whose header names its parent (`kind: "resume"`), with the
parent's commands replayed into it at their ticks; its fingerprint after the last command
must match the parent's, or the resume is refused. The session resumes at the parent's last
recorded command (a choice, or a skip through narration): the time that passed after it
(narration, a window running out) is not in the log and plays again. So the offer names that
step and its time ("from your last choice at 0:42"), never "where you stopped": the player
may have left long after it. (Recording the moment of leaving would not help: resuming there
could drop the player into a window nearly run out, or past a choice they never saw.)
The parent's history row is marked "resumed", so Progress does not count the session twice.
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

from game.store.db import History
from game.store.records import TICKS_PER_SECOND, SessionRecord

if TYPE_CHECKING:
    from game.core.model import Scenario
    from game.replay.session import RecordedSession

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
    # The replay and scoring layers (numpy) load only when a session is taken up: the title
    # screen asks what can be resumed at every start and must stay light.
    from game.core.state import fingerprint
    from game.replay.playback import replay
    from game.replay.reader import LogError, read_log
    from game.replay.session import RecordedSession, params_from_header
    from game.replay.verify import config_from_header
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
    # The story so far joins the session's opening events, so a screen that narrates them
    # shows the player where they were, not only the first beat.
    replay(log, session, until_tick=last["tick"] if last else 0,
           on_events=lambda _state, events: session.events.extend(events))
    if last is not None and fingerprint(session.state) != last.get("fingerprint"):
        session.close()
        out.unlink(missing_ok=True)
        raise ResumeError(f"{path.name} does not replay to the point it was left")
    return session


def mark_resumed(history: History, uid: str) -> None:
    """The parent's row no longer counts as abandoned once it has been taken up again."""
    history.execute_write("UPDATE sessions SET status = 'resumed' WHERE uid = ? AND "
                          "status = 'abandoned'", (uid,))


class Offer(NamedTuple):
    """A session the player may take up again: its record, its log and where it goes on."""

    record: SessionRecord
    log: Path
    stopped_tick: int
    """The tick of the log's last recorded command, where the resumed session goes on (0
    when the log holds no command: it starts again from the beginning)."""
    last_step: str = ""
    """What that command was: "intervene" (a choice), "skip" (narration skipped), or ""
    (no command: nothing to go on from)."""

    @property
    def stopped_seconds(self) -> float:
        return self.stopped_tick / TICKS_PER_SECOND


def stopped_tick(path: Path) -> int | None:
    """The tick of the last command in the log at `path` (0 before any command), or None
    when the file cannot be read or is not a session log."""
    found = last_step(path)
    return None if found is None else found[0]


def last_step(path: Path) -> tuple[int, str] | None:
    """(tick, kind) of the last command in the log at `path` ((0, "") before any command),
    or None when the file cannot be read or is not a session log. Reads lines only, checks
    nothing: `resume` checks the whole log when the player takes it up."""
    found: tuple[int, str] | None = None
    try:
        with open(path, encoding="utf-8") as handle:
            for line in handle:
                try:
                    data = json.loads(line)
                except ValueError:
                    continue  # a last line cut off mid-write is not a command
                if not isinstance(data, dict):
                    continue
                if data.get("type") == "header":
                    found = (0, "")
                elif data.get("type") == "command" and isinstance(data.get("tick"), int):
                    command = data.get("command")
                    kind = command.get("kind") if isinstance(command, dict) else None
                    found = (data["tick"], str(kind or ""))
    except (OSError, UnicodeDecodeError):
        return None
    return found


def offer_for(record: SessionRecord, logs: Path) -> Offer | None:
    """The offer to take `record` up again, or None when it cannot be (not an abandoned
    practice session, or its log is gone or unreadable)."""
    if not resumable([record], logs):
        return None
    log = logs / record.log_file
    found = last_step(log)
    return None if found is None else Offer(record, log, *found)


def latest_offer(player: str, logs: Path, db_path: Path | None = None,
                 skip: frozenset[str] | set[str] = frozenset()) -> Offer | None:
    """The newest session of `player` that can be taken up again (the title offers it);
    `skip`: uids not to offer (refused earlier in this run)."""
    from game.store.listing import left_sessions
    for record in left_sessions(player, db_path, RESUMABLE_MODES):
        if record.uid in skip:
            continue
        offer = offer_for(record, logs)
        if offer is not None:
            return offer
    return None


def take_up(offer: Offer, scenario: Scenario, out: Path, db_path: Path | None = None
            ) -> tuple[RecordedSession, str | None]:
    """Resume the offered session into the new log `out` and mark its row resumed.

    Returns the live session and a problem with the history (None when the row was marked):
    when the mark cannot be written the session still plays, and the next rebuild marks the
    parent from the new log's header. Raises ResumeError when it cannot be resumed."""
    from game.store.opening import open_history
    now = datetime.now(UTC).isoformat(timespec="seconds")
    session = resume(offer.log, scenario, out, started_at=now)
    history, problem = open_history(db_path)
    if history is None:
        return session, problem or "the history could not be opened"
    with history:
        try:
            mark_resumed(history, offer.record.uid)
        except sqlite3.Error as exc:
            return session, str(exc)
    return session, None
