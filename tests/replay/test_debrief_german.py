"""A German session's debrief is German (#13): the advocacy-inquiry prompts, the take-aways,
the reactions and the timeline's own words go through the translator, and their numbers
(regret points, risk weights) use the decimal comma. Scenario text (cues, option labels) is
authored per language and quoted as it is, so the check compares each generated sentence
with its English rendering once the quoted content is taken out."""

from __future__ import annotations

import dataclasses
import json
import re
from pathlib import Path

import pytest

from game.content.catalogue import load_catalogue
from game.core.state import SessionConfig
from game.headless import ScriptedPolicy, play_out
from game.i18n import Translator, english
from game.paths import assets_dir
from game.replay import debrief as debrief_module
from game.replay.debrief import Debrief, build_debrief, default_summary, inquiry
from game.replay.reader import read_log
from game.replay.session import RecordedSession
from game.scoring.attitude import ATTITUDE_MESSAGES, Attitude
from game.scoring.harm import describe_grade
from game.scoring.params import ModelParams

SCENARIOS = Path(__file__).resolve().parents[2] / "scenarios"
PLAYS = (("medication_dosing", "watch"), ("lumbar_puncture", "random"),
         ("lumbar_puncture", "takeover"), ("caesarean_full_dilatation", "watch"),
         ("laparoscopic_trocar", "random"))
"""Sessions that between them reach every kind of sentence: a red rating, the model's
choice matched and missed, watched decisions (take-aways name them) and a risk attitude."""


@pytest.fixture(scope="module")
def debriefs(tmp_path_factory) -> list[tuple[Debrief, Debrief]]:
    """(English, German) debriefs of each session of PLAYS."""
    catalogue = load_catalogue(SCENARIOS)
    folder = tmp_path_factory.mktemp("logs")
    out = []
    for scenario_id, policy in PLAYS:
        scenario = catalogue.get(scenario_id)
        assert scenario is not None, scenario_id
        path = folder / f"{scenario_id}-{policy}.jsonl"
        config = SessionConfig(scenario.id, 4, scenario.trainees[0].id)
        play_out(RecordedSession(scenario, config, ModelParams(), path),
                 ScriptedPolicy(policy, 4))
        log = read_log(path)
        out.append((build_debrief(log, scenario), build_debrief(log, scenario,
                                                                  t=Translator("de"))))
    return out


def _content(d: Debrief) -> list[str]:
    """The scenario's own words a generated sentence may quote (longest first)."""
    quoted = {d.scenario.title}
    for row in d.decisions:
        quoted |= {row.cue, row.chosen_label, row.best_label, row.node.replace("_", " ")}
        quoted |= {row.chosen_label.lower(), row.best_label.lower()}
    for row in d.timeline:
        if row.kind in ("narration", "decision", "outcome", "end"):
            quoted.add(row.text)
    for node in d.scenario.nodes.values() if isinstance(d.scenario.nodes, dict) else ():
        quoted |= {o.label for o in getattr(node, "options", ())}
    for e in d.score.harm_grades if hasattr(d.score, "harm_grades") else ():
        quoted.add(describe_grade(e))
    return sorted((q for q in quoted if q), key=len, reverse=True)


def _generated(d: Debrief) -> list[str]:
    """Every sentence the debrief makes itself (not the vignette's own text)."""
    timeline = [r.text for r in d.timeline if r.kind in ("choice", "harm")]
    return [*(r.inquiry for r in d.decisions), *d.summary, *d.reactions[:2], *timeline]


def _fragments(text: str, content: list[str]) -> list[str]:
    """The generated text's own words: the parts between quoted content, of 3+ words."""
    for quoted in content:
        text = text.replace(quoted, "\x00")
    text = re.sub(r"[^\w\s'-]", "\x00", text)  # punctuation splits, numbers stay apart
    parts = [re.sub(r"\s+", " ", p).strip() for p in text.split("\x00")]
    return [p for p in parts if len(p.split()) >= 3]


def test_a_german_debrief_has_no_english_sentence(debriefs):
    checked = 0
    for en, de in debriefs:
        content = _content(en)
        grades = [r.text.split(": ", 1)[-1] for r in en.timeline if r.kind == "harm"]
        for english_text, german_text in zip(_generated(en), _generated(de), strict=True):
            assert german_text != english_text, english_text
            own = _fragments(english_text, content + grades)
            leaked = [f for f in own if f in german_text]
            assert not leaked, (leaked, german_text)
            checked += len(own)
    assert checked > 50  # the sessions did produce sentences to compare


def test_german_debrief_numbers_use_the_decimal_comma(debriefs):
    seen_comma = False
    for en, de in debriefs:
        content = _content(en)
        for text in [*(r.inquiry for r in de.decisions), *de.summary]:
            for quoted in content:  # a cue may quote a dose ("2.5 mg"): authored, not ours
                text = text.replace(quoted, "")
            assert not re.search(r"\d\.\d", text), text
            seen_comma |= bool(re.search(r"\d,\d", text))
    assert seen_comma  # regret points or a risk weight were printed


def test_the_takeaways_and_inquiry_in_english_are_unchanged(debriefs):
    """The English wording (the HTML report's) is what it was before translation."""
    en, _ = debriefs[0]
    row = en.decisions[0]
    assert row.inquiry.startswith(f"The cue was: \u201c{row.cue}\u201d ")
    assert en.summary[-1].startswith("Your choices fit no single risk weight: ")  # medication
    assert debriefs[1][0].summary[-1].startswith("Your choices fit risk weights: ")
    assert any(line.startswith("Safety rating: unsafe (red)") for line in en.summary)


def test_a_window_run_out_and_a_red_choice_read_in_german(debriefs):
    en, _ = debriefs[0]  # medication, watched: red
    red = next(r for r in en.decisions if r.rating == "red")
    timed_out = dataclasses.replace(red, by="timeout")
    de = Translator("de")
    text = inquiry(timed_out, de)
    assert "Sie haben das Fenster ablaufen lassen." in text
    assert "Das Modell betrachtet das als ausgeschlossen: " in text
    assert red.broken not in text  # the rule is worded in German too
    assert default_summary(en.decisions, en.score, None, de)[-1].startswith(
        "Sicherheitsbewertung: unsicher (rot), verletzte Regel: ")


def test_every_debrief_message_has_a_german_entry():
    from tests.ui.test_i18n import literal_calls, placeholders
    german = json.loads((assets_dir() / "i18n" / "de.json").read_text(encoding="utf-8"))
    found, bad = literal_calls(Path(debrief_module.__file__))
    ids = set(found) | set(debrief_module.MESSAGES) | set(ATTITUDE_MESSAGES)
    assert not bad and len(ids) > 25
    missing = sorted(i for i in ids if not german.get(i, "").strip())
    assert not missing, missing
    assert all(placeholders(i) == placeholders(german[i]) for i in ids)


@pytest.mark.parametrize(("attitude", "english_text", "german_text"), [
    (Attitude(0.05, 2.85, True, None, True, False), "up to 2.85", "bis 2,85"),
    (Attitude(0.5, 20.0, True, None, False, True), "0.5 or more", "0,5 oder mehr"),
    (Attitude(0.35, 2.85, True), "0.35 to 2.85", "0,35 bis 2,85"),
    (Attitude(0.05, 20.0, True, None, True, True), "any risk weight", "jedes Risikogewicht"),
    (Attitude(None, None, False, ("first_pass",)),
     "the choice at first pass is not optimal at any risk weight",
     "die Wahl bei first pass ist bei keinem Risikogewicht optimal"),
    (Attitude(None, None, False, ("a", "b")),
     "inconsistent: the choices at a and b fit no common risk weight",
     "widersprüchlich: Die Wahl bei a und bei b passt zu keinem gemeinsamen Risikogewicht"),
])
def test_the_risk_attitude_in_both_languages(attitude, english_text, german_text):
    assert attitude.describe() == english_text == attitude.describe(english)
    assert attitude.describe(Translator("de")) == german_text


def test_a_different_choice_with_no_regret_is_not_called_a_match(debriefs):
    """A choice other than the model's best whose balance came out the same (regret 0) was
    summed up as "Every decision matched the model's best choice"."""
    en, _ = debriefs[0]
    rows = [dataclasses.replace(r, regret=0.0) for r in en.decisions]
    differs = [r for r in rows if r.chosen != r.best]
    assert differs
    lines = default_summary(rows, en.score, None)
    assert "Every decision matched the model's best choice." not in lines
    assert f"At decision {differs[0].index + 1}" in lines[-2]
    same = [dataclasses.replace(r, best=r.chosen, best_label=r.chosen_label) for r in rows]
    assert "Every decision matched the model's best choice." in default_summary(
        same, en.score, None)


def test_the_takeaways_name_decision_points_by_number(debriefs):
    """Decision point ids ("morphine_decision") are English in any session and mean nothing
    to the player; the take-aways say "decision 2" ("Entscheidung 2") as every screen does."""
    for en, de in debriefs:
        ids = {r.node.replace("_", " ") for r in en.decisions}
        for text in [*en.summary, *de.summary]:
            assert not any(node in text for node in ids), text
    en, de = debriefs[0]  # medication, watched throughout
    assert en.summary[0].startswith("Allowed the trainee to continue at: decision 1, decision 2")
    assert de.summary[0].startswith("Den Trainee weitermachen lassen bei: Entscheidung 1, "
                                    "Entscheidung 2")
