"""Workshop rooms in reports: the room's votes per decision and the spread of revealed weights.

A workshop log is written by the facilitator's laptop, so counted as a session it looks like
one person ("1 session, watch 100%") when twenty supervisors voted. Its `vote` lines hold the
room: merged counts, each phone's ballot under a pseudonymous token, the keyed-in hands.
This module reads them so a report counts a workshop as one room with N participants.

A room is a family of logs: the log a vignette started in and the logs that went back from
it (each names its parent); at each decision the latest vote counts. Participants are the
distinct phone tokens plus, at most, the largest show of hands at any one decision (hands
cannot be told apart between decisions). Each phone's revealed risk-weight interval is found
from its own ballots with the scoring attitude functions, at the path the story took.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, replace
from pathlib import Path

from game.app.rewind import MAX_PARENTS, with_inherited_votes
from game.app.room_end import WeightHistogram, histogram
from game.core.model import Decision, Scenario
from game.replay.reader import LogError, ReplayLog, read_log
from game.replay.session import params_from_header
from game.scoring.attitude import Attitude, revealed_attitude
from game.scoring.solver import step_key


@dataclass(frozen=True)
class OptionVotes:
    label: str
    level: str
    count: int
    phones: int
    hands: int


@dataclass(frozen=True)
class DecisionVotes:
    node: str
    cue: str
    options: tuple[OptionVotes, ...]
    total: int
    followed: str
    leaders: tuple[str, ...]
    """Labels of the options with the top count; two or more is a tie."""

    @property
    def tie(self) -> bool:
        return len(self.leaders) > 1


@dataclass(frozen=True)
class RoomReport:
    title: str
    logs: tuple[str, ...]
    phones: int
    hands: int
    decisions: tuple[DecisionVotes, ...]
    histogram: WeightHistogram | None
    intervals: tuple[str, ...]
    """Each phone's revealed interval, sorted (no token: nobody is identifiable)."""

    @property
    def participants(self) -> int:
        return self.phones + self.hands

    def size_text(self) -> str:
        hands = f", up to {self.hands} by show of hands" if self.hands else ""
        people = "participant" if self.participants == 1 else "participants"
        return f"one room with {self.participants} {people} ({self.phones} on phones{hands})"


def _histories(log: ReplayLog) -> dict[str, tuple[str, ...]]:
    """Decision -> the path to it, from the log's end line (unfinished logs have none)."""
    found: dict[str, tuple[str, ...]] = {}
    history: list[str] = []
    for step in (log.end or {}).get("path", []):
        if step.get("kind") == "decision":
            found.setdefault(step["node"], tuple(history))
        history.append(step_key(step["node"], step["choice"]))
    return found


def _hands(line: dict) -> dict[str, int]:
    """The keyed-in hands of a vote line. A room without phones writes only `counts` (no
    `ballots`, no `hands`): every one of those is a hand."""
    if "ballots" in line or "hands" in line:
        return {o: int(n) for o, n in line.get("hands", {}).items()}
    return {o: int(n) for o, n in line.get("counts", {}).items() if n}


def _decision_votes(scenario: Scenario, line: dict) -> DecisionVotes | None:
    node = scenario.nodes.get(line.get("decision", ""))
    if not isinstance(node, Decision):
        return None
    counts, hands = line.get("counts", {}), _hands(line)
    phones = list(line.get("ballots", {}).values())
    options = tuple(OptionVotes(o.label, o.level.value if o.level else "",
                                int(counts.get(o.id, 0)), phones.count(o.id),
                                int(hands.get(o.id, 0))) for o in node.options)
    top = max((o.count for o in options), default=0)
    leaders = tuple(o.label for o in options if top and o.count == top)
    followed = next((o.label for o in node.options if o.id == line.get("followed")), "")
    return DecisionVotes(node.id, node.cue, options, sum(o.count for o in options), followed,
                         leaders)


def room_report(logs: list[ReplayLog], scenario: Scenario) -> RoomReport | None:
    """The room of one log family (oldest first), or None when it holds no votes."""
    latest: dict[str, tuple[dict, dict[str, tuple[str, ...]]]] = {}
    for log in logs:
        paths = _histories(log)
        for line in log.lines:
            if line.get("type") == "vote":
                latest[line.get("decision", "")] = (line, paths)
    if not latest:
        return None
    order = [d for d in scenario.nodes if d in latest]
    decisions = tuple(v for v in (_decision_votes(scenario, latest[d][0]) for d in order) if v)
    tokens = sorted({t for line, _ in latest.values() for t in line.get("ballots", {})})
    hands = max((sum(_hands(line).values()) for line, _ in latest.values()), default=0)
    header = logs[-1].header
    params = params_from_header(header)
    attitudes = _attitudes(scenario, str(header.get("profile")), params, latest, tokens)
    majority = _majority(scenario, str(header.get("profile")), params, latest)
    spread = histogram(list(attitudes), params.risk_weight, majority) if tokens else None
    return RoomReport(scenario.title, tuple(Path(log.path).name for log in logs), len(tokens),
                      hands, decisions, spread,
                      tuple(sorted(a.describe() if a else "did not vote" for a in attitudes)))


def single_room(log: ReplayLog, scenario: Scenario) -> RoomReport | None:
    """The room as one log's report shows it: a log that went back holds only the votes cast
    after the rewind, so the votes at the decisions before it are borrowed from the parent
    logs (exactly those the story's path took, each once) and the parents are named."""
    merged = with_inherited_votes(log, scenario)
    report = room_report([merged], scenario)
    if report is None or merged is log:
        return report
    return replace(report, logs=(*_ancestors(log), *report.logs))


def _ancestors(log: ReplayLog) -> tuple[str, ...]:
    """File names of the logs `log` went back from, oldest first."""
    names: list[str] = []
    folder, header = Path(log.path).parent, log.header
    while len(names) < MAX_PARENTS:
        parent = header.get("parent")
        if not isinstance(parent, dict) or not parent.get("log"):
            break
        name = str(parent["log"])
        names.append(name)
        try:
            header = read_log(folder / name).header
        except (LogError, OSError):
            break
    return tuple(reversed(names))


def _attitudes(scenario: Scenario, profile: str, params, latest, tokens) -> list[Attitude | None]:
    result: list[Attitude | None] = []
    for token in tokens:
        choices = [(d, paths[d], line["ballots"][token]) for d, (line, paths) in latest.items()
                   if token in line.get("ballots", {}) and d in paths]
        result.append(revealed_attitude(scenario, profile, choices, params) if choices
                      else None)
    return result


def _majority(scenario: Scenario, profile: str, params, latest) -> Attitude | None:
    choices = []
    for d, (line, paths) in latest.items():
        counts = line.get("counts", {})
        top = max(counts.values(), default=0)
        leaders = [o for o, n in counts.items() if top and n == top]
        if len(leaders) == 1 and d in paths:
            choices.append((d, paths[d], leaders[0]))
    return revealed_attitude(scenario, profile, choices, params) if choices else None


def _root(log: ReplayLog, by_name: dict[str, ReplayLog]) -> str:
    """The file name of the log a family started in (following `parent` headers)."""
    name, seen = Path(log.path).name, set()
    while name not in seen:
        seen.add(name)
        parent = (by_name[name].header.get("parent") or {}) if name in by_name else {}
        if not isinstance(parent, dict) or parent.get("log") not in by_name:
            return name
        name = str(parent["log"])
    return name


def cohort_rooms(files: Iterable[Path], scenario_for) -> list[RoomReport]:
    """Every workshop room among `files`; `scenario_for(header)` finds the content version
    (None skips the log: the cohort page lists why it was not included)."""
    logs: dict[str, ReplayLog] = {}
    for path in files:
        try:
            log = read_log(path)
        except LogError:
            continue
        if log.header.get("mode") == "workshop":
            logs[Path(path).name] = log
    families: dict[str, list[ReplayLog]] = {}
    for name in sorted(logs):
        families.setdefault(_root(logs[name], logs), []).append(logs[name])
    rooms = []
    for family in families.values():
        scenario = scenario_for(family[0].header)
        if scenario is None or scenario.content_sha256 != family[0].header.get("scenario_sha256"):
            continue  # another content version: the cohort page lists the log as excluded
        report = room_report(family, scenario)
        if report is not None:
            rooms.append(report)
    return rooms
