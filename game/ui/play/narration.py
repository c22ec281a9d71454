"""The narration: session events -> the lines the player reads (and hears) in the play
screen, the consequence card and the replay viewer. Pure, no pygame."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from game.core import events as ev
from game.core.model import Chance, Decision, Option, Scenario
from game.i18n import Tr, english
from game.ui.play.harm_words import harm_words
from game.ui.play.presenters import decision_keys, level_name


@dataclass(frozen=True)
class Line:
    """One line of the running transcript; `kind` picks its colour and prefix."""

    kind: str  # narration | you | outcome | window | harm | end
    text: str


def lead_in(lines: Sequence[Line]) -> str:
    """The story line that led to a decision point just opened (the decision node has no
    text of its own): the newest narration or chance outcome, "" when the newest line is
    something else (a note, a harm). Where the narration column has no room beside the
    cue, the decision's box shows it with the cue (see `decision_layout`)."""
    if lines and lines[-1].kind in ("narration", "outcome"):
        return lines[-1].text
    return ""


def narrate(scenario: Scenario, events: list, t: Tr = english) -> list[Line]:
    """What the player should read about `events`, in order (chance outcomes included:
    the view shows only the node the session rests on, so they would otherwise be lost)."""
    lines: list[Line] = []
    said = _preempted(events)
    for e in events:
        if isinstance(e, (ev.MistakeHappened, ev.TraineeSelfCorrected)) and \
                (e.decision, isinstance(e, ev.MistakeHappened)) in said:
            continue  # "... before your intervention took effect" already says it
        line = _line_for(scenario, e, t)
        if line is not None and line.text:
            lines.append(line)
    return lines


def _preempted(events: list) -> set[tuple[str, bool]]:
    """(decision, by the mistake?) of each intervention that the mistake or the trainee's
    own correction pre-empted: the card said both "The mistake came before your
    intervention took effect." and "The mistake happened before anyone stopped it."."""
    return {(e.decision, e.by == "error") for e in events
            if isinstance(e, ev.InterventionPreempted) and e.by in ("error", "self_correct")}


_PREEMPTED = {
    "self_correct": "The trainee corrected it before your intervention took effect.",
    "error": "The mistake came before your intervention took effect.",
    "window": "The moment passed before your intervention took effect.",
}
"""(v2) Why a supervisor's intervention did not act: what came first."""


def _line_for(scenario: Scenario, e: object, t: Tr) -> Line | None:
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
        said = " " + t("\u201c{say}\u201d", say=option.say) if option.say else ""
        return Line("you", t("You ({level}): {label}.", level=level_name(e.level, t),
                             label=option.label) + said)
    if isinstance(e, ev.WindowClosed):
        option = _option(scenario, e.decision, e.option)
        return Line("window", t("Time is up and you did not step in ({level}: {label}).",
                                level=level_name(option.rung, t), label=option.label))
    if isinstance(e, ev.TraineeSelfCorrected):
        return Line("outcome", t("The trainee noticed the mistake and corrected it."))
    if isinstance(e, ev.MistakeHappened):
        return Line("outcome", t("The mistake happened before anyone stopped it."))
    if isinstance(e, ev.InterventionPreempted):
        return Line("outcome", t(_PREEMPTED.get(e.by, _PREEMPTED["window"])))
    if isinstance(e, ev.HarmOccurred):
        return Line("harm", t("The patient: {words}.", words=harm_words(e.grade, t)))
    return None


def _option(scenario: Scenario, decision: str, option: str) -> Option:
    node = scenario.node(decision)
    assert isinstance(node, Decision)
    return node.option(option)


def spoken(scenario: Scenario, events: list, lines: list[Line], t: Tr = english) -> str:
    """What self-voicing reads for `events`: the new lines, and at a decision point its cue
    and every option with its number key (a player who cannot see the screen can choose)."""
    parts = [line.text for line in lines if line.kind != "you"]
    for event in events:
        if isinstance(event, ev.DecisionOpened):
            node = scenario.node(event.decision)
            assert isinstance(node, Decision)
            parts.append(t("Decision point.") + " " + node.cue)
            keys = decision_keys(node)
            parts.extend(t("{key}: {level}: {label}.", key=keys[o.id], label=o.label,
                           level=level_name(o.level.value if o.level else "", t))
                         for o in node.options)
    return " ".join(parts)
