"""Presenters: session state and content -> plain view models the scenes draw.

Pure functions with no pygame, so tests assert on what a screen says (the countdown, the
button labels, which files are invalid) without rendering a pixel. Debrief-side presenters
(outcome, replay) live in `review.py`.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from game.content.catalogue import Catalogue
from game.core import events as ev
from game.core.model import TICKS_PER_SECOND, Chance, Decision, Option, Scenario
from game.core.view import SessionView

TICK_MS = 1000 // TICKS_PER_SECOND

LEVEL_NAMES = {"watch": "Watch", "probe": "Probe", "cue": "Cue", "guide": "Guide",
               "takeover": "Take over"}
LEVEL_TONES = {"watch": "info", "probe": "good", "cue": "good", "guide": "warn",
               "takeover": "bad"}
DISTANCE_TEXT = {
    "direct": "Direct: you are in the room and can reach the patient at once.",
    "indirect": "Indirect: you are nearby and can be there within minutes.",
    "distant": "Distant: you are reachable by phone, not at the bedside.",
}


@dataclass(frozen=True)
class VignetteRow:
    id: str
    title: str
    meta: str
    summary: str
    setting: str


@dataclass(frozen=True)
class InvalidRow:
    file: str
    problem: str
    """The first problem as `file:line:col: message`."""
    count: int


@dataclass(frozen=True)
class PickerVM:
    rows: tuple[VignetteRow, ...]
    invalid: tuple[InvalidRow, ...]


def picker_vm(catalogue: Catalogue) -> PickerVM:
    rows = tuple(VignetteRow(
        id=s.id, title=s.title,
        meta=f"{s.category.capitalize()} · {s.supervision} supervision · {s.minutes:g} min",
        summary=s.summary, setting=_sentence(f"{s.specialty}. {s.setting}"))
        for s in catalogue.scenarios)
    invalid = []
    for entry in catalogue.invalid:
        name = Path(entry.path).name
        first = entry.problems[0] if entry.problems else None
        text = f"{name}:{first.line}:{first.col}: {first.message}" if first else \
            f"{name}: cannot be loaded"
        invalid.append(InvalidRow(name, text, len(entry.problems)))
    return PickerVM(rows, tuple(invalid))


@dataclass(frozen=True)
class ProfileVM:
    id: str
    name: str
    level: str
    summary: str
    competence: str


@dataclass(frozen=True)
class BriefingVM:
    title: str
    summary: str
    patient: str
    patient_summary: str
    setting: str
    supervision: str
    objectives: tuple[str, ...]
    profiles: tuple[ProfileVM, ...]


def _sentence(text: str) -> str:
    text = text.strip()
    return text if not text or text[-1] in ".!?" else text + "."


def briefing_vm(scenario: Scenario) -> BriefingVM:
    p = scenario.patient
    profiles = tuple(ProfileVM(
        t.id, t.name, t.level, t.summary,
        "Competence known" if t.competence_known else "Competence uncertain")
        for t in scenario.trainees)
    return BriefingVM(
        title=scenario.title, summary=scenario.summary,
        patient=f"{p.name}, {p.age}", patient_summary=p.summary,
        setting=_sentence(f"{scenario.specialty}. {scenario.setting}"),
        supervision=DISTANCE_TEXT.get(scenario.supervision, scenario.supervision),
        objectives=scenario.objectives, profiles=profiles)


def room_text(scenario: Scenario, profile_id: str) -> str:
    """Who is in the room: shown while the trainee works, so the player need not remember."""
    t, p = scenario.trainee(profile_id), scenario.patient
    distance = DISTANCE_TEXT.get(scenario.supervision, scenario.supervision)
    return (f"Your trainee: {t.name}, {t.level}. {t.summary}\n"
            f"Patient: {p.name}, {p.age}.\n"
            f"Supervision: {distance}")


@dataclass(frozen=True)
class OptionVM:
    id: str
    key: int
    level: str
    label: str
    """What the button says: level name and the option's own label."""
    tone: str
    is_default: bool


@dataclass(frozen=True)
class PlayVM:
    phase: str
    """"narration", "decision" or "ended"."""
    narration: str
    cue: str
    options: tuple[OptionVM, ...]
    fraction_left: float
    seconds_left: float
    countdown: str
    elapsed: str
    paused: bool
    end_title: str


def play_vm(v: SessionView, sub_tick_ms: int = 0, paused: bool = False) -> PlayVM:
    """The play screen for one moment; `sub_tick_ms` (0-99) smooths the countdown."""
    phase = "ended" if v.finished else ("decision" if v.node_kind == "decision" else
                                        "narration")
    ms_left = max(0, v.ticks_left * TICK_MS - sub_tick_ms) if v.ticks_total else 0
    fraction = ms_left / (v.ticks_total * TICK_MS) if v.ticks_total else 0.0
    options = tuple(OptionVM(o.id, o.key, o.level, f"{LEVEL_NAMES.get(o.level, o.level)}: "
                             f"{o.label}", LEVEL_TONES.get(o.level, "info"),
                             o.id == v.default_option) for o in v.options)
    seconds = ms_left / 1000
    countdown = ""
    if phase == "decision":
        default = next((o for o in options if o.is_default), None)
        then = f" (then {default.key}: {LEVEL_NAMES.get(default.level, default.level)})" \
            if default else ""
        countdown = f"{seconds:.1f} s left to decide{then}"
    total_s = (v.tick * TICK_MS + sub_tick_ms) // 1000
    return PlayVM(phase=phase, narration=v.text, cue=v.cue, options=options,
                  fraction_left=fraction, seconds_left=seconds, countdown=countdown,
                  elapsed=f"{total_s // 60}:{total_s % 60:02d}", paused=paused,
                  end_title=v.end_title)


@dataclass(frozen=True)
class Line:
    """One line of the running transcript; `kind` picks its colour and prefix."""

    kind: str  # narration | you | outcome | window | harm | end
    text: str


def narrate(scenario: Scenario, events: list) -> list[Line]:
    """What the player should read about `events`, in order (chance outcomes included:
    the view shows only the node the session rests on, so they would otherwise be lost)."""
    lines: list[Line] = []
    for e in events:
        line = _line_for(scenario, e)
        if line is not None and line.text:
            lines.append(line)
    return lines


def _line_for(scenario: Scenario, e: object) -> Line | None:
    if isinstance(e, ev.NodeEntered):
        node = scenario.node(e.node)
        if e.node_kind == "end":
            title = getattr(node, "title", "")
            return Line("end", f"{title}. {node.text}" if title else node.text)
        return Line("narration", node.text)
    if isinstance(e, ev.ChanceResolved):
        node = scenario.node(e.node)
        assert isinstance(node, Chance)
        return Line("outcome", next(o.text for o in node.outcomes if o.id == e.outcome))
    if isinstance(e, ev.InterventionMade):
        option = _option(scenario, e.decision, e.option)
        said = f" \u201c{option.say}\u201d" if option.say else ""
        return Line("you", f"You ({LEVEL_NAMES.get(e.level, e.level)}): {option.label}.{said}")
    if isinstance(e, ev.WindowClosed):
        option = _option(scenario, e.decision, e.option)
        level = LEVEL_NAMES.get(option.level.value, option.level.value)
        return Line("window", f"Time is up and you did not step in ({level}: {option.label}).")
    if isinstance(e, ev.HarmOccurred):
        return Line("harm", f"Harm to the patient ({e.grade}).")
    return None


def _option(scenario: Scenario, decision: str, option: str) -> Option:
    node = scenario.node(decision)
    assert isinstance(node, Decision)
    return node.option(option)


def option_label(scenario: Scenario, decision: str, option: str) -> str:
    return _option(scenario, decision, option).label
