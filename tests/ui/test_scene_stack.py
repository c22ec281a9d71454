"""The scene stack: push/pop/replace/pop-to/quit, overlays, commands routed to `apply`."""

from __future__ import annotations

import pygame

from game.core.commands import Skip
from game.ui.shell.input import Act
from game.ui.shell.scene import Pop, PopTo, Push, Quit, Replace, Scene, SceneStack
from tests.ui.helpers import press


class Probe(Scene):
    def __init__(self, ctx, name, answer=None, overlay=False):
        super().__init__(ctx)
        self.name, self.answer, self.overlay = name, answer, overlay
        self.log: list[str] = []

    def on_intent(self, intent):
        self.log.append(intent.act.value)
        return self.answer

    def apply(self, command):
        self.log.append(f"apply:{command.kind}")

    def update(self, dt_ms):
        self.log.append("update")

    def draw(self, surface):
        self.log.append("draw")

    def resize(self):
        self.log.append("resize")

    def close(self):
        self.log.append("close")


def test_push_pop_replace_popto_quit(ctx):
    stack = SceneStack()
    a, b, c, d = (Probe(ctx, n) for n in "abcd")
    stack.push(a)
    stack.apply(Push(b))
    stack.apply(Push(c))
    assert [s.name for s in stack.scenes] == ["a", "b", "c"]
    assert "resize" in c.log
    stack.apply(Replace(d))
    assert [s.name for s in stack.scenes] == ["a", "b", "d"] and "close" in c.log
    stack.apply(PopTo("a"))
    assert [s.name for s in stack.scenes] == ["a"] and "close" in b.log and "close" in d.log
    stack.apply(Pop())
    assert not stack.running and "close" in a.log
    stack2 = SceneStack()
    e = Probe(ctx, "e")
    stack2.push(e)
    stack2.apply(Quit())
    assert not stack2.running and "close" in e.log


def test_only_top_updates_and_overlays_draw_over(ctx):
    stack = SceneStack()
    base, over = Probe(ctx, "base"), Probe(ctx, "over", overlay=True)
    stack.push(base)
    stack.push(over)
    stack.update(16)
    stack.draw(pygame.Surface((10, 10)))
    assert "update" not in base.log and "update" in over.log
    assert "draw" in base.log and "draw" in over.log


def test_commands_go_back_to_the_scene(ctx):
    stack = SceneStack()
    scene = Probe(ctx, "play", answer=Skip())
    stack.push(scene)
    press(stack, pygame.K_s)
    assert scene.log[-2:] == [Act.SKIP.value, "apply:skip"]


def test_help_key_pushes_the_help_overlay(ctx):
    stack = SceneStack(help_factory=lambda: Probe(ctx, "help", answer=Pop(), overlay=True))
    stack.push(Probe(ctx, "base"))
    press(stack, pygame.K_F1)
    assert stack.top.name == "help"
    press(stack, pygame.K_F1)  # the overlay itself answers Pop
    assert stack.top.name == "base"
