"""Value of information: what being able to learn about the trainee is worth.

When the trainee's competence is uncertain, what happens after an option (the answer to a
probing question, how the first pass goes) tells the supervisor something. The value of
that information at a decision situation is Q(option) under the optimal policy minus
Q(option) when every later choice is made as if nothing had been learned (the choices of a
solve whose belief stays at the prior). It is computed, never asserted, and it is zero when
competence is known.
"""

from __future__ import annotations

from game.core.model import Scenario
from game.scoring.params import ModelParams
from game.scoring.solver import History, Solution, evaluate, solve


def value_of_information(scenario: Scenario, profile: str | None,
                         params: ModelParams) -> dict[tuple[str, History, str], float]:
    if scenario.trainee(profile).competence_known:
        return {}
    blind = solve(scenario, profile, params, update_belief=False)

    def blind_choice(node: str, history: History) -> dict[str, float]:
        return {blind.at(node, history).best: 1.0}

    frozen = evaluate(scenario, blind_choice, profile, params)
    optimal = solve(scenario, profile, params)
    result = {}
    for key, analysis in optimal.decisions.items():
        frozen_analysis = _at(frozen, key)
        if frozen_analysis is None:
            continue
        for option in analysis.options:
            gain = option.q - frozen_analysis.option(option.option).q
            result[(key[0], key[1], option.option)] = max(0.0, gain)
    return result


def _at(solution: Solution, key: tuple[str, History]):
    try:
        return solution.at(*key)
    except KeyError:
        return None

