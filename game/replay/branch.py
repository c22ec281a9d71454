"""Branch a recorded session at one of its decisions: "what if I had stepped in here?"

The branch starts from the same seed and replays the recording's commands up to the moment
decision k's window opened, lets time run to the moment chosen for the new option (`at`,
ticks into the window) and takes it there. Because the seed is the same, decisions 1..k-1
and everything that happened before k are reproduced exactly, and so is what the window
drew when it opened (the trainee's own self-correction or mistake, if any, at the same
moment); the difference that follows comes from the decision. The branch is written as a
complete log of its own whose header names its parent log, the decision it branched at and
the moment (`parent.opened_at`, `parent.at`).

The moment matters: a supervisor who watched let the window run until it closed, so "the
recorded moment" of a watch is the window's last tick, when no rung lands in time any more.
`branch_point` says when the window opened, when the recording chose and the latest moment
at which stepping in is still possible in this run.

A decision point comes up at most once in a run: the loader refuses a vignette that loops
back to one (content/graph.py), and the engine records one decision step per visit. So the
log's decision index and its node name the same window, and the replay may stop before the
node's first command (`before_decision`, `chosen_at[0]` below). Should the format ever allow
a loop (a retry after a failed attempt), those stops must count occurrences instead
(tests/app/test_branches.py holds the refusal).
"""

from __future__ import annotations

import hashlib
from dataclasses import asdict, dataclass
from pathlib import Path

from game.core.commands import Intervene
from game.core.engine import CommandRejected, window_ticks
from game.core.model import Decision, Scenario
from game.core.state import PathStep
from game.replay.playback import StateDriver, replay
from game.replay.reader import ReplayLog
from game.replay.session import RecordedSession, params_from_header
from game.replay.verify import Divergence, config_from_header, resimulate


class BranchError(ValueError):
    pass


def decisions_in(log: ReplayLog, scenario: Scenario | None = None) -> list[dict]:
    """The decisions of a log, in order: from the end line's path, or, for a session that
    has not finished (a workshop going back mid-vignette), by re-simulating its commands."""
    if log.end:
        return [s for s in log.end.get("path", []) if s.get("kind") == "decision"]
    if scenario is None:
        raise BranchError("the recording has no end line; branch from a finished session")
    try:
        state = resimulate(log, scenario)
    except Divergence as exc:
        raise BranchError(f"the recording does not reproduce: {exc.message}") from None
    return [asdict(s) for s in state.history if s.kind == "decision"]


def issued_ticks(log: ReplayLog, decisions: list[dict]) -> list[int]:
    """The tick each decision was chosen at: its command's tick (a rung that takes a moment
    to act records the decision when it acted, later), else the step's own tick (a window
    that ran out has no command). Its window opened `elapsed` ticks before that."""
    commands: dict[str, list[int]] = {}
    for record in log.commands:
        node = record["command"].get("decision")
        if node is not None:
            commands.setdefault(str(node), []).append(int(record["tick"]))
    ticks = []
    for step in decisions:
        queue = commands.get(str(step["node"]), [])
        by_player = step.get("by") not in ("timeout", "waiting")
        ticks.append(queue.pop(0) if by_player and queue else int(step["tick"]))
    return ticks


WATCHED = ("timeout", "waiting")
"""How a decision step ended without an intervention: the window ran out, or the trainee's
self-correction or mistake came while the supervisor watched."""


@dataclass(frozen=True)
class BranchPoint:
    """Decision `index`'s window in the recording, in session ticks."""

    index: int
    node: str
    opened: int
    """The tick the window opened."""
    recorded_at: int
    """Ticks into the window at which the recording chose: a command's moment, or for a
    watched decision the last tick before the window closed."""
    latest: int
    """The latest moment (ticks into the window) at which a choice can still be made in this
    run: the window's last tick, or the last before the trainee's self-correction or mistake
    that the window drew when it opened (the same in every branch: same seed)."""
    watched: bool
    """True when the recording made no intervention here (the window ran out or closed)."""
    pace: float
    """The session's pace factor (content seconds to ticks)."""
    history: tuple[PathStep, ...]
    """The path up to the window's opening (the solver's situation of this decision)."""


def branch_point(log: ReplayLog, scenario: Scenario, index: int) -> BranchPoint:
    """Where decision `index` (0-based) of the log can be branched: a pure re-simulation up
    to its window's opening. Raises BranchError."""
    target, node = _target(log, scenario, index)
    steps = decisions_in(log, scenario)
    opened = issued_ticks(log, steps)[index] - int(target.get("elapsed", 0))
    driver = StateDriver(scenario, config_from_header(log.header))
    state = replay(log, driver, until_tick=opened, before_decision=node.id)
    if state.node_id != node.id or state.finished or state.node_tick != opened:
        raise BranchError("the recording does not reproduce up to the branch point")
    closes = opened + window_ticks(scenario, state, node)
    if state.window_event is not None:
        closes = min(closes, opened + state.window_event[1] + 1)
    watched = target.get("by") in WATCHED
    recorded = int(target.get("elapsed", 0)) - (1 if watched else 0)
    latest = max(0, closes - 1 - opened)
    return BranchPoint(index, node.id, opened, max(0, min(recorded, latest)), latest, watched,
                       state.pace_factor, state.history)


def branch(log: ReplayLog, scenario: Scenario, index: int, option: str,
           out: str | Path | None, player: str | None = None,
           at: int | None = None) -> RecordedSession:
    """A live session, just after taking `option` at the log's decision number `index`
    (0-based), `at` ticks after its window opened (None: the recorded moment; clamped to the
    moments at which the window is still open in this run).

    The caller continues it (interactively, or with `headless.play_out`)."""
    target, node = _target(log, scenario, index)
    if option not in {o.id for o in node.options}:
        raise BranchError(f"{node.id} has no option {option!r}")
    point = branch_point(log, scenario, index)
    at = point.recorded_at if at is None else max(0, min(at, point.latest))
    session = _replay_to(log, scenario, target, index, point.opened, out, player, "branch",
                         None, {"opened_at": point.opened, "at": at})
    session.advance(at)
    try:
        if session.state.node_id != node.id or session.finished:
            raise CommandRejected("the window closed before the moment chosen")
        session.issue(Intervene(node.id, option))
    except CommandRejected as exc:  # e.g. an option not on offer here (its flags not set)
        session.close()  # no half-written branch is left beside the recording
        if out is not None:
            Path(out).unlink(missing_ok=True)
        raise BranchError(str(exc)) from None
    return session


def rewind_to(log: ReplayLog, scenario: Scenario, index: int, out: str | Path | None,
              player: str | None = None, started_at: str | None = None,
              decisions: list[dict] | None = None) -> RecordedSession:
    """A live session at the moment the window of decision `index` opened, nothing chosen
    yet: practice mode's "rewind and choose again". The new log names its parent.
    `decisions`: the live session's decisions, when the log alone cannot tell (a choice that
    acted after the last command line of an unfinished log)."""
    target, _ = _target(log, scenario, index, decisions)
    steps = decisions if decisions is not None else decisions_in(log, scenario)
    stop = issued_ticks(log, steps)[index] - target.get("elapsed", 0)
    return _replay_to(log, scenario, target, index, stop, out, player, "rewind", started_at,
                      {"opened_at": stop})


def _target(log: ReplayLog, scenario: Scenario, index: int,
            decisions: list[dict] | None = None) -> tuple[dict, Decision]:
    decisions = decisions if decisions is not None else decisions_in(log, scenario)
    if not 0 <= index < len(decisions):
        raise BranchError(f"the recording has {len(decisions)} decisions; no decision {index + 1}")
    target = decisions[index]
    node = scenario.nodes.get(target["node"])
    if not isinstance(node, Decision):
        raise BranchError(f"{target['node']} is not a decision point of {scenario.id}")
    return target, node


def _replay_to(log, scenario, target, index, stop, out, player, kind, started_at,
               more: dict | None = None):
    """Replay the parent's commands up to tick `stop`, recording into a new log."""
    params = params_from_header(log.header)
    parent = {"log": Path(log.path).name, "sha256": _file_hash(log.path), "kind": kind,
              "decision": target["node"], "index": index, "original_option": target["choice"],
              **(more or {})}
    kept = {k: log.header[k] for k in ("client",) if k in log.header}
    session = RecordedSession(scenario, config_from_header(log.header), params, out,
                              player=player or str(log.header.get("player", "anonymous")),
                              started_at=started_at or log.header.get("started_at"),
                              extra_header={**kept, "parent": parent})
    chosen_at = [r["tick"] for r in log.commands if r["command"].get("decision") == target["node"]]
    if chosen_at:  # a choice pre-empted by an event in its window is recorded later (v2)
        stop = min(stop, chosen_at[0])
    replay(log, session, until_tick=stop, before_decision=target["node"])
    if session.state.node_id != target["node"] or session.finished:
        raise BranchError("the recording does not reproduce up to the branch point")
    return session


def _file_hash(path: str) -> str:
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()
