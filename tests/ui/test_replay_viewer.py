"""The replay viewer re-simulates a log and steps through its decisions."""

from __future__ import annotations

import pygame

from game.core.state import SessionConfig
from game.headless import ScriptedPolicy, play_out
from game.replay.session import RecordedSession
from game.scoring.params import ModelParams
from game.ui.scene import Quit
from game.ui.scenes.replay_viewer import ReplayViewerScene, load_replay
from tests.ui.helpers import press


def _record(scenario, path, policy="takeover", min_decisions=1):
    """Record a headless session; tries seeds until the path has enough decisions."""
    for seed in range(1, 100):
        config = SessionConfig(scenario.id, seed, scenario.trainees[0].id)
        session = play_out(RecordedSession(scenario, config, ModelParams(), path,
                                           player="sup-x",
                                           started_at="2025-01-01T10:00:00+00:00"),
                           ScriptedPolicy(policy, seed=seed))
        if len(session.score.decisions) >= min_decisions:
            return
    raise AssertionError("no seed gives enough decisions")


def test_viewer_steps_through_decisions(ctx, library, tmp_path):
    scenario = library.get("lumbar_puncture")
    log = tmp_path / "s.jsonl"
    _record(scenario, log, policy="watch", min_decisions=2)
    vm = load_replay(str(log), library.get)
    assert not vm.error and vm.status.startswith("Complete: ")
    assert "Player sup-x" in vm.facts
    assert len(vm.decisions) >= 2
    first = vm.decisions[0]
    assert first.chosen.startswith("Watch: ") and ("regret " in first.verdict)
    viewer = ReplayViewerScene(ctx, vm)
    viewer.resize()
    press(viewer, pygame.K_RIGHT)
    assert viewer.index == 1 and viewer.selected is vm.decisions[1]
    press(viewer, pygame.K_LEFT)
    press(viewer, pygame.K_LEFT)
    assert viewer.index == 0
    assert isinstance(press(viewer, pygame.K_ESCAPE), Quit)


def test_interrupted_and_broken_logs_become_messages(library, tmp_path):
    scenario = library.get("lumbar_puncture")
    log = tmp_path / "s.jsonl"
    _record(scenario, log)
    lines = log.read_text(encoding="utf-8").splitlines()
    (tmp_path / "cut.jsonl").write_text("\n".join(lines[:-1]) + "\n", encoding="utf-8")
    cut = load_replay(str(tmp_path / "cut.jsonl"), library.get)
    assert not cut.error and cut.status.startswith("Interrupted")
    (tmp_path / "junk.jsonl").write_text("not json\n", encoding="utf-8")
    assert "Cannot open" in load_replay(str(tmp_path / "junk.jsonl"), library.get).error
    assert "not in the library" in load_replay(str(log), lambda sid: None).error
