"""`safetynet solve` for authors: the story path, --after, and the JSON fields."""

from __future__ import annotations

import json

import pytest

from game.cli_solve import AfterError, print_solution, solution_dict
from game.core.model import Level
from game.scoring.params import ModelParams
from tests.scoring.trees import end, risky_step, scenario, timed_window


def test_json_lists_every_situation_with_moments_and_regret():
    data = solution_dict(timed_window(), "low", ModelParams())
    [d] = data["decisions"]
    assert d["decision"] == "d" and d["timed"] and d["window_s"] == 12.0
    lo, hi = d["best_moment_s"]
    assert 0 <= lo <= hi < 12.0
    assert set(d["last_safe_moment_s"]) == {"watch", "cue", "takeover"}
    best = next(o for o in d["options"] if o["option"] == d["best"])
    assert best["regret"] == 0.0 and all(o["regret"] >= 0 for o in d["options"])
    assert {"q", "rating", "broken_rule", "best_moment_s"} <= set(best)
    assert set(d["best_by_weight"]) == {"0.5", "1.0", "2.0", "4.0"}
    assert data["path"][0]["decision"] == "d"


def test_the_path_follows_the_story_and_after_steers_it(capsys):
    nodes = [end()]
    for i in reversed(range(3)):
        nodes += risky_step(i, (Level.WATCH, Level.CUE), 0.6, 0.2, "CD-I", 5.0,
                            f"d{i + 1}" if i < 2 else "end")
    tree = scenario(nodes, "d0")
    data = solution_dict(tree, "low", ModelParams())
    assert [d["decision"] for d in data["path"]] == ["d0", "d1", "d2"]
    steered = solution_dict(tree, "low", ModelParams(), ["d0:watch", "c0_watch:bad"])
    assert steered["path"][1]["situation"] == ["d0:watch", "c0_watch:bad"]
    with pytest.raises(AfterError, match="no such option"):
        solution_dict(tree, "low", ModelParams(), ["d0:explode"])
    with pytest.raises(AfterError, match="DECISION:OPTION"):
        solution_dict(tree, "low", ModelParams(), ["d0"])
    assert print_solution(tree, "low", ModelParams(), False) == 0
    text = capsys.readouterr().out
    assert "d0" in text and "regret" in text and "last safe" in text
    assert print_solution(tree, "low", ModelParams(), True) == 0
    assert json.loads(capsys.readouterr().out)["scenario"] == "gen"
