"""The end of a workshop room: each participant's private summary and the room's spread.

Each phone sees its own choices beside the model's and the interval of risk weights its
choices reveal ("your choices fit weights 0.8 to 2.4"), found with the same revealed-attitude
functions the single-player debrief uses. The projector sees only the room's spread: for each
band of weights, how many participants' choices fit weights in it, plus where the workshop's
weight and the majority's interval sit. No token, name or single choice is on the projector.
"""

from __future__ import annotations

from dataclasses import dataclass

from game.app.room import Ballot, Room
from game.core.model import Scenario
from game.scoring.attitude import Attitude, revealed_attitude
from game.scoring.params import ModelParams
from game.scoring.solver import solve_cached

WEIGHT_EDGES = (0.05, 0.1, 0.25, 0.5, 1.0, 2.0, 4.0, 8.0, 20.0)
"""Bands of the histogram: log-spaced like the attitude grid, so each band is a doubling or
so of how many learning points one harm point costs."""


@dataclass(frozen=True)
class ChoiceRow:
    decision: str
    cue: str
    mine: str | None
    """The participant's option title, or None if they did not vote here."""
    model: str
    """The model's best option title at the workshop's risk weight."""
    room: str
    """The room's majority title, "Tie: A / B", or "" without votes."""


@dataclass(frozen=True)
class ParticipantSummary:
    token: str
    rows: tuple[ChoiceRow, ...]
    attitude: Attitude | None
    """None when the participant voted at no decision."""

    @property
    def interval_text(self) -> str:
        if self.attitude is None:
            return "You did not vote, so your choices reveal no risk weight."
        if not self.attitude.consistent:
            return f"Your choices fit no single risk weight ({self.attitude.describe()})."
        return f"Your choices fit risk weights {self.attitude.describe()}."

    def as_dict(self) -> dict:
        att = self.attitude
        return {"rows": [row.__dict__ for row in self.rows], "interval": self.interval_text,
                "low": att.low if att else None, "high": att.high if att else None}


@dataclass(frozen=True)
class WeightHistogram:
    edges: tuple[float, ...]
    counts: tuple[int, ...]
    """Per band: participants whose choices fit at least one weight in it."""
    participants: int
    inconsistent: int
    """Participants whose choices fit no single weight (not in any band)."""
    silent: int
    """Participants who never voted (not in any band)."""
    default_weight: float
    majority: tuple[float, float] | None
    """The weights at which every majority choice fits (None: none, or ties only)."""

    def band_of(self, weight: float) -> int:
        """The band holding `weight` (clamped to the first and last band)."""
        for i in range(len(self.counts)):
            if weight < self.edges[i + 1]:
                return i
        return len(self.counts) - 1

    def labels(self) -> tuple[str, ...]:
        return tuple(f"{self.edges[i]:g}-{self.edges[i + 1]:g}" for i in range(len(self.counts)))


@dataclass(frozen=True)
class RoomEnd:
    participants: dict[str, ParticipantSummary]
    histogram: WeightHistogram
    ballots: tuple[Ballot, ...]


def _title(ballot: Ballot, option: str | None) -> str | None:
    return next((o.title for o in ballot.options if o.id == option), None)


def _room_text(ballot: Ballot) -> str:
    tally = ballot.tally()
    if tally.tie:
        return "Tie: " + " / ".join(_title(ballot, o) or o for o in tally.leaders)
    return _title(ballot, tally.majority) or ""


def histogram(attitudes: list[Attitude | None], default_weight: float,
              majority: Attitude | None) -> WeightHistogram:
    counts = [0] * (len(WEIGHT_EDGES) - 1)
    for att in attitudes:
        if att is None or not att.consistent or att.low is None or att.high is None:
            continue
        for i in range(len(counts)):
            lo, hi = WEIGHT_EDGES[i], WEIGHT_EDGES[i + 1]
            last = i == len(counts) - 1  # bands are [lo, hi), the last one [lo, hi]
            if (att.low < hi or last) and att.high >= lo:
                counts[i] += 1
    fit = (majority.low, majority.high) if majority and majority.consistent \
        and majority.low is not None and majority.high is not None else None
    return WeightHistogram(WEIGHT_EDGES, tuple(counts), len(attitudes),
                           sum(1 for a in attitudes if a is not None and not a.consistent),
                           sum(1 for a in attitudes if a is None), default_weight, fit)


def room_end(room: Room, scenario: Scenario, profile: str | None,
             params: ModelParams) -> RoomEnd:
    """Summaries for every joined phone and the room's histogram (about a second: one
    many-weight pass over the vignette, cached, then set intersections per participant)."""
    with room.lock:
        ballots = tuple(room.ballots.values())
        tokens = sorted(room.tokens.values())
        ballot_votes = [dict(b.votes) for b in ballots]
    solution = solve_cached(scenario, profile, params)
    best = [solution.at(b.decision, b.history).best for b in ballots]
    summaries: dict[str, ParticipantSummary] = {}
    for token in tokens:
        rows, choices = [], []
        for ballot, votes, model in zip(ballots, ballot_votes, best):
            mine = votes.get(token)
            rows.append(ChoiceRow(ballot.decision, ballot.cue, _title(ballot, mine),
                                  _title(ballot, model) or model, _room_text(ballot)))
            if mine is not None:
                choices.append((ballot.decision, ballot.history, mine))
        att = revealed_attitude(scenario, profile, choices, params) if choices else None
        summaries[token] = ParticipantSummary(token, tuple(rows), att)
    return RoomEnd(summaries, histogram([s.attitude for s in summaries.values()],
                                        params.risk_weight, majority_fit(room, scenario,
                                                                         profile, params)),
                   ballots)


def majority_fit(room: Room, scenario: Scenario, profile: str | None,
                 params: ModelParams) -> Attitude | None:
    """The weights at which every decided majority (phones and hands) is optimal."""
    with room.lock:
        decided = [(b.decision, b.history, b.tally().majority) for b in room.ballots.values()]
    choices = [(d, h, m) for d, h, m in decided if m is not None]
    return revealed_attitude(scenario, profile, choices, params) if choices else None
