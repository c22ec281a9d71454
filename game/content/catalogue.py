"""The vignette library: every scenario file in a folder, valid or not.

A broken file never hides the others: it is listed with its problems and the rest stay
playable. Each file is parsed once and remembered by its stamp (inode, mtime_ns, size), so
the picker, History and reports asking again cost a `stat` per file, not a parse.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from dataclasses import dataclass
from pathlib import Path

from game.content.loader import Loaded, load_checked
from game.content.problems import ContentError, Problem
from game.content.safe_read import file_stamp
from game.content.translations import translate
from game.core.model import Scenario


@dataclass(frozen=True)
class Entry:
    path: str
    scenario: Scenario | None
    problems: tuple[Problem, ...] = ()
    warnings: tuple[Problem, ...] = ()
    translation: tuple[Problem, ...] = ()
    """Problems of its translation into the language asked for; with an error among them the
    vignette shows in English (it stays playable)."""

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


class FileCache:
    """Parsed files by path and stamp: a bounded, locked LRU (the UI loads the library from a
    background thread as well as the main one). A changed, replaced or touched file has a
    new stamp and is parsed again; results are immutable, so sharing them is safe."""

    def __init__(self, size: int = 512):
        self.size = size
        self._items: OrderedDict[tuple, Loaded | ContentError] = OrderedDict()
        self._lock = threading.Lock()
        self.parses = 0

    def load(self, path: Path) -> Loaded:
        key = file_stamp(path)
        with self._lock:
            found = self._items.get(key) if key else None
            if found is not None and key is not None:
                self._items.move_to_end(key)
        if found is None:
            found = self._parse(path)
            if key is not None:
                with self._lock:
                    self._items[key] = found
                    while len(self._items) > self.size:
                        self._items.popitem(last=False)
        if isinstance(found, ContentError):
            # a fresh exception each time: re-raising one instance would grow its traceback
            raise ContentError(found.problems)
        return found

    def _parse(self, path: Path) -> Loaded | ContentError:
        self.parses += 1
        try:
            return load_checked(path)
        except ContentError as exc:
            return exc


LIBRARY_CACHE = FileCache()
"""The process's parsed files. Pure memo of immutable results keyed by file stamp, so it is
not state anyone can observe except through speed."""


def load_catalogue(*paths: str | Path, cache: FileCache | None = None,
                   language: str = "en") -> Catalogue:
    """Every scenario file in `paths`, its words in `language` where a translation exists
    beside it (`game.content.translations`), in English otherwise."""
    cache = cache or LIBRARY_CACHE
    entries = []
    seen: dict[str, str] = {}
    for path in scenario_files([Path(p) for p in paths]):
        try:
            loaded = cache.load(path)
        except ContentError as exc:
            entries.append(Entry(str(path), None, tuple(exc.problems)))
            continue
        scenario = loaded.scenario
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
        translated = translate(scenario, language)
        entries.append(Entry(str(path), translated.scenario, warnings=loaded.warnings,
                             translation=translated.problems))
    return Catalogue(tuple(entries))
