"""Briefing: the patient, the supervision distance, the learning objectives, and the choice
of trainee profile, before the clock starts.

Everything is shown at the text size the player chose. When the sections or the trainee
cards do not all fit (large text in a small window), their column scrolls as a debrief
page does (`briefing_blocks`): by blocks, a block cut between two lines of its text where
moving it whole would leave the column's rest empty; Page Up/Down or the wheel over a
column, and the focus brings its card into view; a bar at the column's right and a line
under the last block shown say there is more. No card loses its summary.
"""

from __future__ import annotations

import pygame

from game.core.model import Scenario
from game.ui.debrief.page import Block, PageScroll, draw_placed, place
from game.ui.kit.button import Button, button_need, draw_button
from game.ui.kit.common import draw_footer, draw_header, menu_intent, text_height
from game.ui.kit.focus import FocusList
from game.ui.kit.help_keys import BRIEFING_KEYS
from game.ui.kit.layout import briefing_layout
from game.ui.kit.vocabulary import mode_name
from game.ui.play.briefing_blocks import card_blocks, section_blocks
from game.ui.play.presenters import briefing_vm
from game.ui.shell.context import UiContext
from game.ui.shell.input import Act, Intent
from game.ui.shell.scene import Pop, Push, Result, Scene
from game.ui.shell.screens import open_screen

Placed = list[tuple[Block, pygame.Rect]]


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
        self.pages = {"left": PageScroll(), "right": PageScroll()}
        """Where the sections' and the cards' columns are scrolled to."""
        self.shown: dict[str, Placed] = {"left": [], "right": []}
        self.card_focus: int | None = None
        """The card the right column follows: the focused one, else the last focused or
        chosen (Tab to Start must not scroll the cards back to the top)."""
        self.placed_focus: str | None = None
        """The focus when the columns were last placed (a card the focus moves to is
        followed; a number key's choice is followed even where the mouse rests)."""

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
        self._place()

    def more(self, column: str) -> str:
        """The line under a column's last block shown when more lies below."""
        if column == "left":
            return self.ctx.t("▼ More below: Page Down or the wheel")
        return self.ctx.t("▼ More trainees: Tab or their number")

    def _place(self) -> None:
        """Where the sections and cards shown now go (after every change: drawing only
        draws them). The right column follows the card focused, or chosen by number."""
        ctx, gap = self.ctx, self.ctx.metrics.gap
        ids = [p.id for p in self.vm.profiles]
        if self.focus.current in ids and self.focus.current != self.placed_focus:
            self.card_focus = ids.index(self.focus.current)  # the focus moved to a card
        self.placed_focus = self.focus.current
        self.shown["left"] = place(ctx, self.pages["left"], self.layout.left,
                                   lambda w: section_blocks(ctx, self.sections, w), gap,
                                   None, self.more("left"))
        self.shown["right"] = place(ctx, self.pages["right"], self.cards_area,
                                    lambda w: card_blocks(ctx, self.vm.profiles, self.selected,
                                                          self.focus.current, w),
                                    gap * 2, self.card_focus, self.more("right"))
        self.cards = {}
        for block, rect in self.shown["right"]:  # a card cut in two: the part shown
            pid = ids[block.item] if block.item is not None else ""
            self.cards[pid] = self.cards[pid].union(rect) if pid in self.cards else rect

    def _scroll(self, column: str, amount: int) -> None:
        if self.pages[column].scroll(amount):
            self._place()

    def _select(self, profile_id: str) -> None:
        self.selected = profile_id
        self.card_focus = [p.id for p in self.vm.profiles].index(profile_id)
        self.pages["right"].followed = None  # bring the chosen card into view

    def on_intent(self, intent: Intent) -> Result:
        result = self._on_intent(intent)
        self._place()
        return result

    def _on_intent(self, intent: Intent) -> Result:
        if intent.act is Act.BACK:
            return Pop()
        if intent.act is Act.CHOOSE:
            if intent.number <= len(self.vm.profiles):
                self._select(self.vm.profiles[intent.number - 1].id)
            return None
        if intent.act is Act.HOVER:
            self.mouse = intent.pos
        if intent.act is Act.SCROLL:  # the wheel scrolls the column under the mouse
            over_cards = self.cards_area.collidepoint(self.mouse) and self.pages["right"].scrolls
            self._scroll("right" if over_cards or not self.pages["left"].scrolls else "left",
                         intent.amount)
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

    def scrolls(self) -> bool:
        return self.pages["left"].scrolls or self.pages["right"].scrolls

    def draw(self, surface: pygame.Surface) -> None:
        ctx, m, lay, vm = self.ctx, self.ctx.metrics, self.layout, self.vm
        surface.fill(ctx.palette.background)
        draw_header(ctx, surface, lay.header, vm.title, m.heading)
        draw_placed(ctx, surface, self.pages["left"], lay.left, self.shown["left"],
                    self.more("left"))
        ctx.text(surface, ctx.t("Choose the trainee (1-{n})", n=len(vm.profiles)),
                 lay.profiles_label, m.heading, ctx.palette.text, True, "left", "center")
        draw_placed(ctx, surface, self.pages["right"], self.cards_area, self.shown["right"],
                    self.more("right"))
        draw_button(ctx, surface, self.start_button, self.focus.current == "start")
        hint = self.error or ctx.t("Number key or Enter picks a trainee · Enter on Start "
                                   "begins · Esc back · F1 help")
        if not self.error and self.scrolls():
            hint = ctx.t("Page Up/Down or wheel: more · 1-{n} trainee · Enter start · Esc back",
                         n=len(vm.profiles))
        draw_footer(ctx, surface, lay.footer, hint)
