"""Workshop presenters: room votes, meters and the end-of-workshop comparison as view models.

Pure functions with no pygame, so the workshop's tests assert on what the projector says
(counts, percentages, the majority, the optimal option) without drawing. Every chrome string
goes through `t` (the UI's translator); scenario text (cues, option labels) is content and is
not translated. Scores stay out of these models unless the facilitator revealed them.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace

from game.core.model import Decision, End, Scenario
from game.core.state import SessionState
from game.i18n import DECIMAL_COMMA
from game.replay.workshop import RoomDecision, RoomVote, WorkshopSummary
from game.scoring.attitude import Attitude
from game.scoring.episode import EpisodeScore
from game.ui.play.presenters import MetersVM, decision_keys, level_name, option_title
from game.ui.play.presenters import meters_vm as play_meters_vm
from game.ui.review.outcome_presenters import RATINGS

Tr = Callable[..., str]
RISK_WEIGHTS = (0.5, 1.0, 2.0, 4.0)
DEFAULT_WEIGHT = 2.0


def english(message: str, **values: object) -> str:
    """The identity translator (tests and callers without a UI context)."""
    return message.format(**values) if values else message


_POINT_TO_COMMA = str.maketrans({".": ",", ",": "."})


def num(value: float, spec: str, t: Tr) -> str:
    """`value` formatted by `spec` with the separator of `t`'s language: German writes 1,5
    where English writes 1.5 (the room reads the projector in the workshop's language)."""
    text = format(value, spec)
    return text.translate(_POINT_TO_COMMA) if getattr(t, "language", "en") in DECIMAL_COMMA \
        else text


def weight_choices(extra: float | None = None) -> tuple[float, ...]:
    """The workshop's risk weights; a weight given on the command line joins the list."""
    weights = set(RISK_WEIGHTS)
    if extra is not None and extra > 0:
        weights.add(float(extra))
    return tuple(sorted(weights))


@dataclass(frozen=True)
class VoteRowVM:
    id: str
    key: int
    label: str
    count: int
    count_text: str
    """What the row says about its votes ("5 votes", "hidden", "5 votes · 45%")."""
    share: float
    majority: bool
    picked: bool
    """The option the story will follow if the facilitator confirms now."""
    tied: bool = False
    """One of two or more options with the top count (revealed): a tie is called a tie."""
    marks_in_label: bool = False
    """The marks (★ majority, = tie, ▶ follow) stand after the label, not beside the bar
    (the vote's layout does this when the bar's text would need lines of its own)."""


@dataclass(frozen=True)
class VoteVM:
    decision: str
    cue: str
    rows: tuple[VoteRowVM, ...]
    total: int
    hot_seat: bool
    revealed: bool
    follow: str | None
    status: str
    action: str
    """What Enter does now, as the follow button says it."""


def _count_text(count: int, share: float, hidden: bool, revealed: bool, t: Tr) -> str:
    if hidden:
        return t("hidden until R")
    votes = t("1 vote") if count == 1 else t("{n} votes", n=count)
    return f"{votes} · {share:.0%}" if revealed else votes


def vote_vm(scenario: Scenario, vote: RoomVote, hot_seat: bool, revealed: bool,
            picked: str | None, t: Tr = english, kept: bool = False) -> VoteVM:
    """The vote panel: counts hidden in hot seat until revealed, majority marked after;
    `kept`: the counts are the room's from before going back (the status says so)."""
    node = scenario.node(vote.decision)
    assert isinstance(node, Decision)
    shares = vote.shares()
    majority = vote.majority()
    follow = (picked or majority) if revealed else None
    hidden = hot_seat and not revealed
    leaders = tied_leaders(vote)
    keys = decision_keys(node)
    rows = tuple(VoteRowVM(
        o.id, keys[o.id], option_title(scenario, node.id, o.id, t), vote.counts.get(o.id, 0),
        _count_text(vote.counts.get(o.id, 0), shares[o.id], hidden, revealed, t),
        shares[o.id], revealed and o.id == majority and not leaders, o.id == follow,
        revealed and o.id in leaders)
        for o in node.options)
    return VoteVM(node.id, node.cue, rows, vote.total, hot_seat, revealed, follow,
                  _vote_status(scenario, vote, hot_seat, revealed, follow, t, kept),
                  _vote_action(scenario, node, revealed, follow, majority, t))


def tied_leaders(vote: RoomVote) -> tuple[str, ...]:
    """The options sharing the top count when two or more do (else empty): no majority."""
    top = max(vote.counts.values(), default=0)
    leaders = tuple(o for o in vote.options if top and vote.counts.get(o, 0) == top)
    return leaders if len(leaders) > 1 else ()


def _vote_status(scenario: Scenario, vote: RoomVote, hot_seat: bool, revealed: bool,
                 follow: str | None, t: Tr, kept: bool = False) -> str:
    if not revealed and kept and not hot_seat:
        return t("Kept from before going back: {total} votes. Correct them with the number "
                 "keys (Shift+number removes one); do not count the same hands again. R "
                 "reveals.", total=vote.total)
    if not revealed and hot_seat:
        return t("Hot seat: participant {n}, press the number of your choice. "
                 "{total} votes so far, hidden until R.", n=vote.total + 1, total=vote.total)
    if not revealed:
        return t("Count the hands: a number key adds a vote, Shift+number removes one. "
                 "R reveals the distribution.")
    if follow is None:
        return t("No votes entered. Pick an option with its number key, then press Enter.")
    name = option_title(scenario, vote.decision, follow, t)
    leaders = tied_leaders(vote)
    if leaders:
        names = " / ".join(option_title(scenario, vote.decision, o, t) for o in leaders)
        return t("A tie: {names}, {n} votes each. No majority: Enter follows {name}; a number "
                 "key picks another.", names=names, n=vote.counts.get(leaders[0], 0),
                 name=name)
    if follow == vote.majority():
        return t("{total} votes. The majority chose {name}. Enter follows it; a number key "
                 "picks another option to explore.", total=vote.total, name=name)
    return t("Exploring {name} (not the majority). Enter follows it.", name=name)


def _vote_action(scenario: Scenario, node: Decision, revealed: bool, follow: str | None,
                 majority: str | None, t: Tr) -> str:
    if not revealed:
        return t("Reveal")
    if follow is None:
        return t("Pick an option")
    level = level_name(node.option(follow).rung, t)
    key = decision_keys(node)[follow]
    if follow == majority:
        return t("Follow {key} {level}", key=key, level=level)
    return t("Explore {key} {level}", key=key, level=level)


def meters_vm(scenario: Scenario, state: SessionState, t: Tr = english) -> MetersVM:
    """The play screen's ledgers (same numbers), worded for a room: symbols and event counts."""
    base = play_meters_vm(scenario, state, None, t)
    events = len(state.harm)
    harm_note = t("no harm") if not events else (
        t("1 harm event") if events == 1 else t("{n} harm events", n=events))
    return replace(base,
                   learning_text=t("▲ Learning so far: {x} points",
                                   x=num(base.learning, ".1f", t)),
                   harm_text=t("⚠ Harm so far: {x} points ({note})",
                               x=num(base.harm, ".1f", t),
                               note=harm_note))


@dataclass(frozen=True)
class ScoreVM:
    tone: str
    word: str
    text: str


def score_vm(score: EpisodeScore, risk_weight: float, t: Tr = english) -> ScoreVM:
    """The episode score in words, for the facilitator's reveal at the end of a vignette."""
    tone, word, detail = RATINGS.get(score.safety_rating, RATINGS["green"])
    text = t("Learning {l} · Harm {h} · Net {n} at risk weight {w}. Safety: {word}. {detail}",
             l=num(score.learning, ".1f", t), h=num(score.harm, ".1f", t),
             n=num(score.net, ".1f", t), w=num(risk_weight, "g", t), word=t(word),
             detail=t(detail))
    return ScoreVM(tone, t(word), text)


@dataclass(frozen=True)
class EndRowVM:
    number: int
    cue: str
    counts_text: str
    majority: str
    followed: str
    optimal: str
    verdict: str
    tone: str
    weights_text: str


@dataclass(frozen=True)
class EndVM:
    title: str
    outcome: str
    weight_text: str
    rows: tuple[EndRowVM, ...]
    attitude: str
    prompt: str


def _w(weight: float, t: Tr) -> str:
    return num(weight, ".3g", t)


def weights_text(weights: tuple[float, ...], t: Tr = english) -> str:
    if not weights:
        return t("The majority's choice is optimal at none of the risk weights tried.")
    low, high = min(weights), max(weights)
    span = _w(low, t) if low == high else \
        t("{low} to {high}", low=_w(low, t), high=_w(high, t))
    return t("The majority's choice is optimal at risk weights {span}.", span=span)


def attitude_text(attitude: Attitude | None, t: Tr = english,
                  numbers: dict[str, int] | None = None) -> str:
    """The risk weights at which every majority choice of the room would have been optimal.

    `numbers` names decisions by their number on the end screen ("decision 2")."""
    if attitude is None:
        return t("No decision had votes, so the room's risk weight cannot be read.")
    if not attitude.consistent:
        names = [t("decision {n}", n=numbers[c]) if numbers and c in numbers else
                 c.replace("_", " ") for c in (attitude.conflict or ("?",))]
        if len(names) == 1:
            return t("No single risk weight fits the room: at {a} the majority's choice is "
                     "optimal at no risk weight.", a=names[0])
        return t("No single risk weight fits the room: the majority choices at {a} and {b} "
                 "pull apart.", a=names[0], b=names[1])
    low, high = attitude.low or 0.0, attitude.high or 0.0
    if attitude.unbounded_low and attitude.unbounded_high:
        span = t("any risk weight")
    elif attitude.unbounded_low:
        span = t("risk weights up to {w}", w=_w(high, t))
    elif attitude.unbounded_high:
        span = t("risk weights of {w} or more", w=_w(low, t))
    elif low == high:
        span = t("risk weight {w}", w=_w(low, t))
    else:
        span = t("risk weights {low} to {high}", low=_w(low, t), high=_w(high, t))
    return t("Every majority choice of the room would have been optimal at {span}.", span=span)


def end_row(scenario: Scenario, number: int, row: RoomDecision, t: Tr = english) -> EndRowVM:
    node = scenario.node(row.decision)
    assert isinstance(node, Decision)
    total = sum(row.counts.values())
    keys = decision_keys(node)
    parts = [f"{keys[o.id]} {level_name(o.rung, t)} {row.counts.get(o.id, 0)}"
             + (f" ({row.counts.get(o.id, 0) / total:.0%})" if total else "")
             for o in node.options]
    name = lambda option: option_title(scenario, row.decision, option, t)  # noqa: E731
    top = max(row.counts.values(), default=0)
    tied = [o.id for o in node.options if top and row.counts.get(o.id, 0) == top]
    if len(tied) > 1:  # a tie is a tie here too, never "the majority"
        majority = t("a tie: {names}", names=" / ".join(name(o) for o in tied))
        how = t("one of the tied") if row.followed in tied else t("explored")
        good = row.best in tied
        verdict = t("✔ Optimal: {name}, one of the tied choices", name=name(row.best)) \
            if good else t("✖ Optimal: {name}", name=name(row.best))
    else:
        majority = name(row.majority) if row.majority else t("no votes")
        how = t("the majority") if row.followed == row.majority else t("explored")
        good = row.majority == row.best
        verdict = t("✔ Optimal: {name}, the majority's choice", name=name(row.best)) \
            if good else t("✖ Optimal: {name}", name=name(row.best))
    return EndRowVM(number, node.cue, t("Votes: ") + " · ".join(parts), majority,
                    f"{name(row.followed)} ({how})", name(row.best), verdict,
                    "good" if good else "warn", weights_text(row.weights_where_majority_optimal,
                                                             t))


def end_vm(scenario: Scenario, summary: WorkshopSummary, state: SessionState,
           risk_weight: float, t: Tr = english) -> EndVM:
    """The room's choices beside the optimal policy, and the weights the room acted on."""
    end = scenario.node(state.node_id)
    title = end.title if isinstance(end, End) and end.title else t("The vignette has ended")
    rows = tuple(end_row(scenario, i, r, t) for i, r in enumerate(summary.decisions, start=1))
    weight = t("Optimal choices computed at this workshop's risk weight {w} (learning points "
               "one harm point costs).", w=num(risk_weight, "g", t))
    prompt = t("Discuss: which risk weight does this room act on? What counts as a failure "
               "for you?")
    numbers = {r.decision: i for i, r in reversed(list(enumerate(summary.decisions, 1)))}
    return EndVM(title, end.text, weight, rows,
                 attitude_text(summary.majority_attitude, t, numbers), prompt)
