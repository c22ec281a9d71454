"""Presenters for the facilitator's debrief tools: decisions, trainee belief, branch results.

Pure functions (no pygame) from debrief data to what the viewer, the debrief screen and the
branch comparison say, so tests read the words a facilitator would see. Every chrome string
goes through `t` (the UI's translator; English by default); scenario text is passed as is.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from game.core.model import TICKS_PER_SECOND, Scenario, TraineeProfile
from game.core.state import SessionState
from game.i18n import Tr, english, local_number
from game.replay.debrief import DecisionDebrief
from game.replay.explain import shown_q
from game.scoring.episode import EpisodeScore
from game.ui.kit.vocabulary import TONE_ICONS
from game.ui.play.presenters import option_title

__all__ = ["TONE_ICONS", "Tr", "english"]  # shared with the history and replay models

def parent_number(parent: dict) -> str:
    """The 1-based decision a branch was taken at, from a (possibly edited) log header."""
    index = parent.get("index")
    return str(index + 1) if isinstance(index, int) and not isinstance(index, bool) else "?"


def clock(ticks: int) -> str:
    seconds = max(0, ticks) // TICKS_PER_SECOND
    return f"{seconds // 60}:{seconds % 60:02d}"


def rating_parts(rating: str, t: Tr = english) -> tuple[str, str, str]:
    """(tone, symbol, word) of a safety rating: the word and symbol carry it without colour."""
    parts = {"green": ("good", t("Safe")), "amber": ("warn", t("Caution")),
             "red": ("bad", t("Unsafe"))}
    tone, word = parts.get(rating, parts["green"])
    return tone, TONE_ICONS[tone], word


def competence_word(value: float, t: Tr = english) -> str:
    if value < 0.4:
        return t("novice")
    return t("developing") if value < 0.65 else t("competent")


def belief_text(profile: TraineeProfile | None, belief: Sequence[float], t: Tr = english) -> str:
    """The supervisor's belief about competence in words: "likely novice (70%)"."""
    if profile is None or not belief:
        return t("competence unknown")
    levels = [c.value for c in profile.competence]
    if len(levels) == 1:
        return t("known to be {word}", word=competence_word(levels[0], t))
    ranked = sorted(zip(belief, levels), reverse=True)
    (p, value), (q, other) = ranked[0], ranked[1]
    pct = round(p * 100)
    if p >= 0.9:
        return t("almost surely {word} ({pct}%)", word=competence_word(value, t), pct=pct)
    if p > 0.55:
        return t("likely {word} ({pct}%)", word=competence_word(value, t), pct=pct)
    return t("uncertain: {a} {pa}% or {b} {pb}%", a=competence_word(value, t), pa=pct,
             b=competence_word(other, t), pb=round(q * 100))


def confidence_text(confidence: float, t: Tr = english) -> str:
    word = t("high") if confidence >= 0.7 else (t("moderate") if confidence >= 0.4 else t("low"))
    return t("confidence {word} ({pct}%)", word=word, pct=round(confidence * 100))


@dataclass(frozen=True)
class OptionBarVM:
    key: int
    label: str
    q: float
    fraction: float
    """Bar length 0..1 (the lowest Q of the decision at 0, the highest at 1)."""
    chosen: bool
    best: bool
    marks: str
    """Words beside the bar: "◀ chosen", "★ model", "✖ breaks a rule"."""
    tone: str


@dataclass(frozen=True)
class DecisionPanelVM:
    number: int
    count: int
    heading: str
    cue: str
    options: tuple[OptionBarVM, ...]
    chosen: str
    best: str
    regret: str
    trainee: str
    tone: str
    symbol: str
    word: str
    rule: str
    inquiry: str
    prompt: str
    why: str = ""
    """Why the model's best was best (the replay viewer sets it; the debrief shows it apart)."""
    moments: str = ""
    """When the supervisor acted against the best moment (as the outcome says it)."""


def option_bars(scenario: Scenario, d: DecisionDebrief, t: Tr = english) -> tuple[OptionBarVM, ...]:
    shown = shown_q(d)
    qs = list(shown.values())
    lo, hi = min(qs, default=0.0), max(qs, default=1.0)
    span = hi - lo if hi - lo > 1e-9 else 1.0
    bars = []
    for key, o in enumerate(d.options, start=1):
        marks = [t("◀ chosen")] if o.option == d.chosen else []
        if o.option == d.best:
            marks.append(t("★ model"))
        if o.broken:
            marks.append(t("✖ breaks a rule"))
        tone, _, _ = rating_parts(o.rating)
        q = shown[o.option]
        bars.append(OptionBarVM(key, option_title(scenario, d.node, o.option, t), q,
                                max(0.03, (q - lo) / span), o.option == d.chosen,
                                o.option == d.best, " ".join(marks), tone))
    return tuple(bars)


def decision_panel(scenario: Scenario, d: DecisionDebrief, count: int,
                   profile: TraineeProfile | None, t: Tr = english) -> DecisionPanelVM:
    """Everything the viewer and the analysis page show about one decision."""
    tone, symbol, word = rating_parts(d.rating, t)
    how = t("the window ran out after {s:.1f} s", s=d.elapsed_s) if d.by == "timeout" else \
        t("{s:.1f} s into the window", s=d.elapsed_s)
    trainee = belief_text(profile, d.belief, t)
    if profile is not None:
        trainee = f"{trainee} · {confidence_text(profile.confidence, t)}"
    regret = t("Regret 0.00: the model's choice too") if d.chosen == d.best else \
        t("Regret {r:.2f} points of expected value", r=d.regret)
    return DecisionPanelVM(
        number=d.index + 1, count=count,
        heading=t("Decision {n} of {count} · {time}", n=d.index + 1, count=count,
                  time=clock(d.tick)),
        cue=d.cue, options=option_bars(scenario, d, t),
        chosen=t("Chosen: {option} ({how})",
                 option=option_title(scenario, d.node, d.chosen, t), how=how),
        best=t("Model's choice: {option}", option=option_title(scenario, d.node, d.best, t)),
        regret=regret, trainee=t("Trainee: {text}", text=trainee), tone=tone, symbol=symbol,
        word=word, rule=t("Rule broken: {rule}", rule=d.broken) if d.broken else "",
        inquiry=d.inquiry, prompt=d.prompt)


@dataclass(frozen=True)
class PathRowVM:
    text: str
    source: str
    """Where the choice came from: "as recorded", "branch", "model", "reused"."""
    differs: bool


@dataclass(frozen=True)
class RunColumnVM:
    heading: str
    title: str
    learning: str
    harm: str
    regret: str
    tone: str
    symbol: str
    word: str
    path: tuple[PathRowVM, ...]
    ending: str = ""
    """The end's own text: what became of the patient and the trainee."""
    note: str = ""
    """A warning about this run (a branch's new choice that came too late to act)."""


def run_column(heading: str, scenario: Scenario, state: SessionState, score: EpisodeScore,
               sources: Sequence[str], other: Sequence[tuple[str, str]],
               t: Tr = english) -> RunColumnVM:
    """One side of the comparison; `other` is the other run's (node, option) decisions, so
    rows that differ can be marked with a symbol as well as colour."""
    end = scenario.node(state.node_id)
    title = getattr(end, "title", "") or t("Did not reach an end")
    tone, symbol, word = rating_parts(score.safety_rating, t)
    rows = []
    steps = [s for s in state.history if s.kind == "decision"]
    for i, s in enumerate(steps):
        source = sources[i] if i < len(sources) else ""
        differs = i >= len(other) or other[i] != (s.node, s.choice)
        label = option_title(scenario, s.node, s.choice, t)
        by = t(" (window ran out)") if s.by == "timeout" else \
            t(" (too late to act)") if s.by == "preempted" else ""
        rows.append(PathRowVM(f"{i + 1}. {label}{by}", source, differs))
    return RunColumnVM(heading=heading, title=title,
                       learning=t("Learning {x:.1f} points", x=score.learning),
                       harm=t("Harm {x:.1f} points", x=score.harm),
                       regret=t("Expected regret {x:.2f}", x=score.regret),
                       tone=tone, symbol=symbol, word=word, path=tuple(rows),
                       ending=end.text if state.finished else "")


def source_text(source: str, t: Tr = english) -> str:
    """Where a branch's choice came from, in words (literal calls, so the i18n scan sees them)."""
    words = {"recorded": t("as recorded"), "branch": t("⎇ new choice"),
             "reused": t("↺ reused"), "model": t("★ model's choice")}
    return words.get(source, "")


def seconds_in(ticks: int, t: Tr = english) -> str:
    """Seconds to one decimal with the decimal separator of `t`'s language."""
    return local_number(ticks / TICKS_PER_SECOND, ".1f", getattr(t, "language", "en"))


def moment_label(kind: str, tick: int, watched: bool, t: Tr = english) -> str:
    """A chooser's moment button: when in the window the new choice would be made (the
    model's best moment differs per option: the option buttons say when it is)."""
    if kind == "opened":
        return t("When the window opened ({time})", time=clock(tick))
    if kind == "best":
        return t("At the model's best moment for that option")
    if watched:
        return t("As recorded: the window's last moment ({time})", time=clock(tick))
    return t("As recorded: when the supervisor chose ({time})", time=clock(tick))


def moment_sentence(option: str, kind: str, tick: int, wanted: int | None, watched: bool,
                    t: Tr = english) -> str:
    """Which other choice a branch took, and when (the comparison's heading, kept short):
    "Probe at 0:22, when the window opened"."""
    time = clock(tick)
    if kind == "opened":
        return t("{option} at {time}, when the window opened", option=option, time=time)
    if kind == "best" and wanted is not None:
        return t("{option} at {time}, the last moment before the window closed",
                 option=option, time=time)
    if kind == "best":
        return t("{option} at {time}, the model's best moment for it", option=option,
                 time=time)
    if watched:
        return t("{option} at {time}, the window's last moment, as recorded", option=option,
                 time=time)
    return t("{option} at {time}, when the supervisor chose, as recorded",
             option=option, time=time)


def moment_detail(kind: str, at: int, best: bool, wanted: int | None, watched: bool,
                  t: Tr = english) -> str:
    """What the heading's moment leaves out (the branch column says it)."""
    if kind == "best" and wanted is not None:
        return t("The model's best moment ({best} s into the window) came after the window "
                 "closed in this run.", best=seconds_in(wanted, t))
    if kind == "opened" and best:
        return t("The window's opening was the model's best moment for it too.")
    if kind == "recorded" and watched:
        return t("The supervisor had watched until the window closed.")
    return t("{s} s into the window.", s=seconds_in(at, t)) if at else ""


def too_late_note(option: str, cause: str, t: Tr = english) -> str:
    """The branch's new choice was pre-empted before it took effect; `cause` is the window
    step that came first: "~error", "~self_correct" or "~closed"."""
    if cause == "~error":
        return t("{option} came too late: the trainee's mistake came before it took effect, "
                 "so this run went on as if the supervisor had watched.", option=option)
    if cause == "~self_correct":
        return t("{option} came too late: the trainee corrected the mistake before it took "
                 "effect, so this run went on as if the supervisor had watched.", option=option)
    return t("{option} came too late: the window closed before it took effect, so this run "
             "went on as if the supervisor had watched.", option=option)
