"""The history store: versioned schema, migrations from the first release, upserts, records."""

from __future__ import annotations

import sqlite3

import pytest

from game.core.state import SessionConfig
from game.headless import ScriptedPolicy, play_out
from game.replay.session import RecordedSession
from game.scoring.params import ModelParams
from game.store import SCHEMA_VERSION, SessionRecord, open_history
from game.store.db import default_path
from game.store.records import Intervention
from game.store.results import save_abandoned, save_result
from game.store.schema import V1_SCRIPT, schema_version

RECORD = SessionRecord("a.jsonl", "sup-1", "tiny", "ab" * 32, "junior", "assessment",
                       "2025-01-01T10:00:00+00:00", learning=3.5, harm=1.25, net=1.0,
                       regret=0.5, safety_rating="amber", log_file="a.jsonl",
                       interventions=(Intervention("d1", "probe", "player", 40, 10),))


def test_default_path_is_in_the_user_folder(_isolated_home):
    assert default_path() == _isolated_home / "history.sqlite"


def test_round_trip_wal_and_schema_version(tmp_path):
    history, problem = open_history(tmp_path / "history.sqlite")
    assert problem is None
    with history:
        history.add(RECORD)
        history.add(RECORD.with_(uid="b", mode="practice"))
        assert history.results()[0] == RECORD
        assert [r.mode for r in history.results(mode="practice")] == ["practice"]
        assert history.results(player="nobody") == []
        assert schema_version(history.connection) == SCHEMA_VERSION
        mode = history.connection.execute("PRAGMA journal_mode").fetchone()[0]
    assert mode == "wal"


def test_same_uid_updates_and_finished_is_never_replaced_by_abandoned(tmp_path):
    history, _ = open_history(tmp_path / "history.sqlite")
    with history:
        history.add(RECORD.with_(status="abandoned", regret=None))
        history.add(RECORD.with_(entrustment=4))
        history.add(RECORD.with_(status="abandoned", regret=None))
        history.add(RECORD.with_(learning=9.0))
        (row,) = history.results()
    assert row.status == "finished" and row.learning == 9.0 and row.entrustment == 4


def _v1_file(path, rows):
    connection = sqlite3.connect(path)
    connection.executescript(V1_SCRIPT)
    connection.execute("CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)")
    connection.execute("INSERT INTO meta VALUES ('schema_version', '1')")
    connection.executemany("INSERT INTO sessions (player, scenario_id, content_sha256, "
                           "profile, mode, started_at, learning, harm, net, regret, "
                           "safety_rating, log_file) VALUES (?,?,?,?,?,?,?,?,?,?,?,?)", rows)
    connection.commit()
    connection.close()


def test_first_release_file_is_migrated_with_every_row_kept(tmp_path):
    path = tmp_path / "history.sqlite"
    rows = [("sup-1", "lp", "cd" * 32, "junior", "practice", f"2025-01-0{i}T10:00:00",
             1.0 * i, 0.5, 0.0, 0.25, "green", log) for i, log in
            enumerate(["x.jsonl", "", "x.jsonl", "y.jsonl"], start=1)]
    _v1_file(path, rows)
    history, problem = open_history(path)
    assert problem is None
    with history:
        assert schema_version(history.connection) == SCHEMA_VERSION
        records = history.results()
        players = history.connection.execute("SELECT id FROM players").fetchall()
    assert [r.learning for r in records] == [1.0, 2.0, 3.0, 4.0]
    assert [r.uid for r in records] == ["x.jsonl", "v1-row-2", "v1-row-3", "y.jsonl"]
    assert all(r.status == "finished" and r.interventions == () for r in records)
    assert players == [("sup-1",)]
    assert not [p for p in tmp_path.iterdir() if "damaged" in p.name]


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


def test_unrecognised_tables_are_reported_not_moved(tmp_path):
    path = tmp_path / "history.sqlite"
    connection = sqlite3.connect(path)
    connection.execute("CREATE TABLE sessions (x INTEGER)")
    connection.execute("INSERT INTO sessions VALUES (7)")
    connection.commit()
    connection.close()
    history, problem = open_history(path)
    assert history is None and "history --rebuild" in problem
    assert sorted(p.name for p in tmp_path.iterdir()) == ["history.sqlite"]
    assert sqlite3.connect(path).execute("SELECT x FROM sessions").fetchall() == [(7,)]


@pytest.fixture
def session_of(tiny, tmp_path):
    def play(policy: str, log: bool = True, finish: bool = True) -> RecordedSession:
        path = tmp_path / "logs" / f"{policy}-{finish}.jsonl" if log else None
        config = SessionConfig(tiny.id, 4, tiny.trainees[0].id, "normal", "assessment")
        session = RecordedSession(tiny, config, ModelParams(), path, player="sup-x",
                                  started_at="2025-02-03T04:05:06+00:00")
        if finish:
            return play_out(session, ScriptedPolicy(policy, seed=1))
        session.advance(1)
        session.close()
        return session
    return play


def test_save_result_of_a_finished_logged_session(session_of, tiny, tmp_path):
    session = session_of("takeover")
    db = tmp_path / "history.sqlite"
    report = save_result(session, db, entrustment=3)
    assert report == (True, None, False)
    history, _ = open_history(db)
    with history:
        (row,) = history.results()
    assert (row.player, row.mode, row.log_file, row.uid) == (
        "sup-x", "assessment", "takeover-True.jsonl", "takeover-True.jsonl")
    assert row.started_at == "2025-02-03T04:05:06+00:00" and row.seed == 4
    assert row.content_sha256 == tiny.content_sha256 and row.status == "finished"
    assert row.learning == pytest.approx(session.score.learning, abs=1e-6)
    assert row.regret == pytest.approx(session.score.regret, abs=1e-6)
    assert row.competence == session.state.competence and row.entrustment == 3
    assert (row.category, row.supervision) == (tiny.category, tiny.supervision)
    decisions = [s for s in session.state.history if s.kind == "decision"]
    assert [(i.node, i.choice, i.tick, i.opened) for i in row.interventions] == [
        (s.node, s.choice, s.tick, s.tick - s.elapsed) for s in decisions]
    ranks = [tiny.node(s.node).option(s.choice).level.rank for s in decisions]
    best = [tiny.node(r.node).option(r.best).level.rank for r in session.score.decisions]
    assert [i.rung for i in row.interventions] == ranks and ranks == [4] * len(ranks)
    assert [i.best_rung for i in row.interventions] == best


def test_unrecorded_and_abandoned_sessions_are_kept(session_of, tmp_path):
    db = tmp_path / "history.sqlite"
    assert save_result(session_of("watch", log=False), db).saved
    assert save_abandoned(session_of("watch", finish=False), db).saved
    history, _ = open_history(db)
    with history:
        rows = history.results()
    assert sorted(r.status for r in rows) == ["abandoned", "finished"]
    unrecorded = next(r for r in rows if r.status == "finished")
    assert unrecorded.log_file == "" and unrecorded.uid.startswith("unrecorded:")
    left = next(r for r in rows if r.status == "abandoned")
    assert left.regret is None and left.safety_rating == "" and left.log_file


def test_save_result_of_a_newer_file_is_queued_not_lost(session_of, tmp_path):
    db = tmp_path / "history.sqlite"
    connection = sqlite3.connect(db)
    connection.execute("CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)")
    connection.execute("INSERT INTO meta VALUES ('schema_version', '3')")
    connection.commit()
    connection.close()
    report = save_result(session_of("watch"), db)
    assert not report.saved and report.queued and "newer" in report.problem
    assert "kept" in report.problem


def test_moments_from_a_scoring_model_that_gives_them():
    from types import SimpleNamespace

    from game.store.capture import with_moments
    moments = (Intervention("d1", "probe", "player", 60, 20),
               Intervention("d2", "watch", "timeout", 200, 100))
    v2 = SimpleNamespace(chosen="probe", window_s=8.0, best_moment_s=(1.0, 2.5),
                         last_safe_moment_s={"probe": 5.0}, chosen_moment_s=4.0)
    v1 = SimpleNamespace(chosen="watch")
    first, second = with_moments(moments, SimpleNamespace(decisions=(v2, v1)))
    assert (first.best_moment, first.last_safe, first.chosen_at) == ((1.0, 2.5), 5.0, 4.0)
    assert first.waited_seconds == 4.0 and second == moments[1]
    assert second.waited_seconds == 10.0
    assert Intervention.from_dict(first.as_dict()) == first


def test_a_list_without_moments(tmp_path):
    history, _ = open_history(tmp_path / "history.sqlite")
    with history:
        history.add(RECORD)
        (light,) = history.results(moments=False)
    assert light == RECORD.with_(interventions=())
