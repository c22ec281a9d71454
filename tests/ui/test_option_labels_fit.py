"""Item 4 of #13: a new player can read every option of a decision point and choose it by
keyboard, at Extra large text in the smallest supported window.

At 1024x600 with Extra large text the options used to be squeezed to one line each, so
each label showed its first line beside a scroll bar. Here each shipped vignette's first
decision point is opened in play and the focus is walked through the options with Tab as a
player would: every option must come into focus, and the focused one must be drawn whole
(its label at the chosen size, not scrolled, inside its button, its button inside the
panel), the cue and countdown must be shown whole too, and a click on it must choose it.
"""

from __future__ import annotations

from dataclasses import replace

import pygame
import pytest

from game.core.commands import Intervene
from game.i18n import Translator
from game.ui.play.decision_layout import heading
from game.ui.play.play import PlayScene
from game.ui.play.play_draw import panel_regions, shown_buttons
from game.ui.shell.input import Act, Intent
from tests.ui.helpers import run_until, start_play

WINDOWS = [((1024, 600), "x-large", "en"), ((1280, 720), "x-large", "en"),
           ((1024, 600), "normal", "en"), ((1024, 600), "x-large", "de")]


def _scenario_ids() -> list[str]:
    from game.content.catalogue import load_catalogue
    from game.paths import scenarios_dir
    return [s.id for s in load_catalogue(scenarios_dir()).scenarios]


def _check_focused(play: PlayScene, surface: pygame.Surface) -> str:
    """Draw the screen and check the focused option is on screen and readable whole."""
    ctx = play.ctx
    ctx.recorder = []
    play.draw(surface)
    focused = play.focus.current
    shown = {b.id: b for b in shown_buttons(play)[0]}
    assert focused in shown, f"focused option {focused!r} is not on screen"
    button = shown[focused]
    area = panel_regions(ctx, play.layout, play.vm)["buttons"]
    assert area.contains(button.rect), f"{focused!r} sticks out of the panel"
    labels = [p for p in ctx.recorder if p.text == button.label and
              button.rect.contains(p.box)]
    assert len(labels) == 1, f"the label of {focused!r} was not drawn in its button"
    placed = labels[0]
    assert not placed.scrolled, f"{button.label!r} scrolls in its button: not fully shown"
    assert placed.box.contains(placed.rect), f"{button.label!r} leaves its box"
    assert placed.px >= ctx.font_px(ctx.metrics.body), f"{button.label!r} was shrunk"
    words = {b.label for b in shown.values()} | {play.vm.cue, play.vm.countdown,
                                                 heading(ctx, play.vm)}
    scrolled = [p.text[:40] for p in ctx.recorder if p.scrolled and p.text in words]
    assert not scrolled, f"the heading, cue or options are shown scrolled: {scrolled}"
    return focused


@pytest.mark.parametrize("size,text_size,language", WINDOWS, ids=lambda v: str(v))
@pytest.mark.parametrize("scenario_id", _scenario_ids())
def test_every_option_is_readable_and_reachable(make_ctx, home, scenario_id, size, text_size,
                                                language):
    ctx = make_ctx(size, text_size=text_size)
    ctx.t = Translator(language)  # German's countdown line is longer
    ctx.settings = ctx.settings.with_(language=language, text_size=text_size)
    play = start_play(ctx, ctx.services.catalogue().get(scenario_id))
    run_until(play, "decision")
    play.update(1000)  # past the guard against an accidental Enter
    options = [o.id for o in play.vm.options]
    assert len(options) >= 2
    surface = pygame.Surface(size)
    seen = [_check_focused(play, surface)]
    for _ in range(len(play.buttons) - 1):
        play.on_intent(Intent(Act.NEXT))
        seen.append(_check_focused(play, surface))
    assert set(options) <= set(seen), f"Tab never reaches {set(options) - set(seen)}"
    assert play.vm.phase == "decision", "walking the focus must not choose anything"
    button = next(b for b in shown_buttons(play)[0] if b.id == play.focus.current)
    chosen = play.on_intent(Intent(Act.CLICK, pos=button.rect.center))
    assert chosen == Intervene(play.node_id, button.id), "a click chose another option"


def test_options_out_of_view_are_counted_and_not_clickable(make_ctx, home):
    """When the options do not all fit, the note counts those out of view, and a click
    where a hidden option would have been does not choose it."""
    ctx = make_ctx((1024, 600), text_size="x-large")
    play = start_play(ctx, ctx.services.catalogue().get("lumbar_puncture"))
    run_until(play, "decision")
    area = panel_regions(ctx, play.layout, play.vm)["buttons"]
    used = play.buttons[-1].rect.bottom - area.y
    panel = play.layout.panel
    play.layout = replace(play.layout, panel=pygame.Rect(panel.x, panel.y, panel.width,
                                                         panel.height - area.height + used // 2))
    play.relayout_buttons(keep_focus=False)
    play.focus.focus(play.buttons[0].id)
    shown, window = shown_buttons(play)
    assert window is not None and window.note is not None, "the squeezed panel still fits all"
    assert window.above == 0 and window.below == len(play.buttons) - len(shown) > 0
    hidden = play.buttons[len(shown)]
    assert all(not b.rect.collidepoint(hidden.rect.center) for b in shown)
    assert play.on_intent(Intent(Act.CLICK, pos=hidden.rect.center)) is None
    play.focus.focus(play.buttons[-1].id)
    shown, window = shown_buttons(play)
    assert shown[-1].id == play.buttons[-1].id and window.above > 0 and window.below == 0
    play.ctx.recorder = []
    play.draw(pygame.Surface(ctx.size))
    note = f"▲ {window.above} more above (Tab or arrows)"
    assert any(p.text == note and not p.scrolled for p in ctx.recorder), "no note drawn"


@pytest.mark.parametrize("size", [(1280, 720), (1024, 600)], ids=str)
def test_at_normal_text_the_cue_stays_in_the_panel(make_ctx, home, size):
    """The cue moves beside the options only when they need it: at normal text the panel
    holds cue and options together, and the narration keeps its whole column."""
    for scenario in make_ctx().services.catalogue().scenarios:
        ctx = make_ctx(size)
        play = start_play(ctx, scenario)
        run_until(play, "decision")
        assert "info" not in panel_regions(ctx, play.layout, play.vm), scenario.id
