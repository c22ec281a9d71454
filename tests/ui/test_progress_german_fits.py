"""The German Progress pages at the smallest window and the largest text: every tendency
and what-next sentence in German, and none scrolls (German runs longer than English)."""

from __future__ import annotations

import pygame
import pytest


@pytest.mark.parametrize("size", [(1280, 720), (1024, 600)])
def test_german_progress_pages_fit_at_extra_large(make_ctx, home, size):
    from game.app.profiles import create_profile, switch_to
    from game.store import open_history
    from game.ui.progress.progress import ProgressScene
    from tests.store.generate import Habits, history
    db, _ = open_history()
    with db:
        me = create_profile(db, "Nachtdienst")
        db.add_many([r.with_(player=me.id) for r in history(36, Habits(
            unsafe_in=frozenset({"medication"}), unsafe_at=frozenset({"distant"}),
            early_s=3.0, rung_bias=-2))])
    switch_to(me)
    ctx = make_ctx(size, text_size="x-large")
    ctx.apply_settings(ctx.settings.with_(language="de", text_size="x-large"))
    scene = ProgressScene(ctx)
    scene.resize()
    assert len(scene.vm.pages[0].lines) >= 7  # every kind of tendency is said
    for page in range(4):
        scene.page = page
        ctx.recorder.clear()
        scene.draw(pygame.Surface(size))
        body = [p for p in ctx.recorder if p.requested == ctx.metrics.body]
        assert body, page
        for placed in body:
            assert not placed.scrolled and placed.box.contains(placed.rect), placed.text
    texts = " ".join(text for page in scene.vm.pages for _, text in page.lines)
    for english in ("sessions", "unsafe", "regret", "rungs", "trainees", "Goal for"):
        assert english not in texts, english
