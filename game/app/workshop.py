"""The workshop state machine: a room votes at each decision point of one vignette.

Plain Python (no pygame), so the pygame projector and the phones' web server drive the SAME
object. The front end owns time (it calls `advance` once per 100 ms tick) and words (it
narrates the events each call returns); the workshop owns the rules:

    phase      "running" -> "vote" (a decision window opened: time stands still)
               -> "running" while the followed rung takes its moment to act
               -> "consequence" (the room's choice has acted; held until `go_on`)
               -> "running" ... -> "ended" (the vignette reached an end)
    frozen     the facilitator's freeze (F); time stands still in any phase

API (every method that changes something bumps `version` and calls the listeners):

    Workshop(scenario, session)          a started session (`app.sessions.start_session`
                                         with mode "workshop")
    .phase, .held, .frozen, .ballot      read the state; `ballot` is None outside "vote"
    .advance(ticks=1) -> events          let time run (nothing happens while `held`)
    .skip() -> events                    skip the narration beat on screen
    .toggle_freeze()
    .vote(option, n=1) -> bool           one more (n=-1: one fewer) vote; False once revealed
    .toggle_hot_seat()                   participants vote one at a time, counts hidden
    .toggle_reveal() -> bool             show the distribution; False (refused) with no votes
    .pick(option)                        after the reveal: explore another option
    .follow(option=None) -> events       record the vote, then intervene with the pick
                                         (the majority unless another was picked)
    .issue(command) -> events            any core command; an Intervene at the open ballot
                                         is a follow (the vote line precedes it in the log)
    .go_on()                             leave the consequence; the next ballot opens
    .go_back() -> int                    rewind to the last decision's window in a NEW log
                                         (its parent named); returns the decision's number;
                                         the earlier votes are kept (inherited by `summary`)
                                         and the reopened ballot starts from the counts the
                                         room gave there (`Ballot.kept`), as phones keep theirs
    .summary() -> WorkshopSummary        the room's choices beside the optimal policy
    .snapshot() -> dict                  JSON-ready state for a phone or a test
    .listeners                           callables told `(workshop)` after each change
    .touch()                             a front end changed `ballot` directly: tell them
    .lock                                hold it when driving from several threads
    .close()

Errors: `RewindError` (nothing to go back to, or the log cannot be rewound: its message is
a sentence for the room); `game.core.engine.CommandRejected` from `issue` when a command
does not fit the moment (the window closed).
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from game.app.rewind import (
    RewindError,
    SkipBackError,
    last_decision,
    skip_back,
    with_inherited_votes,
)
from game.app.sessions import log_path
from game.core.commands import Command, Intervene, Skip
from game.core.events import Event
from game.core.model import Beat, Decision, Scenario
from game.replay.reader import LogError, read_log
from game.replay.session import RecordedSession
from game.replay.workshop import RoomVote, WorkshopSummary, new_vote, summarise
from game.scoring.solver import step_key

PHASES = ("running", "vote", "consequence", "ended")


class Ballot:
    """The room's vote at one decision point: counts, hot seat, reveal and the pick."""

    def __init__(self, decision: Decision):
        self.vote: RoomVote = new_vote(decision)
        self.options: tuple[str, ...] = self.vote.options
        self.hot_seat = False
        self.revealed = False
        self.picked: str | None = None
        self.extra: dict[str, Any] = {}
        """More fields for the vote line: the phones' ballots under their pseudonymous tokens
        and the keyed-in hands (written by game.app.room_link)."""
        self.kept = False
        """The counts were carried over from before going back (the vote screen says so, so
        the facilitator corrects them instead of counting the same hands again)."""

    @property
    def decision(self) -> str:
        return self.vote.decision

    @property
    def follow(self) -> str | None:
        """The option the story follows now: the pick, else the majority; None before the
        reveal (the room must see itself before it moves) or without votes."""
        return (self.picked or self.vote.majority()) if self.revealed else None

    def option(self, number: int) -> str | None:
        """The option with this 1-based number key, or None."""
        return self.options[number - 1] if 1 <= number <= len(self.options) else None

    def add(self, option: str, n: int = 1) -> bool:
        """Count n votes (n=-1 takes one back); counts are frozen once revealed."""
        if self.revealed:
            return False
        self.vote.add(option, n)
        return True

    def pick(self, option: str) -> None:
        if option not in self.options:
            raise ValueError(f"{self.decision} has no option {option!r}")
        self.picked = option

    def move_pick(self, delta: int) -> None:
        """After the reveal, move the pick `delta` rows up the list (Up/Down keys)."""
        current = self.follow or self.options[0]
        self.pick(self.options[(self.options.index(current) - delta) % len(self.options)])

    def toggle_reveal(self) -> bool:
        """Reveal (or hide again); refuses to reveal an empty vote, returning False: an Enter
        meant for the narration can land as the window opens, and revealing would turn the
        room's number keys into picks."""
        if not self.revealed and self.vote.total == 0:
            return False
        self.revealed = not self.revealed
        if not self.revealed:
            self.picked = None
        return True

    def toggle_hot_seat(self) -> None:
        self.hot_seat = not self.hot_seat

    def record(self, followed: str, tick: int) -> dict[str, Any]:
        return {**self.vote.as_record(followed, tick), **self.extra}

    def snapshot(self) -> dict[str, Any]:
        hidden = self.hot_seat and not self.revealed
        return {"decision": self.decision, "options": list(self.options),
                "counts": None if hidden else {o: self.vote.counts.get(o, 0)
                                               for o in self.options},
                "total": self.vote.total, "hot_seat": self.hot_seat,
                "revealed": self.revealed, "majority": self.vote.majority()
                if self.revealed else None, "follow": self.follow}


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def timestamped(scenario_id: str, folder: Path) -> Path:
    """A new timestamped log for `scenario_id` in `folder`, named as every session's log."""
    return log_path(scenario_id, datetime.now(), folder)


class Workshop:
    """One workshop vignette in play; see the module docstring for the API."""

    def __init__(self, scenario: Scenario, session: RecordedSession,
                 new_log: Callable[[str, Path], Path] = timestamped,
                 now: Callable[[], str] = _now):
        """`new_log(scenario_id, folder)` names the log a rewind writes in the parent log's
        folder (the end comparison finds the parent's votes there)."""
        self.scenario = scenario
        self.new_log = new_log
        self.now = now
        self.lock = threading.RLock()
        self.listeners: list[Callable[[Workshop], None]] = []
        self.version = 0
        self.frozen = False
        self._kept: dict[tuple[str, tuple[str, ...]], dict[str, int]] = {}
        """(decision, path to it) -> the room's counts there, kept for going back: the same
        situation reopened starts from them. The same decision by another path is another
        situation (as in game.app.room)."""
        self._adopt(session)

    def _adopt(self, session: RecordedSession) -> None:
        self.session = session
        self.ballot: Ballot | None = None
        self.consequence: list[Event] | None = None
        """The events of the last followed choice, held on screen until `go_on`."""
        self._following: list[Event] | None = None
        """Events since the room's choice while it is still taking effect (else None)."""
        self._open_ballot()

    def _open_ballot(self) -> None:
        node = self.scenario.node(self.session.state.node_id)
        if isinstance(node, Decision) and self.ballot is None and self.consequence is None \
                and self._following is None and not self.session.finished:
            self.ballot = Ballot(node)
            kept = self._kept.get(self._situation())
            if kept:
                self.ballot.vote.counts.update(kept)
                self.ballot.kept = True

    def _situation(self) -> tuple[str, tuple[str, ...]]:
        state = self.session.state
        return state.node_id, tuple(step_key(s.node, s.choice) for s in state.history)

    def _keep(self) -> None:
        """Remember the open ballot's counts for its situation (before following it, and
        before going back past it)."""
        if self.ballot is not None and self.ballot.vote.total:
            self._kept[self._situation()] = dict(self.ballot.vote.counts)

    def touch(self) -> None:
        """Tell the listeners something changed that the workshop did not do itself (a
        front end changed the open ballot directly)."""
        self._changed()

    def _changed(self) -> None:
        self.version += 1
        for listener in list(self.listeners):
            listener(self)

    # --- reading -----------------------------------------------------------------------
    @property
    def phase(self) -> str:
        """"running", "vote", "consequence" or "ended" (the consequence is shown first)."""
        if self.consequence is not None:
            return "consequence"
        if self.session.finished:
            return "ended"
        return "vote" if self.ballot is not None else "running"

    @property
    def held(self) -> bool:
        """Time stands still: frozen by the facilitator, or waiting for the room."""
        return self.frozen or self.phase != "running"

    @property
    def can_skip(self) -> bool:
        node = self.scenario.node(self.session.state.node_id)
        return isinstance(node, Beat) and not self.session.finished

    def snapshot(self) -> dict[str, Any]:
        """The state as plain data (what a phone needs to draw its screen)."""
        state = self.session.state
        return {"version": self.version, "scenario": self.scenario.id,
                "phase": self.phase, "frozen": self.frozen, "tick": state.tick,
                "node": state.node_id, "finished": state.finished,
                "ballot": self.ballot.snapshot() if self.ballot else None}

    # --- time --------------------------------------------------------------------------
    def advance(self, ticks: int = 1) -> list[Event]:
        """Let `ticks` ticks pass, one at a time, stopping as soon as time is held."""
        with self.lock:
            events: list[Event] = []
            for _ in range(ticks):
                if self.held:
                    break
                step = self.session.advance(1)
                events.extend(step)
                self._settle(step)
                self._open_ballot()
            if events:
                self._changed()
            return events

    def skip(self) -> list[Event]:
        """Skip the narration beat on screen (nothing elsewhere)."""
        return self.issue(Skip()) if self.can_skip else []

    def toggle_freeze(self) -> None:
        with self.lock:
            self.frozen = not self.frozen
            self._changed()

    # --- the vote ----------------------------------------------------------------------
    def _ballot(self) -> Ballot:
        if self.ballot is None or self.phase != "vote":
            raise ValueError("no vote is open now")
        return self.ballot

    def vote(self, option: str, n: int = 1) -> bool:
        with self.lock:
            counted = self._ballot().add(option, n)
            self._changed()
            return counted

    def toggle_hot_seat(self) -> None:
        with self.lock:
            self._ballot().toggle_hot_seat()
            self._changed()

    def toggle_reveal(self) -> bool:
        with self.lock:
            done = self._ballot().toggle_reveal()
            self._changed()
            return done

    def pick(self, option: str) -> None:
        with self.lock:
            self._ballot().pick(option)
            self._changed()

    def follow(self, option: str | None = None) -> list[Event]:
        """Follow `option` (default: the ballot's pick or majority), recording the vote."""
        ballot = self._ballot()
        chosen = option or ballot.follow
        if chosen is None:
            raise ValueError("reveal the vote (or pick an option) before following")
        return self.issue(Intervene(ballot.decision, chosen))

    def issue(self, command: Command) -> list[Event]:
        """Apply a command; an Intervene at the open ballot records the vote just before it,
        so the log holds each vote next to the choice it led to."""
        with self.lock:
            ballot, state = self.ballot, self.session.state
            if isinstance(command, Intervene) and ballot is not None and not state.finished \
                    and state.node_id == command.decision == ballot.decision \
                    and command.option in ballot.options:
                self._keep()
                self.session.record_vote(ballot.record(command.option, state.tick))
            events = self.session.issue(command)
            if isinstance(command, Intervene):
                self.ballot = None
                self._following = list(events)
                self._settle([])
            # A skip into a decision opens its vote on the next tick, as it always has.
            self._changed()
            return events

    def _settle(self, events: list[Event]) -> None:
        """A followed choice whose rung takes a moment to act (v2 latency) keeps time running
        ("running") until it has acted; its consequence is then held on screen."""
        if self._following is None:
            return
        self._following.extend(events)
        if self.session.state.pending is None:
            self.consequence, self._following = self._following, None

    def go_on(self) -> None:
        """Leave the consequence on screen; the story runs on (or the next vote opens)."""
        with self.lock:
            self.consequence = None
            self._open_ballot()
            self._changed()

    # --- going back and the end ----------------------------------------------------------
    def go_back(self) -> int:
        """Rewind to the window of the last decision taken, in a new log naming this one as
        its parent; returns that decision's 1-based number. Raises RewindError."""
        with self.lock:
            index = last_decision(self.session.state.history)
            if index is None:
                raise RewindError("no decision has been taken yet")
            try:
                parent = self.session.log_path
                if parent is None:
                    raise RewindError("the session is not recorded")
                out = self.new_log(self.scenario.id, parent.parent)
                self._keep()
                new = skip_back(self.session, out, self.now())
            except (SkipBackError, OSError) as exc:
                raise RewindError(str(exc)) from None
            self.frozen = False
            self._adopt(new)
            self._changed()
            return index + 1

    def summary(self) -> WorkshopSummary:
        """The room's choices (votes before a rewind included) beside the optimal policy.
        Solves at ~40 risk weights (about a second): front ends call it off their UI thread.
        Raises LogError when the session is not recorded or its log cannot be read."""
        path = self.session.log_path
        if path is None:
            raise LogError(0, "the session was not recorded")
        log = with_inherited_votes(read_log(path), self.scenario)
        return summarise(log, self.scenario)

    def close(self) -> None:
        self.session.close()
