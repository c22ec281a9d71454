"""Vignette picker: every playable vignette, and every file that cannot be played.

Invalid files are listed with their first `file:line:col` problem and are never hidden: an
author adding a scenario should see at once why it is missing from the playable list.

Vignettes are listed by title (not by file name), each with how often the current profile
played it and its best result. Rows are as tall as their text needs at the chosen text size;
the list scrolls by rows and shows a scroll bar when they do not all fit. The focused
vignette's description beside the list scrolls when it does not fit (Extra large text in a
small window): Page Up / Page Down page it, as the wheel over it does, and the footer says
so only then. A Home button (Esc) goes back to the title menu.
"""

from __future__ import annotations

from dataclasses import replace

import pygame

from game.app.recommend import Mark, current_marks
from game.ui.kit.button import Button, button_need, draw_button
from game.ui.kit.common import (
    draw_footer,
    draw_header,
    menu_intent,
    section,
    section_need,
    text_height,
)
from game.ui.kit.focus import FocusList
from game.ui.kit.help_keys import PICKER_KEYS
from game.ui.kit.layout import (
    PickerLayout,
    keep_in_view,
    picker_layout,
    shown_from,
    split_y,
    stack,
)
from game.ui.kit.panels import bar_width, focus_ring, panel, scroll_bar
from game.ui.kit.vocabulary import mode_name
from game.ui.play.presenters import PickerVM, Tr, picker_vm
from game.ui.shell.context import Metrics, UiContext
from game.ui.shell.input import Act, Intent
from game.ui.shell.scene import Pop, Push, Result, Scene
from game.ui.shell.screens import open_screen

MAX_INVALID_SHOWN = 4
MAX_INVALID_SHARE = 0.44
"""The most of the right-hand column the unplayable files' list takes (it scrolls beyond)."""


def row_title_px(m: Metrics) -> int:
    """Between body and heading: long vignette titles fit one line more often."""
    return (m.heading + m.body) // 2


def by_title(vm: PickerVM) -> PickerVM:
    """The vignettes in the order a reader looks for them: by title (the file ids are an
    author's names, e.g. `npwt_dressing` before `paediatric_fluid_bolus`)."""
    return replace(vm, rows=tuple(sorted(vm.rows, key=lambda r: (r.title.casefold(), r.id))))


def mark_words(mark: Mark, t: Tr) -> str:
    """"played 3× · best: safe, regret 0.4" in the player's language."""
    if mark.best_rating is None:
        return t("played {n}×, not finished", n=mark.played)
    word = {"green": t("safe"), "amber": t("caution"), "red": t("unsafe")}[mark.best_rating]
    return t("played {n}× · best: {word}, regret {regret:.1f}", n=mark.played, word=word,
             regret=float(mark.best_regret or 0.0))


class PickerScene(Scene):
    name = "picker"
    keymap = PICKER_KEYS
    """What F1 lists here (game/ui/kit/help_keys.py)."""

    def __init__(self, ctx: UiContext):
        super().__init__(ctx)
        assert ctx.services is not None
        self.catalogue = ctx.services.catalogue()
        self.vm: PickerVM = by_title(picker_vm(self.catalogue, ctx.t))
        self.focus = FocusList([r.id for r in self.vm.rows] + ["home"])
        self.offset = 0
        self.rows: dict[str, pygame.Rect] = {}
        self.needs: list[int] = []
        self.marks = current_marks()
        """Vignette id -> "played 3x · best: safe, regret 0.4" for the current profile."""

    def resize(self) -> None:
        ctx, m = self.ctx, self.ctx.metrics
        self.vm = by_title(picker_vm(self.catalogue, ctx.t))  # the language may have changed
        self.layout = lay = self._share_right(picker_layout(ctx.size, m, bool(self.vm.invalid)))
        label = ctx.t("Home")
        home_w = min(lay.list.width, round(260 * m.scale))
        home_h = button_need(ctx, label, home_w, "Esc")
        self.home = Button("home", label, pygame.Rect(lay.list.x, lay.list.bottom - home_h,
                                                      home_w, home_h), "Esc")
        self.area = pygame.Rect(lay.list.x, lay.list.y, lay.list.width,
                                self.home.rect.y - m.gap - lay.list.y)
        width = self.area.width - bar_width(ctx) - m.gap
        self.needs = [self._row_need(row_id, width) for row_id in self.focus.ids[:-1]]
        self._place_rows()

    def _share_right(self, lay: PickerLayout) -> PickerLayout:
        """The files that cannot be played take the room their list needs under the
        description, at most MAX_INVALID_SHARE of the column: the description keeps the rest
        (one short problem no longer halves it at Extra large text)."""
        if lay.invalid is None:
            return lay
        m, right = self.ctx.metrics, lay.detail.union(lay.invalid)
        need = section_need(self.ctx, right.width, *self.invalid_text())
        below = min(need, round(right.height * MAX_INVALID_SHARE))
        detail, invalid = split_y(right, right.height - below - m.gap, m.gap)
        return replace(lay, detail=detail, invalid=invalid)

    def _row_need(self, row_id: str, width: int) -> int:
        """Title and facts wrapped to the row at the chosen text size."""
        ctx, m = self.ctx, self.ctx.metrics
        size = row_title_px(m)
        text_w = width - 2 * m.gap - round(size * 1.4)
        row = next(r for r in self.vm.rows if r.id == row_id)
        return 2 * m.gap + text_height(ctx, row.title, size, text_w, True) + \
            text_height(ctx, self._meta(row_id), m.small, text_w)

    def _meta(self, row_id: str) -> str:
        row = next(r for r in self.vm.rows if r.id == row_id)
        mark = self.marks.get(row_id)
        return f"{row.meta} · {mark_words(mark, self.ctx.t)}" if mark else row.meta

    @property
    def visible(self) -> int:
        return shown_from(self.needs, self.ctx.metrics.gap, self.area.height, self.offset)

    @property
    def scrolls(self) -> bool:
        gap = self.ctx.metrics.gap
        return sum(self.needs) + gap * (len(self.needs) - 1) > self.area.height

    def _place_rows(self) -> None:
        """Scroll so the focused row is visible, then give each visible row its rectangle."""
        gap = self.ctx.metrics.gap
        if self.focus.current in self.needs_ids:
            self.offset = keep_in_view(self.needs, gap, self.area.height, self.offset,
                                       self.focus.index)
        shown = self.vm.rows[self.offset:self.offset + self.visible]
        width = self.area.width - (bar_width(self.ctx) + gap if self.scrolls else 0)
        area = pygame.Rect(self.area.x, self.area.y, width, self.area.height)
        heights = self.needs[self.offset:self.offset + len(shown)]
        rects = stack(area, [min(h, area.height) for h in heights], gap)
        self.rows = {row.id: rect for row, rect in zip(shown, rects)}

    @property
    def needs_ids(self) -> list[str]:
        return self.focus.ids[:-1]

    def detail_text(self) -> tuple[str, str] | None:
        """(heading, body) of the focused vignette's description, None on Home."""
        row = next((r for r in self.vm.rows if r.id == self.focus.current), None)
        return None if row is None else (row.title, f"{row.summary}\n\n{row.setting}")

    def detail_box(self) -> pygame.Rect | None:
        """Where the description's body goes in its section (as `section` lays it out)."""
        shown = self.detail_text()
        if shown is None:
            return None
        ctx, m = self.ctx, self.ctx.metrics
        inner = self.layout.detail.inflate(-2 * m.gap, -2 * m.gap)
        head_h = min(inner.height, text_height(ctx, shown[0].upper(), m.small, inner.width,
                                               True))
        top = inner.y + head_h + m.gap // 2
        return pygame.Rect(inner.x, top, inner.width, inner.bottom - top)

    @property
    def detail_scrolls(self) -> bool:
        """The description is taller than its box (the footer then names Page Up / Down)."""
        shown, box = self.detail_text(), self.detail_box()
        return shown is not None and box is not None and \
            text_height(self.ctx, shown[1], self.ctx.metrics.body, box.width) > box.height

    def page_detail(self, pages: int) -> None:
        """Page the description by `pages` boxes (less a line, so the reader keeps their
        place), through the same scroll offsets the wheel moves."""
        box = self.detail_box()
        if box is None:
            return
        lines = max(1, box.height // self.ctx.line_height(self.ctx.metrics.body) - 1)
        self.ctx.scrolls.wheel(box.center, pages * lines)

    def on_intent(self, intent: Intent) -> Result:
        if intent.act is Act.BACK:
            return Pop()
        if intent.act is Act.PAGE:
            self.page_detail(intent.amount)
            return None
        if intent.act is Act.SCROLL and self.vm.rows:
            self.focus.move(1 if intent.amount > 0 else -1)
            if self.focus.current == "home":  # the wheel stays in the list
                self.focus.focus(self.vm.rows[-1].id)
        chosen = None
        if intent.act is Act.CHOOSE:
            ids = list(self.rows)
            chosen = ids[intent.number - 1] if intent.number <= len(ids) else None
        else:
            chosen = menu_intent(self.focus, {**self.rows, "home": self.home.rect}, intent,
                                 (Act.NEXT, Act.DOWN), (Act.PREV, Act.UP))
        self._place_rows()
        if chosen == "home":
            return Pop()
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
        draw_button(ctx, surface, self.home, self.focus.current == "home")
        self._draw_detail(surface)
        if lay.invalid is not None:
            self._draw_invalid(surface, lay.invalid)
        draw_footer(ctx, surface, lay.footer,
                    ctx.t(self.keymap.legend(1 if self.detail_scrolls else 0)))

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
        title_h = min(text.height, text_height(ctx, row.title, size, text.width, True))
        ctx.text(surface, row.title, pygame.Rect(text.x, text.y, text.width, title_h),
                 size, ctx.palette.text, True)
        ctx.text(surface, self._meta(row_id), pygame.Rect(
            text.x, text.y + title_h, text.width, text.height - title_h), m.small,
            ctx.palette.muted)
        if focused:
            focus_ring(ctx, surface, rect)

    def _draw_scroll_marks(self, surface: pygame.Surface) -> None:
        """A scroll bar beside the list, and how many rows are above and below it."""
        ctx, m = self.ctx, self.ctx.metrics
        if not self.scrolls:
            return
        w = bar_width(ctx)
        scroll_bar(ctx, surface, pygame.Rect(self.area.right - w, self.area.y, w,
                                             self.area.height),
                   self.offset, len(self.rows), len(self.vm.rows))
        below = len(self.vm.rows) - self.offset - len(self.rows)
        # Only the sides that hide rows: "0 more above" at the top of the list read as noise.
        parts = [ctx.t("{n} more above", n=self.offset) if self.offset else "",
                 ctx.t("{n} more below", n=below) if below > 0 else ""]
        text = " · ".join(part for part in parts if part)
        box = pygame.Rect(self.home.rect.right + m.gap, self.home.rect.y,
                          self.area.right - self.home.rect.right - m.gap, self.home.rect.height)
        ctx.text(surface, text, box, m.small, ctx.palette.muted, False, "right", "center")

    def _draw_detail(self, surface: pygame.Surface) -> None:
        shown = self.detail_text()
        if shown is not None:
            section(self.ctx, surface, self.layout.detail, *shown)

    def invalid_text(self) -> tuple[str, str]:
        """(heading, body) of the files that cannot be played."""
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
        return label, "\n".join(lines)

    def _draw_invalid(self, surface: pygame.Surface, rect: pygame.Rect) -> None:
        section(self.ctx, surface, rect, *self.invalid_text(), self.ctx.palette.warn)
