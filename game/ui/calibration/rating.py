"""The entrustment rating step: before the outcome, rate the trainee on the O-SCORE.

An overlay with the five published anchors and their descriptions (Gofton et al., Acad Med
2012; word for word in `app.calibration.ANCHORS`), each shown through `t`: the German in
assets/i18n/de.json is our own translation. Everything is at the player's body size or
larger. Number keys 1-5 or a click rate; Esc or S skips (rating is optional).
`on_rated` gets the level, or None when skipped; then the overlay closes.
"""

from __future__ import annotations

from collections.abc import Callable

import pygame
from pygame import Rect

from game.app.calibration import ANCHORS, SCALE_NAME
from game.ui.kit.button import Button, button_need, button_rects, draw_buttons
from game.ui.kit.common import menu_intent, text_height
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
        """Heading and buttons as tall as their words at the chosen text size: one column
        when the six answers fit, else two; a small window gets the whole screen first."""
        m, t = self.ctx.metrics, self.ctx.t
        labels = [(str(level), f"{t(anchor)} · {t(gloss)}") for level, anchor, gloss in ANCHORS]
        labels.append((SKIP, t("Skip: do not rate this time")))
        for fw, fh in ((0.8, 0.9), (0.96, 0.96)):
            self.box = centred(self.ctx.size, fw, fh, min_h=m.button_h * 8)
            inner = self.box.inflate(-2 * m.pad, -2 * m.pad)
            self.head = Rect(inner.x, inner.y, inner.width, self._head_needs(inner.width))
            top = self.head.bottom + m.gap
            for columns in (1, 2):
                rects = self._grid(labels, Rect(inner.x, top, inner.width, inner.bottom - top),
                                   columns)
                if rects is not None:
                    break
            if rects is not None:
                break
        if rects is None:  # nothing fits whole: the last try's rows, each scrolling inside
            rows = (len(labels) + 1) // 2
            bh = max(1, (inner.bottom - top - m.gap * (rows - 1)) // rows)
            w = (inner.width - m.gap) // 2
            rects = [Rect(inner.x + (i // rows) * (w + m.gap), top + (i % rows) * (bh + m.gap),
                          w, bh) for i in range(len(labels))]
        self.buttons = [Button(item, label, rect, "S" if item == SKIP else item)
                        for (item, label), rect in zip(labels, rects, strict=True)]

    def _title(self) -> str:
        return self.ctx.t("Before the outcome: how far would you trust {trainee}?",
                          trainee=self.trainee)

    def _subtitle(self) -> str:
        return self.ctx.t("Rate them on the {scale} (Gofton et al., Acad Med 2012). The game "
                          "knows their true competence and shows how well you read them.",
                          scale=SCALE_NAME)

    def _head_needs(self, width: int) -> int:
        m = self.ctx.metrics
        return text_height(self.ctx, self._title(), m.heading, width, True) + \
            text_height(self.ctx, self._subtitle(), m.body, width)

    def _grid(self, labels: list[tuple[str, str]], area: Rect, columns: int
              ) -> list[Rect] | None:
        """Equal buttons in `columns` columns, filled top to bottom, or None if they do not
        fit `area` whole."""
        m = self.ctx.metrics
        rows = -(-len(labels) // columns)
        w = (area.width - m.gap * (columns - 1)) // columns
        bh = max(button_need(self.ctx, label, w, "S" if item == SKIP else item)
                 for item, label in labels)
        if rows * bh + (rows - 1) * m.gap > area.height:
            return None
        return [Rect(area.x + (i // rows) * (w + m.gap), area.y + (i % rows) * (bh + m.gap),
                     w, bh) for i in range(len(labels))]

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
        ctx, m, p = self.ctx, self.ctx.metrics, self.ctx.palette
        dim(surface)
        panel(ctx, surface, self.box, p.panel, p.accent)
        title_h = text_height(ctx, self._title(), m.heading, self.head.width, True)
        ctx.text(surface, self._title(), Rect(self.head.x, self.head.y, self.head.width,
                                              title_h), m.heading, p.text, True)
        ctx.text(surface, self._subtitle(), Rect(self.head.x, self.head.y + title_h,
                                                 self.head.width, self.head.height - title_h),
                 m.body, p.muted)
        draw_buttons(ctx, surface, self.buttons, self.focus.current, m.body)
