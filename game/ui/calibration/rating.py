"""The entrustment rating step: before the outcome, rate the trainee on the O-SCORE.

An overlay with the five published anchors (Gofton et al., Acad Med 2012; see
`app.calibration`). Number keys 1-5 or a click rate; Esc or S skips (rating is optional).
`on_rated` gets the level, or None when skipped; then the overlay closes.
"""

from __future__ import annotations

from collections.abc import Callable

import pygame
from pygame import Rect

from game.app.calibration import ANCHORS, SCALE_NAME
from game.ui.kit.button import Button, button_rects, draw_buttons
from game.ui.kit.common import menu_intent
from game.ui.kit.focus import FocusList
from game.ui.kit.help_keys import RATING_KEYS
from game.ui.kit.layout import centred
from game.ui.kit.panels import dim, panel
from game.ui.shell.context import UiContext
from game.ui.shell.input import Act, Intent
from game.ui.shell.scene import Pop, Result, Scene

SKIP = "skip"


class RatingOverlay(Scene):
    name = "entrustment-rating"
    overlay = True
    keymap = RATING_KEYS
    """What F1 lists here (game/ui/kit/help_keys.py)."""

    def __init__(self, ctx: UiContext, trainee: str, on_rated: Callable[[int | None], None]):
        super().__init__(ctx)
        self.trainee, self.on_rated = trainee, on_rated
        self.focus = FocusList([str(level) for level, _, _ in ANCHORS] + [SKIP], current="3")
        self.buttons: list[Button] = []

    def resize(self) -> None:
        m = self.ctx.metrics
        self.box = centred(self.ctx.size, 0.8, 0.9, min_h=m.button_h * 8)
        inner = self.box.inflate(-2 * m.pad, -2 * m.pad)
        head_h = self.ctx.line_height(m.heading, True) * 2 + self.ctx.line_height(m.small) * 2
        self.head = Rect(inner.x, inner.y, inner.width, head_h)
        top = self.head.bottom + m.gap
        n = len(ANCHORS) + 1
        bh = min(round(m.button_h * 1.1), (inner.bottom - top - m.gap * (n - 1)) // n)
        t = self.ctx.t
        labels = [(str(level), f"{t(anchor)} · {t(gloss)}") for level, anchor, gloss in ANCHORS]
        labels.append((SKIP, t("Skip: do not rate this time")))
        self.buttons = [Button(item, label, Rect(inner.x, top + i * (bh + m.gap), inner.width,
                                                 bh), "S" if item == SKIP else item)
                        for i, (item, label) in enumerate(labels)]

    def on_intent(self, intent: Intent) -> Result:
        if intent.act in (Act.BACK, Act.SKIP):  # Esc or S: no rating this time
            return self.finish(None)
        if intent.act is Act.CHOOSE and 1 <= intent.number <= len(ANCHORS):
            return self.finish(intent.number)
        chosen = menu_intent(self.focus, button_rects(self.buttons), intent)
        if chosen is None:
            return None
        return self.finish(None if chosen == SKIP else int(chosen))

    def finish(self, level: int | None) -> Result:
        self.on_rated(level)
        return Pop()

    def draw(self, surface: pygame.Surface) -> None:
        ctx, m, p, t = self.ctx, self.ctx.metrics, self.ctx.palette, self.ctx.t
        dim(surface)
        panel(ctx, surface, self.box, p.panel, p.accent)
        title_h = ctx.line_height(m.heading, True) * 2
        ctx.text(surface, t("Before the outcome: how far would you trust {trainee}?",
                            trainee=self.trainee), Rect(self.head.x, self.head.y,
                                                        self.head.width, title_h),
                 m.heading, p.text, True)
        ctx.text(surface, t("Rate them on the {scale} (Gofton et al., Acad Med 2012). The "
                            "game knows their true competence and shows how well you read "
                            "them.", scale=SCALE_NAME),
                 Rect(self.head.x, self.head.y + title_h, self.head.width,
                      self.head.height - title_h), m.small, p.muted)
        draw_buttons(ctx, surface, self.buttons, self.focus.current, m.small)
