"""Wrong-typed values in a resealed log are one LogError naming the line, never a traceback in
`replay --verify` or `report`; notes sidecars with hostile lines are reported and skipped."""

from __future__ import annotations

import json
import math
import os

import pytest

from game.cli import main
from game.core.state import SessionConfig
from game.headless import ScriptedPolicy, play_out
from game.replay.annotations import Note, add_note, read_notes, sidecar_path
from game.replay.format import GENESIS, seal
from game.replay.reader import LogError, read_log
from game.replay.session import RecordedSession
from game.scoring.params import ModelParams


def recorded(tiny, path):
    session = RecordedSession(tiny, SessionConfig("tiny", 4, "junior"), ModelParams(), path)
    play_out(session, ScriptedPolicy("takeover"))
    return [json.loads(x) for x in path.read_text().splitlines()]


def reseal(path, records):
    previous, out = GENESIS, []
    for r in records:
        line, previous = seal(previous, {k: v for k, v in r.items() if k != "digest"})
        out.append(line)
    path.write_text("\n".join(out) + "\n")


HOSTILE = [
    (0, lambda r: r.update(pace="warp"), "pace must be one of"),
    (0, lambda r: r.update(risk_weight="abc"), "risk_weight must be a finite positive"),
    (0, lambda r: r.update(risk_weight=math.nan), "risk_weight must be a finite positive"),
    (0, lambda r: r.update(risk_weight=-2), "risk_weight must be a finite positive"),
    (0, lambda r: r.update(seed=-5), "seed must be a whole number"),
    (0, lambda r: r.update(seed=True), "seed must be a whole number"),
    (0, lambda r: r.pop("profile"), "missing field 'profile'"),
    (0, lambda r: r.update(mode=[]), "mode must be one of"),
    (1, lambda r: r["command"].update(kind=[]), "command.kind must be one of"),
    (1, lambda r: r["command"].update(kind="advance"), "command.kind must be one of"),
    (1, lambda r: r.update(tick=1e999), "tick must be a whole number"),
    (1, lambda r: r.update(tick=-1), "tick must be a whole number"),
    (1, lambda r: r["command"].update(option=7), "option must be a non-empty id"),
    (-1, lambda r: r.update(score=[]), "score must be an object"),
    (-1, lambda r: r["score"].update(net="lots"), "score.net must be a finite number"),
    (-1, lambda r: r["score"].update(safety_rating="gold"), "safety_rating must be one of"),
    (-1, lambda r: r.update(path={}), "path must be a list of objects"),
    (-1, lambda r: r["path"][0].update(tick="x"), "path step 1: tick"),
    (-1, lambda r: r.pop("end_node"), "missing field 'end_node'"),
]


@pytest.mark.parametrize("index, change, message", HOSTILE)
def test_wrong_typed_fields_name_their_line(tiny, tmp_path, index, change, message, capsys):
    path = tmp_path / "s.jsonl"
    records = recorded(tiny, path)
    change(records[index])
    reseal(path, records)
    with pytest.raises(LogError) as info:
        read_log(path)
    assert info.value.line == (index % len(records)) + 1 and message in str(info.value)
    assert main(["replay", str(path), "--verify"]) == 1
    out = capsys.readouterr()
    assert f"line {info.value.line}" in out.out and "Traceback" not in out.err
    assert main(["report", str(path), "--out", str(tmp_path / "r")]) == 1
    assert "unreadable log" in capsys.readouterr().err


def test_a_fifo_or_device_is_refused_without_reading(tmp_path):
    fifo = tmp_path / "x.jsonl"
    os.mkfifo(fifo)
    with pytest.raises(LogError, match="not a regular file"):
        read_log(fifo)
    with pytest.raises(LogError, match="not a regular file"):
        read_log("/dev/zero")


def test_deeply_nested_line_is_a_located_error(tmp_path):
    path = tmp_path / "deep.jsonl"
    path.write_text('{"type":"header"}\n' + "[" * 100_000 + "]" * 100_000 + "\n")
    with pytest.raises(LogError) as info:
        read_log(path)
    assert info.value.line == 2


def test_non_utf8_names_its_line(tmp_path):
    path = tmp_path / "bin.jsonl"
    path.write_bytes(b'{"a":1}\n{"b":"\xff"}\n')
    with pytest.raises(LogError) as info:
        read_log(path)
    assert info.value.line == 2


@pytest.mark.parametrize("line", ["[1]", '{"type":"note","tick":1e999,"text":"x"}',
                                  '{"type":"note","tick":-3,"text":"x"}',
                                  '{"type":"note","tick":4,"text":["x"]}',
                                  '{"type":"note","tick":4,"text":"x","author":{}}',
                                  "[" * 50_000 + "]" * 50_000])
def test_hostile_note_lines_are_reported_and_skipped(tmp_path, line):
    log = tmp_path / "s.jsonl"
    add_note(log, Note(5, "kept"))
    with open(sidecar_path(log), "a") as f:
        f.write(line + "\n")
    add_note(log, Note(9, "also kept"))
    notes, problems = read_notes(log)
    assert [n.text for n in notes] == ["kept", "also kept"]
    assert len(problems) == 1 and "line 3" in problems[0] and problems[0].startswith(
        "s.jsonl.notes.jsonl")


def test_an_unreadable_notes_file_is_a_problem_not_a_crash(tmp_path):
    log = tmp_path / "s.jsonl"
    sidecar_path(log).mkdir()
    notes, problems = read_notes(log)
    assert notes == [] and "cannot be read" in problems[0]
