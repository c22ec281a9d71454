"""The timeline pairs every event with the state at its own tick (issue 13: the replay
picture showed the end state at decision 1, the report's curve stepped before the first
window opened). Each moment is checked against the log replayed independently up to it."""

from __future__ import annotations

from pathlib import Path

import pytest

from game.content.catalogue import load_catalogue
from game.core import events as ev
from game.core.state import SessionConfig
from game.headless import ScriptedPolicy, play_out
from game.replay.playback import StateDriver, replay
from game.replay.reader import read_log
from game.replay.session import RecordedSession
from game.replay.timeline import build_timeline, ledgers_so_far
from game.replay.verify import config_from_header
from game.reports.single_figures import ledger_points
from game.scoring.episode import score_episode
from game.scoring.params import ModelParams

SCENARIOS = Path(__file__).resolve().parents[2] / "scenarios"


@pytest.fixture(scope="module")
def catalogue():
    return load_catalogue(SCENARIOS)


def _record(catalogue, scenario_id: str, policy: str, seed: int, path: Path):
    scenario = catalogue.get(scenario_id)
    assert scenario is not None
    config = SessionConfig(scenario.id, seed, scenario.trainees[0].id)
    play_out(RecordedSession(scenario, config, ModelParams(), path), ScriptedPolicy(policy,
                                                                                   seed=seed))
    return scenario, read_log(path)


def _state_at(log, scenario, tick: int):
    """The log replayed from scratch up to `tick`: what really was, at that time."""
    driver = StateDriver(scenario, config_from_header(log.header))
    return replay(log, driver, until_tick=tick)


CASES = [("lumbar_puncture", "watch", 3), ("laparoscopic_trocar", "random", 5),
         ("caesarean_full_dilatation", "random", 2), ("npwt_dressing", "watch", 1)]


@pytest.mark.parametrize("scenario_id,policy,seed", CASES)
def test_each_moment_carries_the_state_at_its_tick(catalogue, tmp_path, scenario_id,
                                                   policy, seed):
    scenario, log = _record(catalogue, scenario_id, policy, seed, tmp_path / "s.jsonl")
    timeline = build_timeline(log, scenario)
    ticks = sorted({m.tick for m in timeline.moments})
    assert len(ticks) > 3
    last_at = {m.tick: m for m in timeline.moments}  # the last moment of each tick
    for tick in ticks:
        truth = _state_at(log, scenario, tick)
        moment = last_at[tick]
        assert moment.state.tick == tick
        assert dict(moment.state.procedure) == dict(truth.procedure), tick
        assert moment.state.harm == truth.harm and moment.state.node_id == truth.node_id
        assert (moment.learning_so_far, moment.harm_so_far) == \
            tuple(ledgers_so_far(scenario, truth))
    for m in timeline.moments:
        assert m.state.tick == m.tick  # never a later state paired with an earlier event


def test_the_first_decision_shows_the_picture_of_its_time(catalogue, tmp_path):
    """Watching lumbar puncture: the whole vignette runs in one engine step per window.
    When the first window opens the needle has not been placed; the end state has CSF."""
    scenario, log = _record(catalogue, "lumbar_puncture", "watch", 3, tmp_path / "s.jsonl")
    timeline = build_timeline(log, scenario)
    opened = next(m for m in timeline.moments if isinstance(m.event, ev.DecisionOpened))
    assert timeline.final is not None and timeline.final.procedure["csf"] is True
    assert dict(opened.state.procedure) == dict(_state_at(log, scenario, opened.tick).procedure)
    assert opened.state.procedure["csf"] is False and opened.state.procedure["passes"] == 0
    assert opened.learning_so_far == 0.0 and opened.harm_so_far == 0.0


def test_report_chart_steps_when_things_happened(catalogue, tmp_path):
    scenario, log = _record(catalogue, "lumbar_puncture", "watch", 3, tmp_path / "s.jsonl")
    timeline = build_timeline(log, scenario)
    points = ledger_points(timeline)
    first_window = next(m.tick for m in timeline.moments
                        if isinstance(m.event, ev.DecisionOpened)) / 10
    assert all(learning == 0.0 and harm == 0.0 for s, learning, harm in points
               if s <= first_window)
    changes = [(s, learning, harm) for (s, learning, harm), (_, l0, h0)
               in zip(points[1:], points) if (learning, harm) != (l0, h0)]
    assert changes and changes[0][0] > first_window
    for seconds, learning, harm in changes:  # each step is where the log says it happened
        truth = ledgers_so_far(scenario, _state_at(log, scenario, round(seconds * 10)))
        assert (learning, harm) == tuple(truth)
        before = ledgers_so_far(scenario, _state_at(log, scenario, round(seconds * 10) - 1))
        assert tuple(before) != (learning, harm)


@pytest.mark.parametrize("scenario_id,policy,seed", CASES)
def test_the_timeline_ends_at_the_outcome_figures(catalogue, tmp_path, scenario_id, policy,
                                                  seed):
    scenario, log = _record(catalogue, scenario_id, policy, seed, tmp_path / "s.jsonl")
    timeline = build_timeline(log, scenario)
    score = score_episode(scenario, timeline.final)
    last = timeline.moments[-1]
    assert (last.learning_so_far, last.harm_so_far) == (score.learning, score.harm)
