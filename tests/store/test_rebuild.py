"""Rebuilding the history from the logs, and a damaged file replaced with nothing lost."""

from __future__ import annotations

import sqlite3

import pytest

from game.cli import main
from game.content.catalogue import load_catalogue
from game.core.state import SessionConfig
from game.headless import ScriptedPolicy, play_out
from game.replay.session import RecordedSession
from game.scoring.params import ModelParams
from game.store import open_history
from game.store.ratings import keep_rating
from game.store.rebuild import rebuild, record_from_log
from game.store.results import record_from_session, save_result
from tests.inline import TINY_YAML


@pytest.fixture
def world(tmp_path, monkeypatch, _isolated_home):
    """A scenario folder with the tiny vignette, and a home with three logs in it."""
    scenarios = tmp_path / "scenarios"
    scenarios.mkdir()
    (scenarios / "tiny.yaml").write_text(TINY_YAML, encoding="utf-8")
    monkeypatch.setenv("SAFETYNET_SCENARIOS", str(scenarios))
    tiny = load_catalogue(scenarios).get("tiny")
    logs = _isolated_home / "logs"
    sessions = []
    for n, policy in enumerate(["watch", "takeover", None], start=1):
        config = SessionConfig("tiny", n, tiny.trainees[0].id, "normal", "practice")
        session = RecordedSession(tiny, config, ModelParams(), logs / f"s{n}.jsonl",
                                  player="sup-r", started_at=f"2025-03-0{n}T10:00:00+00:00")
        if policy:
            play_out(session, ScriptedPolicy(policy, seed=n))
        else:
            session.advance(1)
            session.close()
        sessions.append(session)
    return tiny, logs, sessions, _isolated_home / "history.sqlite"


def test_a_log_gives_the_same_record_as_the_live_session(world):
    tiny, logs, sessions, _ = world
    for session in sessions:
        rebuilt = record_from_log(session.log_path, {"tiny": tiny}.get)
        assert rebuilt == record_from_session(session)


def test_rebuild_replaces_the_file_and_keeps_the_old_one(world):
    tiny, logs, sessions, db = world
    assert save_result(sessions[0], db).saved
    (logs / "junk.jsonl").write_text("not a log\n", encoding="utf-8")
    keep_rating(logs / "s2.jsonl", 2)
    report = rebuild(db, logs, {"tiny": tiny}.get)
    assert report.records == 3 and report.moved_aside is not None
    assert report.skipped and report.skipped[0].startswith("junk.jsonl: ")
    history, problem = open_history(db)
    with history:
        rows = history.results()
    assert problem is None
    assert [(r.uid, r.status) for r in rows] == [
        ("s1.jsonl", "finished"), ("s2.jsonl", "finished"), ("s3.jsonl", "abandoned")]
    assert [r.entrustment for r in rows] == [None, 2, None]
    old = sqlite3.connect(report.moved_aside).execute("SELECT uid FROM sessions").fetchall()
    assert old == [("s1.jsonl",)]


@pytest.mark.parametrize("damage", ["garbage", "page"])
def test_damaged_file_is_moved_aside_and_rebuilt_from_the_logs(world, damage):
    tiny, logs, sessions, db = world
    assert save_result(sessions[0], db).saved
    sqlite3.connect(db).execute("PRAGMA wal_checkpoint(TRUNCATE)").close()
    data = bytearray(db.read_bytes())
    if damage == "garbage":
        data = bytearray(b"this is not a database at all" * 100)
    else:
        data[100:4096] = b"\xff" * (4096 - 100)  # the schema page
    db.write_bytes(bytes(data))
    history, problem = open_history(db, logs=logs)
    assert history is not None
    assert "damaged" in problem and "moved aside" in problem
    assert "3 sessions were rebuilt from the logs" in problem
    with history:
        assert len(history.results()) == 3
    (aside,) = [p for p in db.parent.iterdir() if ".damaged-" in p.name
                and not p.name.endswith(("-wal", "-shm"))]
    assert aside.read_bytes() == bytes(data)


def test_cli_rebuild_and_list(world, capsys):
    tiny, logs, sessions, db = world
    assert main(["history", "--rebuild"]) == 0
    out = capsys.readouterr().out
    assert "3 sessions rebuilt from" in out
    assert main(["history"]) == 0
    out = capsys.readouterr().out
    assert "s1.jsonl" in out and "abandoned" in out


def test_listing_adds_logs_the_database_does_not_know(world):
    from game.store.listing import add_unlisted, finished_logs, recorded_sessions, unlisted_logs
    tiny, logs, sessions, db = world
    assert save_result(sessions[0], db).saved
    history, _ = open_history(db)
    with history:
        assert [p.name for p in unlisted_logs(
            history, logs)] == ["s2.jsonl", "s3.jsonl"]
        assert add_unlisted(history, logs, {"tiny": tiny}.get) == (2, [])
        assert add_unlisted(history, logs, {"tiny": tiny}.get) == (0, [])
        assert finished_logs(history) == {"s1.jsonl", "s2.jsonl"}
    listing = recorded_sessions("sup-r", db)
    assert listing.problem is None and len(listing.records) == 3
    assert recorded_sessions("nobody", db).records == []


def test_listing_of_a_file_that_cannot_be_opened_for_writing_is_read_only(
        world, monkeypatch):
    from game.store import db as store_db
    from game.store.listing import recorded_sessions
    tiny, logs, sessions, db = world
    assert save_result(sessions[0], db).saved

    def refuse(path):
        raise sqlite3.OperationalError("attempt to write a readonly database")
    monkeypatch.setattr(store_db, "sqlite_connect", refuse)
    listing = recorded_sessions(None, db)
    assert [r.uid for r in listing.records] == ["s1.jsonl"]
    assert "read-only" in listing.problem and "shown read-only" in listing.problem


def test_cli_export(world, tmp_path, capsys):
    tiny, logs, sessions, db = world
    assert save_result(sessions[1], db).saved
    out = tmp_path / "mine.csv"
    assert main(["history", "--export", str(out)]) == 0
    assert "1 sessions written" in capsys.readouterr().out
    assert out.read_text(encoding="utf-8").count("\n") == 2
    assert main(["history", "--export", str(tmp_path / "no" / "x.csv")]) == 1
    assert capsys.readouterr().err.startswith("safetynet: cannot write")


def _reseal(path, change):
    """A forger's edit: change the lines, then recompute every digest of the chain."""
    import json

    from game.replay.format import GENESIS, seal
    records = [json.loads(x) for x in path.read_text(encoding="utf-8").splitlines()]
    change(records)
    previous, out = GENESIS, []
    for r in records:
        line, previous = seal(previous, {k: v for k, v in r.items() if k != "digest"})
        out.append(line)
    path.write_text("\n".join(out) + "\n", encoding="utf-8")


def _forge_command_and_score(records):
    command = next(r for r in records if r.get("type") == "command")
    command["tick"] += 1  # a different moment: the re-simulation no longer matches
    end = next(r for r in records if r.get("type") == "end")
    end["score"]["learning"], end["score"]["safety_rating"] = 99.0, "green"


def _forge_score_only(records):
    end = next(r for r in records if r.get("type") == "end")
    end["score"]["learning"] = 99.0


@pytest.mark.parametrize("forge", [_forge_command_and_score, _forge_score_only])
def test_rebuild_recomputes_and_never_takes_a_forged_score(world, forge):
    """Issue 17: a log that does not reproduce gave its end line's scores to the rebuilt
    history; now every log is verified (derived fields too) and a forged one gets no row."""
    tiny, logs, sessions, db = world
    _reseal(logs / "s2.jsonl", forge)
    report = rebuild(db, logs, {"tiny": tiny}.get)
    assert report.records == 2
    (skipped,) = report.skipped
    assert skipped.startswith("s2.jsonl: ") and "does not verify" in skipped
    history, _ = open_history(db)
    with history:
        rows = history.results()
    assert [r.uid for r in rows] == ["s1.jsonl", "s3.jsonl"]
    assert all(r.learning != 99.0 for r in rows)


def test_rebuilt_scores_are_the_recomputed_ones(world):
    tiny, logs, sessions, db = world
    rebuilt = record_from_log(logs / "s2.jsonl", {"tiny": tiny}.get)
    assert rebuilt.learning == pytest.approx(sessions[1].score.learning, abs=1e-6)
    assert rebuilt.safety_rating == sessions[1].score.safety_rating
