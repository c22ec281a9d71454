from __future__ import annotations

import json

import pytest

from game.core.commands import Intervene
from game.core.state import SessionConfig
from game.headless import ScriptedPolicy, play_out
from game.replay.reader import LogError, read_log
from game.replay.session import RecordedSession
from game.replay.verify import verify_log
from game.scoring.params import ModelParams
from tests.inline import TINY_YAML, load_text


def record(tiny, path, seed=5, kind="random"):
    session = RecordedSession(tiny, SessionConfig("tiny", seed, "unknown"), ModelParams(), path)
    play_out(session, ScriptedPolicy(kind, seed=seed))
    return session


def finder(scenario):
    return lambda sid: scenario if sid == scenario.id else None


def test_same_seed_and_policy_write_byte_identical_logs(tiny, tmp_path):
    for seed in range(6):
        a, b = tmp_path / f"a{seed}.jsonl", tmp_path / f"b{seed}.jsonl"
        record(tiny, a, seed)
        record(tiny, b, seed)
        assert a.read_bytes() == b.read_bytes()
        assert verify_log(str(a), finder(tiny)).ok


def test_every_line_has_header_commands_and_end(tiny, tmp_path):
    path = tmp_path / "s.jsonl"
    record(tiny, path, kind="takeover")
    log = read_log(path)
    assert log.header["format_version"] == 1 and log.header["scenario_id"] == "tiny"
    assert log.header["scenario_sha256"] == tiny.content_sha256
    assert [c["command"]["option"] for c in log.commands] == ["takeover"]
    assert log.end["end_node"] == "end_ok" and "regret" in log.end["score"]


def test_editing_one_character_names_the_line(tiny, tmp_path):
    path = tmp_path / "s.jsonl"
    record(tiny, path, kind="takeover")
    lines = path.read_text().splitlines()
    lines[1] = lines[1].replace('"tick":', '"tick": ', 1).replace('"tick": ', '"tick":', 1)
    lines[1] = lines[1].replace("takeover", "takeovex")
    path.write_text("\n".join(lines) + "\n")
    result = verify_log(str(path), finder(tiny))
    assert not result.ok and result.line == 2 and "hash chain at line 2" in result.reason


def test_a_killed_game_leaves_a_readable_log(tiny, tmp_path):
    path = tmp_path / "killed.jsonl"
    session = RecordedSession(tiny, SessionConfig("tiny", 1, "junior"), ModelParams(), path)
    session.advance(20)
    session.issue(Intervene("d1", "cue"))
    session.close()  # no end line, as when the window is closed mid-vignette
    with open(path, "a") as f:
        f.write('{"type":"command","seq":2,"tic')  # the process died mid-write
    log = read_log(path)
    assert log.truncated_tail and not log.complete and len(log.commands) == 1
    result = verify_log(str(path), finder(tiny))
    assert result.ok and not result.complete and "cut off" in result.reason


def test_malformed_middle_line_is_an_error_naming_it(tiny, tmp_path):
    path = tmp_path / "s.jsonl"
    record(tiny, path, kind="takeover")
    lines = path.read_text().splitlines()
    lines.insert(1, "not json")
    path.write_text("\n".join(lines) + "\n")
    with pytest.raises(LogError) as info:
        read_log(path)
    assert info.value.line == 2


def test_newer_format_is_rejected_clearly(tiny, tmp_path):
    path = tmp_path / "s.jsonl"
    record(tiny, path)
    lines = path.read_text().splitlines()
    header = json.loads(lines[0])
    header.update(format_version=7, min_reader_version=5)
    lines[0] = json.dumps(header)
    path.write_text("\n".join(lines) + "\n")
    result = verify_log(str(path), finder(tiny))
    assert not result.ok and "unreadable format version 7" in result.reason


def test_changed_scenario_is_detected(tiny, tmp_path):
    path = tmp_path / "s.jsonl"
    record(tiny, path)
    changed = load_text(TINY_YAML.replace("All well.", "All very well."))
    result = verify_log(str(path), finder(changed))
    assert not result.ok and "changed since recording" in result.reason


def test_divergence_is_located(tiny, tmp_path):
    """A forged log with a valid chain but a wrong fingerprint diverges at that line."""
    from game.replay.format import GENESIS, seal
    path = tmp_path / "s.jsonl"
    record(tiny, path, kind="takeover")
    records = [json.loads(x) for x in path.read_text().splitlines()]
    records[1]["fingerprint"] = "0" * 16
    previous, out = GENESIS, []
    for r in records:
        r.pop("digest")
        line, previous = seal(previous, r)
        out.append(line)
    path.write_text("\n".join(out) + "\n")
    result = verify_log(str(path), finder(tiny))
    assert not result.ok and result.reason.startswith("divergence at line 2")


def test_not_a_log(tmp_path):
    path = tmp_path / "x.jsonl"
    path.write_text('{"hello": 1}\n')
    assert "not a Safety Net replay log" in verify_log(str(path), lambda s: None).reason
    path.write_bytes(b"")
    assert not verify_log(str(path), lambda s: None).ok
