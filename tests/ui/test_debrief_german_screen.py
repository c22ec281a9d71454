"""The debrief screen in a German session (#13): the take-aways it starts from, the inquiry,
the reactions, the risk attitude and the timeline's harm rows are German, with decimal
commas; the English session's screen keeps its English."""

from __future__ import annotations

import re

from game.i18n import Translator
from game.scoring.attitude import Attitude
from game.ui.debrief.debrief import DebriefScene
from game.ui.debrief.presenters import debrief_vm
from tests.ui.review_screens import REVIEW_SCREENS


def _debrief(make_ctx, tmp_path, language: str) -> DebriefScene:
    ctx = make_ctx()
    ctx.t = Translator(language)
    scene = REVIEW_SCREENS["debrief-summary"](ctx, str(tmp_path / "log.jsonl"))[0]
    assert isinstance(scene, DebriefScene) and scene.vm is not None
    return scene


def test_the_german_debrief_screen_speaks_german(make_ctx, home, tmp_path):
    scene = _debrief(make_ctx, tmp_path, "de")
    vm = scene.vm
    assert vm.attitude.startswith("Kein Risikogewicht passt zu jeder Wahl: ")  # medication
    attitude = vm.attitude.split(": ", 1)[1]
    assert not re.search(r"\d\.\d", attitude), attitude  # "bis 2,85", never "up to 2.85"
    assert not any(word in attitude for word in ("up to", "or more", " to ", "inconsistent"))
    assert vm.reactions[0] == "Wie geht es Ihnen damit, wie es gelaufen ist?"
    assert scene.takeaways[-2].startswith("Sicherheitsbewertung: ")
    assert scene.takeaways[-1].startswith("Ihre Entscheidungen passen zu keinem einzelnen "
                                          "Risikogewicht: die Wahl bei Entscheidung ")
    assert all(p.inquiry.startswith("Der Hinweis war: \u201e") for p in vm.analysis)
    debrief = scene.loader.result[0]  # a session whose choices fit an interval of weights:
    debrief.attitude = Attitude(0.05, 2.85, True, None, True, False)
    assert debrief_vm(debrief, scene.ctx.t).attitude == \
        "Risikogewichte, die zu jeder Wahl passen: bis 2,85"
    harm = [r.text for r in vm.rows if r.tone == "harm"]
    assert harm and all(h.startswith("✖ Schaden für die Patientin") for h in harm)
    assert not any("harm points" in h for h in harm)


def test_the_english_debrief_screen_is_unchanged(make_ctx, home, tmp_path):
    scene = _debrief(make_ctx, tmp_path, "en")
    assert scene.vm.attitude.startswith("No risk weight fits every choice: ")
    assert scene.takeaways[-1].startswith("Your choices fit no single risk weight: ")
    assert all(p.inquiry.startswith("The cue was: \u201c") for p in scene.vm.analysis)
