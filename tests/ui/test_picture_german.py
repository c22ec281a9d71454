"""A German session's procedure pictures speak German (#13): no English word a picture draws
is left untranslated where the catalogue has its German, and the screen's translator reaches
the pictures through `ProcedureMotion`.

The words are read where the label kit records them (`_labels.RECORDER`), from every view in
every procedure state the shipped vignettes reach, at the play screen's picture sizes and a
60 px strip (where the shortest wordings are used).
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pygame
import pytest

from game.i18n import Translator
from game.paths import assets_dir
from game.ui.kit.motion import ProcedureMotion
from game.ui.kit.theme import make_theme
from game.ui.procedures import _kit as K
from game.ui.procedures import _labels as L
from game.ui.procedures.registry import view_for, view_names
from tests.ui.test_i18n import literal_calls
from tests.ui.test_picture_labels import draw, shipped_states

GERMAN = Translator("de")
PICTURE_SIZES = [(640, 60), (486, 120), (486, 268), (610, 322), (900, 500)]


def picture_ids() -> set[str]:
    """Every message id the procedure pictures look up (as the i18n test scans them)."""
    ids: set[str] = set()
    for path in sorted(Path(L.__file__).parent.glob("*.py")):
        ids.update(literal_calls(path)[0])
    return ids


def english_words() -> list[tuple[str, re.Pattern[str]]]:
    """The pictures' English words whose German differs, as whole-word patterns (a format's
    fixed words only: '{structure} INJURED' looks for 'INJURED'). A word that is also the
    German of another picture word is German too ('RR' is the respiratory rate in English, the
    blood pressure in German)."""
    catalogue = json.loads((assets_dir() / "i18n" / "de.json").read_text(encoding="utf-8"))
    german = {catalogue.get(m, m) for m in picture_ids()}
    found = []
    for message in sorted(picture_ids()):
        if catalogue.get(message, message) == message:
            continue  # the same in both languages (e.g. "Monitor", "SpO2 %")
        for part in re.split(r"\{[^{}]*\}", message):
            part = part.strip(" ,:%\u00a0")
            if len(part) >= 2 and part.lower() != GERMAN(message).lower() and \
                    part not in german:
                found.append((message, re.compile(rf"(?<![\w]){re.escape(part)}(?![\w])")))
    return found


def test_the_scan_sees_the_pictures_words():
    ids = picture_ids()
    assert {"spinous process", "ligamentum flavum", "Depth", "Passes", "HIGH", "LOW",
            "head wedged", "epigastric vessels", "BONE CONTACT"} <= ids


def _authored(state: dict) -> set[str]:
    """Words a scenario writes itself (the generic view's caption, room and people): content
    is authored per language, so an English vignette's caption stays English."""
    people = str(state.get("people", "")).replace(";", ",").split(",")
    return {str(state.get("caption", "")).strip(), str(state.get("room", "")).strip()[:60],
            *(w.strip().lower() for w in people)}


@pytest.mark.parametrize("name", view_names())
def test_a_german_picture_draws_no_english_word(name, library):
    theme = make_theme("default", "x-large")
    patterns = english_words()
    states = shipped_states(library)[name]
    found, drawn = set(), 0
    for size in PICTURE_SIZES:
        for now in states:
            labels, _ = draw(name, size, theme, now, floor=14, language="de")
            drawn += len(labels)
            for label in labels:
                if label.words in _authored(now):
                    continue
                for message, pattern in patterns:
                    if pattern.search(label.words):
                        found.add(f"{label.words!r} (English {message!r})")
    assert drawn > 0, f"{name} drew no words at all"
    assert not found, f"{name}: " + "; ".join(sorted(found)[:8])


def test_the_check_would_see_an_english_word():
    """The patterns catch what the test above must not find (so it can fail)."""
    patterns = english_words()
    for words in ("spinous process", "Depth: 4.5 cm", "BONE CONTACT", "VESSEL INJURED",
                  "HR 128 HIGH"):
        assert any(p.search(words) for _, p in patterns), words
    for words in ("Dornfortsatz", "Tiefe: 4,5 cm", "NADEL AM KNOCHEN", "HF 128 HOCH"):
        assert not any(p.search(words) for _, p in patterns), words


LP_CUE = {"needle_depth_mm": 20, "needle_angle": "caudal", "bone_contact": True, "passes": 1}


def test_the_screen_translator_reaches_the_picture(make_ctx):
    """`ProcedureMotion` hands the screen's `ctx.t` to the pictures; English without it."""
    shown = {}
    for language in ("en", "de"):
        ctx = make_ctx(size=(1280, 720), text_size="normal")
        ctx.t = Translator(language)
        motion = ProcedureMotion(view_for("lumbar_puncture"), LP_CUE)
        surface = pygame.Surface((700, 400))
        record: list[L.Label] = []
        with L.labels_for(16, record):
            motion.draw(ctx, surface, pygame.Rect(10, 10, 610, 322), 5.0)
        shown[language] = " | ".join(label.words for label in record)
    assert "BONE CONTACT" in shown["en"] and "Depth" in shown["en"]
    assert "NADEL AM KNOCHEN" in shown["de"] and "Tiefe" in shown["de"], shown["de"]
    assert "Dornfortsatz" in shown["de"] and "Kopf" in shown["de"], shown["de"]
    assert "BONE" not in shown["de"] and "Depth" not in shown["de"]
    assert L.t("Depth") == "Depth"  # the translator is scoped to the drawing


def test_german_decimals_in_the_pictures():
    """Numbers a picture words itself take the German decimal comma."""
    theme = make_theme("default", "normal")
    labels, _ = draw("lumbar_puncture", (610, 322), theme,
                     {"needle_depth_mm": 45, "needle_angle": "cephalad", "passes": 2},
                     language="de")
    assert any("4,5\u00a0cm" in label.words for label in labels), [x.words for x in labels]
    labels, _ = draw("generic", (610, 322), theme, {"monitor": True, "etco2": 5.2, "hr": 80},
                     language="de")
    assert any("5,2" in label.words for label in labels), [x.words for x in labels]


@pytest.mark.parametrize("language", ["en", "de"])
@pytest.mark.parametrize("name", view_names())
def test_no_leader_runs_across_a_label(name, language, library, monkeypatch):
    """A leader line points from a label to what it names and never strikes through the words
    of any label, its own included (the caesarean's 'Schambein' was struck through at
    1024x600: its leader left the tag's far edge for a point under the tag)."""
    lines: list[tuple[tuple[int, int], tuple[int, int]]] = []
    real = L.pointer

    def spy(surface, start, end, colour, dot=True):
        lines.append((start, end))
        real(surface, start, end, colour, dot)

    monkeypatch.setattr(L, "pointer", spy)
    monkeypatch.setattr(K, "pointer", spy)  # `leader` calls the kit's own name for it
    theme = make_theme("default", "x-large")
    found = set()
    for size in PICTURE_SIZES:
        for now in shipped_states(library)[name]:
            lines.clear()
            labels, _ = draw(name, size, theme, now, floor=14, language=language)
            for label in labels:
                inner = label.rect.inflate(-4, -4)
                for a, b in lines:
                    if label.words and inner.w > 0 and inner.clipline(a, b):
                        found.add(f"{size}: {label.words!r}")
    assert not found, f"{name}: " + "; ".join(sorted(found)[:6])


def test_a_translated_caption_is_shown_while_the_picture_reads_the_words_as_written():
    """The forearm close-up and the seated patient follow the caption and room as written;
    the player reads the translation (scenario translations put it under shown_*)."""
    from game.ui.procedures.generic import _seated, cannula_stage, shown
    state = {"room": "Relatives' room", "shown_room": "Angehörigenzimmer",
             "caption": "Flashback: the needle is in the vein",
             "shown_caption": "Blutrückfluss: Die Nadel liegt in der Vene"}
    assert shown(state, "caption") == "Blutrückfluss: Die Nadel liegt in der Vene"
    assert shown(state, "room") == "Angehörigenzimmer"
    assert cannula_stage(state) == "flashback"
    assert _seated(str(state["room"]))
    assert shown({"caption": "Ward office"}, "caption") == "Ward office"
