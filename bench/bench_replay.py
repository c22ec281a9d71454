"""`replay --verify` speed as a multiple of real time, on the longest shipped vignette.

Real time is the session's own duration (its end tick at 10 ticks per second). Target:
verification at least 10,000x faster than playing.
"""

from __future__ import annotations

import gc
import tempfile
import time
from pathlib import Path

from game.content.catalogue import load_catalogue
from game.core.model import TICKS_PER_SECOND
from game.core.state import SessionConfig
from game.headless import ScriptedPolicy, play_out
from game.paths import scenarios_dir
from game.replay.session import RecordedSession
from game.replay.verify import verify_log
from game.scoring.cache import KeyedCache
from game.scoring.params import ModelParams


def main() -> None:
    try:
        measure()
    except Exception as exc:  # noqa: BLE001 -- a bench says what it could not measure
        print(f"replay --verify speed NOT measured: {type(exc).__name__}: {exc}")


def measure() -> None:
    catalogue = load_catalogue(scenarios_dir())
    longest = max(catalogue.scenarios, key=lambda s: len(s.nodes))
    with tempfile.TemporaryDirectory() as tmp:
        paths = []
        for seed in range(20):
            path = Path(tmp) / f"s{seed}.jsonl"
            session = RecordedSession(longest, SessionConfig(longest.id, seed,
                                                             longest.trainees[0].id),
                                      ModelParams(), path)
            play_out(session, ScriptedPolicy("random", seed=seed))
            paths.append((path, session.state.tick))
        cold_caches()  # recording solved the vignette; a verifier starts without that
        spent = []
        for path, _ in paths:
            start = time.perf_counter()
            assert verify_log(str(path), catalogue.get).ok
            spent.append(time.perf_counter() - start)
    real = sum(tick for _, tick in paths) / TICKS_PER_SECOND
    ratio = real / sum(spent)
    first = paths[0][1] / TICKS_PER_SECOND / spent[0]
    print(f"verified {len(paths)} logs of {longest.id}: {real:.0f} s of play in "
          f"{sum(spent):.3f} s (solve caches cold at the first)")
    print(f"replay --verify speed = {ratio:,.0f}x real time (target >= 10,000x: "
          f"{'met' if ratio >= 10_000 else 'NOT met'}); the first log alone, which pays the "
          f"vignette's solve: {first:,.0f}x")


def cold_caches() -> None:
    """Forget every solve, as a fresh `replay --verify` process has none."""
    for obj in gc.get_objects():
        if isinstance(obj, KeyedCache):
            obj._items.clear()


if __name__ == "__main__":
    main()
