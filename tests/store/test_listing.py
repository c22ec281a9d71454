"""Listing helpers the title and History screens use: left sessions, the logs folder's names."""

from __future__ import annotations

from game.store import SessionRecord, open_history
from game.store.listing import add_unlisted, left_sessions, log_names, unlisted_logs


def _record(uid: str, **changes) -> SessionRecord:
    base = SessionRecord(uid=uid, player="sup-a", scenario_id="tiny", content_sha256="",
                         profile="junior", mode="practice", started_at="2025-01-01T10:00:00",
                         status="abandoned", log_file=uid)
    return base._replace(**changes)


def test_left_sessions_are_the_players_abandoned_ones_in_the_modes_asked_newest_first(
        tmp_path):
    db = tmp_path / "history.sqlite"
    assert left_sessions("sup-a", db) == []  # no file yet: nothing, and no file made
    assert not db.exists()
    history, _ = open_history(db)
    with history:
        history.add_many([
            _record("old.jsonl"), _record("new.jsonl", started_at="2025-02-01T10:00:00"),
            _record("done.jsonl", status="finished"), _record("resumed.jsonl",
                                                                status="resumed"),
            _record("exam.jsonl", mode="assessment"), _record("other.jsonl", player="sup-b")])
    assert [r.uid for r in left_sessions("sup-a", db)] == ["new.jsonl", "old.jsonl"]
    assert [r.uid for r in left_sessions("sup-a", db, ("assessment",))] == ["exam.jsonl"]


def test_left_sessions_of_a_file_that_is_not_a_database_offer_nothing(tmp_path):
    db = tmp_path / "history.sqlite"
    db.write_bytes(b"not sqlite at all" * 100)
    assert left_sessions("sup-a", db) == []


def test_log_names_and_unlisted_logs_skip_notes_folders_and_other_files(tmp_path):
    logs = tmp_path / "logs"
    logs.mkdir()
    for name in ("a.jsonl", "b.jsonl", "a.notes.jsonl", "readme.txt"):
        (logs / name).write_text("", encoding="utf-8")
    (logs / "c.jsonl").mkdir()
    assert log_names(logs) == {"a.jsonl", "b.jsonl", "a.notes.jsonl", "readme.txt"}
    assert log_names(tmp_path / "missing") == set()
    history, _ = open_history(tmp_path / "history.sqlite")
    with history:
        history.add(_record("a.jsonl"))
        assert unlisted_logs(history, logs) == [logs / "b.jsonl"]
        added, skipped = add_unlisted(history, logs, {}.get, log_names(logs))
        assert (added, skipped) == (0, ["b.jsonl: line 1: empty file: not a replay log"])
