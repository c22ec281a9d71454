"""Frame cost of the busiest screen of each mode, as a ratio to a bare pygame loop.

Each frame is what the app does: update the top scene by 16 ms, draw the whole stack onto the
display surface, flip. The bare loop clears the display, blits one pre-rendered line of text
and flips. Screens and the bare loop are measured in interleaved rounds in the same run (the
machines are shared and noisy: ratios survive a busy neighbour, absolute times do not).

Screens: practice play at a decision with the meters shown (after a first choice, so the
narration is full), assessment play at a decision, and, when their modules import, the
workshop at its vote and the replay viewer (skipped with a note otherwise).

    SDL_VIDEODRIVER=dummy python bench/bench_frame.py [--frames 300]
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")
os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import pygame  # noqa: E402

from game.content.catalogue import load_catalogue  # noqa: E402
from game.core.commands import Intervene  # noqa: E402
from game.core.state import SessionConfig  # noqa: E402
from game.paths import scenarios_dir  # noqa: E402
from game.replay.session import RecordedSession  # noqa: E402
from game.scoring.params import ModelParams  # noqa: E402
from game.ui.kit.theme import make_theme  # noqa: E402
from game.ui.shell.context import Services, UiContext  # noqa: E402
from game.ui.shell.scene import Scene, SceneStack  # noqa: E402
from game.ui.shell.services import procedure_view  # noqa: E402

SIZE = (1280, 720)
FRAME_MS = 16
SCENARIO = "lumbar_puncture"
Frame = Callable[[], None]


def make_ctx(catalogue) -> UiContext:
    services = Services(catalogue=lambda: catalogue, start_session=None,  # type: ignore[arg-type]
                        procedure_view=procedure_view)
    return UiContext(make_theme(), services, SIZE)


def session(catalogue, mode: str, log: str | None = None) -> RecordedSession:
    scenario = catalogue.get(SCENARIO)
    config = SessionConfig(scenario.id, 7, scenario.trainees[0].id, "normal", mode)
    return RecordedSession(scenario, config, ModelParams(), log, player="bench")


def until(stack: SceneStack, done: Callable[[Scene], bool], limit: int = 20_000) -> None:
    for _ in range(limit):
        if done(stack.top):
            return
        stack.update(100)
    raise RuntimeError("the screen never reached the state to measure")


def practice_stack(ctx: UiContext, catalogue) -> SceneStack:
    from game.ui.play.play import PlayScene
    stack = SceneStack()
    stack.push(PlayScene(ctx, catalogue.get(SCENARIO), session(catalogue, "practice")))
    play = stack.top
    play.show_meters = True
    until(stack, lambda s: s.vm.phase == "decision")
    play.apply(Intervene(play.node_id, "watch"))
    until(stack, lambda s: s.vm.phase == "decision")
    play.resize()
    return stack


def assessment_stack(ctx: UiContext, catalogue) -> SceneStack:
    from game.ui.play.play import PlayScene
    stack = SceneStack()
    stack.push(PlayScene(ctx, catalogue.get(SCENARIO), session(catalogue, "assessment")))
    until(stack, lambda s: s.vm.phase == "decision")
    return stack


def workshop_stack(ctx: UiContext, catalogue) -> SceneStack:
    from game.ui.workshop.play import WorkshopPlayScene
    stack = SceneStack()
    stack.push(WorkshopPlayScene(ctx, catalogue.get(SCENARIO), session(catalogue, "workshop")))
    until(stack, lambda s: getattr(s, "phase", "vote") == "vote")  # frozen for the room
    for key in (pygame.K_1, pygame.K_2, pygame.K_2, pygame.K_3):  # a few votes in
        stack.handle(pygame.event.Event(pygame.KEYDOWN, key=key, mod=0, unicode="",
                                        scancode=0))
    return stack


def replay_stack(ctx: UiContext, catalogue, folder: str) -> SceneStack:
    from game.headless import ScriptedPolicy, play_out
    from game.ui.review.model import load_replay
    from game.ui.review.viewer import ReplayViewerScene
    log = str(Path(folder) / "bench.jsonl")
    play_out(session(catalogue, "practice", log), ScriptedPolicy("random", seed=3))
    stack = SceneStack()
    stack.push(ReplayViewerScene(ctx, load_replay(log, catalogue.get, ctx.t)))
    return stack


def bare_frame(surface: pygame.Surface, ctx: UiContext) -> Frame:
    text = ctx.theme.fonts.get(20).render("Safety Net: one line of text", True, (235, 238, 242))

    def frame() -> None:
        surface.fill((22, 27, 34))
        surface.blit(text, (40, 40))
        pygame.display.flip()
    return frame


def stack_frame(surface: pygame.Surface, stack: SceneStack) -> Frame:
    def frame() -> None:
        stack.update(FRAME_MS)
        stack.draw(surface)
        pygame.display.flip()
    return frame


def measure(frames: dict[str, Frame], total: int, rounds: int = 6) -> dict[str, list[float]]:
    """Milliseconds per frame, the candidates interleaved round by round."""
    times: dict[str, list[float]] = {name: [] for name in frames}
    per_round = max(1, total // rounds)
    for frame in frames.values():  # warm the text caches once
        for _ in range(5):
            frame()
    for _ in range(rounds):
        for name, frame in frames.items():
            for _ in range(per_round):
                start = time.perf_counter()
                frame()
                times[name].append((time.perf_counter() - start) * 1000)
    return times


def p(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--frames", type=int, default=300, help="frames per screen")
    args = parser.parse_args()
    pygame.display.init()
    pygame.font.init()
    surface = pygame.display.set_mode(SIZE)
    catalogue = load_catalogue(scenarios_dir())
    ctx = make_ctx(catalogue)
    frames: dict[str, Frame] = {"bare loop": bare_frame(surface, ctx)}
    with tempfile.TemporaryDirectory() as folder:
        os.environ.setdefault("SAFETYNET_HOME", folder)  # any result stays out of the player's
        builders = {
            "practice play, decision + meters": lambda: practice_stack(ctx, catalogue),
            "assessment play, decision": lambda: assessment_stack(ctx, catalogue),
            "workshop, first freeze / vote": lambda: workshop_stack(ctx, catalogue),
            "replay viewer": lambda: replay_stack(ctx, catalogue, folder),
        }
        for name, build in builders.items():
            try:
                frames[name] = stack_frame(surface, build())
            except Exception as exc:  # noqa: BLE001 -- a screen still being written is skipped
                print(f"skipped {name}: {type(exc).__name__}: {exc}")
        times = measure(frames, args.frames)
    base50, base99 = p(times["bare loop"], 0.5), p(times["bare loop"], 0.99)
    print(f"{SIZE[0]}x{SIZE[1]}, {args.frames} frames each, dummy video driver")
    print(f"{'screen':36} {'p50 ms':>8} {'p99 ms':>8} {'p50 ratio':>10} {'p99 ratio':>10}")
    for name, values in times.items():
        m50, m99 = p(values, 0.5), p(values, 0.99)
        print(f"{name:36} {m50:8.2f} {m99:8.2f} {m50 / base50:10.1f} {m99 / base99:10.1f}")
    print(f"(mean of the bare loop {statistics.fmean(times['bare loop']):.3f} ms)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
