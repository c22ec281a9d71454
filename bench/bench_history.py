"""History and Progress open time at 50, 800 and 3,200 sessions, against reading the rows.

The baseline, measured side by side in the same run, is the least any screen must do: open
the SQLite file and fetch the same rows as plain tuples. "History" is the read API the
History screen uses (`store.listing.recorded_sessions` without the intervention moments,
which the list does not show: open, schema check, pending queue check, records).
"Progress" is what the Progress screen computes on open: the records, then progress,
tendencies, calibration and the What next recommendation over a 16-vignette library.
Targets (issue 15): under 100 ms at 3,200 sessions, and no more than linear growth (time
per 4x sessions at most 4.4x, 10 % allowed for noise).
"""

from __future__ import annotations

import os
import sqlite3
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from game.app.calibration import calibration  # noqa: E402
from game.app.progress import progress  # noqa: E402
from game.app.recommend import Vignette, recommend  # noqa: E402
from game.store.db import connect  # noqa: E402
from game.store.listing import recorded_sessions  # noqa: E402
from tests.store.generate import CATEGORIES, Habits, history  # noqa: E402

SIZES = (50, 800, 3200)
TARGET_MS = 100.0
LINEAR = 4.4
PLAYER = "sup-bench"
TRAINEES = (("confident_junior", "c"), ("anxious_junior", "a"), ("senior", "s"))
LIBRARY = [Vignette(f"v{n}", f"V{n}", CATEGORIES[n % 6], ("direct", "indirect",
                                                          "distant")[n % 3], TRAINEES)
           for n in range(16)]


def build(folder: Path, count: int) -> Path:
    path = folder / f"history-{count}.sqlite"
    records = history(count, Habits(scenarios=tuple(v.id for v in LIBRARY)), player=PLAYER)
    with connect(path) as h:
        h.add_many(records)
    return path


def baseline(path: Path) -> None:
    connection = sqlite3.connect(path)
    connection.execute("SELECT * FROM sessions WHERE player = ? ORDER BY started_at, id",
                       (PLAYER,)).fetchall()
    connection.close()


def history_screen(path: Path) -> None:
    listing = recorded_sessions(PLAYER, path, moments=False)
    assert listing.problem is None, listing.problem


def progress_screen(path: Path) -> None:
    records = recorded_sessions(PLAYER, path).records
    calibration(records)
    recommend(LIBRARY, records, progress(records))


def timed(actions: dict, path: Path, repeats: int = 15) -> dict[str, float]:
    """Best of `repeats` wall times in ms per action, the actions taken in turn so that a
    busy neighbour slows all of them alike (the machine is shared)."""
    times: dict[str, list[float]] = {name: [] for name in actions}
    for _ in range(repeats):
        for name, action in actions.items():
            start = time.perf_counter()
            action(path)
            times[name].append((time.perf_counter() - start) * 1000)
    return {name: min(t) for name, t in times.items()}


def main() -> int:
    results: dict[str, dict[int, float]] = {"rows": {}, "History": {}, "Progress": {}}
    with tempfile.TemporaryDirectory() as tmp:
        for size in SIZES:
            path = build(Path(tmp), size)
            best = timed({"rows": baseline, "History": history_screen,
                          "Progress": progress_screen}, path)
            for name, ms in best.items():
                results[name][size] = ms
    print(f"{'sessions':>8} {'rows ms':>8} {'History ms':>11} {'ratio':>6} "
          f"{'Progress ms':>12} {'ratio':>6}")
    for size in SIZES:
        base = results["rows"][size]
        print(f"{size:>8} {base:>8.2f} {results['History'][size]:>11.2f} "
              f"{results['History'][size] / base:>6.1f} {results['Progress'][size]:>12.2f} "
              f"{results['Progress'][size] / base:>6.1f}")
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    print(f"(machine load average {load:.1f} on {os.cpu_count()} cores while measuring: "
          "the ratios hold under load, the absolute times do not)")
    ok = True
    for name in ("History", "Progress"):
        at_max = results[name][SIZES[-1]]
        growth = at_max / results[name][SIZES[-2]]
        met = at_max < TARGET_MS and growth <= LINEAR
        ok &= met
        print(f"{name} open at {SIZES[-1]:,} sessions: {at_max:.1f} ms (target < "
              f"{TARGET_MS:.0f} ms); growth per 4x sessions {growth:.2f}x (target <= "
              f"{LINEAR}x): {'met' if met else 'NOT MET'}")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
