"""`replay --verify` speed as a multiple of real time, on the longest shipped vignette.

Real time is the session's own duration (its end tick at 10 ticks per second). Target:
verification at least 10,000x faster than playing.
"""

from __future__ import annotations

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
        start = time.perf_counter()
        for path, _ in paths:
            assert verify_log(str(path), catalogue.get).ok
        spent = time.perf_counter() - start
    real = sum(tick for _, tick in paths) / TICKS_PER_SECOND
    ratio = real / spent
    print(f"verified {len(paths)} logs of {longest.id}: {real:.0f} s of play in {spent:.3f} s")
    print(f"replay --verify speed = {ratio:,.0f}x real time (target >= 10,000x: "
          f"{'met' if ratio >= 10_000 else 'NOT met'})")


if __name__ == "__main__":
    main()
