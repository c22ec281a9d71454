"""The consequence card: what one choice did, held on screen until the player has read it.

Pure presenters (no pygame). Issue 13: in practice and assessment the clock ran on after a
choice and "You (Probe): ..." scrolled out of the narration within a second; the workshop's
"What happened" hold fixed this for rooms, and this card does the same for one player. It
says what the supervisor said, what the trainee did, what happened to the patient (in
words, the scale's code as a detail) and to the learning.
"""

from __future__ import annotations

from dataclasses import dataclass

from game.core import events as ev
from game.core.model import Scenario
from game.i18n import Tr, english
from game.ui.play.harm_words import harm_is_real, harm_words
from game.ui.play.narration import Line, narrate

CARD_HOLD_S = 6.0
"""Assessment holds a card at least this long (the same for every player, no pause): long
enough to read four short lines, short enough that the exam keeps its pace (teaching
assumption)."""
READ_WORDS_PER_S = 3.0
"""A careful reading pace (180 words a minute: a clinician reading a second language, or
from two metres): a longer card is held as long as its words take at this pace (teaching
assumption)."""
MAX_HOLD_S = 25.0
"""The longest hold, so an exam keeps moving even after a long stretch of story."""

@dataclass(frozen=True)
class ConsequenceVM:
    said: str
    """What the supervisor did: "You (Probe): Ask where she is aiming. “...”" or that the
    window ran out."""
    trainee: tuple[str, ...]
    """What the trainee did next (the story's lines up to the next decision point)."""
    patient: str
    harmed: bool
    learning: str
    continue_hint: str


CHOICE_EVENTS = (ev.InterventionMade, ev.WindowClosed, ev.TraineeSelfCorrected,
                 ev.MistakeHappened)
"""Events that settle a decision point: the supervisor stepped in, or watched until the
window ran out, the trainee corrected herself or the mistake happened (v2)."""


def consequence_events(events: list) -> list:
    """The events that belong to one choice: from the intervention (or the window running
    out) up to, not including, the next decision point."""
    start = next((i for i, e in enumerate(events) if isinstance(e, CHOICE_EVENTS)), None)
    if start is None:
        return []
    taken = []
    for e in events[start:]:
        if isinstance(e, ev.NodeEntered) and e.node_kind == "decision" or \
                isinstance(e, ev.DecisionOpened):
            break
        taken.append(e)
    return taken


def consequence_vm(scenario: Scenario, events: list, learning: tuple[float, float] | None,
                   assessment: bool, t: Tr = english) -> ConsequenceVM:
    """The card for one choice. `learning` is (before, after) learning so far; None when the
    meters are hidden (assessment), and then the card says where the figures will be."""
    lines = narrate(scenario, consequence_events(events), t)
    said = next((line.text for line in lines if line.kind in ("you", "window")),
                t("You watched and did not step in."))
    trainee = tuple(line.text for line in lines if line.kind in ("narration", "outcome", "end"))
    grades = [e.grade for e in events if isinstance(e, ev.HarmOccurred)]
    harmed = any(harm_is_real(g) for g in grades)
    if grades:
        words = "; ".join(harm_words(g, t) for g in grades)
        patient = words[:1].upper() + words[1:] + "."
    else:
        patient = t("No harm from this choice so far.")
    return ConsequenceVM(said, trainee or (t("The trainee carries on."),), patient, harmed,
                         _learning_text(learning, t), _hint(assessment, t))


def hold_seconds(card: ConsequenceVM) -> float:
    """How long assessment holds `card`: six seconds, or as long as its words take at a
    careful pace (up to 25 s). A fixed six seconds cut short the cards that tell the most:
    the trocar's probe card has some 80 words, which scroll at Extra large."""
    words = sum(len(text.split()) for text in (card.said, *card.trainee, card.patient,
                                               card.learning))
    return min(MAX_HOLD_S, max(CARD_HOLD_S, words / READ_WORDS_PER_S))


def _learning_text(learning: tuple[float, float] | None, t: Tr) -> str:
    if learning is None:
        return t("Points are shown on the outcome (assessment).")
    before, after = learning
    gained = after - before
    if abs(gained) < 0.05:
        return t("Nothing new from this moment ({total:.1f} points so far).", total=after)
    return t("{sign}{gained:.1f} points ({total:.1f} so far).",  # numbers: 0,6 in German
             sign="+" if gained > 0 else "", gained=gained, total=after)


def _hint(assessment: bool, t: Tr) -> str:
    if assessment:
        return t("The vignette goes on in a few seconds (Enter: at once).")
    return t("Read, then press Enter or Space, or click Continue.")


def visible_lines(lines: list[Line], back: int) -> list[Line]:
    """The narration with the `back` newest lines scrolled away (scrollback)."""
    back = max(0, min(back, len(lines) - 1)) if lines else 0
    return lines[:len(lines) - back] if back else list(lines)
