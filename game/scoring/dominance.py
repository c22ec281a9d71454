"""Options no supervisor should ever prefer (`safetynet validate` warnings), told apart from
a vignette's deliberate wrong answers (`validate` infos).

Three classes (issue 10, item 5; issue 12):

- dominated by construction: a higher rung whose consequences are those of a lower rung at
  the same decision point (same next node and effects, and in a timed window no quicker to
  land), or a lower rung whose every outcome leads, harmlessly, where the higher rung leads
  (a question whose answers all end where the cue ends): the higher rung only gives away the
  trainee's share of the task;
- dominated by computation: an option that is not optimal (nor tied with the optimum) in any
  situation where it is offered, at any risk weight of the sensitivity scan and for any
  trainee profile, although the safety rules admit it somewhere: a real choice nobody
  should make, to be fixed in the content. "Optimal" means the best admissible choice, or
  the choice of the trade-off alone with this decision's rules set aside (an unsafe option
  some weight would choose is a wrong answer the rules name); what follows the decision is
  always the game's own, rule-respecting optimum (with the rules off everywhere, a later
  never-event could look cheaper than an X-ray and make every earlier rung look dead).
  In a timed window the moment is part of the situation (issue 10, items 5 and 7): a
  supervisor who has waited until tick t chooses among acting now with each rung and
  letting the window run, so a rung that is the best way to act at some tick at which it
  still lands inside the window is a real choice, even if acting sooner with a cheaper
  rung would have been better still (a hand on the trocar after a cue has become too slow);
- unsafe at every weight (a deliberate wrong answer): an option that breaks a safety rule
  in every situation where it is offered, at every weight and for every profile. The rules
  already name it wrong; the vignette offers it so that the mistake can be played (Klasen's
  rescue accounts need the supervisor to be able to let a harmful window run). It is
  reported as information, never as dominated, whether or not the trade-off would pick it.

Returns `Dominated(decision, option, reason, kind)`; the content layer maps ids to
file:line:col and the kind to a warning or an info.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import NamedTuple

import numpy as np

from game.core.model import Chance, Decision, Option, Scenario
from game.core.timing import latency_s
from game.scoring.backward import NOT_BROKEN, admissible_rank, best_segments, rule_tolerances
from game.scoring.graph import Context, DecisionSpec, Key
from game.scoring.moments import Segment
from game.scoring.params import ModelParams
from game.scoring.safety import RULES
from game.scoring.sensitivity import W_MAX, W_MIN
from game.scoring.solver import run_pass

SCAN = tuple(float(w) for w in np.geomspace(W_MIN, W_MAX, 25))
TIE = 1e-9
DOMINATED, UNSAFE = "dominated", "unsafe"
UNSAFE_LABEL = "unsafe at every weight (deliberate wrong answer)"
RULE_NAMES = {"never": "never-event", "provoked": "no-provoking", "severe": "severe-harm",
              "high_alert": "high-alert medication", "rescue": "rescue-feasibility",
              "attempts": "attempt-limit", "moderate": "moderate-harm"}
"""The safety rules (safety.RULES) as an author reads them in a message."""


class Dominated(NamedTuple):
    decision: str
    option: str
    reason: str
    kind: str = DOMINATED
    """DOMINATED (fix the content) or UNSAFE (a deliberate wrong answer)."""


def dominated_options(scenario: Scenario, params: ModelParams | None = None,
                      weights: tuple[float, ...] = SCAN) -> list[Dominated]:
    """Every dominated option and every deliberate wrong answer, sorted."""
    tally = scan(scenario, params or ModelParams(), weights)
    unsafe = tally.unsafe()
    found = [d for d in same_consequences(scenario) if (d.decision, d.option) not in unsafe]
    flagged = {(d.decision, d.option) for d in found}
    span = f"{weights[0]:g}-{weights[-1]:g}"
    for (decision, option), rules in sorted(unsafe.items()):
        found.append(Dominated(decision, option, (
            f"{UNSAFE_LABEL}: breaks the {'/'.join(rules)} rule wherever offered, at every "
            f"risk weight ({span}) and for every trainee profile"), UNSAFE))
    for decision, option in sorted(tally.offered - tally.optimal - flagged - set(unsafe)):
        found.append(Dominated(decision, option, (
            f"never optimal: at no risk weight from {weights[0]:g} to {weights[-1]:g}, "
            "for no trainee profile and in no situation, although the safety rules allow it "
            "somewhere")))
    return sorted(found)


def same_consequences(scenario: Scenario) -> list[Dominated]:
    found: list[Dominated] = []
    for d in scenario.decisions():
        rungs = [(o, o.level) for o in d.options if o.level is not None]
        for low, low_level in rungs:
            for high, high_level in rungs:
                if any(f.decision == d.id and f.option == high.id for f in found):
                    continue
                if high_level.rank > low_level.rank and _beaten(scenario, d, low, high):
                    found.append(Dominated(d.id, high.id, (
                        f"a higher rung with the consequences of {low.id!r} "
                        f"({low_level.value}): it only takes the task from the trainee")))
    return found


def _beaten(scenario: Scenario, d: Decision, low: Option, high: Option) -> bool:
    if d.timing is not None and latency_s(high) < latency_s(low):
        return False  # quicker to land: a real difference inside the window
    if high.requires != low.requires or high.unless != low.unless:
        return False
    if low.next == high.next and low.effects == high.effects:
        return True
    target = scenario.node(low.next)
    return (isinstance(target, Chance) and not high.effects.harm
            and high.effects.learning <= low.effects.learning
            and all(o.next == high.next and not o.effects.harm for o in target.outcomes))


@dataclass
class Tally:
    """What one scan saw of each offered (decision, option)."""

    offered: set[tuple[str, str]] = field(default_factory=set)
    optimal: set[tuple[str, str]] = field(default_factory=set)
    admissible: set[tuple[str, str]] = field(default_factory=set)
    broken: dict[tuple[str, str], set[int]] = field(default_factory=dict)

    def unsafe(self) -> dict[tuple[str, str], tuple[str, ...]]:
        """Options that break a safety rule at every moment at which they land in the
        window, in every situation, at every weight and for every profile, with the rules
        they break (most serious first). An option that never lands in time is not among
        them: it can never act, so it is dominated."""
        return {pair: tuple(RULE_NAMES.get(RULES[r][0], RULES[r][0])
                            for r in sorted(self.broken[pair]))
                for pair in sorted(self.offered - self.admissible) if pair in self.broken}


def scan(scenario: Scenario, params: ModelParams, weights: tuple[float, ...]) -> Tally:
    """One pass per trainee profile over all weights. The continuation after every decision
    is the game's: the best option the safety rules admit. At each decision an option
    counts as optimal where it is the best admissible choice, or where the trade-off alone
    (learning against harm, this decision's rules set aside) would choose it: an unsafe
    option some weight would choose is a wrong answer the rules name, not a dead option."""
    tally = Tally()
    params = replace(params, enforce_safety=True)
    tol = rule_tolerances(params)
    for profile in scenario.trainees:
        def choose(key: Key, spec: DecisionSpec, q_all: np.ndarray, q: np.ndarray,
                   basis: np.ndarray) -> np.ndarray:
            rank = admissible_rank(q_all, tol, True)
            ruled = np.where(rank == rank.max(axis=0), q, -np.inf)
            for pair, i, seg in _offered(spec):
                tally.offered.add(pair)
                if seg.too_late:
                    continue  # letting the window run: judged as the watch it amounts to
                if (rank[i] == NOT_BROKEN).any():
                    tally.admissible.add(pair)
                else:
                    tally.broken.setdefault(pair, set()).update(int(r) for r in rank[i])
                if _tops(q, i).any() or _tops(ruled, i).any():
                    tally.optimal.add(pair)
            for o in _best_at_some_moment(spec, q) | _best_at_some_moment(spec, ruled):
                tally.optimal.add((spec.node.id, spec.offered[o].id))
            picks = best_segments(q_all, q, tol, True)
            return q_all[picks, :, np.arange(q.shape[1])].T
        run_pass(Context(scenario, profile.id, params), weights, choose)
    return tally


def _offered(spec: DecisionSpec) -> list[tuple[tuple[str, str], int, Segment]]:
    return [((spec.node.id, spec.offered[seg.option].id), i, seg)
            for i, seg in enumerate(spec.segments)]


def _tops(q: np.ndarray, i: int) -> np.ndarray:
    """Per weight: is segment i optimal or tied among the finite Q-values?"""
    return np.isfinite(q[i]) & (q[i] >= q.max(axis=0) - TIE)


def _best_at_some_moment(spec: DecisionSpec, masked: np.ndarray) -> set[int]:
    """Offered intervention rungs (indices) that, at some tick of a timed window at which
    they still land inside it, are the best way to act at that tick (ties included),
    letting the window run being one of the ways. Watching is judged at the opening only:
    its value does not depend on the moment."""
    if spec.node.timing is None:
        return set()
    n = max(1, spec.node.window_ticks)
    at = np.full((len(spec.offered), n, masked.shape[1]), -np.inf)
    lands = np.zeros((len(spec.offered), n), dtype=bool)
    for i, seg in enumerate(spec.segments):
        at[seg.option, seg.t_lo:seg.t_hi + 1, :] = masked[i]
        lands[seg.option, seg.t_lo:seg.t_hi + 1] = not seg.too_late
    top = (at >= at.max(axis=0, keepdims=True) - TIE) & np.isfinite(at) & lands[:, :, None]
    return {o for o, option in enumerate(spec.offered)
            if option.level is not None and option.level.value != "watch" and top[o].any()}
