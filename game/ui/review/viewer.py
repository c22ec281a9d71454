"""Replay viewer: scrub a recorded session on a timeline, stop at each decision, annotate.

The log holds only commands; the viewer re-simulates it (replay_model) and shows the
procedure view and narration as they were at the cursor, with the decision panel (every
option's Q-value, chosen vs. the model's choice, regret, the trainee as the supervisor saw
them) while a window is open. From here the facilitator adds notes (A), branches (B) and
opens the debrief (D). The cursor logic is pure (replay_cursor); drawing is replay_draw.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime

import pygame

from game.replay.annotations import Note, add_note
from game.ui.kit.motion import ProcedureMotion, view_for
from game.ui.play.narration import Line
from game.ui.review import track as replay_track
from game.ui.review import viewer_draw as replay_draw
from game.ui.review.cursor import Cursor
from game.ui.review.glossary import GlossaryOverlay
from game.ui.review.keys import VIEWER_KEYS
from game.ui.review.model import DecisionMark, ReplayModel, load_replay
from game.ui.review.presenters import DecisionPanelVM, clock, decision_panel
from game.ui.shell.context import UiContext
from game.ui.shell.input import Act, Intent
from game.ui.shell.scene import Pop, Push, Result, Scene
from game.ui.shell.screens import open_screen

__all__ = ["ReplayViewerScene", "load_replay"]

MESSAGE_MS = 4000


class ReplayViewerScene(Scene):
    name = "replay"
    keymap = VIEWER_KEYS

    def __init__(self, ctx: UiContext, model: ReplayModel):
        super().__init__(ctx)
        self.model = model
        self.cursor = Cursor(model)
        self.time_s = 0.0
        self.message = ""
        self.message_ms = 0
        self.lines: list[Line] = []
        self.panel: DecisionPanelVM | None = None
        self.picture_first = False
        self._body: tuple[tuple, replay_draw.Body] | None = None
        """Where picture and panel show one at a time (Body.compact): the picture (Tab)."""
        self.motion = ProcedureMotion(None if model.scenario is None else
                                      view_for(ctx, model.scenario.procedure_view))
        self._shown = -1
        self._sync()

    # --- state -------------------------------------------------------------------------
    @property
    def decision(self) -> DecisionMark | None:
        return self.cursor.decision_now()

    def _sync(self) -> None:
        """Bring what is shown in line with the cursor (narration, procedure, panel)."""
        upto = self.cursor.upto
        if upto == self._shown:
            return
        self._shown = upto
        self.lines = self.model.lines_at(upto)
        state = self.model.state_at(upto)
        self.motion.observe(state.procedure if state else {}, self.time_s)
        d = self.decision
        if d is not None and (self.panel is None or self.panel.number != d.number):
            self.picture_first = False  # a decision newly shown opens on its panel
        self.panel = None if d is None or self.model.scenario is None else decision_panel(
            self.model.scenario, d.detail, len(self.model.decisions), self.model.profile,
            self.ctx.t)
        if self.panel is not None and d is not None and d.number <= len(self.model.explained):
            moments, why = self.model.explained[d.number - 1]
            self.panel = replace(self.panel, why=why and self.ctx.t("Why: {reason}",
                                                                    reason=why),
                                 moments=moments)

    def body(self) -> replay_draw.Body:
        """Where the picture, narration, panel and notes go in this frame (measured again
        only when what it depends on changes: the layout tries several arrangements)."""
        key = (self.layout, self._shown, self.cursor.position, self.picture_first,
               len(self.model.notes), len(self.model.note_problems), self.ctx.t)
        if self._body is None or self._body[0] != key:
            self._body = (key, replay_draw.body_for(self))
        return self._body[1]

    def swap(self) -> None:
        """Tab: the picture instead of the panel, or back, where only one fits."""
        if self.body().compact:
            self.picture_first = not self.picture_first
        else:
            self.say(self.ctx.t("The picture and the panel are both on screen"))

    def scroll_text(self, rows: int) -> bool:
        """↑/↓: scroll the longest text that scrolls in the panel (else in the narration)
        by a line, as the mouse wheel does over it; False when none scrolls."""
        body = self.body()
        for area in (body.panel, body.narration):
            boxes = [r.box for r in self.ctx.scrolls.regions.values()
                     if area is not None and area.contains(r.box)]
            if boxes:
                box = max(boxes, key=lambda b: b.height)
                return self.ctx.scrolls.wheel(box.center, rows)
        return False

    def say(self, message: str) -> None:
        self.message, self.message_ms = message, MESSAGE_MS

    def resize(self) -> None:
        self.layout = replay_draw.viewer_layout(self.ctx, self.model)

    # --- input (keys: review.keys.VIEWER_KEYS) -------------------------------------------
    def on_intent(self, intent: Intent) -> Result:
        if intent.act is Act.BACK:
            return Pop()
        result: Result = None
        if not self.model.error:
            result = self._act(intent)
        self._sync()
        return result

    def _act(self, intent: Intent) -> Result:
        c, t, act = self.cursor, self.ctx.t, intent.act
        if act is Act.CLICK:
            self._click(intent.pos)
        elif act is Act.PLAY:
            c.toggle_play()
        elif act is Act.STEP:
            c.step(intent.amount)
        elif act is Act.SPEED:
            self.say(t("Speed {n}x", n=c.cycle_speed()))
        elif act is Act.LATER:
            if c.jump(1) is None:
                self.say(t("No later decision point"))
        elif act is Act.EARLIER:
            if c.jump(-1) is None:
                self.say(t("No earlier decision point"))
        elif act is Act.FIRST:
            c.home()
        elif act is Act.LAST:
            c.end()
        elif act is Act.NOTE:
            return Push(self._note_entry())
        elif act is Act.BRANCH:
            return self._branch()
        elif act is Act.DEBRIEF:
            return Push(open_screen("debrief", self.ctx, self.model.path, self.model.find))
        elif act is Act.NEXT:
            self.swap()
        elif act in (Act.UP, Act.DOWN):
            self.scroll_text(-1 if act is Act.UP else 1)
        elif act is Act.GLOSSARY:
            return Push(GlossaryOverlay(self.ctx))
        return None

    def _click(self, pos: tuple[int, int]) -> None:
        for number, rect in replay_track.marker_rects(self).items():
            if rect.inflate(8, 8).collidepoint(pos):
                self.cursor.jump_to(number)
                return
        track = self.layout.track
        if track.collidepoint(pos):
            inner = replay_track.track_span(self)
            fraction = (pos[0] - inner.x) / max(1, inner.width)
            self.cursor.seek(round(fraction * self.model.total_ticks))

    def _note_entry(self) -> Scene:
        from game.ui.kit.text_entry import TextEntryOverlay
        tick = self.cursor.tick
        d = self.decision
        where = self.ctx.t("Note at {time}", time=clock(tick)) + (
            self.ctx.t(" · decision {n}: {cue}", n=d.number, cue=d.detail.cue) if d else "")

        def save(text: str) -> str | None:
            note = Note(tick, text, decision=d.node if d else "",
                        created_at=datetime.now(UTC).isoformat(timespec="seconds"))
            try:
                add_note(self.model.path, note)
            except OSError as exc:
                return self.ctx.t("Could not save the note: {why}", why=exc.strerror or exc)
            self.model.reload_notes()
            self.say(self.ctx.t("Note saved beside the log"))
            return None
        return TextEntryOverlay(self.ctx, self.ctx.t("Add a note"), where, save)

    def _branch(self) -> Result:
        t = self.ctx.t
        d = self.decision
        if d is None:
            self.say(t("Go to a decision point first (→ or N), then press B"))
            return None
        if not self.model.complete:
            self.say(t("Only a finished session can be branched"))
            return None
        return Push(open_screen("branch-chooser", self.ctx, self.model, d))

    def update(self, dt_ms: int) -> None:
        self.time_s += dt_ms / 1000
        self.message_ms = max(0, self.message_ms - dt_ms)
        if self.cursor.advance(dt_ms) is not None:
            self.say(self.ctx.t("Stopped at a decision point · Space continues"))
        self._sync()

    def draw(self, surface: pygame.Surface) -> None:
        replay_draw.draw_viewer(self, surface)

