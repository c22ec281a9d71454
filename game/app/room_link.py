"""Joins the phones' room to the workshop: one vote, counted once, recorded once.

The `Workshop` (game.app.workshop) owns the story and the facilitator's ballot; the `Room`
(game.app.room) owns the phones. `RoomLink.sync()` makes them agree:

- a decision window opens in the workshop -> the room opens a ballot for it (or reopens the
  earlier one after going back: phones' votes and hands kept); the story moves on -> the
  room closes it;
- the ballot's counts are always phones + keyed-in hands: a number key the facilitator
  presses changes the hands (the difference between what the ballot shows and what the link
  last wrote), a phone's vote changes the phones; neither is added twice;
- the reveal on the projector reveals (and closes) the room's vote;
- the vote line in the replay log gets the phones' ballots under their tokens and the hands;
- at the end of the vignette each phone gets its private summary (computed off the caller's
  thread: about a second).

Lock order: the workshop's lock, then the room's. `sync` runs under the workshop's lock (as a
workshop listener, and from the projector's frame); the room's listeners never take the
workshop's lock, so the server thread cannot deadlock with the projector.
"""

from __future__ import annotations

import threading

from game.app.room import Room, ballot_options
from game.app.room_end import room_end
from game.app.workshop import Ballot, Workshop
from game.core.model import Decision
from game.scoring.solver import step_key


class RoomLink:
    def __init__(self, workshop: Workshop, room: Room):
        self.workshop = workshop
        self.room = room
        self._written: dict[str, int] | None = None
        """The merged counts the link last wrote into the open ballot."""
        self._ballot: object | None = None
        self._ending: object | None = None
        """The session whose end summary is being (or was) computed."""
        self.end_thread: threading.Thread | None = None
        self._seen: tuple = ()
        workshop.listeners.append(self._workshop_changed)
        self.sync()

    def _workshop_changed(self, _workshop: Workshop) -> None:
        self.sync()

    def sync(self) -> bool:
        """Bring the room and the workshop into agreement; True if the ballot changed."""
        with self.workshop.lock:
            workshop, room = self.workshop, self.room
            if workshop.session.state.finished or workshop.phase == "ended":
                self._end()
                return False
            ballot = workshop.ballot if workshop.phase == "vote" else None
            if ballot is None:
                if room.current is not None:
                    room.leave_decision()
                self._ballot = None
                return False
            if ballot is not self._ballot:
                self._open(ballot)
            return self._merge(ballot)

    def _open(self, ballot: Ballot) -> None:
        state = self.workshop.session.state
        node = self.workshop.scenario.node(ballot.decision)
        assert isinstance(node, Decision)
        offered = [o for o in node.options if o.id in ballot.options]
        history = tuple(step_key(s.node, s.choice) for s in state.history)
        if self.room.ended:
            self.room.resume()  # the facilitator went back into the story after the end
        self.room.open(node.id, node.cue, ballot_options(offered), history)
        self._ballot = ballot
        self._written = {}
        ballot.vote.counts.clear()  # the room's kept votes and hands are merged in next,
        # not the workshop's own kept counts (those are the same people: counted once)

    def _merge(self, ballot: Ballot) -> bool:
        room, counts = self.room, ballot.vote.counts
        written = self._written or {}
        with room.lock:
            current = room.current
            if current is None:
                return False
            for option in ballot.options:  # a number key changed the hands
                delta = counts.get(option, 0) - written.get(option, 0)
                if delta and not current.revealed:
                    room.add_hands(option, delta)
            if ballot.revealed != current.revealed:
                room.reveal(ballot.revealed)
            merged = current.counts()
            ballot.extra = {"ballots": dict(sorted(current.votes.items())),
                            "hands": {o: n for o, n in current.hands.items() if n}}
        changed = any(counts.get(o, 0) != merged[o] for o in ballot.options)
        counts.clear()  # only options with votes, as the facilitator's own counting keeps them
        counts.update({o: n for o, n in merged.items() if n})
        self._written = dict(merged)
        if changed:
            self.workshop.touch()
        return changed

    def poll(self) -> bool:
        """The projector's frame: sync if the phones or the workshop changed something since
        the last call (a ballot can open on a tick that tells no listener)."""
        w = self.workshop
        seen = (self.room.version, w.version, id(w.ballot), w.phase)
        if seen == self._seen:
            return False
        self._seen = seen
        return self.sync()

    def _end(self) -> None:
        session = self.workshop.session
        if self._ending is session:
            return
        self._ending = session
        self._ballot = None
        scenario, params = self.workshop.scenario, session.params
        profile = session.state.config.profile_id

        def work() -> None:
            self.room.finish(room_end(self.room, scenario, profile, params))

        self.room.finish(None)  # votes stop at once; the summaries follow
        self.end_thread = threading.Thread(target=work, name="room-end", daemon=True)
        self.end_thread.start()
