"""The debrief screen's words, in the PEARLS phases: reactions, description, analysis, summary.

Pure: a `Debrief` (game/replay/debrief.py) and the facilitator's saved take-aways in, plain
view models out. The learning conversation comes first and the scores last, on purpose:
replay logs are learning material, not evidence for blame.
"""

from __future__ import annotations

from dataclasses import dataclass

from game.replay.debrief import Debrief, TimelineRow, place_namer
from game.replay.explain import explain_decisions
from game.ui.kit.vocabulary import mode_name
from game.ui.play.harm_words import harm_words
from game.ui.review.model import local_time
from game.ui.review.presenters import (
    DecisionPanelVM,
    Tr,
    clock,
    decision_panel,
    english,
    rating_parts,
)

PHASES = ("Reactions", "Description", "Analysis", "Summary")


def phase_names(t: Tr = english) -> tuple[str, ...]:
    """The PEARLS phases as the tabs say them (literal calls, so the i18n scan sees them)."""
    return t("Reactions"), t("Description"), t("Analysis"), t("Summary")
KIND_MARKS = {"narration": "", "decision": "◆ ", "choice": "▶ ", "outcome": "→ ",
              "harm": "✖ ", "end": "■ ", "note": "✎ "}
KIND_TONES = {"decision": "warn", "choice": "info", "harm": "harm", "end": "good",
              "note": "info"}


@dataclass(frozen=True)
class TimeRowVM:
    time: str
    text: str
    tone: str


@dataclass(frozen=True)
class DebriefVM:
    title: str
    subtitle: str
    reactions: tuple[str, ...]
    reactions_hint: str
    rows: tuple[TimeRowVM, ...]
    analysis: tuple[DecisionPanelVM, ...]
    notes_by_decision: tuple[tuple[str, ...], ...]
    outcome: str
    tone: str
    symbol: str
    word: str
    attitude: str
    moments: tuple[str, ...] = ()
    """Per decision: when you acted against the best and the last safe moment (the outcome's
    sentence, `replay.explain.moments_sentence`); "" for windows without moments."""
    whys: tuple[str, ...] = ()
    """Per decision: why the model's best was best, in one sentence ("" if nothing differs)."""


def _row_text(row: TimelineRow, t: Tr) -> str:
    """A timeline row as the screen says it: harm in a clinician's words in the player's
    language ("error caught before it reached the patient (MERP-B)"), not the scale's code."""
    if row.kind == "harm" and row.grade:
        return t("Harm to the patient: {grade}", grade=harm_words(row.grade, t))
    return row.text


def _attitude(d: Debrief, t: Tr) -> str:
    """The revealed risk attitude in the player's language (decimal comma in German)."""
    if d.attitude is None:
        return ""
    text = d.attitude.describe(t, place_namer(d.decisions, t))
    if d.attitude.consistent:
        return t("Risk weights that fit every choice: {text}", text=text)
    return t("No risk weight fits every choice: {text}", text=text)


def debrief_vm(d: Debrief, t: Tr = english) -> DebriefVM:
    scenario, score = d.scenario, d.score
    profile_id = str(d.header.get("profile"))
    profile = next((p for p in scenario.trainees if p.id == profile_id), None)
    tone, symbol, word = rating_parts(score.safety_rating, t)
    notes = [(n.tick, n) for n in d.notes]
    rows = [(r.tick, 0, TimeRowVM(clock(r.tick), KIND_MARKS.get(r.kind, "") + _row_text(r, t),
                                  KIND_TONES.get(r.kind, "text"))) for r in d.timeline]
    rows += [(tick, 1, TimeRowVM(clock(tick), KIND_MARKS["note"] + t("Note: {text}",
                                                                    text=n.text), "note"))
             for tick, n in notes]
    rows.sort(key=lambda x: (x[0], x[1]))
    panels = tuple(decision_panel(scenario, x, len(d.decisions), profile, t)
                   for x in d.decisions)
    by_decision = tuple(tuple(n.text for n in d.notes if n.decision == x.node)
                        for x in d.decisions)
    who = profile.name if profile else profile_id
    explained = explain_decisions(d, t)
    outcome = t("Learning {l:.1f} points · harm {h:.1f} points · expected regret {r:.2f}",
                l=score.learning, h=score.harm, r=score.regret)
    attitude = _attitude(d, t)
    return DebriefVM(
        title=t("Debrief: {title}", title=scenario.title),
        subtitle=t("Trainee {name} · started {when} · {mode}", name=who,
                   when=local_time(d.header.get("started_at")) or t("unknown"),
                   mode=mode_name(str(d.header.get("mode", "?")), t)),
        reactions=d.reactions,
        reactions_hint=t("Start with feelings: let the supervisor speak first, and listen "
                         "before any analysis."),
        rows=tuple(r for _, _, r in rows), analysis=panels, notes_by_decision=by_decision,
        outcome=outcome, tone=tone, symbol=symbol, word=word, attitude=attitude,
        moments=tuple(m for m, _ in explained), whys=tuple(w for _, w in explained))

