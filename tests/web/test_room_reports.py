"""A workshop run end to end with phones and keyed-in hands: its logs verify, and the single
and cohort reports count it as one room with N participants and show the room's votes."""

from __future__ import annotations

from game.app.room import Room
from game.app.room_link import RoomLink
from game.app.sessions import Launch, start_session
from game.app.workshop import Workshop
from game.replay.verify import verify_log
from game.reports.command import write_cohort_report, write_single_report
from game.reports.files import load_library
from tests.inline import TINY_YAML


def play_room(tiny, folder):
    session = start_session(tiny, "junior", "workshop", "normal", Launch(4), risk_weight=2.0,
                            client="test")
    names = iter(range(10))
    w = Workshop(tiny, session, new_log=lambda sid, f: f / f"{sid}-z{next(names)}.jsonl")
    room = Room("ABCDE")
    link = RoomLink(w, room)
    phones = [room.join("ABCDE") for _ in range(2)]
    choices = iter([("watch", "probe"), ("cue", "cue"), ("watch", "cue"), ("cue", "watch")])
    while w.phase != "ended":
        if w.phase == "vote":
            mine = next(choices)
            for phone, option in zip(phones, mine):
                if option in w.ballot.options:
                    room.vote(phone.key, w.ballot.decision, option)
            link.poll()
            w.vote(w.ballot.options[0])  # one hand
            w.toggle_reveal()
            w.follow()
        elif w.phase == "consequence":
            w.go_on()
        else:
            w.advance(1)
    link.end_thread.join(30)
    return w, phones


def test_reports_count_a_workshop_as_one_room(tiny, tmp_path):
    w, phones = play_room(tiny, tmp_path)
    log = w.session.log_path
    assert verify_log(str(log), lambda _id: tiny).ok
    scenarios = tmp_path / "scenarios"
    scenarios.mkdir()
    (scenarios / "tiny.yaml").write_text(TINY_YAML, encoding="utf-8")
    library = load_library(scenarios)
    single = tmp_path / "single"
    single.mkdir()
    write_single_report(log, single, library)
    page = (single / "index.html").read_text(encoding="utf-8")
    assert "One room with 3 participants (2 on phones, up to 1 by show of hands)" in page
    assert 'data-node="d1"' in page and "Spread of the participants" in page
    assert phones[0].token not in page and phones[0].key not in page
    cohort = tmp_path / "cohort"
    cohort.mkdir()
    write_cohort_report([log], cohort, library)
    page = (cohort / "index.html").read_text(encoding="utf-8")
    assert "1 workshop room with 3 participants in all." in page
    assert 'id="room-1"' in page and "Workshop room: Tiny" in page
