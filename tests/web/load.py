"""The workshop under load: many phones vote and change their votes while the projector draws.

`run_load` starts a workshop on the tiny test vignette with the room server on 127.0.0.1,
runs the simulated phones in their own process (tests/web/phones.py), and draws the
projector in this thread frame after frame the whole time. It returns what a facilitator
would care about: every vote counted once, a dropped phone keeping its one vote, how long a
vote took to reach the projector's count, and what the load did to the projector's frames.

Vote -> projector latency is measured conservatively: from the moment the phone sent the vote
to the end of the first frame that *started* after the server had answered (so that frame
had certainly read the vote). It overstates the true delay by up to one frame.
"""

from __future__ import annotations

import json
import queue
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol

from game.app.room import Room
from game.app.room_link import RoomLink
from game.app.sessions import Launch, start_session
from game.app.workshop import Workshop
from game.web.server import RoomServer
from tests.inline import TINY_YAML, load_text

ROOT = Path(__file__).resolve().parents[2]


class Projector(Protocol):
    def frame(self) -> int:
        """Update and draw one frame; returns the "have voted" count it showed."""


ProjectorFactory = Callable[[Workshop, Room, RoomLink, RoomServer], Projector]


@dataclass
class LoadResult:
    phones: int
    votes_ok: int = 0
    refused: int = 0
    lost: int = 0
    """Phones whose last accepted vote is not the room's record for their token."""
    doubled: int = 0
    """Ballots beyond one per phone, or counts that do not add up to the phones."""
    rejoin_changed_token: int = 0
    reveal_missed: int = 0
    latencies_ms: list[float] = field(default_factory=list)
    frames_ms: list[float] = field(default_factory=list)
    shown_at_end: int = 0
    side_cpu_ms: float = 0.0
    """CPU time the projector's process spent outside the projector's thread while the phones
    voted: the phone server's work there, which competes with the frames for the GIL. A
    machine's other load does not change it, unlike the frame times."""


def pct(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))] if ordered else 0.0


def workshop_at_vote(tmp: Path) -> Workshop:
    scenario = load_text(TINY_YAML)
    session = start_session(scenario, "junior", "workshop", "normal", Launch(11),
                            risk_weight=2.0, client="load")
    w = Workshop(scenario, session, new_log=lambda sid, folder: folder / f"{sid}-b.jsonl")
    while w.phase == "running":
        w.advance(1)
    return w


def _reader(stream, lines: queue.Queue) -> None:
    for line in stream:
        lines.put(line)


def _frames_until(projector: Projector, frames: list[tuple[float, float, int]],
                  done: Callable[[], bool], limit_s: float) -> None:
    """Draw at ~60 frames a second until `done()` (or the time limit)."""
    end = time.monotonic() + limit_s
    while not done() and time.monotonic() < end:
        start = time.monotonic()
        shown = projector.frame()
        finish = time.monotonic()
        frames.append((start, finish, shown))
        time.sleep(max(0.0, 1 / 60 - (finish - start)))


def run_load(make_projector: ProjectorFactory, phones: int = 60, changes: int = 3,
             drop_every: int = 5, seed: int = 1, limit_s: float = 90.0,
             in_thread: bool = False) -> LoadResult:
    """`in_thread`: the phone server in a thread of this process (the benchmark's baseline)
    instead of its own process."""
    import tempfile
    with tempfile.TemporaryDirectory() as tmp:
        w = workshop_at_vote(Path(tmp))
        room = Room(secret=b"load" * 8)
        link = RoomLink(w, room)
        server = RoomServer(room, host="127.0.0.1", port=0, join_burst=2 * phones + 10,
                            in_thread=in_thread)
        server.start()
        try:
            projector = make_projector(w, room, link, server)
            cpu, mine = time.process_time(), time.thread_time()
            result = _drive(w, room, projector, server, phones, changes, drop_every, seed,
                            limit_s)
            result.side_cpu_ms = 1000 * ((time.process_time() - cpu)
                                         - (time.thread_time() - mine))
            return result
        finally:
            server.stop()
            w.close()


def _drive(w: Workshop, room: Room, projector: Projector, server: RoomServer, phones: int,
           changes: int, drop_every: int, seed: int, limit_s: float) -> LoadResult:
    assert w.ballot is not None
    cmd = [sys.executable, "-m", "tests.web.phones", server.url, room.code, w.ballot.decision,
           ",".join(w.ballot.options), str(phones), str(changes), str(drop_every), str(seed)]
    proc = subprocess.Popen(cmd, cwd=ROOT, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                            text=True)
    lines: queue.Queue = queue.Queue()
    threading.Thread(target=_reader, args=(proc.stdout, lines), daemon=True).start()
    said: list[str] = []

    def heard(word: str) -> Callable[[], bool]:
        def check() -> bool:
            while not lines.empty():
                said.append(lines.get().strip())
            return word in said or proc.poll() is not None
        return check

    frames: list[tuple[float, float, int]] = []
    try:
        _frames_until(projector, frames, heard("voted"), limit_s)
        settle = time.monotonic() + 0.3
        _frames_until(projector, frames, lambda: time.monotonic() > settle, 1.0)
        shown = frames[-1][2] if frames else 0
        with w.lock:
            counts = dict(w.ballot.vote.counts) if w.ballot else {}
            votes = dict(room.current.votes) if room.current else {}
            w.toggle_reveal()
        assert proc.stdin is not None
        proc.stdin.write("revealed\n")
        proc.stdin.flush()
        _frames_until(projector, frames, lambda: proc.poll() is not None, limit_s)
        heard("")()
    finally:
        if proc.poll() is None:
            proc.kill()
    report = json.loads(said[-1])
    return _judge(report, counts, votes, frames, shown, phones)


def _judge(report: dict[str, Any], counts: dict[str, int], votes: dict[str, str],
           frames: list[tuple[float, float, int]], shown: int, phones: int) -> LoadResult:
    result = LoadResult(phones, shown_at_end=shown)
    result.frames_ms = [(b - a) * 1000 for a, b, _ in frames]
    starts = [a for a, _, _ in frames]
    import bisect
    for phone in report["phones"]:
        token = phone["tokens"][-1]
        result.rejoin_changed_token += len(set(phone["tokens"])) - 1
        if votes.get(token) != phone["final"]:
            result.lost += 1
        result.reveal_missed += phone["seen"] != "reveal"
        for vote in phone["votes"]:
            if vote["status"] != 200:
                result.refused += 1
                continue
            result.votes_ok += 1
            i = bisect.bisect_left(starts, vote["done"])
            if i < len(frames):
                result.latencies_ms.append((frames[i][1] - vote["sent"]) * 1000)
    result.doubled = max(0, len(votes) - phones) + abs(sum(counts.values()) - phones)
    return result


SIZE = (1280, 720)


class SceneProjector:
    """The real workshop projector: the play scene with the phones' room, drawn each frame
    (SDL's dummy video driver in tests and benchmarks)."""

    def __init__(self, w: Workshop, room: Room, link: RoomLink, server: RoomServer):
        import pygame

        from game.ui.kit.theme import make_theme
        from game.ui.shell.context import UiContext
        from game.ui.workshop.phones import PhoneRoom
        from game.ui.workshop.play import WorkshopPlayScene
        pygame.display.init()
        pygame.font.init()
        self.pygame = pygame
        self.surface = pygame.display.set_mode(SIZE)
        phones = PhoneRoom(room, server)
        phones.link = link
        self.room = room
        self.scene = WorkshopPlayScene(UiContext(make_theme(), None, SIZE), w, phones=phones)
        self.scene.resize()

    def frame(self) -> int:
        shown = self.room.progress().voted  # read before drawing: the frame shows at least it
        self.scene.update(16)
        self.scene.draw(self.surface)
        self.pygame.display.flip()
        return shown
