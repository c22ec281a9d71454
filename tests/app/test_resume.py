"""Save and resume: a practice session left mid-vignette goes on from its log."""

from __future__ import annotations

import json

import pytest

from game.app.resume import ResumeError, mark_resumed, resumable, resume
from game.core.commands import Intervene
from game.core.events import InterventionMade, NodeEntered
from game.core.model import Decision
from game.core.state import SessionConfig, fingerprint
from game.core.view import view
from game.headless import ScriptedPolicy, play_out
from game.replay.session import RecordedSession
from game.replay.verify import verify_log
from game.scoring.params import ModelParams
from game.store import open_history
from game.store.results import record_from_session


def _left_after_first_choice(tiny, log, mode="practice") -> RecordedSession:
    config = SessionConfig(tiny.id, 11, "junior", "normal", mode)
    session = RecordedSession(tiny, config, ModelParams(risk_weight=3.0), log,
                              player="sup-q", started_at="2025-05-05T10:00:00+00:00")
    while not isinstance(tiny.node(view(tiny, session.state).node_id), Decision):
        session.advance(max(1, view(tiny, session.state).ticks_left))
    session.advance(5)
    session.issue(Intervene("d1", "cue"))
    session.advance(3)
    session.close()
    return session


def test_resumed_session_continues_from_the_same_point_and_verifies(tiny, tmp_path):
    left = _left_after_first_choice(tiny, tmp_path / "left.jsonl")
    resumed = resume(tmp_path / "left.jsonl", tiny, tmp_path / "resumed.jsonl")
    assert fingerprint(resumed.state) == json.loads(
        (tmp_path / "left.jsonl").read_text().splitlines()[-1])["fingerprint"]
    assert resumed.state.history == left.state.history
    assert resumed.params.risk_weight == 3.0
    # the story so far is in the session's events (a screen narrates it), the choice too
    made = [e for e in resumed.events if isinstance(e, InterventionMade)]
    assert [(e.decision, e.option) for e in made] == [("d1", "cue")]
    assert isinstance(resumed.events[0], NodeEntered)
    play_out(resumed, ScriptedPolicy("watch", seed=2))
    assert resumed.finished
    header = json.loads((tmp_path / "resumed.jsonl").read_text().splitlines()[0])
    assert header["parent"]["kind"] == "resume" and header["parent"]["log"] == "left.jsonl"
    assert header["player"] == "sup-q" and header["seed"] == 11
    assert verify_log(str(tmp_path / "resumed.jsonl"), {"tiny": tiny}.get).ok


@pytest.mark.parametrize("problem", ["finished", "assessment", "changed", "unreadable"])
def test_what_cannot_be_resumed_says_why(tiny, tmp_path, problem):
    log = tmp_path / "x.jsonl"
    if problem == "finished":
        config = SessionConfig(tiny.id, 1, "junior", "normal", "practice")
        play_out(RecordedSession(tiny, config, ModelParams(), log), ScriptedPolicy("watch"))
    elif problem == "unreadable":
        log.write_text("nonsense\n")
    else:
        _left_after_first_choice(tiny, log, "assessment" if problem == "assessment"
                                 else "practice")
    scenario = tiny
    if problem == "changed":
        from dataclasses import replace
        scenario = replace(tiny, content_sha256="0" * 64)
    words = {"finished": "is finished", "assessment": "only practice sessions",
             "changed": "has changed since", "unreadable": "cannot be read"}[problem]
    with pytest.raises(ResumeError, match=words):
        resume(log, scenario, tmp_path / "out.jsonl")
    assert not (tmp_path / "out.jsonl").exists()


def test_resumable_lists_abandoned_practice_logs_and_marks_resumed(tiny, tmp_path):
    left = _left_after_first_choice(tiny, tmp_path / "left.jsonl")
    record = record_from_session(left)
    gone = record.with_(uid="gone.jsonl", log_file="gone.jsonl")
    exam = record.with_(uid="exam.jsonl", mode="assessment")
    assert record.status == "abandoned"
    assert resumable([record, gone, exam], tmp_path) == [record]
    history, _ = open_history(tmp_path / "history.sqlite")
    with history:
        history.add(record)
        mark_resumed(history, record.uid)
        (row,) = history.results()
        assert row.status == "resumed" and resumable([row], tmp_path) == []


def test_a_rebuild_marks_the_parent_of_a_resumed_log(tiny, tmp_path):
    from game.store.rebuild import records_from_logs
    _left_after_first_choice(tiny, tmp_path / "a_left.jsonl")
    session = resume(tmp_path / "a_left.jsonl", tiny, tmp_path / "b_resumed.jsonl")
    play_out(session, ScriptedPolicy("watch", seed=2))
    records, skipped = records_from_logs(tmp_path, {"tiny": tiny}.get)
    assert skipped == [] and [(r.uid, r.status) for r in records] == [
        ("a_left.jsonl", "resumed"), ("b_resumed.jsonl", "finished")]


def test_stopped_tick_is_the_last_command_even_with_a_cut_last_line(tiny, tmp_path):
    from game.app.resume import last_step, stopped_tick
    _left_after_first_choice(tiny, tmp_path / "left.jsonl")
    lines = (tmp_path / "left.jsonl").read_text().splitlines()
    last = json.loads(lines[-1])["tick"]
    assert stopped_tick(tmp_path / "left.jsonl") == last
    with open(tmp_path / "left.jsonl", "a", encoding="utf-8") as handle:
        handle.write('{"command": {"kind": "sk')  # killed mid-write
    assert stopped_tick(tmp_path / "left.jsonl") == last
    assert last_step(tmp_path / "left.jsonl") == (last, "intervene")
    (tmp_path / "header.jsonl").write_text(lines[0] + "\n")
    assert stopped_tick(tmp_path / "header.jsonl") == 0
    assert last_step(tmp_path / "header.jsonl") == (0, "")
    skipped = dict(json.loads(lines[-1]), tick=last + 7, command={"kind": "skip"})
    (tmp_path / "skipped.jsonl").write_text("\n".join([*lines, json.dumps(skipped)]) + "\n")
    assert last_step(tmp_path / "skipped.jsonl") == (last + 7, "skip")
    (tmp_path / "junk.jsonl").write_bytes(b"\xff\xfe")
    assert stopped_tick(tmp_path / "junk.jsonl") is None
    assert stopped_tick(tmp_path / "gone.jsonl") is None


def test_latest_offer_skips_refused_and_take_up_marks_the_parent(tiny, tmp_path):
    from game.app.resume import latest_offer, take_up
    db = tmp_path / "history.sqlite"
    older = record_from_session(_left_after_first_choice(tiny, tmp_path / "a.jsonl"))
    newer = record_from_session(_left_after_first_choice(tiny, tmp_path / "b.jsonl"))
    newer = newer.with_(started_at="2025-05-06T10:00:00+00:00")
    history, _ = open_history(db)
    with history:
        history.add_many([older, newer])
    offer = latest_offer("sup-q", tmp_path, db)
    assert offer is not None and offer.record.uid == "b.jsonl"
    assert offer.stopped_seconds == offer.stopped_tick / 10
    assert offer.last_step == "intervene"  # the offer words it as "your last choice"
    assert latest_offer("sup-q", tmp_path, db, skip={"b.jsonl"}).record.uid == "a.jsonl"
    assert latest_offer("sup-other", tmp_path, db) is None
    session, problem = take_up(offer, tiny, tmp_path / "c.jsonl", db)
    assert problem is None and not session.finished
    session.close()
    history, _ = open_history(db)
    with history:
        assert {r.uid: r.status for r in history.results()} == {"a.jsonl": "abandoned",
                                                                "b.jsonl": "resumed"}
    assert latest_offer("sup-q", tmp_path, db).record.uid == "a.jsonl"


def test_take_up_plays_on_when_the_history_cannot_mark_the_parent(tiny, tmp_path):
    from game.app.resume import offer_for, take_up
    record = record_from_session(_left_after_first_choice(tiny, tmp_path / "a.jsonl"))
    offer = offer_for(record, tmp_path)
    assert offer is not None
    db = tmp_path / "newer.sqlite"
    history, _ = open_history(db)
    with history:
        history.connection.execute("UPDATE meta SET value = '99' WHERE key = "
                                   "'schema_version'")
        history.connection.commit()
    session, problem = take_up(offer, tiny, tmp_path / "b.jsonl", db)
    assert "newer Safety Net" in problem and fingerprint(session.state) == json.loads(
        (tmp_path / "a.jsonl").read_text().splitlines()[-1])["fingerprint"]
    session.close()
    assert offer_for(record.with_(status="finished"), tmp_path) is None
    assert offer_for(record.with_(log_file="gone.jsonl"), tmp_path) is None
