"""A small, thread-safe LRU cache for pure results.

Callers ask for the same pure value many times, sometimes from a background thread (solver
results, translated scenarios). The value is computed outside the lock: computing the same
pure value twice in a race is harmless, and holding the lock while solving would not be.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable
from typing import Generic, TypeVar

T = TypeVar("T")


class KeyedCache(Generic[T]):
    def __init__(self, size: int):
        self.size = size
        self._items: OrderedDict[Hashable, T] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, key: Hashable, compute: Callable[[], T]) -> T:
        with self._lock:
            if key in self._items:
                self._items.move_to_end(key)
                return self._items[key]
        value = compute()
        with self._lock:
            self._items[key] = value
            if len(self._items) > self.size:
                self._items.popitem(last=False)
        return value


    def shrink(self, cost: Callable[[T], int], budget: int) -> None:
        """Drop the least recently used entries until their total cost is within `budget`
        (the most recent entry always stays)."""
        with self._lock:
            total = sum(cost(v) for v in self._items.values())
            while total > budget and len(self._items) > 1:
                _, dropped = self._items.popitem(last=False)
                total -= cost(dropped)

    def clear(self) -> None:
        with self._lock:
            self._items.clear()
