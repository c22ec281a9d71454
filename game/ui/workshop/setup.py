"""Workshop setup: the facilitator picks the vignette, the trainee and the workshop's risk weight.

Three sections and a Start button, walked through with Tab (or Enter, which moves on to the
next section, so Enter four times starts the first vignette with the defaults). The session
is started in mode "workshop" with the chosen risk weight in its log header, in the same
logs folder as every other session.

The workshop starts here, so the phones' room opens here (issue 14: "when a workshop starts,
a small web server listens"): the setup screen is the lobby where phones join before the
first vignette, the `join: ` line is printed as it opens, and N (or a click) switches the
optional nicknames on or off (off by default). The room stays open across vignettes and
closes when the facilitator leaves the workshop.
"""

from __future__ import annotations

import pygame

from game.app.sessions import start_session
from game.app.workshop import Workshop
from game.core.model import Scenario
from game.ui.kit.focus import hit
from game.ui.shell.context import UiContext
from game.ui.shell.input import Act, Intent
from game.ui.shell.scene import Pop, Push, Result, Scene, Transition
from game.ui.workshop import setup_draw as draw
from game.ui.workshop import setup_list as vignette_list
from game.ui.workshop.keys import WORKSHOP_SETUP_KEYS
from game.ui.workshop.phones import PhoneRoom
from game.ui.workshop.presenters import DEFAULT_WEIGHT, weight_choices
from game.ui.workshop.room_presenters import join_vm
from game.ui.workshop.setup_cards import CardWindow, card_window, cards_shown
from game.ui.workshop.view import base_of, projector

SECTIONS = ("vignette", "profile", "weight", "start")


class WorkshopSetupScene(Scene):
    name = "workshop-setup"
    keymap = WORKSHOP_SETUP_KEYS

    def __init__(self, ctx: UiContext, scenario_id: str | None = None,
                 profile: str | None = None):
        super().__init__(projector(ctx))
        assert ctx.services is not None
        self.launch = ctx.services.launch
        """--seed and --risk-weight, however the setup was reached (title menu or --mode)."""
        self.scenarios: list[Scenario] = list(ctx.services.catalogue().scenarios)
        ids = [s.id for s in self.scenarios]
        self.index = ids.index(scenario_id) if scenario_id in ids else 0
        risk_weight = self.launch.risk_weight
        self.weights = weight_choices(risk_weight)
        self.weight = float(risk_weight) if risk_weight in self.weights else DEFAULT_WEIGHT
        self.section = "start" if scenario_id in ids else "vignette"
        self.profile = ""
        self._choose_profile(profile)
        self.offset = 0
        self.card_window = CardWindow({})
        """The trainee cards shown (a window of them when they do not all fit)."""
        self.error = ""
        self.phones: PhoneRoom | None = PhoneRoom.start(
            language=lambda: getattr(self.ctx.t, "language", "en"))
        """The phones' room, from the setup screen until the facilitator leaves (None when
        phones are off)."""

    # --- selection -----------------------------------------------------------------------
    @property
    def scenario(self) -> Scenario | None:
        return self.scenarios[self.index] if self.scenarios else None

    def _choose_profile(self, wanted: str | None) -> None:
        ids = [t.id for t in self.scenario.trainees] if self.scenario else []
        self.profile = wanted if wanted in ids else (ids[0] if ids else "")

    def _select_vignette(self, index: int) -> None:
        if not self.scenarios:
            return
        self.index = index % len(self.scenarios)
        self._choose_profile(self.profile)
        self.card_window = CardWindow({})  # another vignette's cards, from its first
        self._place()

    def _move(self, delta: int) -> None:
        """Up/Down (Left/Right for the weight): the next choice within the focused section."""
        if self.section == "vignette":
            self._select_vignette(self.index + delta)
        elif self.section == "profile" and self.scenario is not None:
            ids = [t.id for t in self.scenario.trainees]
            self.profile = ids[(ids.index(self.profile) + delta) % len(ids)]
            self._place()  # the cards' window follows the selected trainee
        elif self.section == "weight":
            i = self.weights.index(self.weight)
            self.weight = self.weights[max(0, min(len(self.weights) - 1, i + delta))]

    def _section_step(self, delta: int) -> None:
        self.section = SECTIONS[(SECTIONS.index(self.section) + delta) % len(SECTIONS)]

    def _number(self, n: int) -> None:
        if self.section == "vignette" and n <= len(self.rows):
            self._select_vignette(list(self.rows)[n - 1])
        elif self.section == "profile" and self.scenario and n <= len(self.scenario.trainees):
            self.profile = self.scenario.trainees[n - 1].id
            self._place()
        elif self.section == "weight" and n <= len(self.weights):
            self.weight = self.weights[n - 1]

    # --- scene API -----------------------------------------------------------------------
    def resize(self) -> None:
        join = join_vm(self.phones, self.ctx.t, lobby=True) if self.phones is not None else None
        most = max((len(s.trainees) for s in self.scenarios), default=1)
        width = draw.setup_layout(self.ctx, join, most).list.width
        row = draw.tallest_row(self.ctx, self.scenarios, width)
        self.layout = draw.setup_layout(self.ctx, join, most, row)
        if join is not None:  # the switch's button gives way where that shows more cards
            bare = draw.setup_layout(self.ctx, join, most, row, switch=False)
            if cards_shown(self.ctx, bare, self.scenarios) > \
                    cards_shown(self.ctx, self.layout, self.scenarios):
                self.layout = bare
        self._place()

    def update(self, dt_ms: int) -> Transition | None:
        if self.phones is not None and self.phones.check():
            self.resize()  # the phone server stopped (or is back): the join box says so
        return None

    @property
    def _lobby(self) -> bool:
        """Phones are on: the setup screen shows how to join and the nickname switch."""
        return self.phones is not None

    def toggle_nicknames(self) -> None:
        if self.phones is not None:
            self.phones.room.allow_nicknames(not self.phones.room.nicknames_allowed)

    def _place(self) -> None:
        """Lay out everything clickable. The selected vignette's summary goes in the right
        column if it fits there whole, else into its row in the list if that fits, else
        nowhere (it never scrolls); the list shows whole rows around the selected one."""
        ctx, lay = self.ctx, self.layout
        self.card_window = card_window(ctx, lay, self.scenario, self.profile,
                                            self.card_window.first)
        self.cards = self.card_window.rects
        about = vignette_list.about_rect(ctx, lay, list(self.cards.values()) + (
            [self.card_window.more] if self.card_window.more is not None else []))
        fits = self.scenario is not None and vignette_list.about_fits(ctx, about, self.scenario)
        self.about: pygame.Rect | None = about if fits else None
        texts = vignette_list.row_texts(ctx, lay, self.scenarios, self.index, summary=not fits)
        space = lay.list.height - ctx.line_height(ctx.metrics.small)
        if texts and not fits and texts[self.index].height > space:
            texts = vignette_list.row_texts(ctx, lay, self.scenarios, self.index, summary=False)
        self.row_texts = texts
        heights = [r.height for r in texts]
        self.offset, count = vignette_list.list_window(ctx, lay, heights, self.index, self.offset) \
            if texts else (0, 0)
        self.rows = vignette_list.row_rects(ctx, lay, self.offset,
                                   heights[self.offset:self.offset + count])
        self.weight_rects = draw.weight_rects(ctx, lay, self.weights)

    def on_intent(self, intent: Intent) -> Result:
        act = intent.act
        if act is Act.NEW:  # N: the nickname switch, a setup-only key
            if self._lobby:
                self.toggle_nicknames()
            return None
        if act is Act.BACK:
            return Pop()
        if act is Act.RESUME and self.phones is not None:  # F5: the phone server again
            self.error = self.phones.restart(self.ctx.t)
            self.resize()
            return None
        if act in (Act.NEXT, Act.PREV):
            self._section_step(1 if act is Act.NEXT else -1)
        elif act in (Act.UP, Act.DOWN):
            self._move(-1 if act is Act.UP else 1)
        elif act in (Act.LEFT, Act.RIGHT):
            step = -1 if act is Act.LEFT else 1
            self._move(step) if self.section == "weight" else self._section_step(step)
        elif act is Act.SCROLL and self.section == "vignette":
            self._select_vignette(self.index + (1 if intent.amount > 0 else -1))
        elif act is Act.CHOOSE:
            self._number(intent.number)
        elif act is Act.ACTIVATE:
            if self.section == "start":
                return self._start()
            self._section_step(1)
        elif act is Act.CLICK:
            return self._click(intent.pos)
        return None

    def _click(self, pos: tuple[int, int]) -> Result:
        row = hit({str(i): r for i, r in self.rows.items()}, pos)
        card = hit(self.cards, pos)
        weight = hit({str(w): r for w, r in self.weight_rects.items()}, pos)
        if row is not None:
            self.section = "vignette"
            self._select_vignette(int(row))
        elif card is not None:
            self.section, self.profile = "profile", card
        elif weight is not None:
            self.section, self.weight = "weight", float(weight)
        elif self.layout.start.collidepoint(pos):
            return self._start()
        elif self.layout.nicknames is not None and self.layout.nicknames.collidepoint(pos):
            self.toggle_nicknames()
        return None

    def _start(self) -> Result:
        scenario = self.scenario
        if scenario is None:
            return None
        from game.ui.workshop.play import WorkshopPlayScene
        try:  # the pace as the settings say now; seed as given at launch; the chosen weight
            session = start_session(scenario, self.profile, "workshop",
                                    self.ctx.settings.pace, self.launch, self.weight)
        except OSError as exc:
            self.error = self.ctx.t("Cannot start: the log file cannot be written ({why}).",
                                    why=exc.strerror)
            return None
        self.error = ""
        workshop = Workshop(scenario, session)
        if self.phones is not None and self.phones.server is not None:
            self.phones.attach(workshop)
        return Push(WorkshopPlayScene(base_of(self.ctx), workshop, phones=self.phones))

    def draw(self, surface: pygame.Surface) -> None:
        draw.draw_setup(self, surface)

    def close(self) -> None:
        """Leaving the workshop stops the phone server (phones then say it has ended)."""
        if self.phones is not None:
            self.phones.stop()
