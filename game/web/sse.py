"""Server-sent events: each phone keeps one response open and hears "something changed".

The event carries only the room's phase version; the phone then asks for its own state. So
the stream holds nothing private, and votes (which change nothing a phone shows before the
reveal) wake nobody. A comment every 15 s keeps Wi-Fi access points from closing the stream.
"""

from __future__ import annotations

import asyncio
import contextlib
from typing import Protocol

from aiohttp import web

from game.app.room_parts import RoomError

KEEPALIVE_S = 15.0
EXTRA_STREAMS = 20
"""Streams allowed beyond one per participant (a phone reopening before the old one closed)."""


class Versioned(Protocol):
    @property
    def phase_version(self) -> int:
        """The room's phase version: what the phones compare to know their state is old."""


class Broadcast:
    """Wakes every open stream when the room changes in a way phones show."""

    def __init__(self, loop: asyncio.AbstractEventLoop):
        self.loop = loop
        self.event = asyncio.Event()
        self.closed = False
        self.streams = 0

    def changed(self, for_phones: bool) -> None:
        """Room listener: may be called from any thread."""
        if for_phones and not self.loop.is_closed():
            with contextlib.suppress(RuntimeError):  # the loop stopped between the checks
                self.loop.call_soon_threadsafe(self._wake)

    def _wake(self) -> None:
        event, self.event = self.event, asyncio.Event()
        event.set()

    def close(self) -> None:
        self.closed = True
        self._wake()


async def stream_changes(request: web.Request, broadcast: Broadcast, room: Versioned,
                         max_participants: int, headers: dict[str, str]
                         ) -> web.StreamResponse:
    if broadcast.streams >= max_participants + EXTRA_STREAMS:
        raise RoomError("Too many open connections.", 503)
    response = web.StreamResponse(headers={**headers, "Content-Type": "text/event-stream",
                                           "X-Accel-Buffering": "no"})
    broadcast.streams += 1
    try:
        await response.prepare(request)
        await response.write(f"retry: 2000\ndata: {room.phase_version}\n\n".encode())
        while not broadcast.closed:
            event = broadcast.event
            try:
                await asyncio.wait_for(event.wait(), KEEPALIVE_S)
            except TimeoutError:
                await response.write(b": keepalive\n\n")
                continue
            name = "bye" if broadcast.closed else "message"
            await response.write(f"event: {name}\ndata: {room.phase_version}\n\n".encode())
    except ConnectionResetError:
        pass  # the phone went away; it reopens the stream when it comes back
    finally:
        broadcast.streams -= 1
    return response
