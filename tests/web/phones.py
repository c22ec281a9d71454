"""Simulated phones for the load test: a separate process, as phones are separate devices.

    python -m tests.web.phones URL CODE DECISION OPTIONS PHONES CHANGES DROP_EVERY SEED

Each phone joins with the room code, keeps a server-sent event stream open, then votes
CHANGES times (a random option each time, with a short random pause); every DROP_EVERY-th
phone drops its connection after its first vote and rejoins with its stored key. The phones
wait for a line on standard input ("reveal" has happened), then each asks for its state. One
JSON object on standard output reports every vote with its send and answer times
(time.monotonic, which on Linux is one clock for all processes) and what each phone saw.
Requests go only to the URL given (the test passes 127.0.0.1); the run is bounded in count
and time. Real phones use none of the laptop's CPU; these run on it, so they yield it to the
projector and its phone server (`NICE`): on a busy 2-core machine the simulation's own CPU
would otherwise be what the projector's frames wait for.
"""

from __future__ import annotations

import asyncio
import json
import os
import sys
import time
from typing import Any

import aiohttp
import numpy as np

TIMEOUT = aiohttp.ClientTimeout(total=20)
NICE = 10


class SimPhone:
    def __init__(self, base: str, code: str, rng: np.random.Generator):
        self.base = base.rstrip("/")
        self.code = code
        self.rng = rng
        self.key: str | None = None
        self.tokens: list[str] = []
        self.votes: list[dict[str, Any]] = []
        self.final: str | None = None
        self.events = 0

    async def join(self, http: aiohttp.ClientSession) -> None:
        async with http.post(self.base + "/api/join",
                             json={"code": self.code, "key": self.key}) as answer:
            data = await answer.json()
            if answer.status != 200:
                raise RuntimeError(f"join refused: {answer.status} {data}")
        self.key = data["key"]
        self.tokens.append(data["token"])

    async def vote(self, http: aiohttp.ClientSession, decision: str, option: str) -> None:
        sent = time.monotonic()
        async with http.post(self.base + "/api/vote", json={"decision": decision,
                                                            "option": option},
                             headers={"X-Room-Key": self.key or ""}) as answer:
            data = await answer.json()
            status = answer.status
        done = time.monotonic()
        self.votes.append({"sent": sent, "done": done, "status": status, "option": option})
        if status == 200 and data.get("mine") == option:
            self.final = option

    async def stream(self, http: aiohttp.ClientSession) -> None:
        """Hold the event stream open, counting pushes, until cancelled."""
        url = f"{self.base}/api/events?k={self.key}"
        async with http.get(url, timeout=aiohttp.ClientTimeout(total=None)) as answer:
            async for line in answer.content:
                if line.startswith(b"data:"):
                    self.events += 1

    async def state(self, http: aiohttp.ClientSession) -> dict[str, Any]:
        async with http.get(self.base + "/api/state",
                            headers={"X-Room-Key": self.key or ""}) as answer:
            return await answer.json()


async def one_phone(phone: SimPhone, decision: str, options: list[str], changes: int,
                    drop: bool, start: asyncio.Event) -> asyncio.Task:
    http = aiohttp.ClientSession(timeout=TIMEOUT)
    await phone.join(http)
    await start.wait()
    for i in range(changes):
        await asyncio.sleep(float(phone.rng.uniform(0.0, 0.05)))
        await phone.vote(http, decision, options[int(phone.rng.integers(len(options)))])
        if drop and i == 0:  # the Wi-Fi drops: a new connection, the stored key
            await http.close()
            http = aiohttp.ClientSession(timeout=TIMEOUT)
            await phone.join(http)
    stream = asyncio.ensure_future(phone.stream(http))
    stream.http = http  # type: ignore[attr-defined]
    return stream


async def main(url: str, code: str, decision: str, options: list[str], n: int, changes: int,
               drop_every: int, seed: int) -> dict[str, Any]:
    rngs = np.random.default_rng(seed).spawn(n)
    phones = [SimPhone(url, code, rng) for rng in rngs]
    start = asyncio.Event()
    jobs = [asyncio.ensure_future(one_phone(p, decision, options, changes,
                                            drop_every > 0 and i % drop_every == 0, start))
            for i, p in enumerate(phones)]
    await asyncio.sleep(0.2)
    print("joined", flush=True)
    start.set()
    streams = await asyncio.gather(*jobs)
    print("voted", flush=True)
    await asyncio.get_running_loop().run_in_executor(None, sys.stdin.readline)
    await asyncio.sleep(0.5)  # the reveal's push reaches the streams
    seen = []
    for phone, stream in zip(phones, streams):
        seen.append((await phone.state(stream.http))["phase"])
        stream.cancel()
        await stream.http.close()
    return {"phones": [{"tokens": p.tokens, "votes": p.votes, "final": p.final,
                        "events": p.events, "seen": s} for p, s in zip(phones, seen)]}


if __name__ == "__main__":
    url, code, decision, options, n, changes, drop_every, seed = sys.argv[1:9]
    os.nice(NICE)
    result = asyncio.run(asyncio.wait_for(
        main(url, code, decision, options.split(","), int(n), int(changes), int(drop_every),
             int(seed)), 120))
    print(json.dumps(result), flush=True)
