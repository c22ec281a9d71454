"""The workshop's phone server, seen from the projector: start it, stop it, answer for the room.

Phones talk to an aiohttp application (game.web.phone_app). By default it runs in a process
of its own (game.web.child): in a thread of the projector's process it shared Python's GIL
with the frame, and profiling the projector under 200 phones (py-spy --native) showed its
slow frames waiting for the GIL while the server thread held it; a 0.5 ms switch interval did
not reliably help. The room stays here, in the projector's process, because the workshop
reads it and the replay log records its votes: a thread of this process (`_host`) answers
the server's requests against the room (small JSON lines over a pipe; a few tens of
microseconds each, blocked on the pipe the rest of the time, so it barely holds the GIL),
and tells the server when the phones' view changed, so the event streams wake.

The server process ends with the workshop: `stop()` asks it to, and it also ends by itself
when this process goes away (even killed), because its input pipe then closes. If it ends
on its own (a crash, an out-of-memory kill) or stops answering the projector's pings,
`failure()` says so in words, and `restart()` starts a new one on the same port: the room,
its people and the votes so far stay here, and the phones' pages reconnect by themselves.
`in_thread=True` runs the same application in a thread of this process (the load
benchmark's baseline, measured side by side).
"""

from __future__ import annotations

import asyncio
import json
import os
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import IO, Any

from game.app.room import Room, RoomError
from game.web.address import DEFAULT_PORT, join_url, lan_address, qr_url
from game.web.phone_app import PhoneApp, ServerError
from game.web.room_ops import LocalBackend, RoomOps
from game.web.words import language_of

__all__ = ["RoomServer", "ServerError"]
ROOT = Path(__file__).resolve().parents[2]
"""The folder holding the `game` package: the server process runs this same code."""
PING_S = 1.0
"""How often `failure()` pings the server process (it answers from its event loop)."""
SILENT_S = 5.0
"""A server process that has not answered a ping for this long is stuck: phones get no
answer from it either (a phone's request waits 5 s for the room before "try again")."""


def _signal_name(number: int) -> str:
    try:
        return signal.Signals(number).name
    except ValueError:
        return f"signal {number}"


class RoomServer:
    def __init__(self, room: Room, host: str | None = None, port: int = DEFAULT_PORT,
                 phone_burst: float = 20, phone_rate: float = 5.0,
                 join_burst: float = 120, join_rate: float = 20.0, in_thread: bool = False,
                 language: str = "en"):
        self.room = room
        self.host = host or lan_address()
        self.port = port
        self.in_thread = in_thread
        self.limits = {"phone_burst": phone_burst, "phone_rate": phone_rate,
                       "join_burst": join_burst, "join_rate": join_rate}
        self.ops = RoomOps(room, language)
        """Answers the phones' requests; holds the workshop's language (`set_language`)."""
        self._proc: subprocess.Popen[bytes] | None = None
        self._host_thread: threading.Thread | None = None
        self._write = threading.Lock()
        self._ready = threading.Event()
        self._error: str | None = None
        self._stopped = False
        self._thread: threading.Thread | None = None
        self._loop: asyncio.AbstractEventLoop | None = None
        self._app: PhoneApp | None = None
        self._listening = False
        """The room's change listener is registered (once, across restarts)."""
        self._pinged = 0.0
        self._heard = 0.0
        """monotonic() of the last ping sent and of the last line heard from the process."""

    # --- addresses -------------------------------------------------------------------------
    @property
    def url(self) -> str:
        return join_url(self.host, self.port)

    @property
    def qr_url(self) -> str:
        return qr_url(self.host, self.port, self.room.code)

    @property
    def pid(self) -> int | None:
        """The server process's id (None when it runs in a thread)."""
        return self._proc.pid if self._proc is not None else None

    @property
    def language(self) -> str:
        return self.ops.language

    def set_language(self, language: str) -> None:
        """The facilitator changed the workshop's language: the phones' sentences and their
        page follow (open pages reload in it). Cheap when nothing changed (every frame)."""
        if language_of(language) == self.ops.language:
            return
        self.ops.language = language
        if self._app is not None:
            self._app.language = self.ops.language
        self._send({"t": "lang", "lang": self.ops.language})
        if self._app is not None and self._app.broadcast is not None:
            self._app.broadcast.changed(True)  # thread-safe
        self._send({"t": "changed", "v": self.room.phase_version})

    # --- lifecycle -------------------------------------------------------------------------
    def start(self, timeout: float = 15.0) -> str:
        """Listen (trying the next 20 ports if the chosen one is taken); returns the URL.
        Raises ServerError with a one-line reason."""
        if self.in_thread:
            self._thread = threading.Thread(target=self._run_in_thread, name="room-server",
                                            daemon=True)
            self._thread.start()
        else:
            self._spawn()
        if not self._ready.wait(timeout):
            self.stop()
            raise ServerError(f"the phone server did not start within {timeout:g} s")
        if self._error is not None:
            self.stop()
            raise ServerError(self._error)
        return self.url

    def stop(self, timeout: float = 5.0) -> None:
        """Stop serving (phones keep the page they have and say the workshop is over)."""
        self._stopped = True
        if self._proc is not None:
            self._stop_process(self._proc, timeout)
        if self._loop is not None and self._thread is not None and self._thread.is_alive():
            self._loop.call_soon_threadsafe(self._loop.stop)
            self._thread.join(timeout)

    @property
    def running(self) -> bool:
        if self._error is not None or self._stopped or not self._ready.is_set():
            return False
        if self._proc is not None:
            return self._proc.poll() is None
        return self._thread is not None and self._thread.is_alive()

    def failure(self, now: float | None = None) -> str | None:
        """Why the phones lost their server since it started, in words, or None while it
        serves (or after `stop()`); `fault()` as one English sentence."""
        found = self.fault(now)
        return found[0].format(**found[1]) if found else None

    def fault(self, now: float | None = None) -> tuple[str, dict[str, object]] | None:
        """`failure()` as a message id and its values (the projector translates them).
        Call it from the projector's frame: it also sends the process a ping now and then,
        and a process that stays silent after a ping counts as stuck."""
        proc = self._proc
        if proc is None or self._stopped or not self._ready.is_set() or self._error:
            return None
        code = proc.poll()
        if code is not None:
            return (("the phone server was stopped by {signal}", {"signal": _signal_name(-code)})
                    if code < 0 else ("the phone server stopped (exit code {code})",
                                      {"code": code}))
        now = time.monotonic() if now is None else now
        if now - self._heard > SILENT_S and self._pinged - self._heard > 0:
            return ("the phone server has not answered for {s} s",
                    {"s": int(now - self._heard)})
        if now - self._pinged >= PING_S:
            self._pinged = now
            self._send({"t": "ping"})
        return None

    def restart(self, timeout: float = 15.0) -> str:
        """A new server process in place of one that crashed or hung: the same room (its
        people and votes stay), the same port if it is free. Returns the URL; raises
        ServerError with a one-line reason (the projector says it; hands still count)."""
        if self.in_thread:
            raise ServerError("a phone server in a thread cannot be restarted")
        old = self._proc
        if old is not None:
            self._end_process(old, timeout)
        self._ready.clear()
        self._error = None
        self._stopped = False
        self._spawn()
        if not self._ready.wait(timeout):
            self.stop()
            raise ServerError(f"the phone server did not start within {timeout:g} s")
        if self._error is not None:
            self.stop()
            raise ServerError(self._error)
        return self.url

    def _end_process(self, proc: subprocess.Popen[bytes], timeout: float) -> None:
        """Kill a crashed or stuck server process and release its pipe and thread."""
        if proc.poll() is None:
            proc.kill()
        proc.wait(timeout)
        self._release(proc, timeout)

    def _release(self, proc: subprocess.Popen[bytes], timeout: float) -> None:
        """Close an ended server process's pipes and let its host thread finish."""
        with self._write:
            if proc.stdin is not None:
                try:
                    proc.stdin.close()
                except OSError:
                    pass
        if self._host_thread is not None:
            self._host_thread.join(timeout)
        if proc.stdout is not None:
            proc.stdout.close()

    # --- the server process -------------------------------------------------------------------
    def _spawn(self) -> None:
        env = dict(os.environ)
        env["PYTHONPATH"] = os.pathsep.join(p for p in (str(ROOT), env.get("PYTHONPATH")) if p)
        self._proc = subprocess.Popen([sys.executable, "-m", "game.web.child"], cwd=ROOT,
                                      env=env, stdin=subprocess.PIPE, stdout=subprocess.PIPE)
        self._send({"host": self.host, "port": self.port, "limits": self.limits,
                    "max_streams": self.room.max_participants,
                    "phase_version": self.room.phase_version, "lang": self.ops.language})
        self._host_thread = threading.Thread(target=self._host, args=(self._proc.stdout,),
                                             name="room-host", daemon=True)
        self._host_thread.start()

    def _send(self, message: dict[str, Any]) -> None:
        proc = self._proc
        if proc is None or proc.stdin is None:
            return
        line = json.dumps(message, separators=(",", ":")).encode() + b"\n"
        with self._write:
            try:
                proc.stdin.write(line)
                proc.stdin.flush()
            except (OSError, ValueError):  # the server process has ended (or is ending)
                pass

    def _host(self, lines: IO[bytes]) -> None:
        """Answer the server process's requests against the room, one line at a time."""
        hello = json.loads(lines.readline() or b'{"t": "failed", "error": "it exited"}')
        if hello.get("t") != "ready":
            self._error = str(hello.get("error", "the phone server could not start"))
            self._ready.set()
            return
        self.port = int(hello["port"])
        self._heard = self._pinged = time.monotonic()
        if not self._listening:  # a restarted server reuses the listener
            self._listening = True
            self.room.on_change(self._changed)
        self._ready.set()
        for line in lines:
            message = json.loads(line)
            self._heard = time.monotonic()
            if message.get("t") == "tell":
                self._answer(str(message.get("op")), {})
            elif message.get("t") == "ask":
                reply = self._answer(str(message.get("op")), message.get("args") or {})
                self._send({"t": "rep", "id": message.get("id"), **reply})

    def _answer(self, op: str, args: dict[str, Any]) -> dict[str, Any]:
        try:
            return {"ok": self.ops.answer(op, args)}
        except RoomError as exc:
            return {"error": str(exc), "status": exc.status}
        except Exception as exc:  # a fault here must not silence every phone after it
            print(f"phone server: could not answer a {op!r} request: {exc!r}", file=sys.stderr)
            return {"error": "The laptop could not answer that request.", "status": 500}

    def _changed(self, for_phones: bool) -> None:
        """Room listener (any thread, under the room's lock, so the versions go in order)."""
        if for_phones and not self._stopped:
            self._send({"t": "changed", "v": self.room.phase_version})

    def _stop_process(self, proc: subprocess.Popen[bytes], timeout: float) -> None:
        """Ask the server to stop; `_host` answers the phones' last requests meanwhile."""
        self._send({"t": "stop"})
        try:
            proc.wait(timeout)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(timeout)
        self._release(proc, timeout)

    # --- the baseline: the same application in a thread of this process --------------------
    def _run_in_thread(self) -> None:
        loop = self._loop = asyncio.new_event_loop()
        asyncio.set_event_loop(loop)
        app = self._app = PhoneApp(LocalBackend(self.room, self.ops),
                                   self.room.max_participants, self.limits, self.ops.language)
        try:
            self.port = loop.run_until_complete(app.listen(self.host, self.port))
        except ServerError as exc:
            self._error = str(exc)
            self._ready.set()
            loop.close()
            return
        assert app.broadcast is not None
        self.room.on_change(app.broadcast.changed)
        self._ready.set()
        try:
            loop.run_forever()
        finally:
            loop.run_until_complete(app.stop())
            loop.close()
