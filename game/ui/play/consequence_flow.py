"""When the play scene holds a consequence card: a choice's events are followed until its
rung has acted (v2 latency: a probe lands a moment after it is spoken), then the card is
held. Practice holds it until the player continues; assessment for a fixed time set by the
card's length (`consequence.hold_seconds`), the same for every player. The card's words
come from `consequence.consequence_vm`; this module only decides when there is one (kept
out of the scene, which has enough to do).
"""

from __future__ import annotations

from game.core.model import Scenario
from game.i18n import Tr
from game.ui.play.consequence import CHOICE_EVENTS, ConsequenceVM, consequence_vm, hold_seconds


class CardFlow:
    def __init__(self, scenario: Scenario, assessment: bool, t: Tr):
        self.scenario, self.assessment, self.t = scenario, assessment, t
        self.card: ConsequenceVM | None = None
        """The consequence of the last choice, held on screen (the clock stops meanwhile)."""
        self.until = 0.0
        """Assessment: the scene time at which the held card lets go by itself."""
        self._following: list | None = None
        """Events since a choice whose rung has not acted yet."""
        self._learning_before = 0.0

    def observe(self, events: list, learning_before: float, learning_now: float,
                rung_acted: bool, show_learning: bool, now: float) -> bool:
        """Take one step's events; True when they complete a choice and its card is now held.

        `rung_acted`: nothing is pending any more (the chosen rung has landed);
        `show_learning`: the card may say how the learning moved (practice only)."""
        if self._following is None:
            start = next((i for i, e in enumerate(events) if isinstance(e, CHOICE_EVENTS)),
                         None)
            if start is None:
                return False
            self._following, self._learning_before = list(events[start:]), learning_before
        else:
            self._following.extend(events)
        if not rung_acted:
            return False
        learning = (self._learning_before, learning_now) if show_learning else None
        self.card = consequence_vm(self.scenario, self._following, learning, self.assessment,
                                   self.t)
        self._following, self.until = None, now + hold_seconds(self.card)
        return True

    def expired(self, now: float) -> bool:
        """Assessment's fixed hold is over (practice cards wait for the player)."""
        return self.card is not None and self.assessment and now >= self.until

    def release(self) -> None:
        self.card = None
