"""The facilitator's vote desk at one decision point: focus, confirmations and the panel.

The rules of the vote (counts, hot seat, reveal, the pick) are the application layer's
`Ballot` (`game.app.workshop`); the desk adds what the projector needs: which row has the
keyboard focus, a short confirmation line, and the view model. The play scene asks it what
Enter means and, when the desk answers with an option, follows it through the `Workshop`.
Before the reveal a number key is a vote (Shift+number takes one back); after it, a number
key picks the option the story follows.
"""

from __future__ import annotations

from collections.abc import Callable

from game.app.workshop import Ballot
from game.core.model import Decision, Scenario
from game.replay.workshop import RoomVote
from game.ui.kit.focus import FocusList
from game.ui.play.presenters import decision_keys
from game.ui.workshop.presenters import Tr, VoteVM, english, vote_vm

BUTTONS = ("hot_seat", "reveal", "follow")


def _nothing() -> None:
    return None


class VoteDesk:
    def __init__(self, scenario: Scenario, ballot: Ballot | Decision, t: Tr = english,
                 changed: Callable[[], None] = _nothing):
        self.scenario = scenario
        self.t = t
        self.ballot = ballot if isinstance(ballot, Ballot) else Ballot(ballot)
        self.changed = changed
        """Tells the workshop the ballot changed (other front ends redraw)."""
        self.options: tuple[str, ...] = self.ballot.options
        node = scenario.node(self.ballot.decision)
        assert isinstance(node, Decision)
        self.keys: dict[int, str] = {k: o for o, k in decision_keys(node).items()}
        """Number key -> option: the ladder's keys (5 is take over wherever it is offered)."""
        self.flash = ""
        """A short confirmation ("Vote 3 recorded") that never says which option it was."""
        self.focus = FocusList(list(self.options) + list(BUTTONS), current=self.options[0])
        self.vm: VoteVM = self._build()

    @property
    def vote(self) -> RoomVote:
        return self.ballot.vote

    @property
    def hot_seat(self) -> bool:
        return self.ballot.hot_seat

    @property
    def revealed(self) -> bool:
        return self.ballot.revealed

    @property
    def picked(self) -> str | None:
        return self.ballot.picked

    # --- reading -------------------------------------------------------------------------
    def _build(self) -> VoteVM:
        return vote_vm(self.scenario, self.vote, self.hot_seat, self.revealed, self.picked,
                       self.t, self.ballot.kept)

    def refresh(self) -> None:
        self.vm = self._build()
        self.changed()

    @property
    def follow(self) -> str | None:
        """The option Enter follows now (None before the reveal or without any choice)."""
        return self.ballot.follow

    def option(self, number: int) -> str | None:
        """The option a number key names (by its rung, not its row), or None."""
        option = self.keys.get(number)
        return option if option in self.options else None

    def record(self, followed: str, tick: int) -> dict:
        return self.ballot.record(followed, tick)

    # --- changing ------------------------------------------------------------------------
    def add(self, option: str | None, n: int) -> None:
        """Count `n` (+1/-1) votes for `option`; counts are frozen once revealed."""
        if option is None:
            return
        before = self.vote.total
        if not self.ballot.add(option, n):
            return
        if self.hot_seat and self.vote.total > before:
            self.flash = self.t("Vote {n} recorded. Next participant, please.",
                                n=self.vote.total)
        elif self.hot_seat:
            self.flash = self.t("One vote taken back.")
        self.refresh()

    def number(self, number: int) -> None:
        """A number key: one more vote before the reveal; the option to follow after it."""
        option = self.option(number)
        if option is None:
            return
        if self.revealed:
            self.pick(option)
        else:
            self.add(option, 1)
            if not self.hot_seat:  # in hot seat the focus ring would show the last vote
                self.focus.focus(option)

    def pick(self, option: str) -> None:
        self.ballot.pick(option)
        self.focus.focus(option)
        self.refresh()

    def step(self, delta: int) -> None:
        """Up/Down: one vote more/less for the focused option; after the reveal, move the pick."""
        if self.revealed:
            self.ballot.move_pick(delta)
            if self.picked is not None:
                self.focus.focus(self.picked)
            self.refresh()
        elif self.focus.current in self.options:
            self.add(self.focus.current, delta)

    def toggle_reveal(self) -> None:
        if not self.ballot.toggle_reveal():
            self.flash = self.t("No votes yet: count the hands with the number keys first.")
            self.refresh()
            return
        self.flash = ""
        if self.revealed:
            self.focus.focus("follow")  # so Enter now follows the majority
        self.refresh()

    def toggle_hot_seat(self) -> None:
        self.ballot.toggle_hot_seat()
        self.flash = self.t("Hot seat on: votes are hidden until R.") if self.hot_seat else \
            self.t("Hot seat off.")
        if self.hot_seat:
            self.focus.focus("hot_seat")  # off the options: a focused row would hint a vote
        self.refresh()

    def activate(self, item: str | None) -> str | None:
        """Enter or a click on `item`; returns the option to follow when the room is done."""
        if item == "hot_seat":
            self.toggle_hot_seat()
        elif item == "reveal":
            self.toggle_reveal()
        elif item is not None and item.startswith(("plus:", "minus:")):
            kind, option = item.split(":", 1)
            self.add(option, 1 if kind == "plus" else -1)
        elif item in self.options and self.revealed and item != self.follow:
            self.pick(item)
        elif not self.revealed:
            self.toggle_reveal()  # Enter reveals first: the room sees itself before it moves
        else:
            return self.follow
        return None
