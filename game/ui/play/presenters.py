"""Presenters: session state and content -> plain view models the scenes draw.

Pure functions with no pygame, so tests assert on what a screen says (the countdown, the
button labels, which files are invalid) without rendering a pixel. Debrief-side presenters
(outcome, replay) live in `review.py`. Every function that writes UI chrome takes the
translator `t` (English when omitted); scenario content reaches them already in the
player's language (the library lays translations over it, `game.content.translations`).
The narration's lines are in `narration.py`.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from game.app.rules import TICK_MS
from game.content.catalogue import Catalogue
from game.core.model import LADDER, Decision, Scenario
from game.core.state import SessionState
from game.core.view import SessionView
from game.i18n import Tr, english
from game.replay.timeline import ledgers_so_far
from game.scoring.params import ModelParams
from game.ui.kit.vocabulary import (
    CATEGORY_NAMES,
    DISTANCE_TEXT,
    LEVEL_NAMES,
    LEVEL_TONES,
    SUPERVISION_NAMES,
)


def level_name(level: str, t: Tr = english) -> str:
    return t(LEVEL_NAMES[level]) if level in LEVEL_NAMES else level


_RUNG_KEYS = {level.value: level.rank + 1 for level in LADDER}


def ladder_keys(levels: Sequence[str | None]) -> tuple[int, ...]:
    """The number key of each option, in order: its rung on the ladder (1 watch, 2 probe,
    3 cue, 4 guide, 5 take over), so a key means the same rung at every decision point and the
    tutorial's and help's "5 = take over" always holds; a rung not offered leaves its key
    unused. A second option on one rung (watch, with the suture passer open) takes the next
    key after the ladder (6, 7, ...): numbering the row by position there made Take over 4,
    Guide's key. Options without a rung (debrief decisions) are numbered by position."""
    keys = [_RUNG_KEYS.get(level or "") for level in levels]
    if any(k is None for k in keys):
        return tuple(range(1, len(keys) + 1))
    spare = iter(range(max(_RUNG_KEYS.values()) + 1, 10))
    seen: set[int] = set()
    numbered: list[int | None] = []
    for k in keys:
        numbered.append(k if k not in seen else next(spare, None))
        seen.add(k)  # type: ignore[arg-type]  # no None here: checked above
    if any(k is None for k in numbered):  # more than 9 options: only rows can number them
        return tuple(range(1, len(keys) + 1))
    return tuple(k for k in numbered if k is not None)


def key_span(keys: Sequence[int]) -> str:
    """The number keys a decision uses, as the footer names them: runs joined ("1-6",
    "1-3, 5", "1, 5-6"); "" when no key chooses anything (callers then name no number
    keys: a "1-5" there promised keys that do nothing). A second option on one rung takes
    key 6 and up, so a fixed "1-5" hid keys that work."""
    if not keys:
        return ""
    ordered, runs = sorted(set(keys)), []
    start = prev = ordered[0]
    for k in [*ordered[1:], None]:
        if k is not None and k == prev + 1:
            prev = k
            continue
        runs.append(f"{start}" if start == prev else f"{start}-{prev}")
        if k is not None:
            start = prev = k
    return ", ".join(runs)


def decision_keys(node: Decision) -> dict[str, int]:
    """Option id -> number key over all of a decision's options (see `ladder_keys`)."""
    levels = [o.level.value if o.level is not None else None for o in node.options]
    return dict(zip((o.id for o in node.options), ladder_keys(levels)))


def option_title(scenario: Scenario, decision: str, option: str, t: Tr = english) -> str:
    """"Cue: Tell her to aim for the umbilicus": the ladder rung, then the option's label."""
    node = scenario.node(decision)
    assert isinstance(node, Decision)
    opt = node.option(option)
    return f"{level_name(opt.rung, t)}: {opt.label}"


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


def picker_vm(catalogue: Catalogue, t: Tr = english) -> PickerVM:
    rows = tuple(VignetteRow(
        id=s.id, title=s.title,
        meta=t("{category} · {supervision} supervision · {minutes} min",
               category=t(CATEGORY_NAMES.get(s.category, s.category)),
               supervision=t(SUPERVISION_NAMES.get(s.supervision, s.supervision)),
               minutes=int(s.minutes) if s.minutes == int(s.minutes) else s.minutes),
        summary=s.summary, setting=_sentence(f"{s.specialty}. {s.setting}"))
        for s in catalogue.scenarios)
    invalid = []
    for entry in catalogue.invalid:
        name = Path(entry.path).name
        first = entry.problems[0] if entry.problems else None
        text = f"{name}:{first.line}:{first.col}: {first.message}" if first else \
            t("{name}: cannot be loaded", name=name)
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


def briefing_vm(scenario: Scenario, t: Tr = english) -> BriefingVM:
    p = scenario.patient
    profiles = tuple(ProfileVM(
        tr.id, tr.name, tr.level, tr.summary,
        t("Competence known") if tr.competence_known else t("Competence uncertain"))
        for tr in scenario.trainees)
    return BriefingVM(
        title=scenario.title, summary=scenario.summary,
        patient=f"{p.name}, {p.age}", patient_summary=p.summary,
        setting=_sentence(f"{scenario.specialty}. {scenario.setting}"),
        supervision=_distance(scenario.supervision, t),
        objectives=scenario.objectives, profiles=profiles)


def _distance(supervision: str, t: Tr) -> str:
    return t(DISTANCE_TEXT[supervision]) if supervision in DISTANCE_TEXT else supervision


def room_text(scenario: Scenario, profile_id: str, t: Tr = english) -> str:
    """Who is in the room: shown while the trainee works, so the player need not remember."""
    trainee, p = scenario.trainee(profile_id), scenario.patient
    return "\n".join((
        t("Your trainee: {name}, {level}.", name=trainee.name, level=trainee.level) + " "
        + trainee.summary,
        t("Patient: {name}, {age}.", name=p.name, age=p.age),
        t("Supervision: {distance}", distance=_distance(scenario.supervision, t))))


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
    chosen: str = ""
    """The option the supervisor chose while it is on its way (a rung's latency, or watch
    until the window ends): its button is marked and the countdown says when it acts."""


def play_vm(v: SessionView, sub_tick_ms: int = 0, paused: bool = False,
            t: Tr = english) -> PlayVM:
    """The play screen for one moment; `sub_tick_ms` (0-99) smooths the countdown."""
    phase = "ended" if v.finished else ("decision" if v.node_kind == "decision" else
                                        "narration")
    ms_left = max(0, v.ticks_left * TICK_MS - sub_tick_ms) if v.ticks_total else 0
    fraction = ms_left / (v.ticks_total * TICK_MS) if v.ticks_total else 0.0
    keys = ladder_keys([o.level for o in v.options])
    options = tuple(OptionVM(o.id, key, o.level,
                             t("{level}: {label}", level=level_name(o.level, t), label=o.label),
                             LEVEL_TONES.get(o.level, "info"), o.id == v.default_option)
                    for o, key in zip(v.options, keys))
    seconds = ms_left / 1000
    countdown = ""
    chosen = next((o for o in options if o.id == v.pending_option), None)
    if phase == "decision" and chosen is not None:
        countdown = chosen_text(chosen, v.pending_ticks_left * TICK_MS / 1000, t)
    elif phase == "decision":
        countdown = decide_text(options, seconds, t)
    total_s = (v.tick * TICK_MS + sub_tick_ms) // 1000
    return PlayVM(phase=phase, narration=v.text, cue=v.cue, options=options,
                  fraction_left=fraction, seconds_left=seconds, countdown=countdown,
                  elapsed=f"{total_s // 60}:{total_s % 60:02d}", paused=paused,
                  end_title=v.end_title, chosen=chosen.id if chosen else "")


def decide_text(options: Sequence[OptionVM], seconds: float, t: Tr = english) -> str:
    """The countdown while the supervisor may still choose, with what follows if not.

    It names the window's end as the latest moment, not as time to read in: the trainee's
    mistake can come at any moment inside the window (in the lumbar puncture ~3.5 s in), and
    "12.0 s left to decide" led new players to read every option first and be too late. The
    tutorial's coach mark says the same at more length."""
    countdown = t("The mistake may come at any moment · window closes in {seconds:.1f}\u00a0s",
                  seconds=seconds)  # 12,0 in German; no break between number and unit
    default = next((o for o in options if o.is_default), None)
    if default:
        countdown += " " + t("(then {key}: {level})", key=default.key,
                             level=level_name(default.level, t))
    return countdown


def chosen_text(option: OptionVM, seconds: float, t: Tr = english) -> str:
    """What the countdown says once the supervisor has chosen and the choice is on its way.

    A probe lands after its rung's latency and a timed watch lasts to the window's end; the
    panel used to look unchanged meanwhile, so a player who pressed 2 thought the key had
    failed (at Extra large the narration line "You (Probe): ..." is not on screen then)."""
    level = level_name(option.level, t)
    if option.level == "watch":
        return "✔ " + t("Chosen: {key} {level}, you watch {seconds:.1f} s more",
                        key=option.key, level=level, seconds=seconds)
    return "✔ " + t("Chosen: {key} {level}, acts in {seconds:.1f} s",
                    key=option.key, level=level, seconds=seconds)


@dataclass(frozen=True)
class MetersVM:
    """The two ledgers so far: what the trainee has learnt, what the patient has borne."""

    learning: float
    harm: float
    learning_text: str
    harm_text: str
    learning_short: str = ""
    """One-line forms for the strip above a decision's cue at the largest text sizes, where
    each ledger's words, number and bar share one line (the procedure view keeps the room)."""
    harm_short: str = ""


def meters_vm(scenario: Scenario, state: SessionState, params: ModelParams | None = None,
              t: Tr = english, ledgers: tuple[float, float] | None = None) -> MetersVM:
    """Learning credited and harm points so far by `replay.timeline.ledgers_so_far`, the one
    formula the outcome, the replay timeline and the report's chart also use, so the meters
    end at the outcome's figures. (They used to add harm up as the CCI does, while the
    outcome sums the decision model's harm points: 8.8 on the meter, 9.7 on the outcome.)
    `ledgers`: the same figures from a session that keeps its walk as it runs
    (`RecordedSession.ledgers`), so a frame does not walk the whole path again."""
    learning, harm = ledgers if ledgers is not None else ledgers_so_far(scenario, state, params)
    return MetersVM(learning, harm,
                    t("Learning so far: {points:.1f}", points=learning),  # 0,6 in German
                    t("Harm so far: {points:.1f}", points=harm),
                    t("Learning {points:.1f}", points=learning),
                    t("Harm {points:.1f}", points=harm))
