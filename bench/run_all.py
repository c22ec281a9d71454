"""`make bench`: run every bench/bench_*.py script in turn; each prints its figures with
their targets and met / NOT met (docs/quality.md lists them all).

Benchmarks compare measurements taken side by side in one run, because the machines are
shared and noisy: a ratio survives a busy neighbour, an absolute time does not. The whole run
has a target too: under 5 minutes, printed at the end with each script's share.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent


def main() -> int:
    env = {**os.environ, "PYTHONPATH": str(HERE.parent)}
    env.setdefault("SDL_VIDEODRIVER", "dummy")
    env.setdefault("SDL_AUDIODRIVER", "dummy")
    # Measure what a player pays: their Python keeps compiled bytecode (see bench_startup).
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    failed, spent = [], {}
    start = time.perf_counter()
    for script in sorted(HERE.glob("bench_*.py")):
        print(f"\n=== {script.name}", flush=True)
        began = time.perf_counter()
        if subprocess.run([sys.executable, str(script)], env=env).returncode != 0:
            failed.append(script.name)
        spent[script.name] = time.perf_counter() - began
    total = time.perf_counter() - start
    print("\n=== make bench: " + ", ".join(f"{k} {v:.0f} s" for k, v in spent.items()))
    print(f"whole run {total:.0f} s (load {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs); "
          f"target < 300 s: {'met' if total < 300 else 'NOT met'}")
    if failed:
        print(f"failed: {', '.join(failed)}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
