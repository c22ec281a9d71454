"""Vignette picker: every playable vignette, and every file that cannot be played.

Invalid files are listed with their first `file:line:col` problem and are never hidden: an
author adding a scenario should see at once why it is missing from the playable list.
"""

from __future__ import annotations

import pygame

from game.app.recommend import current_marks
from game.ui.kit.common import draw_footer, draw_header, menu_intent, section
from game.ui.kit.focus import FocusList
from game.ui.kit.layout import picker_layout, stack
from game.ui.kit.panels import focus_ring, panel
from game.ui.kit.vocabulary import mode_name
from game.ui.play.presenters import PickerVM, picker_vm
from game.ui.shell.context import Metrics, UiContext
from game.ui.shell.input import Act, Intent
from game.ui.shell.scene import Pop, Push, Result, Scene
from game.ui.shell.screens import open_screen

MAX_INVALID_SHOWN = 4


def row_title_px(m: Metrics) -> int:
    """Between body and heading: long vignette titles fit one line more often."""
    return (m.heading + m.body) // 2


class PickerScene(Scene):
    name = "picker"

    def __init__(self, ctx: UiContext):
        super().__init__(ctx)
        assert ctx.services is not None
        self.catalogue = ctx.services.catalogue()
        self.vm: PickerVM = picker_vm(self.catalogue, ctx.t)
        self.focus = FocusList([r.id for r in self.vm.rows])
        self.offset = 0
        self.rows: dict[str, pygame.Rect] = {}
        self.marks = current_marks()
        """Vignette id -> "played 3x · best: safe, regret 0.4" for the current profile."""

    def resize(self) -> None:
        self.vm = picker_vm(self.catalogue, self.ctx.t)  # the language may have changed
        self.layout = picker_layout(self.ctx.size, self.ctx.metrics, bool(self.vm.invalid))
        self._place_rows()

    @property
    def visible(self) -> int:
        lay, gap = self.layout, self.ctx.metrics.gap
        fits = max(1, (lay.list.height + gap) // (lay.row_h + gap))
        if fits >= len(self.vm.rows):
            return fits
        marks = self.ctx.line_height(self.ctx.metrics.small)  # room for "N more below"
        return max(1, (lay.list.height - marks + gap) // (lay.row_h + gap))

    def _place_rows(self) -> None:
        """Scroll so the focused row is visible, then give each visible row its rectangle."""
        index = max(0, self.focus.index)
        if index < self.offset:
            self.offset = index
        elif index >= self.offset + self.visible:
            self.offset = index - self.visible + 1
        shown = self.vm.rows[self.offset:self.offset + self.visible]
        rects = stack(self.layout.list, [self.layout.row_h] * len(shown), self.ctx.metrics.gap)
        self.rows = {row.id: rect for row, rect in zip(shown, rects)}

    def on_intent(self, intent: Intent) -> Result:
        if intent.act is Act.BACK:
            return Pop()
        if intent.act is Act.SCROLL and self.vm.rows:
            self.focus.move(1 if intent.amount > 0 else -1)
        chosen = None
        if intent.act is Act.CHOOSE:
            ids = list(self.rows)
            chosen = ids[intent.number - 1] if intent.number <= len(ids) else None
        else:
            chosen = menu_intent(self.focus, self.rows, intent, (Act.NEXT, Act.DOWN),
                                 (Act.PREV, Act.UP))
        self._place_rows()
        if chosen is not None:
            scenario = self.catalogue.get(chosen)
            if scenario is not None:
                return Push(open_screen("briefing", self.ctx, scenario))
        return None

    def draw(self, surface: pygame.Surface) -> None:
        ctx, m, lay = self.ctx, self.ctx.metrics, self.layout
        surface.fill(ctx.palette.background)
        draw_header(ctx, surface, lay.header, ctx.t("Choose a vignette ({mode})",
                                                    mode=mode_name(ctx.mode, ctx.t)))
        if not self.vm.rows:
            ctx.text(surface, ctx.t("No playable vignettes. Check the files listed on the "
                                    "right."), lay.list, m.body, ctx.palette.warn)
        for number, (row_id, rect) in enumerate(self.rows.items(), start=1):
            self._draw_row(surface, row_id, rect, number)
        self._draw_scroll_marks(surface)
        self._draw_detail(surface)
        if lay.invalid is not None:
            self._draw_invalid(surface, lay.invalid)
        draw_footer(ctx, surface, lay.footer, ctx.t("Up/Down move · Enter or number key open · "
                                                    "Esc back · F1 help"))

    def _draw_row(self, surface: pygame.Surface, row_id: str, rect: pygame.Rect,
                  number: int) -> None:
        ctx, m = self.ctx, self.ctx.metrics
        row = next(r for r in self.vm.rows if r.id == row_id)
        focused = row_id == self.focus.current
        panel(ctx, surface, rect, ctx.palette.panel_alt if focused else ctx.palette.panel)
        inner = rect.inflate(-2 * m.gap, -2 * m.gap)
        size = row_title_px(m)
        key_w = round(size * 1.4)
        ctx.text(surface, str(number), pygame.Rect(inner.x, inner.y, key_w, inner.height),
                 size, ctx.palette.accent, True, "left", "top")
        text = pygame.Rect(inner.x + key_w, inner.y, inner.width - key_w, inner.height)
        title_h = ctx.line_height(size, True)
        ctx.text(surface, row.title, pygame.Rect(text.x, text.y, text.width, title_h),
                 size, ctx.palette.text, True, min_size=size, truncate=True)
        mark = self.marks.get(row.id)
        meta = f"{row.meta} · {ctx.t(mark.words())}" if mark else row.meta
        ctx.text(surface, meta, pygame.Rect(text.x, text.y + title_h, text.width,
                                                text.height - title_h), m.small,
                 ctx.palette.muted, min_size=m.small, truncate=True)
        if focused:
            focus_ring(ctx, surface, rect)

    def _draw_scroll_marks(self, surface: pygame.Surface) -> None:
        ctx, lay = self.ctx, self.layout
        hidden_above = self.offset
        hidden_below = len(self.vm.rows) - self.offset - len(self.rows)
        if hidden_above or hidden_below:
            text = ctx.t("{above} more above · {below} more below", above=hidden_above,
                         below=hidden_below)
            box = pygame.Rect(lay.list.x, lay.list.bottom - ctx.line_height(ctx.metrics.small),
                              lay.list.width, ctx.line_height(ctx.metrics.small))
            ctx.text(surface, text, box, ctx.metrics.small, ctx.palette.muted, False, "right")

    def _draw_detail(self, surface: pygame.Surface) -> None:
        row = next((r for r in self.vm.rows if r.id == self.focus.current), None)
        if row is not None:
            section(self.ctx, surface, self.layout.detail, row.title,
                    f"{row.summary}\n\n{row.setting}")

    def _draw_invalid(self, surface: pygame.Surface, rect: pygame.Rect) -> None:
        ctx = self.ctx
        shown = self.vm.invalid[:MAX_INVALID_SHOWN]
        lines = ["• " + r.problem + ("  " + ctx.t("(+{n} more)", n=r.count - 1)
                                     if r.count > 1 else "") for r in shown]
        if len(self.vm.invalid) > len(shown):
            lines.append(ctx.t("...and {n} more files: run `safetynet validate` for all "
                               "problems", n=len(self.vm.invalid) - len(shown)))
        n = len(self.vm.invalid)
        label = ctx.t("Cannot be played (1 file)") if n == 1 else \
            ctx.t("Cannot be played ({n} files)", n=n)
        section(ctx, surface, rect, label, "\n".join(lines), ctx.palette.warn)
