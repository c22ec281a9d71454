"""What the single-log report shows, as plain values the template only has to lay out.

The report must still say something useful when the log is not trustworthy: header facts
come from the log alone, the verification verdict is always present, and the debrief is
built only when the content version matches. A log that fails verification is re-simulated
as it stands (it may still be a faithful record with, say, an edited player id) and the
report says prominently that it does not reproduce; if it cannot even be re-simulated, the
report says why instead of the analysis.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from game.core.model import Scenario
from game.replay.annotations import Note
from game.replay.debrief import Debrief, DecisionDebrief, build_debrief
from game.replay.explain import explain_decisions, shown_q
from game.replay.glossary import GLOSSARY
from game.replay.reader import ReplayLog
from game.replay.verify import VerifyResult


@dataclass(frozen=True)
class Entry:
    """One line of the described timeline: an event, or a facilitator's note at that moment."""

    tick: int
    kind: str
    text: str
    author: str = ""


@dataclass
class DecisionView:
    row: DecisionDebrief
    notes: list[Note] = field(default_factory=list)
    figure: str = ""
    moments: str = ""
    """When the supervisor acted against the best and last safe moment (as on the outcome)."""
    why: str = ""
    """Why the model's best was best, in one sentence (as on the outcome)."""
    q: dict[str, float] = field(default_factory=dict)
    """Q per option as shown: the choice at the moment it was made (`explain.shown_q`)."""


@dataclass
class SingleView:
    title: str
    log_name: str
    facts: list[tuple[str, str]]
    verify: VerifyResult
    debrief: Debrief | None
    why_no_debrief: str = ""
    timeline: list[Entry] = field(default_factory=list)
    decisions: list[DecisionView] = field(default_factory=list)
    timeline_figure: str = ""
    terms: tuple[tuple[str, str], ...] = GLOSSARY
    """The glossary, so a printed report explains its own words."""


def build_view(log: ReplayLog, log_name: str, scenario: Scenario | None,
               verify: VerifyResult) -> SingleView:
    debrief, why = _debrief(log, scenario, verify)
    view = SingleView(scenario.title if scenario else str(log.header.get("scenario_id")),
                      log_name, facts(log.header, scenario, verify), verify, debrief, why)
    if debrief is not None:
        view.timeline = merged_timeline(debrief)
        explained = explain_decisions(debrief)
        view.decisions = [DecisionView(row, [n for n in debrief.notes if n.decision == row.node],
                                       moments=moments, why=why, q=shown_q(row))
                          for row, (moments, why) in zip(debrief.decisions, explained)]
    return view


def _debrief(log: ReplayLog, scenario: Scenario | None,
             verify: VerifyResult) -> tuple[Debrief | None, str]:
    if scenario is None:
        return None, (f"The scenario {log.header.get('scenario_id')!r} is not in the library, "
                      "so the session cannot be re-simulated.")
    if scenario.content_sha256 != log.header.get("scenario_sha256"):
        return None, ("The log was recorded with a different version of this scenario. Pass "
                      "the folder holding that version with --versions to analyse it.")
    if verify.ok:
        return build_debrief(log, scenario), ""
    try:
        return build_debrief(log, scenario), ""
    except Exception as exc:  # noqa: BLE001 - a tampered log may fail anywhere; say so.
        why = f"The log could not be re-simulated as it stands ({type(exc).__name__}: {exc})."
        return None, why


def facts(header: dict, scenario: Scenario | None, verify: VerifyResult) -> list[tuple[str, str]]:
    """The header facts a facilitator checks before discussing a session."""
    profile_id = str(header.get("profile", ""))
    profile = _profile_text(scenario, profile_id)
    sha = str(header.get("scenario_sha256", ""))
    rows = [
        ("Scenario", scenario.title if scenario else str(header.get("scenario_id", "?"))),
        ("Scenario id and version", f"{header.get('scenario_id', '?')} (content {sha[:12]})"),
        ("Trainee profile", profile),
        ("Supervision", scenario.supervision if scenario else "unknown"),
        ("Kind of failure", scenario.category if scenario else "unknown"),
        ("Mode", str(header.get("mode", "?"))),
        ("Pace", str(header.get("pace", "normal"))),
        ("Seed", str(header.get("seed", "?"))),
        ("Risk weight", f"{header.get('risk_weight', '?')} learning points per harm point"),
        ("Player (pseudonymous id)", str(header.get("player", "?"))),
        ("Recorded", str(header.get("started_at", "time not recorded"))),
        ("Game version", str(header.get("game_version", "?"))),
        ("Verification", verify.reason),
    ]
    return rows


def _profile_text(scenario: Scenario | None, profile_id: str) -> str:
    if scenario is None:
        return profile_id
    for trainee in scenario.trainees:
        if trainee.id == profile_id:
            return f"{trainee.name}, {trainee.level} ({trainee.id}): {trainee.summary}"
    return profile_id


def merged_timeline(debrief: Debrief) -> list[Entry]:
    """Events and notes in time order; a note follows the events of its moment."""
    entries = [(row.tick, 0, Entry(row.tick, row.kind, row.text)) for row in debrief.timeline]
    entries += [(note.tick, 1, Entry(note.tick, "note", note.text, note.author))
                for note in debrief.notes]
    return [entry for _, _, entry in sorted(entries, key=lambda e: (e[0], e[1]))]
