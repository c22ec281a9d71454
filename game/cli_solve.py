"""`safetynet solve`: the optimal path for authors, every situation's Q-values as JSON.

Text output follows the story: the situations on the optimal path in order (the most likely
outcome at each chance node), or on the path chosen with `--after DECISION:OPTION,...`
(a `CHANCE:OUTCOME` entry steers a chance node, `DECISION:~error` a window event). Each
situation shows every option's Q at its best moment, its regret against the best, its
rating and any broken rule, the best moment to step in and each rung's last safe moment.
`--json` lists every reachable situation the same way, with switch-over weights.
"""

from __future__ import annotations

import json

from game.core.model import Scenario
from game.scoring.analysis import DecisionAnalysis
from game.scoring.graph import Key
from game.scoring.params import SENSITIVITY_WEIGHTS, ModelParams
from game.scoring.safety import rule_text
from game.scoring.sensitivity import sensitivity, standard_bests
from game.scoring.solver import Solution, solve_cached
from game.scoring.voi import by_key as voi_by_key


class AfterError(ValueError):
    """A `--after` entry that names no decision, option or outcome on the path."""


def situation_dict(a: DecisionAnalysis, voi: dict[str, float],
                   by_weight: list[str] | None) -> dict:
    """One situation's row; `voi` is option -> value of information at this situation."""
    return {
        "decision": a.node, "situation": list(a.history), "reach": round(a.reach, 6),
        "belief": [round(b, 4) for b in a.belief], "best": a.best,
        "timed": a.timed, "window_s": a.window_s,
        "best_moment_s": [round(a.best_moment_s[0], 2), round(a.best_moment_s[1], 2)],
        "last_safe_moment_s": {o.option: o.last_safe_moment_s for o in a.options},
        "options": [{"option": o.option, "level": o.level, "q": round(o.q, 4),
                     "regret": round(a.gap(o.option), 4),
                     "expected_learning": round(o.learning, 4),
                     "expected_harm": round(o.harm, 4), "rating": o.rating,
                     "broken_rule": o.broken, "best_moment_s": o.best_moment_s,
                     "last_safe_moment_s": o.last_safe_moment_s,
                     "value_of_information": round(voi.get(o.option, 0.0), 4)}
                    for o in a.options],
        "best_by_weight": dict(zip((str(w) for w in SENSITIVITY_WEIGHTS), by_weight or [])),
    }


def solution_dict(scenario: Scenario, profile: str, params: ModelParams,
                  after: list[str] | None = None, every: bool = True) -> dict:
    """The solve command's data. `every=False` (the text view) leaves out the rows of
    situations off the path and the switch-over search, which only `--json` shows."""
    solution = solve_cached(scenario, profile, params)
    voi = voi_by_key(scenario, profile, params)
    standard = standard_bests(scenario, profile, params)
    rows = []
    if every:
        sens = {s.node: s for s in sensitivity(scenario, profile, params)}
        for key in solution.recorded:
            a = solution.analysis(key)
            row = situation_dict(a, voi.get(key, {}), standard[key])
            s = sens.get(a.node)
            if s is not None and s.history == a.history:
                row["switches"] = [{"weight": sw.weight, "from": sw.before, "to": sw.after}
                                   for sw in s.switches]
            rows.append(row)
        rows.sort(key=lambda r: -r["reach"])
    path = [situation_dict(a, voi.get(key, {}), standard[key])
            for key, a in story_keys(solution, after or [])]
    return {"scenario": scenario.id, "profile": profile, "risk_weight": params.risk_weight,
            "value": round(solution.root.value, 4),
            "expected_learning": round(solution.root.learning, 4),
            "expected_harm": round(solution.root.harm, 4), "situations": len(solution.recorded),
            "path": path, "decisions": rows}


def story_path(solution: Solution, scenario: Scenario,
               after: list[str]) -> list[DecisionAnalysis]:
    """The decision situations met in story order following the optimal choices (or those
    given), taking the most likely outcome at each chance node."""
    return [a for _, a in story_keys(solution, after)]


def story_keys(solution: Solution, after: list[str]) -> list[tuple[Key, DecisionAnalysis]]:
    """`story_path` with each situation's key."""
    steer = _steering(after)
    ctx, key, history, out = solution.ctx, solution.ctx.root(), (), []
    while True:
        exp = ctx.expand(key)
        if exp.kind == "end":
            break
        if exp.decision is None:
            edge = _chance_edge(exp.edges, steer)
        else:
            analysis = solution.analysis(key, history)
            out.append((key, analysis))
            edge = _decision_edge(exp.decision, analysis, steer)
        history = history + edge.entries
        key = edge.child
    unused = [f"{k}:{v}" for k, v in steer.items()]
    if unused:
        raise AfterError(f"--after {', '.join(unused)}: not met on this path")
    return out


def _steering(after: list[str]) -> dict[str, str]:
    steer = {}
    for item in after:
        node, sep, choice = item.partition(":")
        if not sep or not node or not choice:
            raise AfterError(f"--after {item!r}: write DECISION:OPTION")
        steer[node] = choice
    return steer


def _chance_edge(edges, steer: dict[str, str]):
    if len(edges) == 1:
        return edges[0]
    node = edges[0].label.split(":")[0]
    if node in steer:
        wanted = f"{node}:{steer.pop(node)}"
        for e in edges:
            if e.label == wanted:
                return e
        raise AfterError(f"--after {wanted}: no such outcome")
    return max(edges, key=lambda e: e.p)


def _decision_edge(spec, analysis: DecisionAnalysis, steer: dict[str, str]):
    node = spec.node.id
    choice = steer.pop(node, analysis.best)
    if choice in ("~self_correct", "~error") and spec.node.timing is not None:
        return spec.basis[0 if choice == "~self_correct" else 1]
    for e in spec.basis[2:-1]:
        if e.label == f"{node}:{choice}":
            return e
    raise AfterError(f"--after {node}:{choice}: no such option on offer here")


def print_solution(scenario: Scenario, profile: str, params: ModelParams, as_json: bool,
                   after: list[str] | None = None) -> int:
    data = solution_dict(scenario, profile, params, after, every=as_json)
    if as_json:
        print(dumps(data))
        return 0
    print(f"{scenario.title}  (profile {profile}, risk weight {params.risk_weight:g})")
    print(f"optimal expected value {data['value']:.2f}: learning {data['expected_learning']:.2f}"
          f", harm {data['expected_harm']:.2f}")
    print(f"{data['situations']} reachable situations; the path "
          f"{'chosen' if after else 'of optimal choices'} in story order:")
    for d in data["path"]:
        _print_situation(d)
    return 0


def dumps(data: dict) -> str:
    """Indented JSON with one situation per line: the standard library's C encoder only
    runs without indentation, and a deep vignette has thousands of situations (the
    indented pure-Python encoding took longer than solving)."""
    head = {k: v for k, v in data.items() if k not in ("path", "decisions")}
    parts = [f"  {json.dumps(k)}: {json.dumps(v)}" for k, v in head.items()]
    for name in ("path", "decisions"):
        rows = ",\n".join(f"    {json.dumps(r)}" for r in data[name])
        parts.append(f"  {json.dumps(name)}: [\n{rows}\n  ]" if rows else
                     f"  {json.dumps(name)}: []")
    return "{\n" + ",\n".join(parts) + "\n}"


def _print_situation(d: dict) -> None:
    where = " > ".join(d["situation"]) or "start"
    lo, hi = d["best_moment_s"]
    print(f"\n{d['decision']}  (after {where})")
    print(f"   best: {d['best']} at {lo:.1f}-{hi:.1f} s of a {d['window_s']:.1f} s window")
    for o in d["options"]:
        flag = f"  breaks: {rule_text(o['broken_rule'])}" if o["broken_rule"] else ""
        voi = f"  VOI {o['value_of_information']:.2f}" if o["value_of_information"] else ""
        safe = o["last_safe_moment_s"]
        safe_text = "never safe" if safe is None else f"last safe {safe:.1f} s"
        star = "*" if o["option"] == d["best"] else " "
        print(f" {star} {o['option']:<12} Q {o['q']:>7.2f}  regret {o['regret']:>6.2f}"
              f"   L {o['expected_learning']:>6.2f}   H {o['expected_harm']:>6.2f}"
              f"   {o['rating']:<5} {safe_text}{voi}{flag}")
    by_w = ", ".join(f"w={w}: {b}" for w, b in d["best_by_weight"].items())
    print(f"   best by weight: {by_w}")
