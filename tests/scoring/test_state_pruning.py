"""The solver forgets what can no longer matter (graph.Context.settle): flags nothing ahead
reads, attempt counts no limit watches or past one over the limit. Histories that differ only
in those meet in one situation, and the values stay those of the plain exhaustive evaluator
(which forgets nothing)."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from game.core.model import Chance, Decision, Effects, Level, Option, Outcome, ProbabilityCase
from game.scoring.exhaustive import plain_optimum
from game.scoring.params import ModelParams
from game.scoring.solver import evaluate, solve
from tests.scoring.trees import end, scenario

FLAGS = ("slipped", "noted", "shaky")
FEW = settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def step(i: int, nxt: str, sets: tuple[str, ...], reads: frozenset[str],
         attempts: tuple[str, ...], needs: frozenset[str] = frozenset(),
         harm: tuple[str, ...] = ("CD-I",)) -> list:
    """Decision i: watch leads to a chance node whose bad outcome sets `sets` and counts
    `attempts`, with odds that rise when every flag of `reads` is set; a cue goes on, and a
    take-over is offered only when the flags `needs` are set."""
    cases_bad = (ProbabilityCase(reads, 0.8, 0.4),) if reads else ()
    cases_good = (ProbabilityCase(reads, 0.2, 0.6),) if reads else ()
    chance = Chance(f"c{i}", "chance", outcomes=(
        Outcome("bad", 0.5, 0.2, nxt, "bad", Effects(harm=harm, sets=sets,
                                                     attempts=attempts), cases_bad),
        Outcome("good", 0.5, 0.8, nxt, "good", Effects(attempts=attempts), cases_good)))
    options = (Option("watch", Level.WATCH, "w", "", f"c{i}"),
               Option("cue", Level.CUE, "c", "", nxt),
               Option("takeover", Level.TAKEOVER, "t", "", nxt, requires=needs))
    return [chance, Decision(f"d{i}", "decision", window_ticks=20, learning_value=4.0,
                             options=options)]


def chain(n: int, plan: list[tuple], limits=None):
    nodes: list = [end()]
    for i in reversed(range(n)):
        nodes += step(i, f"d{i + 1}" if i + 1 < n else "end", *plan[i])
    return scenario(nodes, "d0", limits=limits)


def situations_at(solution, node: str) -> int:
    return sum(1 for key in solution.recorded if key[0].node == node)


def test_a_flag_nothing_reads_does_not_split_situations():
    # harmless steps, so only the flag can tell the histories apart
    unread = chain(3, [(("noted",), frozenset(), (), frozenset(), ())] * 3)
    read = chain(3, [(("slipped",), frozenset(), (), frozenset(), ())] * 2
                 + [((), frozenset({"slipped"}), (), frozenset(), ())])
    profile = "low"
    assert situations_at(solve(unread, profile), "d2") == 1
    assert situations_at(solve(read, profile), "d2") == 2  # set or not: the odds differ
    for tree in (unread, read):
        params = ModelParams(enforce_safety=False)
        assert solve(tree, profile, params).root.value == pytest.approx(
            plain_optimum(tree, profile, params), abs=1e-9)


def test_attempt_counts_are_kept_only_up_to_one_past_their_limit():
    # watching counts a try and cueing does not: by d4 a path has made 0 to 4 tries, but
    # with a limit of 1 only "none", "one" and "over the limit" can matter
    tree = chain(5, [((), frozenset(), ("tries", "untracked"), frozenset(), ())] * 5,
                 limits={"tries": 1})
    solution = solve(tree, "low")
    assert situations_at(solution, "d4") == 3
    assert {dict(k[0].attempts).get("tries") for k in solution.recorded} == {None, 1, 2}
    assert all("untracked" not in dict(k[0].attempts) for k in solution.recorded)
    params = ModelParams(enforce_safety=False)
    assert solve(tree, "low", params).root.value == pytest.approx(
        plain_optimum(tree, "low", params), abs=1e-9)
    # watching throughout still breaks the limit for certain: the capped count kept that
    watching = evaluate(tree, lambda node, history: {"watch": 1.0}, "low")
    assert watching.root.risks.attempts == pytest.approx(1.0)


flag_sets = st.lists(st.sampled_from(FLAGS), max_size=2, unique=True).map(tuple)
flag_reads = st.lists(st.sampled_from(FLAGS), max_size=2, unique=True).map(frozenset)


@FEW
@given(n=st.integers(1, 4), data=st.data(), profile=st.sampled_from(["low", "unknown"]),
       w=st.sampled_from([0.5, 2.0, 6.0]))
def test_forgetting_never_changes_a_value(n, data, profile, w):
    plan = [(data.draw(flag_sets), data.draw(flag_reads),
             data.draw(st.lists(st.sampled_from(["tries", "passes"]), max_size=2).map(tuple)),
             data.draw(flag_reads)) for _ in range(n)]
    tree = chain(n, plan, limits={"tries": data.draw(st.integers(0, 2))})
    params = ModelParams(risk_weight=w, enforce_safety=False)
    assert solve(tree, profile, params).root.value == pytest.approx(
        plain_optimum(tree, profile, params), abs=1e-9)
