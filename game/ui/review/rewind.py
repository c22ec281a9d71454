"""Practice's rewind chooser: pick an earlier decision and play on from its window.

The new attempt is a log of its own (`game.app.rewind.rewind_practice`), so the first attempt
stays as it was and both can be replayed.
"""

from __future__ import annotations

import pygame
from pygame import Rect

from game.app.rewind import RewindError, rewind_practice
from game.app.rules import rules_for
from game.core.model import Decision, Scenario
from game.replay.session import RecordedSession
from game.ui.kit.button import Button, button_need, button_rects, draw_buttons
from game.ui.kit.common import menu_intent, text_height
from game.ui.kit.focus import FocusList
from game.ui.kit.layout import centred, even_rows
from game.ui.kit.panels import dim, panel
from game.ui.play.presenters import level_name
from game.ui.shell.context import UiContext
from game.ui.shell.input import Act, Intent
from game.ui.shell.scene import Pop, Replace, Result, Scene
from game.ui.shell.screens import open_screen


def can_rewind(session: RecordedSession) -> bool:
    """Where the mode offers it (practice), and only a finished, logged session with at
    least one decision."""
    return (rules_for(session.state.config.mode).rewind_offered and session.finished
            and session.log_path is not None
            and any(step.kind == "decision" for step in session.state.history))


class RewindDialog(Scene):
    """Practice: choose an earlier decision and play on from the moment its window opened.

    The new attempt is a branch log of its own (its header names this log as its parent with
    kind "rewind"), so the first attempt stays as it was and both can be replayed.
    """

    name = "rewind"
    overlay = True

    def __init__(self, ctx: UiContext, scenario: Scenario, session: RecordedSession):
        super().__init__(ctx)
        self.scenario, self.session = scenario, session
        steps = [s for s in session.state.history if s.kind == "decision"]
        self.rows = [rewind_label(ctx, scenario, n, s.node, s.choice)
                     for n, s in enumerate(steps, start=1)]
        self.focus = FocusList([str(n) for n in range(len(self.rows))] + ["cancel"])
        self.error = ""
        self.buttons: list[Button] = []

    def texts(self) -> tuple[str, str]:
        t = self.ctx.t
        return t("Rewind to which decision?"), t(
            "You play on from the moment its window opened. The new attempt is logged "
            "separately; this one is kept.")

    def resize(self) -> None:
        """Heading, explanation and every decision button as tall as their words (the
        buttons one size); the box as tall as they are together."""
        ctx, m, t = self.ctx, self.ctx.metrics, self.ctx.t
        box = centred(ctx.size, 0.8, 0.92)
        inner = box.inflate(-2 * m.pad, -2 * m.pad)
        heading, body = self.texts()
        self.heading_h = text_height(ctx, heading, m.heading, inner.width, True)
        head_h = self.heading_h + text_height(ctx, body, m.body, inner.width)
        row_h = max([button_need(ctx, label, inner.width, str(n + 1))
                     for n, label in enumerate(self.rows)] or [m.button_h])
        cancel_h = button_need(ctx, t("Cancel"), inner.width // 3, "Esc")
        rows_h = len(self.rows) * (row_h + m.gap)
        used = min(head_h + m.gap + rows_h + cancel_h, ctx.size[1] - 2 * m.pad)
        self.box = Rect(box.x, (ctx.size[1] - used - 2 * m.pad) // 2, box.width,
                        used + 2 * m.pad)
        inner = self.box.inflate(-2 * m.pad, -2 * m.pad)
        area = Rect(inner.x, inner.y + head_h + m.gap, inner.width,
                    inner.height - head_h - 2 * m.gap - cancel_h)
        rects = even_rows(area, len(self.rows), m.gap, row_h)
        self.buttons = [Button(str(n), label, rect, str(n + 1))
                        for n, (label, rect) in enumerate(zip(self.rows, rects))]
        cancel = Rect(inner.right - inner.width // 3, inner.bottom - cancel_h,
                      inner.width // 3, cancel_h)
        self.buttons.append(Button("cancel", t("Cancel"), cancel, "Esc"))
        self.head = Rect(inner.x, inner.y, inner.width, head_h)
        self.error_box = Rect(inner.x, cancel.y, cancel.x - inner.x - m.gap, cancel_h)

    def on_intent(self, intent: Intent) -> Result:
        if intent.act is Act.BACK:
            return Pop()
        if intent.act is Act.CHOOSE:
            return self._rewind(intent.number - 1) if intent.number <= len(self.rows) else None
        chosen = menu_intent(self.focus, button_rects(self.buttons), intent)
        if chosen == "cancel":
            return Pop()
        return self._rewind(int(chosen)) if chosen is not None else None

    def _rewind(self, index: int) -> Result:
        """A live session at decision `index`'s window opening, in the play scene."""
        try:
            live = rewind_practice(self.session, index)
        except RewindError as exc:
            self.error = self.ctx.t("Cannot rewind: {reason}", reason=str(exc))
            return None
        note = self.ctx.t("Rewound to decision {n}: the window has just opened. Choose again.",
                          n=index + 1)
        return Replace(open_screen("play", self.ctx, self.scenario, live, note=note))

    def draw(self, surface: pygame.Surface) -> None:
        ctx, m, p = self.ctx, self.ctx.metrics, self.ctx.palette
        dim(surface)
        panel(ctx, surface, self.box, p.panel, p.accent)
        heading, body = self.texts()
        ctx.text(surface, heading, Rect(self.head.x, self.head.y, self.head.width,
                                        self.heading_h), m.heading, p.text, True)
        ctx.text(surface, body, Rect(self.head.x, self.head.y + self.heading_h, self.head.width,
                                     self.head.height - self.heading_h), m.body, p.muted)
        draw_buttons(ctx, surface, self.buttons, self.focus.current)
        if self.error:
            ctx.text(surface, self.error, self.error_box, m.small, p.warn)


def rewind_label(ctx: UiContext, scenario: Scenario, number: int, node: str,
                 choice: str) -> str:
    decision = scenario.node(node)
    assert isinstance(decision, Decision)
    option = decision.option(choice)
    return ctx.t("Decision {n}: {cue} (you: {level})", n=number, cue=decision.cue,
                 level=level_name(option.rung, ctx.t))
