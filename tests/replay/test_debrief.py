from __future__ import annotations

import pytest

from game.core.state import SessionConfig
from game.headless import ScriptedPolicy, play_out
from game.replay.annotations import Note, add_note, read_notes, sidecar_path
from game.replay.branch import BranchError, branch, decisions_in
from game.replay.debrief import build_debrief
from game.replay.reader import read_log
from game.replay.session import RecordedSession
from game.replay.verify import verify_log
from game.scoring.params import ModelParams


def recorded(tiny, path, kind="random", seed=9):
    session = RecordedSession(tiny, SessionConfig("tiny", seed, "unknown"), ModelParams(), path)
    play_out(session, ScriptedPolicy(kind, seed=seed))
    return read_log(path)


def finder(s):
    return lambda sid: s if sid == s.id else None


def test_branching_reproduces_everything_before_the_branch(tiny, tmp_path):
    for seed in range(8):
        log = recorded(tiny, tmp_path / f"p{seed}.jsonl", "watch", seed)
        decisions = decisions_in(log)
        for k, step in enumerate(decisions):
            other = next(o.id for o in tiny.node(step["node"]).options
                         if o.id != step["choice"])
            out = tmp_path / f"b{seed}_{k}.jsonl"
            session = branch(log, tiny, k, other, out)
            play_out(session, ScriptedPolicy("watch"))
            path = session.state.history
            taken = [s for s in path if s.kind == "decision"]
            assert [(s.node, s.choice) for s in taken[:k]] == \
                [(d["node"], d["choice"]) for d in decisions[:k]]
            assert taken[k].choice == other and taken[k].tick == step["tick"] - (
                1 if step["by"] == "timeout" else 0) or taken[k].choice == other
            header = read_log(out).header
            assert header["parent"]["decision"] == step["node"] and header["parent"]["index"] == k
            assert verify_log(str(out), finder(tiny)).ok


def test_branch_refuses_bad_requests(tiny, tmp_path):
    log = recorded(tiny, tmp_path / "p.jsonl", "watch")
    with pytest.raises(BranchError):
        branch(log, tiny, 9, "cue", None)
    with pytest.raises(BranchError):
        branch(log, tiny, 0, "teleport", None)


def test_debrief_has_the_pearls_parts(tiny, tmp_path):
    log = recorded(tiny, tmp_path / "p.jsonl", "watch")
    d = build_debrief(log, tiny)
    assert d.reactions and d.timeline[0].kind == "narration" and d.timeline[-1].kind == "end"
    assert [x.node for x in d.decisions] == [s["node"] for s in decisions_in(log)]
    for x in d.decisions:
        assert x.cue in x.inquiry and x.options and x.regret >= 0
        assert (x.regret == 0.0) == (x.chosen == x.best)
    assert any("Safety rating" in line for line in d.summary)


def test_annotations_live_beside_the_log_and_survive_a_crash(tiny, tmp_path):
    path = tmp_path / "p.jsonl"
    log = recorded(tiny, path)
    before = path.read_bytes()
    add_note(path, Note(25, "Here she hesitated <b>bold</b>", decision="d1"))
    add_note(path, Note(5, "Briefing was rushed"))
    with open(sidecar_path(path), "a") as f:
        f.write('{"type":"note","tick":9')  # crash mid-write
    notes, problems = read_notes(path)
    assert [n.tick for n in notes] == [5, 25] and not problems
    assert path.read_bytes() == before
    assert verify_log(str(path), finder(tiny)).ok
    assert [n.text for n in build_debrief(log, tiny).notes][1].startswith("Here she")


def test_rewind_resumes_at_the_open_window_and_verifies(tiny, tmp_path):
    from game.core.commands import Intervene
    from game.replay.branch import rewind_to
    log = recorded(tiny, tmp_path / "p.jsonl", "random", 2)
    for k, step in enumerate(decisions_in(log)):
        out = tmp_path / f"r{k}.jsonl"
        session = rewind_to(log, tiny, k, out)
        assert session.state.node_id == step["node"]
        assert session.state.tick == step["tick"] - step["elapsed"]
        session.issue(Intervene(step["node"], "watch"))
        play_out(session, ScriptedPolicy("watch"))
        assert read_log(out).header["parent"]["kind"] == "rewind"
        assert verify_log(str(out), finder(tiny)).ok
