"""Fuzz every parser of user files (log, notes, settings, policy): whatever the bytes, only the
project's own error types come out, and every problem says where (file, line)."""

from __future__ import annotations

import json
import tempfile
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from game.config import Settings, load_settings
from game.core.state import SessionConfig
from game.headless import PolicyError, ScriptedPolicy, load_policy, play_out
from game.replay.annotations import read_notes, sidecar_path
from game.replay.format import GENESIS, seal
from game.replay.reader import LogError, read_log
from game.replay.session import RecordedSession
from game.replay.verify import VerifyResult, verify_log
from game.scoring.params import ModelParams
from tests.inline import TINY_YAML, load_text

JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=12),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner,
                                                                max_size=4),
    max_leaves=12)
LINES = st.lists(st.one_of(JSON.map(json.dumps), st.text(max_size=40),
                           st.just("[" * 5000 + "]" * 5000)), max_size=6)
TINY = load_text(TINY_YAML)


_WORK = tempfile.TemporaryDirectory(prefix="safetynet-fuzz-")
"""One folder for the whole run (each example overwrites its file), removed at exit."""


def _folder() -> Path:
    return Path(_WORK.name)


def _real_log() -> list[dict]:
    path = _folder() / "real.jsonl"
    session = RecordedSession(TINY, SessionConfig("tiny", 3, "unknown"), ModelParams(), path)
    play_out(session, ScriptedPolicy("random", seed=3))
    return [json.loads(x) for x in path.read_text().splitlines()]


REAL = _real_log()


@given(LINES, st.booleans())
def test_log_reader_raises_only_located_log_errors(lines, final_newline):
    path = _folder() / "x.jsonl"
    path.write_text("\n".join(lines) + ("\n" if final_newline else ""))
    try:
        read_log(path)
    except LogError as exc:
        assert exc.line >= 1 and str(exc).startswith(f"line {exc.line}: ")


@given(st.integers(0, len(REAL) - 1), st.lists(st.tuples(st.text(max_size=12), JSON),
                                               min_size=1, max_size=3), st.booleans())
def test_verifier_gives_a_verdict_on_any_resealed_mutation(index, changes, nested):
    """The forger's view: change any field to any JSON value and reseal the chain."""
    records = [dict(r) for r in REAL]
    target = records[index]
    if nested and isinstance(target.get("command"), dict):
        target = target["command"] = dict(target["command"])
    elif nested and isinstance(target.get("score"), dict):
        target = target["score"] = dict(target["score"])
    for key, value in changes:
        target[key if key else "tick"] = value
    previous, out = GENESIS, []
    for r in records:
        line, previous = seal(previous, {k: v for k, v in r.items() if k != "digest"})
        out.append(line)
    path = _folder() / "m.jsonl"
    path.write_text("\n".join(out) + "\n")
    result = verify_log(str(path), lambda sid: TINY if sid == "tiny" else None)
    assert isinstance(result, VerifyResult)
    assert result.ok or result.line is not None or result.reason.startswith("signature")


@given(LINES)
def test_notes_reader_never_raises_and_names_each_line(lines):
    log = _folder() / "s.jsonl"
    sidecar_path(log).write_text("\n".join(lines) + "\n")
    notes, problems = read_notes(log)
    for problem in problems:
        assert problem.startswith("s.jsonl.notes.jsonl: line ")
    assert all(isinstance(n.tick, int) and isinstance(n.text, str) for n in notes)


@given(st.one_of(JSON.map(json.dumps), st.binary(max_size=60)))
def test_settings_never_raise_and_name_the_file(content):
    path = _folder() / "settings.json"
    path.write_bytes(content.encode() if isinstance(content, str) else content)
    settings, problem = load_settings(path)
    assert isinstance(settings, Settings)
    assert problem is None or problem.startswith("settings.json")


@given(st.one_of(JSON.map(json.dumps), st.text(max_size=80)), st.sampled_from([".json",
                                                                                ".yaml"]))
def test_policy_loader_raises_only_policy_errors_naming_the_file(content, suffix):
    path = _folder() / f"policy{suffix}"
    path.write_text(content)
    try:
        load_policy(str(path), 1)
    except PolicyError as exc:
        assert str(exc).startswith(str(path))
