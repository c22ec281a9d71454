"""German says "Trainee" for the trainee, everywhere (#13): the UI mixed "Trainee" (43
messages) with "Weiterbildungsperson" (7), and the vignettes' translations say "Trainee".
The phones' pages take their German from the same catalogue (game/web/words.py)."""

from __future__ import annotations

import json
import re

from game.app.calibration import compare
from game.i18n import Translator
from game.paths import assets_dir

OTHER_WORDS = re.compile(r"Weiterbildungsperson|Weiterzubildende|Auszubildende|Lernende")


def _german() -> dict[str, str]:
    return json.loads((assets_dir() / "i18n" / "de.json").read_text(encoding="utf-8"))


def test_every_german_message_about_the_trainee_says_trainee():
    german = _german()
    about = {k: v for k, v in german.items() if re.search(r"\btrainees?\b", k, re.I)}
    assert len(about) > 40
    mixed = {k: v for k, v in german.items() if OTHER_WORDS.search(v)}
    assert not mixed, f"German messages with another word for the trainee: {list(mixed)}"
    assert sum("Trainee" in v for v in about.values()) > 40


def test_the_changed_sentences_read_with_der_trainee():
    t = Translator("de")
    assert t("Rate the trainee first") == "Zuerst den Trainee einschätzen"
    assert t("What the trainee did") == "Was der Trainee getan hat"
    assert compare(3, 0.5).words(t).startswith("Sie haben den Trainee richtig")
    low = compare(1, 0.95).words(t)
    assert low.startswith("Sie haben dem Trainee weniger zugetraut") and "Weiter" not in low


def test_the_phones_german_words_say_trainee():
    from game.web import words
    german = _german()
    ids = [*words.page_messages(), *words.script_messages(), *words.PHONE_ERRORS]
    assert ids
    mixed = [i for i in ids if OTHER_WORDS.search(german.get(i, ""))]
    assert not mixed, mixed
