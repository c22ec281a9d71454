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


# --- issue #14: votes at decision 1 after going back, keyed in by hand ----------------------

FIVE = {"cue": 3, "probe": 2}
"""Five hands at decision 1 of the tiny vignette (its cue leads straight to decision 2)."""


def _hands_room(tiny: Scenario, tmp_path: Path, linked: bool) -> Workshop:
    """A hands-only room: the workshop alone, or (as the projector runs it by default) linked
    to a phones' room nobody joined."""
    from game.app.room import Room
    from game.app.room_link import RoomLink
    session = start_session(tiny, "junior", "workshop", "normal", Launch(4), risk_weight=2.0,
                            client="test")
    names = iter(range(10))
    w = Workshop(tiny, session, new_log=lambda sid, folder: folder / f"{sid}-r{next(names)}.jsonl")
    if linked:
        w.link = RoomLink(w, Room("ABCDE"))  # type: ignore[attr-defined]
    return w


def _to(w: Workshop, phase: str) -> None:
    while w.phase != phase:
        assert w.phase != "ended", f"ended before reaching {phase}"
        if w.phase == "consequence":
            w.go_on()
        else:
            w.advance(1)


def _counts(w: Workshop) -> dict[str, int]:
    return {o: n for o, n in w.ballot.vote.counts.items() if n}


def _follow(w: Workshop, option: str) -> None:
    assert w.toggle_reveal()
    w.follow(option)


def _d1_votes(w: Workshop) -> list[dict[str, int]]:
    """Decision 1's counts in the end summary and in the last log's own vote lines."""
    rows = {row.decision: {o: n for o, n in row.counts.items() if n}
            for row in w.summary().decisions}
    logged = [{o: n for o, n in v["counts"].items() if n}
              for v in votes_in(read_log(w.session.log_path)) if v["decision"] == "d1"]
    return [rows["d1"], *logged]


@pytest.mark.parametrize("linked", [False, True], ids=["workshop", "linked-room"])
@pytest.mark.parametrize("backs", [1, 2])
def test_five_hands_at_decision_1_survive_going_back(tiny, tmp_path, linked, backs):
    w = _hands_room(tiny, tmp_path, linked)
    _to(w, "vote")
    _room_votes(w, FIVE)
    _follow(w, "cue")
    for back in range(backs):
        _to(w, "vote")
        assert w.ballot.decision == "d2"
        assert w.go_back() == 1                       # Backspace: back to decision 1
        assert w.ballot.decision == "d1" and w.ballot.kept
        assert _counts(w) == FIVE, f"after Backspace {back + 1}"
        _follow(w, "cue")                             # go on with the kept votes
    _to(w, "vote")
    _room_votes(w, {"cue": 4})
    _follow(w, "cue")                                 # cue at d2 ends the vignette
    _to(w, "ended")
    assert _d1_votes(w) == [FIVE, FIVE]               # 5, not 1, in summary and log
    logs = sorted(Path(w.session.log_path).parent.glob("*.jsonl"))
    assert len(logs) == backs + 1
    for log in logs:
        assert verify_log(str(log), lambda _id: tiny).ok, log


@pytest.mark.parametrize("linked", [False, True], ids=["workshop", "linked-room"])
def test_backspace_pressed_again_at_decision_1_changes_no_count(tiny, tmp_path, linked):
    """A key loop presses Backspace twice in a row: the second finds no earlier decision
    (refused with a sentence), and the five hands stay; so does Backspace in the consequence
    of decision 1 and a stray Enter (reveal) or number key before the reveal is undone."""
    w = _hands_room(tiny, tmp_path, linked)
    _to(w, "vote")
    _room_votes(w, FIVE)
    _follow(w, "cue")
    assert w.phase in ("consequence", "running")
    assert w.go_back() == 1                           # Backspace before decision 2 opened
    assert _counts(w) == FIVE
    with pytest.raises(RewindError):
        w.go_back()                                   # the second Backspace: nothing earlier
    assert w.phase == "vote" and _counts(w) == FIVE
    assert w.toggle_reveal() and not w.vote("watch")  # frozen once revealed
    assert w.toggle_reveal()                          # hidden again: counts unchanged
    assert _counts(w) == FIVE
    _follow(w, "cue")
    _to(w, "vote")
    assert w.go_back() == 1 and _counts(w) == FIVE
    _follow(w, "cue")
    _to(w, "vote")
    _room_votes(w, {"cue": 1})
    _follow(w, "cue")
    _to(w, "ended")
    assert _d1_votes(w) == [FIVE, FIVE]


@pytest.mark.parametrize("linked", [False, True], ids=["workshop", "linked-room"])
def test_backspace_from_the_end_comparison_twice_keeps_decision_1(tiny, tmp_path, linked):
    """The end screen's Backspace goes back to decision 2; a second one (at its window)
    to decision 1; the room goes on with the kept hands and finishes again."""
    w = _hands_room(tiny, tmp_path, linked)
    _to(w, "vote")
    _room_votes(w, FIVE)
    _follow(w, "cue")
    _to(w, "vote")
    _room_votes(w, {"watch": 2})
    _follow(w, "cue")
    _to(w, "ended")
    assert _d1_votes(w) == [FIVE, FIVE]
    assert w.go_back() == 2 and _counts(w) == {"watch": 2}
    assert w.go_back() == 1 and _counts(w) == FIVE
    _follow(w, "cue")
    _to(w, "vote")
    assert _counts(w) == {"watch": 2}
    _follow(w, "cue")
    _to(w, "ended")
    assert _d1_votes(w) == [FIVE, FIVE]
    rows = {row.decision: {o: n for o, n in row.counts.items() if n}
            for row in w.summary().decisions}
    assert rows["d2"] == {"watch": 2}
