""""Branch here" and what came of it: the recording and the branch side by side.

The chooser lists the decision's options (number keys); the chosen one is played to the end
headless with the same seed (game/app/branches.py) and saved beside the recording. The
comparison shows for each run the outcome, learning, harm, safety rating (symbol + word +
colour) and the path of decisions, with where each choice came from, so the room sees what
the one different choice changed and nothing else.
"""

from __future__ import annotations

import pygame
from pygame import Rect

from game.app.branches import BranchRun, run_branch
from game.replay.branch import BranchError
from game.ui.kit.button import Button, button_rects, draw_buttons
from game.ui.kit.common import draw_footer, draw_header, menu_intent, text_height
from game.ui.kit.focus import FocusList
from game.ui.kit.layout import centred, even_rows, frame, split_x, split_y, stack
from game.ui.kit.panels import badged_heading, dim, panel, tone_colour
from game.ui.review.model import DecisionMark, ReplayModel, load_replay
from game.ui.review.presenters import (
    RunColumnVM,
    option_title,
    run_column,
    source_text,
)
from game.ui.shell.context import UiContext
from game.ui.shell.input import Act, Intent
from game.ui.shell.scene import Pop, Push, Replace, Result, Scene
from game.ui.shell.screens import open_screen


class BranchChooser(Scene):
    """Which other option to take at this decision (the recorded one is shown, not offered)."""

    name = "branch-chooser"
    overlay = True

    def __init__(self, ctx: UiContext, model: ReplayModel, decision: DecisionMark):
        super().__init__(ctx)
        self.model, self.decision = model, decision
        self.options = [o.option for o in decision.detail.options]
        recorded = decision.detail.chosen
        self.focus = FocusList([o for o in self.options if o != recorded])
        self.error = ""
        self.buttons: list[Button] = []

    def resize(self) -> None:
        m, ctx = self.ctx.metrics, self.ctx
        self.box = centred(ctx.size, 0.7, 0.84)
        inner = self.box.inflate(-2 * m.pad, -2 * m.pad)
        self.head = Rect(inner.x, inner.y, inner.width, ctx.line_height(m.heading, True) * 2)
        cue_h = min(text_height(ctx, self.decision.detail.cue, m.body, inner.width),
                    ctx.line_height(m.body) * 3)
        self.cue = Rect(inner.x, self.head.bottom, inner.width, cue_h)
        self.hint = Rect(inner.x, inner.bottom - ctx.line_height(m.small) * 2, inner.width,
                         ctx.line_height(m.small) * 2)
        area = Rect(inner.x, self.cue.bottom + m.gap, inner.width,
                    self.hint.y - self.cue.bottom - 2 * m.gap)
        rows = even_rows(area, len(self.options), m.gap // 2, m.button_h)
        scenario, d = self.model.scenario, self.decision.detail
        assert scenario is not None  # only a loaded recording offers branching
        recorded = self.ctx.t(" (recorded)")
        self.buttons = [Button(o, option_title(scenario, d.node, o, self.ctx.t) +
                               (recorded if o == d.chosen else ""), r, str(i + 1),
                               enabled=o != d.chosen)
                        for i, (o, r) in enumerate(zip(self.options, rows))]

    def on_intent(self, intent: Intent) -> Result:
        if intent.act is Act.BACK:
            return Pop()
        if intent.act is Act.CHOOSE and intent.number <= len(self.options):
            return self.choose(self.options[intent.number - 1])
        chosen = menu_intent(self.focus, button_rects(self.buttons), intent)
        return self.choose(chosen) if chosen else None

    def choose(self, option: str) -> Result:
        t = self.ctx.t
        if option == self.decision.detail.chosen:
            self.error = t("That is what was recorded: choose another option.")
            return None
        assert self.model.scenario is not None
        try:
            run = run_branch(self.model.path, self.model.scenario, self.decision.number,
                             option)
        except (BranchError, OSError) as exc:
            self.error = t("Cannot branch here: {why}", why=str(exc))
            return None
        return Replace(BranchCompareScene(self.ctx, self.model, run))

    def draw(self, surface: pygame.Surface) -> None:
        ctx, m, p, t = self.ctx, self.ctx.metrics, self.ctx.palette, self.ctx.t
        dim(surface)
        panel(ctx, surface, self.box, p.panel, p.accent)
        ctx.text(surface, t("⎇ Branch here: decision {n}. What if the supervisor had…",
                            n=self.decision.number), self.head, m.heading, p.text, True)
        ctx.text(surface, self.decision.detail.cue, self.cue, m.body, p.muted)
        draw_buttons(ctx, surface, self.buttons, self.focus.current, m.body)
        hint = self.error or t("Number key or Enter: play this option to the end (same seed; "
                               "later decisions as recorded, else the model's) · Esc cancel")
        ctx.text(surface, hint, self.hint, m.small, p.warn if self.error else p.muted)


class BranchCompareScene(Scene):
    name = "branch-compare"

    def __init__(self, ctx: UiContext, model: ReplayModel, run: BranchRun):
        super().__init__(ctx)
        self.model, self.run = model, run
        scenario, t = model.scenario, ctx.t
        assert scenario and model.timeline and model.timeline.final and model.score
        assert run.session.score is not None  # run_branch plays the branch to its end
        actual, branch = model.timeline.final, run.session.state
        pairs = [[(s.node, s.choice) for s in state.history if s.kind == "decision"]
                 for state in (actual, branch)]
        title = option_title(scenario, self.model.decisions[run.number - 1].node, run.option, t)
        self.heading = t("What if? Decision {n}: {option}", n=run.number, option=title)
        self.columns = (
            run_column(t("As recorded"), scenario, actual, model.score,
                       ["recorded"] * len(pairs[0]), pairs[1], t),
            run_column(t("⎇ Branch"), scenario, branch, run.session.score, run.sources,
                       pairs[0], t))
        self.focus = FocusList(["open", "back"])
        self.buttons: list[Button] = []

    def resize(self) -> None:
        m, t = self.ctx.metrics, self.ctx.t
        f = frame(self.ctx.size, m, m.heading)
        self.header, self.footer = f.header, f.footer
        body, bottom = split_y(f.body, f.body.height - m.button_h - m.gap, m.gap)
        self.left, self.right = split_x(body, 0.5, m.pad)
        half = (bottom.width - m.gap) // 2
        self.buttons = [
            Button("open", t("Open the branch in the viewer"),
                   Rect(bottom.x, bottom.y, half, m.button_h), "Enter"),
            Button("back", t("Back to the recording"),
                   Rect(bottom.right - half, bottom.y, half, m.button_h), "Esc")]

    def on_intent(self, intent: Intent) -> Result:
        if intent.act is Act.BACK:
            return Pop()
        chosen = menu_intent(self.focus, button_rects(self.buttons), intent)
        if chosen == "back":
            return Pop()
        if chosen == "open":
            return Push(open_screen("replay", self.ctx, load_replay(
                str(self.run.path), self.model.find, self.ctx.t)))
        return None

    def draw(self, surface: pygame.Surface) -> None:
        ctx, m = self.ctx, self.ctx.metrics
        surface.fill(ctx.palette.background)
        draw_header(ctx, surface, self.header, self.heading, m.heading)
        for vm, rect in zip(self.columns, (self.left, self.right)):
            draw_column(ctx, surface, rect, vm)
        draw_buttons(ctx, surface, self.buttons, self.focus.current, m.body)
        draw_footer(ctx, surface, self.footer, ctx.t(
            "Saved beside the recording as {name} · Enter open · Esc back",
            name=self.run.path.name))


def draw_column(ctx: UiContext, surface: pygame.Surface, rect: Rect, vm: RunColumnVM) -> None:
    m, p, t = ctx.metrics, ctx.palette, ctx.t
    panel(ctx, surface, rect, border=tone_colour(ctx, vm.tone))
    inner = rect.inflate(-2 * m.pad, -2 * m.gap * 2)
    badge_w = min(round(inner.width * 0.42), round(190 * m.scale))
    rest = badged_heading(ctx, surface, inner, vm.heading, vm.tone, vm.word, badge_w)
    line = ctx.line_height(m.body)
    title_h = min(line * 2, text_height(ctx, vm.title, m.body, rest.width, True))
    label_h = ctx.line_height(m.small, True)
    title, facts, label, path = stack(rest, [title_h, line * 3, label_h, rest.height - title_h
                                             - line * 3 - label_h - 3 * m.gap], m.gap)
    ctx.text(surface, vm.title, title, m.body, p.text, True)
    ctx.text(surface, f"{vm.learning}\n{vm.harm}\n{vm.regret}", facts, m.body)
    ctx.text(surface, t("PATH OF DECISIONS (≠ differs from the other run)"), label, m.small,
             p.accent, True)
    rows = "\n".join([f"{'≠ ' if r.differs else ''}{r.text} · {source_text(r.source, t)}"
                      for r in vm.path] or [t("No decision point was reached.")])
    used = min(path.height, text_height(ctx, rows, m.body, path.width))
    ctx.text(surface, rows, Rect(path.x, path.y, path.width, used), m.body)
    ending = Rect(path.x, path.y + used + m.gap, path.width, path.height - used - m.gap)
    if ending.height > ctx.line_height(m.small) * 2:
        ctx.text(surface, vm.ending, ending, m.small, p.muted)
