"""Rate limits for the phone server: a token bucket per phone and one for joining.

A bucket holds `burst` requests and refills at `rate` per second, so a phone may tap a few
options quickly (changing its mind) but cannot flood the laptop. Joins have no phone key yet,
so they share one bucket: a room of 300 can join within seconds, a script cannot create
thousands of seats. No address is kept (no personal data).
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from dataclasses import dataclass


@dataclass
class _Bucket:
    level: float
    at: float


class RateLimiter:
    def __init__(self, burst: float, rate: float, clock: Callable[[], float] = time.monotonic,
                 max_keys: int = 1000):
        self.burst = burst
        self.rate = rate
        self.clock = clock
        self.max_keys = max_keys
        self._buckets: dict[str, _Bucket] = {}
        self._lock = threading.Lock()

    def allow(self, key: str) -> bool:
        """Take one request from `key`'s bucket; False when it is empty."""
        now = self.clock()
        with self._lock:
            bucket = self._buckets.get(key)
            if bucket is None:
                if len(self._buckets) >= self.max_keys:
                    self._forget_full(now)
                bucket = self._buckets[key] = _Bucket(self.burst, now)
            bucket.level = min(self.burst, bucket.level + (now - bucket.at) * self.rate)
            bucket.at = now
            if bucket.level < 1.0:
                return False
            bucket.level -= 1.0
            return True

    def _forget_full(self, now: float) -> None:
        """Drop buckets that have refilled (they hold nothing worth remembering)."""
        full = [k for k, b in self._buckets.items()
                if b.level + (now - b.at) * self.rate >= self.burst]
        for key in full:
            del self._buckets[key]
