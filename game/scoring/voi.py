"""Value of information: what being able to learn about the trainee is worth.

When the trainee's competence is uncertain, what happens after an option (the answer to a
probing question, how the first pass goes) tells the supervisor something. The value of
that information at a decision situation is Q(option) under the optimal policy minus
Q(option) when every later choice is made as if nothing had been learned (the belief frozen
at the prior). It is computed, never asserted, and it is zero when competence is known.
"""

from __future__ import annotations

from game.core.model import Scenario
from game.scoring.params import ModelParams
from game.scoring.solver import History, _Solver, evaluate, solve


def value_of_information(scenario: Scenario, profile: str | None,
                         params: ModelParams) -> dict[tuple[str, History, str], float]:
    if scenario.trainee(profile).competence_known:
        return {}
    blind = _Solver(scenario, profile, params, None, update_belief=False).run()
    blind_choice = {key: a.best for key, a in blind.decisions.items()}
    frozen = evaluate(scenario, lambda node, history: {blind_choice[(node, history)]: 1.0},
                      profile, params)
    optimal = solve(scenario, profile, params)
    result = {}
    for key, analysis in optimal.decisions.items():
        frozen_analysis = frozen.decisions[key]
        for option in analysis.options:
            gain = option.q - frozen_analysis.option(option.option).q
            result[(key[0], key[1], option.option)] = max(0.0, gain)
    return result
