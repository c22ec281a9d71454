"""The v2 objective: learning and harm earned step by step, over a small discrete state.

Everything a path earns is a sum of step gains, and every gain depends only on the step and
on a small discrete `ModelState` (node, flags, attempts, supervision, feedback so far, the
error-episode bonus awaiting feedback, which risks already happened, the current step's
L0). That is what lets the solver memoise exact backward induction on (state, belief)
instead of walking every history. Harm so far is deliberately not in it: the cap is per
event, so harm adds exactly over events and no step's harm depends on what came before. The formulas
(docs/scoring-model.md, section 2):

- a decision credits L0 * A(rung) for the share of the step the trainee performed; a
  window event credits L0 (the trainee did the whole step, right or wrong);
- an experienced error opens an error episode worth L0 * e * (1 + h * confidence) * E(a_err),
  paid at the end times the feedback quality (nothing without feedback): the debrief effect
  enters here and nowhere else;
- each harm event adds its points (one event's points capped at `harm_cap`, a death's
  weight; events then add exactly) and, when moderate or worse, costs
  the trainee L0 * (1 - E(a_harm)) of learning (distress);
- learning is scaled by the fit Z(c), averaged over the current belief about competence.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from functools import lru_cache
from typing import NamedTuple

from game.core.model import Effects, Level
from game.scoring.harm import SEVERITY_ORDER, HarmGrade, parse_grade
from game.scoring.params import ModelParams
from game.scoring.safety import Risks

FEEDBACK_RANK = {"none": 0, "brief": 1, "structured": 2}
FEEDBACK_BY_RANK = {v: k for k, v in FEEDBACK_RANK.items()}
RISK_BIT = {name: 1 << i for i, name in enumerate(Risks._fields)}


@lru_cache(maxsize=512)
def grade(text: str) -> HarmGrade:
    return parse_grade(text)


class ModelState(NamedTuple):
    """The discrete state the objective depends on (besides the belief over competence)."""

    node: str
    flags: frozenset[str] = frozenset()
    attempts: tuple[tuple[str, int], ...] = ()
    distance: str = ""
    arrival: int = 0
    """Ticks until a called supervisor is at the bedside (0: present or never called)."""
    feedback: int = 0
    pending: float = 0.0
    """Error-episode bonus (before feedback quality) awaiting feedback at the end."""
    risk_bits: int = 0
    l0: float = 0.0
    """Learning value of the step in progress (the last decision point)."""


class Gain(NamedTuple):
    """What one step adds: learning before the fit Z(c), harm points, new risk bits."""

    learning: float = 0.0
    harm: float = 0.0
    risk_bits: int = 0


NO_GAIN = Gain()


def zone_fit(competence: float, difficulty: float, params: ModelParams) -> float:
    """Z(c): 1 at or above the task's difficulty, a Gaussian fall-off below it."""
    if competence >= difficulty:
        return 1.0
    return math.exp(-((competence - difficulty) ** 2) / (2 * params.zone_width ** 2))


def emotion(arousal: float, params: ModelParams) -> float:
    """E(a) = 1 + g a (1 - a / a0): above 1 for mild arousal, below 1 for distress."""
    return 1 + params.arousal_gain * arousal * (1 - arousal / params.arousal_zero)


def error_episode(l0: float, confidence: float, params: ModelParams) -> float:
    """The bonus an experienced error earns its step, before the feedback quality."""
    return (l0 * params.error_bonus * (1 + params.hypercorrection * confidence)
            * emotion(params.arousal["error"], params))


def distress(severity: str, l0: float, params: ModelParams) -> float:
    """Learning the trainee loses to distress after harm of this severity (>= 0)."""
    arousal = params.arousal.get(severity)
    return 0.0 if arousal is None else l0 * max(0.0, 1 - emotion(arousal, params))


def rung_credit(l0: float, level: Level | None, params: ModelParams) -> float:
    return 0.0 if level is None else l0 * params.autonomy_share[level.value]


def harm_bits(g: HarmGrade) -> int:
    rank = SEVERITY_ORDER.index(g.severity)
    bits = 0
    if rank >= SEVERITY_ORDER.index("severe") or g.permanent:
        bits |= RISK_BIT["severe"]
    if rank >= SEVERITY_ORDER.index("moderate"):
        bits |= RISK_BIT["moderate"]
    if rank >= SEVERITY_ORDER.index("mild"):
        bits |= RISK_BIT["mild"]
    return bits


def event_harm(grades: tuple[str, ...], params: ModelParams) -> float:
    """Harm points of one event (the grades one step's effects list), capped at `harm_cap`.
    Per event, not per session: a second identical event then costs exactly what the first
    did, and the step's harm does not depend on the path, so harm so far stays out of the
    solver's state (docs/scoring-model.md, "Harm adds up")."""
    return min(params.harm_cap, sum(grade(t).points for t in grades)) if grades else 0.0


def apply_effects(s: ModelState, e: Effects, confidence: float, limits: Mapping[str, int],
                  params: ModelParams,
                  ticks_per_arrival: float = 10.0) -> tuple[ModelState, Gain]:
    """The state after an option, outcome or beat's effects, and what they earned."""
    if e == _NO_EFFECTS:
        return s, NO_GAIN
    learning, bits, pending = e.learning, 0, s.pending
    harm = event_harm(e.harm, params)
    for text in e.harm:
        g = grade(text)
        learning -= distress(g.severity if not g.permanent else "severe", s.l0, params)
        bits |= harm_bits(g)
        if e.high_alert and g.scale == "MERP" and g.reached_patient:
            bits |= RISK_BIT["high_alert"]
    if e.experienced_error:
        pending += error_episode(s.l0, confidence, params)
    attempts = s.attempts
    if e.attempts:
        counts = dict(attempts)
        for name in e.attempts:
            counts[name] = counts.get(name, 0) + 1
            if counts[name] > limits.get(name, 10 ** 6):
                bits |= RISK_BIT["attempts"]
        attempts = tuple(sorted(counts.items()))
    distance, arrival = s.distance, s.arrival
    if e.supervision is not None:
        distance = e.supervision.to
        arrival = max(0, round(e.supervision.arrival_s * ticks_per_arrival))
    if e.needs_rescue == "hands_on" and distance == "distant":
        bits |= RISK_BIT["rescue"]
    if e.provokes_error:
        bits |= RISK_BIT["provoked"]
    if e.never_event:
        bits |= RISK_BIT["never"]
    new_bits = bits & ~s.risk_bits
    state = s._replace(
        flags=s.flags | frozenset(e.sets) if e.sets else s.flags, attempts=attempts,
        distance=distance, arrival=arrival,
        feedback=max(s.feedback, FEEDBACK_RANK[e.feedback or "none"]),
        pending=round(pending, 9), risk_bits=s.risk_bits | bits)
    return state, Gain(learning, harm, new_bits)


def terminal_learning(s: ModelState, params: ModelParams) -> float:
    """The error episodes' bonus, paid at the end in proportion to the feedback given."""
    return s.pending * params.feedback_quality[FEEDBACK_BY_RANK[s.feedback]]


def risks_of(bits: int) -> Risks:
    return Risks(*(1.0 if bits & RISK_BIT[name] else 0.0 for name in Risks._fields))


_NO_EFFECTS = Effects()
