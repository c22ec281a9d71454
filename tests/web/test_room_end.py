"""Each participant's private end summary (their choices beside the model's and their revealed
risk-weight interval) and the room's spread as a histogram in which nobody is identifiable."""

from __future__ import annotations

from game.app.room import BallotOption, Room
from game.app.room_end import WEIGHT_EDGES, histogram, majority_fit, room_end
from game.scoring.attitude import Attitude, revealed_attitude
from game.scoring.params import ModelParams
from game.scoring.solver import solve_cached

D1 = (BallotOption("watch", "Watch", "watch"), BallotOption("probe", "Ask", "probe"),
      BallotOption("cue", "Cue", "cue"), BallotOption("takeover", "Take over", "takeover"))
D2 = (BallotOption("watch", "Watch", "watch"), BallotOption("cue", "Cue", "cue"))
PARAMS = ModelParams(risk_weight=2.0)


def played_room(tiny):
    room = Room("ABCDE", secret=b"k" * 32)
    a, b, c, _silent = (room.join("ABCDE") for _ in range(4))
    room.open("d1", "Mistake imminent.", D1)
    room.vote(a.key, "d1", "watch")
    room.vote(b.key, "d1", "watch")
    room.vote(c.key, "d1", "takeover")
    room.set_hands("probe", 1)
    room.reveal()
    room.leave_decision()
    room.open("d2", "Second mistake imminent.", D2, ("d1:watch", "c1:err"))
    room.vote(a.key, "d2", "watch")
    room.vote(b.key, "d2", "cue")
    room.reveal()
    room.finish()
    return room, a, b, c


def test_each_participant_sees_their_choices_beside_the_model_and_their_interval(tiny):
    room, a, b, c = played_room(tiny)
    end = room_end(room, tiny, "junior", PARAMS)
    mine = end.participants[a.token]
    assert [r.mine for r in mine.rows] == ["Watch: Watch", "Watch: Watch"]
    solution = solve_cached(tiny, "junior", PARAMS)
    titles = {o.id: o.title for o in D1 + D2}
    assert [r.model for r in mine.rows] == [
        titles[solution.at("d1", ()).best],
        titles[solution.at("d2", ("d1:watch", "c1:err")).best]]
    assert mine.rows[0].room == "Watch: Watch"
    assert mine.rows[1].room == "Tie: Watch: Watch / Cue: Cue"
    expected = revealed_attitude(tiny, "junior", [("d1", (), "watch"),
                                                  ("d2", ("d1:watch", "c1:err"), "watch")],
                                 PARAMS)
    assert mine.attitude == expected
    assert mine.interval_text == f"Your choices fit risk weights {expected.describe()}."
    assert "fit no single risk weight" in end.participants[c.token].interval_text
    assert end.participants[b.token].attitude.consistent is False  # watch, then cue: no weight


def test_the_histogram_counts_people_per_band_and_names_nobody(tiny):
    room, a, _b, _c = played_room(tiny)
    end = room_end(room, tiny, "junior", PARAMS)
    hist = end.histogram
    assert hist.participants == 4 and hist.silent == 1 and hist.inconsistent == 2
    att = end.participants[a.token].attitude
    covered = [i for i in range(len(hist.counts)) if hist.counts[i]]
    assert covered == [i for i in range(len(hist.counts))
                       if att.low < WEIGHT_EDGES[i + 1] and att.high >= WEIGHT_EDGES[i]]
    assert all(n <= 1 for n in hist.counts)
    assert hist.default_weight == 2.0
    assert "p-" not in repr(hist)


def test_the_majority_fit_uses_phones_and_hands_and_skips_ties(tiny):
    room, *_ = played_room(tiny)
    fit = majority_fit(room, tiny, "junior", PARAMS)  # d1 majority watch; d2 tied: skipped
    assert fit == revealed_attitude(tiny, "junior", [("d1", (), "watch")], PARAMS)


def test_band_edges_count_an_interval_touching_a_band_boundary_in_both_bands():
    hist = histogram([Attitude(0.5, 1.0, True), Attitude(20.0, 20.0, True, None, False, True),
                      Attitude(0.05, 0.05, True, None, True, False), None], 2.0, None)
    assert hist.counts == (1, 0, 0, 1, 1, 0, 0, 1)
    assert hist.band_of(2.0) == 5 and hist.band_of(100) == 7 and hist.band_of(0.01) == 0
    assert hist.labels()[0] == "0.05-0.1" and hist.silent == 1 and hist.majority is None
