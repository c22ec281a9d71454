"""Briefing: the patient, the supervision distance, the learning objectives, and the choice
of trainee profile, before the clock starts."""

from __future__ import annotations

import pygame

from game.core.model import Scenario
from game.ui.kit.button import Button, draw_button
from game.ui.kit.common import (
    draw_footer,
    draw_header,
    menu_intent,
    section,
    section_need,
    text_height,
)
from game.ui.kit.focus import FocusList
from game.ui.kit.layout import briefing_layout, share, stack
from game.ui.kit.panels import focus_ring, panel
from game.ui.kit.vocabulary import mode_name
from game.ui.play.presenters import ProfileVM, briefing_vm
from game.ui.shell.context import UiContext
from game.ui.shell.input import Act, Intent
from game.ui.shell.scene import Pop, Push, Result, Scene
from game.ui.shell.screens import open_screen


class BriefingScene(Scene):
    name = "briefing"

    def __init__(self, ctx: UiContext, scenario: Scenario, profile: str | None = None):
        super().__init__(ctx)
        self.scenario = scenario
        self.vm = briefing_vm(scenario, ctx.t)
        ids = [p.id for p in self.vm.profiles]
        self.selected = profile if profile in ids else ids[0]
        self.focus = FocusList(ids + ["start"], current="start")
        self.cards: dict[str, pygame.Rect] = {}
        self.compact = False
        self.error = ""

    def resize(self) -> None:
        ctx, m = self.ctx, self.ctx.metrics
        self.layout = lay = briefing_layout(ctx.size, m)
        self.vm = vm = briefing_vm(self.scenario, ctx.t)  # the language may have changed
        t = ctx.t
        self.sections = [(t("Patient"), f"{vm.patient}. {vm.patient_summary}"),
                         (t("Setting and supervision"), f"{vm.setting}\n{vm.supervision}"),
                         (t("Learning objectives"), "\n".join(f"• {o}" for o in vm.objectives))]
        needs = [section_need(ctx, lay.left.width, label, body) for label, body in self.sections]
        self.section_rects = stack(lay.left, share(lay.left.height, needs, m.gap), m.gap)
        card_needs = self._card_needs(lay.profiles)
        heights = share(lay.profiles.height, card_needs, m.gap * 2)
        heights[-1] = min(heights[-1], max(card_needs[-1], heights[0]))  # no stretched card
        rects = stack(lay.profiles, heights, m.gap * 2)
        self.cards = {p.id: r for p, r in zip(vm.profiles, rects)}
        self.start_button = Button("start", t("Start the vignette ({mode})",
                                              mode=mode_name(ctx.mode, t)), lay.start, "Enter")

    def _card_needs(self, area: pygame.Rect) -> list[int]:
        """Every card in full when they fit; otherwise (large text on a small window) only
        the selected trainee's card keeps its summary and the others show name and level."""
        full = [self._card_need(p, area.width) for p in self.vm.profiles]
        if sum(full) + 2 * self.ctx.metrics.gap * (len(full) - 1) <= area.height:
            self.compact = False
            return full
        self.compact = True
        return [need if p.id == self.selected else self._card_need(p, area.width, False)
                for p, need in zip(self.vm.profiles, full)]

    def _card_need(self, profile: ProfileVM, width: int, summary: bool = True) -> int:
        ctx, m = self.ctx, self.ctx.metrics
        head = 2 * m.gap + ctx.line_height(m.body, True) + ctx.line_height(m.small)
        return head + (m.gap // 2 + text_height(ctx, profile.summary, m.body, width - 2 * m.gap)
                       if summary else 0)

    def _select(self, profile_id: str) -> None:
        self.selected = profile_id
        if self.compact:
            self.resize()  # the selected card is the one that shows its summary

    def on_intent(self, intent: Intent) -> Result:
        if intent.act is Act.BACK:
            return Pop()
        if intent.act is Act.CHOOSE:
            if intent.number <= len(self.vm.profiles):
                self._select(self.vm.profiles[intent.number - 1].id)
            return None
        chosen = menu_intent(self.focus, {**self.cards, "start": self.start_button.rect},
                             intent)
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
        for (label, body), rect in zip(self.sections, self.section_rects):
            section(ctx, surface, rect, label, body)
        ctx.text(surface, ctx.t("Choose the trainee (1-{n})", n=len(vm.profiles)),
                 lay.profiles_label, m.heading, ctx.palette.text, True, "left", "center")
        for number, profile in enumerate(vm.profiles, start=1):
            self._draw_card(surface, profile, self.cards[profile.id], number)
        draw_button(ctx, surface, self.start_button, self.focus.current == "start", m.heading)
        hint = self.error or ctx.t("Number key or Enter picks a trainee · Enter on Start "
                                   "begins · Esc back · F1 help")
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
                 pygame.Rect(inner.x, inner.y, inner.width - mark_w, top_h), m.body,
                 ctx.palette.text, True)
        if chosen:
            ctx.text(surface, mark, pygame.Rect(inner.right - mark_w, inner.y, mark_w, top_h),
                     m.body, ctx.palette.accent, True, "right")
        meta_h = ctx.line_height(m.small)
        ctx.text(surface, f"{profile.level} · {profile.competence}",
                 pygame.Rect(inner.x, inner.y + top_h, inner.width, meta_h), m.small,
                 ctx.palette.muted)
        body = pygame.Rect(inner.x, inner.y + top_h + meta_h + m.gap // 2, inner.width,
                           inner.height - top_h - meta_h - m.gap // 2)
        if body.height >= ctx.line_height(m.small):
            ctx.text(surface, profile.summary, body, m.body, truncate=self.compact and not chosen)
        if self.focus.current == profile.id:
            focus_ring(ctx, surface, rect)
