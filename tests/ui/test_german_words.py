"""German is one language: one word for regret, and a decimal comma in every number a
message formats (#13: "German mixes decimal separators and Regret/Bedauern")."""

from __future__ import annotations

import json
import re

from game.i18n import Translator
from game.paths import assets_dir


def test_regret_is_bedauern_throughout():
    german = json.loads((assets_dir() / "i18n" / "de.json").read_text(encoding="utf-8"))
    mixed = [k for k, v in german.items() if re.search(r"\bRegret\b", v)]
    assert not mixed, f"German messages still saying Regret: {mixed}"


def test_numbers_in_german_messages_get_a_decimal_comma():
    t = Translator("de")
    assert t("Expected regret {x:.2f}", x=0.254) == "Erwartetes Bedauern 0,25"
    assert t("{a} · {b:,.1f}", a=1.5, b=12345.67) == "1,5 · 12.345,7"
    assert t("{n} sessions", n=3).startswith("3")  # whole numbers are left alone


def test_english_keeps_the_decimal_point():
    assert Translator("en")("Expected regret {x:.2f}", x=0.254) == "Expected regret 0.25"


def test_the_vignette_list_writes_minutes_with_a_decimal_comma_in_german():
    from game.content.catalogue import load_catalogue
    from game.paths import scenarios_dir
    from game.ui.play.presenters import picker_vm
    metas = [r.meta for r in picker_vm(load_catalogue(scenarios_dir()), Translator("de")).rows]
    assert any(m.endswith("1,5 min") for m in metas)
    assert not any(re.search(r"\d\.\d", m) for m in metas)


def test_the_consequence_card_and_meters_write_german_decimals():
    from game.ui.play.consequence import _learning_text
    de = Translator("de")
    assert _learning_text((0.0, 0.6), de) == "+0,6 Punkte (bisher 0,6)."
    assert _learning_text((2.5, 2.5), de) == "Nichts Neues aus diesem Moment (bisher 2,5 Punkte)."
    assert _learning_text((0.0, 0.6), Translator("en")) == "+0.6 points (0.6 so far)."


def test_the_countdown_writes_a_decimal_comma_in_german(make_ctx, lumbar, home):
    from tests.ui.helpers import run_until, start_play
    ctx = make_ctx()
    ctx.t = Translator("de")
    play = start_play(ctx, lumbar)
    run_until(play, "decision")
    assert re.search(r"Fenster schließt in \d+,\d\u00a0s", play.vm.countdown), play.vm.countdown
    play.close()
