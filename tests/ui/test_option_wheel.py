"""#13: the mouse wheel scrolls the decision's option list as the keys do.

When the options of a decision point need more room than the panel has (Extra large text
in a 1024x600 window), the list shows the whole buttons that fit. The wheel over the panel
moves it one option a notch; elsewhere it still scrolls the narration back. Driven with
synthetic mouse events through the scene's keymap, as the app delivers them.
"""

from __future__ import annotations

from dataclasses import replace

import pygame

from game.ui.play.option_list import note_height
from game.ui.play.play import PlayScene
from game.ui.play.play_draw import panel_regions, shown_buttons
from game.ui.shell.input import Act, Intent
from tests.ui.helpers import run_until, start_play


def _squeezed(make_ctx) -> PlayScene:
    """A decision whose panel holds three of its five options (as a longer vignette's
    would)."""
    ctx = make_ctx((1024, 600), text_size="x-large")
    play = start_play(ctx, ctx.services.catalogue().get("lumbar_puncture"))
    run_until(play, "decision")
    area = panel_regions(ctx, play.layout, play.vm)["buttons"]
    gap = ctx.metrics.gap
    three = play.buttons[2].rect.bottom - area.y
    want = three + note_height(ctx, area.width) + gap // 2 + gap // 4
    panel = play.layout.panel
    play.layout = replace(play.layout, panel=pygame.Rect(panel.x, panel.y, panel.width,
                                                         panel.height - area.height + want))
    play.relayout_buttons(keep_focus=False)
    play.focus.focus(play.buttons[0].id)
    return play


def _move(play: PlayScene, pos: tuple[int, int]) -> None:
    play.handle_event(pygame.event.Event(pygame.MOUSEMOTION, pos=pos, rel=(0, 0),
                                         buttons=(0, 0, 0)))


def _wheel(play: PlayScene, y: int) -> None:
    play.handle_event(pygame.event.Event(pygame.MOUSEWHEEL, x=0, y=y, flipped=False,
                                         precise_x=0.0, precise_y=float(y)))


def _ids(play: PlayScene) -> list[str]:
    return [b.id for b in shown_buttons(play)[0]]


def test_the_wheel_over_the_panel_scrolls_the_options_one_a_notch(make_ctx, home):
    play = _squeezed(make_ctx)
    all_ids = [b.id for b in play.buttons]
    first = _ids(play)
    assert first == all_ids[:3], f"the squeezed panel should show three options: {first}"
    _move(play, play.layout.panel.center)
    _wheel(play, -1)  # one notch down
    after = _ids(play)
    assert after[0] == all_ids[1], f"one notch should scroll by one option: {after}"
    assert play.focus.current in after, "the focus left the options shown"
    for _ in range(len(all_ids)):
        _wheel(play, -1)
    assert _ids(play)[-1] == all_ids[-1] and shown_buttons(play)[1].below == 0
    _wheel(play, 5)  # five notches up: back to the top, and no further
    assert _ids(play) == first
    assert play.back == 0, "the wheel over the options scrolled the narration too"


def test_the_wheel_and_the_keys_agree_on_the_window(make_ctx, home):
    """Scrolled by wheel, Tab moves on from the focus shown; the window never jumps back."""
    play = _squeezed(make_ctx)
    _move(play, play.layout.panel.center)
    _wheel(play, -2)
    shown = _ids(play)
    focused = play.focus.current
    assert focused == shown[0]
    play.on_intent(Intent(Act.NEXT))
    assert play.focus.current != focused and _ids(play) == shown
    play.on_intent(Intent(Act.PREV))
    play.on_intent(Intent(Act.PREV))  # above the window: it moves up by one, not to the top
    assert play.focus.current == _ids(play)[0]
    assert _ids(play)[0] == [b.id for b in play.buttons][1]


def test_the_wheel_elsewhere_scrolls_the_narration(make_ctx, home):
    play = _squeezed(make_ctx)
    _move(play, play.layout.procedure.center)
    top = _ids(play)
    _wheel(play, 1)  # up: an older line
    assert play.back == 1 and _ids(play) == top


def test_a_click_after_scrolling_chooses_the_option_under_the_pointer(make_ctx, home):
    play = _squeezed(make_ctx)
    _move(play, play.layout.panel.center)
    _wheel(play, -1)
    button = shown_buttons(play)[0][0]
    chosen = play.on_intent(Intent(Act.CLICK, pos=button.rect.center))
    assert chosen is not None and chosen.option == button.id


def test_a_number_key_brings_its_option_into_view(make_ctx, home):
    """Chosen by its key from out of view, the option on its way is shown and ringed."""
    play = _squeezed(make_ctx)
    last = play.vm.options[-1]
    assert last.id not in _ids(play)
    play.handle_event(pygame.event.Event(pygame.KEYDOWN, key=pygame.K_0 + last.key, mod=0,
                                         unicode=str(last.key)))
    assert play.focus.current == last.id and last.id in _ids(play)
