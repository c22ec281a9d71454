"""Debrief data for one recording, structured in the PEARLS phases.

Reactions (prompts), description (the timeline), analysis (each decision with its Q-values,
the model's choice, regret and an advocacy-inquiry prompt generated from what happened),
summary (take-aways the facilitator can edit). Pure: the debrief scene and the HTML report
both render this.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from game.core import events as ev
from game.core.model import TICKS_PER_SECOND, Scenario
from game.replay.annotations import Note, read_notes
from game.replay.reader import ReplayLog
from game.replay.session import params_from_header
from game.replay.timeline import SETTLING, Timeline, build_timeline
from game.replay.verify import config_from_header
from game.scoring.attitude import Attitude, revealed_attitude
from game.scoring.episode import EpisodeScore, score_episode
from game.scoring.harm import describe_grade
from game.scoring.params import ModelParams
from game.scoring.safety import rule_text
from game.scoring.solver import solve_cached as solve

REACTION_PROMPTS = (
    "How are you feeling about how that went?",
    "What stood out for you, for the patient and for the trainee?",
)


@dataclass(frozen=True)
class OptionRow:
    option: str
    label: str
    level: str
    q: float
    learning: float
    harm: float
    rating: str
    broken: str


@dataclass(frozen=True)
class DecisionDebrief:
    index: int
    node: str
    cue: str
    prompt: str
    tick: int
    elapsed_s: float
    window_s: float
    chosen: str
    chosen_label: str
    by: str
    best: str
    best_label: str
    regret: float
    rating: str
    broken: str
    belief: tuple[float, ...]
    options: tuple[OptionRow, ...]
    inquiry: str


@dataclass(frozen=True)
class TimelineRow:
    tick: int
    kind: str  # "narration" | "decision" | "choice" | "outcome" | "harm" | "end"
    text: str


@dataclass
class Debrief:
    scenario: Scenario
    header: dict
    score: EpisodeScore
    decisions: list[DecisionDebrief]
    timeline: list[TimelineRow]
    reactions: tuple[str, ...]
    summary: list[str]
    notes: list[Note] = field(default_factory=list)
    note_problems: list[str] = field(default_factory=list)
    attitude: Attitude | None = None
    raw_timeline: Timeline | None = None


def build_debrief(log: ReplayLog, scenario: Scenario, with_attitude: bool = True) -> Debrief:
    """The whole debrief. The revealed risk attitude solves the vignette at 41 weights;
    `with_attitude=False` skips it for views that only need the decisions."""
    params = params_from_header(log.header)
    profile = config_from_header(log.header).profile_id
    timeline = build_timeline(log, scenario)
    score, rows = analyse_decisions(scenario, timeline, profile, params)
    notes, problems = read_notes(log.path)
    attitude = revealed_attitude(scenario, profile,
                                 [(r.node, r.history, r.chosen) for r in score.decisions],
                                 params) if score.decisions and with_attitude else None
    return Debrief(scenario, log.header, score, rows, describe(timeline, scenario),
                   REACTION_PROMPTS + tuple(scenario.debrief_prompts),
                   default_summary(rows, score, attitude), notes, problems, attitude, timeline)


def analyse_decisions(scenario: Scenario, timeline: Timeline, profile: str,
                      params: ModelParams) -> tuple[EpisodeScore, list[DecisionDebrief]]:
    """The episode score and one analysed row per decision made, in order."""
    solution = solve(scenario, profile, params)
    assert timeline.final is not None, "build_timeline sets the final state"
    score = score_episode(scenario, timeline.final, params, solution)
    rows = [_decision_row(i, r, scenario, solution, timeline)
            for i, r in enumerate(score.decisions)]
    return score, rows


RATING_WORDS = {"green": "safe (green)", "amber": "caution (amber)", "red": "unsafe (red)"}


def _decision_row(index, review, scenario: Scenario, solution, timeline: Timeline):
    node = scenario.decision(review.node)
    analysis = solution.at(review.node, review.history)
    labels = {o.id: o.label for o in node.options}
    options = tuple(OptionRow(o.option, labels[o.option], o.level, o.q, o.learning, o.harm,
                              o.rating, rule_text(o.broken) if o.broken else "")
                    for o in analysis.options)
    decided = [m.tick for m in timeline.decision_moments()
               if isinstance(m.event, SETTLING) and m.event.decision == node.id]
    tick = decided[0] if decided else 0
    pace = timeline.final.pace_factor if timeline.final is not None else 1.0
    window = node.window_ticks * pace / TICKS_PER_SECOND
    row = DecisionDebrief(index, node.id, node.cue, node.prompt, tick,
                          review.elapsed / TICKS_PER_SECOND, window, review.chosen,
                          labels[review.chosen], review.by, review.best, labels[review.best],
                          review.gap, review.rating,
                          rule_text(review.broken) if review.broken else "", analysis.belief,
                          options, "")
    return _with_inquiry(row)


def _with_inquiry(row: DecisionDebrief) -> DecisionDebrief:
    """An advocacy-inquiry prompt: what I saw, what I think about it, what I'm curious about."""
    when = ("You let the window run out" if row.by == "timeout"
            else f"After {row.elapsed_s:.0f} s you chose to {row.chosen_label.lower()}")
    seen = f"The cue was: \u201c{row.cue}\u201d {when}."
    if row.rating == "red":
        view = f"The model treats this as off-limits: {row.broken}."
        ask = "What did you expect would happen next, and what would have made you step in?"
    elif row.chosen == row.best:
        view = "The model also rates this the best balance of learning and risk here."
        ask = "What told you this was the moment, and what would have changed your mind?"
    else:
        view = (f"The model would have chosen to {row.best_label.lower()}, expecting "
                f"{row.regret:.1f} points more on balance.")
        ask = "I'm curious what you were weighing at that moment."
    text = f"{seen} {view} {ask}"
    return DecisionDebrief(**{**row.__dict__, "inquiry": text})


def describe(timeline: Timeline, scenario: Scenario) -> list[TimelineRow]:
    rows = []
    for m in timeline.moments:
        e = m.event
        if isinstance(e, ev.NodeEntered) and e.node_kind == "beat":
            rows.append(TimelineRow(m.tick, "narration", scenario.node(e.node).text))
        elif isinstance(e, ev.DecisionOpened):
            rows.append(TimelineRow(m.tick, "decision", scenario.decision(e.decision).cue))
        elif isinstance(e, ev.InterventionMade):
            label = scenario.decision(e.decision).option(e.option).label
            rows.append(TimelineRow(e.tick, "choice", f"You: {label}"))
        elif isinstance(e, ev.WindowClosed):
            rows.append(TimelineRow(e.tick, "choice", "You watched (the window ran out)"))
        elif isinstance(e, ev.ChanceResolved):
            outcome = next(o for o in scenario.chance(e.node).outcomes if o.id == e.outcome)
            if outcome.text:
                rows.append(TimelineRow(e.tick, "outcome", outcome.text))
        elif isinstance(e, ev.HarmOccurred):
            text = f"Harm to the patient: {describe_grade(e.grade)}"
            rows.append(TimelineRow(e.tick, "harm", text))
        elif isinstance(e, ev.VignetteEnded):
            end = scenario.end(e.end)
            rows.append(TimelineRow(e.tick, "end", f"{end.title}. {end.text}"))
    return rows


def default_summary(rows: list[DecisionDebrief], score: EpisodeScore,
                    attitude: Attitude | None) -> list[str]:
    lines = []
    permitted = [r for r in rows if r.chosen_label and r.options and
                 next(o for o in r.options if o.option == r.chosen).level == "watch"]
    if permitted:
        lines.append("Allowed the trainee to continue at: " +
                     ", ".join(r.node.replace("_", " ") for r in permitted) + ".")
    worst = max(rows, key=lambda r: r.regret, default=None)
    if worst and worst.regret > 0.05:
        lines.append(f"The biggest gap to the model was at {worst.node.replace('_', ' ')} "
                     f"({worst.regret:.1f} points): {worst.best_label.lower()} instead.")
    else:
        lines.append("Every decision matched the model's best choice.")
    lines.append(f"Safety rating: {RATING_WORDS[score.safety_rating]}" +
                 (f" ({score.safety_text})." if score.safety_rule else "."))
    if attitude:
        lines.append(f"Your choices fit risk weights: {attitude.describe()}.")
    return lines
