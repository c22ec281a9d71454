from __future__ import annotations

import pytest

from game.core.commands import Intervene
from game.core.state import SessionConfig
from game.core.view import view
from game.replay.reader import read_log
from game.replay.session import RecordedSession
from game.replay.verify import verify_log
from game.replay.workshop import new_vote, summarise
from game.scoring.params import ModelParams


def run_workshop(tiny, path, room):
    """Drive a workshop: at every window, record the room's vote and follow the majority."""
    session = RecordedSession(tiny, SessionConfig("tiny", 3, "senior", mode="workshop"),
                              ModelParams(), path)
    while not session.finished:
        v = view(tiny, session.state)
        if v.node_kind == "decision":
            vote = new_vote(tiny.node(v.node_id))
            for option, n in room[v.node_id].items():
                vote.set(option, n)
            followed = vote.majority()
            session.record_vote(vote.as_record(followed, session.state.tick))
            session.issue(Intervene(v.node_id, followed))
        else:
            session.advance(max(1, v.ticks_left))
    return session


def test_votes_are_recorded_and_the_workshop_verifies(tiny, tmp_path):
    path = tmp_path / "w.jsonl"
    run_workshop(tiny, path, {"d1": {"watch": 3, "probe": 7, "cue": 2},
                              "d2": {"watch": 9, "cue": 4}})
    log = read_log(path)
    assert [v["counts"] for v in log.lines if v.get("type") == "vote"][0]["probe"] == 7
    assert verify_log(str(path), lambda s: tiny).ok
    summary = summarise(log, tiny)
    assert [r.majority for r in summary.decisions][0] == "probe"
    assert all(r.followed == r.majority for r in summary.decisions)
    assert summary.majority_attitude is not None


def test_vote_tallies_and_ties():
    from tests.inline import TINY_YAML, load_text
    d1 = load_text(TINY_YAML).node("d1")
    vote = new_vote(d1)
    assert vote.majority() is None
    vote.add("cue", 2)
    vote.add("watch", 2)
    assert vote.majority() == "watch"  # ties go to the lower rung
    vote.add("watch", -5)
    assert vote.counts["watch"] == 0 and vote.shares()["cue"] == 1.0
    with pytest.raises(ValueError):
        vote.add("teleport")
