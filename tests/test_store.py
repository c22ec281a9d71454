"""The history store: versioned schema, newer files refused, damaged files moved aside."""

from __future__ import annotations

import sqlite3

import pytest

from game.core.state import SessionConfig
from game.headless import ScriptedPolicy, play_out
from game.replay.session import RecordedSession
from game.scoring.params import ModelParams
from game.store import SCHEMA_VERSION, ResultRow, open_history, result_from_session, save_result
from game.store.db import default_path, schema_version

ROW = ResultRow("sup-1", "tiny", "ab" * 32, "junior", "assessment", "2025-01-01T10:00:00+00:00",
                3.5, 1.25, 1.0, 0.5, "amber", "20250101-100000_tiny.jsonl")


def test_default_path_is_in_the_user_folder(home_dir):
    assert default_path() == home_dir / "history.sqlite"


@pytest.fixture
def home_dir(_isolated_home):
    return _isolated_home


def test_round_trip_and_schema_version(tmp_path):
    path = tmp_path / "history.sqlite"
    history, problem = open_history(path)
    assert problem is None
    with history:
        history.add(ROW)
        history.add(ROW.__class__(**{**ROW.__dict__, "mode": "practice"}))
        assert history.results()[0] == ROW
        assert [r.mode for r in history.results(mode="practice")] == ["practice"]
        assert history.results(player="nobody") == []
        assert schema_version(history.connection) == SCHEMA_VERSION


def test_newer_schema_is_refused_and_left_alone(tmp_path):
    path = tmp_path / "history.sqlite"
    connection = sqlite3.connect(path)
    connection.execute("CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)")
    connection.execute("INSERT INTO meta VALUES ('schema_version', '99')")
    connection.commit()
    connection.close()
    before = path.read_bytes()
    history, problem = open_history(path)
    assert history is None and "newer Safety Net" in problem and "99" in problem
    assert path.read_bytes() == before


@pytest.mark.parametrize("content", [b"this is not a database at all" * 100, b"\0" * 4096])
def test_damaged_file_is_moved_aside_never_a_crash(tmp_path, content):
    path = tmp_path / "history.sqlite"
    path.write_bytes(content)
    history, problem = open_history(path)
    assert history is not None and "damaged" in problem and "moved aside" in problem
    with history:
        history.add(ROW)
        assert len(history.results()) == 1
    aside = [p for p in tmp_path.iterdir() if ".damaged-" in p.name]
    assert len(aside) == 1 and aside[0].read_bytes() == content


def test_wrong_tables_count_as_damaged(tmp_path):
    path = tmp_path / "history.sqlite"
    connection = sqlite3.connect(path)
    connection.execute("CREATE TABLE sessions (x INTEGER)")
    connection.commit()
    connection.close()
    history, problem = open_history(path)
    assert history is not None and "damaged" in problem
    history.close()


def test_save_result_of_a_finished_logged_session(tiny, tmp_path):
    log = tmp_path / "logs" / "run.jsonl"
    config = SessionConfig(tiny.id, 4, tiny.trainees[0].id, "normal", "assessment")
    session = play_out(RecordedSession(tiny, config, ModelParams(), log, player="sup-x",
                                       started_at="2025-02-03T04:05:06+00:00"),
                       ScriptedPolicy("watch", seed=1))
    db = tmp_path / "history.sqlite"
    report = save_result(session, db)
    assert report.saved and report.problem is None
    history, _ = open_history(db)
    with history:
        (row,) = history.results()
    assert row == result_from_session(session)
    assert (row.player, row.mode, row.log_file) == ("sup-x", "assessment", "run.jsonl")
    assert row.started_at == "2025-02-03T04:05:06+00:00"
    assert row.content_sha256 == tiny.content_sha256 and row.safety_rating in (
        "green", "amber", "red")
    assert row.learning == pytest.approx(session.score.learning, abs=1e-6)


def test_save_result_reports_a_newer_file(tiny, tmp_path):
    db = tmp_path / "history.sqlite"
    connection = sqlite3.connect(db)
    connection.execute("CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)")
    connection.execute("INSERT INTO meta VALUES ('schema_version', '2')")
    connection.commit()
    connection.close()
    config = SessionConfig(tiny.id, 4, tiny.trainees[0].id)
    session = play_out(RecordedSession(tiny, config, ModelParams(), None),
                       ScriptedPolicy("watch", seed=1))
    report = save_result(session, db)
    assert not report.saved and "newer" in report.problem
