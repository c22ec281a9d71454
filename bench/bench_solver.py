"""Solver and Monte Carlo speed, as ratios to plain pure-Python evaluations of the same thing.

1. Solving every shipped vignette (all profiles) with `solve` vs a plain recursive evaluator
   (dicts, per-competence leaf evaluation, no tuple tricks) that must reach the same optimal
   values. Target: all vignettes, default profiles, in under 0.2 s.
2. 100,000 Monte Carlo episodes, vectorised, vs a plain per-episode loop (measured on fewer
   episodes and compared per episode). Target: >= 20x faster per episode.
"""

from __future__ import annotations

import math
import time

import numpy as np

from game.content.catalogue import load_catalogue
from game.core.model import Beat, Chance, Decision, End
from game.paths import scenarios_dir
from game.scoring.learning import PathTotals, path_outcome
from game.scoring.montecarlo import monte_carlo
from game.scoring.params import ModelParams
from game.scoring.solver import solve


def plain_value(scenario, node_id, totals, belief, levels, profile, params):
    """Straightforward expectimax with the same safety-free objective, for comparison."""
    node = scenario.node(node_id)
    if isinstance(node, Beat):
        return plain_value(scenario, node.next, totals.with_effects(node.effects), belief,
                           levels, profile, params)
    if isinstance(node, End):
        t = totals.with_effects(node.effects).with_feedback(node.feedback)
        total = 0.0
        for b, c in zip(belief, levels):
            out = path_outcome(t, c, profile.confidence, scenario.difficulty,
                               scenario.attempt_limits, params)
            total += b * (out.learning - params.risk_weight * out.harm)
        return total
    if isinstance(node, Chance):
        total = 0.0
        for o in node.outcomes:
            joint = [b * o.probability(c) for b, c in zip(belief, levels)]
            p = sum(joint)
            if p > 0:
                total += p * plain_value(scenario, o.next, totals.with_effects(o.effects),
                                         [j / p for j in joint], levels, profile, params)
        return total
    assert isinstance(node, Decision)
    return max(plain_value(scenario, o.next,
                           totals.with_decision(node.learning_value, o.level, params)
                           .with_effects(o.effects), belief, levels, profile, params)
               for o in node.options)


def plain_episode(scenario, policy, competence, profile, params, rng):
    totals, node = PathTotals(), scenario.node(scenario.start)
    while not isinstance(node, End):
        if isinstance(node, Beat):
            totals, node = totals.with_effects(node.effects), scenario.node(node.next)
        elif isinstance(node, Decision):
            opt = node.option(policy[node.id])
            totals = totals.with_decision(node.learning_value, opt.level, params)
            totals, node = totals.with_effects(opt.effects), scenario.node(opt.next)
        else:
            u, acc = rng.random(), 0.0
            for o in node.outcomes:
                acc += o.probability(competence)
                if u < acc:
                    break
            totals, node = totals.with_effects(o.effects), scenario.node(o.next)
    totals = totals.with_effects(node.effects).with_feedback(node.feedback)
    out = path_outcome(totals, competence, profile.confidence, scenario.difficulty,
                       scenario.attempt_limits, params)
    return out.learning - params.risk_weight * out.harm


def bench_solver(scenarios) -> None:
    free = ModelParams(enforce_safety=False)
    start = time.perf_counter()
    for s in scenarios:
        solve(s, None, ModelParams())
    default_profiles = time.perf_counter() - start
    start = time.perf_counter()
    fast = {(s.id, t.id): solve(s, t.id, free).root.value for s in scenarios for t in s.trainees}
    ours = time.perf_counter() - start
    start = time.perf_counter()
    for s in scenarios:
        for t in s.trainees:
            levels = [c.value for c in t.competence]
            prior = [c.prior for c in t.competence]
            v = plain_value(s, s.start, PathTotals(), prior, levels, t, free)
            assert math.isclose(v, fast[(s.id, t.id)], rel_tol=1e-9, abs_tol=1e-9), s.id
    plain = time.perf_counter() - start
    print(f"vignettes: {len(scenarios)}; profiles: {len(fast)}")
    print(f"solve all vignettes (default profile, with safety rules): {default_profiles:.3f} s "
          f"(target < 0.2 s: {'met' if default_profiles < 0.2 else 'NOT met'})")
    print("(the solver also records every option's Q-value, safety probabilities and rating "
          "for every situation; the plain evaluator only finds the optimal value)")
    print(f"solve all profiles: {ours:.3f} s vs plain recursive evaluation {plain:.3f} s "
          f"-> ratio plain/solver = {plain / ours:.2f}x (same optimal values checked)")


def bench_monte_carlo(scenario) -> None:
    params = ModelParams()
    profile = scenario.trainees[0]
    policy = {d.id: d.default for d in scenario.decisions()}
    stationary = {k: {v: 1.0} for k, v in policy.items()}
    n_fast, n_plain = 100_000, 5_000
    start = time.perf_counter()
    mc = monte_carlo(scenario, stationary, profile.id, params, n_fast, seed=1)
    fast = (time.perf_counter() - start) / n_fast
    rng = np.random.Generator(np.random.PCG64(2))
    comp = profile.competence[0].value
    start = time.perf_counter()
    values = [plain_episode(scenario, policy, comp, profile, params, rng) for _ in range(n_plain)]
    plain = (time.perf_counter() - start) / n_plain
    ratio = plain / fast
    print(f"Monte Carlo on {scenario.id}: vectorised {n_fast} episodes, mean {mc.mean:.3f} "
          f"(plain loop mean {np.mean(values):.3f})")
    print(f"per episode: plain loop / vectorised = {ratio:.1f}x (target >= 20x: "
          f"{'met' if ratio >= 20 else 'NOT met'})")


def main() -> None:
    catalogue = load_catalogue(scenarios_dir())
    scenarios = catalogue.scenarios
    bench_solver(scenarios)
    longest = max(scenarios, key=lambda s: len(s.nodes))
    bench_monte_carlo(longest)


if __name__ == "__main__":
    main()
