"""Workshop sessions: a room of supervisors votes at each decision point.

The facilitator freezes time when a window opens, enters the room's vote (counts per option,
or one participant at a time), reveals the distribution, then picks the option the story
follows (the majority, or any other to explore). Votes are written to the replay log as
`vote` lines inside the hash chain, so a workshop replays and verifies like any session.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from game.core.model import Decision, Scenario
from game.replay.reader import ReplayLog
from game.replay.session import params_from_header
from game.scoring.attitude import GRID, Attitude, grid_bests, intersect
from game.scoring.params import ModelParams
from game.scoring.solver import History, solve_cached, step_key


@dataclass
class RoomVote:
    """The room's votes at one decision point, built up as the facilitator enters them."""

    decision: str
    options: tuple[str, ...]
    counts: dict[str, int] = field(default_factory=dict)

    def add(self, option: str, n: int = 1) -> None:
        if option not in self.options:
            raise ValueError(f"{self.decision} has no option {option!r}")
        self.counts[option] = max(0, self.counts.get(option, 0) + n)

    def set(self, option: str, n: int) -> None:
        if option not in self.options:
            raise ValueError(f"{self.decision} has no option {option!r}")
        self.counts[option] = max(0, int(n))

    @property
    def total(self) -> int:
        return sum(self.counts.values())

    def shares(self) -> dict[str, float]:
        total = self.total
        return {o: (self.counts.get(o, 0) / total if total else 0.0) for o in self.options}

    def majority(self) -> str | None:
        """The most-voted option; ties go to the lower rung of the ladder (options are listed
        from watch upward), None without votes."""
        if not self.total:
            return None
        return max(self.options, key=lambda o: (self.counts.get(o, 0), -self.options.index(o)))

    def as_record(self, followed: str, tick: int) -> dict:
        return {"decision": self.decision, "counts": {o: self.counts.get(o, 0)
                                                      for o in self.options},
                "followed": followed, "vote_tick": tick}


def new_vote(decision: Decision) -> RoomVote:
    return RoomVote(decision.id, tuple(o.id for o in decision.options))


@dataclass(frozen=True)
class RoomDecision:
    decision: str
    history: History
    counts: dict[str, int]
    majority: str | None
    followed: str
    best: str
    weights_where_majority_optimal: tuple[float, ...]


@dataclass(frozen=True)
class WorkshopSummary:
    decisions: tuple[RoomDecision, ...]
    majority_attitude: Attitude | None
    """Risk weights at which every majority choice would have been optimal."""


def votes_in(log: ReplayLog) -> list[dict]:
    return [r for r in log.lines if r.get("type") == "vote"]


def summarise(log: ReplayLog, scenario: Scenario, params: ModelParams | None = None
              ) -> WorkshopSummary:
    """The room's choices beside the optimal policy, decision by decision."""
    params = params or params_from_header(log.header)
    profile = str(log.header["profile"])
    path = log.end.get("path", []) if log.end else []
    votes = {v["decision"]: v for v in votes_in(log)}
    history: list[str] = []
    rows, fits = [], []
    for step in path:
        if step["kind"] == "decision" and step["node"] in votes:
            vote = votes[step["node"]]
            key = (step["node"], tuple(history))
            best = solve_cached(scenario, profile, params).at(*key).best
            counts = {k: int(v) for k, v in vote["counts"].items()}
            majority = max(counts, key=lambda o: counts[o]) if any(counts.values()) else None
            bests = grid_bests(scenario, profile, params)[key]
            ok = tuple(w for w, b in zip(GRID, bests) if majority and b == majority)
            rows.append(RoomDecision(step["node"], key[1], counts, majority, step["choice"],
                                     best, ok))
            if majority:
                fits.append((step["node"], set(ok)))
        history.append(step_key(step["node"], step["choice"]))
    return WorkshopSummary(tuple(rows), intersect(fits) if fits else None)
