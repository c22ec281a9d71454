"""Debrief data for one recording, structured in the PEARLS phases.

Reactions (prompts), description (the timeline), analysis (each decision with its Q-values,
the model's choice, regret and an advocacy-inquiry prompt generated from what happened),
summary (take-aways the facilitator can edit). Pure: the debrief scene and the HTML report
both render this.

The generated sentences (inquiry, take-aways, the timeline's own words) go through the
translator the caller passes (`t`, English by default: the HTML report), so a German session
gets a German debrief with decimal commas. Scenario text (cue, option labels, narration) is
authored per language and quoted as it is.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from game.core import events as ev
from game.core.model import TICKS_PER_SECOND, Scenario
from game.i18n import Tr, english
from game.replay.annotations import Note, read_notes
from game.replay.reader import ReplayLog
from game.replay.session import params_from_header
from game.replay.timeline import SETTLING, Timeline, build_timeline
from game.replay.verify import config_from_header
from game.scoring.attitude import Attitude, revealed_attitude
from game.scoring.episode import EpisodeScore, score_episode
from game.scoring.harm import describe_grade
from game.scoring.params import ModelParams
from game.scoring.safety import RULES, rule_text
from game.scoring.solver import solve_cached as solve


def reaction_prompts(t: Tr = english) -> tuple[str, str]:
    """The PEARLS reactions phase's opening questions (literal calls: the i18n scan reads them)."""
    return (t("How are you feeling about how that went?"),
            t("What stood out for you, for the patient and for the trainee?"))


REACTION_PROMPTS = reaction_prompts()


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
    grade: str = ""
    """A harm row's grade code ("MERP-B"), so a screen can word it in its own language."""


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


def build_debrief(log: ReplayLog, scenario: Scenario, with_attitude: bool = True,
                  t: Tr = english) -> Debrief:
    """The whole debrief, its generated sentences worded by `t`. The revealed risk attitude
    solves the vignette at 41 weights; `with_attitude=False` skips it for views that only
    need the decisions."""
    params = params_from_header(log.header)
    profile = config_from_header(log.header).profile_id
    timeline = build_timeline(log, scenario)
    score, rows = analyse_decisions(scenario, timeline, profile, params, t)
    notes, problems = read_notes(log.path)
    attitude = revealed_attitude(scenario, profile,
                                 [(r.node, r.history, r.chosen) for r in score.decisions],
                                 params) if score.decisions and with_attitude else None
    return Debrief(scenario, log.header, score, rows, describe(timeline, scenario, t),
                   reaction_prompts(t) + tuple(scenario.debrief_prompts),
                   default_summary(rows, score, attitude, t), notes, problems, attitude,
                   timeline)


def analyse_decisions(scenario: Scenario, timeline: Timeline, profile: str,
                      params: ModelParams, t: Tr = english
                      ) -> tuple[EpisodeScore, list[DecisionDebrief]]:
    """The episode score and one analysed row per decision made, in order (the inquiry
    worded by `t`)."""
    solution = solve(scenario, profile, params)
    assert timeline.final is not None, "build_timeline sets the final state"
    score = score_episode(scenario, timeline.final, params, solution)
    rows = [_decision_row(i, r, scenario, solution, timeline, t)
            for i, r in enumerate(score.decisions)]
    return score, rows


RATING_WORDS = {"green": "safe (green)", "amber": "caution (amber)", "red": "unsafe (red)"}
"""The safety rating as a take-away says it (translated where it is used)."""

MESSAGES = (*RATING_WORDS.values(), *(text for _, text in RULES))
"""Message ids handed to the translator through a table (the literal calls are scanned):
the rating words and the safety rules' texts."""


def _decision_row(index, review, scenario: Scenario, solution, timeline: Timeline,
                  t: Tr = english):
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
    return DecisionDebrief(**{**row.__dict__, "inquiry": inquiry(row, t)})


def _option(label: str, t: Tr) -> str:
    """An option's label inside a sentence: lower case in English ("you chose to watch: say
    nothing"); other languages keep its capitals (German nouns keep theirs)."""
    return label.lower() if getattr(t, "language", "en") == "en" else label


def inquiry(row: DecisionDebrief, t: Tr = english) -> str:
    """An advocacy-inquiry prompt: what I saw, what I think about it, what I'm curious about."""
    seen = t("The cue was: \u201c{cue}\u201d", cue=row.cue)
    when = (t("You let the window run out.") if row.by == "timeout"
            else t("After {s:.0f} s you chose to {option}.", s=float(row.elapsed_s),
                   option=_option(row.chosen_label, t)))
    if row.rating == "red":
        view = t("The model treats this as off-limits: {rule}.", rule=t(row.broken))
        ask = t("What did you expect would happen next, and what would have made you step in?")
    elif row.chosen == row.best:
        view = t("The model also rates this the best balance of learning and risk here.")
        ask = t("What told you this was the moment, and what would have changed your mind?")
    else:
        view = t("The model would have chosen to {option}, expecting {points:.1f} points more "
                 "on balance.", option=_option(row.best_label, t), points=float(row.regret))
        ask = t("I'm curious what you were weighing at that moment.")
    return f"{seen} {when} {view} {ask}"


def describe(timeline: Timeline, scenario: Scenario, t: Tr = english) -> list[TimelineRow]:
    rows = []
    for m in timeline.moments:
        e = m.event
        if isinstance(e, ev.NodeEntered) and e.node_kind == "beat":
            rows.append(TimelineRow(m.tick, "narration", scenario.node(e.node).text))
        elif isinstance(e, ev.DecisionOpened):
            rows.append(TimelineRow(m.tick, "decision", scenario.decision(e.decision).cue))
        elif isinstance(e, ev.InterventionMade):
            label = scenario.decision(e.decision).option(e.option).label
            rows.append(TimelineRow(e.tick, "choice", t("You: {label}", label=label)))
        elif isinstance(e, ev.WindowClosed):
            rows.append(TimelineRow(e.tick, "choice", t("You watched (the window ran out)")))
        elif isinstance(e, ev.ChanceResolved):
            outcome = next(o for o in scenario.chance(e.node).outcomes if o.id == e.outcome)
            if outcome.text:
                rows.append(TimelineRow(e.tick, "outcome", outcome.text))
        elif isinstance(e, ev.HarmOccurred):
            text = t("Harm to the patient: {grade}", grade=describe_grade(e.grade))
            rows.append(TimelineRow(e.tick, "harm", text, e.grade))
        elif isinstance(e, ev.VignetteEnded):
            end = scenario.end(e.end)
            rows.append(TimelineRow(e.tick, "end", f"{end.title}. {end.text}"))
    return rows


def default_summary(rows: list[DecisionDebrief], score: EpisodeScore,
                    attitude: Attitude | None, t: Tr = english) -> list[str]:
    """The take-aways the debrief starts from (the facilitator edits them), worded by `t`."""
    lines, place = [], place_namer(rows, t)
    permitted = [r for r in rows if r.chosen_label and r.options and
                 next(o for o in r.options if o.option == r.chosen).level == "watch"]
    if permitted:
        lines.append(t("Allowed the trainee to continue at: {places}.",
                       places=", ".join(place(r.node) for r in permitted)))
    worst = max(rows, key=lambda r: r.regret, default=None)
    if worst and worst.regret > 0.05:
        lines.append(t("The biggest gap to the model was at {place} ({points:.1f} points): "
                       "{option} instead.", place=place(worst.node),
                       points=float(worst.regret), option=_option(worst.best_label, t)))
    elif any(r.chosen != r.best for r in rows):  # other choices, the same balance: say so
        lines.append(t("At {places} you chose otherwise than the model, with about the same "
                       "balance of learning and harm.", places=", ".join(
                           place(r.node) for r in rows if r.chosen != r.best)))
    else:
        lines.append(t("Every decision matched the model's best choice."))
    rating = t(RATING_WORDS[score.safety_rating])
    lines.append(t("Safety rating: {rating}, rule broken: {rule}.", rating=rating,
                   rule=t(score.safety_text)) if score.safety_rule
                 else t("Safety rating: {rating}.", rating=rating))
    if attitude and attitude.consistent:
        lines.append(t("Your choices fit risk weights: {text}.",
                       text=attitude.describe(t, place)))
    elif attitude:  # "fit risk weights: the choice at decision 2 is not optimal..." misread
        lines.append(t("Your choices fit no single risk weight: {text}.",
                       text=attitude.describe(t, place)))
    return lines


def place_namer(rows: list[DecisionDebrief], t: Tr = english) -> Callable[[str], str]:
    """How the take-aways name a decision point: by its number in the session, as every
    screen does ("decision 2"), not by its id ("morphine_decision", English in any session)."""
    numbers: dict[str, int] = {}
    for row in rows:
        numbers.setdefault(row.node, row.index + 1)
    return lambda node: (t("decision {n}", n=numbers[node]) if node in numbers
                         else node.replace("_", " "))
