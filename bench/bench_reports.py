"""Report speed: one debrief report, and cohort reports of 50, 200 and 800 generated logs.

Targets: a single-log report in under 3 s; a 200-log cohort report in under 5 s, growing
roughly linearly (the figure count is bounded by scenario versions, not by logs).

Beyond checking and analysing the logs (linear in their number, a few ms each), a cohort
report draws a fixed number of figures per scenario version (two) plus two pooled ones, so
its cost is mostly fixed per version; the bench prints both parts.

Every cohort report needs the exact solution of each (scenario version, trainee profile) at
the 41 risk weights the attitude estimator uses (made in parallel worker processes). That
cost depends on the library, not on the number of logs, so it is measured separately:
"fresh process" runs the 200-log report as `safetynet report` does, "warm" runs in this
process after the estimates and solves have been made once, which is what the growth ratios
compare. All sizes are measured in this one run.
"""

from __future__ import annotations

import atexit
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
if "SAFETYNET_HOME" not in os.environ:  # matplotlib's cache goes here: keep the user's clean
    os.environ["SAFETYNET_HOME"] = tempfile.mkdtemp(prefix="safetynet-bench-home-")
    atexit.register(shutil.rmtree, os.environ["SAFETYNET_HOME"], True)

from game.paths import scenarios_dir  # noqa: E402
from game.reports.cohort_model import build_cohort  # noqa: E402
from game.reports.command import run_report  # noqa: E402
from game.reports.files import load_library  # noqa: E402
from tests.fixtures_cohort import generate_cohort  # noqa: E402

SIZES = (50, 200, 800)
SEED = 20240
REPEATS = 3
"""Warm cohort times are the best of 3: the machines are shared, and a neighbour's burst
should not decide a ratio."""


def timed(func) -> float:
    start = time.perf_counter()
    func()
    return time.perf_counter() - start


def cpu_seconds() -> float:
    """CPU time of this process and its reaped children (the figure workers): unlike wall
    time it hardly moves when neighbours load the machine."""
    t = os.times()
    return t.user + t.system + t.children_user + t.children_system


def timed_both(func) -> tuple[float, float]:
    """(wall, cpu) seconds of one call."""
    cpu, wall = cpu_seconds(), time.perf_counter()
    func()
    return time.perf_counter() - wall, cpu_seconds() - cpu


def fresh_process(args: list[str]) -> float:
    """Wall time of `safetynet report ...` in a new interpreter (imports and solves included)."""
    code = "import sys; from game.cli import main; sys.exit(main(sys.argv[1:]))"
    start = time.perf_counter()
    subprocess.run([sys.executable, "-c", code, "report", *args], check=True, cwd=ROOT,
                   stdout=subprocess.DEVNULL)
    return time.perf_counter() - start


def quiet_report(paths: list[str], out: Path) -> None:
    with open(os.devnull, "w") as sink:
        stdout, sys.stdout = sys.stdout, sink
        try:
            run_report(paths, str(out), scenarios_dir())
        finally:
            sys.stdout = stdout


def make_cohorts(work: Path) -> tuple[list[Path], dict[int, Path]]:
    """One generated cohort of the largest size; smaller ones are its first n logs."""
    logs = generate_cohort(work / "logs", SIZES[-1], seed=SEED, players=SIZES[-1] // 4)
    subsets = {n: work / f"cohort_{n}" for n in SIZES}
    for n, folder in subsets.items():
        folder.mkdir()
        for path in logs[:n]:
            os.link(path, folder / path.name)
    print(f"{len(logs)} logs generated; cohorts of {', '.join(map(str, SIZES))} are prefixes")
    return logs, subsets


def bench_single(work: Path, log: Path) -> None:
    cold = fresh_process([str(log), "--out", str(work / "single_cold")])
    warm = timed(lambda: quiet_report([str(log)], work / "single_warm"))
    print(f"single-log report: {cold:.2f} s in a fresh process (target < 3 s), "
          f"{warm:.2f} s warm; fresh/warm {cold / warm:.1f}x")


def bench_cohorts(work: Path, logs: list[Path], subsets: dict[int, Path]) -> None:
    cold = fresh_process([str(subsets[200]), "--out", str(work / "cold_200")])
    print(f"cohort 200 logs, fresh process: {cold:.2f} s (includes imports and exact solves)")
    warm_up = timed(lambda: build_cohort(logs, load_library(scenarios_dir())))
    print(f"warm-up (solves and attitude estimates for all {len(logs)} logs): {warm_up:.2f} s")
    library = load_library(scenarios_dir())
    runs = {n: [timed_both(lambda n=n: quiet_report([str(subsets[n])], work / f"report_{n}"))
                for _ in range(REPEATS)] for n in SIZES}
    times = {n: min(wall for wall, _ in runs[n]) for n in SIZES}
    cpu = {n: min(c for _, c in runs[n]) for n in SIZES}
    for n in SIZES:
        files = sorted(subsets[n].iterdir())
        versions = len(build_cohort(files, library).groups)
        analysis = timed(lambda files=files: build_cohort(files, library))
        figures = len(list((work / f"report_{n}").glob("*.png")))
        print(f"cohort {n:>4} logs (warm, best of {REPEATS}): {times[n]:6.2f} s wall, "
              f"{cpu[n]:6.2f} s CPU ({1000 * times[n] / n:5.1f} ms per log); checking + "
              f"analysis alone {analysis:5.2f} s; {versions} versions, {figures} figures")
    for a, b in ((50, 200), (200, 800)):
        print(f"growth {b}/{a}: {times[b] / times[a]:.2f}x wall, {cpu[b] / cpu[a]:.2f}x CPU "
              f"for {b // a}x the logs")
    print(f"target 200 logs < 5 s (warm): {'met' if times[200] < 5 else 'NOT met'}; "
          f"fresh process / warm for 200: {cold / times[200]:.1f}x")


def main() -> int:
    print(f"load average before the run: {os.getloadavg()[0]:.2f} on {os.cpu_count()} CPUs "
          "(figures are CPU-bound: a busy machine inflates every absolute time)")
    work = Path(tempfile.mkdtemp(prefix="safetynet-bench-reports-"))
    try:
        logs, subsets = make_cohorts(work)
        bench_single(work, logs[0])
        bench_cohorts(work, logs, subsets)
    finally:
        if not os.environ.get("KEEP_BENCH_OUTPUT"):
            shutil.rmtree(work, ignore_errors=True)
        else:
            print(f"output kept in {work}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
