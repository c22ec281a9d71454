"""What `safetynet validate` prints: every error, then every warning, each `path:line:col`.

Warnings come from the loader (flags that can never be true, a rung slower than its window,
procedure keys in a version 1 file) and from analyses that need the compiled scenario, such
as the scoring model's dominance analysis, which returns `(decision id, option id, reason)`
and is located here against the file's marks. Warnings never make validation fail.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from game.content.catalogue import LIBRARY_CACHE, Catalogue, FileCache
from game.content.problems import Problem, warning
from game.content.yamlmarks import Marks, locate
from game.core.model import Decision, Scenario

Finding = tuple[str, str, str]
"""(decision id, option id, reason) from a scenario-level analysis."""
Analysis = Callable[[Scenario], Iterable[Finding]]


def locate_findings(scenario: Scenario, marks: Marks, findings: Iterable[Finding]) \
        -> list[Problem]:
    """Each finding as a warning at its option's line (or the decision's, if the option is
    not one of its options)."""
    out = []
    for decision_id, option_id, reason in findings:
        node = scenario.nodes.get(decision_id)
        path: tuple = ("nodes", decision_id, "<key>")
        if isinstance(node, Decision):
            index = next((i for i, o in enumerate(node.options) if o.id == option_id), None)
            if index is not None:
                path = ("nodes", decision_id, "options", index)
        line, col = locate(marks, path)
        out.append(warning(scenario.path, line, col,
                           f"{decision_id}: option {option_id!r}: {reason}"))
    return out


@dataclass(frozen=True)
class Report:
    lines: tuple[str, ...]
    valid: int
    invalid: int
    warnings: int

    @property
    def ok(self) -> bool:
        """Only errors fail validation; a folder with no scenario at all fails too."""
        return self.invalid == 0 and self.valid > 0


def validation_report(cat: Catalogue, analyses: Iterable[Analysis] = (),
                      cache: FileCache | None = None) -> Report:
    cache = cache or LIBRARY_CACHE
    errors = [str(p) for e in cat.invalid for p in e.problems]
    found: list[Problem] = []
    for entry in cat.entries:
        if entry.scenario is None:
            continue
        found.extend(entry.warnings)
        marks = cache.load(Path(entry.path)).marks
        for analysis in analyses:
            found.extend(locate_findings(entry.scenario, marks, analysis(entry.scenario)))
    lines = tuple(errors + [str(w) for w in sorted(set(found))])
    return Report(lines, len(cat.scenarios), len(cat.invalid), len(set(found)))
