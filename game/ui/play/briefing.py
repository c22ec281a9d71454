"""Briefing: the patient, the supervision distance, the learning objectives, and the choice
of trainee profile, before the clock starts.

Everything is shown at the text size the player chose. When the sections or the trainee
cards do not all fit (large text in a small window), their column shows whole sections or
cards and scrolls by them: Page Up/Down or the wheel over a column, and the focus moves the
cards into view; a bar at the column's right shows there is more. No card loses its summary.
"""

from __future__ import annotations

from dataclasses import dataclass

import pygame

from game.core.model import Scenario
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
from game.ui.kit.help_keys import BRIEFING_KEYS
from game.ui.kit.layout import (
    briefing_layout,
    keep_in_view,
    last_start,
    share,
    shown_from,
    stack,
)
from game.ui.kit.panels import bar_width, focus_ring, panel, scroll_bar
from game.ui.kit.vocabulary import mode_name
from game.ui.play.presenters import ProfileVM, briefing_vm
from game.ui.shell.context import UiContext
from game.ui.shell.input import Act, Intent
from game.ui.shell.scene import Pop, Push, Result, Scene
from game.ui.shell.screens import open_screen


class BriefingScene(Scene):
    name = "briefing"
    keymap = BRIEFING_KEYS
    """What F1 lists here (game/ui/kit/help_keys.py)."""

    def __init__(self, ctx: UiContext, scenario: Scenario, profile: str | None = None):
        super().__init__(ctx)
        self.scenario = scenario
        self.vm = briefing_vm(scenario, ctx.t)
        ids = [p.id for p in self.vm.profiles]
        self.selected = profile if profile in ids else ids[0]
        self.focus = FocusList(ids + ["start"], current="start")
        self.cards: dict[str, pygame.Rect] = {}
        self.mouse = (0, 0)
        self.error = ""

    def resize(self) -> None:
        ctx, m, t = self.ctx, self.ctx.metrics, self.ctx.t
        self.vm = vm = briefing_vm(self.scenario, ctx.t)  # the language may have changed
        title_h = text_height(ctx, vm.title, m.heading, ctx.size[0] - 2 * m.pad, True)
        self.layout = lay = briefing_layout(ctx.size, m, title_h)
        self.sections = [(t("Patient"), f"{vm.patient}. {vm.patient_summary}"),
                         (t("Setting and supervision"), f"{vm.setting}\n{vm.supervision}"),
                         (t("Learning objectives"), "\n".join(f"• {o}" for o in vm.objectives))]
        label = t("Start the vignette ({mode})", mode=mode_name(ctx.mode, t))
        start_h = button_need(ctx, label, lay.start.width, "Enter")
        start = pygame.Rect(lay.start.x, lay.start.bottom - start_h, lay.start.width, start_h)
        self.start_button = Button("start", label, start, "Enter")
        self.cards_area = pygame.Rect(lay.profiles.x, lay.profiles.y, lay.profiles.width,
                                      start.y - m.gap - lay.profiles.y)
        self.left = self._column(lay.left, [
            section_need(ctx, lay.left.width - bar_width(ctx) - m.gap, head, body)
            for head, body in self.sections], m.gap, "left")
        self.right = self._column(self.cards_area, [
            self._card_need(p, self.cards_area.width - bar_width(ctx) - m.gap)
            for p in vm.profiles], m.gap * 2, "right")
        self._place()

    def _column(self, area: pygame.Rect, needs: list[int], gap: int, name: str) -> Column:
        """A column of blocks at their needed heights; the bar's room only when it scrolls."""
        old = getattr(self, name, None)
        first = old.first if isinstance(old, Column) and len(old.needs) == len(needs) else 0
        scrolls = sum(needs) + gap * (len(needs) - 1) > area.height
        if not scrolls:  # re-measure at the full width, and the spare room goes to the last
            width = area.width
            needs = [self._need(name, i, width) for i in range(len(needs))]
            if name == "left":  # the sections fill the column; the cards are not stretched
                needs = share(area.height, needs, gap)
            return Column(area, needs, gap, 0, False)
        return Column(area, needs, gap, min(first, last_start(needs, gap, area.height)), True)

    def _need(self, column: str, index: int, width: int) -> int:
        if column == "left":
            head, body = self.sections[index]
            return section_need(self.ctx, width, head, body)
        return self._card_need(self.vm.profiles[index], width)

    def _place(self) -> None:
        """The rectangles of the sections and cards shown now."""
        self.section_rects = self.left.rects(bar_width(self.ctx) + self.ctx.metrics.gap)
        cards = self.right.rects(bar_width(self.ctx) + self.ctx.metrics.gap)
        self.cards = {self.vm.profiles[i].id: r for i, r in cards}

    def _card_need(self, profile: ProfileVM, width: int) -> int:
        ctx, m = self.ctx, self.ctx.metrics
        inner_w = width - 2 * m.gap
        head = ctx.line_height(m.body, True) + text_height(
            ctx, f"{profile.level} · {profile.competence}", m.small, inner_w)
        return 2 * m.gap + head + m.gap // 2 + text_height(ctx, profile.summary, m.body,
                                                           inner_w)

    def _scroll(self, column: str, rows: int) -> None:
        col = self.left if column == "left" else self.right
        if col.scrolls:
            last = last_start(col.needs, col.gap, col.area.height)
            col.first = max(0, min(last, col.first + rows))
            self._place()

    def _show_card(self, profile_id: str) -> None:
        index = [p.id for p in self.vm.profiles].index(profile_id)
        col = self.right
        if col.scrolls:
            col.first = keep_in_view(col.needs, col.gap, col.area.height, col.first, index)
            self._place()

    def _select(self, profile_id: str) -> None:
        self.selected = profile_id
        self._show_card(profile_id)

    def on_intent(self, intent: Intent) -> Result:
        if intent.act is Act.BACK:
            return Pop()
        if intent.act is Act.CHOOSE:
            if intent.number <= len(self.vm.profiles):
                self._select(self.vm.profiles[intent.number - 1].id)
            return None
        if intent.act is Act.HOVER:
            self.mouse = intent.pos
        if intent.act is Act.SCROLL:  # the wheel scrolls the column under the mouse
            over_cards = self.cards_area.collidepoint(self.mouse) and self.right.scrolls
            self._scroll("right" if over_cards or not self.left.scrolls else "left",
                         1 if intent.amount > 0 else -1)
            return None
        chosen = menu_intent(self.focus, {**self.cards, "start": self.start_button.rect},
                             intent)
        if self.focus.current not in (None, "start"):
            self._show_card(self.focus.current)  # the focus brings its card into view
        if chosen == "start":
            return self._start()
        if chosen is not None:
            self._select(chosen)
            self.focus.focus("start")
        return None

    def _start(self) -> Result:
        assert self.ctx.services is not None
        try:
            session = self.ctx.services.start_session(self.scenario, self.selected)
        except OSError as exc:
            self.error = self.ctx.t("Cannot start: the log file cannot be written ({reason}).",
                                    reason=exc.strerror or exc)
            return None
        return Push(open_screen("play", self.ctx, self.scenario, session))

    def draw(self, surface: pygame.Surface) -> None:
        ctx, m, lay, vm = self.ctx, self.ctx.metrics, self.layout, self.vm
        surface.fill(ctx.palette.background)
        draw_header(ctx, surface, lay.header, vm.title, m.heading)
        for index, rect in self.section_rects:
            section(ctx, surface, rect, *self.sections[index])
        ctx.text(surface, ctx.t("Choose the trainee (1-{n})", n=len(vm.profiles)),
                 lay.profiles_label, m.heading, ctx.palette.text, True, "left", "center")
        for number, profile in enumerate(vm.profiles, start=1):
            if profile.id in self.cards:
                self._draw_card(surface, profile, self.cards[profile.id], number)
        self.left.draw_bar(ctx, surface, ctx.t("▼ More below: Page Down or the wheel"))
        self.right.draw_bar(ctx, surface, ctx.t("▼ More trainees: Tab or their number"))
        draw_button(ctx, surface, self.start_button, self.focus.current == "start")
        hint = self.error or ctx.t("Number key or Enter picks a trainee · Enter on Start "
                                   "begins · Esc back · F1 help")
        if not self.error and (self.left.scrolls or self.right.scrolls):
            hint = ctx.t("Page Up/Down or wheel: more · 1-{n} trainee · Enter start · Esc back",
                         n=len(vm.profiles))
        draw_footer(ctx, surface, lay.footer, hint)

    def _draw_card(self, surface: pygame.Surface, profile: ProfileVM, rect: pygame.Rect,
                   number: int) -> None:
        ctx, m = self.ctx, self.ctx.metrics
        chosen = profile.id == self.selected
        panel(ctx, surface, rect, ctx.palette.panel_alt if chosen else ctx.palette.panel,
              ctx.palette.accent if chosen else None)
        inner = rect.inflate(-2 * m.gap, -2 * m.gap)
        top_h = ctx.line_height(m.body, True)
        mark = "✔ " + ctx.t("Selected") if chosen else ""
        mark_w = min(inner.width // 2, ctx.theme.fonts.get(m.body, True).size(mark)[0] + 4) \
            if chosen else 0
        ctx.text(surface, f"{number}  {profile.name}",
                 pygame.Rect(inner.x, inner.y, inner.width - mark_w - m.gap // 2, top_h),
                 m.body, ctx.palette.text, True)
        if chosen:
            ctx.text(surface, mark, pygame.Rect(inner.right - mark_w, inner.y, mark_w, top_h),
                     m.body, ctx.palette.accent, True, "right")
        meta = f"{profile.level} · {profile.competence}"
        meta_h = text_height(ctx, meta, m.small, inner.width)
        ctx.text(surface, meta, pygame.Rect(inner.x, inner.y + top_h, inner.width, meta_h),
                 m.small, ctx.palette.muted)
        body = pygame.Rect(inner.x, inner.y + top_h + meta_h + m.gap // 2, inner.width,
                           inner.height - top_h - meta_h - m.gap // 2)
        ctx.text(surface, profile.summary, body, m.body)
        if self.focus.current == profile.id:
            focus_ring(ctx, surface, rect)


@dataclass
class Column:
    """Blocks (sections or cards) in a column at their needed heights; when they do not all
    fit, the column shows whole blocks from `first` on and scrolls by blocks."""

    area: pygame.Rect
    needs: list[int]
    gap: int
    first: int
    scrolls: bool

    def rects(self, bar_room: int) -> list[tuple[int, pygame.Rect]]:
        """(block index, rectangle) of the blocks shown now."""
        if not self.scrolls:
            return list(enumerate(stack(self.area, self.needs, self.gap)))
        count = shown_from(self.needs, self.gap, self.area.height, self.first)
        width = self.area.width - bar_room
        shown, y = [], self.area.y
        for i in range(self.first, self.first + count):
            h = min(self.needs[i], self.area.bottom - y)
            shown.append((i, pygame.Rect(self.area.x, y, width, h)))
            y += h + self.gap
        return shown

    def draw_bar(self, ctx: UiContext, surface: pygame.Surface, more: str) -> None:
        """The scroll bar, and `more` under the last block shown when there are blocks below
        it (so the empty room does not read as the end)."""
        if not self.scrolls:
            return
        count = shown_from(self.needs, self.gap, self.area.height, self.first)
        w = bar_width(ctx)
        scroll_bar(ctx, surface, pygame.Rect(self.area.right - w, self.area.y, w,
                                             self.area.height), self.first, count,
                   len(self.needs))
        note = self.more_rect(ctx, more)
        if note is not None:
            ctx.text(surface, more, note, ctx.metrics.small, ctx.palette.accent, True,
                     "center")

    def more_rect(self, ctx: UiContext, more: str) -> pygame.Rect | None:
        """Where `more` goes: right under the last block shown, so it reads as that block's
        continuation (at the foot of the column it left an empty gap where the next card did
        not fit whole); None when nothing is below or it has no room."""
        if not self.scrolls:
            return None
        count = shown_from(self.needs, self.gap, self.area.height, self.first)
        w = bar_width(ctx)
        shown = self.rects(w + self.gap)
        if len(self.needs) - self.first - count <= 0:
            return None
        top = shown[-1][1].bottom + self.gap if shown else self.area.y
        width = self.area.width - w - self.gap
        need = text_height(ctx, more, ctx.metrics.small, width, True)  # drawn bold
        if self.area.bottom - top < need:
            return None
        return pygame.Rect(self.area.x, top, width, need)
