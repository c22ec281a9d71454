"""The workshop under phone load: vote -> projector latency and the projector's frame cost.

Simulated phones (a separate process, like real phones on other devices) join the room on
127.0.0.1, keep their event streams open, vote and change their votes while the real
workshop projector scene draws at ~60 frames a second (SDL dummy driver). Printed side by
side in one run:

- vote -> projector count p50/p99 against the 200 ms target (ratio < 1 passes);
- the projector's frame p99 under load against the same scene idle (the baseline measured in
  this run), and against a 60 fps frame budget of 16.7 ms;
- correctness: votes lost, counted twice, phones that got a second seat on rejoining.

    SDL_VIDEODRIVER=dummy python bench/bench_workshop_load.py
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")
os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")
ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from game.app.room import Room  # noqa: E402
from game.app.room_link import RoomLink  # noqa: E402
from game.web.server import RoomServer  # noqa: E402
from tests.web.load import SceneProjector, pct, run_load, workshop_at_vote  # noqa: E402

TARGET_MS = 200.0
FRAME_BUDGET_MS = 1000 / 60
RUNS = ((60, 10), (200, 3))
"""(phones, votes per phone): the issue's room of 60 changing their minds, and a large hall."""


def idle_frames(seconds: float = 3.0) -> list[float]:
    """The projector scene at the same vote, with the server up and nobody voting."""
    with tempfile.TemporaryDirectory() as tmp:
        w = workshop_at_vote(Path(tmp))
        room = Room(secret=b"idle" * 8)
        link = RoomLink(w, room)
        server = RoomServer(room, host="127.0.0.1", port=0)
        server.start()
        try:
            projector = SceneProjector(w, room, link, server)
            times, end = [], time.monotonic() + seconds
            while time.monotonic() < end:
                start = time.monotonic()
                projector.frame()
                times.append((time.monotonic() - start) * 1000)
                time.sleep(max(0.0, 1 / 60 - times[-1] / 1000))
            return times
        finally:
            server.stop()
            w.close()


def main() -> int:
    os.environ.setdefault("SAFETYNET_HOME", tempfile.mkdtemp(prefix="sn-bench-"))
    idle = idle_frames()
    idle99 = pct(idle, 0.99)
    print(f"projector idle: frame p50 {pct(idle, 0.5):.2f} ms, p99 {idle99:.2f} ms "
          f"({len(idle)} frames)")
    print(f"{'phones x votes':>15} {'lat p50':>8} {'lat p99':>8} {'p99/200ms':>10} "
          f"{'frame p99':>10} {'/idle':>6} {'/16.7ms':>8} {'lost':>5} {'double':>7} "
          f"{'reseated':>9}")
    failed = False
    for phones, changes in RUNS:
        r = run_load(SceneProjector, phones=phones, changes=changes, drop_every=5, seed=3)
        lat50, lat99 = pct(r.latencies_ms, 0.5), pct(r.latencies_ms, 0.99)
        f99 = pct(r.frames_ms, 0.99)
        print(f"{f'{phones} x {changes}':>15} {lat50:8.1f} {lat99:8.1f} {lat99 / TARGET_MS:10.2f} "
              f"{f99:10.2f} {f99 / idle99:6.1f} {f99 / FRAME_BUDGET_MS:8.2f} {r.lost:5d} "
              f"{r.doubled:7d} {r.rejoin_changed_token:9d}")
        failed |= bool(r.lost or r.doubled or r.rejoin_changed_token or r.refused)
    print("(latency: phone sends a vote -> end of the first projector frame started after "
          "the server answered; ratios < 1 meet the target)")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
