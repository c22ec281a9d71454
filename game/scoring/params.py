"""Every parameter of the scoring model in one place, with where its value comes from.

`PARAMETER_TABLE` is rendered into docs/scoring-model.md (section "Parameters"); a test
checks that every row appears there, so the table and the code cannot drift apart.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from types import MappingProxyType

from game.core.timing import RUNG_LATENCY_S

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
    feedback_quality: Mapping[str, float] = field(default_factory=lambda: _ro(
        {"none": 0.0, "brief": 0.5, "structured": 1.0}))
    zone_width: float = 0.25
    arousal_gain: float = 0.6
    arousal_zero: float = 0.6
    arousal: Mapping[str, float] = field(default_factory=lambda: _ro(
        {"error": 0.3, "moderate": 0.8, "severe": 1.0, "death": 1.0}))
    harm_cap: float = 100.0
    latency_s: Mapping[str, float] = field(default_factory=lambda: RUNG_LATENCY_S)
    eps_severe: float = 0.001
    eps_moderate: float = 0.01
    eps_amber: float = 0.10
    eps_last_safe: float = 0.05
    moment_tolerance: float = 0.05
    enforce_safety: bool = True
    """Off only for analysis (what would an unconstrained optimiser do?), never in play."""

    def with_weight(self, w: float) -> ModelParams:
        return replace(self, risk_weight=float(w))


PARAMETER_TABLE: tuple[tuple[str, str, str], ...] = (
    ("risk_weight", "2.0", "Learning points one harm point costs. Teaching assumption; the "
     "research note (scoring-science B7) suggests 2 so that only sub-IIIa, rescuable "
     "failures are ever worth permitting."),
    ("autonomy_share", "watch 1.0, probe 0.9, cue 0.7, guide 0.4, takeover 0.1",
     "Share of the step the trainee still performs at each rung. Ordered as the Zwisch "
     "scale (DaRosa 2013) and O-SCORE anchors (Gofton 2012); the numbers are a teaching "
     "assumption."),
    ("error_bonus", "0.25", "Learning an experienced error adds to its own step (times the "
     "step's L0) when it is debriefed: debriefs improve performance by about 25%, d = 0.67 "
     "(Tannenbaum & Cerasoli 2013); error-management training beats error avoidance, "
     "d = 0.44-0.80 (Keith & Frese 2008). Counted once, on the error episode."),
    ("hypercorrection", "0.2", "Extra error bonus per unit of trainee confidence: "
     "high-confidence errors are corrected more readily (Butterfield & Metcalfe 2001). "
     "Size is a teaching assumption."),
    ("feedback_quality", "none 0, brief 0.5, structured 1",
     "Share of the error bonus that is paid: without feedback an error teaches little "
     "(Metcalfe 2017); brief vs structured is a teaching assumption. This is the only "
     "place the debrief effect enters (v1 also multiplied the whole path by it)."),
    ("zone_width", "0.25", "Fit Z(c) of task to trainee: 1 at or above the task's "
     "difficulty d, exp(-(c-d)^2 / 2 sigma^2) below it (productive failure helps less far "
     "below the learner's level; Sinha & Kapur 2021). One-sided so that a stronger trainee "
     "never needs more rescue. Teaching assumption."),
    ("arousal_gain / arousal_zero", "0.6 / 0.6", "Emotion factor E(a) = 1 + g a (1 - a/a0): "
     "above 1 for mild arousal, 1 at a0, below 1 for distress (Fraser 2012; LeBlanc & "
     "Posner 2022). Teaching assumption for the shape."),
    ("arousal", "error 0.3, moderate harm 0.8, severe harm or death 1.0",
     "Arousal after an experienced error without serious harm (mild: E = 1.09 on the error "
     "bonus) and after harm (distress: each event costs L0 (1 - E), 0.16 L0 moderate, "
     "0.4 L0 severe). Unexpected simulated death: OR 0.37 for competence at 3 months "
     "(Fraser 2014). Levels are a teaching assumption."),
    ("harm_cap", "100", "One harm event (the grades one step lists) weighs at most a death's "
     "weight; events add up exactly. Teaching assumption."),
    ("latency_s", "probe 3, cue 2, guide 1, takeover 0.5 s",
     "Time from stepping in to the intervention taking effect, unless an option says "
     "`takes_s`. Teaching assumption: taking over is quicker than a question."),
    ("eps_severe", "0.001", "Allowed excess probability of severe or permanent harm "
     "(CD >= IIIb, ClassIntra >= IV, MERP >= G, ICPS severe); effectively zero."),
    ("eps_moderate", "0.01", "Allowed excess probability of moderate harm (CD >= II, "
     "ClassIntra III, MERP F, ICPS moderate)."),
    ("eps_amber", "0.10", "Excess probability of any harm of CD I or worse above which an "
     "admissible choice is rated amber (research note B7)."),
    ("eps_last_safe", "0.05", "The last safe moment of a rung is the latest moment at which "
     "acting keeps the chance that the mistake happens first at or below this. Teaching "
     "assumption."),
    ("moment_tolerance", "0.05", "Moments whose Q is within this many points of the best "
     "form the best-moment interval. Teaching assumption (smaller than any difference a "
     "debrief would discuss)."),
)
