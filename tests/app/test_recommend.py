"""What next: weak areas, spacing and an unsafe last try decide; the reason says which."""

from __future__ import annotations

from game.app.progress import progress
from game.app.recommend import Vignette, goal, played_marks, recommend
from tests.store.generate import CATEGORIES, Habits, history

TRAINEES = (("confident_junior", "Dr Ana Ruiz"), ("anxious_junior", "Dr Ben Okafor"),
            ("senior", "Dr Chen Li"))
LIBRARY = [Vignette(f"v_{c}", c.title(), c, d, TRAINEES)
           for c, d in zip(CATEGORIES, ("direct", "indirect", "distant") * 2)]


def test_a_new_player_is_sent_to_the_first_vignette_with_a_reason():
    rec = recommend(LIBRARY, [])
    assert rec.vignette.id == "v_technical" and rec.trainee[0] == "confident_junior"
    assert rec.reason == "You have not yet supervised Dr Ana Ruiz in Technical."
    assert recommend([], []) is None


def test_the_weak_category_is_recommended_and_named():
    records = history(36, Habits(unsafe_in=frozenset({"medication"})))
    rec = recommend(LIBRARY, records)
    assert (rec.vignette.id, rec.trainee[0]) == ("v_medication", "anxious_junior")
    assert rec.reason == ("Your last Medication with Dr Ben Okafor was unsafe; try it "
                          "again while it is fresh in mind.")


def test_a_weak_supervision_distance_is_recommended_and_named():
    records = [r.with_(safety_rating="amber") if r.supervision == "distant" else r
               for r in history(36)]
    rec = recommend(LIBRARY, records)
    assert recommend(LIBRARY, records, progress(records)) == rec
    assert rec.vignette.supervision == "distant"
    assert rec.reason == ("Management practises distant supervision, where 12 of your 12 "
                          "sessions were rated caution.")


def test_spacing_rests_what_was_just_played():
    records = history(36, Habits(unsafe_in=frozenset({"medication"})))
    last = records[-1]
    records.append(last.with_(uid="again", scenario_id="v_medication", category="medication",
                              profile="confident_junior", started_at="2099-01-01",
                              safety_rating="green"))
    rec = recommend(LIBRARY, records)
    assert (rec.vignette.id, rec.trainee[0]) != ("v_medication", "confident_junior")


def test_an_unsafe_last_try_comes_first():
    records = history(12)
    records.append(records[0].with_(uid="bad", scenario_id="v_decision", category="decision",
                                    profile="senior", started_at="2026-06-01",
                                    safety_rating="red"))
    records += [r.with_(uid=f"later{n}", started_at=f"2026-07-0{n}") for n, r in
                enumerate(records[:3], start=1)]
    rec = recommend(LIBRARY, records)
    assert (rec.vignette.id, rec.trainee[0]) == ("v_decision", "senior")
    assert rec.reason == ("Your last Decision with Dr Chen Li was unsafe; try it "
                          "again while it is fresh in mind.")


def test_played_marks_show_the_best_result_safety_first():
    records = history(2, Habits(scenarios=("v_x",)))
    records = [records[0].with_(safety_rating="green", regret=2.0),
               records[1].with_(safety_rating="red", regret=0.0),
               records[1].with_(uid="left", status="abandoned", safety_rating="",
                                regret=None)]
    mark = played_marks(records)["v_x"]
    assert (mark.played, mark.best_rating, mark.best_regret) == (3, "green", 2.0)
    assert mark.words() == "played 3\u00d7 \u00b7 best: safe, regret 2.0"
    assert played_marks(records[2:])["v_x"].words() == "played 1\u00d7, not finished"


def test_the_small_goal_counts_trainees_met():
    v = LIBRARY[0]
    records = history(6, Habits(scenarios=("v_technical",), regret=(0.1, 0.1)))
    g = goal(v, records)
    assert g.text == "Safe, regret under 1, with all three trainees"
    assert g.total == 3 and g.done and set(g.met) == {name for _, name in TRAINEES}
    assert goal(v, []).met == () and not goal(v, []).done
    two = Vignette("v2", "Two", "technical", "direct", TRAINEES[:2])
    assert goal(two, []).text == "Safe, regret under 1, with both trainees"
    unsafe = [r.with_(safety_rating="red") for r in records]
    assert goal(v, unsafe).met == ()
