""""Branch here": replay a recording to decision k, take another option, run to the end.

The new option is taken at a moment of decision k's window (`BranchMoment`): when the window
opened, at the model's best moment for that option (scoring v2's moment analysis), or at the
recorded moment. The default is the recorded moment where the supervisor stepped in, and the
window's opening where they watched: a watch let the window run until it closed, and stepping
in at its last tick changes nothing (no rung lands in time), so "what if I had probed" would
compare the recording with itself.

After the new option the branch is played headless with the same seed: where a decision
point of the recording comes up again, the recorded choice is reused (at the same moment of
its window); anywhere else the model's optimal option is taken. So the only difference from
the recording is the facilitator's new choice and what follows from it. The branch is saved
as a complete log of its own next to its parent: `<parent-stem>.branch-<k>-<option>.jsonl`
at the recorded moment, `<parent-stem>.branch-<k>-<option>-<opened|best>.jsonl` at another.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from game.core.model import Decision, Scenario
from game.core.timing import to_ticks
from game.core.view import SessionView
from game.headless import Choice, ScriptedPolicy, drive
from game.replay.branch import BranchError, BranchPoint, branch, branch_point, decisions_in
from game.replay.reader import LogError, ReplayLog, read_log
from game.replay.session import RecordedSession, params_from_header
from game.replay.verify import config_from_header
from game.scoring.solver import History, Solution, solve_cached, step_key

__all__ = ["MOMENT_KINDS", "BranchChoices", "BranchError", "BranchMoment", "BranchPolicy",
           "BranchRun", "branch_choices", "branch_path", "run_branch"]

MOMENT_KINDS = ("opened", "best", "recorded")
"""When in the window a branch takes its option: when the window opened, at the model's best
moment for the option, or when the recording chose (for a watch: the window's last tick)."""


@dataclass(frozen=True)
class BranchMoment:
    kind: str
    """One of MOMENT_KINDS."""
    at: int
    """Ticks after the window opened."""
    tick: int
    """The session's tick (the window opened at `tick - at`)."""
    best: bool = False
    """This moment is the model's best moment for the option (not merely the last moment
    before a window that closed earlier in this run)."""
    wanted: int | None = None
    """Kind "best" only: the model's best moment (ticks into the window) when it came after
    the window closed in this run (the trainee's mistake or self-correction came first), so
    `at` is the last moment before that."""


def branch_path(parent: str | Path, number: int, option: str,
                moment: BranchMoment | None = None) -> Path:
    """Where the branch from decision `number` (1-based) with `option` is saved (at a moment
    other than the recorded one, the name says which)."""
    parent = Path(parent)
    when = "" if moment is None or moment.kind == "recorded" else f"-{moment.kind}"
    return parent.with_name(f"{parent.stem}.branch-{number}-{option}{when}.jsonl")


def _read(parent: str | Path) -> ReplayLog:
    try:
        return read_log(parent)
    except LogError as exc:
        raise BranchError(f"cannot read the recording: {exc}") from None


def _solution(log: ReplayLog, scenario: Scenario) -> Solution:
    return solve_cached(scenario, config_from_header(log.header).profile_id,
                        params_from_header(log.header))


def best_tick(solution: Solution, scenario: Scenario, point: BranchPoint, option: str) -> int:
    """The model's best moment for `option` in this decision's situation, in session ticks
    into the window (content seconds stretched by the session's pace)."""
    history = tuple(step_key(s.node, s.choice) for s in point.history)
    node = scenario.decision(point.node)
    if node.timing is None:
        return 0  # an untimed window: every moment of an option has the same value
    analysis = solution.at(point.node, history)
    offered = {o.option: o for o in analysis.options}
    if option not in offered:
        return 0  # not on offer in this situation: the branch will say it cannot be taken
    return to_ticks(offered[option].best_moment_s, point.pace)


def moments_at(point: BranchPoint, best: int) -> tuple[BranchMoment, ...]:
    """The three moments a chooser offers for one option, in MOMENT_KINDS order (two may
    fall on the same tick: the model's best may be the window's opening)."""
    clamped = min(best, point.latest)
    ats = {"opened": 0, "best": clamped, "recorded": point.recorded_at}
    return tuple(BranchMoment(kind, at, point.opened + at, at == best,
                              best if kind == "best" and best != clamped else None)
                 for kind, at in ats.items())


@dataclass(frozen=True)
class BranchChoices:
    """What a chooser offers at one decision: every option at each moment kind."""

    point: BranchPoint
    moments: dict[str, tuple[BranchMoment, ...]]

    @property
    def default_kind(self) -> str:
        """The window's opening where the supervisor watched, else the recorded moment."""
        return "opened" if self.point.watched else "recorded"

    def moment(self, option: str, kind: str | None = None) -> BranchMoment:
        kind = kind or self.default_kind
        return next(m for m in self.moments[option] if m.kind == kind)


def branch_choices(parent: str | Path, scenario: Scenario, number: int) -> BranchChoices:
    """The moments at which decision `number` (1-based) of the recording could take each of
    its options (a re-simulation to the window's opening and the cached solution). Raises
    BranchError."""
    log = _read(parent)
    point = branch_point(log, scenario, number - 1)
    solution = _solution(log, scenario)
    return BranchChoices(point, {
        o.id: moments_at(point, best_tick(solution, scenario, point, o.id))
        for o in scenario.decision(point.node).options})


class BranchPolicy(ScriptedPolicy):
    """Recorded choices where the recording's decision point recurs, the model's elsewhere.

    `choose` answers `headless.play_out`'s question (which option); `plan` adds when, which
    the branch needs to reuse a recorded choice at the same moment of its window.
    """

    def __init__(self, solution: Solution, recorded: list[dict]):
        super().__init__("branch")
        self.solution = solution
        self.queues: dict[str, list[dict]] = {}
        for step in recorded:
            self.queues.setdefault(str(step["node"]), []).append(step)
        self.history: History = ()
        self.sources: list[str] = []
        """Per decision taken after the branch: "reused" or "model"."""

    def choose(self, decision: Decision) -> Choice:
        option, _ = self.plan(decision, 1)
        return Choice(option)

    def plan(self, decision: Decision, window: int) -> tuple[str, int | None]:
        """(option, ticks to wait into the window); None lets the window run out."""
        queue = self.queues.get(decision.id)
        if queue:
            step = queue.pop(0)
            self.sources.append("reused")
            if step.get("by") == "timeout":
                return str(step["choice"]), None
            return str(step["choice"]), min(int(step.get("elapsed", 0)), max(0, window - 1))
        self.sources.append("model")
        best = self.solution.at(decision.id, self.history).best
        return best, (None if best == decision.default else 0)


def play_branch(session: RecordedSession, policy: BranchPolicy) -> RecordedSession:
    """Drive the branch to its end with the policy (`headless.drive`, with its timing)."""
    def plan(node: Decision, v: SessionView) -> tuple[str, int | None]:
        policy.history = tuple(step_key(s.node, s.choice) for s in session.state.history)
        option, wait = policy.plan(node, v.ticks_total)
        if wait is None:
            return option, None
        return option, wait - (v.ticks_total - v.ticks_left)  # less what already went by
    return drive(session, plan)


@dataclass
class BranchRun:
    path: Path
    session: RecordedSession
    number: int
    """The decision branched at (1-based)."""
    option: str
    sources: list[str] = field(default_factory=list)
    """Where each decision of the branch came from: recorded, branch, reused, model."""
    moment: BranchMoment = BranchMoment("recorded", 0, 0)
    """When in decision `number`'s window the new option was taken."""
    watched: bool = False
    """The recording made no intervention at that decision."""


def run_branch(parent: str | Path, scenario: Scenario, number: int, option: str,
               out: str | Path | None = None,
               moment: BranchMoment | None = None) -> BranchRun:
    """Branch the recording at decision `number` (1-based) with `option` at `moment` (one
    of `branch_choices(...).moments[option]`; None: `BranchChoices.default_kind`) and play
    it to the end.

    Raises BranchError with a sentence to show when the recording cannot be branched.
    """
    log = _read(parent)
    recorded = decisions_in(log)
    solution = _solution(log, scenario)
    point = branch_point(log, scenario, number - 1)
    if moment is None:
        moments = moments_at(point, best_tick(solution, scenario, point, option))
        moment = BranchChoices(point, {option: moments}).moment(option)
    out = Path(out) if out is not None else branch_path(parent, number, option, moment)
    session = branch(log, scenario, number - 1, option, out, at=moment.at)
    policy = BranchPolicy(solution, recorded[number:])
    try:
        play_branch(session, policy)
    finally:
        session.close()
    sources = ["recorded"] * (number - 1) + ["branch"] + policy.sources
    return BranchRun(out, session, number, option, sources, moment, point.watched)
