"""The phone server's own process: `python -m game.web.child`, started by `RoomServer`.

Why a process: the projector draws in the game's process, and a phone server in a thread of
it shared Python's GIL with the frame (py-spy showed the slow frames under 200 phones waiting
for it; a shorter switch interval did not reliably help). Here the web work (HTTP parsing,
JSON, 200 open event streams) runs on its own interpreter and core. The room stays in the
projector's process, which feeds the workshop and writes the replay log: this process asks
it for each phone's request over a pipe (one JSON line each way), so votes reach the log
exactly as before, and tokens (a keyed hash with the room's secret, which never leaves the
projector's process) stay the same across reconnects.

The pipe (newline-delimited JSON; stdin from the projector, the original stdout to it):
- projector -> here: the config line first, then {"t": "rep", "id", "ok" | "error",
  "status"} answers, {"t": "changed", "v"} when the phones' view changed, {"t": "ping"}
  (answered at once with a "pong": the projector tells a stuck server from a quiet one),
  {"t": "lang", "lang"} when the workshop's language changed (the page is served in it),
  {"t": "stop"}
  (the streams say goodbye; the projector answers the phones' last requests until this
  process has ended, then closes the pipe);
- here -> projector: {"t": "ready", "port"} or {"t": "failed", "error"}, then
  {"t": "ask", "id", "op", "args"} requests, {"t": "tell", "op": "expire"} ticks and
  {"t": "pong"} answers.
End of input means the projector's process has gone (even if killed): this one stops too,
so it never outlives the workshop. pygame is never imported here (only game.web modules and
the room's vocabulary), and Ctrl-C in the terminal is the projector's to handle.
"""

from __future__ import annotations

import asyncio
import json
import os
import signal
import sys
from typing import Any, BinaryIO

from game.app.room_parts import RoomError
from game.web.phone_app import PhoneApp, ServerError

ASK_TIMEOUT_S = 5.0
"""How long a phone's request waits for the projector's process before a "try again"."""
LINE_LIMIT = 1 << 20
GRACE_S = 0.3
"""After "stop": time for the phones to fetch their last state ("the workshop has ended")."""


class PipeBackend:
    """The room, asked over the pipe (see the module's docstring)."""

    def __init__(self, out: asyncio.WriteTransport, phase_version: int):
        self.out = out
        self.phase_version = phase_version
        self.gone = False
        """The projector stopped the server or its process ended."""
        self._asked: dict[int, asyncio.Future[dict[str, Any]]] = {}
        self._next = 0

    def send(self, message: dict[str, Any]) -> None:
        """Queue one line for the projector. Never blocks: if this loop blocked on a full pipe
        while the projector blocked writing an answer to it, neither would read again."""
        if self.out.is_closing():  # the projector's process has gone
            self.gone = True
            return
        self.out.write(json.dumps(message, separators=(",", ":")).encode() + b"\n")

    async def _ask(self, op: str, args: dict[str, Any]) -> dict[str, Any]:
        if self.gone:
            raise RoomError("This workshop has ended.", 410)
        self._next += 1
        ask, future = self._next, asyncio.get_running_loop().create_future()
        self._asked[ask] = future
        self.send({"t": "ask", "id": ask, "op": op, "args": args})
        try:
            answer = await asyncio.wait_for(future, ASK_TIMEOUT_S)
        except TimeoutError:
            raise RoomError("The laptop did not answer in time: try again.", 503) from None
        finally:
            self._asked.pop(ask, None)
        if "error" in answer:
            raise RoomError(str(answer["error"]), int(answer.get("status", 400)))
        return answer["ok"]

    async def join(self, code: str, key: str | None, nickname: str | None) -> dict[str, Any]:
        return await self._ask("join", {"code": code, "key": key, "nickname": nickname})

    async def state(self, key: str) -> dict[str, Any]:
        return await self._ask("state", {"key": key})

    async def vote(self, key: str, decision: str, option: str) -> dict[str, Any]:
        return await self._ask("vote", {"key": key, "decision": decision, "option": option})

    async def info(self) -> dict[str, Any]:
        return await self._ask("info", {})

    async def seat(self, key: str) -> None:
        await self._ask("seat", {"key": key})

    async def expire(self) -> None:
        if not self.gone:
            self.send({"t": "tell", "op": "expire"})

    async def hear(self, reader: asyncio.StreamReader, app: PhoneApp,
                   stopping: asyncio.Event) -> None:
        """Take the projector's answers and news until its process goes away (`stopping`
        is set when it says stop: answers keep coming for the last requests)."""
        while True:
            line = await reader.readline()
            if not line:
                break
            message = json.loads(line)
            kind = message.get("t")
            if kind == "rep":
                future = self._asked.get(message.get("id"))
                if future is not None and not future.done():
                    future.set_result(message)
            elif kind == "changed":
                self.phase_version = int(message["v"])
                if app.broadcast is not None:
                    app.broadcast.changed(True)
            elif kind == "lang":
                app.language = str(message.get("lang"))
            elif kind == "ping":
                self.send({"t": "pong"})
            elif kind == "stop":
                stopping.set()
        self.gone = True
        stopping.set()
        for future in self._asked.values():
            if not future.done():
                future.set_exception(RoomError("This workshop has ended.", 410))


async def serve(pipe_out: BinaryIO) -> None:
    loop = asyncio.get_running_loop()
    reader = asyncio.StreamReader(limit=LINE_LIMIT)
    await loop.connect_read_pipe(lambda: asyncio.StreamReaderProtocol(reader), sys.stdin.buffer)
    out, _ = await loop.connect_write_pipe(asyncio.Protocol, pipe_out)
    config = json.loads(await reader.readline() or b"null")
    if not isinstance(config, dict):
        return
    backend = PipeBackend(out, int(config["phase_version"]))
    app = PhoneApp(backend, int(config["max_streams"]), config["limits"],
                   str(config.get("lang", "en")))
    try:
        port = await app.listen(str(config["host"]), int(config["port"]))
    except ServerError as exc:
        backend.send({"t": "failed", "error": str(exc)})
        return
    backend.send({"t": "ready", "port": port})
    stopping = asyncio.Event()
    hearing = loop.create_task(backend.hear(reader, app, stopping))
    await stopping.wait()
    if not backend.gone:  # told to stop: the streams say goodbye, the phones ask once more
        if app.broadcast is not None:
            app.broadcast.close()
        await asyncio.sleep(GRACE_S)
    await app.stop()
    hearing.cancel()
    out.close()


def main() -> int:
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    out = os.fdopen(os.dup(1), "wb", buffering=0)
    os.dup2(2, 1)  # anything printed by accident goes to stderr, never into the pipe
    asyncio.run(serve(out))
    return 0


if __name__ == "__main__":
    sys.exit(main())
