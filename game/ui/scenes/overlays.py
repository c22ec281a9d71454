"""Overlays drawn over the scene beneath: the help list of every key, and a yes/no confirm.

Because only the top scene is updated, an open overlay also freezes the vignette's clock.
"""

from __future__ import annotations

import pygame

from game.ui.context import UiContext
from game.ui.input import KEY_HELP, Act, Intent
from game.ui.layout import centred, stack
from game.ui.scene import Pop, Result, Scene, Transition
from game.ui.scenes.common import menu_intent
from game.ui.widgets.button import Button, button_rects, draw_buttons
from game.ui.widgets.focus import FocusList
from game.ui.widgets.panels import dim, panel


class HelpOverlay(Scene):
    name = "help"
    overlay = True

    def resize(self) -> None:
        self.box = centred(self.ctx.size, 0.84, 0.86)

    def on_intent(self, intent: Intent) -> Result:
        if intent.act in (Act.HELP, Act.BACK, Act.ACTIVATE, Act.CLICK):
            return Pop()
        return None

    def draw(self, surface: pygame.Surface) -> None:
        ctx, m, p = self.ctx, self.ctx.metrics, self.ctx.palette
        dim(surface)
        panel(ctx, surface, self.box, p.panel, p.accent)
        inner = self.box.inflate(-2 * m.pad, -2 * m.pad)
        head_h = ctx.line_height(m.heading, True) + m.gap
        hint_h = ctx.line_height(m.small)
        ctx.text(surface, "Keys", pygame.Rect(inner.x, inner.y, inner.width, head_h),
                 m.heading, p.text, True)
        rows_area = pygame.Rect(inner.x, inner.y + head_h, inner.width,
                                inner.height - head_h - hint_h - m.gap)
        row_h = (rows_area.height - m.gap // 2 * (len(KEY_HELP) - 1)) // len(KEY_HELP)
        key_w = round(inner.width * 0.3)
        for (keys, meaning), row in zip(KEY_HELP, stack(rows_area, [row_h] * len(KEY_HELP),
                                                        m.gap // 2)):
            ctx.text(surface, keys, pygame.Rect(row.x, row.y, key_w - m.gap, row.height),
                     m.body, p.accent, True, "left", "center")
            ctx.text(surface, meaning, pygame.Rect(row.x + key_w, row.y, row.width - key_w,
                                                   row.height), m.body, p.text, False, "left",
                     "center")
        ctx.text(surface, "Esc, Enter or F1 closes this help. The vignette is paused meanwhile.",
                 pygame.Rect(inner.x, inner.bottom - hint_h, inner.width, hint_h), m.small,
                 p.muted)


class ConfirmDialog(Scene):
    """Asks before something that cannot be undone; Esc always means the safe answer (no)."""

    name = "confirm"
    overlay = True

    def __init__(self, ctx: UiContext, question: str, detail: str, yes_label: str,
                 no_label: str, yes: Transition, no: Transition | None = None):
        super().__init__(ctx)
        self.question, self.detail = question, detail
        self.labels = {"no": no_label, "yes": yes_label}
        self.yes, self.no = yes, no or Pop()
        self.focus = FocusList(["no", "yes"], current="no")
        self.buttons: list[Button] = []

    def resize(self) -> None:
        m = self.ctx.metrics
        self.box = centred(self.ctx.size, 0.56, 0.38, min_h=round(m.button_h * 5))
        inner = self.box.inflate(-2 * m.pad, -2 * m.pad)
        bw = (inner.width - m.gap * 2) // 2
        y = inner.bottom - m.button_h
        self.buttons = [
            Button("no", self.labels["no"], pygame.Rect(inner.x, y, bw, m.button_h), "Esc"),
            Button("yes", self.labels["yes"], pygame.Rect(inner.right - bw, y, bw, m.button_h)),
        ]

    def on_intent(self, intent: Intent) -> Result:
        if intent.act is Act.BACK:
            return self.no
        chosen = menu_intent(self.focus, button_rects(self.buttons), intent)
        if chosen == "yes":
            return self.yes
        if chosen == "no":
            return self.no
        return None

    def draw(self, surface: pygame.Surface) -> None:
        ctx, m, p = self.ctx, self.ctx.metrics, self.ctx.palette
        dim(surface)
        panel(ctx, surface, self.box, p.panel, p.warn)
        inner = self.box.inflate(-2 * m.pad, -2 * m.pad)
        head_h = ctx.line_height(m.heading, True) * 2
        ctx.text(surface, self.question, pygame.Rect(inner.x, inner.y, inner.width, head_h),
                 m.heading, p.text, True)
        detail = pygame.Rect(inner.x, inner.y + head_h, inner.width,
                             self.buttons[0].rect.y - inner.y - head_h - m.gap)
        ctx.text(surface, self.detail, detail, m.body, p.muted)
        draw_buttons(ctx, surface, self.buttons, self.focus.current)
