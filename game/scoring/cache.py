"""Pure results keyed by scenario version (the cache itself is `game.core.memo.KeyedCache`).

Solutions and weight scans are pure functions of (scenario id and content hash, profile,
parameters), and reports and debriefs ask for the same ones many times, sometimes from a
background thread. The value is computed outside the lock: solving is slow, and computing
the same pure value twice in a race is harmless.
"""

from __future__ import annotations

from collections.abc import Hashable

from game.core.memo import KeyedCache
from game.core.model import Scenario

__all__ = ["KeyedCache", "version_key"]


def version_key(scenario: Scenario, *rest: Hashable) -> tuple:
    return (scenario.id, scenario.content_sha256, *rest)
