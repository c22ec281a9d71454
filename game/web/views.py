"""What one phone may see: the room's state, seen from one seat, as JSON-ready data.

Before the reveal a phone learns the cue, the options with their rung, its own choice and how
many have voted, never what anyone else chose. After the reveal it sees the distribution;
at the end, only its own summary. Nicknames and other tokens never leave the server.
Every sentence is in the workshop's language (`t`, a game.i18n translator: German writes the
risk weights with a decimal comma); option labels and cues are the vignette's own words.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from game.app.room import RUNG_NAMES, Ballot, BallotOption, Room, Seat, Tally
from game.app.room_end import ParticipantSummary, RoomEnd
from game.i18n import Tr, english

SERVER_MESSAGES = (
    "Nobody voted.", "A tie: {names}, {n} vote each.", "A tie: {names}, {n} votes each.",
    "{a} and {b}", "Most chose {title} ({n} of {total}).", "Tie: {titles}",
    "You did not vote, so your choices reveal no risk weight.",
    "Your choices fit no single risk weight ({why}).", "Your choices fit risk weights {which}.",
    "decision {n}",
    *RUNG_NAMES.values())
"""Every sentence this module words (the German catalogue needs each; a test checks)."""


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


def _rung_name(option: BallotOption, t: Tr) -> str:
    name = RUNG_NAMES.get(option.rung or "", "")
    return t(name) if name else ""


def _title(option: BallotOption, t: Tr) -> str:
    """`option.title` ("Cue: Tell her ...") with the rung's name in `t`'s language."""
    name = _rung_name(option, t) or option.rung or ""
    return f"{name}: {option.label}" if name else option.label


def _decision(ballot: Ballot, remaining: float | None, t: Tr) -> dict[str, Any]:
    return {"id": ballot.decision, "cue": ballot.cue,
            "options": [{"id": o.id, "label": o.label, "rung": o.rung or "",
                         "rung_name": _rung_name(o, t)}
                        for o in ballot.options],
            "remaining": None if remaining is None else round(remaining, 1)}


def _and(names: list[str], t: Tr) -> str:
    """"A and B", "A, B and C" in `t`'s language."""
    if len(names) < 2:
        return "".join(names)
    return t("{a} and {b}", a=", ".join(names[:-1]), b=names[-1])


def reveal_text(ballot: Ballot, tally: Tally, t: Tr = english) -> str:
    """One sentence that calls a tie a tie."""
    titles = {o.id: _title(o, t) for o in ballot.options}
    if not tally.total:
        return t("Nobody voted.")
    if tally.tie:
        names = _and([titles[o] for o in tally.leaders], t)
        n = tally.counts[tally.leaders[0]]
        each = "A tie: {names}, {n} vote each." if n == 1 else "A tie: {names}, {n} votes each."
        return t(each, names=names, n=n)
    majority = tally.majority or ""
    return t("Most chose {title} ({n} of {total}).", title=titles[majority],
             n=tally.counts[majority], total=tally.total)


def _reveal(ballot: Ballot, tally: Tally, t: Tr) -> dict[str, Any]:
    total = tally.total or 1
    return {"rows": [{"id": o.id, "title": _title(o, t), "count": tally.counts[o.id],
                      "share": tally.counts[o.id] / total, "leader": o.id in tally.leaders}
                     for o in ballot.options],
            "total": tally.total, "tie": tally.tie, "text": reveal_text(ballot, tally, t)}


def interval_text(mine: ParticipantSummary, t: Tr = english) -> str:
    """The summary's risk weights in words ("2,85 bis 5,19" in German)."""
    att = mine.attitude
    if att is None:
        return t("You did not vote, so your choices reveal no risk weight.")
    if not att.consistent:
        return t("Your choices fit no single risk weight ({why}).",
                 why=att.describe(t, _namer(mine, t)))
    return t("Your choices fit risk weights {which}.", which=att.describe(t))


def _namer(mine: ParticipantSummary, t: Tr) -> Callable[[str], str]:
    """A decision by its number on this phone's summary ("decision 2"), as the projector and
    the debrief name them, never by its id."""
    numbers = {row.decision: i for i, row in enumerate(mine.rows, 1)}
    return lambda node: t("decision {n}", n=numbers[node]) if node in numbers \
        else node.replace("_", " ")


def _retitle(text: str | None, t: Tr) -> str | None:
    """A title from the room's end ("Cue: Tell her ...", "Tie: A / B") with the rung names
    in `t`'s language (the labels are the vignette's own words)."""
    if not text:
        return text
    if text.startswith("Tie: "):
        return t("Tie: {titles}", titles=" / ".join(_retitle(p, t) or p
                                                   for p in text[5:].split(" / ")))
    name, sep, label = text.partition(": ")
    english_names = set(RUNG_NAMES.values())
    return f"{t(name)}: {label}" if sep and name in english_names else text


def _summary(mine: ParticipantSummary, t: Tr) -> dict[str, Any]:
    data = mine.as_dict()
    data["interval"] = interval_text(mine, t)
    data["rows"] = [{**row, "mine": _retitle(row["mine"], t), "model": _retitle(row["model"], t),
                     "room": _retitle(row["room"], t)} for row in data["rows"]]
    return data


def phone_state(room: Room, seat: Seat, t: Tr = english) -> dict[str, Any]:
    room.expire()
    with room.lock:
        phase = phase_of(room)
        ballot = room.current
        progress = room.progress()
        state: dict[str, Any] = {
            "v": room.phase_version, "phase": phase, "token": seat.token,
            "lang": getattr(t, "language", "en"),
            "nickname": room.nicknames.get(seat.token),
            "progress": {"voted": progress.voted, "expected": progress.expected},
            "decision": None, "mine": None, "reveal": None, "end": None}
        if ballot is not None:
            state["decision"] = _decision(ballot, room.remaining(), t)
            state["mine"] = ballot.votes.get(seat.token)
            if ballot.revealed:
                state["reveal"] = _reveal(ballot, ballot.tally(), t)
        if phase == "end" and isinstance(room.end_data, RoomEnd):
            mine = room.end_data.participants.get(seat.token)
            state["end"] = _summary(mine, t) if mine is not None else None
        return state
