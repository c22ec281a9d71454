"""Decisions explained in a clinician's words: the moments of a window, and why the best option
was best. Pure and shared: the outcome and debrief screens pass their translator, the HTML
report the English one, so every place says the same thing.

Two scoring terms read as a contradiction when printed side by side ("best moment 5.2-8.9 s;
last safe moment to cue 0.3 s"). Both are right by their definitions (scoring/moments.py):
the *best moment* is where the expected balance of learning and harm is highest, and may
accept some chance that the mistake comes first (the trainee may correct herself meanwhile,
or learn from the mistake); the *last safe moment* of a rung is the latest moment at which
acting with it comes before the mistake with at most `eps_last_safe` chance of being too
late. So the last safe moment is only stated with what it means, and where the best moment
runs past it, with the reason the best moment accepts that chance.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import NamedTuple

from game.core.model import Beat, Chance, Decision, Scenario
from game.i18n import Tr, english, local_number
from game.replay.debrief import Debrief, DecisionDebrief
from game.replay.session import params_from_header
from game.replay.verify import config_from_header
from game.scoring.analysis import DecisionAnalysis, MomentValue, OptionAnalysis
from game.scoring.episode import DecisionReview
from game.scoring.params import ModelParams
from game.scoring.safety import RULES, rule_text
from game.scoring.solver import solve_cached

RUNG_WORDS = {"watch": "watching", "probe": "a probing question", "cue": "a verbal cue",
              "guide": "hands-on guidance", "takeover": "taking over"}
"""A rung as the subject of a sentence ("a verbal cue could come too late")."""

TINY = 0.05
"""Differences below this many points are read as "about the same"."""


def decimal(value: float, digits: int, t: Tr | None) -> str:
    """A figure with the locale's decimal separator (German writes 1,5, not 1.5)."""
    return local_number(value, f".{digits}f", getattr(t, "language", "en"))


def _seconds(value: float, t: Tr) -> str:
    return t("{s} s", s=decimal(value, 1, t))


def _rung(level: str | None, t: Tr) -> str:
    return t(RUNG_WORDS[level]) if level in RUNG_WORDS else ""


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]


# --- moments -----------------------------------------------------------------------------

def moments_sentence(scenario: Scenario, review: DecisionReview, t: Tr = english,
                     eps: float = ModelParams().eps_last_safe) -> str:
    """When you acted, the best moment (naming the best rung when it is not yours) and, where
    it tells something, the last safe moment with what it means, e.g. "You stepped in at
    0.5 s; the best was a probing question at 5.2-8.9 s. The last safe moment for a verbal cue
    was 0.3 s: after it, the mistake may come first (a 5% chance or more); the best moment
    accepts that chance for what the trainee can learn by then." Empty for windows the model
    gives no moments (v1: `window_s` is 0) and for debrief choices."""
    node = scenario.node(review.node)
    if review.window_s <= 0 or not isinstance(node, Decision):
        return ""
    chosen, best = node.option(review.chosen).rung, node.option(review.best).rung
    if "debrief" in (chosen, best):
        return ""
    parts = [_acted(review, chosen, t)]
    low, high = review.best_moment_s
    if best == "watch":
        parts.append(t("the best was not to step in"))
    else:
        same = decimal(low, 1, t) == decimal(high, 1, t)
        span = _seconds(low, t) if same else t("{low}-{high} s", low=decimal(low, 1, t),
                                                 high=decimal(high, 1, t))
        parts.append(t("the best moment was {span}", span=span) if best == chosen else
                     t("the best was {rung} at {span}", rung=_rung(best, t), span=span))
    text = _capital("; ".join(parts) + ".")
    safe = _last_safe(review, node, chosen, best, t, eps)
    return f"{text} {safe}" if safe else text


def _acted(review: DecisionReview, chosen: str, t: Tr) -> str:
    if review.chosen_moment_s is None:
        return t("you did not step in")
    if chosen == "watch":  # a choice to let it run is not stepping in
        return t("you chose to watch at {at}", at=_seconds(review.chosen_moment_s, t))
    return t("you stepped in at {at}", at=_seconds(review.chosen_moment_s, t))


def _last_safe(review: DecisionReview, node: Decision, chosen: str, best: str, t: Tr,
               eps: float) -> str:
    """The last safe moment of the rung it informs about. Where the best moment runs past
    the best rung's own last safe moment, that one, with why the best moment accepts the
    chance (the clash a clinician would otherwise read); else the rung chosen when it
    stepped in, else the best rung. Never for watching (watching never lands too late)."""
    lasts = review.last_safe_moment_s
    low, high = review.best_moment_s
    own = lasts.get(review.best, 0.0)
    clash = best != "watch" and review.best in lasts and (
        low > 0 if own is None else high > own)
    option = review.best if clash or chosen == "watch" else review.chosen
    rung = node.option(option).rung
    if rung == "watch" or option not in lasts:
        return ""
    last, name, p = lasts[option], _rung(rung, t), f"{eps * 100:.0f}"
    if last is None:
        text = t("No moment made {rung} sure to come before the mistake (a {p}% chance or more "
                 "that it comes first, even at once)", rung=name, p=p)
    else:
        text = t("The last safe moment for {rung} was {at}: after it, the mistake may come "
                 "first (a {p}% chance or more)", rung=name, at=_seconds(last, t), p=p)
    if clash:
        text += t("; the best moment accepts that chance for what the trainee can learn by "
                  "then")
    return text + "."


# --- why the best was best ---------------------------------------------------------------

class Figures(NamedTuple):
    """One (option, moment) as the model values it."""

    option: str
    level: str
    q: float
    learning: float
    harm: float
    broken: str | None
    chosen: bool = False
    """The supervisor's own choice at the moment it was made."""


def compared(analysis: DecisionAnalysis, review: DecisionReview,
             pace: float = 1.0) -> tuple[Figures, Figures] | None:
    """(the best at its best moment, what to set it against): the choice at the moment it was
    made, or, when that was the best, the runner-up acted on at the same moment. None when
    nothing differs (every other option only matches the best by acting too late to count)."""
    best_option = analysis.option(analysis.best)
    top = _figures(best_option, best_option.at(analysis.best_moment_tick))
    tick = None if review.by == "timeout" else round(review.elapsed / pace)
    if review.chosen != analysis.best or review.gap > TINY:
        chosen = analysis.option(review.chosen)
        return top, _figures(chosen, analysis.moment(review.chosen, tick, review.by), True)
    at = tick if tick is not None else analysis.best_moment_tick
    rivals = [_figures(o, o.at(at)) for o in analysis.options if o.option != analysis.best]
    rivals = [r for r in rivals if r.q < top.q - TINY or r.broken]
    if not rivals:
        return None
    return top, max(rivals, key=lambda r: (not r.broken, r.q))


def _figures(option: OptionAnalysis, moment: MomentValue, chosen: bool = False) -> Figures:
    return Figures(option.option, option.level, moment.q, moment.learning, moment.harm,
                   moment.broken, chosen)


def why_sentence(scenario: Scenario, analysis: DecisionAnalysis, review: DecisionReview,
                 risk_weight: float, pace: float = 1.0, t: Tr = english) -> str:
    """One sentence from the solved model on why the best was best: the choice made (or the
    runner-up) breaks a safety rule, or the best leaves a later chance to step in, and what
    it gains in learning against harm at the session's risk weight. "" when there is
    nothing to compare."""
    pair = compared(analysis, review, pace)
    node = scenario.node(analysis.node)
    if pair is None or not isinstance(node, Decision):
        return ""
    top, other = pair
    name, than = _name(node, top, t), _name(node, other, t)
    if top.option == other.option:
        name, than = t("{rung} at the best moment", rung=name), t("at your moment")
    elif other.chosen:
        than = t("your choice")
    if other.broken:
        culprit = _name(node, other, t)
        if top.option == other.option:
            culprit = t("{rung} at your moment", rung=culprit)
        return _capital(t("{other} breaks a safety rule: {rule}.", other=culprit,
                          rule=_rule(other.broken)))
    if top.q - other.q < TINY:
        return _capital(t("{best} and {other} come out about the same.", best=name,
                          other=than if other.option != top.option else t("your moment")))
    balance = _balance(top, other, than, risk_weight, t)
    if _later_chance(scenario, node, top, other):
        return _capital(t("{best} still leaves a later chance to step in and gives {balance}.",
                          best=name, balance=balance))
    return _capital(t("{best} gives {balance}.", best=name, balance=balance))


def _name(node: Decision, figures: Figures, t: Tr) -> str:
    if figures.level in RUNG_WORDS:
        return _rung(figures.level, t)
    found = [o.label for o in node.options if o.id == figures.option]
    return found[0] if found else figures.option


def _rule(broken: str) -> str:
    return rule_text(broken) if broken in dict(RULES) else broken


def _balance(top: Figures, other: Figures, than: str, weight: float, t: Tr) -> str:
    """Learning against harm, in points, at the risk weight the session was scored with."""
    dl, dh = top.learning - other.learning, top.harm - other.harm
    w, gain, harm = decimal(weight, 1, t), decimal(abs(dl), 1, t), decimal(abs(dh), 1, t)
    if dl >= TINY and dh < TINY:
        return t("{l} learning points more than {other} at no more harm", l=gain, other=than)
    if dl >= TINY:
        return t("{l} learning points more than {other} for {h} harm points more, worth it "
                 "at a risk weight of {w}", l=gain, other=than, h=harm, w=w)
    if dh <= -TINY and dl > -TINY:
        return t("{h} harm points less than {other} at no cost in learning", h=harm,
                 other=than)
    if dh <= -TINY:
        return t("{h} harm points less than {other}, worth more than the {l} learning points "
                 "it costs at a risk weight of {w}", h=harm, other=than, l=gain, w=w)
    return t("a slightly better balance of learning and harm than {other}", other=than)


def _later_chance(scenario: Scenario, node: Decision, top: Figures, other: Figures) -> bool:
    """The best lets the trainee go on (a lower rung than the other) and a later decision
    point can still be reached from it, so stepping in can wait."""
    ladder = list(RUNG_WORDS)
    if top.level not in ladder or other.level not in ladder or \
            ladder.index(top.level) >= ladder.index(other.level):
        return False
    start = next((o.next for o in node.options if o.id == top.option), "")
    return _reaches_decision(scenario, start)


def _reaches_decision(scenario: Scenario, start: str) -> bool:
    seen, todo = set(), [start]
    while todo:
        node_id = todo.pop()
        if not node_id or node_id in seen:
            continue
        seen.add(node_id)
        node = scenario.node(node_id)
        if isinstance(node, Decision) and node.purpose != "debrief":
            return True
        if isinstance(node, Beat):
            todo += [node.next] + [r.to for r in node.routes]
        elif isinstance(node, Chance):
            todo += [o.next for o in node.outcomes]
    return False


def shown_q(d: DecisionDebrief) -> dict[str, float]:
    """Each option's Q as the bars show it: at its own best moment, except the choice made,
    at the moment it was made (best Q minus regret). Otherwise a cue given too late showed
    the same Q as the best beside a regret of 2.65, which reads as a contradiction."""
    qs = {o.option: o.q for o in d.options}
    if d.regret > 0 and d.best in qs and d.chosen in qs:
        qs[d.chosen] = qs[d.best] - d.regret
    return qs


def explain_decisions(d: Debrief, t: Tr = english) -> list[tuple[str, str]]:
    """(moments, why) for each decision of a debrief, in order: the debrief screen and the
    report say what the outcome said. The solution comes from the cache the debrief filled."""
    final = d.raw_timeline.final if d.raw_timeline is not None else None
    return explain_reviews(d.scenario, d.header, d.score.decisions,
                           final.pace_factor if final is not None else 1.0, t)


def explain_reviews(scenario: Scenario, header: dict, reviews: Sequence[DecisionReview],
                    pace: float = 1.0, t: Tr = english) -> list[tuple[str, str]]:
    """(moments, why) for each reviewed decision of a recording with this log header."""
    params = params_from_header(header)
    solution = solve_cached(scenario, config_from_header(header).profile_id, params)
    out = []
    for review in reviews:
        try:
            analysis = solution.at(review.node, review.history)
        except KeyError:  # a situation the solution does not hold: no reason rather than a guess
            why = ""
        else:
            why = why_sentence(scenario, analysis, review, params.risk_weight, pace, t)
        out.append((moments_sentence(scenario, review, t), why))
    return out


MESSAGES = tuple(RUNG_WORDS.values())
"""Message ids passed to the translator through a table (the literal calls are scanned)."""
