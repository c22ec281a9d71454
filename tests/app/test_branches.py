"""A branch of a watched decision takes the other option when it can still change something.

The colleague's report: after a watch that ran to the window's end (or until the trainee's
mistake came), the branch used to take the new option one tick before the window closed, where
no rung lands in time: probe, cue and take over all gave the recording's learning and harm.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from game.app.branches import branch_choices, run_branch
from game.core.model import Scenario
from game.core.state import SessionConfig
from game.headless import ScriptedPolicy, play_out
from game.replay.branch import decisions_in
from game.replay.reader import read_log
from game.replay.session import RecordedSession
from game.replay.verify import verify_log
from game.scoring.params import ModelParams


def record(scenario: Scenario, path: Path, policy: str = "watch", seed: int = 2,
           profile: str | None = None) -> RecordedSession:
    """What `safetynet run <id> --policy <policy> --seed <seed> --log <path>` records."""
    config = SessionConfig(scenario.id, seed, profile or scenario.trainees[0].id, "normal",
                           "headless")
    session = RecordedSession(scenario, config, ModelParams(), path, player="headless",
                              extra_header={"policy": policy})
    play_out(session, ScriptedPolicy(policy, seed=seed))
    session.close()
    return session


def opened_and_chosen(path: Path, node: str) -> tuple[int, int]:
    """(tick the branch's window at `node` opened, tick its new choice was issued)."""
    log = read_log(path)
    step = next(s for s in decisions_in(log) if s["node"] == node)
    issued = next(r["tick"] for r in log.commands if r["command"].get("decision") == node)
    opened = (issued if step["by"] not in ("timeout", "waiting") else step["tick"]) \
        - step["elapsed"]
    return opened, issued


def test_watched_decision_branches_when_the_window_opened(lumbar, tmp_path):
    """The reported case: lumbar puncture, policy watch, seed 2, decision 2, take over."""
    parent = tmp_path / "i.jsonl"
    recorded = record(lumbar, parent)
    step = decisions_in(read_log(parent))[1]
    assert step["by"] in ("timeout", "waiting") and step["choice"] == "watch"
    run = run_branch(parent, lumbar, 2, "takeover")
    taken = [s for s in run.session.state.history if s.kind == "decision"][1]
    assert (taken.node, taken.choice, taken.by) == (step["node"], "takeover", "player")
    opened, issued = opened_and_chosen(run.path, step["node"])
    assert issued == opened and run.moment.kind == "opened" and run.moment.at == 0
    assert run.session.score is not None and recorded.score is not None
    assert (run.session.score.learning, run.session.score.harm) != \
        (recorded.score.learning, recorded.score.harm)


@pytest.mark.parametrize("scenario_id", ["lumbar_puncture", "npwt_dressing"])
def test_every_rung_of_a_watched_decision_is_taken_at_the_window_opening(library, tmp_path,
                                                                        scenario_id):
    scenario = library.get(scenario_id)
    parent = tmp_path / "w.jsonl"
    record(scenario, parent)
    for k, step in enumerate(decisions_in(read_log(parent)), start=1):
        for option in (o.id for o in scenario.node(step["node"]).options):
            if option == step["choice"]:
                continue
            run = run_branch(parent, scenario, k, option)
            opened, issued = opened_and_chosen(run.path, step["node"])
            assert issued == opened, (k, option)
            assert verify_log(str(run.path), library.get).ok


def test_a_decision_stepped_in_keeps_its_recorded_moment(lumbar, library, tmp_path):
    parent = tmp_path / "t.jsonl"
    record(lumbar, parent, policy="random", seed=5)
    log = read_log(parent)
    k, step = next((k, s) for k, s in enumerate(decisions_in(log), start=1)
                   if s["by"] not in ("timeout", "waiting"))
    recorded_tick = next(r["tick"] for r in log.commands
                         if r["command"].get("decision") == step["node"])
    other = next(o.id for o in lumbar.node(step["node"]).options if o.id != step["choice"])
    run = run_branch(parent, lumbar, k, other)
    assert run.moment.kind == "recorded"
    assert opened_and_chosen(run.path, step["node"])[1] == recorded_tick


def test_the_chooser_offers_the_opening_the_models_best_and_the_recorded_moment(lumbar,
                                                                              tmp_path):
    parent = tmp_path / "i.jsonl"
    record(lumbar, parent)
    choices = branch_choices(parent, lumbar, 2)
    assert choices.point.watched and choices.default_kind == "opened"
    for option in ("probe", "takeover"):
        moments = choices.moments[option]
        assert [m.kind for m in moments] == ["opened", "best", "recorded"]
        opened, best, recorded = moments
        assert opened.at == 0 and recorded.at == choices.point.latest
        wanted = lumbar_best_tick(lumbar, parent, 2, option)
        assert best.at == min(wanted, choices.point.latest)
        assert best.wanted == (wanted if wanted > choices.point.latest else None)
        for m in moments:
            run = run_branch(parent, lumbar, 2, option, moment=m)
            opened_tick, issued = opened_and_chosen(run.path, "second_pass_decision")
            assert issued - opened_tick == m.at and run.moment == m


def lumbar_best_tick(scenario: Scenario, parent: Path, number: int, option: str) -> int:
    from game.replay.session import params_from_header
    from game.replay.verify import config_from_header, resimulate
    from game.scoring.solver import solve_cached, step_key
    log = read_log(parent)
    solution = solve_cached(scenario, config_from_header(log.header).profile_id,
                            params_from_header(log.header))
    state = resimulate(log, scenario)
    steps = list(state.history)
    where = [i for i, s in enumerate(steps) if s.kind == "decision"][number - 1]
    history = tuple(step_key(s.node, s.choice) for s in steps[:where])
    seconds = solution.at(steps[where].node, history).option(option).best_moment_s
    return round(seconds * 10)


def test_branch_logs_are_byte_identical_and_verify(lumbar, library, tmp_path):
    parent = tmp_path / "i.jsonl"
    record(lumbar, parent)
    first = run_branch(parent, lumbar, 2, "cue", out=tmp_path / "a.jsonl")
    second = run_branch(parent, lumbar, 2, "cue", out=tmp_path / "b.jsonl")
    assert Path(first.path).read_bytes() == Path(second.path).read_bytes()
    result = verify_log(str(first.path), library.get)
    assert result.ok and result.complete, result.reason
    assert read_log(first.path).header["parent"]["at"] == first.moment.at


def test_an_option_not_on_offer_is_refused_with_a_sentence_and_leaves_no_log(lumbar,
                                                                           tmp_path):
    """An author's option that needs a flag this run never set cannot be branched to: a
    BranchError the chooser shows, and no half-written branch beside the recording."""
    from dataclasses import replace
    from types import MappingProxyType

    from game.replay.branch import BranchError
    parent = tmp_path / "i.jsonl"
    record(lumbar, parent)
    node = lumbar.decision("second_pass_decision")
    options = tuple(replace(o, requires=frozenset({"never_set"})) if o.id == "guide" else o
                    for o in node.options)
    scenario = replace(lumbar, nodes=MappingProxyType(
        {**lumbar.nodes, node.id: replace(node, options=options)}))
    out = tmp_path / "b.jsonl"
    with pytest.raises(BranchError, match="'guide' is not on offer"):
        run_branch(parent, scenario, 2, "guide", out=out)
    assert not out.exists()


def test_a_decision_point_comes_up_once_so_the_branch_is_at_the_cursors_decision(tiny,
                                                                              tmp_path):
    """The doubt: branching at the second time a decision point comes up (a loop back after
    a failed attempt) might stop at the first, because the replay stops at the decision's
    node. It cannot come up twice: the loader refuses a vignette that loops back to a
    decision point (vignettes always move toward an end), and the engine records one
    decision step per visit. So a recording's decision number and its node name the same
    window, and the branch is taken in the window of the decision the cursor is on."""
    from game.content.problems import ContentError
    from game.replay.branch import issued_ticks
    from tests.inline import TINY_YAML, load_text
    looped = TINY_YAML.replace("attempts: [tries], next: d2}", "attempts: [tries], next: d1}", 1)
    assert looped != TINY_YAML
    with pytest.raises(ContentError, match=r"tiny\.yaml:\d+:\d+: d1: cycle through "
                                           r"d1 -> c1 -> d1"):
        load_text(looped)
    parent = tmp_path / "t.jsonl"
    record(tiny, parent, policy="watch", seed=3)
    log = read_log(parent)
    steps = decisions_in(log)
    assert len(steps) >= 2 and len({s["node"] for s in steps}) == len(steps)
    opened = [tick - int(s["elapsed"]) for tick, s in zip(issued_ticks(log, steps), steps)]
    for k, step in enumerate(steps, start=1):
        other = next(o.id for o in tiny.node(step["node"]).options if o.id != step["choice"])
        run = run_branch(parent, tiny, k, other, out=tmp_path / f"b{k}.jsonl")
        header = read_log(run.path).header["parent"]
        assert (header["index"], header["opened_at"]) == (k - 1, opened[k - 1])
        taken = [s for s in run.session.state.history if s.kind == "decision"]
        assert [(s.node, s.choice, s.tick) for s in taken[:k - 1]] == \
            [(s["node"], s["choice"], s["tick"]) for s in steps[:k - 1]]
        assert (taken[k - 1].node, taken[k - 1].choice) == (step["node"], other)
