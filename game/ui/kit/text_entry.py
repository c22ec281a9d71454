"""A one-field text entry drawn over the scene beneath: facilitator notes and take-aways.

Text arrives as pygame TEXTINPUT events (so accents, dead keys and input methods work);
key presses only edit (Backspace, Delete, arrows, Home/End) or finish: Enter saves through
the callback at once, Esc cancels. The callback returns an error sentence (the entry stays
open and shows it) or None (saved; the entry closes).

Text typed before the entry's first frame is dropped: the key press that opened it ("A",
"E") arrives as a TEXTINPUT event right after its KEYDOWN, in the same batch of events.
"""

from __future__ import annotations

from collections.abc import Callable

import pygame

from game.ui.kit.button import Button, draw_buttons
from game.ui.kit.focus import hit
from game.ui.kit.layout import centred
from game.ui.kit.panels import dim, focus_ring, panel
from game.ui.shell.context import UiContext
from game.ui.shell.scene import Pop, Result, Scene

MAX_CHARS = 400
Saver = Callable[[str], "str | None"]


class TextEntryOverlay(Scene):
    name = "text-entry"
    overlay = True
    takes_text = True
    """Typed characters (including "?") are text here, not shortcuts."""

    def __init__(self, ctx: UiContext, title: str, context: str, save: Saver,
                 initial: str = "", allow_empty: bool = False):
        super().__init__(ctx)
        self.title, self.context, self.save = title, context, save
        self.text = initial
        self.caret = len(initial)
        self.allow_empty = allow_empty
        self.error = ""
        self.blink_ms = 0
        self.ready = False
        """Set by the first update: text before it belongs to the key that opened us."""
        self.buttons: list[Button] = []

    def resize(self) -> None:
        m = self.ctx.metrics
        self.box = centred(self.ctx.size, 0.72, 0.62, min_h=m.button_h * 6)
        inner = self.box.inflate(-2 * m.pad, -2 * m.pad)
        head_h = self.ctx.line_height(m.heading, True) + m.gap
        context_h = self.ctx.line_height(m.small) * 2 + m.gap
        bottom = inner.bottom - m.button_h
        hint_h = self.ctx.line_height(m.small) * 2
        self.head = pygame.Rect(inner.x, inner.y, inner.width, head_h)
        self.context_box = pygame.Rect(inner.x, self.head.bottom, inner.width, context_h)
        field_y = self.context_box.bottom
        self.field = pygame.Rect(inner.x, field_y, inner.width,
                                 bottom - field_y - hint_h - 2 * m.gap)
        self.hint = pygame.Rect(inner.x, self.field.bottom + m.gap, inner.width, hint_h)
        bw = (inner.width - m.gap) // 2
        t = self.ctx.t
        self.buttons = [
            Button("save", t("Save"), pygame.Rect(inner.x, bottom, bw, m.button_h), "Enter"),
            Button("cancel", t("Cancel"), pygame.Rect(inner.right - bw, bottom, bw,
                                                      m.button_h), "Esc")]
        try:
            pygame.key.start_text_input()
            pygame.key.set_text_input_rect(self.field)
        except pygame.error:
            pass  # no text input on this display: the entry still draws, Esc still works

    # --- editing -------------------------------------------------------------------------
    def insert(self, text: str) -> None:
        text = text.replace("\n", " ").replace("\r", "")
        room = MAX_CHARS - len(self.text)
        if room <= 0 or not text:
            return
        text = text[:room]
        self.text = self.text[:self.caret] + text + self.text[self.caret:]
        self.caret += len(text)
        self.error = ""

    def _edit_key(self, key: int) -> None:
        if key == pygame.K_BACKSPACE and self.caret > 0:
            self.text = self.text[:self.caret - 1] + self.text[self.caret:]
            self.caret -= 1
        elif key == pygame.K_DELETE:
            self.text = self.text[:self.caret] + self.text[self.caret + 1:]
        elif key == pygame.K_LEFT:
            self.caret = max(0, self.caret - 1)
        elif key == pygame.K_RIGHT:
            self.caret = min(len(self.text), self.caret + 1)
        elif key == pygame.K_HOME:
            self.caret = 0
        elif key == pygame.K_END:
            self.caret = len(self.text)
        self.blink_ms = 0

    def submit(self) -> Result:
        text = " ".join(self.text.split())
        if not text and not self.allow_empty:
            self.error = self.ctx.t("Type something first, or press Esc to cancel.")
            return None
        problem = self.save(text)
        if problem:
            self.error = problem
            return None
        return Pop()

    def handle_event(self, event: pygame.event.Event) -> Result:
        if event.type == pygame.TEXTINPUT:
            if self.ready:
                self.insert(event.text)
        elif event.type == pygame.KEYDOWN:
            if event.key in (pygame.K_RETURN, pygame.K_KP_ENTER):
                return self.submit()
            if event.key == pygame.K_ESCAPE:
                return Pop()
            self._edit_key(event.key)
        elif event.type == pygame.MOUSEBUTTONUP and getattr(event, "button", 0) == 1:
            item = hit({b.id: b.rect for b in self.buttons}, event.pos)
            if item == "save":
                return self.submit()
            if item == "cancel":
                return Pop()
        return None

    def update(self, dt_ms: int) -> None:
        self.ready = True
        self.blink_ms = (self.blink_ms + dt_ms) % 1000

    # --- drawing -------------------------------------------------------------------------
    def draw(self, surface: pygame.Surface) -> None:
        ctx, m, p = self.ctx, self.ctx.metrics, self.ctx.palette
        dim(surface)
        panel(ctx, surface, self.box, p.panel, p.accent)
        ctx.text(surface, self.title, self.head, m.heading, p.text, True)
        ctx.text(surface, self.context, self.context_box, m.small, p.muted)
        panel(ctx, surface, self.field, p.panel_alt, p.muted)
        focus_ring(ctx, surface, self.field)
        caret = "|" if self.blink_ms < 600 else " "
        shown = self.text[:self.caret] + caret + self.text[self.caret:]
        ctx.text(surface, shown, self.field.inflate(-2 * m.gap, -2 * m.gap), m.body)
        hint = self.error or ctx.t("Type, then Enter to save or Esc to cancel · {n} of {max} "
                                   "characters", n=len(self.text), max=MAX_CHARS)
        ctx.text(surface, hint, self.hint, m.small, p.warn if self.error else p.muted)
        draw_buttons(ctx, surface, self.buttons, "save", m.body)
