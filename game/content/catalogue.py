"""The vignette library: every scenario file in a folder, valid or not.

A broken file never hides the others: it is listed with its problems and the rest stay
playable.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from game.content.loader import load_scenario
from game.content.problems import ContentError, Problem
from game.core.model import Scenario


@dataclass(frozen=True)
class Entry:
    path: str
    scenario: Scenario | None
    problems: tuple[Problem, ...] = ()

    @property
    def valid(self) -> bool:
        return self.scenario is not None


@dataclass(frozen=True)
class Catalogue:
    entries: tuple[Entry, ...]

    @property
    def scenarios(self) -> list[Scenario]:
        return [e.scenario for e in self.entries if e.scenario is not None]

    @property
    def invalid(self) -> list[Entry]:
        return [e for e in self.entries if not e.valid]

    def get(self, scenario_id: str) -> Scenario | None:
        for s in self.scenarios:
            if s.id == scenario_id:
                return s
        return None


def scenario_files(paths: list[Path]) -> list[Path]:
    files: list[Path] = []
    for p in paths:
        if p.is_dir():
            files.extend(sorted(list(p.glob("*.yaml")) + list(p.glob("*.yml"))))
        else:
            files.append(p)
    return files


def load_catalogue(*paths: str | Path) -> Catalogue:
    entries = []
    seen: dict[str, str] = {}
    for path in scenario_files([Path(p) for p in paths]):
        try:
            scenario = load_scenario(path)
        except ContentError as exc:
            entries.append(Entry(str(path), None, tuple(exc.problems)))
            continue
        if scenario.id in seen:
            problem = Problem(str(path), 1, 1, f"scenario id {scenario.id!r} is already used by "
                                                f"{seen[scenario.id]}")
            entries.append(Entry(str(path), None, (problem,)))
            continue
        if path.stem != scenario.id:
            problem = Problem(str(path), 1, 1, f"file name must match the scenario id "
                                                f"({scenario.id}.yaml)")
            entries.append(Entry(str(path), None, (problem,)))
            continue
        seen[scenario.id] = str(path)
        entries.append(Entry(str(path), scenario))
    return Catalogue(tuple(entries))
