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
from game.replay.explain import decimal, moments_sentence, why_sentence
from game.scoring.episode import DecisionReview, EpisodeScore
from game.scoring.params import ModelParams
from game.scoring.safety import rule_text
from game.scoring.solver import Solution, solve_cached
from game.ui.kit.vocabulary import RATINGS
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
    """(v2) "You stepped in at 0.7 s; the best moment was 0.4-0.9 s. The last safe moment for
    a verbal cue was 1.0 s (...)." Empty where the scoring model gives no moments (v1)."""
    why: str = ""
    """"Why: watching still leaves a later chance to step in and gives ..." (empty when
    nothing differs from the best)."""


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


def timing_text(scenario: Scenario, review: DecisionReview, t: Translator) -> str:
    """When you acted against the best moment and, where it tells something, the last safe
    moment with what it means (`replay.explain.moments_sentence`, shared with the debrief
    and the report). Empty for a window the model gives no moments (v1)."""
    return moments_sentence(scenario, review, t)


def why_text(scenario: Scenario, review: DecisionReview, solution: Solution | None,
             weight: float, pace: float, t: Translator) -> str:
    """"Why: ..." one sentence from the solved model (`replay.explain.why_sentence`)."""
    if solution is None:
        return ""
    try:
        analysis = solution.at(review.node, review.history)
    except KeyError:  # a situation the solution does not hold: say nothing rather than guess
        return ""
    reason = why_sentence(scenario, analysis, review, weight, pace, t)
    return t("Why: {reason}", reason=reason) if reason else ""


def decision_rows(scenario: Scenario, state: SessionState, reviews: tuple[DecisionReview, ...],
                  t: Translator | None = None, params: ModelParams | None = None
                  ) -> tuple[DecisionRowVM, ...]:
    t = t or Translator()
    params = params or ModelParams()
    solution = solve_cached(scenario, state.config.profile_id, params) if reviews else None
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
            timing=timing_text(scenario, review, t),
            why=why_text(scenario, review, solution, params.risk_weight, state.pace_factor,
                         t)))
    return tuple(rows)


def _how(review: DecisionReview, seconds: str, t: Translator) -> str:
    """How the decision point was settled: a v2 window can end by the trainee's own
    correction or the mistake while the supervisor watched (not "you chose it")."""
    if review.by == "timeout":
        return t("the window ran out after {s} s", s=seconds)
    if review.chosen_moment_s is None and review.event == "self_correct":
        return t("the trainee corrected it {s} s into the window", s=seconds)
    if review.chosen_moment_s is None and review.event == "error":
        return t("the mistake happened {s} s into the window", s=seconds)
    return t("you chose it {s} s into the window", s=seconds)


def _after(scenario: Scenario, steps: list, index: int) -> tuple[str, ...]:
    texts: list[str] = []
    for step in steps[index + 1:]:
        if step.kind == "decision":
            break
        node = scenario.node(step.node)
        if isinstance(node, Chance):
            texts.extend(o.text for o in node.outcomes if o.id == step.choice)
    return tuple(texts)


def outcome_vm(scenario: Scenario, state: SessionState, score: EpisodeScore,
               t: Translator | None = None, params: ModelParams | None = None) -> OutcomeVM:
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
        decisions=decision_rows(scenario, state, score.decisions, t, params),
        prompts=tuple(scenario.debrief_prompts))


def harm_text(grades: tuple[str, ...] | list[str], points: float, t: Translator) -> str:
    """Harm in words, each grade's code as a detail, then the points ("Harm: minor harm,
    passing quickly (minor-1) · 1.0 points"); "MERP-B" says the error never reached her."""
    if not grades:
        return t("Harm: none ({n} points)", n=decimal(points, 1, t))
    words = "; ".join(harm_words(g, t) for g in grades)
    return t("Harm: {words} · {n} points", words=words, n=decimal(points, 1, t))
