"""`safetynet solve`: print the optimal policy, Q-values and switch-over weights."""

from __future__ import annotations

import json

from game.core.model import Scenario
from game.scoring.params import ModelParams
from game.scoring.safety import rule_text
from game.scoring.sensitivity import sensitivity
from game.scoring.solver import solve
from game.scoring.voi import value_of_information


def solution_dict(scenario: Scenario, profile: str, params: ModelParams) -> dict:
    solution = solve(scenario, profile, params)
    sens = {s.node: s for s in sensitivity(scenario, profile, params)}
    voi = value_of_information(scenario, profile, params)
    decisions = []
    for node, a in sorted(solution.representative().items(),
                          key=lambda kv: -kv[1].reach):
        s = sens[node]
        decisions.append({
            "decision": node,
            "situation": list(a.history),
            "best": a.best,
            "options": [{"option": o.option, "level": o.level, "q": round(o.q, 4),
                         "expected_learning": round(o.learning, 4),
                         "expected_harm": round(o.harm, 4), "rating": o.rating,
                         "broken_rule": o.broken,
                         "value_of_information": round(voi.get((node, a.history, o.option),
                                                               0.0), 4)}
                        for o in a.options],
            "best_by_weight": {str(w): b for w, b in s.by_weight.items()},
            "switches": [{"weight": sw.weight, "from": sw.before, "to": sw.after}
                         for sw in s.switches],
        })
    return {"scenario": scenario.id, "profile": profile, "risk_weight": params.risk_weight,
            "value": round(solution.root.value, 4),
            "expected_learning": round(solution.root.learning, 4),
            "expected_harm": round(solution.root.harm, 4), "decisions": decisions}


def print_solution(scenario: Scenario, profile: str, params: ModelParams, as_json: bool) -> int:
    data = solution_dict(scenario, profile, params)
    if as_json:
        print(json.dumps(data, indent=2))
        return 0
    print(f"{scenario.title}  (profile {profile}, risk weight {params.risk_weight:g})")
    print(f"optimal expected value {data['value']:.2f}: learning {data['expected_learning']:.2f}"
          f", harm {data['expected_harm']:.2f}")
    for d in data["decisions"]:
        print(f"\n{d['decision']}: best = {d['best']}")
        for o in d["options"]:
            flag = f"  breaks: {rule_text(o['broken_rule'])}" if o["broken_rule"] else ""
            voi = f"  VOI {o['value_of_information']:.2f}" if o["value_of_information"] else ""
            star = "*" if o["option"] == d["best"] else " "
            print(f" {star} {o['option']:<12} Q {o['q']:>7.2f}   L {o['expected_learning']:>6.2f}"
                  f"   H {o['expected_harm']:>6.2f}   {o['rating']}{voi}{flag}")
        by_w = ", ".join(f"w={w}: {b}" for w, b in d["best_by_weight"].items())
        print(f"   best by weight: {by_w}")
        for sw in d["switches"]:
            print(f"   switches from {sw['from']} to {sw['to']} at w = {sw['weight']:g}")
    return 0
