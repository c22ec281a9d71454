"""What one phone may see: the room's state, seen from one seat, as JSON-ready data.

Before the reveal a phone learns the cue, the options with their rung, its own choice and how
many have voted, never what anyone else chose. After the reveal it sees the distribution;
at the end, only its own summary. Nicknames and other tokens never leave the server.
"""

from __future__ import annotations

from typing import Any

from game.app.room import RUNG_NAMES, Ballot, Room, Seat, Tally
from game.app.room_end import RoomEnd


def phase_of(room: Room) -> str:
    """"lobby", "vote", "closed", "reveal", "end" or "gone" (the workshop is over)."""
    if room.closed:
        return "gone"
    if room.ended:
        return "end"
    ballot = room.current
    if ballot is None:
        return "lobby"
    if ballot.revealed:
        return "reveal"
    return "closed" if ballot.closed else "vote"


def _decision(ballot: Ballot, remaining: float | None) -> dict[str, Any]:
    return {"id": ballot.decision, "cue": ballot.cue,
            "options": [{"id": o.id, "label": o.label, "rung": o.rung or "",
                         "rung_name": RUNG_NAMES.get(o.rung or "", "")}
                        for o in ballot.options],
            "remaining": None if remaining is None else round(remaining, 1)}


def reveal_text(ballot: Ballot, tally: Tally) -> str:
    """One sentence that calls a tie a tie."""
    titles = {o.id: o.title for o in ballot.options}
    if not tally.total:
        return "Nobody voted."
    if tally.tie:
        names = " and ".join(titles[o] for o in tally.leaders)
        n = tally.counts[tally.leaders[0]]
        return f"A tie: {names}, {n} vote{'' if n == 1 else 's'} each."
    majority = tally.majority or ""
    return f"Most chose {titles[majority]} ({tally.counts[majority]} of {tally.total})."


def _reveal(ballot: Ballot, tally: Tally) -> dict[str, Any]:
    total = tally.total or 1
    return {"rows": [{"id": o.id, "title": o.title, "count": tally.counts[o.id],
                      "share": tally.counts[o.id] / total, "leader": o.id in tally.leaders}
                     for o in ballot.options],
            "total": tally.total, "tie": tally.tie, "text": reveal_text(ballot, tally)}


def phone_state(room: Room, seat: Seat) -> dict[str, Any]:
    room.expire()
    with room.lock:
        phase = phase_of(room)
        ballot = room.current
        progress = room.progress()
        state: dict[str, Any] = {
            "v": room.phase_version, "phase": phase, "token": seat.token,
            "nickname": room.nicknames.get(seat.token),
            "progress": {"voted": progress.voted, "expected": progress.expected},
            "decision": None, "mine": None, "reveal": None, "end": None}
        if ballot is not None:
            state["decision"] = _decision(ballot, room.remaining())
            state["mine"] = ballot.votes.get(seat.token)
            if ballot.revealed:
                state["reveal"] = _reveal(ballot, ballot.tally())
        if phase == "end" and isinstance(room.end_data, RoomEnd):
            mine = room.end_data.participants.get(seat.token)
            state["end"] = mine.as_dict() if mine is not None else None
        return state
