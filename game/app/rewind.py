"""Going back to the last decision of a running workshop, and the votes a rewound log inherits.

Used by `game.app.workshop.Workshop.go_back`. Going back uses `branch.rewind_to`: same
seed, the same commands up to the moment the last decision's window opened, into a NEW
recorded session whose header names its parent (a workshop usually goes back mid-vignette;
rewind_to re-simulates an unfinished log to find its decisions). The parent log is closed,
never edited, so both logs verify.

Each vote is recorded once, in the log where the room cast it (a cohort report must not count
it twice). The end-of-workshop summary of a rewound log therefore borrows the votes of the
decisions before the rewind point from its parent logs (`with_inherited_votes`).
"""

from __future__ import annotations

from dataclasses import asdict, replace
from datetime import UTC, datetime
from pathlib import Path

from game.app.sessions import log_path
from game.core.model import Scenario
from game.core.state import PathStep
from game.replay.branch import BranchError, decisions_in, issued_ticks, rewind_to
from game.replay.reader import LogError, ReplayLog, read_log
from game.replay.session import RecordedSession
from game.replay.workshop import votes_in

MAX_PARENTS = 20
"""How far up a chain of rewinds the summary looks for inherited votes."""


class SkipBackError(ValueError):
    """There is nothing to go back to, or the log does not reproduce."""


class RewindError(SkipBackError):
    """Going back is not possible now; the message says why, in a sentence for the player."""


def rewind_practice(session: RecordedSession, index: int) -> RecordedSession:
    """Practice's "rewind and choose again": a new recorded session at the moment decision
    `index` (0-based) of the finished `session` opened, logged beside it and naming it as
    its parent. Raises RewindError."""
    if session.log_path is None:
        raise RewindError("the session is not recorded")
    now = datetime.now(UTC)
    out = log_path(session.scenario.id, now.astimezone(), session.log_path.parent)
    try:
        return rewind_to(read_log(session.log_path), session.scenario, index, out,
                         started_at=now.isoformat(timespec="seconds"))
    except (LogError, BranchError, OSError) as exc:
        raise RewindError(str(exc)) from None


def decision_steps(history: tuple[PathStep, ...]) -> list[PathStep]:
    return [s for s in history if s.kind == "decision"]


def last_decision(history: tuple[PathStep, ...]) -> int | None:
    """0-based number of the last decision taken so far, or None before the first one."""
    steps = decision_steps(history)
    return len(steps) - 1 if steps else None


def skip_back(session: RecordedSession, out: str | Path | None,
              started_at: str | None = None) -> RecordedSession:
    """Close `session` and return a new one at the window opening of its last decision
    (`branch.rewind_to`, which re-simulates an unfinished log to find its decisions)."""
    index = last_decision(session.state.history)
    if index is None:
        raise SkipBackError("no decision has been taken yet")
    if session.log_path is None:
        raise SkipBackError("the session is not recorded")
    session.close()
    try:
        return rewind_to(read_log(session.log_path), session.scenario, index, out,
                         started_at=started_at, decisions=[
                             asdict(s) for s in session.state.history if s.kind == "decision"])
    except (LogError, BranchError) as exc:
        raise SkipBackError(str(exc)) from None


def _decisions(log: ReplayLog, scenario: Scenario) -> list[tuple[str, int, int]]:
    """(decision, window opened, decided) for each decision of `log`, in order."""
    try:
        steps = decisions_in(log, scenario)
    except BranchError:
        return []
    return [(str(s["node"]), issued - int(s.get("elapsed", 0)), issued)
            for s, issued in zip(steps, issued_ticks(log, steps))]


def inherited_votes(log: ReplayLog, scenario: Scenario, depth: int = 0) -> list[dict]:
    """The parent logs' votes at the decisions taken before this log went back.

    Each of those decisions is matched, in order, with the first unused vote for it cast
    while its window was open: ticks alone cannot tell decisions apart when skipped
    narration lets two windows open at the same tick."""
    info = log.header.get("parent")
    if not isinstance(info, dict) or depth >= MAX_PARENTS:
        return []
    try:
        parent = read_log(Path(log.path).parent / str(info.get("log", "")))
        before = int(info.get("index", -1))
    except (LogError, OSError, TypeError, ValueError):
        return []
    candidates = inherited_votes(parent, scenario, depth + 1) + votes_in(parent)
    chosen: list[dict] = []
    used: set[int] = set()
    for node, opened, decided in _decisions(parent, scenario)[:max(0, before)]:
        for i, vote in enumerate(candidates):
            tick = vote.get("tick")
            if i not in used and vote.get("decision") == node and isinstance(tick, int) \
                    and opened <= tick <= decided:
                used.add(i)
                chosen.append(vote)
                break
    return chosen


def with_inherited_votes(log: ReplayLog, scenario: Scenario) -> ReplayLog:
    """A copy of `log` whose lines also hold the inherited votes (for `summarise` only: the
    copy's hash chain is not the file's)."""
    inherited = inherited_votes(log, scenario)
    if not inherited:
        return log
    return replace(log, lines=inherited + list(log.lines))
