"""Vignette translations (issue 13): words only, laid over the English scenario; a broken file
is reported `path:line:col` and the vignette stays playable in English."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest

from game.content.catalogue import FileCache, load_catalogue
from game.content.loader import load_scenario
from game.content.translation_texts import english_texts, step_effects
from game.content.translations import SOURCE_LANGUAGE, translate, translation_languages
from game.core.model import Chance, Decision
from game.core.state import SessionConfig
from game.headless import ScriptedPolicy, play_out
from game.paths import scenarios_dir, tutorial_file
from game.replay.session import RecordedSession
from game.scoring.params import ModelParams

SHIPPED = scenarios_dir()
ENGLISH = load_catalogue(SHIPPED)
LANGUAGES = translation_languages(SHIPPED)
ROOT = Path(__file__).resolve().parents[2]


def _copy(tmp_path: Path, scenario_id: str = "lumbar_puncture") -> Path:
    shutil.copy(SHIPPED / f"{scenario_id}.yaml", tmp_path)
    (tmp_path / "translations" / "de").mkdir(parents=True)
    return tmp_path / "translations" / "de" / f"{scenario_id}.yaml"


def _load(folder: Path, language: str = "de"):
    entry = load_catalogue(folder, cache=FileCache(), language=language).entries[0]
    assert entry.scenario is not None
    return entry


GOOD = """\
translation_of: lumbar_puncture
language: de
title: "Lumbalpunktion: der Winkel, der auf Knochen trifft"
nodes:
  angle_decision:
    cue: Die Nadel zeigt nach kaudal.
    options:
      watch: {label: Still bleiben und vorschieben lassen}
"""


def test_a_translation_changes_words_only(tmp_path):
    _copy(tmp_path).write_text(GOOD, encoding="utf-8")
    english = _load(tmp_path, "en").scenario
    german = _load(tmp_path).scenario
    assert german.language == "de" and english.language == SOURCE_LANGUAGE
    assert german.title.startswith("Lumbalpunktion")
    assert german.decision("angle_decision").cue == "Die Nadel zeigt nach kaudal."
    assert german.decision("angle_decision").option("watch").label.startswith("Still")
    # what it does not give stays English
    assert german.decision("angle_decision").option("probe").label == \
        english.decision("angle_decision").option("probe").label
    # the graph, the numbers and the version are the English file's
    assert german.content_sha256 == english.content_sha256
    assert list(german.nodes) == list(english.nodes)
    for node_id, node in english.nodes.items():
        other = german.nodes[node_id]
        if isinstance(node, Chance):
            assert [(o.id, o.p_low, o.p_high, o.next, o.effects) for o in node.outcomes] == \
                [(o.id, o.p_low, o.p_high, o.next, o.effects) for o in other.outcomes]
        if isinstance(node, Decision):
            assert [(o.id, o.level, o.next, o.effects) for o in node.options] == \
                [(o.id, o.level, o.next, o.effects) for o in other.options]
            assert node.timing == other.timing and node.window_ticks == other.window_ticks


def _log(scenario, path: Path, seed: int) -> bytes:
    config = SessionConfig(scenario.id, seed, scenario.trainees[0].id)
    session = RecordedSession(scenario, config, ModelParams(), path, player="sup-test",
                              started_at="2025-03-01T10:00:00+00:00")
    play_out(session, ScriptedPolicy("probe", seed=seed))
    session.close()
    return path.read_bytes()


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_session_logs_the_same_bytes_in_every_language(tmp_path, language):
    """Same seed and commands give a byte-identical log whatever language the player reads."""
    translated = load_catalogue(SHIPPED, language=language)
    for scenario_id in ("lumbar_puncture", "medication_dosing"):
        german = translated.get(scenario_id)
        english = ENGLISH.get(scenario_id)
        assert german is not None and english is not None
        for seed in (1, 7):
            assert _log(german, tmp_path / f"{language}-{seed}.jsonl", seed) == \
                _log(english, tmp_path / f"en-{seed}.jsonl", seed)


def test_a_broken_translation_is_located_and_the_vignette_stays_playable(tmp_path):
    _copy(tmp_path).write_text(GOOD.replace("nodes:", "nodes: [oops\n"), encoding="utf-8")
    entry = _load(tmp_path)
    assert entry.scenario.language == "en"  # the English shows; nothing is lost
    assert entry.translation and entry.translation[0].is_error
    assert str(entry.translation[0]).startswith(f"{tmp_path}/translations/de/"
                                                "lumbar_puncture.yaml:")


@pytest.mark.parametrize(("extra", "where", "message"), [
    ("  nowhere:\n    text: x\n", (9, 3), "nodes.nowhere: no node 'nowhere' in "
                                           "lumbar_puncture.yaml"),
    ("  intro:\n    cue: x\n", (10, 10), "nodes.intro.cue: the English has no cue here"),
    ("  intro:\n    text: '  '\n", (10, 11), "nodes.intro.text: empty text"),
    ("  probe_angle:\n    outcomes:\n      maybe: {text: x}\n", (11, 7),
     "nodes.probe_angle.outcomes.maybe: no outcome 'maybe' at 'probe_angle'"),
])
def test_each_mistake_is_an_error_at_its_place(tmp_path, extra, where, message):
    _copy(tmp_path).write_text(GOOD + extra, encoding="utf-8")
    entry = _load(tmp_path)
    errors = [p for p in entry.translation if p.is_error]
    assert entry.scenario.language == "en"
    assert [(p.line, p.col) for p in errors] == [where], errors
    assert message in errors[0].message


def test_a_label_too_long_for_its_button_is_refused_at_its_place(tmp_path):
    text = GOOD.replace("Still bleiben und vorschieben lassen", "x" * 46)
    _copy(tmp_path).write_text(text, encoding="utf-8")
    (error,) = [p for p in _load(tmp_path).translation if p.is_error]
    assert (error.line, error.col) == (8, 22)
    assert "nodes.angle_decision.options.watch.label" in error.message
    assert "45 characters" in error.message


def test_lists_must_match_and_the_language_must_match_its_folder(tmp_path):
    text = GOOD.replace("language: de", "language: fr") + "objectives: [eins]\n"
    _copy(tmp_path).write_text(text, encoding="utf-8")
    messages = [p.message for p in _load(tmp_path).translation if p.is_error]
    assert any(m.startswith("language: the file is in the 'de' folder") for m in messages)
    assert any(m.startswith("objectives: 1 item(s), the English has 3") for m in messages)


def test_missing_words_and_an_older_english_text_are_warnings(tmp_path):
    text = GOOD.replace("language: de", "language: de\nenglish_sha256: " + "a" * 64)
    _copy(tmp_path).write_text(text, encoding="utf-8")
    entry = _load(tmp_path)
    assert entry.scenario.language == "de"  # warnings never stop the translation
    messages = [p.message for p in entry.translation]
    assert all(not p.is_error for p in entry.translation)
    assert any(m.startswith("translated from an older English text") and
               entry.scenario.content_sha256 in m for m in messages)
    assert any(m.startswith("nodes.angle_decision: not translated (prompt, "
                            "options.probe.label") for m in messages)
    assert "summary: not translated; the English shows" in messages


def test_a_fifo_in_place_of_a_translation_is_named_not_read(tmp_path):
    path = _copy(tmp_path)
    os.mkfifo(path)
    entry = _load(tmp_path)
    assert entry.scenario.language == "en"
    assert "FIFO" in entry.translation[0].message


def test_validate_fails_on_a_broken_translation_and_names_it(tmp_path):
    _copy(tmp_path).write_text(GOOD + "  nowhere:\n    text: x\n", encoding="utf-8")
    orphan = tmp_path / "translations" / "de" / "no_such_vignette.yaml"
    orphan.write_text(GOOD, encoding="utf-8")
    done = subprocess.run([sys.executable, "-m", "game", "validate", str(tmp_path)],
                          capture_output=True, text=True, cwd=ROOT, check=False)
    assert done.returncode == 1, done.stdout + done.stderr
    assert f"{tmp_path}/translations/de/lumbar_puncture.yaml:9:3: nodes.nowhere" in done.stdout
    assert f"{orphan}:1:1: translates 'no_such_vignette'" in done.stdout
    summary = done.stdout.splitlines()[-1]
    assert summary.startswith("1 valid, 2 invalid, ") and summary.endswith("translations: de 2")
    assert "Traceback" not in done.stderr


# --- the shipped translations ------------------------------------------------------------

@pytest.mark.parametrize("language", LANGUAGES)
def test_every_shipped_translation_is_complete_and_clean(language):
    for scenario in ENGLISH.scenarios:
        found = translate(scenario, language)
        if found.path is None:
            continue
        assert not found.problems, "\n".join(str(p) for p in found.problems)
        assert found.applied


def test_the_shipped_vignettes_and_the_tutorial_read_in_german():
    """Issue 13's done-means: lumbar puncture, trocar and caesarean play in German."""
    german = load_catalogue(SHIPPED, language="de")
    for scenario_id in ("lumbar_puncture", "laparoscopic_trocar", "caesarean_full_dilatation"):
        scenario = german.get(scenario_id)
        assert scenario is not None and scenario.language == "de", scenario_id
        english = ENGLISH.get(scenario_id)
        assert english is not None
        same = [p for p, text in english_texts(scenario).items()
                if english_texts(english).get(p) == text and p[-1] != "name"]
        assert not same, f"{scenario_id}: still English: {same[:5]}"
    tutorial = translate(load_scenario(tutorial_file()), "de")
    assert tutorial.applied and not tutorial.problems


def test_every_shipped_vignette_has_its_german_text():
    missing = [s.id for s in ENGLISH.scenarios if not translate(s, "de").applied]
    assert not missing, f"no usable German translation: {missing}"


NUMBER = re.compile(r"\d+(?:[.,]\d+)?")


def _numbers(text: str, decimal_comma: bool) -> Counter:
    return Counter(n.replace(",", ".") if decimal_comma else n for n in NUMBER.findall(text))


def _side_by_side(english, other) -> list[tuple[tuple, str, str]]:
    """Each English text with its translation: by place, and the picture's words (keyed by
    their own English text) by the step that sets them."""
    words = english_texts(other)
    pairs = [(path, text, words.get(path, "")) for path, text in english_texts(english).items()
             if path[0] != "procedure"]
    for mine, theirs in zip(step_effects(english), step_effects(other), strict=True):
        pairs += [(("procedure", key), value, str(theirs.procedure.get(f"shown_{key}", value)))
                  for key, value in mine.procedure.items() if isinstance(value, str)]
    return pairs


@pytest.mark.parametrize("language", LANGUAGES)
def test_translations_keep_every_number_of_the_english(language):
    """A dose, time, distance or count must survive translation unchanged (German writes a
    decimal comma; it may add a number where English spells one, "third-year" -> "3.")."""
    translated = load_catalogue(SHIPPED, language=language)
    lost = []
    for english in ENGLISH.scenarios:
        other = translated.get(english.id)
        assert other is not None
        for path, text, words in _side_by_side(english, other):
            if _numbers(text, False) - _numbers(words, language == "de"):
                lost.append(f"{english.id}: {'.'.join(map(str, path))}")
    assert not lost, "numbers changed or lost: " + "; ".join(lost)


PICTURE = """\
translation_of: medication_dosing
language: de
procedure:
  "Paediatric ward, bay 2": "Kinderstation, Zimmer 2"
  "Draft: paracetamol IV 75 mg 6-hourly": "Entwurf: Paracetamol i.v. 75 mg alle 6 h"
"""


def _steps_procedure(scenario) -> list[dict]:
    found = []
    for node in scenario.nodes.values():
        for part in [node, *getattr(node, "options", ()), *getattr(node, "outcomes", ())]:
            effects = getattr(part, "effects", None)
            if effects is not None and effects.procedure:
                found.append(dict(effects.procedure))
    return found


def test_the_pictures_captions_and_rooms_are_translated_by_their_english_words(tmp_path):
    _copy(tmp_path, "medication_dosing").write_text(PICTURE, encoding="utf-8")
    entry = _load(tmp_path)
    shown = _steps_procedure(entry.scenario)
    # the translation goes beside the words as written, which stay (the state is the same
    # in every language; the picture shows shown_room and shown_caption)
    ward = next(p for p in shown if p.get("room") == "Paediatric ward, bay 2")
    assert ward["shown_room"] == "Kinderstation, Zimmer 2"
    assert any(p.get("shown_caption") == "Entwurf: Paracetamol i.v. 75 mg alle 6 h"
               for p in shown)
    # words the file leaves out stay English, and the warning names them
    assert any(p.get("shown_room") == "Ward office" for p in shown)
    (left,) = [p for p in entry.translation if p.message.startswith("procedure: not transl")]
    assert "Ward office" in left.message and not left.is_error


def test_a_caption_the_english_never_shows_or_too_long_for_the_picture_is_an_error(tmp_path):
    text = PICTURE + '  "Nowhere": "Nirgends"\n  "Ward office": "' + "x" * 61 + '"\n'
    _copy(tmp_path, "medication_dosing").write_text(text, encoding="utf-8")
    entry = _load(tmp_path)
    errors = {(p.line, p.col): p.message for p in entry.translation if p.is_error}
    assert entry.scenario.language == "en"
    assert errors == {
        (6, 3): "procedure: no caption or room in medication_dosing.yaml reads 'Nowhere'",
        (7, 18): "procedure: 'Ward office': the translation is 61 characters; at most 60 fit"}


def _validate(*args: str | Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "game", "validate", *map(str, args)],
                          capture_output=True, text=True, cwd=ROOT, check=False)


def test_validating_one_scenario_checks_its_translations_only(tmp_path):
    """Other vignettes' translations in the folder are not 'orphans' when one file is named."""
    _copy(tmp_path).write_text(GOOD, encoding="utf-8")
    shutil.copy(SHIPPED / "medication_dosing.yaml", tmp_path)
    (tmp_path / "translations" / "de" / "medication_dosing.yaml").write_text(
        PICTURE + "  nonsense: here\n", encoding="utf-8")
    done = _validate(tmp_path / "lumbar_puncture.yaml")
    assert done.returncode == 0, done.stdout
    assert "medication_dosing" not in done.stdout
    assert done.stdout.splitlines()[-1].endswith("translations: de 1")


def test_validating_a_translation_file_checks_it_against_its_scenario(tmp_path):
    path = _copy(tmp_path)
    path.write_text(GOOD + "  nowhere:\n    text: x\n", encoding="utf-8")
    done = _validate(path)
    assert done.returncode == 1
    assert f"{path}:9:3: nodes.nowhere: no node 'nowhere'" in done.stdout
    assert "discriminator" not in done.stdout  # not read as a scenario of its own
    path.write_text(GOOD, encoding="utf-8")
    done = _validate(path)
    assert done.returncode == 0, done.stdout
