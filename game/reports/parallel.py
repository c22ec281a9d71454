"""Running independent report jobs in forked worker processes (figures, attitude estimates).

Jobs are closures over report data (content models hold read-only mappings that do not
pickle), so workers get an *index* into a module list their fork inherited and return the
result. Fork is used only on Linux; elsewhere, or with SAFETYNET_REPORT_WORKERS=1, jobs run in
turn. Kept apart from figkit so that analysis does not import matplotlib.

Forking is also refused while any other thread runs in this process (the game's background
solves and saves, a learning-records sender, a test's leftovers): a child gets a copy of
every lock as it was at the fork, and one held by another thread at that moment (a solve
cache's lock, say) is held forever in the child, which then hangs. Seen in the test suite:
a cohort report's worker hung for the whole test timeout. `safetynet report` runs no other
thread, so it keeps its workers.
"""

from __future__ import annotations

import multiprocessing
import os
import sys
import threading
from collections.abc import Callable, Sequence
from typing import TypeVar, cast

T = TypeVar("T")
Job = Callable[[], T]
_JOBS: Sequence[Callable[[], object]] = []
MAX_WORKERS = 4


def workers_for(jobs: int) -> int:
    """How many processes to use: the env override, else the CPUs we may use (<= 4)."""
    override = os.environ.get("SAFETYNET_REPORT_WORKERS", "")
    if override.isdigit() and int(override) > 0:
        wanted = int(override)
    else:
        usable = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (
            os.cpu_count() or 1)
        wanted = min(usable, MAX_WORKERS)
    can_fork = sys.platform.startswith("linux") and \
        "fork" in multiprocessing.get_all_start_methods() and threading.active_count() == 1
    return max(1, min(wanted, jobs)) if can_fork else 1


def _run(index: int) -> object:
    return _JOBS[index]()


def run_jobs(jobs: Sequence[Callable[[], T]]) -> list[T]:
    """Run every job and return their results in order (each result must pickle: a figure's
    file name, or small values such as attitude estimates)."""
    global _JOBS
    workers = workers_for(len(jobs))
    if workers < 2:
        return [job() for job in jobs]
    _JOBS = jobs
    try:
        with multiprocessing.get_context("fork").Pool(workers) as pool:
            # `_run` reaches the jobs through a module global (closures do not pickle), so
            # its static type cannot carry T; each result is what `jobs[i]()` returned.
            return cast(list[T], pool.map(_run, range(len(jobs)), chunksize=1))
    finally:
        _JOBS = []
