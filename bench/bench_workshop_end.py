"""The workshop end screen's frame (the room's choices beside the optimal policy) against the
workshop vote's frame, measured side by side in one process and run.

The end screen stands still while the room discusses it, yet it measured its decision rows'
layouts (two forms at nine column splits per row, for paging and again for drawing) in every
frame: about 2 ms at 1280x720. Its page is now measured once per window size, text size,
language, rows and page (`end_draw.PageMemo`). Printed per configuration (dummy driver;
1280x720 and 1024x600; normal and Extra large text):

- the end screen's frame p50 as a ratio of the workshop vote's frame p50 (an ordinary busy
  projector frame: cue, five options with bars, votes), interleaved round by round so a
  busy moment hits both alike; target <= 1x;
- beside it, no target: the same end frame with its page measured afresh every frame (what
  it cost before the memo), as a ratio of the memoized one.

    SDL_VIDEODRIVER=dummy python bench/bench_workshop_end.py [--frames 120]
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")
os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")
ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

import pygame  # noqa: E402
from frame_scenes import interleaved, key_event, make_ctx, session, until  # noqa: E402

from game.content.catalogue import load_catalogue  # noqa: E402
from game.paths import scenarios_dir  # noqa: E402
from game.ui.shell.scene import SceneStack  # noqa: E402

SIZES = ((1280, 720), (1024, 600))
TEXT_SIZES = ("normal", "x-large")
TARGET = 1.0
"""The end screen's frame at most the vote's: it draws less (no picture, no bars moving)."""


def workshop(ctx, catalogue, log: str | None = None) -> SceneStack:
    """A workshop at its first vote, three votes entered (the vote frame measured); `log`:
    where it is recorded (the end screen reads the votes back from it)."""
    from game.app.workshop import Workshop
    from game.ui.workshop.play import WorkshopPlayScene
    stack = SceneStack()
    stack.push(WorkshopPlayScene(ctx, Workshop(catalogue.get("lumbar_puncture"),
                                               session(catalogue, "workshop", log))))
    until(stack, lambda s: getattr(s, "phase", "vote") == "vote")
    for key in (pygame.K_1, pygame.K_2, pygame.K_2):
        stack.handle(key_event(key))
    return stack


def end_screen(ctx, catalogue, log: str) -> SceneStack:
    """The same workshop played to its end (votes at every decision, the majority
    followed), then Enter: the end screen with its comparison computed."""
    from game.ui.workshop.end import WorkshopEndScene
    stack = workshop(ctx, catalogue, log)
    play = stack.top
    for _ in range(20_000):
        if play.phase == "ended":
            break
        if play.phase == "vote":
            for key in (pygame.K_2, pygame.K_2, pygame.K_r, pygame.K_RETURN):
                stack.handle(key_event(key))
        elif play.phase == "consequence":
            stack.handle(key_event(pygame.K_RETURN))
        else:
            stack.update(100)
    stack.handle(key_event(pygame.K_RETURN))
    end = stack.top
    assert isinstance(end, WorkshopEndScene), "the workshop never reached its end screen"
    end.wait()
    assert end.vm is not None and end.vm.rows, end.error or "no decision rows"
    return stack


def frame_of(surface: pygame.Surface, stack: SceneStack, fresh: bool = False):
    """A frame as the app draws it; `fresh`: with an empty memo of its own, so the end page
    is measured again (the memoized frames keep theirs)."""
    from game.ui.workshop.end_rows import PageMemo

    def frame() -> None:
        scene = stack.top
        kept = getattr(scene, "pages", None)
        if fresh:
            scene.pages = PageMemo()
        stack.update(16)
        stack.draw(surface)
        pygame.display.flip()
        if fresh:
            scene.pages = kept
    return frame


def measure(catalogue, size: tuple[int, int], text: str, frames: int, folder: Path) -> dict:
    surface = pygame.display.set_mode(size)
    ctx = make_ctx(catalogue, size, text)
    log = str(folder / f"end-{size[0]}-{text}.jsonl")
    vote, end = workshop(ctx, catalogue), end_screen(ctx, catalogue, log)
    return interleaved({"vote": frame_of(surface, vote), "end": frame_of(surface, end),
                        "end, measured afresh": frame_of(surface, end, fresh=True)}, frames)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--frames", type=int, default=120, help="frames per screen")
    args = parser.parse_args()
    pygame.display.init()
    pygame.font.init()
    catalogue = load_catalogue(scenarios_dir())
    with tempfile.TemporaryDirectory() as home:
        os.environ["SAFETYNET_HOME"] = home  # the sessions' logs go here, not the user's
        for size in SIZES:
            for text in TEXT_SIZES:
                r = measure(catalogue, size, text, args.frames, Path(home))
                vote, end, fresh = (r[k]["p50"] for k in ("vote", "end",
                                                          "end, measured afresh"))
                print(f"workshop end frame, {size[0]}x{size[1]}, {text}: p50 {end:.2f} ms = "
                      f"{end / vote:.2f}x the vote frame ({vote:.2f} ms); target <= "
                      f"{TARGET:g}x: {'met' if end <= TARGET * vote else 'NOT met'}; "
                      f"p99 {r['end']['p99']:.2f} ms")
                print(f"  {'':30} measured afresh every frame (before the memo): p50 "
                      f"{fresh:.2f} ms = {fresh / end:.1f}x the memoized frame")
                print(f"RESULT {size[0]}x{size[1]} {text} end/vote {end / vote:.3f} "
                      f"afresh/end {fresh / end:.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
