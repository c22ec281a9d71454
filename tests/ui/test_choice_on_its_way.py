"""#13: a choice that takes a moment to act shows at once that it was made.

A probe lands after its rung's latency and a watch at a timed window lasts to the window's
end; meanwhile the panel looked as before, so a player who pressed 2 at Extra large (where
the narration's "You (Probe): ..." is not on screen beside the moved cue) thought the key
had failed. Now the chosen option is marked, the others are greyed, and the countdown line
says when the choice acts, in the same room (nothing on the panel moves).
"""

from __future__ import annotations

import pygame
import pytest

from game.core.commands import Intervene
from game.i18n import Translator
from game.ui.play.decision_layout import panel_regions
from game.ui.play.play_draw import shown_buttons
from tests.ui.helpers import run_until, start_play


@pytest.mark.parametrize("language", ["en", "de"])
def test_a_probe_on_its_way_is_marked_and_timed(make_ctx, home, language):
    ctx = make_ctx((1024, 600), text_size="x-large")
    ctx.t = Translator(language)
    ctx.settings = ctx.settings.with_(language=language, text_size="x-large")
    play = start_play(ctx, ctx.services.catalogue().get("lumbar_puncture"))
    run_until(play, "decision")
    before = panel_regions(ctx, play.layout, play.vm)
    play.apply(Intervene(play.node_id, "probe"))
    assert play.card is None and play.vm.phase == "decision", "the probe should take a moment"
    assert play.vm.chosen == "probe"
    assert play.vm.countdown.startswith("✔ ") and "2" in play.vm.countdown
    assert panel_regions(ctx, play.layout, play.vm) == before, "the panel moved on choosing"
    ctx.recorder = []
    play.draw(pygame.Surface(ctx.size))
    placed = [p for p in ctx.recorder if p.text == play.vm.countdown]
    assert placed and not placed[0].scrolled, "the 'Chosen' line is not shown whole"
    first = play.vm.countdown
    play.update(500)
    if play.card is None:
        assert play.vm.countdown != first, "the time to act does not count down"


def test_the_chosen_button_is_marked_and_the_others_greyed(make_ctx, home, monkeypatch):
    ctx = make_ctx((1280, 720))
    play = start_play(ctx, ctx.services.catalogue().get("lumbar_puncture"))
    run_until(play, "decision")
    play.apply(Intervene(play.node_id, "probe"))
    drawn = []
    from game.ui.play import play_draw
    monkeypatch.setattr(play_draw, "draw_buttons",
                        lambda ctx, surface, buttons, focused, size=None: drawn.extend(buttons))
    play.draw(pygame.Surface(ctx.size))
    options = {b.id: b for b in drawn if b.id in {o.id for o in play.vm.options}}
    assert options["probe"].selected and options["probe"].enabled
    assert not any(b.enabled or b.selected for i, b in options.items() if i != "probe")
    assert {b.id for b in shown_buttons(play)[0]} >= set(options)


def test_before_a_choice_the_countdown_says_what_follows(make_ctx, home):
    ctx = make_ctx((1280, 720))
    play = start_play(ctx, ctx.services.catalogue().get("lumbar_puncture"))
    run_until(play, "decision")
    assert play.vm.chosen == ""
    assert "window closes in 12.0\u00a0s (then 1: Watch)" in play.vm.countdown


def test_reading_frames_prepare_the_chosen_looks(make_ctx, home):
    """While the player reads the options, each frame renders one label in the look it takes
    once a choice is made (bold if chosen, greyed if not), so the key's frame only blits."""
    from dataclasses import replace

    from game.ui.kit.button import warm_button
    ctx = make_ctx((1280, 720), text_size="x-large")
    play = start_play(ctx, ctx.services.catalogue().get("lumbar_puncture"))
    run_until(play, "decision")
    shown, _ = shown_buttons(play)
    looks = [replace(b, selected=chosen, enabled=chosen) for b in shown
             for chosen in (True, False)]
    surface = pygame.Surface(ctx.size)
    play.draw(surface)
    ctx.cache.clear()
    for _ in range(len(looks)):
        play.draw(surface)
    assert not any(warm_button(ctx, look) for look in looks), "a look still had to be rendered"


def test_the_panels_regions_are_measured_once_and_follow_language_and_text_size(make_ctx,
                                                                                 home):
    """panel_regions keeps what it measured for the same panel, phase, cue and options, and
    measures again when the language or the text size changes (German wraps otherwise)."""
    from game.ui.play import decision_layout
    ctx = make_ctx((1024, 600), text_size="x-large")
    play = start_play(ctx, ctx.services.catalogue().get("lumbar_puncture"))
    run_until(play, "decision")
    fresh = decision_layout._panel_regions(ctx, play.layout, play.vm)
    first = panel_regions(ctx, play.layout, play.vm)
    assert first == fresh
    first["buttons"].height = 1  # a caller's change does not reach the kept copy
    assert panel_regions(ctx, play.layout, play.vm) == fresh
    ctx.t = Translator("de")
    assert panel_regions(ctx, play.layout, play.vm) == \
        decision_layout._panel_regions(ctx, play.layout, play.vm)
    small = make_ctx((1024, 600), text_size="small")
    assert panel_regions(small, play.layout, play.vm) == \
        decision_layout._panel_regions(small, play.layout, play.vm)
