"""Workshop play: the vignette on the projector, frozen at every decision for the room's vote.

The rules (phases, votes, following, going back) are the application layer's `Workshop`
(`game.app.workshop`), which the phones' web server drives too; this scene turns keys into
calls on it, feeds it the fixed 100 ms ticks, and narrates and draws what happens. Time
freezes with no countdown while the facilitator enters the room's vote at the desk
(`VoteDesk`). The consequence is held on screen until the facilitator continues. Scores and
meters stay hidden until revealed. F freezes time anywhere; Backspace goes back to the last
decision's window in a new log that names this one as its parent.
"""

from __future__ import annotations

import pygame

from game.app.rules import WORKSHOP, TickClock
from game.app.workshop import Workshop
from game.core import events as ev
from game.core.commands import Command, Intervene, Skip
from game.core.engine import CommandRejected
from game.replay.session import RecordedSession
from game.ui.kit.card_columns import CardPlan, Part
from game.ui.kit.dialogs import HelpOverlay
from game.ui.kit.focus import FocusList, hit
from game.ui.kit.motion import ProcedureMotion, view_for
from game.ui.play.narration import Line, narrate
from game.ui.play.presenters import room_text
from game.ui.shell.context import UiContext
from game.ui.shell.input import Act, Intent
from game.ui.shell.scene import Push, Replace, Result, Scene, Transition
from game.ui.shell.screens import open_screen
from game.ui.workshop import play_draw as draw
from game.ui.workshop.consequence_card import card_parts, card_stage, scroll_card
from game.ui.workshop.dialogs import go_back, leave_dialog, note_dialog
from game.ui.workshop.keys import WORKSHOP_KEYS
from game.ui.workshop.phones import PhoneRoom
from game.ui.workshop.presenters import MetersVM, meters_vm
from game.ui.workshop.view import base_of, projector
from game.ui.workshop.vote import VoteDesk

MAX_LINES = 40
COUNTDOWN_S = 30
"""C: seconds the phones have left to vote (a room votes in well under a minute)."""
FACILITATOR_ACTS = frozenset({Act.FREEZE, Act.REVEAL, Act.METERS, Act.HOT_SEAT, Act.COUNTDOWN,
                              Act.UNVOTE, Act.SKIP_BACK, Act.NOTE, Act.RESUME})


class WorkshopPlayScene(Scene):
    name = "workshop-play"
    keymap = WORKSHOP_KEYS

    @property
    def runs_vignette(self) -> bool:
        """The projector's vignette is paused while F1's help is open."""
        return True

    def __init__(self, ctx: UiContext, workshop: Workshop, message: str = "",
                 phones: PhoneRoom | None = None):
        """`message`: what to tell the room first (e.g. that the story went back); `phones`:
        the room of phones voting, if the workshop has one."""
        super().__init__(projector(ctx))
        self.workshop = workshop
        self.phones = phones
        scenario = self.scenario = workshop.scenario
        session = workshop.session
        self.meters_shown = False
        self.score_shown = False
        self.ticks = TickClock(WORKSHOP.catch_up_ms)
        self.time_s = 0.0
        self.message = message
        self._meters: tuple[object, MetersVM] | None = None
        self.focus = FocusList()
        self.view = view_for(self.ctx, scenario.procedure_view)
        self.room = room_text(scenario, session.state.config.profile_id, self.ctx.t)
        self.layout = draw.stage_layout(self.ctx, "running", scenario.title)
        self._desk: VoteDesk | None = None
        self._adopt(narrate(scenario, list(session.events), self.ctx.t))

    # --- state -------------------------------------------------------------------------
    def _adopt(self, lines: list[Line]) -> None:
        """Show the workshop's session from here on (at the start, or after going back)."""
        state = self.workshop.session.state
        self.lines = lines[-MAX_LINES:]
        self.consequence: list[Line] | None = None
        self.card: list[Part] = []
        """The held consequence card's parts (`consequence_card.card_parts`)."""
        self.card_plan: CardPlan | None = None
        """Where its parts go when the card covers the stage too (None: the panel alone)."""
        self.motion = ProcedureMotion(self.view, state.procedure)
        self._refresh()

    @property
    def session(self) -> RecordedSession:
        return self.workshop.session

    @property
    def frozen(self) -> bool:
        return self.workshop.frozen

    @property
    def desk(self) -> VoteDesk | None:
        """The desk for the workshop's open ballot (a new one for each ballot)."""
        ballot = self.workshop.ballot if self.workshop.phase == "vote" else None
        if ballot is None:
            self._desk = None
        elif self._desk is None or self._desk.ballot is not ballot:
            self._desk = VoteDesk(self.scenario, ballot, self.ctx.t, self.workshop.touch)
        return self._desk

    @property
    def phase(self) -> str:
        """"running", "vote", "consequence" or "ended" (the consequence is shown first)."""
        return self.workshop.phase

    @property
    def held(self) -> bool:
        """Time stands still: frozen by the facilitator, or waiting for the room."""
        return self.workshop.held

    @property
    def meters(self) -> MetersVM:
        """Learning and harm so far, worked out again only when the state has changed."""
        state = self.session.state
        if self._meters is None or self._meters[0] is not state:
            self._meters = (state, meters_vm(self.scenario, state, self.ctx.t))
        return self._meters[1]

    def _refresh(self) -> None:
        """Re-layout for the phase and rebuild the buttons and the focus order."""
        phase, title, meters = self.phase, self.scenario.title, self._meters_lines()
        desk = self.desk if phase == "vote" else None
        self.card_plan = None
        if desk is not None:
            self.layout = draw.vote_layout(self.ctx, title, desk, draw.room_of(self), meters)
        elif phase == "consequence" and self.card:
            self.layout, self.card_plan = card_stage(self.ctx, lambda split: draw.stage_layout(
                self.ctx, phase, title, "", meters, split=split), self.card, self.meters_shown)
        else:
            self.layout = draw.stage_layout(self.ctx, phase, title, "", meters)
        self.buttons = draw.stage_buttons(self.ctx, self.layout, self)
        if phase != "vote":
            ids = [b.id for b in self.buttons]
            keep = self.focus.current in ids
            self.focus.set_ids(ids, keep=keep)
            if not keep and ids:
                self.focus.focus(ids[0])

    def _meters_lines(self) -> tuple[str, ...]:
        """What the meters band shows now (its height follows the words)."""
        if not self.meters_shown:
            return (self.ctx.t("Meters hidden · M shows them"),)
        return (self.meters.learning_text, self.meters.harm_text)

    def _absorb(self, events: list) -> None:
        if not events:
            return
        self.lines.extend(narrate(self.scenario, events, self.ctx.t))
        del self.lines[:-MAX_LINES]
        self.motion.observe(self.session.state.procedure, self.time_s)
        services = self.ctx.services
        if services is not None:
            if any(isinstance(e, ev.DecisionOpened) for e in events):
                services.cue("window_open")
            if any(isinstance(e, ev.HarmOccurred) for e in events):
                services.cue("harm")

    # --- scene API -----------------------------------------------------------------------
    def resize(self) -> None:
        self._refresh()

    def update(self, dt_ms: int) -> Transition | None:
        self.time_s += dt_ms / 1000
        if self.phones is not None and self.phones.poll() and self.desk is not None:
            self.desk.refresh()  # phones changed the counts: the panel's view model follows
        if self.phones is not None and self.phones.check():
            self._refresh()  # the phone server stopped (or is back): the panels say so
        if self.held:
            self.ticks.reset()
            return None
        self.ticks.feed(dt_ms)
        phase = self.phase
        while not self.held and self.ticks.due():
            self._absorb(self.workshop.advance(1))
        self._show_consequence()
        if self.phase != phase:
            self._refresh()
        return None

    def apply(self, command: Command) -> Transition | None:
        try:
            events = self.workshop.issue(command)  # records the vote before an Intervene
        except CommandRejected:
            return None
        self._absorb(events)
        if isinstance(command, Intervene):
            self.focus.current = None
        self._show_consequence()
        self._refresh()
        return None

    def _show_consequence(self) -> None:
        """Once the room's choice has acted, its consequence is what the screen holds."""
        if self.workshop.consequence is not None and self.consequence is None:
            self.consequence = narrate(self.scenario, self.workshop.consequence, self.ctx.t)
            self.card = card_parts(self.scenario, self.workshop.consequence, self.ctx.t)

    def on_workshop(self, w: Intent) -> Result:
        """The facilitator's keys (`WORKSHOP_KEYS`): freeze, reveal, hot seat, votes back."""
        self.message = ""
        desk = self.desk if self.phase == "vote" else None
        if w.act is Act.FREEZE:
            self.workshop.toggle_freeze()
        elif w.act is Act.REVEAL and desk is not None:
            desk.toggle_reveal()
        elif w.act is Act.REVEAL and self.phase == "ended":
            self.score_shown = not self.score_shown
        elif w.act in (Act.REVEAL, Act.METERS):
            self.meters_shown = not self.meters_shown
        elif w.act is Act.HOT_SEAT and desk is not None:
            desk.toggle_hot_seat()
        elif w.act is Act.COUNTDOWN and desk is not None and self.phones is not None \
                and self.phones.server is not None and not desk.revealed:
            self.phones.room.countdown(COUNTDOWN_S)
            self.message = self.ctx.t("Phones: the vote closes in {s} seconds.", s=COUNTDOWN_S)
        elif w.act is Act.UNVOTE and desk is not None:
            desk.add(desk.option(w.number), -1)
        elif w.act is Act.SKIP_BACK:
            self.go_back()
        elif w.act is Act.NOTE:
            return self._note()
        elif w.act is Act.RESUME and self.phones is not None:
            self.message = self.phones.restart(self.ctx.t)
        self._refresh()
        return None

    def on_intent(self, intent: Intent) -> Result:
        act, phase = intent.act, self.phase
        if act in FACILITATOR_ACTS:
            return self.on_workshop(intent)
        if act is Act.BACK:
            return self._confirm_leave()
        if act is Act.PAUSE or (act is Act.AWAY and not self.frozen):
            return self.on_workshop(Intent(Act.FREEZE))
        if phase == "vote" and self.desk is not None:
            return self._vote_intent(self.desk, intent)
        if act in (Act.SKIP, Act.RIGHT) and phase == "running":
            return self._skip()
        if act in (Act.UP, Act.DOWN) and phase == "consequence" and \
                scroll_card(self, -1 if act is Act.UP else 1):
            return None  # more of the card; where nothing scrolls, the focus moves
        if act in (Act.CLICK, Act.HOVER):
            item = hit({b.id: b.rect for b in self.buttons}, intent.pos)
            if item is not None:
                self.focus.focus(item)
            return self._activate(item) if act is Act.CLICK else None
        if act in (Act.NEXT, Act.DOWN):
            self.focus.move(1)
        elif act in (Act.PREV, Act.UP):
            self.focus.move(-1)
        elif act is Act.ACTIVATE:
            return self._activate(self.focus.current)
        return None

    def _vote_intent(self, desk: VoteDesk, intent: Intent) -> Result:
        act = intent.act
        if act is Act.CHOOSE:
            desk.number(intent.number)
        elif act in (Act.UP, Act.DOWN):
            desk.step(1 if act is Act.UP else -1)
        elif act in (Act.NEXT, Act.RIGHT):
            desk.focus.move(1)
        elif act in (Act.PREV, Act.LEFT):
            desk.focus.move(-1)
        elif act in (Act.CLICK, Act.HOVER):
            item = hit(draw.vote_click_targets(self), intent.pos)
            if item is None:
                return self._activate(hit({b.id: b.rect for b in self.buttons}, intent.pos)) \
                    if act is Act.CLICK else None
            if act is Act.HOVER:
                if item in desk.focus.ids:
                    desk.focus.focus(item)
                return None
            return self._follow(desk.activate(item))
        elif act is Act.ACTIVATE:
            return self._follow(desk.activate(desk.focus.current))
        self._refresh()
        return None

    def _follow(self, option: str | None) -> Result:
        self._refresh()
        if option is None or self.desk is None:
            return None
        return Intervene(self.desk.vote.decision, option)

    def _skip(self) -> Result:
        return Skip() if self.workshop.can_skip else None

    def _activate(self, item: str | None) -> Result:
        if item == "skip":
            return self._skip()
        if item == "freeze":
            return self.on_workshop(Intent(Act.FREEZE))
        if item == "help":
            return Push(HelpOverlay(base_of(self.ctx), WORKSHOP_KEYS.help_table,
                                    vignette=True))
        if item == "continue":
            self.consequence, self.card = None, []
            self.workshop.go_on()
            self._refresh()
        elif item == "summary":
            return Replace(open_screen("workshop-end", base_of(self.ctx), self.workshop,
                                       phones=self.phones))
        return None

    def go_back(self) -> None:
        """Backspace: a new session at the window opening of the last decision taken."""
        went, said = go_back(base_of(self.ctx), self.workshop)
        if went:
            node = self.scenario.node(self.session.state.node_id)
            self._adopt(self.lines + [Line("window", said), Line("narration", node.text)])
        self.message = said

    def _note(self) -> Result:
        if self.session.log_path is None:
            return None
        desk = self.desk
        return note_dialog(base_of(self.ctx), self.session.log_path, self.session.state.tick,
                           draw.clock_text(self), desk.vote.decision if desk else "",
                           desk.vm.cue if desk else "", self._say)

    def _say(self, message: str) -> None:
        self.message = message

    def _confirm_leave(self) -> Result:
        return leave_dialog(base_of(self.ctx), self.session.finished)

    def close(self) -> None:
        self.workshop.close()

    def draw(self, surface: pygame.Surface) -> None:
        draw.draw_stage(self, surface)
