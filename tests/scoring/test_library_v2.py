"""Issue 10's criteria on the shipped library at the default weight and profile.

Prints the table of optimal rungs over every reachable situation (run with -s to see it).
An option that breaks a safety rule at every weight and profile is a vignette's deliberate
wrong answer (the rescue cases must be playable; product ruling in issue 12), listed but not
counted as dominated.
"""

from __future__ import annotations

from collections import Counter

from game.content.catalogue import load_catalogue
from game.core.model import LADDER
from game.paths import scenarios_dir
from game.scoring.dominance import DOMINATED, UNSAFE, dominated_options
from game.scoring.params import ModelParams
from game.scoring.solver import solve

MAX_SHARE = 0.40


def library_table(scenarios) -> tuple[Counter, Counter, list[str], list[str], list[str]]:
    """Optimal rung counts over reachable situations, rungs present, vignettes whose
    moment never matters, dominated options, deliberate wrong answers."""
    optimal, present, timeless, dominated, wrong = Counter(), Counter(), [], [], []
    for s in scenarios:
        solution = solve(s, s.trainee(None).id, ModelParams())
        moment_matters = False
        for a in solution.decisions.values():
            levels = {o.option: o.level for o in a.options}
            present.update(set(levels.values()))
            optimal[levels[a.best]] += 1
            moment_matters |= any(max(m.q for m in o.moments) - min(m.q for m in o.moments)
                                  > 1e-9 for o in a.options)
        windowed = any(d.window_ticks > 0 for d in s.decisions())
        if windowed and s.supervision in ("direct", "indirect") and not moment_matters:
            timeless.append(s.id)
        for d in dominated_options(s):
            row = f"{s.id}: {d.decision}/{d.option}: {d.reason}"
            {DOMINATED: dominated, UNSAFE: wrong}[d.kind].append(row)
    return optimal, present, timeless, dominated, wrong


def print_table(optimal: Counter, total: int) -> None:
    print(f"\noptimal rung over {total} reachable situations (default weight and profile)")
    for rung in [lv.value for lv in LADDER] + ["debrief"]:
        if optimal[rung]:
            print(f"  {rung:<9} {optimal[rung]:>5}  {optimal[rung] / total:6.1%}")


SCENARIOS = load_catalogue(scenarios_dir()).scenarios


def test_library_meets_the_v2_criteria():
    optimal, present, timeless, dominated, wrong = library_table(SCENARIOS)
    total = sum(optimal.values())
    print_table(optimal, total)
    print(f"{len(wrong)} deliberate wrong answers (unsafe at every weight):\n" + "\n".join(wrong))
    problems = []
    never = sorted(r for r in present if r != "debrief" and not optimal[r])
    if never:
        problems.append(f"rungs in the library that are never optimal: {never}")
    top = max(optimal, key=optimal.get)
    if optimal[top] / total > MAX_SHARE:
        problems.append(f"{top} is optimal in {optimal[top] / total:.0%} of situations")
    if timeless:
        problems.append(f"vignettes where the moment never changes an outcome: {timeless}")
    if dominated:
        problems.append(f"{len(dominated)} dominated options:\n" + "\n".join(dominated))
    print("\n".join(problems))
    assert not problems
