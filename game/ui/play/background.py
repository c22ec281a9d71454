"""Work a finished vignette needs, done off the UI thread so the frame in which it ends is an
ordinary frame (issue 17: no solve, fsync or integrity check on the UI thread).

Two workers, both plain threads (the work is pure or I/O and hands back small values):

- `Prewarm` starts with the play scene and solves, in the background, what the end of the
  session will ask for: the episode score's solution at the session's risk weight and the
  estimator's weight grid for the revealed attitude (both pure functions of the vignette
  version and profile, kept in the scoring caches). A vignette lasts minutes; the solves take
  tens of milliseconds, so they are ready long before the end. If they are not (a very fast
  player), the end simply computes them itself, as before: the caches are thread-safe and a
  value computed twice in a race is the same value. As the session moves on it also analyses
  each decision point that opens, reviews each decision the path has passed (kept with the
  solution) and expands the situations the session's score walk meets next
  (`scoring.trace.TraceWalk.ahead`), so the end's score only looks them up. It is not woken
  in the end frame (every thread woken there competes with the frame for the interpreter):
  the scene stops it when it closes.
- `ResultSaver` first waits for the replay log's writer thread to write and fsync the end line
  (`LogWriter.in_background`), then writes the finished session to the history (the record,
  the SQLite write and its fsync, a retry while the database is busy) and keeps the
  `SaveReport` for the outcome screen, which says "Saving..." until it is there. The row is
  written only after the end line is on disk: a row for a log without its end would make the
  verifier call the end line removed. An end line that could not be written saves no row.

The saver's thread is started with the play scene and waits (`Standby`): starting a thread
in the end frame cost that frame the start handshake, in which the new thread holds the GIL
for up to the 5 ms switch interval (3-5 ms measured). A waiting thread must not hold a closed
game open, so it is a daemon; once it runs a save, the game waits for that save at exit (an
atexit join; the save is a single short transaction), so a result is never cut off halfway by
the player quitting. The prewarm is a daemon too (it only computes; nothing is lost).
"""

from __future__ import annotations

import atexit
import queue
import threading
import time
from collections.abc import Callable
from contextlib import suppress

from game.core.model import Scenario
from game.core.state import SessionState
from game.replay.recorder import LogWriter
from game.scoring.params import ModelParams
from game.scoring.trace import TraceWalk
from game.store.saving import SaveReport

NEXT_SCREENS = ("outcome", "entrustment-rating")
"""Imported while the vignette plays: opening the outcome cost 70-100 ms of imports."""


class Prewarm:
    """Solve ahead, in a background thread, what the end of a session will need: first the
    solution and the attitude grid, then the analysis of each decision point as it opens
    and its review once the path has gone past it (the end's score reviews every decision
    on the path; analyses and reviews are kept with the solution, so the score at the end
    finds them done)."""

    def __init__(self, scenario: Scenario, profile: str, params: ModelParams,
                 attitude: bool = True):
        self.seconds: float | None = None
        """How long the first solves took (None while they run): the frame bench prints it."""
        self.problem: str | None = None
        """Why prewarming failed (the end of the session then solves as before)."""
        self._args = (scenario, profile, params)
        self._moved: tuple[int, str] = (0, "")
        """The path's length and the node when the session was last followed."""
        self._queue: queue.SimpleQueue[tuple[str, tuple[str, ...]]
                                       | tuple[SessionState, TraceWalk] | None] = \
            queue.SimpleQueue()
        self._ready = threading.Event()
        # a daemon: pure computation whose loss at exit costs nothing
        self._thread = threading.Thread(target=self._run, args=(attitude,), daemon=True,
                                        name="safetynet-prewarm")
        self._thread.start()

    def decision(self, node: str, history: tuple[str, ...]) -> None:
        """A decision point opened after `history` (the path's step keys): analyse it."""
        self._queue.put((node, history))

    def follow(self, state: SessionState, walk: TraceWalk) -> None:
        """The session moved on: review the decisions on its path when the path has grown
        (`scoring.episode.review_decisions` keeps each review with the solution, so the
        end's score only looks them up) and expand what the score walk meets next
        (`TraceWalk.ahead`), so the frame in which the vignette ends only reads both."""
        moved = (len(state.history), state.node_id)
        if moved != self._moved:
            self._moved = moved
            self._queue.put((state, walk))

    def stop(self) -> None:
        self._queue.put(None)

    def _run(self, attitude: bool) -> None:
        start = time.perf_counter()
        try:
            from game.scoring.episode import review_decisions
            from game.scoring.solver import solve_cached
            solution = solve_cached(*self._args)
            if attitude:
                from game.scoring.attitude import grid_bests
                grid_bests(*self._args)
            import game.store.capture  # noqa: F401 -- first-use imports, off the frame:
            from game.ui.shell.screens import screen_class
            for screen in NEXT_SCREENS:  # the screens the end of a vignette leads to
                screen_class(screen)
        except Exception as exc:  # noqa: BLE001 -- a failed prewarm only loses the head start
            self.problem = f"{type(exc).__name__}: {exc}"
            return
        finally:
            self.seconds = time.perf_counter() - start
            self._ready.set()
        while (item := self._queue.get()) is not None:
            with suppress(Exception):  # a situation the model does not know: the end says
                if isinstance(item[0], SessionState):
                    review_decisions(solution, item[0])
                    item[1].ahead()
                else:
                    solution.at(*item)

    @property
    def done(self) -> bool:
        """The first solves are done (decisions are analysed as they open)."""
        return self._ready.is_set()

    def wait(self, timeout: float | None = None) -> bool:
        return self._ready.wait(timeout)


class Standby:
    """A thread started ahead of time that runs one call when given it (or ends unused)."""

    def __init__(self, name: str):
        self._call: Callable[[], None] | None = None
        self._go = threading.Event()
        self.thread = threading.Thread(target=self._run, name=name, daemon=True)
        self.thread.start()

    def _run(self) -> None:
        self._go.wait()
        if self._call is not None:
            try:
                self._call()
            finally:
                _RUNNING.discard(self.thread)

    def give(self, call: Callable[[], None]) -> bool:
        """Run `call` on this thread (False when it was already given one or released)."""
        if self._go.is_set():
            return False
        self._call = call
        _RUNNING.add(self.thread)
        self._go.set()
        return True

    def release(self) -> None:
        """Not needed after all (the player left mid-vignette): the thread ends."""
        self._go.set()


_RUNNING: set[threading.Thread] = set()
"""Standby threads given a save: waited for at exit (they are daemons)."""


@atexit.register
def _finish_saves() -> None:
    for thread in list(_RUNNING):
        thread.join()


class Worker:
    """Run one call in a background thread (a `Standby` one when given) and keep its
    result."""

    def __init__(self, call: Callable[[], object], name: str, standby: Standby | None = None):
        self.result: object = None
        self.error: BaseException | None = None
        self._call = call
        if standby is not None and standby.give(self._run):
            self._thread = standby.thread
        else:  # not a daemon: a game closed while it runs waits for it
            self._thread = threading.Thread(target=self._run, name=name)
            self._thread.start()

    def _run(self) -> None:
        try:
            self.result = self._call()
        except Exception as exc:  # noqa: BLE001 -- reported by the owner, never lost
            self.error = exc

    @property
    def done(self) -> bool:
        return not self._thread.is_alive()

    def wait(self, timeout: float | None = None) -> bool:
        self._thread.join(timeout)
        return self.done


class ResultSaver(Worker):
    """`store.results.save_result` for a finished session, in a background thread, once
    the log's end line is written (`log`: the session's writer, None for no log)."""

    def __init__(self, save: Callable[[], SaveReport], log: LogWriter | None = None,
                 standby: Standby | None = None):
        super().__init__(lambda: _after_log(log, save), "safetynet-save-result", standby)

    @property
    def report(self) -> SaveReport | None:
        """The save's report once it is done (None while it runs). An unexpected error in
        building the record becomes a report that says so: the log still has the session,
        and `safetynet history --rebuild` brings it back."""
        if not self.done:
            return None
        if self.error is not None:
            why = f"{type(self.error).__name__}: {self.error}"
            return SaveReport(False, f"the result could not be stored ({why}); its log keeps it")
        assert isinstance(self.result, SaveReport)
        return self.result


def _after_log(log: LogWriter | None, save: Callable[[], SaveReport]) -> SaveReport:
    """Save once the end line is on disk; nothing when it could not be written (the outcome
    then says "Not recorded", from the writer's `failed`)."""
    if log is not None:
        log.wait()
        if log.failed is not None:
            return SaveReport(False, None)
    return save()
