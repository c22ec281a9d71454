"""What `safetynet validate` prints: every error, then every warning and info, each
`path:line:col`.

Warnings come from the loader (flags that can never be true, a rung slower than its window,
procedure keys in a version 1 file) and from analyses that need the compiled scenario, such
as the scoring model's dominance analysis, which returns `(decision id, option id, reason)`
(optionally a fourth item, the severity: `warning` or `info`) and is located here against
the file's marks. The dominance analysis reports an option the safety rules call wrong at
every weight as an info (a deliberate wrong answer, nothing to fix) and a dominated option
as a warning. Neither makes validation fail.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from game.content.catalogue import LIBRARY_CACHE, Catalogue, FileCache
from game.content.problems import INFO, WARNING, Problem, info, warning
from game.content.translation_lint import check_translations
from game.content.yamlmarks import Marks, locate
from game.core.model import Decision, Scenario

Finding = tuple[str, ...]
"""(decision id, option id, reason[, severity]) from a scenario-level analysis; the severity
is WARNING (the default) or INFO."""
Analysis = Callable[[Scenario], Iterable[Finding]]


def locate_findings(scenario: Scenario, marks: Marks, findings: Iterable[Finding]) \
        -> list[Problem]:
    """Each finding as a warning (or info) at its option's line (or the decision's, if the
    option is not one of its options)."""
    out = []
    for decision_id, option_id, reason, *rest in findings:
        make = info if rest and rest[0] == INFO else warning
        node = scenario.nodes.get(decision_id)
        path: tuple = ("nodes", decision_id, "<key>")
        if isinstance(node, Decision):
            index = next((i for i, o in enumerate(node.options) if o.id == option_id), None)
            if index is not None:
                path = ("nodes", decision_id, "options", index)
        line, col = locate(marks, path)
        out.append(make(scenario.path, line, col,
                        f"{decision_id}: option {option_id!r}: {reason}"))
    return out


@dataclass(frozen=True)
class Report:
    lines: tuple[str, ...]
    valid: int
    invalid: int
    warnings: int
    infos: int = 0
    translations: str = ""
    """"; translations: de 16" when the folder has translation files (for the summary)."""

    @property
    def ok(self) -> bool:
        """Only errors fail validation; a folder with no scenario at all fails too."""
        return self.invalid == 0 and self.valid > 0


def standard_analyses() -> tuple[Analysis, ...]:
    """The scoring model's dominance analysis (issue 10, item 5; issue 12)."""
    return (dominance,)


def dominance(scenario: Scenario) -> list[Finding]:
    """Options dominated at every risk weight and profile, and higher rungs with a lower
    rung's consequences, as warnings; options unsafe at every weight (a vignette's
    deliberate wrong answers) as infos."""
    from game.scoring.dominance import UNSAFE, dominated_options
    return [(d.decision, d.option, d.reason, INFO if d.kind == UNSAFE else WARNING)
            for d in dominated_options(scenario)]


def validation_report(cat: Catalogue, analyses: Iterable[Analysis] | None = None,
                      cache: FileCache | None = None,
                      translations: set[Path] | None = None) -> Report:
    """Errors of invalid files; warnings of valid ones, the loader's and the analyses'
    (`None`: the standard ones); the translations beside them (only `translations`, when
    given)."""
    cache = cache or LIBRARY_CACHE
    analyses = standard_analyses() if analyses is None else tuple(analyses)
    errors = [str(p) for e in cat.invalid for p in e.problems]
    found: list[Problem] = []
    for entry in cat.entries:
        if entry.scenario is None:
            continue
        found.extend(entry.warnings)
        marks = cache.load(Path(entry.path)).marks
        for analysis in analyses:
            found.extend(_run(analysis, entry.scenario, marks))
    checked = check_translations(cat, translations)
    errors += [str(p) for p in sorted(checked.problems) if p.is_error]
    found.extend(p for p in checked.problems if not p.is_error)
    unique = sorted(set(found))
    lines = tuple(errors + [str(w) for w in unique])
    infos = sum(p.severity == INFO for p in unique)
    return Report(lines, len(cat.scenarios), len(cat.invalid) + checked.broken,
                  len(unique) - infos, infos, checked.summary())


def _run(analysis: Analysis, scenario: Scenario, marks: Marks) -> list[Problem]:
    """An analysis that fails on a valid file is a bug in the analysis, not the author's
    mistake: say so as a warning, so validation still reports everything else and no
    traceback reaches the author."""
    try:
        return locate_findings(scenario, marks, analysis(scenario))
    except Exception as exc:  # noqa: BLE001 - reported, never swallowed
        name = getattr(analysis, "__name__", "analysis")
        return [warning(scenario.path, 1, 1, f"{name} could not run ({type(exc).__name__}: "
                                             f"{exc}); please report this")]
