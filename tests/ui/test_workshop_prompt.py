"""The vote screen's status line: an answer to the last key replaces the standing prompt
instead of running into it (play found "...with the number keys first Count the hands...")."""

from __future__ import annotations

import pygame

from tests.ui.test_workshop_support import key, run_until, start_workshop


def test_reveal_without_votes_says_so_in_one_sentence(ctx):
    stack, play = start_workshop(ctx)
    run_until(stack, play, "vote")
    key(stack, pygame.K_r)  # nothing counted yet: nothing to reveal
    ctx.recorder = []
    play.draw(pygame.Surface(ctx.size))
    texts = [p.text for p in ctx.recorder]
    said = [t for t in texts if "No votes yet" in t]
    assert said == ["No votes yet: count the hands with the number keys first."]
    assert not any("first Count" in t for t in texts)
