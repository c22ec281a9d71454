"""Read-only views of a session: what a front end may show and which commands are legal.

`view` and `choices` never change state; the pygame scenes, the headless runner and the
tests all go through them, so every front end sees the same thing.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from game.core.commands import Command, Intervene, Skip
from game.core.engine import beat_ticks, window_ticks
from game.core.model import Beat, Decision, End, Scenario
from game.core.state import SessionState


@dataclass(frozen=True)
class OptionView:
    id: str
    level: str
    label: str
    say: str
    key: int
    """Number key (1-based) that chooses the option."""


@dataclass(frozen=True)
class SessionView:
    node_id: str
    node_kind: str
    text: str
    cue: str
    options: tuple[OptionView, ...]
    default_option: str
    ticks_total: int
    """Length of the current beat or decision window, in ticks (0 when neither)."""
    ticks_left: int
    procedure: Mapping[str, float | str | bool]
    finished: bool
    end_title: str
    tick: int
    pending_option: str = ""
    """(v2) The option the supervisor has stepped in with that has not taken effect yet."""
    pending_ticks_left: int = 0
    """(v2) Ticks until that intervention takes effect."""
    supervision: str = ""
    """(v2) The supervision distance now (the scenario's own unless it changed)."""


def view(scenario: Scenario, state: SessionState) -> SessionView:
    node = scenario.node(state.node_id)
    options: tuple[OptionView, ...] = ()
    cue = ""
    default = ""
    total = 0
    if isinstance(node, Decision):
        options = tuple(OptionView(o.id, o.level.value if o.level is not None else "debrief",
                                   o.label, o.say, i + 1)
                        for i, o in enumerate(node.offered(state.flags)))
        cue = node.cue
        default = node.default
        total = window_ticks(scenario, state, node)
    elif isinstance(node, Beat):
        total = beat_ticks(state, node)
    left = max(0, state.node_tick + total - state.tick) if total else 0
    return SessionView(
        node_id=node.id,
        node_kind=node.kind,
        text=node.text,
        cue=cue,
        options=options,
        default_option=default,
        ticks_total=total,
        ticks_left=left,
        procedure=state.procedure,
        finished=state.finished,
        end_title=node.title if isinstance(node, End) else "",
        tick=state.tick,
        pending_option=state.pending[0] if state.pending else "",
        pending_ticks_left=max(0, state.pending[2] - state.tick) if state.pending else 0,
        supervision=state.supervision or scenario.supervision,
    )


def choices(scenario: Scenario, state: SessionState) -> list[Command]:
    """Every command the player may issue now (time passing is always allowed)."""
    if state.finished:
        return []
    node = scenario.node(state.node_id)
    if isinstance(node, Decision):
        if state.pending is not None:
            return []  # stepped in already; the intervention is on its way
        return [Intervene(node.id, o.id) for o in node.offered(state.flags)]
    if isinstance(node, Beat):
        return [Skip()]
    return []
