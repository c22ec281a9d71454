"""Profiles: pseudonymous names, switching, CSV export, deletion only when confirmed."""

from __future__ import annotations

import csv

import pytest

from game.app.profiles import (
    ProfileError,
    create_profile,
    current_profile,
    delete_profile,
    deletion_plan,
    export_csv,
    profiles,
    rename_profile,
    switch_to,
)
from game.store import SessionRecord, open_history
from game.store.records import Intervention


@pytest.fixture
def history(tmp_path):
    history, problem = open_history(tmp_path / "history.sqlite")
    assert problem is None
    yield history
    history.close()


def _session(uid: str, player: str) -> SessionRecord:
    return SessionRecord(uid, player, "lp", "ab", "junior", "practice", f"2025-01-01T{uid}",
                         learning=2.0, regret=0.5, safety_rating="green", log_file=uid,
                         interventions=(Intervention("d1", "probe", "player", 45, 15),))


@pytest.mark.parametrize("name, message", [
    ("", "type a nickname"), ("a" * 25, "at most 24"), ("me@example.org", "not an e-mail"),
    ("0791234567", "not an e-mail address or a number"), ("<b>", "letters, digits")])
def test_names_that_look_personal_or_broken_are_refused(history, name, message):
    with pytest.raises(ProfileError, match=message):
        create_profile(history, name)


def test_create_switch_and_rename(history, tmp_path):
    owl = create_profile(history, "  Night   owl ")
    assert owl.name == "Night owl" and owl.id.startswith("sup-")
    with pytest.raises(ProfileError, match="already a profile"):
        create_profile(history, "night OWL")
    assert current_profile(history, tmp_path) is None
    switch_to(owl, tmp_path)
    assert (tmp_path / "player_id").read_text().strip() == owl.id
    assert current_profile(history, tmp_path) == owl
    rename_profile(history, owl.id, "Lark")
    assert [p.name for p in profiles(history)] == ["Lark"]
    with pytest.raises(ProfileError, match="no such profile"):
        rename_profile(history, "sup-nobody", "X")


def test_the_session_start_records_under_the_chosen_profile(history, _isolated_home):
    from game.app.sessions import player_id
    lark = create_profile(history, "Lark")
    switch_to(lark)
    assert player_id() == lark.id


def test_export_writes_one_row_per_session_of_that_profile(history, tmp_path):
    a, b = create_profile(history, "A"), create_profile(history, "B")
    history.add_many([_session("1.jsonl", a.id), _session("2.jsonl", b.id),
                      _session("3.jsonl", a.id)])
    out = tmp_path / "a.csv"
    assert export_csv(history, out, a.id) == 2
    rows = list(csv.DictReader(out.open(encoding="utf-8")))
    assert [r["uid"] for r in rows] == ["1.jsonl", "3.jsonl"]
    assert rows[0]["interventions"] == "d1=probe@3s" and rows[0]["entrustment"] == ""


def test_delete_needs_the_name_and_removes_rows_and_logs(history, tmp_path):
    logs = tmp_path / "logs"
    logs.mkdir()
    a, b = create_profile(history, "Alpha"), create_profile(history, "Beta")
    history.add_many([_session("1.jsonl", a.id), _session("2.jsonl", b.id)])
    for name in ("1.jsonl", "1.notes.jsonl", "1.entrustment.json", "2.jsonl"):
        (logs / name).write_text("{}\n")
    switch_to(a, tmp_path)
    assert deletion_plan(history, a.id, logs).sessions == 1
    with pytest.raises(ProfileError, match="type 'Alpha' to confirm"):
        delete_profile(history, a, "Beta", logs, tmp_path)
    assert (logs / "1.jsonl").exists()
    done = delete_profile(history, a, "alpha", logs, tmp_path)
    assert done.sessions == 1 and sorted(p.name for p in done.logs) == [
        "1.entrustment.json", "1.jsonl", "1.notes.jsonl"]
    assert sorted(p.name for p in logs.iterdir()) == ["2.jsonl"]
    assert [p.name for p in profiles(history)] == ["Beta"]
    assert [r.uid for r in history.results()] == ["2.jsonl"]
    assert current_profile(history, tmp_path) is None
