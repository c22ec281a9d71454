"""History from the database: rows listed without reading a log, each log checked when opened."""

from __future__ import annotations

import pygame
import pytest

import game.replay.verify as verify
import game.store.rebuild as rebuild
import game.ui.history.history as history_scene
import game.ui.history.model as model
import game.ui.history.stored as stored
from game import paths
from game.store.db import default_path
from game.store.listing import recorded_sessions
from game.store.opening import open_history
from game.store.records import SessionRecord
from game.ui.history.history import HistoryScene
from tests.ui.helpers import press
from tests.ui.review_screens import record


def _no_log_reading(monkeypatch) -> None:
    """Listing must not verify, re-simulate or even read a log: make every way of doing so
    fail the test."""
    def forbidden(*args, **kwargs):
        raise AssertionError(f"a log was read while listing: {args[:1]}")
    for module, name in ((history_scene, "verify_log"), (model, "verify_log"),
                         (model, "read_log"), (rebuild, "read_log"), (verify, "read_log")):
        monkeypatch.setattr(module, name, forbidden)


def _generated(n: int) -> list[SessionRecord]:
    scenarios = ("lumbar_puncture", "medication_dosing")
    return [SessionRecord(uid=f"2025{i:04d}_x.jsonl", player="sup-test",
                          scenario_id=scenarios[i % 2], content_sha256="", profile="p",
                          mode="practice", started_at=f"2025-01-01T{i // 60:02d}:{i % 60:02d}:00",
                          status="finished" if i % 3 else "abandoned",
                          safety_rating=("green", "amber", "red")[i % 3],
                          log_file=f"2025{i:04d}_x.jsonl", end_node="end")
            for i in range(n)]


def _store(records: list[SessionRecord]) -> None:
    history, problem = open_history(default_path())
    assert history is not None and problem is None
    with history:
        history.add_many(records)


def test_generated_rows_listed_newest_first_without_reading_a_log(ctx, library, home,
                                                                   monkeypatch):
    folder = paths.logs_dir()
    folder.mkdir(parents=True, exist_ok=True)
    records = _generated(120)
    _store(records)
    for r in records:  # present (never read: listing only looks for the names)
        (folder / r.log_file).write_text("", encoding="utf-8")
    _no_log_reading(monkeypatch)
    scene = HistoryScene(ctx)
    scene.resize()
    assert len(scene.rows) == 120 and scene.problem == ""
    assert [r.name for r in scene.rows][:2] == ["20250119_x.jsonl", "20250118_x.jsonl"]
    assert [r.sort_key for r in scene.rows] == sorted((r.sort_key for r in scene.rows),
                                                      reverse=True)
    assert all(not r.checked and "not yet checked" in r.note for r in scene.rows)
    assert not any("verified" in r.note or r.word == "Not verified" for r in scene.rows)
    unfinished = next(r for r in scene.rows if r.name == "20250000_x.jsonl")
    assert unfinished.word == "Unfinished" and "Interrupted" in unfinished.facts
    assert scene.rows[0].title == library.get("medication_dosing").title  # i = 119 is odd
    scene.draw(pygame.Surface(ctx.size))
    assert any("not yet checked" in p.text for p in ctx.recorder)


def test_opening_checks_that_log_once_and_says_unsigned(ctx, library, home, monkeypatch):
    folder = paths.logs_dir()
    good = folder / "20250101-090000_lumbar_puncture.jsonl"
    record(ctx, "lumbar_puncture", good, min_decisions=1)
    HistoryScene(ctx)  # the first visit records the log the database did not know
    with monkeypatch.context() as patch:
        _no_log_reading(patch)
        scene = HistoryScene(ctx)
    scene.resize()
    row = scene.rows[0]
    assert row.path == str(good) and not row.checked and row.ok
    end = library.get("lumbar_puncture").nodes[recorded_sessions().records[0].end_node]
    assert end.title and f"Complete: {end.title}" in row.facts  # the ending's words, not its id
    calls = []
    real = history_scene.verify_log
    monkeypatch.setattr(history_scene, "verify_log",
                        lambda *a, **k: calls.append(a[0]) or real(*a, **k))
    press(scene, pygame.K_RETURN)
    row = scene.rows[0]
    assert calls == [str(good)] and row.checked and row.ok
    assert "replays exactly" in row.note and "unsigned" in row.note
    assert "not authenticated" in row.note
    scene.update(16)  # back from the viewer: the list is re-read, the verdict kept
    press(scene, pygame.K_d)
    assert calls == [str(good)] and scene.rows[0].checked


def test_edited_and_unreadable_logs_keep_their_reason_once_checked(ctx, library, home):
    folder = paths.logs_dir()
    tampered = folder / "20250103-090000_lumbar_puncture.jsonl"
    record(ctx, "lumbar_puncture", tampered, policy="takeover", min_decisions=1)
    (folder / "garbage.jsonl").write_bytes(b"\xff\xfe not a log")
    scene = HistoryScene(ctx)  # the tampered log is now known to the database
    text = tampered.read_text(encoding="utf-8").replace('"seq":1', '"seq":9', 1)
    tampered.write_text(text, encoding="utf-8")
    scene = HistoryScene(ctx)
    scene.resize()
    junk = next(r for r in scene.rows if r.name == "garbage.jsonl")
    assert not junk.ok and not junk.readable and "unreadable log" in junk.problem
    scene.focus.focus(str(tampered))
    assert not scene.selected.checked
    press(scene, pygame.K_RETURN)
    scene.update(16)
    broken = next(r for r in scene.rows if r.path == str(tampered))
    assert broken.checked and not broken.ok and "broken hash chain" in broken.problem
    assert broken.word == "Not verified"


@pytest.mark.parametrize("problem", ["history.sqlite is in use by another program",
                                     "the folder holding history.sqlite is read-only"])
def test_unavailable_database_falls_back_to_the_log_scan_and_says_why(ctx, library, home,
                                                                       monkeypatch, problem):
    folder = paths.logs_dir()
    good = folder / "20250101-090000_lumbar_puncture.jsonl"
    record(ctx, "lumbar_puncture", good, min_decisions=1)
    monkeypatch.setattr(stored, "open_history", lambda *a, **k: (None, problem))
    scene = HistoryScene(ctx)
    scene.resize()
    assert problem in scene.problem and "every log was checked" in scene.problem
    row = scene.rows[0]
    assert row.checked and row.ok and "not authenticated" in row.note
    scene.draw(pygame.Surface(ctx.size))
    assert any(problem in p.text for p in ctx.recorder)


def test_damaged_database_is_rebuilt_from_the_logs_and_the_screen_says_so(ctx, library, home):
    good = paths.logs_dir() / "20250101-090000_lumbar_puncture.jsonl"
    record(ctx, "lumbar_puncture", good, min_decisions=1)
    default_path().write_bytes(b"this is not an SQLite file at all" * 40)
    scene = HistoryScene(ctx)
    scene.resize()
    assert "moved aside" in scene.problem and [r.path for r in scene.rows] == [str(good)]
    assert not scene.rows[0].checked  # rebuilt rows are listed like any other, unchecked
