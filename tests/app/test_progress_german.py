"""The Progress screen's tendency and what-next sentences in German (issue #15).

They are composed in game/app (no UI), so the UI's message-id scan does not see them: this
test scans the two modules the same way, and checks the German screen model end to end.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from game.app import calibration as calibration_module
from game.app import recommend as recommend_module
from game.app import tendencies
from game.app.progress import progress
from game.app.recommend import Vignette, goal, recommend
from game.i18n import Translator
from game.ui.progress.model import progress_vm
from tests.store.generate import CATEGORIES, Habits, history
from tests.ui.test_i18n import literal_calls, placeholders

TRAINEES = (("confident_junior", "Dr Ana Ruiz"), ("anxious_junior", "Dr Ben Okafor"),
            ("senior", "Dr Chen Li"))
LIBRARY = [Vignette(f"v_{c}", c.title(), c, d, TRAINEES)
           for c, d in zip(CATEGORIES, ("direct", "indirect", "distant") * 2)]
GERMAN = Translator("de")


@pytest.mark.parametrize("module", [tendencies, recommend_module, calibration_module])
def test_every_sentence_has_a_german_entry_with_the_same_fields(module):
    found, bad = literal_calls(Path(module.__file__))
    tables = [*tendencies.DISTANCE_WORDS.values(), *recommend_module.SUPERVISION_WORDS.values(),
              "one", "two", "three", "four", "five", "confident", "in between", "unsure"]
    assert not bad and len(found) >= 4
    for message in (*found, *tables):
        german = GERMAN.catalogue.get(message, "")
        assert german.strip() and german != message, message
        assert placeholders(german) == placeholders(message), message


def test_categories_and_distances_have_german_names():
    for name in (*CATEGORIES, *tendencies.DISTANCE_WORDS.values()):
        assert GERMAN(name) != name, name


def test_german_tendencies_use_a_decimal_comma_and_keep_the_english_order():
    p = progress(history(20, Habits(regret=(2.0, 0.2))))
    english, german = tendencies.describe(p), tendencies.describe(p, GERMAN)
    assert english == p.tendencies and len(german) == len(english)
    fell = next(s for s in german if s.startswith("Ihr Bedauern sank von"))
    before = next(s for s in english if s.startswith("Your regret fell from")).split()[4]
    assert f"von {before.replace('.', ',')} auf" in fell
    assert german[0] == "Keine unsichere Wahl in Ihren letzten 20 Sitzungen."


def test_tone_follows_the_figures_not_the_wording():
    p = progress(history(36, Habits(unsafe_in=frozenset({"medication"}))))
    english, german = tendencies.toned(p), tendencies.toned(p, GERMAN)
    assert [tone for tone, _ in english] == [tone for tone, _ in german]
    weakest = dict((s, tone) for tone, s in german)
    assert weakest["Ihre schwächste Fehlerart ist Medikation: 6 von 6 unsicher."] == "bad"


def test_german_recommendation_and_goal():
    records = [r.with_(safety_rating="amber") if r.supervision == "distant" else r
               for r in history(36)]
    english, german = recommend(LIBRARY, records), recommend(LIBRARY, records, t=GERMAN)
    assert (english.vignette, english.trainee) == (german.vignette, german.trainee)
    assert german.reason == ("Management übt Supervision aus der Ferne, wo 12 Ihrer 12 "
                             "Sitzungen mit Vorsicht bewertet wurden.")
    assert recommend(LIBRARY, [], t=GERMAN).reason == \
        "Sie haben Dr Ana Ruiz in Technical noch nicht supervidiert."
    assert goal(LIBRARY[0], []).text == "Safe, regret under 1, with all three trainees"
    assert goal(LIBRARY[0], [], GERMAN).text == \
        "Sicher, Bedauern unter 1, mit allen drei Trainees"


def test_the_german_progress_screen_model_has_no_english_sentence():
    records = history(20, Habits(regret=(2.0, 0.2), unsafe_in=frozenset({"medication"})))
    vm = progress_vm(records, LIBRARY, "sup", GERMAN)
    over_time, what_next = vm.pages[0], vm.pages[3]
    english = progress_vm(records, LIBRARY, "sup")
    assert len(over_time.lines) == len(english.pages[0].lines) > 3
    for (_, de), (_, en) in zip(over_time.lines + what_next.lines,
                                english.pages[0].lines + english.pages[3].lines):
        assert de != en, en
    assert any("Bedauern" in text for _, text in over_time.lines)
    assert what_next.lines[2][1].startswith("Ziel für ")


def test_german_area_names_keep_their_capitals():
    records = history(36, Habits(unsafe_at=frozenset({"distant"})))
    areas = progress_vm(records, LIBRARY, "sup", GERMAN).pages[1]
    names = [text.split(":")[0] for _, text in areas.lines]
    assert {"Aus der Ferne", "In der Nähe (indirekt)", "Im Raum", "Medikation"} <= set(names)


def test_the_german_reading_summary_names_the_band_with_a_decimal_comma():
    records = history(30, Habits(trust_bias={"confident_junior": 2}))
    english = calibration_module.calibration(records).summary
    german = calibration_module.calibration(records, GERMAN).summary
    assert english.startswith("You over-trust confident trainees: on average ")
    x = english.split()[6]
    assert german == (f"Sie vertrauen Trainees der Gruppe „selbstsicher“ zu viel: im Mittel "
                      f"{x.replace('.', ',')} Stufen über dem, was sie konnten.")
    page = progress_vm(records, LIBRARY, "sup", GERMAN).pages[2]
    assert page.lines[0][1] == german
