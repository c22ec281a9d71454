"""The phone server runs in a process of its own, without pygame, and never outlives the
workshop: not when stopped, and not when the projector's process is killed."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

from game.app.room import Room
from game.web.server import RoomServer
from tests.web.helpers import OPTIONS, Phone

ROOT = Path(__file__).resolve().parents[2]
PROJECTOR = """
import sys, time
from game.app.room import Room
from game.web.server import RoomServer
server = RoomServer(Room("ABCDE"), host="127.0.0.1", port=0)
server.start()
print(server.pid, server.port, flush=True)
time.sleep(60)
"""


def _ended(pid: int) -> bool:
    """Gone, or a zombie nobody has reaped yet (it no longer runs or listens)."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return True
    return stat.rsplit(")", 1)[1].split()[0] in ("Z", "X")


def _wait_ended(pid: int, seconds: float = 10.0) -> bool:
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        if _ended(pid):
            return True
        time.sleep(0.05)
    return False


def _refused(port: int) -> bool:
    try:
        socket.create_connection(("127.0.0.1", port), timeout=1).close()
    except OSError:
        return True
    return False


def test_the_server_is_its_own_process_and_pygame_is_not_in_it():
    room = Room("ABCDE", secret=b"p" * 32)
    server = RoomServer(room, host="127.0.0.1", port=0)
    server.start()
    try:
        assert server.pid is not None and server.pid != os.getpid()
        maps = Path(f"/proc/{server.pid}/maps")
        if maps.exists():
            assert "pygame" not in maps.read_text()
        room.open("d1", "cue", OPTIONS)
        phone = Phone(server.url, "ABCDE")
        phone.join()
        assert phone.vote("d1", "probe")[0] == 200
        assert room.current is not None and list(room.current.votes.values()) == ["probe"]
    finally:
        server.stop()
    assert _ended(server.pid) and not server.running
    loaded = subprocess.run([sys.executable, "-c", "import sys, game.web.child; "
                             "print('pygame' in sys.modules)"], cwd=ROOT, capture_output=True,
                            text=True, check=True)
    assert loaded.stdout.strip() == "False"


@pytest.mark.skipif(not Path("/proc").exists(), reason="reads process states from /proc")
def test_the_server_process_ends_when_the_projector_process_is_killed():
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(
        p for p in (str(ROOT), os.environ.get("PYTHONPATH")) if p)}
    projector = subprocess.Popen([sys.executable, "-c", PROJECTOR], cwd=ROOT, env=env,
                                 stdout=subprocess.PIPE, text=True)
    try:
        assert projector.stdout is not None
        pid, port = (int(x) for x in projector.stdout.readline().split())
        assert not _ended(pid) and not _refused(port)
        projector.send_signal(signal.SIGKILL)   # no stop(), no atexit: killed
        projector.wait(10)
        assert _wait_ended(pid), "the phone server outlived the projector's process"
        assert _refused(port)
    finally:
        if projector.poll() is None:
            projector.kill()
            projector.wait(10)
