"""The words of a scenario by their place in a translation file, and a translation laid over
them.

A place is a path in the translation file's own terms, e.g. ("nodes", "angle_decision",
"options", "probe", "label"); `english_texts` lists every place a scenario has words at,
`given_texts` every place a translation file fills, and `apply_translation` swaps them.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

from game.content.procedure_schema import VIEWS
from game.content.translation_schema import TranslationIn
from game.core.model import (
    Beat,
    Chance,
    Decision,
    Effects,
    End,
    Node,
    Scenario,
    frozen_mapping,
)

TextPath = tuple[str | int, ...]
"""Where a string sits, in the translation file's terms: ("nodes", node id, "cue")."""

OPTIONAL = frozenset({("patient", "name")})
"""Strings a translation may leave in English without a warning (names of people)."""


def english_texts(scenario: Scenario) -> dict[TextPath, str]:
    """Every string a translation may (and should) give, by its path in a translation file."""
    texts: dict[TextPath, str] = {("title",): scenario.title, ("summary",): scenario.summary,
                                  ("specialty",): scenario.specialty,
                                  ("setting",): scenario.setting,
                                  ("patient", "name"): scenario.patient.name,
                                  ("patient", "summary"): scenario.patient.summary}
    if not scenario.patient.age.isdigit():
        texts[("patient", "age")] = scenario.patient.age
    for trainee in scenario.trainees:
        for name in ("name", "level", "summary"):
            texts[("trainees", trainee.id, name)] = getattr(trainee, name)
    for list_name in ("objectives", "debrief_prompts"):
        for i, item in enumerate(getattr(scenario, list_name)):
            texts[(list_name, i)] = item
    for node in scenario.nodes.values():
        texts.update(_node_texts(node))
    texts.update({("procedure", value): value for value in picture_words(scenario)})
    return {path: text for path, text in texts.items() if text}


def free_text_keys(scenario: Scenario) -> dict[str, int | None]:
    """The procedure view's keys whose values are words the picture shows (a generic view's
    `room` and `caption`), with their length limits. Other keys are numbers, flags or
    choices the picture draws from (`caudal`), translated by the picture's own label book."""
    keys = VIEWS.get(scenario.procedure_view, {})
    return {name: key.max_len for name, key in keys.items()
            if key.kind == "text" and key.pattern is None}


def picture_words(scenario: Scenario) -> dict[str, int | None]:
    """Every free-text procedure value the scenario sets (the picture's captions and room
    names), with the shortest length limit of the keys it is set under."""
    keys = free_text_keys(scenario)
    words: dict[str, int | None] = {}
    for effects in step_effects(scenario):
        for name, value in effects.procedure.items():
            if name in keys and isinstance(value, str) and value:
                limit = keys[name]
                known = words.get(value, limit)
                words[value] = min((x for x in (known, limit) if x is not None), default=None)
    return words


def step_effects(scenario: Scenario) -> list[Effects]:
    """The effects of every step, in one fixed order (a translation keeps the order)."""
    found = []
    for node in scenario.nodes.values():
        if isinstance(node, (Beat, End)):
            found.append(node.effects)
        elif isinstance(node, Decision):
            found += [o.effects for o in node.options]
        elif isinstance(node, Chance):
            found += [o.effects for o in node.outcomes]
    return found


def _node_texts(node: Node) -> dict[TextPath, str]:
    at: TextPath = ("nodes", node.id)
    texts = {at + ("text",): node.text}
    if isinstance(node, Decision):
        texts[at + ("cue",)] = node.cue
        texts[at + ("prompt",)] = node.prompt
        for option in node.options:
            texts[at + ("options", option.id, "label")] = option.label
            texts[at + ("options", option.id, "say")] = option.say
    elif isinstance(node, Chance):
        for outcome in node.outcomes:
            texts[at + ("outcomes", outcome.id, "text")] = outcome.text
    elif isinstance(node, End):
        texts[at + ("title",)] = node.title
    return texts


def given_texts(doc: TranslationIn) -> dict[TextPath, str]:
    """Every string the translation file gives, by its path (lists by index)."""
    given: dict[TextPath, str | None] = {
        ("title",): doc.title, ("summary",): doc.summary, ("specialty",): doc.specialty,
        ("setting",): doc.setting}
    for name, value in doc.patient:
        given[("patient", name)] = value
    for trainee_id, trainee in doc.trainees.items():
        for name, value in trainee:
            given[("trainees", trainee_id, name)] = value
    for list_name in ("objectives", "debrief_prompts"):
        for i, item in enumerate(getattr(doc, list_name) or ()):
            given[(list_name, i)] = item
    for node_id, node in doc.nodes.items():
        at: TextPath = ("nodes", node_id)
        for name in ("text", "cue", "prompt", "title"):
            given[at + (name,)] = getattr(node, name)
        for option_id, option in node.options.items():
            given[at + ("options", option_id, "label")] = option.label
            given[at + ("options", option_id, "say")] = option.say
        for outcome_id, outcome in node.outcomes.items():
            given[at + ("outcomes", outcome_id, "text")] = outcome.text
    for english, words in doc.procedure.items():
        given[("procedure", english)] = words
    return {path: text for path, text in given.items() if text is not None}


def apply_translation(scenario: Scenario, doc: TranslationIn, language: str) -> Scenario:
    """The scenario with every string the translation gives in place of the English one."""
    given = given_texts(doc)

    def text(path: TextPath, english: str) -> str:
        return given.get(path, english) if english else english

    trainees = tuple(replace(t, name=text(("trainees", t.id, "name"), t.name),
                             level=text(("trainees", t.id, "level"), t.level),
                             summary=text(("trainees", t.id, "summary"), t.summary))
                     for t in scenario.trainees)
    p = scenario.patient
    patient = replace(p, name=text(("patient", "name"), p.name),
                      age=text(("patient", "age"), p.age),
                      summary=text(("patient", "summary"), p.summary))
    words = _PictureWords(free_text_keys(scenario), text)
    return replace(
        scenario, language=language, original=scenario.as_written(), patient=patient,
        trainees=trainees,
        title=text(("title",), scenario.title), summary=text(("summary",), scenario.summary),
        specialty=text(("specialty",), scenario.specialty),
        setting=text(("setting",), scenario.setting),
        objectives=tuple(text(("objectives", i), item)
                         for i, item in enumerate(scenario.objectives)),
        debrief_prompts=tuple(text(("debrief_prompts", i), item)
                              for i, item in enumerate(scenario.debrief_prompts)),
        nodes={node_id: _translated_node(node, text, words)
               for node_id, node in scenario.nodes.items()})


Translate = Callable[[TextPath, str], str]


SHOWN = "shown_"
"""A translated caption goes under `shown_caption` beside `caption`, which keeps the words
as written: the state stays the same in every language, and a picture that chooses what to
draw by its words (a relatives' room seats the patient) reads the same words."""


class _PictureWords:
    """Puts the picture's captions and room names in the player's language beside a step's
    words as written."""

    def __init__(self, keys: dict[str, int | None], text: Translate):
        self.keys, self.text = keys, text

    def __call__(self, effects: Effects) -> Effects:
        shown = {f"{SHOWN}{k}": self.text(("procedure", v), v)
                 for k, v in effects.procedure.items() if k in self.keys and isinstance(v, str)}
        if not shown:
            return effects
        return replace(effects, procedure=frozen_mapping({**effects.procedure, **shown}))


def _translated_node(node: Node, text: Translate, words: _PictureWords) -> Node:
    at: TextPath = ("nodes", node.id)
    if isinstance(node, Decision):
        options = tuple(replace(o, label=text(at + ("options", o.id, "label"), o.label),
                                say=text(at + ("options", o.id, "say"), o.say),
                                effects=words(o.effects))
                        for o in node.options)
        return replace(node, text=text(at + ("text",), node.text),
                       cue=text(at + ("cue",), node.cue),
                       prompt=text(at + ("prompt",), node.prompt), options=options)
    if isinstance(node, Chance):
        outcomes = tuple(replace(o, text=text(at + ("outcomes", o.id, "text"), o.text),
                                 effects=words(o.effects))
                         for o in node.outcomes)
        return replace(node, text=text(at + ("text",), node.text), outcomes=outcomes)
    if isinstance(node, End):
        return replace(node, text=text(at + ("text",), node.text),
                       title=text(at + ("title",), node.title), effects=words(node.effects))
    if isinstance(node, Beat):
        return replace(node, text=text(at + ("text",), node.text), effects=words(node.effects))
    return replace(node, text=text(at + ("text",), node.text))
