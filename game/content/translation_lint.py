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


def check_translations(cat: Catalogue) -> TranslationReport:
    """`cat` as loaded in English (the default), so each file is checked against the words
    it translates."""
    report = TranslationReport()
    by_folder: dict[Path, set[str]] = {}
    for entry in cat.entries:
        if entry.scenario is not None:
            by_folder.setdefault(Path(entry.path).parent, set()).add(entry.scenario.id)
    for folder, ids in by_folder.items():
        for language in translation_languages(folder):
            _check_language(folder, language, ids, cat, report)
    return report


def _check_language(folder: Path, language: str, known: set[str], cat: Catalogue,
                    report: TranslationReport) -> None:
    for path in sorted((folder / FOLDER / language).glob("*.y*ml")):
        report.files[language] = report.files.get(language, 0) + 1
        scenario = cat.get(path.stem) if path.stem in known else None
        if scenario is None:
            report.problems.append(Problem(str(path), 1, 1, f"translates {path.stem!r}, which "
                                                            f"is not a valid vignette in "
                                                            f"{folder}"))
            report.broken += 1
            continue
        found = TRANSLATIONS.translate(scenario, language).problems
        report.problems.extend(found)
        report.broken += any(p.is_error for p in found)
