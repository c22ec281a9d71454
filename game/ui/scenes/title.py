"""Title screen: only what works (Start, Quit); nothing greyed out for later."""

from __future__ import annotations

import pygame

from game.ui.context import UiContext
from game.ui.input import Act, Intent
from game.ui.layout import title_layout
from game.ui.scene import Push, Quit, Result, Scene
from game.ui.scenes.common import draw_footer, menu_intent
from game.ui.widgets.button import Button, button_rects, draw_buttons
from game.ui.widgets.focus import FocusList

SUBTITLE = ("You supervise a trainee who is about to make a mistake. Let them learn from it, "
            "or step in: watch, probe, cue, guide or take over.")


class TitleScene(Scene):
    name = "title"

    def __init__(self, ctx: UiContext):
        super().__init__(ctx)
        self.focus = FocusList(["start", "quit"])
        self.buttons: list[Button] = []

    def resize(self) -> None:
        lay = title_layout(self.ctx.size, self.ctx.metrics, 2)
        self.layout = lay
        self.buttons = [Button("start", "Start", lay.buttons[0], "Enter"),
                        Button("quit", "Quit", lay.buttons[1], "Esc")]

    def on_intent(self, intent: Intent) -> Result:
        if intent.act in (Act.BACK, Act.QUIT):
            return Quit()
        chosen = menu_intent(self.focus, button_rects(self.buttons), intent)
        if chosen == "start":
            from game.ui.scenes.picker import PickerScene
            return Push(PickerScene(self.ctx))
        if chosen == "quit":
            return Quit()
        return None

    def draw(self, surface: pygame.Surface) -> None:
        ctx, m, lay = self.ctx, self.ctx.metrics, self.layout
        surface.fill(ctx.palette.background)
        ctx.text(surface, "Safety Net", lay.title, round(m.title * 1.6), ctx.palette.text, True,
                 "center", "center")
        ctx.text(surface, SUBTITLE, lay.subtitle, m.body, ctx.palette.muted)
        draw_buttons(ctx, surface, self.buttons, self.focus.current, m.heading)
        draw_footer(ctx, surface, lay.footer,
                    "Arrows / Tab move · Enter choose · Esc quit · F1 help · F11 full screen")
