"""Value of information: what being able to learn about the trainee is worth.

When the trainee's competence is uncertain, what happens after an option (the answer to a
probing question, how the first pass goes) tells the supervisor something. The value of
that information at a decision situation is Q(option) under the optimal policy minus
Q(option) when every later choice is made as if nothing had been learned (the choices of a
solve whose belief stays at the prior). It is computed, never asserted, and it is zero when
competence is known.

Both solutions share one context, so situations are matched by key, not by replaying
histories: a situation's state is the same whether or not the belief is updated, so the
blind choice at (state, belief) is the blind solve's choice at (state, prior).
"""

from __future__ import annotations

from game.core.model import Scenario
from game.scoring.analysis import option_qs
from game.scoring.graph import DecisionSpec, Key
from game.scoring.params import ModelParams
from game.scoring.solver import History, evaluate_at, solve_cached


def value_of_information(scenario: Scenario, profile: str | None,
                         params: ModelParams) -> dict[tuple[str, History, str], float]:
    """(decision, history, option) -> value of information, for every reachable situation
    of the optimal solve, labelled by its first-found history (`Solution.decisions`)."""
    optimal = solve_cached(scenario, profile, params)
    return {(key[0].node, optimal.label(key), option): gain
            for key, gains in by_key(scenario, profile, params).items()
            for option, gain in gains.items()}


def by_key(scenario: Scenario, profile: str | None,
           params: ModelParams) -> dict[Key, dict[str, float]]:
    """Situation key -> option -> value of information (empty when competence is known)."""
    if scenario.trainee(profile).competence_known:
        return {}
    blind = solve_cached(scenario, profile, params, update_belief=False)
    optimal = solve_cached(scenario, profile, params)
    prior = blind.ctx.prior

    def blind_choice(key: Key, spec: DecisionSpec) -> dict[str, float]:
        state = (key[0], prior)
        if state not in blind.recorded:  # unreachable under the prior: cannot happen
            return {spec.offered[0].id: 1.0}
        return {blind.analysis(state).best: 1.0}

    frozen = evaluate_at(optimal.ctx, blind_choice)
    result = {}
    for key in optimal.recorded:
        found = frozen.recorded.get(key)
        if found is None:
            continue
        spec, q_all, _ = found
        without = option_qs(frozen.ctx, spec, q_all)
        with_info = option_qs(optimal.ctx, *optimal.recorded[key][:2])
        result[key] = {o: max(0.0, with_info[o] - without[o]) for o in with_info}
    return result

