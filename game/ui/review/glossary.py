"""The glossary overlay: the terms the outcome, replay viewer and debrief use, in plain words.

Opened with G or the Glossary button on those screens (`GLOSSARY_KEY`); the table itself is
`game.replay.glossary`, shared with the report and docs/glossary.md. Each entry is its term
over its meaning at the player's text size; when they do not all fit the list scrolls by
entries (arrow keys, Page Up/Down, the wheel) and says how many more there are.
"""

from __future__ import annotations

import pygame

from game.replay.glossary import glossary
from game.ui.kit.common import text_height
from game.ui.kit.layout import centred
from game.ui.kit.panels import dim, panel
from game.ui.review.keys import GLOSSARY_KEYS
from game.ui.shell.context import UiContext
from game.ui.shell.input import PLAYER_KEYS, Act, Intent
from game.ui.shell.scene import Pop, Result, Scene


class GlossaryOverlay(Scene):
    name = "glossary"
    keymap = PLAYER_KEYS.layer("glossary", GLOSSARY_KEYS)
    overlay = True

    def __init__(self, ctx: UiContext):
        super().__init__(ctx)
        self.entries = glossary(ctx.t)
        self.first = 0
        """Index of the first entry shown (the list scrolls by entries)."""
        self.shown = len(self.entries)

    def resize(self) -> None:
        self.box = centred(self.ctx.size, 0.9, 0.92)

    def on_intent(self, intent: Intent) -> Result:
        step = {Act.UP: -1, Act.DOWN: 1, Act.SCROLL: intent.amount}.get(intent.act)
        if step is not None:
            self.first = max(0, min(len(self.entries) - 1, self.first + step))
            return None
        if intent.act in (Act.BACK, Act.ACTIVATE, Act.CLICK, Act.HELP, Act.GLOSSARY):
            return Pop()
        return None

    def draw(self, surface: pygame.Surface) -> None:
        ctx, m, p, t = self.ctx, self.ctx.metrics, self.ctx.palette, self.ctx.t
        dim(surface)
        panel(ctx, surface, self.box, p.panel, p.accent)
        inner = self.box.inflate(-2 * m.pad, -2 * m.pad)
        head_h = ctx.line_height(m.heading, True) + m.gap
        ctx.text(surface, t("Glossary"), pygame.Rect(inner.x, inner.y, inner.width, head_h),
                 m.heading, p.text, True)
        hint = t("Esc, Enter or G closes the glossary.")
        if self.shown < len(self.entries) or self.first:
            hint = t("↑/↓ more terms ({a}-{b} of {n}) · ", a=self.first + 1,
                     b=self.first + self.shown, n=len(self.entries)) + hint
        hint_h = text_height(ctx, hint, m.small, inner.width)
        ctx.text(surface, hint, pygame.Rect(inner.x, inner.bottom - hint_h, inner.width,
                                            hint_h), m.small, p.muted)
        area = pygame.Rect(inner.x, inner.y + head_h, inner.width,
                           inner.height - head_h - hint_h - m.gap)
        self.shown = self._draw_entries(surface, area)

    def _draw_entries(self, surface: pygame.Surface, area: pygame.Rect) -> int:
        """Entries from `first` down as far as they fit (at least one); how many."""
        ctx, m, p = self.ctx, self.ctx.metrics, self.ctx.palette
        y, shown = area.y, 0
        for term, meaning in self.entries[self.first:]:
            term_h = text_height(ctx, term, m.body, area.width, True)
            body_h = text_height(ctx, meaning, m.body, area.width)
            if y + term_h + body_h > area.bottom and shown:
                break
            ctx.text(surface, term, pygame.Rect(area.x, y, area.width, term_h), m.body,
                     p.accent, True)
            body_h = min(body_h, area.bottom - y - term_h)
            ctx.text(surface, meaning, pygame.Rect(area.x, y + term_h, area.width, body_h),
                     m.body, p.text)
            y, shown = y + term_h + body_h + m.gap, shown + 1
        return shown
