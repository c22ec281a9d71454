"""Entrustment calibration: ratings against simulated competence, over- and under-trust."""

from __future__ import annotations

import pytest

from game.app.calibration import ANCHORS, band_of, calibration, compare, true_level
from game.store.ratings import keep_rating, read_rating
from tests.store.generate import Habits, history


@pytest.mark.parametrize("competence, level", [(0.0, 1), (0.2, 2), (0.5, 3), (0.8, 4),
                                               (1.0, 5), (1.7, 5), (-1, 1)])
def test_competence_maps_onto_the_scale(competence, level):
    assert true_level(competence) == level


def test_one_reading_in_words():
    assert compare(3, 0.5).words().startswith("You read the trainee right: 3")
    over = compare(5, 0.2)
    assert over.error == 3 and "more than they could carry" in over.words()
    assert "\u201cI had to talk them through\u201d" in over.words()
    assert "less" in compare(1, 0.8).words()
    assert [a[0] for a in ANCHORS] == [1, 2, 3, 4, 5]


def test_over_trusting_confident_trainees_is_found():
    records = history(30, Habits(trust_bias={"confident_junior": 2}))
    cal = calibration(records)
    assert cal.ratings == 30 and cal.exact == 20
    confident = next(b for b in cal.bands if b.name == "confident")
    assert confident.ratings == 10 and confident.mean_error > 1.0
    assert all(b.mean_error == 0 for b in cal.bands if b.name != "confident")
    assert cal.summary.startswith("You over-trust confident trainees")
    assert sum(map(sum, cal.matrix)) == 30


def test_under_trusting_unsure_trainees_is_found():
    cal = calibration(history(30, Habits(trust_bias={"anxious_junior": -2})))
    assert cal.summary.startswith("You under-trust unsure trainees")


def test_unrated_sessions_are_left_out_and_few_ratings_make_no_claim():
    assert calibration(history(10, Habits(rate=False))).ratings == 0
    assert calibration(history(2)).summary.startswith("Rate the trainee in a few more")
    assert calibration(history(12)).summary.startswith("You read trainees well")
    assert band_of(None) == "unknown" and band_of(0.5) == "in between"


def test_rating_sidecar_round_trip_and_bad_values(tmp_path):
    log = tmp_path / "x.jsonl"
    assert read_rating(log) is None
    keep_rating(log, 4)
    assert read_rating(log) == 4 and (tmp_path / "x.entrustment.json").exists()
    with pytest.raises(ValueError, match="1 to 5"):
        keep_rating(log, 6)
    (tmp_path / "x.entrustment.json").write_text('{"level": 9}')
    assert read_rating(log) is None


def test_rating_a_session_keeps_it_beside_the_log_and_on_its_row(tmp_path):
    from game.app.calibration import rate_session
    from game.store import SessionRecord, open_history
    db, log = tmp_path / "history.sqlite", tmp_path / "s.jsonl"
    history, _ = open_history(db)
    with history:
        history.add(SessionRecord("s.jsonl", "p", "lp", "", "junior", "practice", "2025",
                                  log_file="s.jsonl"))
    assert rate_session(log, 2, db) is None
    assert read_rating(log) == 2
    history, _ = open_history(db)
    with history:
        assert history.results()[0].entrustment == 2
    assert rate_session(None, 2, db) is None
    assert "could not be kept" in rate_session(tmp_path / "no" / "x.jsonl", 2, db)


def test_the_reading_is_said_in_the_players_language():
    from game.i18n import Translator
    german = Translator("de")
    assert compare(3, 0.5).words(german).startswith("Sie haben den Trainee richtig")
    assert "mehr zugetraut" in compare(5, 0.0).words(german)
    assert "weniger zugetraut" in compare(1, 0.8).words(german)
