"""Practice's rewind chooser: pick an earlier decision and play on from its window.

The new attempt is a log of its own (`game.app.rewind.rewind_practice`), so the first attempt
stays as it was and both can be replayed.
"""

from __future__ import annotations

import pygame

from game.app.rewind import RewindError, rewind_practice
from game.app.rules import rules_for
from game.core.model import Decision, Scenario
from game.replay.session import RecordedSession
from game.ui.kit.button import Button, button_rects, draw_buttons
from game.ui.kit.common import menu_intent
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

    def resize(self) -> None:
        m, t = self.ctx.metrics, self.ctx.t
        self.box = centred(self.ctx.size, 0.8, 0.86)
        inner = self.box.inflate(-2 * m.pad, -2 * m.pad)
        head_h = self.ctx.line_height(m.heading, True) + self.ctx.line_height(m.body) * 2
        area = pygame.Rect(inner.x, inner.y + head_h + m.gap, inner.width,
                           inner.height - head_h - 2 * m.gap - m.button_h)
        max_h = self.ctx.line_height(m.body) * 2 + m.gap * 2
        rects = even_rows(area, len(self.rows), m.gap, max(max_h, m.button_h))
        self.buttons = [Button(str(n), label, rect, str(n + 1))
                        for n, (label, rect) in enumerate(zip(self.rows, rects))]
        cancel = pygame.Rect(inner.right - inner.width // 3, inner.bottom - m.button_h,
                             inner.width // 3, m.button_h)
        self.buttons.append(Button("cancel", t("Cancel"), cancel, "Esc"))
        self.head = pygame.Rect(inner.x, inner.y, inner.width, head_h)
        self.error_box = pygame.Rect(inner.x, cancel.y, cancel.x - inner.x - m.gap, m.button_h)

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
        heading_h = ctx.line_height(m.heading, True)
        ctx.text(surface, ctx.t("Rewind to which decision?"),
                 pygame.Rect(self.head.x, self.head.y, self.head.width, heading_h), m.heading,
                 p.text, True)
        ctx.text(surface, ctx.t("You play on from the moment its window opened. The new "
                                "attempt is logged separately; this one is kept."),
                 pygame.Rect(self.head.x, self.head.y + heading_h, self.head.width,
                             self.head.height - heading_h), m.body, p.muted)
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
