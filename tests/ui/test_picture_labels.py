"""Item 4 of #13 inside the procedure pictures: every label whole, at the chosen size, apart.

Every procedure view is drawn in the procedure states every shipped vignette reaches (each
step's `procedure:` mapping applied in file order, as the engine merges them), settled and
halfway through the change from the state before, at picture
sizes from a 60 px strip (the replay viewer at a decision) to a projector panel, at all four
text sizes. Every label the picture places (`_labels.RECORDER`) must be at the player's text
size (never below `LABEL_SIZE`), lie whole inside the picture and inside the box its view
gave it, not be clipped by the surface's clip, and overlap no other label. And so that a view
cannot pass by drawing nothing: at the sizes the play screen gives the pictures, the words
that carry each vignette's cue are on screen.

German words are longer, so the layout is checked in German too (at two text sizes, to keep
the time reasonable), and a German picture must draw no English word that has a German entry.
"""

from __future__ import annotations

import ast
import dataclasses
import itertools
from collections.abc import Iterator, Mapping
from pathlib import Path

import pygame
import pytest

from game.i18n import Translator
from game.ui.kit.theme import make_theme
from game.ui.procedures import _labels as L
from game.ui.procedures.registry import view_for, view_names
from tests.ui.test_procedure_views import STATES

TEXT_SIZES = ("small", "normal", "large", "x-large")
GERMAN = Translator("de")
LANGUAGES = [("en", size) for size in TEXT_SIZES] + [("de", "normal"), ("de", "x-large")]
"""English at every text size; German (longer words) at the default and the largest."""
TRANSLATORS = {"en": None, "de": GERMAN}
SIZES = [(200, 60), (420, 60), (900, 60), (260, 100), (640, 110), (486, 120), (900, 150),
         (510, 180), (200, 300), (330, 200), (486, 268), (610, 322), (560, 400), (900, 500)]
"""Widths 200-900 by heights 60-500: the replay viewer's strip, the play screen at a decision
(486x120 at 1024x600 in Extra large) and otherwise at 1024x600 and 1280x720, the replay
viewer's picture beside its panel (510x180), the workshop's projector column."""


def _procedures(node: object) -> Iterator[Mapping]:
    """Every `procedure` mapping in a compiled scenario, in declaration order."""
    if dataclasses.is_dataclass(node) and not isinstance(node, type):
        for f in dataclasses.fields(node):
            value = getattr(node, f.name)
            if f.name == "procedure" and isinstance(value, Mapping):
                if value:
                    yield value
            else:
                yield from _procedures(value)
    elif isinstance(node, Mapping):
        for value in node.values():
            yield from _procedures(value)
    elif isinstance(node, (list, tuple)):
        for value in node:
            yield from _procedures(value)


def shipped_states(library) -> dict[str, list[Mapping]]:
    """Per view, the states the shipped vignettes reach: each step merged over the last."""
    out: dict[str, list[Mapping]] = {name: list(STATES.get(name, [{}])) for name in view_names()}
    for scenario in library.scenarios:
        name = scenario.procedure_view or "generic"
        state: dict = {}
        for step in _procedures(scenario):
            state = {**state, **step}
            out.setdefault(name, []).append(dict(state))
    return {name: list({repr(sorted(s.items())): s for s in found}.values())
            for name, found in out.items()}


@pytest.fixture(scope="module")
def states(library) -> dict[str, list[Mapping]]:
    return shipped_states(library)


FLOORS = (14, 16)
"""The smallest text role (`Metrics.small`) at 1024x600 and at 1280x720: a picture's labels
are never smaller than the screen's."""


def draw(name: str, size: tuple[int, int], theme, now: Mapping, before: Mapping | None = None,
         at: tuple[int, int] = (7, 5), floor: int = 14, progress: float = 1.0,
         language: str = "en") -> tuple[list[L.Label], pygame.Rect]:
    surface = pygame.Surface((size[0] + 20, size[1] + 20))
    rect = pygame.Rect(at, size)
    with L.labels_for(floor, translate=TRANSLATORS[language]) as placed:
        view_for(name).draw(surface, rect, now, before if before is not None else now,
                            progress, theme, 1.5)
    return placed, rect


def label_problems(labels: list[L.Label], rect: pygame.Rect) -> list[str]:
    found = []
    for label in labels:
        what = repr(label.words[:40])
        if label.size < label.floor or label.floor < L.LABEL_SIZE:
            found.append(f"{what} asked at size {label.size}, below {label.floor}")
        if not rect.contains(label.rect):
            found.append(f"{what} leaves the picture")
        if not label.box.contains(label.rect):
            found.append(f"{what} leaves its box")
        if label.clipped:
            found.append(f"{what} is cut by the clip")
    for a, b in itertools.combinations([x for x in labels if x.words], 2):
        if a.rect.colliderect(b.rect):
            found.append(f"{a.words[:30]!r} overlaps {b.words[:30]!r}")
    return found


@pytest.mark.parametrize("language,text_size", LANGUAGES)
@pytest.mark.parametrize("name", view_names())
def test_labels_whole_at_the_chosen_size_and_apart(name, language, text_size, states):
    theme = make_theme("default", text_size)
    found = []
    frames = [(now, now, 1.0) for now in states[name]] + \
        [(now, before, 0.5) for before, now in zip(states[name], states[name][1:])]
    for size, floor in itertools.product(SIZES, FLOORS):
        for now, before, progress in frames[:len(states[name])] if floor != FLOORS[0] \
                else frames:
            labels, rect = draw(name, size, theme, now, before, floor=floor, progress=progress,
                                language=language)
            if any(label.floor != floor for label in labels):
                found.append(f"{size}: labels placed without the screen's floor {floor}")
            for label in labels:
                if label.px != L.real_px(theme, label.size):
                    found.append(f"{label.words!r} at {label.px} px, not the chosen size")
            found += [f"{size} {dict(now)}: {p}" for p in label_problems(labels, rect)]
    assert not found, f"{name} {language} {text_size}: " + "; ".join(found[:5])


@pytest.mark.parametrize("language,text_size", LANGUAGES)
@pytest.mark.parametrize("name", view_names())
def test_labels_on_a_projector(name, language, text_size, states):
    """The workshop's projector (1920x1080: the smallest text role is 24) in a large picture."""
    theme = make_theme("default", text_size)
    found = []
    for size in ((900, 500), (1200, 640)):
        for now in states[name]:
            labels, rect = draw(name, size, theme, now, floor=24, language=language)
            found += [f"{size} {dict(now)}: {p}" for p in label_problems(labels, rect)]
    assert not found, f"{name} {text_size}: " + "; ".join(found[:5])


@pytest.mark.parametrize("name", view_names())
@pytest.mark.parametrize("size", [(0, 0), (1, 1), (5, 300), (300, 5), (40, 20), (47, 400),
                                  (-10, 30)])
def test_tiny_and_zero_sizes_draw_without_error(name, size):
    theme = make_theme("default", "x-large")
    surface = pygame.Surface((400, 400))
    view_for(name).draw(surface, pygame.Rect((3, 3), size), STATES[name][2], STATES[name][1],
                        0.5, theme, 1.0)


def _words(labels: list[L.Label]) -> str:
    return " | ".join(label.words for label in labels)


CUES = {
    "lumbar_puncture": ({"needle_depth_mm": 20, "needle_angle": "caudal", "bone_contact": True,
                         "passes": 1},
                        ["BONE CONTACT", "spinous process",
                         ("ligamentum flavum", "lig. flavum"), "head", "feet"]),
    "trocar": ({"port_site": "medial", "trocar_depth": 1, "bleeding": "brisk",
                "camera": "wall", "vessels_seen": True},
               ["BLEEDING: brisk", "epigastric vessels", "on the vessels (medial)"]),
    "caesarean": ({"incision": "made", "head": "impacted", "hand": "above"},
                  [("head wedged", "impacted: wedged"), "head wedged", "impacted: wedged",
                   ("above the head (levering)", "above (levering)")]),
    "dissection": ({"plane": "too_deep", "structure_at_risk": "duct"},
                   ["Wrong plane", "plane"]),
    "generic": ({"hr": 128, "spo2": 84, "rr": 6, "etco2": 0, "monitor": True,
                 "caption": "Tube in, no trace"}, ["Tube in, no trace", "NO CO2"]),
}
"""Per view, a state and the words that carry its cue (the status, the structure named); a
tuple lists the wordings a view may use (the shorter one where the longer cannot fit)."""


def _in(language: str, words: str | tuple[str, ...]) -> tuple[str, ...]:
    """The wordings of a cue in `language` (the generic view's caption is scenario content,
    authored per language: it has no entry and stays as written)."""
    wordings = (words,) if isinstance(words, str) else words
    return tuple(GERMAN(w) for w in wordings) if language == "de" else wordings


@pytest.mark.parametrize("language,text_size", LANGUAGES)
@pytest.mark.parametrize("size,floor", [((610, 322), 16), ((486, 268), 14)],
                         ids=["1280x720", "1024x600"])
@pytest.mark.parametrize("name", list(CUES))
def test_the_cue_words_are_on_screen_at_play_sizes(name, size, floor, language, text_size):
    theme = make_theme("default", text_size)
    state, words = CUES[name]
    labels, _ = draw(name, size, theme, state, floor=floor, language=language)
    shown = [label.words for label in labels]
    missing = [w for w in words if not any(a in s for s in shown for a in _in(language, w))]
    assert not missing, \
        f"{name} at {size} {language} {text_size} lacks {missing}: {_words(labels)}"


@pytest.mark.parametrize("language", ["en", "de"])
@pytest.mark.parametrize("name", list(CUES))
def test_the_status_survives_a_strip_60_px_tall(name, language):
    """The replay viewer's squeezed picture keeps the one line that says what is happening."""
    theme = make_theme("default", "x-large")
    state, words = CUES[name]
    labels, _ = draw(name, (640, 60), theme, state, language=language)
    assert any(w in label.words for label in labels for w in _in(language, words[0])), \
        _words(labels)


def test_only_the_label_kit_renders_text_in_the_pictures():
    """Every word goes through `_labels` (where it is checked and recorded; `_type` renders
    it): no view renders text with a font of its own."""
    folder = Path(L.__file__).parent
    offenders = []
    for path in sorted(folder.glob("*.py")):
        if path.name in ("_labels.py", "_type.py"):
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Attribute) and node.attr in ("render", "render_to"):
                offenders.append(f"{path.name}:{node.lineno}")
    assert not offenders, f"text rendered outside _labels: {offenders}"
