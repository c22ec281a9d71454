"""Report speed, cold: `safetynet report` in a fresh process with a fresh home folder, as a
facilitator runs it (imports, library parse, verification, exact solves, figures: all in).

Figures and targets:
- one debrief report (one log): under 3 s;
- a cohort report of 200 generated logs: under 5 s;
- growth per 4x logs (50 -> 200 -> 800): printed, target under 4x (the figures are bounded by
  scenario versions, so the cost must grow less than the number of logs).
Wall time depends on what else the machine runs, so the CPU seconds (process and workers)
and the load average are printed beside each wall time; judge a NOT met on a busy machine
by them. All sizes are measured in this one run.

    python bench/bench_reports.py
"""

from __future__ import annotations

import atexit
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

SIZES = (50, 200, 800)
SEED = 20240
CODE = "import sys; from game.cli import main; sys.exit(main(sys.argv[1:]))"


def cold_report(args: list[str], work: Path) -> tuple[float, float]:
    """(wall, CPU) seconds of `safetynet report ARGS` in a new interpreter and a new home."""
    home = Path(tempfile.mkdtemp(dir=work, prefix="home-"))
    env = {**os.environ, "SAFETYNET_HOME": str(home), "PYTHONPATH": str(ROOT)}
    env.pop("MPLCONFIGDIR", None)
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run([sys.executable, "-c", CODE, "report", *args], check=True, cwd=ROOT,
                   env=env, stdout=subprocess.DEVNULL)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu


def ram_dir() -> str | None:
    """/dev/shm when it is a writable folder (Linux), else the default temporary folder."""
    shm = Path("/dev/shm")
    return str(shm) if shm.is_dir() and os.access(shm, os.W_OK) else None


def make_cohorts(work: Path) -> dict[int, Path]:
    """One generated cohort of the largest size; smaller ones are its first n logs.

    Generation is not measured, so it writes to a RAM folder (`ram_dir`), sparing the
    fsync of every log line; the reports read the logs (from memory, as they would a file
    just written) and write their output to the real disk."""
    from tests.fixtures_cohort import generate_cohort
    work = Path(tempfile.mkdtemp(prefix="safetynet-bench-cohort-", dir=ram_dir()))
    atexit.register(shutil.rmtree, work, True)
    logs = generate_cohort(work / "logs", SIZES[-1], seed=SEED, players=SIZES[-1] // 4)
    subsets = {n: work / f"cohort_{n}" for n in SIZES}
    for n, folder in subsets.items():
        folder.mkdir()
        for path in logs[:n]:
            os.link(path, folder / path.name)
    return subsets


def verdict(ok: bool) -> str:
    return "met" if ok else "NOT met"


def load() -> str:
    return f"load {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs"


def main() -> int:
    work = Path(tempfile.mkdtemp(prefix="safetynet-bench-reports-"))
    try:
        try:
            subsets = make_cohorts(work)
        except Exception as exc:  # noqa: BLE001 -- say so instead of a traceback
            print(f"report figures NOT measured: the cohort could not be generated "
                  f"({type(exc).__name__}: {exc})")
            return 1
        first = sorted(subsets[SIZES[0]].iterdir())[0]
        wall, cpu = cold_report([str(first), "--out", str(work / "single")], work)
        print(f"single-log report, cold: {wall:.2f} s wall, {cpu:.2f} s CPU ({load()}); "
              f"target < 3 s: {verdict(wall < 3)}")
        times = {}
        for n in SIZES:
            times[n] = cold_report([str(subsets[n]), "--out", str(work / f"out{n}")], work)
            print(f"cohort report of {n:>3} logs, cold: {times[n][0]:6.2f} s wall, "
                  f"{times[n][1]:6.2f} s CPU ({load()})"
                  + (f"; target < 5 s: {verdict(times[n][0] < 5)}" if n == 200 else ""))
        for a, b in zip(SIZES, SIZES[1:]):
            growth, cpu_growth = times[b][0] / times[a][0], times[b][1] / times[a][1]
            print(f"growth {a} -> {b} logs ({b // a}x): {growth:.2f}x wall, {cpu_growth:.2f}x "
                  f"CPU; target < {b // a}x: {verdict(growth < b // a)}")
    finally:
        if os.environ.get("KEEP_BENCH_OUTPUT"):
            print(f"output kept in {work}")
        else:
            shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
