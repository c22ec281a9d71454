"""Options no supervisor should ever prefer: for `safetynet validate` warnings.

Two kinds (issue 10, item 5):

- by construction: a higher rung whose consequences are those of a lower rung at the same
  decision point (same next node and effects, and in a timed window no quicker to land), or
  a lower rung whose every outcome leads, harmlessly, where the higher rung leads (a
  question whose answers all end where the cue ends): the higher rung only gives away the
  trainee's share of the task;
- by computation: an option that is not optimal (nor tied with the optimum) in any
  situation where it is offered, at any risk weight of the sensitivity scan and for any
  trainee profile, judged on the trade-off alone (safety rules off: an unsafe option that
  some weight would choose is a real wrong answer the rules name, not a dead option).

Returns `Dominated(decision, option, reason)`; the content layer maps ids to file:line:col.
"""

from __future__ import annotations

from dataclasses import replace
from typing import NamedTuple

import numpy as np

from game.core.model import Chance, Decision, Option, Scenario
from game.core.timing import latency_s
from game.scoring.backward import admissible_rank, rule_tolerances
from game.scoring.graph import Context
from game.scoring.params import ModelParams
from game.scoring.sensitivity import W_MAX, W_MIN
from game.scoring.solver import run_pass

SCAN = tuple(float(w) for w in np.geomspace(W_MIN, W_MAX, 25))
TIE = 1e-9


class Dominated(NamedTuple):
    decision: str
    option: str
    reason: str


def dominated_options(scenario: Scenario, params: ModelParams | None = None,
                      weights: tuple[float, ...] = SCAN) -> list[Dominated]:
    params = replace(params or ModelParams(), enforce_safety=False)
    found = same_consequences(scenario)
    flagged = {(d.decision, d.option) for d in found}
    for decision, option, admissible in never_optimal(scenario, params, weights):
        if (decision, option) not in flagged:
            why = "" if admissible else " (it breaks a safety rule wherever it is offered)"
            found.append(Dominated(decision, option, (
                f"never optimal: at no risk weight from {weights[0]:g} to {weights[-1]:g}, "
                f"for no trainee profile and in no situation{why}")))
    return sorted(found)


def same_consequences(scenario: Scenario) -> list[Dominated]:
    found: list[Dominated] = []
    for d in scenario.decisions():
        rungs = [o for o in d.options if o.level is not None]
        for low in rungs:
            for high in rungs:
                if any(f.decision == d.id and f.option == high.id for f in found):
                    continue
                if high.level.rank > low.level.rank and _beaten(scenario, d, low, high):
                    found.append(Dominated(d.id, high.id, (
                        f"a higher rung with the consequences of {low.id!r} "
                        f"({low.level.value}): it only takes the task from the trainee")))
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


def never_optimal(scenario: Scenario, params: ModelParams,
                  weights: tuple[float, ...]) -> list[tuple[str, str, bool]]:
    """Offered options never optimal or tied at any weight, profile and situation, and
    whether they were ever admissible."""
    offered: set[tuple[str, str]] = set()
    optimal: set[tuple[str, str]] = set()
    admissible: set[tuple[str, str]] = set()
    tol, enforce = rule_tolerances(params), params.enforce_safety
    for profile in scenario.trainees:
        def choose(key, spec, q_all, q, basis):
            rank = admissible_rank(q_all, tol, enforce)
            allowed = rank == rank.max(axis=0)
            masked = np.where(allowed, q, -np.inf)
            best = masked.max(axis=0)
            for i, seg in enumerate(spec.segments):
                option = spec.offered[seg.option].id
                offered.add((spec.node.id, option))
                if np.any(allowed[i]):
                    admissible.add((spec.node.id, option))
                if np.any(masked[i] >= best - TIE):
                    optimal.add((spec.node.id, option))
            picks = masked.argmax(axis=0)
            return q_all[picks, :, np.arange(q.shape[1])].T
        run_pass(Context(scenario, profile.id, params), weights, choose)
    return [(d, o, (d, o) in admissible) for d, o in sorted(offered - optimal)]
