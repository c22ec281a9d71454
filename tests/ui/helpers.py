"""Small drivers shared by the UI tests: key presses, running a scene until a phase."""

from __future__ import annotations

import pygame

from game.core.model import Scenario
from game.ui.play.play import PlayScene
from game.ui.shell.context import UiContext
from game.ui.shell.input import Act, Intent, key_event
from game.ui.shell.scene import Result, Scene, SceneStack


def press(target: Scene | SceneStack, key: int, mod: int = 0, unicode: str = "") -> Result:
    """Send one key press; returns what the scene answered (or None for a stack)."""
    event = key_event(key, mod, unicode)
    if isinstance(target, SceneStack):
        target.handle(event)
        return None
    return target.handle_event(event)


def run_until(scene: PlayScene, phase: str, limit_ms: int = 600_000, step_ms: int = 100) -> None:
    """Let simulated time pass until the play scene reaches `phase`, reading and closing each
    consequence card on the way (Enter) as a player would."""
    spent = 0
    while scene.vm.phase != phase or getattr(scene, "card", None) is not None:
        if getattr(scene, "card", None) is not None:
            scene.on_intent(Intent(Act.ACTIVATE))
            continue
        scene.update(step_ms)
        spent += step_ms
        assert spent <= limit_ms, f"never reached {phase}"


def start_play(ctx: UiContext, scenario: Scenario, profile: str | None = None) -> PlayScene:
    """A play scene on a logged session (the log goes under SAFETYNET_HOME)."""
    session = ctx.services.start_session(scenario, profile or scenario.trainees[0].id)
    scene = PlayScene(ctx, scenario, session)
    scene.resize()
    return scene


def drawn_texts(ctx: UiContext, scene: Scene) -> list[str]:
    """The texts `scene` draws, in order (through the context's recorder)."""
    ctx.recorder = []
    scene.draw(pygame.Surface(ctx.size))
    return [p.text for p in ctx.recorder]
