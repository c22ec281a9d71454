"""Drivers shared by the workshop tests (no tests of its own): a stack on the setup scene,
time until a phase, key presses."""

from __future__ import annotations

import pygame

from game.app.sessions import Launch
from game.ui.shell.context import UiContext
from game.ui.shell.input import key_event
from game.ui.shell.scene import SceneStack
from game.ui.workshop.keys import shifted_number
from game.ui.workshop.play import WorkshopPlayScene
from game.ui.workshop.setup import WorkshopSetupScene

NUMBER_KEYS = {n: getattr(pygame, f"K_{n}") for n in range(1, 10)}


def setup_stack(ctx: UiContext, seed: int = 5, risk_weight: float | None = None,
                **kwargs) -> SceneStack:
    """A stack on the workshop setup, launched as with --seed (and --risk-weight)."""
    assert ctx.services is not None
    ctx.services.launch = Launch(seed, risk_weight)
    stack = SceneStack()
    stack.push(WorkshopSetupScene(ctx, **kwargs))
    return stack


def key(stack: SceneStack, k: int, mod: int = 0, unicode: str = "") -> None:
    stack.handle(key_event(k, mod, unicode))


def vote(stack: SceneStack, number: int, times: int = 1) -> None:
    for _ in range(times):
        key(stack, NUMBER_KEYS[number])


def unvote(stack: SceneStack, number: int) -> None:
    stack.handle(shifted_number(number))


def start_workshop(ctx: UiContext, scenario_id: str = "lumbar_puncture", **kwargs
                   ) -> tuple[SceneStack, WorkshopPlayScene]:
    """Setup preselected on `scenario_id`; Enter starts it."""
    stack = setup_stack(ctx, scenario_id=scenario_id, **kwargs)
    key(stack, pygame.K_RETURN)
    play = stack.top
    assert isinstance(play, WorkshopPlayScene)
    return stack, play


def run_until(stack: SceneStack, play: WorkshopPlayScene, phase: str,
              limit_ms: int = 600_000) -> None:
    spent = 0
    while play.phase != phase:
        stack.update(100)
        spent += 100
        assert spent <= limit_ms, f"never reached {phase} (at {play.phase})"


def vote_at(ctx: UiContext, revealed: bool = False, hot_seat: bool = False,
            scenario_id: str = "lumbar_puncture") -> WorkshopPlayScene:
    """A workshop frozen at its first decision, with a few votes entered."""
    stack, play = start_workshop(ctx, scenario_id)
    run_until(stack, play, "vote")
    if hot_seat:
        key(stack, pygame.K_h)
    vote(stack, 1, 2)
    vote(stack, 3, 5)
    vote(stack, 2)
    if revealed:
        key(stack, pygame.K_r)
    return play


def played_to(ctx: UiContext, phase: str, scenario_id: str = "lumbar_puncture"
              ) -> tuple[SceneStack, WorkshopPlayScene]:
    """Votes at every decision (the majority followed) until `phase` ("consequence" stops
    after the first decision; "ended" at the end of the story)."""
    stack, play = start_workshop(ctx, scenario_id)
    while play.phase != phase:
        if play.phase == "vote":
            vote(stack, 2, 3)
            vote(stack, 1)
            key(stack, pygame.K_r)
            key(stack, pygame.K_RETURN)
        elif play.phase == "consequence":
            key(stack, pygame.K_RETURN)
        else:
            stack.update(100)
    return stack, play


def end_screen(ctx: UiContext):
    from game.ui.workshop.end import WorkshopEndScene
    stack, play = played_to(ctx, "ended")
    key(stack, pygame.K_RETURN)
    end = stack.top
    assert isinstance(end, WorkshopEndScene)
    end.wait()
    return end


def _running(ctx: UiContext, frozen: bool = False, meters: bool = False) -> WorkshopPlayScene:
    stack, play = start_workshop(ctx)
    stack.update(500)
    if frozen:
        play.workshop.toggle_freeze()
    play.meters_shown = meters
    play.resize()
    return play


def _ended(ctx: UiContext) -> WorkshopPlayScene:
    stack, play = played_to(ctx, "ended")
    key(stack, pygame.K_r)  # reveal the score
    return play


def _help(ctx: UiContext) -> list:
    from game.ui.kit.dialogs import HelpOverlay
    from game.ui.workshop.keys import WORKSHOP_KEY_HELP
    return [WorkshopSetupScene(ctx), HelpOverlay(ctx, WORKSHOP_KEY_HELP)]


WORKSHOP_SCREENS = {
    "workshop-setup": lambda ctx, log: [WorkshopSetupScene(ctx)],
    "workshop-running": lambda ctx, log: [_running(ctx)],
    "workshop-frozen-meters": lambda ctx, log: [_running(ctx, frozen=True, meters=True)],
    "workshop-vote": lambda ctx, log: [vote_at(ctx)],
    "workshop-vote-6-options": lambda ctx, log: [vote_at(ctx, scenario_id="joint_reduction")],
    "workshop-hot-seat": lambda ctx, log: [vote_at(ctx, hot_seat=True)],
    "workshop-revealed": lambda ctx, log: [vote_at(ctx, revealed=True)],
    "workshop-consequence": lambda ctx, log: [played_to(ctx, "consequence")[1]],
    "workshop-ended": lambda ctx, log: [_ended(ctx)],
    "workshop-end": lambda ctx, log: [end_screen(ctx)],
    "workshop-help": lambda ctx, log: _help(ctx),
}
"""The workshop's screens for the shared draw and layout tests (tests/ui/screens.py)."""
