"""Debrief presenters: episode score and history -> the outcome screen's view models.

Pure functions (no pygame); the replay viewer's and the debrief's live in
review_presenters.py. Decision quality (regret, safety rating) is shown next to, never mixed
into, what happened, so a lucky outcome does not hide a risky choice.
"""

from __future__ import annotations

from dataclasses import dataclass

from game.core.model import TICKS_PER_SECOND, Chance, End, Scenario
from game.core.state import SessionState
from game.i18n import Translator
from game.scoring.episode import DecisionReview, EpisodeScore
from game.scoring.safety import rule_text
from game.ui.kit.vocabulary import RATINGS
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


def decision_rows(scenario: Scenario, state: SessionState, reviews: tuple[DecisionReview, ...],
                  t: Translator | None = None) -> tuple[DecisionRowVM, ...]:
    t = t or Translator()
    steps = list(state.history)
    decision_steps = [i for i, s in enumerate(steps) if s.kind == "decision"]
    rows = []
    for number, (review, index) in enumerate(zip(reviews, decision_steps), start=1):
        step = steps[index]
        seconds = review.elapsed / TICKS_PER_SECOND
        how = t("the window ran out after {s} s", s=f"{seconds:.1f}") \
            if review.by == "timeout" else \
            t("you chose it {s} s into the window", s=f"{seconds:.1f}")
        tone, word, _ = RATINGS.get(review.rating, RATINGS["green"])
        word = t(word)
        node = scenario.node(review.node)
        rows.append(DecisionRowVM(
            number=number, node=review.node, cue=getattr(node, "cue", "") or node.text,
            chosen=option_title(scenario, review.node, review.chosen, t), how=how,
            best=option_title(scenario, review.node, review.best, t),
            is_best=review.chosen == review.best, regret=review.gap,
            verdict=t("That was the best choice (regret 0.00).")
            if review.chosen == review.best
            else t("Best: {option} · regret {regret}",
                   option=option_title(scenario, review.node, review.best, t),
                   regret=f"{review.gap:.2f}"),
            tone=tone, word=word, rule=rule_text(review.broken) if review.broken else "",
            tick=step.tick, after=_after(scenario, steps, index)))
    return tuple(rows)


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
        learning=t("Learning: {n} points", n=f"{score.learning:.1f}"),
        harm=t("Harm: {n} points", n=f"{score.harm:.1f}"),
        regret=t("Expected regret: {n} (0 = every choice was the best available)",
                 n=f"{score.regret:.2f}"),
        tone=tone, word=t(word), detail=t(detail),
        rule=t("Rule broken: {rule}", rule=score.safety_text) if score.safety_rule else "",
        decisions=decision_rows(scenario, state, score.decisions, t),
        prompts=tuple(scenario.debrief_prompts))
