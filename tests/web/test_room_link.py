"""The room joined to the app-layer workshop: phones and keyed-in hands add up once, the
reveal closes the phones' vote, the log records each phone under its token and verifies,
going back keeps the votes, and the end gives every phone its summary."""

from __future__ import annotations

from game.app.room import Room
from game.app.room_link import RoomLink
from game.app.sessions import Launch, start_session
from game.app.workshop import Workshop
from game.replay.reader import read_log
from game.replay.verify import verify_log
from game.replay.workshop import votes_in


def linked(tiny, tmp_path, seed: int = 3):
    session = start_session(tiny, "junior", "workshop", "normal", Launch(seed),
                            risk_weight=2.0, client="test")
    names = iter(range(100))
    workshop = Workshop(tiny, session,
                        new_log=lambda sid, folder: folder / f"{sid}-back-{next(names)}.jsonl")
    room = Room("ABCDE", secret=b"l" * 32)
    return workshop, room, RoomLink(workshop, room)


def run_to_vote(w: Workshop) -> None:
    while w.phase in ("running", "consequence"):
        if w.phase == "consequence":
            w.go_on()
        else:
            w.advance(1)


def test_phones_and_hands_add_up_once_and_the_log_keeps_tokens(tiny, tmp_path):
    w, room, link = linked(tiny, tmp_path)
    phones = [room.join("ABCDE") for _ in range(3)]
    run_to_vote(w)
    assert room.current is not None and room.current.decision == w.ballot.decision == "d1"
    room.vote(phones[0].key, "d1", "watch")
    room.vote(phones[1].key, "d1", "probe")
    room.vote(phones[1].key, "d1", "watch")  # a change of mind moves the vote
    assert link.poll()
    assert w.ballot.vote.counts == {"watch": 2}
    assert w.vote("probe") and w.vote("probe") and w.vote("probe", -1)  # one hand for probe
    assert w.ballot.vote.counts["probe"] == 1 and room.current.hands == {"probe": 1}
    assert room.progress().text() == "3 of 4 have voted"
    assert room.tally() is None
    assert w.toggle_reveal()
    assert room.current.revealed and room.tally().counts["watch"] == 2
    w.follow()
    assert room.current is None
    line = votes_in(read_log(w.session.log_path))[0]
    assert line["counts"] == {"watch": 2, "probe": 1, "cue": 0, "takeover": 0}
    assert line["ballots"] == {phones[0].token: "watch", phones[1].token: "watch"}
    assert line["hands"] == {"probe": 1} and line["followed"] == "watch"
    assert phones[0].key not in repr(line)


def test_going_back_keeps_the_votes_and_the_end_gives_every_phone_its_summary(
        tiny, tmp_path, shipped_dir):
    w, room, link = linked(tiny, tmp_path)
    phones = [room.join("ABCDE") for _ in range(2)]
    run_to_vote(w)
    room.vote(phones[0].key, "d1", "cue")
    w.vote("cue")
    link.poll()
    w.toggle_reveal()
    w.follow()
    parent = w.session.log_path
    assert w.go_back() == 1
    assert w.phase == "vote" and room.current.decision == "d1" and not room.current.revealed
    assert w.ballot.vote.counts == {"cue": 2}  # the phone's vote and the hand both kept
    assert room.current.hands == {"cue": 1}     # once: not the workshop's kept count again
    room.vote(phones[1].key, "d1", "cue")
    link.poll()
    assert w.ballot.vote.counts == {"cue": 3}
    w.toggle_reveal()
    w.follow()
    while w.phase != "ended":
        run_to_vote(w)
        if w.phase == "vote":
            room.vote(phones[0].key, w.ballot.decision, "cue")
            link.poll()
            w.toggle_reveal()
            w.follow()
    link.end_thread.join(30)
    assert room.ended and room.end_data is not None
    mine = room.end_data.participants[phones[0].token]
    assert mine.attitude is not None and [r.mine for r in mine.rows][0] == "Cue: Cue"
    for log in (parent, w.session.log_path):
        assert verify_log(str(log), lambda _id: tiny).ok
    line = votes_in(read_log(w.session.log_path))[0]
    assert set(line["ballots"]) == {phones[0].token, phones[1].token}


def test_the_projector_frame_opens_a_ballot_the_workshop_opened_silently(tiny, tmp_path):
    w, room, link = linked(tiny, tmp_path)
    w.listeners.clear()  # as when a ballot opens on a tick that produced no events
    run_to_vote(w)
    assert room.current is None
    assert link.poll() is False and room.current is not None  # opened, no count changed
    assert room.current.decision == w.ballot.decision
