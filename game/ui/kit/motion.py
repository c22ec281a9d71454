"""The procedure picture in motion: one object every screen with a procedure view shares.

It remembers the procedure state before the latest change and when the change happened, so
the view can animate from the old picture to the new one over `MORPH_S` seconds (a needle
withdrawing and re-angling, a port moving), and it falls back to a plain panel listing the
state when a view is missing or fails while drawing (reported once, never fatal). The
picture's labels are never smaller than the screen's smallest text role (`ctx.metrics.small`;
tests/ui/test_picture_labels.py checks them), and its words are looked up with the screen's
translator (`ctx.t`; tests/ui/test_picture_german.py).
"""

from __future__ import annotations

import importlib
import sys
from collections.abc import Mapping
from types import ModuleType
from typing import TYPE_CHECKING

import pygame

from game.ui.kit.panels import panel
from game.ui.shell.context import UiContext

if TYPE_CHECKING:
    from game.ui.procedures import ProcedureView

MORPH_S = 0.8
"""How long the procedure view animates from the old to the new procedure state."""


def procedure_view(name: str) -> ProcedureView | None:
    """The registered view called `name`, or None (the screen then draws a plain panel)."""
    try:
        registry = importlib.import_module("game.ui.procedures.registry")
        return registry.view_for(name)
    except Exception as exc:  # noqa: BLE001 -- a drawing module must never stop the game
        print(f"safetynet: procedure view {name!r} unavailable ({exc})", file=sys.stderr)
        return None


def view_for(ctx: UiContext, name: str) -> ProcedureView | None:
    """The view through the run's services (tests swap them), else from the registry."""
    if ctx.services is not None:
        return ctx.services.procedure_view(name)
    return procedure_view(name)


class ProcedureMotion:
    def __init__(self, view: ProcedureView | None, start: Mapping | None = None):
        self.view = view
        self.failed = False
        """The view raised once; the plain panel is drawn from then on."""
        self.now: Mapping = dict(start or {})
        self.before: Mapping = dict(self.now)
        self.changed_at = -MORPH_S

    def observe(self, procedure: Mapping, time_s: float) -> None:
        """The session's procedure state now; a change starts a new animation."""
        now = dict(procedure)
        if now != self.now:
            self.before, self.now = self.now, now
            self.changed_at = time_s

    def progress(self, time_s: float) -> float:
        """0 -> 1 over the latest change."""
        return min(1.0, max(0.0, (time_s - self.changed_at) / MORPH_S))

    def draw(self, ctx: UiContext, surface: pygame.Surface, rect: pygame.Rect,
             time_s: float) -> None:
        if self.view is not None and not self.failed:
            previous = surface.get_clip()
            surface.set_clip(rect)
            try:
                with _labels().labels_for(ctx.metrics.small, translate=ctx.t):
                    self.view.draw(surface, rect, self.now, self.before,
                                   self.progress(time_s), ctx.theme, time_s)
                return
            except Exception as exc:  # noqa: BLE001 -- a broken view must not end the session
                print(f"safetynet: procedure view failed ({exc!r}); showing a plain panel",
                      file=sys.stderr)
                self.failed = True  # remembered so the error is reported once
            finally:
                surface.set_clip(previous)
        draw_plain_procedure(ctx, surface, rect, self.now)


def _labels() -> ModuleType:
    """The pictures' label kit, loaded as the registry is (kit never imports a feature)."""
    return importlib.import_module("game.ui.procedures._labels")


def draw_plain_procedure(ctx: UiContext, surface: pygame.Surface, rect: pygame.Rect,
                         state: Mapping) -> None:
    """Fallback when no procedure view is available: the procedure state as text."""
    panel(ctx, surface, rect)
    items = [f"{k.replace('_', ' ')}: {v}" for k, v in sorted(state.items())]
    text = "\n".join(items) or ctx.t("Procedure")
    ctx.text(surface, text, rect.inflate(-2 * ctx.metrics.pad, -2 * ctx.metrics.pad),
             ctx.metrics.body, ctx.palette.muted)
