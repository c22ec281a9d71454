"""What `safetynet validate` says about translations: every translation file beside the
library's scenarios, checked against its scenario, and the files that translate nothing.

A translation error does not stop the vignette from playing (it shows in English), but it
is an error in a file an author wrote, so validation fails on it like on a broken scenario.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from game.content.catalogue import Catalogue
from game.content.problems import Problem
from game.content.translations import FOLDER, TRANSLATIONS, translation_languages


@dataclass
class TranslationReport:
    problems: list[Problem] = field(default_factory=list)
    files: dict[str, int] = field(default_factory=dict)
    """How many translation files each language has, broken ones included."""
    broken: int = 0
    """Files with at least one error (their vignettes show in English)."""

    def summary(self) -> str:
        if not self.files:
            return ""
        counts = ", ".join(f"{lang} {n}" for lang, n in sorted(self.files.items()))
        return f"; translations: {counts}"


def is_translation_file(path: Path) -> bool:
    """A file inside a `translations/<language>/` folder (not a scenario of its own)."""
    return path.parent.parent.name == FOLDER and len(path.parent.name) == 2


def check_translations(cat: Catalogue, only: set[Path] | None = None) -> TranslationReport:
    """The translations beside `cat`'s scenarios (`cat` as loaded in English, the default, so
    each file is checked against the words it translates); with `only`, just those files."""
    report = TranslationReport()
    by_folder: dict[Path, set[str]] = {}
    for entry in cat.entries:
        if entry.scenario is not None:
            by_folder.setdefault(Path(entry.path).parent, set()).add(entry.scenario.id)
    for folder, ids in by_folder.items():
        for language in translation_languages(folder):
            files = sorted((folder / FOLDER / language).glob("*.y*ml"))
            chosen = [f for f in files if only is None or f.resolve() in only]
            _check_language(folder, language, ids, chosen, cat, report)
    return report


def _check_language(folder: Path, language: str, known: set[str], files: list[Path],
                    cat: Catalogue, report: TranslationReport) -> None:
    for path in files:
        if path.stem not in known:
            if not _has_scenario_file(folder, path.stem):
                report.files[language] = report.files.get(language, 0) + 1
                report.problems.append(Problem(str(path), 1, 1, f"translates {path.stem!r}, "
                                                                f"but {folder} has no "
                                                                f"{path.stem}.yaml"))
                report.broken += 1
            continue  # a broken scenario (reported itself), or one not being validated
        scenario = cat.get(path.stem)
        assert scenario is not None
        report.files[language] = report.files.get(language, 0) + 1
        found = TRANSLATIONS.translate(scenario, language).problems
        report.problems.extend(found)
        report.broken += any(p.is_error for p in found)


def _has_scenario_file(folder: Path, scenario_id: str) -> bool:
    return any((folder / f"{scenario_id}{suffix}").is_file() for suffix in (".yaml", ".yml"))
