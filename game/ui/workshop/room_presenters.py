"""The phone room on the projector, as view models (pure: no pygame).

What the projector may say about the phones: how to join (QR code, short URL, room code),
how many have voted but never for what until the reveal ("14 of 19 have voted"), a running
countdown, and at the end the room's spread of revealed risk weights, in which nobody can be
picked out. Chrome strings go through `t`.
"""

from __future__ import annotations

from dataclasses import dataclass

from game.app.room import Room
from game.app.room_end import RoomEnd, WeightHistogram
from game.ui.workshop.phones import (
    PHONES_STOPPED,
    PHONES_STOPPED_JOIN,
    PHONES_STOPPED_LOBBY,
    PhoneRoom,
)
from game.ui.workshop.presenters import Tr, english, num


@dataclass(frozen=True)
class JoinVM:
    heading: str
    url: str
    code: str
    qr: tuple[tuple[bool, ...], ...] | None
    joined_text: str
    error: str
    """Why phones cannot join (the room then votes by show of hands), or ""."""
    names: str = ""
    """The lobby's nicknames (setup screen only, when the facilitator allows them)."""


MAX_LOBBY_NAMES = 30
"""Nicknames listed in the lobby; more are summed up ("and 12 more")."""


def join_vm(phones: PhoneRoom, t: Tr = english, lobby: bool = False) -> JoinVM:
    """How to join; `lobby` (the setup screen, before a vignette) also lists the nicknames
    given, when nicknames are on. Nowhere else: never beside a vote."""
    n = phones.room.participants
    joined = t("No phone has joined yet") if n == 0 else (
        t("1 phone has joined") if n == 1 else t("{n} phones have joined", n=n))
    stopped = PHONES_STOPPED_LOBBY if lobby else PHONES_STOPPED_JOIN
    error = t(stopped, why=phones.why(t)) if phones.down else \
        t("Phones cannot join: {why}. Count hands with the number keys.",
          why=phones.error) if phones.error else ""
    return JoinVM(t("Vote from your phone"), phones.url.removeprefix("http://").rstrip("/"),
                  phones.room.code, phones.qr, joined, error,
                  lobby_names(phones.room, t) if lobby else "")


def lobby_names(room: Room, t: Tr = english) -> str:
    """'In the room: Sam, Alex and 3 more; 9 without a nickname', or "" (nicknames off)."""
    if not room.nicknames_allowed:
        return ""
    names = room.lobby()
    shown = ", ".join(names[:MAX_LOBBY_NAMES])
    if len(names) > MAX_LOBBY_NAMES:
        shown = t("{names} and {n} more", names=shown, n=len(names) - MAX_LOBBY_NAMES)
    plain = room.participants - len(names)
    parts = [t("In the room: {names}", names=shown)] if names else []
    if plain:
        parts.append(t("1 without a nickname") if plain == 1
                     else t("{n} without a nickname", n=plain))
    return "; ".join(parts) if parts else t("Nicknames are on: none given yet")


@dataclass(frozen=True)
class RoomVoteVM:
    heading: str
    """"14 of 19 have voted": never which way before the reveal."""
    detail: str
    join_line: str
    warning: str = ""
    """The phone server stopped: what happened and what to do (shown before all else)."""


def room_vote_vm(phones: PhoneRoom, t: Tr = english) -> RoomVoteVM:
    room = phones.room
    progress = room.progress()
    heading = t("{voted} of {expected} have voted", voted=progress.voted,
                expected=progress.expected)
    parts = [t("{n} on phones", n=progress.phones)]
    if progress.hands:
        parts.append(t("{n} by hand", n=progress.hands))
    remaining = room.remaining()
    if remaining is not None:
        parts.append(t("{s} s left", s=int(remaining + 0.999)))
    elif room.current is not None and room.current.closed and not room.current.revealed:
        parts.append(t("phones closed"))
    hidden = t("hidden until R") if room.current is None or not room.current.revealed else ""
    detail = " · ".join(parts + ([hidden] if hidden else []))
    join = t("Join: {url} · room code {code}", url=join_vm(phones, t).url, code=room.code) \
        if phones.server else ""
    return RoomVoteVM(heading, detail, join,
                      t(PHONES_STOPPED, why=phones.why(t)) if phones.down else "")


@dataclass(frozen=True)
class HistogramVM:
    title: str
    labels: tuple[str, ...]
    counts: tuple[int, ...]
    top: int
    default_band: int
    default_text: str
    majority_bands: tuple[int, int] | None
    majority_text: str
    excluded_text: str
    caption: str


def histogram_vm(h: WeightHistogram, t: Tr = english) -> HistogramVM:
    """Bars per band of risk weights: how many participants' choices fit a weight in it."""
    fit = h.majority
    majority = (h.band_of(fit[0]), h.band_of(fit[1])) if fit else None
    majority_text = t("The room's majority choices (ties left out) fit risk weights {low} to "
                      "{high}.", low=num(fit[0], ".3g", t),
                      high=num(fit[1], ".3g", t)) if fit else \
        t("No risk weight fits every majority choice (or every decision was a tie).")
    excluded = []
    if h.inconsistent:
        excluded.append(t("{n} whose choices fit no single weight", n=h.inconsistent))
    if h.silent:
        excluded.append(t("{n} who did not vote", n=h.silent))
    excluded_text = t("Not in the bars: {who}.", who=", ".join(excluded)) if excluded else ""
    return HistogramVM(
        t("The room's spread of revealed risk weights ({n} participants)", n=h.participants),
        band_labels(h, t), h.counts, max(h.counts, default=0), h.band_of(h.default_weight),
        t("▲ the workshop's weight {w}", w=num(h.default_weight, "g", t)), majority,
        majority_text, excluded_text,
        t("Each bar: how many participants' choices fit some risk weight in that band "
          "(learning points one harm point costs). One person can fit several bands."))


def band_labels(h: WeightHistogram, t: Tr = english) -> tuple[str, ...]:
    """"0,5–1" in German: each band's edges with the language's decimal separator."""
    return tuple(f"{num(h.edges[i], 'g', t)}-{num(h.edges[i + 1], 'g', t)}"
                 for i in range(len(h.counts)))


def room_histogram(room: Room, t: Tr = english) -> HistogramVM | None:
    """The histogram once the end summaries are ready, else None."""
    end = room.end_data
    return histogram_vm(end.histogram, t) if isinstance(end, RoomEnd) else None
