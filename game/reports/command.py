"""`safetynet report LOGS_OR_DIRS... --out DIR`: one log gives a debrief, more give a cohort.

The CLI calls `run_report`; user mistakes (a missing path, an unwritable --out, an unreadable
single log) surface as `ReportError` with one line of text, which the CLI prints and turns
into exit code 1. Everything is checked before any figure is drawn, so a typo costs nothing.

The single-log page follows the PEARLS phases of the debrief scene (reactions, description,
analysis, summary) so a facilitator can print it and walk the same path on paper; a log that
reads but does not reproduce still gets a report that says so at the top.

The cohort page serves a faculty-development workshop: how did a room of supervisors decide
at each decision point of each vignette version, when did they step in, what did it cost and
earn, and do their choices reveal a shared trade-off between learning and harm? Logs that
cannot be used are listed with their reason, never dropped silently. Figures are bounded by
the number of vignette versions (two each) plus two pooled ones, never by the number of
logs, so a cohort of hundreds costs little more than one of tens.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from pathlib import Path

from game.replay.reader import LogError, read_log
from game.replay.verify import verify_log
from game.reports.cohort_figures import attitude_figure, dimension_figure, version_figure
from game.reports.cohort_model import Cohort, Dimension, build_cohort, by_dimension
from game.reports.files import Library, ReportError, load_library, log_files, prepare_out, render
from game.reports.room_votes import cohort_rooms, single_room
from game.reports.single_model import SingleView, build_view
from game.reports.spread import spread

__all__ = ["ReportError", "run_report"]


def run_report(paths: Sequence[str], out: str, scenarios: str | Path,
               versions: Sequence[str] = (), cohort: bool = False) -> int:
    """Write the report; returns 0 (a report was written, even for a tampered log)."""
    files = log_files(paths)
    single = len(paths) == 1 and len(files) == 1 and Path(paths[0]).is_file() and not cohort
    if not files:
        raise ReportError(f"no replay logs (*.jsonl) found in {', '.join(paths)}")
    folder = prepare_out(out)
    library = load_library(scenarios, versions)
    if single:
        view = write_single_report(files[0], folder, library)
        print(f"report written to {folder / 'index.html'}")
        if not view.verify.ok:
            print(f"warning: the log does not reproduce: {view.verify.reason}", file=sys.stderr)
        return 0
    cohort_data = write_cohort_report(files, folder, library)
    print(f"cohort report written to {folder / 'index.html'} "
          f"({cohort_data.analysed} analysed, {len(cohort_data.excluded)} not included)")
    return 0


def write_single_report(log_path: str | Path, out: Path, library: Library) -> SingleView:
    """Build, draw and render the report for one log into `out` (which must exist)."""
    try:
        log = read_log(log_path)
    except LogError as exc:
        raise ReportError(f"{log_path}: unreadable log: {exc}") from None
    scenario = library.for_header(log.header)
    verify = verify_log(str(log_path), lambda _sid: scenario)
    view = build_view(log, Path(log_path).name, scenario, verify)
    draw_single_figures(view, out)
    room = single_room(log, scenario) if scenario is not None and verify.ok else None
    render("single.html.j2", out / "index.html", {"v": view, "room": room, "room_id": 1})
    return view


def draw_single_figures(view: SingleView, out: Path) -> None:
    """One timeline figure and one Q-value figure per decision: bounded by the vignette."""
    from game.reports.single_figures import q_figure, timeline_figure  # matplotlib: only here
    if view.debrief is None:
        return
    view.timeline_figure = timeline_figure(view.debrief, out / "timeline.png")
    for decision in view.decisions:
        name = f"decision_{decision.row.index + 1}_q.png"
        decision.figure = q_figure(decision.row, out / name)


DIMENSIONS = (("category", "kind of failure"), ("supervision", "supervision distance"))


def write_cohort_report(files: Sequence[Path], out: Path, library: Library) -> Cohort:
    cohort = build_cohort(files, library)
    dimensions = [Dimension(attr, title, by_dimension(cohort.groups, attr))
                  for attr, title in DIMENSIONS]
    draw_cohort_figures(cohort, dimensions, out)
    rooms = cohort_rooms(files, library.for_header)
    render("cohort.html.j2", out / "index.html",
           {"c": cohort, "dimensions": dimensions, "spread": spread,
            "common_root": _common_root(cohort), "rooms": rooms})
    return cohort


def draw_cohort_figures(cohort: Cohort, dimensions: list[Dimension], out: Path) -> None:
    """Write every cohort figure (SVG: about a millisecond each, so no worker processes)."""
    for g in cohort.groups:
        g.figures["sessions"] = version_figure(g, out / f"{g.key}_sessions.svg")
        if sum(p.consistent for p in g.players) >= 2:
            g.figures["attitude"] = attitude_figure(g.players, spread(g.players),
                                                    out / f"{g.key}_risk_weights.svg")
    for d in dimensions:
        if d.rows:
            d.figures["summary"] = dimension_figure(d.rows, d.title, out / f"by_{d.key}.svg")


def _common_root(cohort: Cohort) -> str:
    """Shown once above the file list so each row can name just the file."""
    paths = [Path(s.path) for g in cohort.groups for s in g.sessions]
    paths += [Path(e.path) for e in cohort.excluded]
    parents = {str(p.parent) for p in paths}
    return parents.pop() if len(parents) == 1 else ""
