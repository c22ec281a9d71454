"""Overlays drawn over the scene beneath: the help list of every key and a yes/no confirm.

Because only the top scene is updated, an open overlay also freezes the vignette's clock
(except in assessment, where the play scene catches up the time afterwards).
"""

from __future__ import annotations

import pygame

from game.ui.kit.button import Button, button_rects, draw_buttons
from game.ui.kit.common import menu_intent
from game.ui.kit.focus import FocusList
from game.ui.kit.layout import centred
from game.ui.kit.panels import dim, panel, scroll_bar
from game.ui.kit.text import text_height
from game.ui.shell.context import UiContext
from game.ui.shell.input import KEY_HELP, Act, Intent
from game.ui.shell.scene import Pop, Result, Scene, Transition


class HelpOverlay(Scene):
    """The keys of the screen beneath, one row per key at the player's text size.

    Rows are as tall as their text needs; when they do not all fit, the list scrolls by rows
    (arrow keys, Page Up/Down, the wheel) and a bar at its right shows where you are."""

    name = "help"
    overlay = True

    def __init__(self, ctx: UiContext, keys: tuple[tuple[str, str], ...] | None = None,
                 vignette: bool = False):
        super().__init__(ctx)
        self.keys = keys or KEY_HELP
        """The key table to list: the screen's own (its `help_keys`), or the player's."""
        self.vignette = vignette
        """A vignette's clock runs beneath (the scene's `runs_vignette`): only then does the
        footer say what the help does to it (paused; in assessment it keeps running)."""
        self.first = 0
        """Index of the first row shown (the list scrolls by rows)."""

    @classmethod
    def over(cls, ctx: UiContext, screen: Scene | None) -> HelpOverlay:
        """The help F1 opens over `screen`: its own keys, and the clock note only where a
        vignette runs beneath."""
        if screen is None:
            return cls(ctx)
        return cls(ctx, screen.keymap.help_table, vignette=screen.runs_vignette)

    def resize(self) -> None:
        self.box = centred(self.ctx.size, 0.9, 0.92)

    def on_intent(self, intent: Intent) -> Result:
        step = {Act.UP: -1, Act.DOWN: 1, Act.SCROLL: intent.amount}.get(intent.act)
        if step is not None:
            self.first = max(0, min(len(self.keys) - 1, self.first + step))
            return None
        if intent.act in (Act.HELP, Act.BACK, Act.ACTIVATE, Act.CLICK):
            return Pop()
        return None

    def _rows(self, inner: pygame.Rect, key_w: int) -> list[tuple[str, str, int]]:
        """(key, meaning, height) per row, each as tall as its longer text needs."""
        ctx, m = self.ctx, self.ctx.metrics
        fonts, cache = ctx.theme.fonts, ctx.cache
        rows = []
        for key, meaning in self.keys:
            k, v = ctx.t(key), ctx.t(meaning)
            h = max(text_height(cache, fonts, k, m.body, key_w - m.gap, True),
                    text_height(cache, fonts, v, m.body, inner.width - key_w - _BAR))
            rows.append((k, v, h))
        return rows

    def draw(self, surface: pygame.Surface) -> None:
        ctx, m, p = self.ctx, self.ctx.metrics, self.ctx.palette
        dim(surface)
        panel(ctx, surface, self.box, p.panel, p.accent)
        inner = self.box.inflate(-2 * m.pad, -2 * m.pad)
        head_h = ctx.line_height(m.heading, True) + m.gap
        ctx.text(surface, ctx.t("Keys"), pygame.Rect(inner.x, inner.y, inner.width, head_h),
                 m.heading, p.text, True)
        if not self.vignette:  # outcome, debrief, replay viewer, menus: no clock to stop
            hint = ctx.t("Esc, Enter or F1 closes this help.")
        elif ctx.mode == "assessment":
            hint = ctx.t("Esc, Enter or F1 closes this help. In assessment the clock keeps "
                         "running.")
        else:
            hint = ctx.t("Esc, Enter or F1 closes this help. The vignette is paused meanwhile.")
        hint_h = text_height(ctx.cache, ctx.theme.fonts, hint, m.small, inner.width)
        ctx.text(surface, hint, pygame.Rect(inner.x, inner.bottom - hint_h, inner.width,
                                            hint_h), m.small, p.muted)
        area = pygame.Rect(inner.x, inner.y + head_h, inner.width,
                           inner.height - head_h - hint_h - m.gap)
        key_w = round(inner.width * 0.27)
        rows = self._rows(inner, key_w)
        self.first = min(self.first, len(rows) - 1)
        y, shown = area.y, 0
        for key, meaning, h in rows[self.first:]:
            if y + h > area.bottom and shown:
                break
            h = min(h, area.bottom - y)
            ctx.text(surface, key, pygame.Rect(area.x, y, key_w - m.gap, h), m.body, p.accent,
                     True)
            ctx.text(surface, meaning, pygame.Rect(area.x + key_w, y, area.width - key_w - _BAR,
                                                   h), m.body, p.text)
            y, shown = y + h + m.gap // 2, shown + 1
        if shown < len(rows):  # the sign that there is more: a bar the size of what is shown
            scroll_bar(ctx, surface, pygame.Rect(area.right - _BAR // 2, area.y, _BAR // 2,
                                               area.height), self.first, shown, len(rows))


_BAR = 12
"""Room kept at the right of the help's rows for its scroll bar (px)."""


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
