"""The caesarean picture words the head's state as the narration at that tick does (#13).

A colleague saw the narration say the head was wedged while the picture said "engaged". The
picture reads `head` from the procedure state of the tick shown: its panel row changes at
once, the "head wedged" tag once the head has moved (half way through the change). Before
the head is found impacted the scenario's state is `engaged`, worded "deep in the pelvis"
(the narration's words at that beat), never "wedged".
"""

from __future__ import annotations

import pytest

from game.ui.kit.theme import make_theme
from tests.ui.test_picture_labels import GERMAN, draw

ENGAGED = {"incision": "made", "head": "engaged", "hand": "above"}
IMPACTED = {**ENGAGED, "head": "impacted"}


def _words(now, before, progress, size=(610, 322)) -> list[str]:
    labels, _ = draw("caesarean", size, make_theme("default", "normal"), now, before,
                     floor=16, progress=progress)
    return [label.words for label in labels]


def test_an_engaged_head_is_deep_in_the_pelvis_not_wedged():
    shown = _words(ENGAGED, ENGAGED, 1.0)
    assert "Head: deep in the pelvis (engaged)" in shown, shown
    assert not any("wedged" in w for w in shown), shown


def test_the_panel_says_impacted_at_the_tick_it_happens():
    early = _words(IMPACTED, ENGAGED, 0.05)
    assert "Head: impacted: wedged" in early, early
    settled = _words(IMPACTED, ENGAGED, 1.0)
    assert "head wedged" in settled and "Head: impacted: wedged" in settled, settled


def test_the_picture_keeps_the_head_row_in_a_short_panel():
    """At 1024x600 during a decision the panel is short: the head row takes its short form
    rather than leaving the head out."""
    shown = _words(ENGAGED, ENGAGED, 1.0, size=(486, 145))
    assert any(w.startswith("Head:") for w in shown), shown


@pytest.mark.parametrize("language", ["en", "de"])
@pytest.mark.parametrize("size", [(486, 145), (486, 120)])
def test_the_hand_the_second_decision_is_about_stays_at_a_decision(size, language):
    """At 1024x600 in Extra large the play screen's picture during a decision is about
    486x120-145: the head row gives way to its short form before the trainee's hand (the
    cue of that decision) is left out (seen in German: 'Kopf' and 'Inzision', no hand)."""
    labels, _ = draw("caesarean", size, make_theme("default", "x-large"), ENGAGED, floor=14,
                     language=language)
    hand = GERMAN("Trainee's hand") if language == "de" else "Trainee's hand"
    head = GERMAN("Head") if language == "de" else "Head"
    shown = [label.words for label in labels]
    assert any(w.startswith(hand + ":") for w in shown), shown
    assert any(w.startswith(head + ":") for w in shown), shown
