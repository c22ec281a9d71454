""""Branch here": replay a recording to decision k, take another option, run to the end.

After the new option the branch is played headless with the same seed: where a decision
point of the recording comes up again, the recorded choice is reused (at the same moment of
its window); anywhere else the model's optimal option is taken. So the only difference from
the recording is the facilitator's new choice and what follows from it. The branch is saved
as a complete log of its own next to its parent: `<parent-stem>.branch-<k>-<option>.jsonl`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from game.core.model import Decision, Scenario
from game.core.view import SessionView
from game.headless import Choice, ScriptedPolicy, drive
from game.replay.branch import BranchError, branch, decisions_in
from game.replay.reader import LogError, read_log
from game.replay.session import RecordedSession, params_from_header
from game.replay.verify import config_from_header
from game.scoring.solver import History, Solution, solve_cached, step_key

__all__ = ["BranchError", "BranchPolicy", "BranchRun", "branch_path", "run_branch"]


def branch_path(parent: str | Path, number: int, option: str) -> Path:
    """Where the branch from decision `number` (1-based) with `option` is saved."""
    parent = Path(parent)
    return parent.with_name(f"{parent.stem}.branch-{number}-{option}.jsonl")


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


def run_branch(parent: str | Path, scenario: Scenario, number: int, option: str,
               out: str | Path | None = None) -> BranchRun:
    """Branch the recording at decision `number` (1-based) and play it to the end.

    Raises BranchError with a sentence to show when the recording cannot be branched.
    """
    try:
        log = read_log(parent)
    except LogError as exc:
        raise BranchError(f"cannot read the recording: {exc}") from None
    recorded = decisions_in(log)
    out = Path(out) if out is not None else branch_path(parent, number, option)
    params = params_from_header(log.header)
    solution = solve_cached(scenario, config_from_header(log.header).profile_id, params)
    session = branch(log, scenario, number - 1, option, out)
    policy = BranchPolicy(solution, recorded[number:])
    try:
        play_branch(session, policy)
    finally:
        session.close()
    sources = ["recorded"] * (number - 1) + ["branch"] + policy.sources
    return BranchRun(out, session, number, option, sources)
