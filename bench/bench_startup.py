"""Start-up to the first frame: `safetynet play` against a bare pygame window, side by side.

Both run as fresh processes, alternately, five times each; the figure is the ratio of the
medians (target <= 2x). The game is timed from process start to its first
`pygame.display.flip()` (a wrapper exits there); the bare window imports pygame, opens a
1280x720 window, renders one line of text and flips. The game's heavy modules already
imported at its first frame are listed: the title needs none of them (docs/quality.md names
the imports that would have to become lazy).

    python bench/bench_startup.py
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RUNS = 5
TARGET = 2.0
HEAVY = ("numpy", "yaml", "pydantic", "matplotlib", "jinja2", "cryptography", "sqlite3")

BARE = """
import pygame
pygame.display.init()
pygame.font.init()
surface = pygame.display.set_mode((1280, 720))
surface.blit(pygame.font.Font(None, 24).render("Safety Net", True, (255, 255, 255)), (40, 40))
pygame.display.flip()
"""

GAME = """
import os, sys
import pygame
_flip = pygame.display.flip
def flip(*args):
    _flip(*args)
    heavy = sorted({m.split(".")[0] for m in sys.modules} & set(HEAVY))
    print("HEAVY " + " ".join(heavy), flush=True)
    os._exit(0)
pygame.display.flip = flip
from game.cli import main
main(["play"])
print("HEAVY never flipped", flush=True)
""".replace("HEAVY)", repr(HEAVY) + ")", 1)


def run(code: str, env: dict[str, str]) -> tuple[float, str]:
    start = time.perf_counter()
    proc = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True,
                          text=True, timeout=120, cwd=ROOT)
    spent = time.perf_counter() - start
    heavy = next((line[6:] for line in proc.stdout.splitlines() if line.startswith("HEAVY ")),
                 "")
    return spent, heavy


def main() -> int:
    env = {**os.environ, "PYTHONPATH": str(ROOT), "PYGAME_HIDE_SUPPORT_PROMPT": "1",
           "SDL_AUDIODRIVER": "dummy"}
    env.setdefault("SDL_VIDEODRIVER", "dummy")
    # A player's Python keeps compiled bytecode (pip compiles site-packages at install; the
    # game's own modules are cached on their first run). With PYTHONDONTWRITEBYTECODE set, as
    # on some build machines, the game would recompile every module at every start while
    # pygame's bytecode is already there: not what a player pays.
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    bare, game, heavy = [], [], ""
    with tempfile.TemporaryDirectory() as home:
        env["SAFETYNET_HOME"] = home
        # A returning player: the tutorial (which opens over the title on the very first
        # start and needs the library) has been seen. The first run creates the caches and
        # the player id a player would have.
        Path(home, "settings.json").write_text('{"tutorial_seen": true}', encoding="utf-8")
        run(GAME, env)
        for _ in range(RUNS):
            bare.append(run(BARE, env)[0])
            spent, heavy = run(GAME, env)
            game.append(spent)
    b, g = statistics.median(bare), statistics.median(game)
    ratio = g / b
    print(f"start-up to first frame ({env['SDL_VIDEODRIVER']} driver, median of {RUNS}): "
          f"game {g:.2f} s, bare pygame window {b:.2f} s: {ratio:.1f}x "
          f"(target <= {TARGET:g}x: {'met' if ratio <= TARGET else 'NOT met'})")
    print(f"heavy modules imported before the first frame: {heavy or 'none'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
