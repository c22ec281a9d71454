"""The measuring half of bench_frame.py: builds the screens and times frames in one process
whose SDL driver, window size and text size were fixed by the parent."""

from __future__ import annotations

import gc
import statistics
import time
from collections.abc import Callable
from pathlib import Path

import pygame

from game.config import Settings
from game.content.catalogue import load_catalogue
from game.core.state import SessionConfig
from game.paths import scenarios_dir
from game.replay.session import RecordedSession
from game.scoring.cache import KeyedCache
from game.scoring.params import ModelParams
from game.ui.kit.theme import make_theme
from game.ui.shell.context import Services, UiContext
from game.ui.shell.scene import Scene, SceneStack
from game.ui.shell.services import procedure_view

FRAME_MS = 16
SCENARIO = "lumbar_puncture"
SEED = 7
Frame = Callable[[], None]


def make_ctx(catalogue, size: tuple[int, int], text: str) -> UiContext:
    services = Services(catalogue=lambda: catalogue, start_session=None,  # type: ignore[arg-type]
                        procedure_view=procedure_view)
    ctx = UiContext(make_theme(), services, size)
    ctx.apply_settings(Settings(text_size=text))
    return ctx


def session(catalogue, mode: str, log: str | None = None) -> RecordedSession:
    scenario = catalogue.get(SCENARIO)
    config = SessionConfig(scenario.id, SEED, scenario.trainees[0].id, "normal", mode)
    return RecordedSession(scenario, config, ModelParams(), log, player="bench")


def until(stack: SceneStack, done: Callable[[Scene], bool], limit: int = 20_000) -> None:
    for _ in range(limit):
        if done(stack.top):
            return
        stack.update(100)
    raise RuntimeError("the screen never reached the state to measure")


def practice_stack(ctx: UiContext, catalogue, log: str | None = None) -> SceneStack:
    from game.ui.play.play import PlayScene
    stack = SceneStack()
    stack.push(PlayScene(ctx, catalogue.get(SCENARIO), session(catalogue, "practice", log)))
    stack.top.show_meters = True
    until(stack, lambda s: s.vm.phase == "decision")
    stack.top.resize()
    return stack


def workshop_stack(ctx: UiContext, catalogue) -> SceneStack:
    from game.app.workshop import Workshop
    from game.ui.workshop.play import WorkshopPlayScene
    stack = SceneStack()
    scenario = catalogue.get(SCENARIO)
    stack.push(WorkshopPlayScene(ctx, Workshop(scenario, session(catalogue, "workshop"))))
    until(stack, lambda s: getattr(s, "phase", "vote") == "vote")
    for key in (pygame.K_1, pygame.K_2, pygame.K_2, pygame.K_3):
        stack.handle(key_event(key))
    return stack


def replay_stack(ctx: UiContext, catalogue, folder: Path) -> SceneStack:
    from game.headless import ScriptedPolicy, play_out
    from game.ui.review.model import load_replay
    from game.ui.review.viewer import ReplayViewerScene
    log = str(folder / "bench.jsonl")
    play_out(session(catalogue, "practice", log), ScriptedPolicy("watch"))
    stack = SceneStack()
    stack.push(ReplayViewerScene(ctx, load_replay(log, catalogue.get, ctx.t)))
    return stack


def key_event(key: int) -> pygame.event.Event:
    return pygame.event.Event(pygame.KEYDOWN, key=key, mod=0, unicode=pygame.key.name(key),
                              scancode=0)


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


def timed(frame: Frame) -> float:
    start = time.perf_counter()
    frame()
    return (time.perf_counter() - start) * 1000


def timed_both(frame: Frame) -> tuple[float, float]:
    """Wall time and the UI thread's own CPU time of one frame (ms). On a shared machine the
    wall time carries the neighbours' load (waiting for a core); the CPU time is the work
    this thread did, so a ratio of CPU times survives load that a ratio of wall times
    does not. Background threads' work is in neither."""
    start, cpu = time.perf_counter(), time.thread_time()
    frame()
    return (time.perf_counter() - start) * 1000, (time.thread_time() - cpu) * 1000


def pct(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def interleaved(frames: dict[str, Frame], total: int, rounds: int = 4) -> dict[str, dict]:
    """p50/p99 per candidate, measured round by round so a busy moment hits all alike."""
    times: dict[str, list[float]] = {name: [] for name in frames}
    for frame in frames.values():
        for _ in range(5):
            frame()
    for _ in range(rounds):
        for name, frame in frames.items():
            times[name] += [timed(frame) for _ in range(max(1, total // rounds))]
    return {name: {"p50": pct(v, 0.5), "p99": pct(v, 0.99)} for name, v in times.items()}


def cold_caches() -> None:
    """Forget every solve and estimate, as on the first vignette after starting the game."""
    for obj in gc.get_objects():
        if isinstance(obj, KeyedCache):
            obj._items.clear()


LEAD_TICKS = 6
"""The timed frames start this many ticks (0.6 s of the vignette) before its end."""
AFTER_FRAMES = 30
"""...and go on this many frames after it (the background save lands within them)."""
FPS = 60
"""The timed frames are paced as the app paces them (`shell.app`: `clock.tick(60)` between
frames; the wait is not part of a frame). Threads woken by a frame (the log's writer, the
history save, the background analysis) run while the game waits for the next frame, as
they do in the game; work they do beyond that wait lands in the frames after, which are
printed."""


def end_of_vignette(surface: pygame.Surface, ctx: UiContext, catalogue, folder: Path,
                    repeats: int = 3) -> dict:
    """Watch a practice session to its end, as the first vignette after starting the game
    (every solve cache cold when the session starts, a fresh history file), `repeats` times.
    Timed: the frames from 0.6 s before the end to 0.5 s after it, paced at 60 fps like the
    app. Reported (medians over the repeats): the frame in which the session ends, the worst
    of the frames after it (the history save runs in a background thread meanwhile), the
    median play frame, and the p99 of the ordinary frames before the end (what the machine's
    noise alone gives); for the end frame and the median frame also the UI thread's CPU time.

    The play scene solves what the end needs in a background thread while the vignette
    plays (`ui.play.background.Prewarm`); fast-forwarding here takes far less time than
    the minutes a player spends, so each run waits for that prewarm before the timed frames
    and reports how long it took next to the vignette's real length."""
    runs = [_one_end(surface, ctx, catalogue, folder / f"end{n}.jsonl") for n in range(repeats)]
    out = {key: statistics.median(r[key] for r in runs)
           for key in ("end", "after", "median_play", "noise_p99", "prewarm_s", "end_cpu",
                       "median_cpu")}
    out["worst"] = out["end"]
    out.update(vignette_s=runs[0]["vignette_s"], saved=all(r["saved"] for r in runs))
    return out


def _one_end(surface: pygame.Surface, ctx: UiContext, catalogue, log: Path) -> dict:
    probe = session(catalogue, "practice")
    while not probe.finished:
        probe.advance(10)
    end_tick = probe.state.tick
    cold_caches()
    stack = practice_stack(ctx, catalogue, str(log))
    play = stack.top
    while play.session.state.tick < end_tick - LEAD_TICKS:
        release_card(stack, play)
        stack.update(100)
    prewarm = play.prewarm
    if prewarm is not None:
        prewarm.wait(60)
    step = stack_frame(surface, stack)

    def frame() -> None:
        release_card(stack, play)  # the player reads the last card and presses Enter
        step()
    times: list[float] = []
    cpu: list[float] = []
    ended: int | None = None
    clock = pygame.time.Clock()
    clock.tick(FPS)
    while len(times) < 2000 and (ended is None or len(times) - ended <= AFTER_FRAMES):
        wall, own = timed_both(frame)
        times.append(wall)
        cpu.append(own)
        clock.tick(FPS)
        if ended is None and play.session.finished:
            ended = len(times) - 1
    if ended is None:
        raise RuntimeError("the vignette did not end within the timed frames")
    saver = play.saver
    saved = saver is not None and saver.wait(30) and bool(saver.report and saver.report.saved)
    return {"end": times[ended], "after": max(times[ended + 1:]),
            "end_cpu": cpu[ended], "median_cpu": statistics.median(cpu),
            "median_play": statistics.median(times), "noise_p99": pct(times[:ended], 0.99),
            "prewarm_s": prewarm.seconds if prewarm is not None and prewarm.seconds else 0.0,
            "vignette_s": end_tick / 10, "saved": saved}


def release_card(stack: SceneStack, play) -> None:
    """Close a held consequence card with Enter, as a player does after reading it."""
    if play.card is not None:
        stack.handle(key_event(pygame.K_RETURN))


READ_FRAMES = 12
"""Frames (0.2 s at 60 fps) the player looks at an open decision before pressing a key."""


def input_frames(surface: pygame.Surface, ctx: UiContext, catalogue, folder: Path,
                 median_play: float, median_cpu: float) -> dict:
    """A decision key pressed and the frame drawn (the command's log line is handed to the
    log's writer thread), and beside it when that line was on disk (written and fsynced).
    As in the game, the session has been playing for a while when its first decision opens
    (the vignette's first solves are done: waited for, as in `end_of_vignette`), and the
    player reads the cue for a few paced frames before pressing."""
    worst, cpu, on_disk = [], [], []
    for n in range(3):
        stack = practice_stack(ctx, catalogue, str(folder / f"input{n}.jsonl"))
        play = stack.top
        if play.prewarm is not None:
            play.prewarm.wait(60)
        writer = play.session.writer
        frame = stack_frame(surface, stack)
        clock = pygame.time.Clock()
        for _ in range(READ_FRAMES):
            frame()
            clock.tick(FPS)
        start, own = time.perf_counter(), time.thread_time()
        stack.handle(key_event(pygame.K_2))
        frame()
        worst.append((time.perf_counter() - start) * 1000)
        cpu.append((time.thread_time() - own) * 1000)
        writer.flush()
        on_disk.append((time.perf_counter() - start) * 1000)
    return {"worst": max(worst), "median_play": median_play, "on_disk": max(on_disk),
            "cpu": max(cpu), "median_cpu": median_cpu}


def measure_config(size: tuple[int, int], text: str, frames: int) -> dict:
    import tempfile
    pygame.display.init()
    pygame.font.init()
    surface = pygame.display.set_mode(size)
    catalogue = load_catalogue(scenarios_dir())
    ctx = make_ctx(catalogue, size, text)
    result: dict = {}
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        candidates: dict[str, Frame] = {"bare": bare_frame(surface, ctx)}
        builders = {"practice play, decision + meters": lambda: practice_stack(ctx, catalogue),
                    "workshop, vote": lambda: workshop_stack(ctx, catalogue),
                    "replay viewer": lambda: replay_stack(ctx, catalogue, folder)}
        for name, build in builders.items():
            try:
                candidates[name] = stack_frame(surface, build())
            except Exception as exc:  # noqa: BLE001 -- a broken screen is reported, not fatal
                result.setdefault("skipped", {})[name] = f"{type(exc).__name__}: {exc}"
        measured = interleaved(candidates, frames)
        result["bare"] = measured.pop("bare")
        result["screens"] = measured
        for key, run in (("end", lambda: end_of_vignette(surface, ctx, catalogue, folder)),):
            try:
                result[key] = run()
            except Exception as exc:  # noqa: BLE001
                result[key + "_error"] = f"{type(exc).__name__}: {exc}"
        median = result.get("end", {}).get("median_play") or \
            measured.get("practice play, decision + meters", {}).get("p50", 0.0)
        median_cpu = result.get("end", {}).get("median_cpu", 0.0)
        try:
            result["input"] = input_frames(surface, ctx, catalogue, folder, median, median_cpu)
        except Exception as exc:  # noqa: BLE001
            result["input_error"] = f"{type(exc).__name__}: {exc}"
    return result


__all__ = ["measure_config"]
