"""Safety rules, checked before any score and never offset by learning.

Each rule is a probability of a bad kind of path under an option (with the best admissible
continuation after it). An option breaks a rule when its probability exceeds that of the
safest option at the same decision point by more than the rule's tolerance: the rules judge
the risk the supervisor's choice adds, not the risk the procedure carries anyway.
"""

from __future__ import annotations

from typing import NamedTuple

from game.scoring.params import ModelParams

RATING_ORDER = ("green", "amber", "red")
"""Safety ratings from best to worst (summaries sort on this before regret)."""

SEVERITY_RANK = {"none": 0, "minor": 1, "mild": 2, "moderate": 3, "severe": 4, "death": 5}


class Risks(NamedTuple):
    """Probabilities of each kind of rule-relevant path (a tuple: the solver adds millions)."""

    severe: float = 0.0
    moderate: float = 0.0
    attempts: float = 0.0
    rescue: float = 0.0
    high_alert: float = 0.0
    provoked: float = 0.0
    mild: float = 0.0
    """Any harm of CD I or worse (only for the amber rating, never a rule)."""
    never: float = 0.0
    """(v2) A step marked as a never-event."""

    def scaled(self, p: float) -> Risks:
        return Risks(*(x * p for x in self))

    def plus(self, other: Risks) -> Risks:
        return Risks(*(a + b for a, b in zip(self, other)))


RULES: tuple[tuple[str, str], ...] = (
    ("never", "a never-event: no trainee may be let reach it, whoever they are"),
    ("provoked", "never provoke an error: the supervisor may permit a mistake, not cause one"),
    ("severe", "no added risk of severe or permanent harm (CD >= IIIb, MERP >= G, "
               "ClassIntra >= IV)"),
    ("high_alert", "a high-alert medication error must be intercepted before it reaches "
                   "the patient"),
    ("rescue", "the rescue this choice relies on is not feasible at this supervision distance"),
    ("attempts", "attempt limit exceeded (e.g. more than three passes without reassessing)"),
    ("moderate", "added risk of moderate harm (CD >= II, ClassIntra III, MERP F) above "
                 "the tolerance"),
)


def tolerance(rule: str, params: ModelParams) -> float:
    """How much added probability a rule allows (effectively none for most)."""
    return {"severe": params.eps_severe, "moderate": params.eps_moderate}.get(rule, 1e-9)


def broken_rule(risks: Risks, safest: Risks, params: ModelParams) -> str | None:
    """The first rule this option breaks relative to the safest option, or None."""
    for rule, _ in RULES:
        if getattr(risks, rule) - getattr(safest, rule) > tolerance(rule, params):
            return rule
    return None


def safest_of(all_risks: list[Risks]) -> Risks:
    """Per rule, the lowest probability any option achieves."""
    return Risks(*(min(column) for column in zip(*all_risks)))


def rule_text(rule: str) -> str:
    return dict(RULES)[rule]


def rating(broken: str | None, risks: Risks, safest: Risks, params: ModelParams) -> str:
    if broken:
        return "red"
    if risks.mild - safest.mild > params.eps_amber:
        return "amber"
    return "green"
