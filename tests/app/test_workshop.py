"""The workshop state machine driven end to end through the application layer, no pygame:
votes, hot seat, reveal, follow, going back with the votes kept, and the end comparison."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from game.app.sessions import Launch, start_session
from game.app.workshop import Ballot, RewindError, Workshop
from game.core.model import Decision, Scenario
from game.replay.reader import read_log
from game.replay.verify import verify_log
from game.replay.workshop import votes_in


def _workshop(scenario: Scenario, tmp_path: Path, seed: int = 5) -> Workshop:
    session = start_session(scenario, "confident_junior", "workshop", "normal",
                            Launch(seed), risk_weight=4.0, client="test")
    names = iter(range(100))
    return Workshop(scenario, session,
                    new_log=lambda sid, folder: folder / f"{sid}-rewind-{next(names)}.jsonl")


def _run_to_vote(w: Workshop) -> None:
    while w.phase == "running":
        w.advance(1)


def _until_consequence(w: Workshop) -> None:
    """A followed rung takes a moment to act (time runs meanwhile); then it is held."""
    while w.phase == "running":
        w.advance(1)


def _room_votes(w: Workshop, counts: dict[str, int]) -> None:
    for option, n in counts.items():
        for _ in range(n):
            assert w.vote(option)


def test_a_workshop_end_to_end_without_pygame(library, lumbar, tmp_path):
    w = _workshop(lumbar, tmp_path)
    seen: list[int] = []
    w.listeners.append(lambda ws: seen.append(ws.version))
    _run_to_vote(w)
    assert w.phase == "vote" and w.held and w.ballot is not None
    tick = w.session.state.tick
    assert w.advance(5) == [] and w.session.state.tick == tick  # time stands still
    first = w.ballot.decision
    assert not w.toggle_reveal()                                # an empty vote stays hidden
    w.toggle_hot_seat()
    _room_votes(w, {"watch": 1, "probe": 3})
    assert w.snapshot()["ballot"]["counts"] is None             # hidden in hot seat
    assert w.toggle_reveal()
    assert w.snapshot()["ballot"]["counts"] == {"watch": 1, "probe": 3, "cue": 0,
                                                "guide": 0, "takeover": 0}
    assert not w.vote("watch")                                  # counts frozen once shown
    assert w.ballot.follow == "probe"                           # the majority
    w.follow()
    _until_consequence(w)
    assert w.phase == "consequence" and w.held and w.advance(3) == []
    w.go_on()
    while w.phase not in ("vote", "ended"):
        w.advance(1)
        if w.phase == "consequence":
            w.go_on()
    assert w.phase == "vote", "lumbar_puncture reaches a second decision on seed 5"
    second = w.ballot.decision
    _room_votes(w, {"guide": 2})
    w.toggle_reveal()
    w.pick("watch")                                             # explore, not the majority
    w.follow()
    _until_consequence(w)
    parent = w.session.log_path
    assert w.go_back() == 2                                     # back at the second window
    assert w.phase == "vote" and w.ballot.decision == second and not w.frozen
    assert w.session.log_path != parent
    assert read_log(w.session.log_path).header["parent"]["kind"] == "rewind"
    assert w.ballot.kept and w.ballot.vote.counts == {"guide": 2}  # Backspace keeps the hands
    _room_votes(w, {"takeover": 1})                             # one changes their mind
    w.toggle_reveal()
    w.follow()
    while w.phase != "ended":
        if w.phase == "vote":
            _room_votes(w, {w.ballot.options[0]: 1})
            w.toggle_reveal()
            w.follow()
        elif w.phase == "consequence":
            w.go_on()
        else:
            w.advance(1)
    summary = w.summary()
    rows = {r.decision: r for r in summary.decisions}
    assert rows[first].counts["probe"] == 3 and rows[first].followed == "probe"  # inherited
    assert rows[second].counts == {"watch": 0, "probe": 0, "cue": 0, "guide": 2,
                                   "takeover": 1}           # counted once, in the new log
    assert votes_in(read_log(parent))[-1]["followed"] == "watch"  # the first try is kept
    for log in (parent, w.session.log_path):
        assert verify_log(str(log), library.get).ok
    assert seen == sorted(seen) and len(seen) > 10


def test_going_back_before_any_decision_is_refused(lumbar, tmp_path):
    w = _workshop(lumbar, tmp_path)
    with pytest.raises(RewindError, match="no decision"):
        w.go_back()
    w.close()


def test_freeze_holds_time_in_any_phase(lumbar, tmp_path):
    w = _workshop(lumbar, tmp_path)
    w.toggle_freeze()
    assert w.advance(10) == [] and w.session.state.tick == 0
    w.toggle_freeze()
    assert w.advance(1) is not None and w.session.state.tick == 1
    w.close()


def test_ballot_rules(lumbar):
    decision = lumbar.node("angle_decision")
    assert isinstance(decision, Decision)
    ballot = Ballot(decision)
    assert ballot.follow is None and ballot.option(1) == "watch" and ballot.option(9) is None
    ballot.add("cue", 2)
    ballot.add("guide", 2)
    assert ballot.toggle_reveal() and ballot.follow == "cue"    # a tie goes to the lower rung
    ballot.move_pick(-1)
    assert ballot.follow == "guide"
    assert ballot.toggle_reveal() and ballot.picked is None     # hiding drops the pick
    with pytest.raises(ValueError):
        ballot.pick("nonsense")


def test_the_application_layer_never_loads_pygame():
    code = ("import sys, pkgutil, importlib, game.app\n"
            "for m in pkgutil.iter_modules(game.app.__path__):\n"
            "    importlib.import_module('game.app.' + m.name)\n"
            "bad = sorted(n for n in sys.modules if n == 'pygame' or n.startswith('game.ui'))\n"
            "print(bad)\nsys.exit(1 if bad else 0)\n")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          cwd=Path(__file__).resolve().parents[2], timeout=120)
    assert done.returncode == 0, done.stdout + done.stderr
