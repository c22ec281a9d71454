"""History and Progress open time at 50, 800 and 3,200 sessions, against reading the rows.

What is timed is what a player pays when the screen opens: the real scene is built (database
read, rows or pages turned into view models) and its first frame drawn, in a pygame window
of 1280x720 (dummy video driver). The History screen reads every session of the machine
without their moments and lists a log for each (3,200 files in the logs folder); Progress
reads the profile's sessions with their moments, then computes progress, tendencies,
calibration and What next over the shipped library.

The baseline, measured side by side in the same run, is the least each screen must do:
open the SQLite file and fetch the same rows as plain tuples (History: every row without
the moments; Progress: the profile's rows). Each figure is the best of many runs, the
actions taken in turn so a busy neighbour slows all of them alike; CPU time is the figure
judged (the machine is shared: wall time includes waiting for a core), wall time is shown.

Targets (issue 15): under 100 ms at 3,200 sessions, and no more than linear growth: time
per 4x sessions at most 4.4x (10 % allowed for noise).

    python bench/bench_history.py
"""

from __future__ import annotations

import os
import sqlite3
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import NoReturn

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")
os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import pygame  # noqa: E402

from game import paths  # noqa: E402
from game.content.catalogue import Catalogue, load_catalogue  # noqa: E402
from game.store.db import connect  # noqa: E402
from game.store.records import COLUMNS  # noqa: E402
from game.ui.kit.theme import make_theme  # noqa: E402
from game.ui.shell.context import Services, UiContext  # noqa: E402
from tests.store.generate import Habits, history  # noqa: E402

SIZES = (50, 800, 3200)
TARGET_MS = 100.0
LINEAR = 4.4
REPEATS = 25
PLAYER = "sup-bench"
WINDOW = (1280, 720)


def build(home: Path, count: int, library: Catalogue) -> None:
    """A player folder: the history database, a log file per session, the player id."""
    home.mkdir(parents=True)
    ids = tuple(s.id for s in library.scenarios)
    records = history(count, Habits(scenarios=ids), player=PLAYER)
    with connect(home / "history.sqlite") as h:
        h.add_many(records)
    logs = home / "logs"
    logs.mkdir()
    for record in records:  # never read while listing; they need only be there
        (logs / record.log_file).touch()
    (home / "player_id").write_text(PLAYER + "\n", encoding="utf-8")


def rows(where: str, columns: str) -> Callable[[], None]:
    def read() -> None:
        connection = sqlite3.connect(paths.user_data_dir() / "history.sqlite")
        connection.execute(f"SELECT {columns} FROM sessions {where} ORDER BY started_at, id",
                           (PLAYER,) if where else ()).fetchall()
        connection.close()
    return read


def screen(name: str, ctx: UiContext, surface: pygame.Surface) -> Callable[[], None]:
    """Open the screen called `name` as the game does, and draw its first frame."""
    from game.ui.shell.screens import open_screen

    def opened() -> None:
        scene = open_screen(name, ctx)
        scene.resize()
        scene.draw(surface)
    return opened


def timed(actions: dict[str, Callable[[], None]]) -> dict[str, tuple[float, float]]:
    """(best CPU ms, best wall ms) per action, the actions taken in turn."""
    best: dict[str, tuple[float, float]] = {n: (float("inf"), float("inf")) for n in actions}
    for _ in range(REPEATS):
        for name, action in actions.items():
            cpu, wall = time.process_time(), time.perf_counter()
            action()
            cpu, wall = time.process_time() - cpu, time.perf_counter() - wall
            best[name] = (min(best[name][0], cpu * 1000), min(best[name][1], wall * 1000))
    return best


def measure(tmp: Path, library: Catalogue) -> dict[int, dict[str, tuple[float, float]]]:
    pygame.display.init()
    pygame.font.init()
    surface = pygame.display.set_mode(WINDOW)
    services = Services(catalogue=lambda: library, start_session=_never,
                        procedure_view=lambda _name: None)
    no_moments = ", ".join(c if c != "interventions" else "'[]'" for c in COLUMNS)
    results = {}
    for size in SIZES:
        home = tmp / f"home-{size}"
        build(home, size, library)
        os.environ["SAFETYNET_HOME"] = str(home)
        ctx = UiContext(make_theme(), services, WINDOW)
        results[size] = timed({
            "History rows": rows("", no_moments),
            "History": screen("history", ctx, surface),
            "Progress rows": rows("WHERE player = ?", "*"),
            "Progress": screen("progress", ctx, surface)})
    pygame.quit()
    return results


def _never(*_args: object) -> NoReturn:
    raise AssertionError("the benchmark starts no session")


def report(results: dict[int, dict[str, tuple[float, float]]]) -> bool:
    print(f"{'sessions':>8} {'screen':>9} {'rows ms':>8} {'screen ms':>10} {'ratio':>6} "
          f"{'(wall ms)':>10}")
    for size in SIZES:
        for name in ("History", "Progress"):
            base, (cpu, wall) = results[size][f"{name} rows"][0], results[size][name]
            print(f"{size:>8} {name:>9} {base:>8.2f} {cpu:>10.2f} {cpu / base:>6.1f} "
                  f"{wall:>10.2f}")
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    print(f"(CPU time, best of {REPEATS}; machine load average {load:.1f} on "
          f"{os.cpu_count()} cores while measuring)")
    ok = True
    for name in ("History", "Progress"):
        at_max = results[SIZES[-1]][name][0]
        growth = at_max / results[SIZES[-2]][name][0]
        rows_growth = results[SIZES[-1]][f"{name} rows"][0] / \
            results[SIZES[-2]][f"{name} rows"][0]
        met = at_max < TARGET_MS and growth <= LINEAR
        ok &= met
        print(f"{name} open at {SIZES[-1]:,} sessions: {at_max:.1f} ms (target < "
              f"{TARGET_MS:.0f} ms); growth per 4x sessions {growth:.2f}x (target <= "
              f"{LINEAR}x; reading its rows alone grew {rows_growth:.2f}x): "
              f"{'met' if met else 'NOT MET'}")
    return ok


def main() -> int:
    library = load_catalogue(paths.scenarios_dir())
    with tempfile.TemporaryDirectory() as tmp:
        results = measure(Path(tmp), library)
    return 0 if report(results) else 1


if __name__ == "__main__":
    sys.exit(main())
