"""Procedure views: animated drawings of what the narration describes.

Each view draws from the simulation's `procedure` state (the keys a scenario sets on its
beats, options and outcomes; see docs/authoring.md) and never changes anything. `before` is
the procedure state before the latest change and `progress` runs 0 -> 1 over the change, so
views can animate between the two.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Protocol

import pygame

from game.ui.kit.theme import Theme


class ProcedureView(Protocol):
    def draw(self, surface: pygame.Surface, rect: pygame.Rect, now: Mapping,
             before: Mapping, progress: float, theme: Theme, time_s: float) -> None:
        """Draw into `rect`; `time_s` is a free-running clock for idle motion (breathing)."""
