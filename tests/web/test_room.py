"""The room's fairness rules: one vote per token, change until close, hidden until reveal,
ties named, hand counts added without double counting, going back keeps the votes."""

from __future__ import annotations

import pytest

from game.app.room import BallotOption, Room, RoomError, clean_nickname

OPTIONS = (BallotOption("watch", "Let her go on", "watch"),
           BallotOption("probe", "Ask about the angle", "probe"),
           BallotOption("takeover", "Take the needle", "takeover"))


class Clock:
    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


def room_with(n: int, **kw) -> tuple[Room, list[str]]:
    room = Room("ABCDE", secret=b"s" * 32, **kw)
    keys = [room.join("abcde").key for _ in range(n)]
    room.open("d1", "The needle points at the umbilicus.", OPTIONS)
    return room, keys


def test_join_needs_the_room_code_and_rejoining_keeps_the_token():
    room = Room("ABCDE")
    with pytest.raises(RoomError, match="room code") as err:
        room.join("ZZZZZ")
    assert err.value.status == 403
    seat = room.join(" abcde ")
    assert room.join("ABCDE", key=seat.key) == seat
    assert room.participants == 1
    assert seat.token.startswith("p-") and seat.key not in seat.token


def test_an_unknown_key_gets_a_new_seat_never_someone_elses():
    room = Room("ABCDE")
    first = room.join("ABCDE")
    other = room.join("ABCDE", key="made-up")
    assert other.key != "made-up" and other.token != first.token


def test_one_vote_per_token_changeable_until_close():
    room, keys = room_with(3)
    room.vote(keys[0], "d1", "watch")
    room.vote(keys[0], "d1", "probe")
    room.vote(keys[1], "d1", "probe")
    assert room.progress().text() == "2 of 3 have voted"
    room.close()
    with pytest.raises(RoomError, match="closed"):
        room.vote(keys[2], "d1", "watch")
    room.reveal()
    assert room.tally().counts == {"watch": 0, "probe": 2, "takeover": 0}


def test_counts_are_hidden_until_the_reveal_and_the_reveal_closes_the_vote():
    room, keys = room_with(2)
    room.vote(keys[0], "d1", "watch")
    assert room.tally() is None
    room.reveal()
    assert room.tally().majority == "watch"
    with pytest.raises(RoomError, match="closed"):
        room.vote(keys[1], "d1", "probe")


def test_a_tie_is_a_tie_with_no_majority():
    room, keys = room_with(4)
    for key, option in zip(keys, ["watch", "probe", "watch", "probe"]):
        room.vote(key, "d1", option)
    room.reveal()
    tally = room.tally()
    assert tally.tie and tally.majority is None
    assert tally.leaders == ("watch", "probe")


def test_hand_counts_add_to_phone_votes_without_double_counting():
    room, keys = room_with(3)
    room.vote(keys[0], "d1", "watch")
    room.vote(keys[1], "d1", "watch")
    room.set_hands("probe", 4)
    room.add_hands("probe", 1)
    room.add_hands("probe", -1)
    room.vote(keys[1], "d1", "probe")  # a phone changing its vote moves it, never adds one
    progress = room.progress()
    assert (progress.voted, progress.expected, progress.phones, progress.hands) == (6, 7, 2, 4)
    room.reveal()
    assert room.tally().counts == {"watch": 1, "probe": 5, "takeover": 0}
    record = room.record()
    assert record["counts"] == {"watch": 1, "probe": 5, "takeover": 0}
    assert sorted(record["ballots"].values()) == ["probe", "watch"]
    assert record["hands"] == {"probe": 4}
    with pytest.raises(RoomError, match="frozen"):
        room.set_hands("watch", 1)


def test_the_log_record_holds_tokens_never_keys_or_nicknames():
    room = Room("ABCDE", nicknames=True)
    seat = room.join("ABCDE", nickname="Dr Sam")
    room.open("d1", "cue", OPTIONS)
    room.vote(seat.key, "d1", "takeover")
    record = repr(room.record())
    assert seat.token in record and seat.key not in record and "Sam" not in record
    assert room.nicknames == {seat.token: "Dr Sam"}


def test_nicknames_are_off_by_default_and_validated_when_on():
    room = Room("ABCDE")
    room.join("ABCDE", nickname="Sam")
    assert room.nicknames == {}
    with pytest.raises(RoomError, match="at most 24"):
        clean_nickname("x" * 25)
    with pytest.raises(RoomError, match="control"):
        clean_nickname("a\u202eb")
    assert clean_nickname("   ") is None


def test_going_back_to_a_decision_keeps_the_votes_and_reopens_them():
    room, keys = room_with(2)
    room.vote(keys[0], "d1", "probe")
    room.set_hands("watch", 3)
    room.reveal()
    room.leave_decision()
    room.open("d2", "later", OPTIONS[:2], ("d1:probe",))
    room.vote(keys[0], "d2", "watch")
    room.leave_decision()
    ballot = room.open("d1", "The needle points at the umbilicus.", OPTIONS)
    assert ballot.votes and not ballot.revealed and not ballot.closed
    assert ballot.hands == {"watch": 3}  # the show of hands is kept too, not wiped
    room.vote(keys[1], "d1", "watch")
    assert room.progress().text() == "5 of 5 have voted"
    assert len(room.ballots) == 2


def test_votes_for_another_decision_or_option_are_refused():
    room, keys = room_with(1)
    with pytest.raises(RoomError, match="no longer open"):
        room.vote(keys[0], "d0", "watch")
    with pytest.raises(RoomError, match="not one of the options"):
        room.vote(keys[0], "d1", "<script>")
    with pytest.raises(RoomError, match="not joined"):
        room.vote("stolen", "d1", "watch")
    room.leave_decision()
    with pytest.raises(RoomError, match="No decision is open"):
        room.vote(keys[0], "d1", "watch")


def test_a_countdown_closes_the_vote_when_it_runs_out():
    clock = Clock()
    room, keys = room_with(2, clock=clock)
    room.countdown(30)
    clock.now += 10
    assert room.remaining() == pytest.approx(20)
    room.vote(keys[0], "d1", "watch")
    clock.now += 21
    with pytest.raises(RoomError, match="closed"):
        room.vote(keys[1], "d1", "watch")
    assert room.remaining() is None


def test_the_room_is_capped_and_closed_when_the_workshop_ends():
    room = Room("ABCDE", max_participants=2)
    room.join("ABCDE")
    room.join("ABCDE")
    with pytest.raises(RoomError, match="full"):
        room.join("ABCDE")
    room.close_room()
    with pytest.raises(RoomError, match="ended"):
        room.join("ABCDE")


def test_every_change_bumps_the_version_and_tells_the_listeners():
    room = Room("ABCDE")
    heard: list[tuple[int, bool]] = []
    room.on_change(lambda phones: heard.append((room.version, phones)))
    seat = room.join("ABCDE")
    room.open("d1", "cue", OPTIONS)
    room.vote(seat.key, "d1", "watch")
    room.vote(seat.key, "d1", "watch")  # the same vote again changes nothing
    assert heard == [(1, False), (2, True), (3, False)]
    assert room.phase_version == 1


def test_a_new_vignette_keeps_everyone_joined_and_starts_the_ballots_afresh():
    room, keys = room_with(2)
    room.vote(keys[0], "d1", "watch")
    room.finish("summary")
    assert room.ended and room.record()["ballots"]
    room.restart()
    assert not room.ended and room.ballots == {} and room.participants == 2
    room.open("d1", "cue", OPTIONS)
    room.vote(keys[0], "d1", "probe")


def test_option_titles_name_the_rung():
    assert OPTIONS[2].title == "Take over: Take the needle"
    assert BallotOption("brief", "A short debrief", None).title == "A short debrief"
