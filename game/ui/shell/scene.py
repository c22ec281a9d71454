"""Scenes and the stack that runs them.

A scene turns events into a `Command` (for the simulation) or a `Transition` (for the stack)
and returns it instead of acting on it, so tests can assert on what a key press *means*
without a window. `draw` only reads: all changes happen in `handle_event`, `apply`, `update`.
Only the top scene is updated, so an overlay (help, confirm) pauses what lies beneath it.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

import pygame

from game.core.commands import Command
from game.ui.shell.input import PLAYER_KEYS, Act, Intent, Keymap

if TYPE_CHECKING:
    from game.ui.shell.context import UiContext


class Transition:
    """Base of everything a scene may ask the stack to do."""


@dataclass(frozen=True)
class Push(Transition):
    scene: Scene


@dataclass(frozen=True)
class Pop(Transition):
    count: int = 1


@dataclass(frozen=True)
class Replace(Transition):
    scene: Scene


@dataclass(frozen=True)
class PopTo(Transition):
    """Pop until the top scene has this name (or only one scene is left)."""

    name: str


@dataclass(frozen=True)
class Quit(Transition):
    pass


Result = Command | Transition | None


class Scene(ABC):
    name = "scene"
    overlay = False
    """An overlay is drawn on top of the scene beneath it instead of replacing it."""
    takes_text = False
    """True while the scene reads typed text: keys like "?" are then text, not shortcuts."""
    keymap: Keymap = PLAYER_KEYS
    """What keys mean on this screen: the player's table, or a layer of it (data, not code)."""

    @property
    def runs_vignette(self) -> bool:
        """True while a vignette's clock runs here (play until the end, tutorial play, the
        workshop's projector): an overlay on top then stops it, and only there does the F1
        help say the vignette is paused."""
        return False

    def __init__(self, ctx: UiContext):
        self.ctx = ctx

    def handle_event(self, event: pygame.event.Event) -> Result:
        intent = self.keymap.map(event)
        return None if intent is None else self.on_intent(intent)

    def on_intent(self, intent: Intent) -> Result:
        return None

    def apply(self, command: Command) -> Transition | None:
        """Carry out a command this scene returned (only scenes that own a session do)."""
        return None

    def update(self, dt_ms: int) -> Transition | None:
        """Advance animations and, in the play scene, simulation time (dt in milliseconds)."""
        return None

    @abstractmethod
    def draw(self, surface: pygame.Surface) -> None:
        """Draw the scene; never changes state (every scene must define it)."""

    def resize(self) -> None:  # noqa: B027 - optional hook, empty by default
        """Recompute the layout from `ctx.size` (called on push and on window resize)."""

    def close(self) -> None:  # noqa: B027 - optional hook, empty by default
        """Release what the scene holds (the play scene closes its session log)."""


class SceneStack:
    def __init__(self, help_factory: Callable[[], Scene] | None = None):
        self.scenes: list[Scene] = []
        self.running = True
        self.help_factory = help_factory

    @property
    def top(self) -> Scene | None:
        return self.scenes[-1] if self.scenes else None

    def push(self, scene: Scene) -> None:
        scene.resize()
        self.scenes.append(scene)

    def handle(self, event: pygame.event.Event) -> None:
        top = self.top
        if top is None:
            return
        intent = top.keymap.map(event)
        if intent is not None and intent.act is Act.HELP and top.name != "help" \
                and not top.takes_text \
                and self.help_factory is not None:
            self.push(self.help_factory())
            return
        self._follow(top, top.handle_event(event))

    def update(self, dt_ms: int) -> None:
        if self.top is not None:
            self._follow(self.top, self.top.update(dt_ms))

    def _follow(self, scene: Scene, result: Result) -> None:
        if result is None:
            return
        if not isinstance(result, Transition):
            result = scene.apply(result)
        if result is not None:
            self.apply(result)

    def apply(self, transition: Transition) -> None:
        if isinstance(transition, Push):
            self.push(transition.scene)
        elif isinstance(transition, Pop):
            for _ in range(transition.count):
                self._pop()
        elif isinstance(transition, Replace):
            self._pop()
            self.push(transition.scene)
        elif isinstance(transition, PopTo):
            while len(self.scenes) > 1 and self.scenes[-1].name != transition.name:
                self._pop()
        elif isinstance(transition, Quit):
            self.close_all()
        if not self.scenes:
            self.running = False

    def _pop(self) -> None:
        if self.scenes:
            self.scenes.pop().close()

    def draw(self, surface: pygame.Surface) -> None:
        start = len(self.scenes) - 1
        while start > 0 and self.scenes[start].overlay:
            start -= 1
        for scene in self.scenes[max(start, 0):]:
            scene.draw(surface)

    def resize(self) -> None:
        for scene in self.scenes:
            scene.resize()

    def close_all(self) -> None:
        """Close every scene, top first (quitting mid-vignette keeps a readable log)."""
        while self.scenes:
            self._pop()
        self.running = False
