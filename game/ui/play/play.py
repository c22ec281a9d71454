"""Play: the vignette runs in real time; the supervisor watches, or steps in.

Simulation time advances by a fixed tick (100 ms) accumulated from the frame clock, never by
the frame time itself, so a session plays the same at 30 or 144 fps and replays exactly.
Key presses become `Intervene`/`Skip` commands returned to the stack, which hands them back
to `apply`; tests assert on the returned commands.

The session's mode decides the rules (`game.app.rules`). Practice: P pauses, M shows the two
ledgers (learning and harm so far), the outcome offers a rewind. Assessment: real time with
no pause at all (time spent under an overlay is caught up afterwards), meters hidden until
the outcome. Either way the result goes into the player's history when the session ends,
written by a background worker (`background`), as the end's solves are prewarmed during play:
the frame in which a vignette ends is an ordinary frame. The consequence card's timing lives
in `consequence_flow`, the trainee rating in `trainee_rating`, and what happens when the log
cannot be written in `recording`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

import pygame

from game.app.rules import TickClock, rules_for
from game.core import events as ev
from game.core.commands import Command
from game.core.engine import CommandRejected
from game.core.model import Scenario
from game.core.view import view
from game.replay.session import RecordedSession
from game.scoring.solver import step_key
from game.store.results import SaveReport, save_abandoned, save_result
from game.ui.kit.button import Button
from game.ui.kit.focus import FocusList
from game.ui.kit.help_keys import PLAY_KEYS
from game.ui.kit.layout import PlayLayout, play_layout
from game.ui.kit.motion import ProcedureMotion, view_for
from game.ui.kit.text import text_height
from game.ui.play import play_draw, play_input, recording, trainee_rating
from game.ui.play.background import Prewarm, ResultSaver, Standby
from game.ui.play.consequence import ConsequenceVM
from game.ui.play.consequence_flow import CardFlow
from game.ui.play.narration import Line, lead_in, narrate, spoken
from game.ui.play.presenters import MetersVM, PlayVM, meters_vm, play_vm, room_text
from game.ui.shell.context import UiContext
from game.ui.shell.input import Intent
from game.ui.shell.scene import Replace, Result, Scene, Transition
from game.ui.shell.screens import open_screen

MAX_LINES = 60
LAST_SECONDS = 3.0
NOTICE_S = 3.0
LATE_KEY = "Too late for a choice: this decision has closed. Read what happened; Enter continues."


class PlayScene(Scene):
    name = "play"
    keymap = PLAY_KEYS
    """R rates the trainee once the vignette has ended (game/ui/kit/help_keys.py)."""
    record_results = True
    """Finished sessions go into the history (the tutorial turns this off)."""

    @property
    def runs_vignette(self) -> bool:
        """Until the vignette has ended (then F1's help has no clock to pause)."""
        return self.vm.phase != "ended"

    def __init__(self, ctx: UiContext, scenario: Scenario, session: RecordedSession,
                 note: str = ""):
        """`note`: a first line for the transcript (why the session starts where it does)."""
        super().__init__(ctx)
        self.scenario = scenario
        self.session = session
        self.mode = session.state.config.mode
        self.rules = rules_for(self.mode)
        self.assessment = not self.rules.pause_allowed
        """Drawn differently: no pause or meters buttons, its own footer."""
        self.show_meters = ctx.settings.show_meters and self.rules.meters_in_play
        self.paused = False
        self.ticks = TickClock(self.rules.catch_up_ms)
        self.time_s = 0.0
        self.opened_at = 0.0
        self.notice, self.notice_until = "", 0.0
        self.saver: ResultSaver | None = None
        """Writes the finished session to the history in the background (see `saved`)."""
        self._unsaved: SaveReport | None = None
        """The report when nothing is written (the tutorial, a log lost mid-session)."""
        self.rating: int | None = None
        """The supervisor's O-SCORE rating of the trainee, given before the outcome."""
        self.clock: Callable[[], int] = pygame.time.get_ticks
        self.last_clock: int | None = None
        self.lines: list[Line] = narrate(scenario, list(session.events), ctx.t)
        if note:
            self.lines.append(Line("window", note))
        self.cards = CardFlow(scenario, self.assessment, ctx.t)
        self.recording_seen = session.recording_problem is not None
        """The storage failure has been answered (or the session started unrecorded)."""
        self.back = 0
        """Narration scrollback: how many of the newest lines are scrolled away."""
        self.focus = FocusList()
        self.option_top = 0
        """How far the decision's option list is scrolled (see `option_list.option_window`)."""
        self.pointer: tuple[int, int] | None = None
        """Where the mouse was last seen (the wheel scrolls what is under it)."""
        self.buttons: list[Button] = []
        self.controls: list[Button] = []
        self.motion = ProcedureMotion(view_for(ctx, scenario.procedure_view),
                                      session.state.procedure)
        self.node_id = ""
        self.story = ""
        """The narration that led to the open decision point, kept while it is open."""
        self.room = room_text(scenario, session.state.config.profile_id, ctx.t)
        self.meters: MetersVM = meters_vm(scenario, session.state, session.params, ctx.t,
                                          session.ledgers())
        self.title_size = ctx.metrics.heading
        """The header title's text size (see `_layout`)."""
        self.layout = self._layout()
        self.vm: PlayVM = play_vm(view(scenario, session.state), t=ctx.t)
        self.prewarm = Prewarm(scenario, session.state.config.profile_id, session.params,
                               attitude=self.record_results) if not session.finished else None
        """The end's solves, computed while the player plays (see `background`)."""
        self.standby = Standby("safetynet-save-result") \
            if self.record_results and not session.finished else None
        """The history save's thread, started now: not in the frame the vignette ends in."""
        if session.writer is not None and not session.finished:
            session.writer.in_background()  # no fsync on the UI thread (issue 17)
        self._sync()

    def _layout(self) -> PlayLayout:
        """The play layout with the header's controls as wide as their labels need."""
        ctx, items = self.ctx, play_draw.control_items(self)
        lay = play_draw.fit_controls(ctx, play_layout(ctx.size, ctx.metrics), items)
        self.title_size = ctx.metrics.heading
        need = self._title_need(lay)
        if need <= lay.header.height:
            return lay
        if need > 2 * ctx.line_height(ctx.metrics.heading, True):
            # A title longer than two heading lines is set at body size (the chosen text
            # size still): at Extra large in 1024x600 three heading lines took the room a
            # decision's narration and cue need (#13). Text never shrinks.
            self.title_size = ctx.metrics.body
            need = self._title_need(lay)
        if need <= lay.header.height:
            return lay
        return play_draw.fit_controls(ctx, play_layout(ctx.size, ctx.metrics, need), items)

    def _title_need(self, lay: PlayLayout) -> int:
        """The header title's height at `title_size`, with room for the longest clock."""
        return text_height(self.ctx.cache, self.ctx.theme.fonts,
                           play_draw.header_title(self, "00:00"), self.title_size,
                           lay.header.width, True)

    # --- state -------------------------------------------------------------------------
    @property
    def notice_text(self) -> str:
        """A passing notice, else the standing "Not recording" line (when it applies)."""
        if self.time_s < self.notice_until:
            return self.notice
        return recording.warning(self.ctx, self.session) if self.record_results else ""

    @property
    def card(self) -> ConsequenceVM | None:
        return self.cards.card

    @property
    def card_until(self) -> float:
        return self.cards.until

    @property
    def saved(self) -> SaveReport | None:
        """What became of the result in the history (None while it is being saved)."""
        return self.saver.report if self.saver is not None else self._unsaved

    def _notify(self, text: str) -> None:
        self.notice, self.notice_until = text, self.time_s + NOTICE_S

    def late_key(self) -> None:
        """A number key while the card is held: the decision it tells about has closed (the
        mistake may come before the countdown ends; players took a lost key for a fault)."""
        self._notify(self.ctx.t(LATE_KEY))

    def _sync(self) -> None:
        """Rebuild the view model (and, when the node changed, the buttons and focus)."""
        v = view(self.scenario, self.session.state)
        sub = 0 if (self.paused or v.finished) else self.ticks.acc_ms
        self.vm = play_vm(v, sub, self.paused, self.ctx.t)
        if v.node_id != self.node_id:
            self.story = lead_in(self.lines) if self.vm.phase == "decision" else ""
        if self.story and self.vm.phase == "decision":
            self.vm = replace(self.vm, narration=self.story)
        if v.node_id != self.node_id or not self.buttons:
            self.node_id = v.node_id
            self.opened_at = self.time_s
            self.relayout_buttons(keep_focus=False)

    def relayout_buttons(self, keep_focus: bool) -> None:
        if self.card is not None:
            self.buttons = [play_draw.continue_button(self.ctx, self.layout)]
        else:
            self.buttons = play_draw.panel_buttons(self.ctx, self.layout, self.vm)
            rate = trainee_rating.rating_button(self)
            if rate is not None:
                self.buttons.append(rate)
        self.controls = play_draw.control_buttons(self)
        ids = [b.id for b in self.buttons]
        current = self.focus.current
        self.focus.set_ids(ids, keep=keep_focus)
        if not keep_focus:
            self.option_top = 0
        if not keep_focus and self.vm.phase == "decision" and self.card is None:
            target = next((o.id for o in self.vm.options if o.is_default), current)
            if target is not None:  # nothing was focused and no option is the default
                self.focus.focus(target)

    def _absorb(self, events: list) -> None:
        if not events:
            return
        learning_before = self.meters.learning
        new = narrate(self.scenario, events, self.ctx.t)
        self.lines.extend(new)
        del self.lines[:-MAX_LINES]
        if self.back:  # scrolled back: the lines being read stay where they are
            self.back = min(self.back + len(new), len(self.lines) - 1)
        self._announce(events, new)
        self._prewarm_decisions(events)
        self.motion.observe(self.session.state.procedure, self.time_s)
        self.meters = meters_vm(self.scenario, self.session.state, self.session.params,
                                self.ctx.t, self.session.ledgers())
        if self.cards.observe(events, learning_before, self.meters.learning,
                              self.session.state.pending is None, self.rules.meters_in_play,
                              self.time_s):
            self.back = 0
            self.buttons = []  # rebuilt by the next _sync: only "Continue" while held
            self._logged()  # a decision settled: live learning records get it now
        if self.session.finished:
            self._record()  # (the prewarm thread is stopped when the scene closes: not
            # woken in the end frame, where every thread woken competes for the frame)

    def release_card(self) -> None:
        """The player has read the card: time runs again; Enter is guarded afresh so the
        press that closed the card cannot also choose at a window that opened under it."""
        self.cards.release()
        if self.notice == self.ctx.t(LATE_KEY):
            self.notice_until = 0.0  # it was about the card
        self.opened_at = self.time_s
        self.relayout_buttons(keep_focus=False)

    def _recording_check(self) -> Transition | None:
        return recording.answer_failure(self)

    def _prewarm_decisions(self, events: list) -> None:
        """Each decision point that opens is analysed in the background for the end's
        review (keyed like `scoring.episode.review_decisions`: the path's step keys)."""
        if self.prewarm is None:
            return
        for event in events:
            if isinstance(event, ev.DecisionOpened):
                history = tuple(step_key(s.node, s.choice) for s in self.session.state.history)
                self.prewarm.decision(event.decision, history)
        if not self.session.finished:  # the end reads what this prepared
            self.prewarm.follow(self.session.state, self.session.walk)

    def scroll(self, amount: int) -> None:
        """Narration scrollback: negative goes back to older lines."""
        self.back = max(0, min(self.back - amount, len(self.lines) - 1))

    def _announce(self, events: list, new: list[Line]) -> None:
        """Sound cues and self-voicing for what just happened (no-ops unless enabled)."""
        services = self.ctx.services
        if services is None:
            return
        for event in events:
            if isinstance(event, ev.DecisionOpened):
                services.cue("window_open")
            elif isinstance(event, ev.HarmOccurred):
                services.cue("harm")
        text = spoken(self.scenario, events, new, self.ctx.t)
        if text:
            services.say(text)

    def _record(self) -> None:
        """Save the finished session to the history, once, in the background. A session
        whose log was lost on the way is not saved: its history row would point at a log
        without its end line."""
        if self.saver is not None or self._unsaved is not None:
            return
        if not self.record_results or recording.failed_mid_session(self.session) is not None:
            self._unsaved = SaveReport(False, None)
            self._logged()
            return
        session = self.session

        def save() -> SaveReport:  # on the saver's thread, once the end line is on disk
            self._logged()  # (the sender's queue is thread-safe)
            return save_result(session)
        self.saver = ResultSaver(save, session.writer, self.standby)

    def _logged(self) -> None:
        """Hand the finished or left log to the live learning-records sender (if any)."""
        if self.record_results and self.session.log_path is not None and self.ctx.services:
            self.ctx.services.session_logged(str(self.session.log_path))

    def outcome_note(self) -> str:
        """Asked each frame by the outcome screen ("Saving..." turns into the answer)."""
        return recording.outcome_note(self)

    def _tick_warning(self, before: float) -> None:
        """One quiet tick when a decision window enters its last three seconds."""
        if self.vm.phase == "decision" and before > LAST_SECONDS >= self.vm.seconds_left \
                and self.ctx.services is not None:
            self.ctx.services.cue("last_seconds")

    def _real_time(self, dt_ms: int) -> int:
        """In assessment, time hidden under an overlay (help, confirm) still counts."""
        now = self.clock()
        gap = dt_ms if self.last_clock is None else now - self.last_clock
        self.last_clock = now
        return max(dt_ms, gap) if self.rules.hidden_time_counts else dt_ms

    # --- scene API -----------------------------------------------------------------------
    def resize(self) -> None:
        self.layout = self._layout()
        self.room = room_text(self.scenario, self.session.state.config.profile_id, self.ctx.t)
        self._sync()
        self.relayout_buttons(keep_focus=True)

    def update(self, dt_ms: int) -> Transition | None:
        dt_ms = self._real_time(dt_ms)
        self.time_s += dt_ms / 1000
        if self.cards.expired(self.time_s):
            self.release_card()  # assessment: a fixed hold, the same for every player
        if not self.paused and self.card is None and not self.session.finished:
            self.ticks.feed(dt_ms)
            while not self.session.finished and self.ticks.due():
                self._absorb(self.session.advance(1))
        if self.session.finished:
            self.ticks.reset()
        before = self.vm.seconds_left if self.vm.phase == "decision" else 0.0
        node = self.node_id
        self._sync()
        if node == self.node_id:
            self._tick_warning(before)
        return self._recording_check()

    def apply(self, command: Command) -> Transition | None:
        try:
            events = self.session.issue(command)
        except CommandRejected:
            return None  # the window closed between the key press and now: nothing to do
        self._absorb(events)
        self._sync()
        return self._recording_check()

    def on_intent(self, intent: Intent) -> Result:
        return play_input.on_intent(self, intent)

    def to_outcome(self) -> Result:
        if self.session.writer is not None and self.session.finished:  # a player faster
            # than the end line's fsync: its failure counts too
            self.session.writer.wait(trainee_rating.SAVE_WAIT_S)
            if (ended := self._recording_check()) is not None:
                return ended  # an assessment whose end line failed ends not recorded
        self._record()
        return Replace(open_screen("outcome", self.ctx, self.scenario, self.session,
                                   note=self.outcome_note))

    def toggle_pause(self) -> None:
        if not self.rules.pause_allowed:
            self._notify(self.ctx.t("No pause in assessment: the clock keeps running."))
            return
        self.paused = not self.paused
        self.resize()

    def toggle_meters(self) -> None:
        if not self.rules.meters_in_play:
            self._notify(self.ctx.t("Meters are hidden in assessment until the outcome."))
            return
        self.show_meters = not self.show_meters
        self.resize()

    def close(self) -> None:
        if self.prewarm is not None:
            self.prewarm.stop()
        if self.standby is not None:
            self.standby.release()  # its thread ends unless it runs the save
        if self.saver is not None:  # the next screen (title, History) reads the history
            self.saver.wait(trainee_rating.SAVE_WAIT_S)
        if self.record_results and not self.session.finished and \
                self.session.log_path is not None and not (self.assessment and
                                                           self.recording_seen):
            save_abandoned(self.session)  # left mid-vignette: recorded, resumable later
            self._logged()
        self.session.close()

    def draw(self, surface: pygame.Surface) -> None:
        play_draw.draw_play(self, surface)
