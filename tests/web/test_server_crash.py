"""The phone server's process dies or hangs mid-workshop: the projector's side notices, says
why in words, and a restart brings the phones back with the room and its votes intact."""

from __future__ import annotations

import os
import signal
import time

import pytest

from game.app.room import Room
from game.web.server import SILENT_S, RoomServer, ServerError
from tests.web.helpers import OPTIONS, Phone


def _failure(server: RoomServer, seconds: float = 5.0) -> str | None:
    """Poll `failure()` as the projector's frame does, until it reports or time runs out."""
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        why = server.failure()
        if why:
            return why
        time.sleep(0.02)
    return None


@pytest.fixture
def served():
    room = Room("ABCDE", secret=b"c" * 32)
    server = RoomServer(room, host="127.0.0.1", port=0)
    server.start()
    yield room, server
    server.stop()


def test_a_killed_server_is_reported_and_a_restart_keeps_room_and_votes(served):
    room, server = served
    room.open("d1", "cue", OPTIONS)
    phone = Phone(server.url, "ABCDE")
    phone.join()
    assert phone.vote("d1", "probe")[0] == 200
    assert server.failure() is None
    port, old = server.port, server.pid
    assert old is not None
    os.kill(old, signal.SIGKILL)
    why = _failure(server)
    assert why == "the phone server was stopped by SIGKILL"
    assert server.restart().endswith(f":{port}/") and server.pid != old
    assert server.failure() is None and server.running
    assert list(room.current.votes.values()) == ["probe"]           # kept in the projector
    assert phone.state()["phase"] == "vote"                          # same key, same seat
    assert phone.vote("d1", "takeover")[0] == 200                    # changes its vote
    assert list(room.current.votes.values()) == ["takeover"] and room.participants == 1
    room.close()
    assert phone.state()["phase"] != "vote"  # asked of the room through the new pipe


def test_a_server_that_exits_by_itself_is_reported_with_its_code(served):
    room, server = served
    proc = server._proc
    assert proc is not None and proc.stdin is not None
    proc.stdin.close()  # as if the projector's side had gone: the server ends normally
    proc.wait(10)
    assert _failure(server) == "the phone server stopped (exit code 0)"


def test_a_stuck_server_is_reported_but_a_quiet_one_is_not(served):
    _, server = served
    server.failure()                       # a ping
    time.sleep(0.3)                        # ... answered: heard after the ping
    later = time.monotonic() + SILENT_S + 1
    assert server.failure(now=later) is None
    assert server.pid is not None
    os.kill(server.pid, signal.SIGSTOP)    # its loop can no longer answer
    try:
        server.failure(now=later + 2)      # a ping it cannot answer
        time.sleep(0.3)
        why = server.failure(now=later + 3)
        assert why is not None and why.startswith("the phone server has not answered for")
    finally:
        os.kill(server.pid, signal.SIGCONT)
    server.restart()
    assert server.failure() is None


def test_a_stopped_server_is_no_failure_and_a_thread_server_is_not_restarted():
    room = Room("ABCDE", secret=b"c" * 32)
    server = RoomServer(room, host="127.0.0.1", port=0)
    server.start()
    server.stop()
    assert server.failure() is None
    threaded = RoomServer(Room("FGHJK"), host="127.0.0.1", port=0, in_thread=True)
    threaded.start()
    try:
        assert threaded.failure() is None
        with pytest.raises(ServerError, match="cannot be restarted"):
            threaded.restart()
    finally:
        threaded.stop()
