"""Every parameter of the scoring model in one place, with where its value comes from.

`PARAMETER_TABLE` is rendered into docs/scoring-model.md and checked by a test, so the table
and the code cannot drift apart.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from types import MappingProxyType

DEFAULT_RISK_WEIGHT = 2.0
SENSITIVITY_WEIGHTS = (0.5, 1.0, 2.0, 4.0)


def _ro(d: dict) -> Mapping:
    return MappingProxyType(d)


@dataclass(frozen=True)
class ModelParams:
    risk_weight: float = DEFAULT_RISK_WEIGHT
    autonomy_share: Mapping[str, float] = field(default_factory=lambda: _ro(
        {"watch": 1.0, "probe": 0.9, "cue": 0.7, "guide": 0.4, "takeover": 0.1}))
    error_bonus: float = 0.25
    hypercorrection: float = 0.2
    feedback_multiplier: Mapping[str, float] = field(default_factory=lambda: _ro(
        {"none": 1.0, "brief": 1.10, "structured": 1.25}))
    zone_width: float = 0.25
    arousal_after_error: float = 0.3
    arousal_baseline: float = 0.1
    harm_learning_factor: Mapping[str, float] = field(default_factory=lambda: _ro(
        {"none": 1.0, "minor": 1.0, "mild": 1.0, "moderate": 0.8, "severe": 0.55,
         "death": 0.55}))
    eps_severe: float = 0.001
    eps_moderate: float = 0.01
    eps_amber: float = 0.10
    enforce_safety: bool = True
    """Off only for analysis (what would an unconstrained optimiser do?), never in play."""

    def with_weight(self, w: float) -> ModelParams:
        return replace(self, risk_weight=float(w))


PARAMETER_TABLE: tuple[tuple[str, str, str], ...] = (
    ("risk_weight", "2.0", "Learning points one harm point costs. Teaching assumption; the "
     "research note (scoring-science B7) suggests 2 so that only sub-IIIa, rescuable "
     "failures are ever worth permitting."),
    ("autonomy_share", "watch 1.0, probe 0.9, cue 0.7, guide 0.4, takeover 0.1",
     "Share of the step the trainee still performs. Ordered as the Zwisch scale (DaRosa 2013) "
     "and O-SCORE anchors (Gofton 2012); the numbers are a teaching assumption."),
    ("error_bonus", "0.25", "Relative gain from an experienced error or near-miss when "
     "feedback follows; error-management training d = 0.44-0.80 (Keith & Frese 2008), "
     "debriefs d = 0.67, about 25% (Tannenbaum & Cerasoli 2013)."),
    ("hypercorrection", "0.2", "Extra error bonus per unit of trainee confidence: "
     "high-confidence errors are corrected more readily (Butterfield & Metcalfe 2001). "
     "Size is a teaching assumption."),
    ("feedback_multiplier", "none 1.0, brief 1.10, structured 1.25",
     "Debrief effect, d = 0.67, about 20-25% improvement (Tannenbaum & Cerasoli 2013). "
     "Without feedback the error bonus is not paid at all (Metcalfe 2017)."),
    ("zone_width", "0.25", "Width of the fit between trainee competence and task "
     "difficulty, exp(-(c-d)^2 / 2 sigma^2): productive failure helps less for novices far "
     "from the task (Sinha & Kapur 2021). Teaching assumption."),
    ("arousal_after_error / arousal_baseline", "0.3 / 0.1", "Emotional arousal entering "
     "E(a) = 1 + 0.2a - 0.6a^2: mild arousal helps, high distress hurts (Fraser 2012; "
     "LeBlanc & Posner 2022). Teaching assumption."),
    ("harm_learning_factor", "<= mild 1.0, moderate 0.8, severe or death 0.55",
     "Serious harm to the patient cuts learning: unexpected simulated death gave OR 0.37 "
     "for competence at 3 months (Fraser 2014); 0.55 follows the research note, 0.8 is a "
     "teaching assumption."),
    ("eps_severe", "0.001", "Allowed excess probability of severe or permanent harm "
     "(CD >= IIIb, ClassIntra >= IV, MERP >= G, ICPS severe); effectively zero."),
    ("eps_moderate", "0.01", "Allowed excess probability of moderate harm (CD >= II, "
     "ClassIntra III, MERP F, ICPS moderate)."),
    ("eps_amber", "0.10", "Excess probability of any harm of CD I or worse above which an "
     "admissible choice is rated amber (research note B7)."),
)
