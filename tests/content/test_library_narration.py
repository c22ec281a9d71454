"""The narration of a vignette is written once, whichever trainee the player picks (#13).

A node's text, cue, option or spoken line that names one trainee ("Zoe, which fluid...")
reads wrong when the player chose another; a German overlay whose trainees' levels differ in
grammatical gender ("Assistenzärztin" beside "Assistenzarzt") gives one of them the wrong
pronoun in every "Ihre Trainee ... sie" of the story. Both were found by the translators in
the shipped library, which is what these tests hold it to."""

from __future__ import annotations

import re

import pytest

from game.content.catalogue import load_catalogue
from game.content.translation_texts import english_texts
from game.content.translations import translation_languages
from game.core.model import Scenario
from game.paths import scenarios_dir

SHIPPED = scenarios_dir()
ENGLISH = load_catalogue(SHIPPED)
GERMAN = load_catalogue(SHIPPED, language="de") if "de" in translation_languages(SHIPPED) \
    else None
TITLES = {"Dr", "Dr.", "Mr", "Ms", "Mrs", "Herr", "Frau"}


def _scenarios(catalogue) -> list[Scenario]:
    return [e.scenario for e in catalogue.entries if e.scenario is not None]


def trainee_names_in_story(scenario: Scenario) -> list[str]:
    """'node path: name' for every story text that names one of the vignette's trainees
    (first or family name, as a whole word)."""
    names = {part for t in scenario.trainees for part in t.name.split() if part not in TITLES}
    found = []
    for path, text in english_texts(scenario).items():
        if path[0] != "nodes":
            continue
        found += [f"{'.'.join(map(str, path))}: {name}" for name in sorted(names)
                  if re.search(rf"\b{re.escape(name)}\b", text)]
    return found


def german_level_genders(scenario: Scenario) -> set[str]:
    """The grammatical genders of the trainees' German levels ('Assistenzärztin' f,
    'Assistenzarzt'/'Gastarzt' m); a level that says neither counts for nothing."""
    genders = set()
    for trainee in scenario.trainees:
        if re.search(r"ärztin\b", trainee.level):
            genders.add("f")
        elif re.search(r"arzt\b", trainee.level):
            genders.add("m")
    return genders


def test_the_finder_sees_a_named_trainee_and_mixed_genders():
    """The checks below must be able to fail: a story line naming a trainee is found, and
    levels of both genders are told apart."""
    from dataclasses import replace

    fluid = ENGLISH.get("paediatric_fluid_bolus")
    assert fluid is not None
    node = fluid.nodes["bolus_written"]
    named = replace(fluid, nodes={**fluid.nodes,
                                  "bolus_written": replace(node, text=f"{node.text} Zoe nods.")})
    assert trainee_names_in_story(named) == ["nodes.bolus_written.text: Zoe"]
    mixed = replace(fluid, trainees=(
        replace(fluid.trainees[0], level="Assistenzärztin Pädiatrie"),
        replace(fluid.trainees[1], level="Assistenzarzt Pädiatrie, 4. Weiterbildungsjahr")))
    assert german_level_genders(mixed) == {"f", "m"}


@pytest.mark.parametrize("scenario", _scenarios(ENGLISH), ids=lambda s: s.id)
def test_no_story_line_names_a_trainee(scenario):
    assert trainee_names_in_story(scenario) == []


@pytest.mark.skipif(GERMAN is None, reason="no German translations shipped")
@pytest.mark.parametrize("scenario", _scenarios(GERMAN) if GERMAN else [],
                         ids=lambda s: s.id)
def test_german_story_lines_name_no_trainee_and_levels_share_one_gender(scenario):
    assert trainee_names_in_story(scenario) == []
    assert len(german_level_genders(scenario)) <= 1, [t.level for t in scenario.trainees]
