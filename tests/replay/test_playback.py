"""The one replay loop: a full replay reproduces the recording; stopping points hold."""

from __future__ import annotations

from game.core.state import SessionConfig, fingerprint
from game.headless import ScriptedPolicy, play_out
from game.replay.playback import StateDriver, replay
from game.replay.reader import read_log
from game.replay.session import RecordedSession
from game.replay.verify import config_from_header
from game.scoring.params import ModelParams


def _recorded(tiny, path, seed):
    session = RecordedSession(tiny, SessionConfig("tiny", seed, "unknown"), ModelParams(), path)
    play_out(session, ScriptedPolicy("random", seed=seed))
    return read_log(path), session.state


def test_a_full_replay_ends_where_the_recording_ended(tiny, tmp_path):
    for seed in range(6):
        log, final = _recorded(tiny, tmp_path / f"{seed}.jsonl", seed)
        seen: list[int] = []
        prints: list[str] = []
        state = replay(log, StateDriver(tiny, config_from_header(log.header)),
                       on_events=lambda s, events, seen=seen: seen.append(len(events)),
                       on_applied=lambda r, s, prints=prints: prints.append(fingerprint(s)))
        assert prints == [r["fingerprint"] for r in log.commands]
        assert fingerprint(state) == fingerprint(final) == log.end["fingerprint"]
        assert sum(seen) > 0


def test_replay_stops_before_a_decision_and_at_a_tick(tiny, tmp_path):
    for seed in range(6):
        log, _ = _recorded(tiny, tmp_path / f"{seed}.jsonl", seed)
        if not log.commands:
            continue
        first = log.commands[0]
        driver = StateDriver(tiny, config_from_header(log.header))
        state = replay(log, driver, before_decision=first["command"]["decision"],
                       until_tick=first["tick"])
        assert state.tick == first["tick"] and state.node_id == first["command"]["decision"]
        assert not any(s.kind == "decision" for s in state.history)
        told: list[int] = []
        replay(log, StateDriver(tiny, config_from_header(log.header)), until_tick=0,
               on_record=lambda record, s, told=told: told.append(record["tick"]))
        assert told == [r["tick"] for r in log.commands if r["tick"] <= 0]
