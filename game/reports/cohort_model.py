"""Cohort summaries: records grouped by scenario *version*, and pooled by kind and distance.

A decision point's options, windows and model values belong to one content version; pooling
logs across an edit would compare answers to different questions. So groups are keyed by
(scenario id, content sha256) and a scenario seen in several versions is named in
`version_notes`.

The cohort is also pooled by kind of failure and by supervision distance: the study's
discussion points include that supervisory distance makes misjudgement likelier and that
what counts as an acceptable failure differs by kind. Options differ between vignettes, so
pooled choices are counted by intervention-ladder level (watch ... take over), which means
the same in every vignette; outcomes and regret are per finished session.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from game.core.model import CATEGORIES, DISTANCES, LADDER, Decision, Scenario
from game.reports.cohort_records import Excluded, SessionRecord, analyse_all, attach_attitudes
from game.reports.files import Library, count
from game.reports.spread import PlayerAttitude, Spread, per_player, spread


@dataclass
class OptionCount:
    option: str
    label: str
    level: str
    count: int


@dataclass
class DecisionStats:
    node: str
    cue: str
    options: list[OptionCount]
    reached: int = 0
    fractions: list[float] = field(default_factory=list)
    """Moment of each intervention as a share of its window (timeouts are not in here)."""
    watched: int = 0
    regrets: list[float] = field(default_factory=list)


@dataclass
class VersionGroup:
    key: str
    scenario: Scenario
    sessions: list[SessionRecord]
    decisions: list[DecisionStats]
    players: list[PlayerAttitude]
    versions_in_cohort: int = 1
    figures: dict[str, str] = field(default_factory=dict)

    @property
    def finished(self) -> list[SessionRecord]:
        return [s for s in self.sessions if s.finished]

    @property
    def profiles(self) -> list[tuple[str, int]]:
        """Trainee profiles played, most played first (outcomes depend on the trainee)."""
        return Counter(s.profile for s in self.sessions).most_common()


@dataclass
class Cohort:
    total: int
    groups: list[VersionGroup]
    excluded: list[Excluded]
    version_notes: list[str]

    @property
    def analysed(self) -> int:
        return sum(len(g.sessions) for g in self.groups)


def build_cohort(files: Iterable[Path], library: Library) -> Cohort:
    files = list(files)
    excluded: list[Excluded] = []
    records: list[SessionRecord] = []
    for outcome in analyse_all(files, library):
        if isinstance(outcome, Excluded):
            excluded.append(outcome)
        else:
            records.append(outcome)
    by_version: dict[tuple[str, str], list[SessionRecord]] = defaultdict(list)
    for record in attach_attitudes(records, library):
        by_version[(record.scenario_id, record.sha)].append(record)
    keys = sorted(by_version, key=lambda k: (library.versions[k].title, k[1] != _current(
        library, k[0]), k[1]))
    groups = [_group(f"g{i + 1:02d}", library.versions[k], by_version[k])
              for i, k in enumerate(keys)]
    counts = Counter(g.scenario.id for g in groups)
    for g in groups:
        g.versions_in_cohort = counts[g.scenario.id]
    return Cohort(len(files), groups, excluded, _version_notes(groups, excluded, library))


def _current(library: Library, scenario_id: str) -> str:
    current = library.primary.get(scenario_id)
    return current.content_sha256 if current else ""


def _group(key: str, scenario: Scenario, sessions: list[SessionRecord]) -> VersionGroup:
    stats = {node.id: DecisionStats(node.id, node.cue, [
        OptionCount(o.id, o.label, o.rung, 0) for o in node.options])
        for node in scenario.nodes.values() if isinstance(node, Decision)}
    for session in sessions:
        for d in session.decisions:
            s = stats[d.node]
            s.reached += 1
            next(o for o in s.options if o.option == d.option).count += 1
            s.regrets.append(d.regret)
            if d.by == "timeout":
                s.watched += 1
            else:
                s.fractions.append(d.fraction)
    return VersionGroup(key, scenario, sessions, list(stats.values()), per_player(sessions))


def _version_notes(groups: list[VersionGroup], excluded: list[Excluded],
                   library: Library) -> list[str]:
    """Say explicitly where one scenario appears in several content versions."""
    by_id: dict[str, list[VersionGroup]] = defaultdict(list)
    for g in groups:
        by_id[g.scenario.id].append(g)
    missing = Counter(e.other_version_of for e in excluded if e.other_version_of)
    notes = []
    for sid in sorted(set(by_id) | set(missing)):
        versions = by_id.get(sid, [])
        if len(versions) < 2 and not missing[sid]:
            continue
        notes.append(_version_note(sid, versions, missing[sid], _current(library, sid)))
    return notes


def _version_note(sid: str, versions: list[VersionGroup], missing: int, current: str) -> str:
    parts = [f"{g.scenario.content_sha256[:12]} ({count(len(g.sessions), 'log')}"
             f"{', the current library' if g.scenario.content_sha256 == current else ''})"
             for g in versions]
    text = f"Scenario {sid!r}:"
    if versions:
        text += f" analysed in {len(versions)} content version(s): {'; '.join(parts)}."
    if len(versions) > 1:
        text += " Each version is reported separately; their results are never pooled."
    if missing:
        text += (f" {missing} log(s) were recorded with a content version that is not loaded; "
                 "they are listed under Not included.")
    return text


LEVELS = tuple(level.value for level in LADDER)


@dataclass
class DimensionRow:
    value: str
    scenarios: list[str] = field(default_factory=list)
    sessions: int = 0
    players: set[str] = field(default_factory=set)
    levels: Counter = field(default_factory=Counter)
    fractions: list[float] = field(default_factory=list)
    watched: int = 0
    learning: list[float] = field(default_factory=list)
    harm: list[float] = field(default_factory=list)
    regret: list[float] = field(default_factory=list)
    attitudes: list[PlayerAttitude] = field(default_factory=list)

    @property
    def decisions(self) -> int:
        return sum(self.levels.values())

    @property
    def spread(self) -> Spread:
        return spread(self.attitudes)

    def level_share(self, level: str) -> float:
        return self.levels[level] / self.decisions if self.decisions else 0.0


@dataclass
class Dimension:
    key: str
    title: str
    rows: list[DimensionRow]
    figures: dict[str, str] = field(default_factory=dict)


def by_dimension(groups: list[VersionGroup], attr: str) -> list[DimensionRow]:
    """One row per value of `attr` ("category" or "supervision"), in the model's order."""
    rows: dict[str, DimensionRow] = {}
    for g in groups:
        value = str(getattr(g.scenario, attr))
        row = rows.setdefault(value, DimensionRow(value))
        _add_group(row, g)
    order = list(CATEGORIES if attr == "category" else DISTANCES)
    return sorted(rows.values(), key=lambda r: (order.index(r.value) if r.value in order
                                                else len(order), r.value))


def _add_group(row: DimensionRow, group: VersionGroup) -> None:
    label = group.scenario.title
    if group.versions_in_cohort > 1:
        label += f" [{group.scenario.content_sha256[:8]}]"
    row.scenarios.append(label)
    row.sessions += len(group.sessions)
    row.players.update(s.player for s in group.sessions)
    for session in group.sessions:
        for d in session.decisions:
            row.levels[d.level] += 1
            if d.by == "timeout":
                row.watched += 1
            else:
                row.fractions.append(d.fraction)
    for session in group.finished:
        row.learning.append(session.learning)
        row.harm.append(session.harm)
        row.regret.append(session.regret)
    row.attitudes.extend(group.players)
