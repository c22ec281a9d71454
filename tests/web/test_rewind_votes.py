"""Backspace keeps the room's vote: hands-only, phones-only and mixed rooms, rewound twice.

The reopened ballot starts from what the room gave there (phones' votes and keyed-in hands),
the end summary, the single report of the last log and the cohort report all show each
decision's counts exactly once, and every log verifies.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from game.app.room import Room
from game.app.room_link import RoomLink
from game.app.sessions import Launch, start_session
from game.app.workshop import Workshop
from game.replay.reader import read_log
from game.replay.verify import verify_log
from game.reports.command import write_single_report
from game.reports.files import load_library
from game.reports.room_votes import cohort_rooms, single_room
from tests.inline import TINY_YAML

# What the room gives at each decision: (phones' choices, keyed-in hands).
D1 = (("cue", "cue", "probe"), {"cue": 2, "watch": 1})
D2 = (("watch", "cue", "cue"), {"watch": 3})


class RoomUnderTest:
    def __init__(self, tiny, folder: Path, mode: str):
        session = start_session(tiny, "junior", "workshop", "normal", Launch(4),
                                risk_weight=2.0, client="test")
        names = iter(range(10))
        self.w = Workshop(tiny, session, new_log=lambda sid, f: f / f"{sid}-r{next(names)}.jsonl")
        self.mode = mode
        self.room = Room("ABCDE") if mode != "hands" else None
        self.link = RoomLink(self.w, self.room) if self.room else None
        self.phones = [self.room.join("ABCDE") for _ in range(3)] if self.room else []

    def to_vote(self) -> None:
        while self.w.phase != "vote":
            if self.w.phase == "consequence":
                self.w.go_on()
            else:
                self.w.advance(1)

    def cast(self, votes) -> None:
        """The room votes once at the open decision: the phones' choices and the hands."""
        choices, hands = votes
        decision = self.w.ballot.decision
        if self.mode != "hands":
            for phone, option in zip(self.phones, choices):
                self.room.vote(phone.key, decision, option)
            self.link.poll()
        if self.mode != "phones":
            for option, n in hands.items():
                for _ in range(n):
                    self.w.vote(option)

    def finish(self) -> None:
        while self.w.phase != "ended":
            if self.w.phase == "consequence":
                self.w.go_on()
            else:
                self.w.advance(1)
        if self.link:
            self.link.end_thread.join(30)

    def counts(self) -> dict[str, int]:
        if self.link:
            self.link.poll()
        return {o: n for o, n in self.w.ballot.vote.counts.items() if n}

    def follow(self, option: str) -> None:
        self.w.toggle_reveal()
        self.w.follow(option)

    def logs(self) -> list[Path]:
        return sorted(Path(self.w.session.log_path).parent.glob("*.jsonl"))


def expected(votes, mode: str) -> dict[str, int]:
    choices, hands = votes
    counts: dict[str, int] = {}
    if mode != "hands":
        for option in choices:
            counts[option] = counts.get(option, 0) + 1
    if mode != "phones":
        for option, n in hands.items():
            counts[option] = counts.get(option, 0) + n
    return counts


@pytest.mark.parametrize("mode", ["hands", "phones", "mixed"])
def test_backspace_twice_keeps_each_vote_and_counts_it_once(tiny, tmp_path, mode):
    r = RoomUnderTest(tiny, tmp_path, mode)
    d1, d2 = expected(D1, mode), expected(D2, mode)
    r.to_vote()
    r.cast(D1)
    assert r.counts() == d1
    r.follow("cue")                                   # cue leads straight to d2
    r.to_vote()
    assert r.w.ballot.decision == "d2" and not r.w.ballot.kept
    r.cast(D2)
    assert r.w.go_back() == 1                         # first Backspace: back to d1
    assert r.w.ballot.decision == "d1" and r.w.ballot.kept
    assert r.counts() == d1                           # nothing wiped, nothing doubled
    r.follow("cue")
    r.to_vote()
    assert r.counts() == d2                           # d2's vote, never followed, is kept too
    r.follow("watch")
    assert r.w.go_back() == 2                         # second Backspace: back to d2
    assert r.counts() == d2
    r.follow("cue")                                   # cue ends the vignette
    r.finish()
    logs = r.logs()
    assert len(logs) == 3
    for log in logs:
        assert verify_log(str(log), lambda _id: tiny).ok, log
    rows = {row.decision: row.counts for row in r.w.summary().decisions}
    assert {k: v for k, v in rows["d1"].items() if v} == d1   # inherited from the 2nd log
    assert {k: v for k, v in rows["d2"].items() if v} == d2
    hands = max(sum(D1[1].values()), sum(D2[1].values())) if mode != "phones" else 0
    phones = 3 if mode != "hands" else 0
    last = read_log(r.w.session.log_path)
    for room in (single_room(last, tiny), cohort_rooms(logs, lambda _h: tiny)[0]):
        got = {d.node: {o.level: o.count for o in d.options if o.count}
               for d in room.decisions}
        assert got == {"d1": d1, "d2": d2}
        assert (room.phones, room.hands) == (phones, hands)


def test_the_single_report_of_a_rewound_log_names_the_logs_it_borrows_from(tiny, tmp_path):
    r = RoomUnderTest(tiny, tmp_path / "logs", "mixed")
    (tmp_path / "logs").mkdir()
    r.to_vote()
    r.cast(D1)
    r.follow("cue")
    r.to_vote()
    r.cast(D2)
    r.follow("watch")
    first = r.w.session.log_path
    r.w.go_back()                                     # back to d2 in a second log
    r.follow("cue")
    r.finish()
    own = read_log(r.w.session.log_path)
    assert [v["decision"] for v in own.lines if v.get("type") == "vote"] == ["d2"]
    scenarios = tmp_path / "scenarios"
    scenarios.mkdir()
    (scenarios / "tiny.yaml").write_text(TINY_YAML, encoding="utf-8")
    out = tmp_path / "single"
    out.mkdir()
    write_single_report(r.w.session.log_path, out, load_library(scenarios))
    page = (out / "index.html").read_text(encoding="utf-8")
    assert 'data-node="d1"' in page and 'data-node="d2"' in page  # d1 borrowed from the parent
    assert Path(first).name in page and "One room with 6 participants" in page
