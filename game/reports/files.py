"""What a report reads and writes: logs, scenario versions, the output folder, and the HTML.

A log names its scenario by id *and* content hash. Reports analyse a log only against the
exact content it was recorded with; the shipped library holds one version of each scenario,
so facilitators can add folders with older (or edited) versions and every log then finds
its own. Versions are keyed by (id, sha256) and never merged.

HTML comes from one jinja2 environment that always autoescapes: scenario text, facilitator
notes and player ids are all written by people and a report is opened in a browser, so
every value is escaped and nothing is ever marked safe. Templates are package files next to
this module (loaded from its folder, so reports work from a source checkout and an install
alike). Filters format numbers and simulation time the same way in every report.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader, StrictUndefined

from game import __version__
from game.content.catalogue import load_catalogue
from game.core.model import TICKS_PER_SECOND, Scenario

LOG_SUFFIXES = (".jsonl",)
SIDECAR = ".notes.jsonl"


class ReportError(Exception):
    """A problem with what the user asked for; the CLI prints it as one line."""


@dataclass
class Library:
    primary: dict[str, Scenario] = field(default_factory=dict)
    """The current library, by id (what a log is checked against when its version is absent)."""
    versions: dict[tuple[str, str], Scenario] = field(default_factory=dict)

    def for_header(self, header: dict) -> Scenario | None:
        """The exact version the log was recorded with, else the current one (which the
        verifier then reports as changed since recording), else None."""
        sid = str(header.get("scenario_id"))
        exact = self.versions.get((sid, str(header.get("scenario_sha256"))))
        return exact or self.primary.get(sid)


def load_library(primary: str | Path, extra: Iterable[str | Path] = ()) -> Library:
    library = Library()
    for scenario in load_catalogue(primary).scenarios:
        library.primary[scenario.id] = scenario
        library.versions[(scenario.id, scenario.content_sha256)] = scenario
    for folder in extra:
        if not Path(folder).exists():
            raise ReportError(f"no such scenario folder: {folder}")
        for scenario in load_catalogue(folder).scenarios:
            library.versions.setdefault((scenario.id, scenario.content_sha256), scenario)
    return library


def log_files(paths: Iterable[str | Path]) -> list[Path]:
    """Every log named or found (recursively) in the folders; sidecar notes are not logs."""
    found: list[Path] = []
    for raw in paths:
        path = Path(raw)
        if not path.exists():
            raise ReportError(f"no such file or folder: {raw}")
        if path.is_dir():
            found.extend(p for p in sorted(path.rglob("*"))
                         if p.is_file() and p.name.endswith(LOG_SUFFIXES)
                         and not p.name.endswith(SIDECAR))
        else:
            found.append(path)
    unique: dict[Path, None] = {}
    for p in found:
        unique.setdefault(p, None)
    return list(unique)


def prepare_out(out: str | Path) -> Path:
    """Create the output folder and prove it is writable, before any work is done."""
    folder = Path(out)
    try:
        folder.mkdir(parents=True, exist_ok=True)
        probe = folder / ".safetynet-write-test"
        probe.write_bytes(b"")
        probe.unlink()
    except OSError as exc:
        reason = exc.strerror or str(exc)
        raise ReportError(f"cannot write the report to {out}: {reason}") from None
    return folder


TEMPLATES = Path(__file__).resolve().parent / "templates"


def clock(ticks: float) -> str:
    """Simulation ticks as m:ss, the way the timeline and the game show time."""
    seconds = round(float(ticks) / TICKS_PER_SECOND)
    return f"{seconds // 60}:{seconds % 60:02d}"


def num(value: float | None, digits: int = 2) -> str:
    if value is None:
        return "\u2013"
    return f"{value:.{digits}f}"


def count(n: int, noun: str) -> str:
    """'1 session', '3 sessions': reports are read aloud in workshops."""
    return f"{n} {noun}{'' if n == 1 else 's'}"


def pct(part: int, whole: int) -> str:
    return f"{100.0 * part / whole:.0f}%" if whole else "\u2013"


def median(values: list[float]) -> float | None:
    ordered = sorted(values)
    if not ordered:
        return None
    mid = len(ordered) // 2
    return ordered[mid] if len(ordered) % 2 else (ordered[mid - 1] + ordered[mid]) / 2


def make_environment() -> Environment:
    env = Environment(loader=FileSystemLoader(str(TEMPLATES)), autoescape=True,
                      undefined=StrictUndefined, trim_blocks=True, lstrip_blocks=True)
    env.filters.update(clock=clock, num=num, median=median)
    env.globals.update(pct=pct, count=count, version=__version__)
    return env


def render(template: str, out: Path, context: dict[str, Any]) -> Path:
    """Render `template` with `context` into `out` (UTF-8) and return the path."""
    html = make_environment().get_template(template).render(**context)
    out.write_text(html, encoding="utf-8")
    return out
