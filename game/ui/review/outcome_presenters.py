"""Debrief presenters: episode score and history -> the outcome screen's view models.

Pure functions (no pygame); the replay viewer's and the debrief's live in
review_presenters.py. Decision quality (regret, safety rating) is shown next to, never mixed
into, what happened, so a lucky outcome does not hide a risky choice.
"""

from __future__ import annotations

from dataclasses import dataclass

from game.core.model import TICKS_PER_SECOND, Chance, Decision, End, Scenario
from game.core.state import SessionState
from game.i18n import Translator
from game.scoring.episode import DecisionReview, EpisodeScore
from game.scoring.safety import rule_text
from game.ui.kit.vocabulary import LEVEL_NAMES, RATINGS
from game.ui.play.harm_words import harm_words
from game.ui.play.presenters import option_title


@dataclass(frozen=True)
class DecisionRowVM:
    number: int
    node: str
    cue: str
    chosen: str
    how: str
    best: str
    is_best: bool
    regret: float
    verdict: str
    """"That was the best choice (regret 0.00)." or "Best: <option> · regret 1.33"."""
    tone: str
    word: str
    rule: str
    """The broken rule in words (red ratings only)."""
    tick: int
    after: tuple[str, ...]
    """What happened next, up to the following decision (chance outcomes)."""
    timing: str = ""
    """(v2) "You stepped in at 0:07; the best moment was 0:04-0:09; the last safe moment
    for a cue was 0:10." Empty where the scoring model gives no moments (v1 windows)."""


@dataclass(frozen=True)
class OutcomeVM:
    title: str
    text: str
    learning: str
    harm: str
    regret: str
    tone: str
    word: str
    detail: str
    rule: str
    decisions: tuple[DecisionRowVM, ...]
    prompts: tuple[str, ...] = ()
    """Debrief questions of the vignette, to reflect on (the debrief is the point)."""


def decimal(value: float, digits: int, t: Translator | None) -> str:
    """A figure with the locale's decimal separator (German writes 1,5, not 1.5)."""
    text = f"{value:.{digits}f}"
    return text.replace(".", ",") if getattr(t, "language", "en") == "de" else text


def timing_text(scenario: Scenario, review: DecisionReview, t: Translator) -> str:
    """When you stepped in against the best moment and the last safe moment (scoring v2):
    "You stepped in at 0.5 s; the best moment was 5.2-8.9 s; the last safe moment to cue was
    0.3 s." Empty for a window the model gives no moments (v1: `window_s` is 0)."""
    if review.window_s <= 0:
        return ""
    node = scenario.node(review.node)
    if not isinstance(node, Decision):
        return ""

    def at(seconds: float) -> str:
        return t("{s} s", s=decimal(seconds, 1, t))
    chosen = node.option(review.chosen).level
    if review.chosen_moment_s is None:
        parts = [t("you did not step in")]
    elif chosen is not None and chosen.value == "watch":  # a choice to let it run
        parts = [t("you chose to watch at {at}", at=at(review.chosen_moment_s))]
    else:
        parts = [t("you stepped in at {at}", at=at(review.chosen_moment_s))]
    best = node.option(review.best).level
    low, high = review.best_moment_s
    if best is not None and best.value == "watch":
        parts.append(t("the best was not to step in"))
    elif high > 0:
        span = at(low) if decimal(low, 1, t) == decimal(high, 1, t) else \
            t("{low}-{high} s", low=decimal(low, 1, t), high=decimal(high, 1, t))
        parts.append(t("the best moment was {span}", span=span))
    option = review.chosen if review.last_safe_moment_s.get(review.chosen) is not None \
        else review.best
    last, rung = review.last_safe_moment_s.get(option), node.option(option).level
    if last is not None and rung is not None:
        name = t(LEVEL_NAMES[rung.value])
        if getattr(t, "language", "en") != "de":  # German nouns keep their capital
            name = name.lower()
        parts.append(t("the last safe moment to {rung} was {at}", rung=name, at=at(last)))
    text = "; ".join(parts) + "."
    return text[:1].upper() + text[1:]


def decision_rows(scenario: Scenario, state: SessionState, reviews: tuple[DecisionReview, ...],
                  t: Translator | None = None) -> tuple[DecisionRowVM, ...]:
    t = t or Translator()
    steps = list(state.history)
    decision_steps = [i for i, s in enumerate(steps) if s.kind == "decision"]
    rows = []
    for number, (review, index) in enumerate(zip(reviews, decision_steps), start=1):
        step = steps[index]
        seconds = review.elapsed / TICKS_PER_SECOND
        how = _how(review, decimal(seconds, 1, t), t)
        tone, word, _ = RATINGS.get(review.rating, RATINGS["green"])
        word = t(word)
        node = scenario.node(review.node)
        rows.append(DecisionRowVM(
            number=number, node=review.node, cue=getattr(node, "cue", "") or node.text,
            chosen=option_title(scenario, review.node, review.chosen, t), how=how,
            best=option_title(scenario, review.node, review.best, t),
            is_best=review.chosen == review.best, regret=review.gap,
            verdict=t("That was the best choice (regret {zero}).", zero=decimal(0, 2, t))
            if review.chosen == review.best
            else t("Best: {option} · regret {regret}",
                   option=option_title(scenario, review.node, review.best, t),
                   regret=decimal(review.gap, 2, t)),
            tone=tone, word=word, rule=rule_text(review.broken) if review.broken else "",
            tick=step.tick, after=_after(scenario, steps, index),
            timing=timing_text(scenario, review, t)))
    return tuple(rows)


def _how(review: DecisionReview, seconds: str, t: Translator) -> str:
    """How the decision point was settled: a v2 window can end by the trainee's own
    correction or the mistake while the supervisor watched (not "you chose it")."""
    if review.by == "timeout":
        return t("the window ran out after {s} s", s=seconds)
    if review.chosen_moment_s is None and review.event == "self_correct":
        return t("she corrected it herself {s} s into the window", s=seconds)
    if review.chosen_moment_s is None and review.event == "error":
        return t("the mistake happened {s} s into the window", s=seconds)
    return t("you chose it {s} s into the window", s=seconds)


def _after(scenario: Scenario, steps: list, index: int) -> tuple[str, ...]:
    texts = []
    for step in steps[index + 1:]:
        if step.kind == "decision":
            break
        node = scenario.node(step.node)
        if isinstance(node, Chance):
            texts.extend(o.text for o in node.outcomes if o.id == step.choice)
    return tuple(texts)


def outcome_vm(scenario: Scenario, state: SessionState, score: EpisodeScore,
               t: Translator | None = None) -> OutcomeVM:
    t = t or Translator()
    end = scenario.node(state.node_id)
    tone, word, detail = RATINGS.get(score.safety_rating, RATINGS["green"])
    return OutcomeVM(
        title=end.title if isinstance(end, End) and end.title else t("The vignette has ended"),
        text=end.text,
        learning=t("Learning: {n} points", n=decimal(score.learning, 1, t)),
        harm=harm_text(state.harm, score.harm, t),
        regret=t("Expected regret: {n} (0 = every choice was the best available)",
                 n=decimal(score.regret, 2, t)),
        tone=tone, word=t(word), detail=t(detail),
        rule=t("Rule broken: {rule}", rule=score.safety_text) if score.safety_rule else "",
        decisions=decision_rows(scenario, state, score.decisions, t),
        prompts=tuple(scenario.debrief_prompts))


def harm_text(grades: tuple[str, ...] | list[str], points: float, t: Translator) -> str:
    """Harm in words, each grade's code as a detail, then the points ("Harm: minor harm,
    passing quickly (minor-1) · 1.0 points"); "MERP-B" says the error never reached her."""
    if not grades:
        return t("Harm: none ({n} points)", n=decimal(points, 1, t))
    words = "; ".join(harm_words(g, t) for g in grades)
    return t("Harm: {words} · {n} points", words=words, n=decimal(points, 1, t))
