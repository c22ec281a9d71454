"""Overlays drawn over the scene beneath: the help list of every key and a yes/no confirm.

Because only the top scene is updated, an open overlay also freezes the vignette's clock
(except in assessment, where the play scene catches up the time afterwards).
"""

from __future__ import annotations

import pygame

from game.ui.kit.button import Button, button_rects, draw_buttons
from game.ui.kit.common import menu_intent
from game.ui.kit.focus import FocusList
from game.ui.kit.layout import centred, stack
from game.ui.kit.panels import dim, panel
from game.ui.kit.text import fit_text_sized
from game.ui.shell.context import UiContext
from game.ui.shell.input import KEY_HELP, Act, Intent
from game.ui.shell.scene import Pop, Result, Scene, Transition


class HelpOverlay(Scene):
    name = "help"
    overlay = True

    def __init__(self, ctx: UiContext, keys: tuple[tuple[str, str], ...] | None = None):
        super().__init__(ctx)
        self.keys = keys or KEY_HELP
        """The key table to list: the player's, or a mode's own (the workshop's)."""

    def resize(self) -> None:
        self.box = centred(self.ctx.size, 0.9, 0.92)

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
        ctx.text(surface, ctx.t("Keys"), pygame.Rect(inner.x, inner.y, inner.width, head_h),
                 m.heading, p.text, True)
        rows_area = pygame.Rect(inner.x, inner.y + head_h, inner.width,
                                inner.height - head_h - hint_h - m.gap)
        row_h = (rows_area.height - m.gap // 2 * (len(self.keys) - 1)) // len(self.keys)
        key_w = round(inner.width * 0.27)
        rows = stack(rows_area, [row_h] * len(self.keys), m.gap // 2)
        keys = [(ctx.t(k), pygame.Rect(r.x, r.y, key_w - m.gap, r.height))
                for (k, _), r in zip(self.keys, rows)]
        meanings = [(ctx.t(v), pygame.Rect(r.x + key_w, r.y, r.width - key_w, r.height))
                    for (_, v), r in zip(self.keys, rows)]
        for column, colour, bold in ((keys, p.accent, True), (meanings, p.text, False)):
            size = common_size(ctx, column, m.body, bold)  # one size per column: a calm table
            for text, box in column:
                ctx.text(surface, text, box, size, colour, bold, "left", "center")
        hint = ctx.t("Esc, Enter or F1 closes this help. In assessment the clock keeps "
                     "running.") if ctx.mode == "assessment" else \
            ctx.t("Esc, Enter or F1 closes this help. The vignette is paused meanwhile.")
        ctx.text(surface, hint, pygame.Rect(inner.x, inner.bottom - hint_h, inner.width,
                                            hint_h), m.small, p.muted)


def common_size(ctx: UiContext, items: list[tuple[str, pygame.Rect]], size: int,
                bold: bool) -> int:
    """The largest size (at most `size`) at which every text fits its box."""
    floor = max(11, round(size * 0.7 / max(1.0, ctx.theme.fonts.scale)))
    return min((fit_text_sized(ctx.cache, ctx.theme.fonts, text, size, ctx.palette.text, box,
                               bold, floor)[1] for text, box in items), default=size)


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
