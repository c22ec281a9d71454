""""Branch here" and what came of it: the recording and the branch side by side.

The chooser lists the decision's options (number keys); the chosen one is played to the end
headless with the same seed (game/app/branches.py) and saved beside the recording. The
comparison shows for each run the outcome, learning, harm, safety rating (symbol + word +
colour) and the path of decisions, with where each choice came from, so the room sees what
the one different choice changed and nothing else.
"""

from __future__ import annotations

from dataclasses import dataclass

import pygame
from pygame import Rect

from game.app.branches import BranchRun, run_branch
from game.replay.branch import BranchError
from game.ui.kit.button import Button, button_need, button_rects, draw_buttons
from game.ui.kit.common import draw_footer, draw_header, menu_intent, text_height
from game.ui.kit.focus import FocusList
from game.ui.kit.layout import centred, frame, split_x, split_y, stack
from game.ui.kit.panels import dim, panel, tone_colour
from game.ui.review.decision_panel import allot, draw_heading, scroll_floor
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

    def heading(self) -> str:
        return self.ctx.t("⎇ Branch here: decision {n}. What if the supervisor had…",
                          n=self.decision.number)

    def hint(self) -> str:
        return self.error or self.ctx.t(
            "Number key or Enter: play this option to the end (same seed; later decisions as "
            "recorded, else the model's) · Esc cancel")

    def labels(self) -> list[str]:
        scenario, d = self.model.scenario, self.decision.detail
        assert scenario is not None  # only a loaded recording offers branching
        recorded = self.ctx.t(" (recorded)")
        return [option_title(scenario, d.node, o, self.ctx.t) +
                (recorded if o == d.chosen else "") for o in self.options]

    def resize(self) -> None:
        ctx, d = self.ctx, self.decision.detail
        lay = chooser_layout(ctx, self.heading(), d.cue, self.hint(), self.labels())
        self.box, self.head, self.cue, self.hint_box = lay.box, lay.head, lay.cue, lay.hint
        self.buttons = [Button(o, label, r, str(i + 1), enabled=o != d.chosen)
                        for i, (o, label, r) in enumerate(zip(self.options, self.labels(),
                                                              lay.rows))]

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
            self.resize()  # the message may need more lines than the hint
            return None
        assert self.model.scenario is not None
        try:
            run = run_branch(self.model.path, self.model.scenario, self.decision.number,
                             option)
        except (BranchError, OSError) as exc:
            self.error = t("Cannot branch here: {why}", why=str(exc))
            self.resize()
            return None
        return Replace(BranchCompareScene(self.ctx, self.model, run))

    def draw(self, surface: pygame.Surface) -> None:
        ctx, m, p = self.ctx, self.ctx.metrics, self.ctx.palette
        dim(surface)
        panel(ctx, surface, self.box, p.panel, p.accent)
        ctx.text(surface, self.heading(), self.head, m.heading, p.text, True)
        ctx.text(surface, self.decision.detail.cue, self.cue, m.body, p.muted)
        draw_buttons(ctx, surface, self.buttons, self.focus.current, m.body)
        ctx.text(surface, self.hint(), self.hint_box, m.small, p.warn if self.error else p.muted)


@dataclass(frozen=True)
class ChooserLayout:
    box: Rect
    head: Rect
    cue: Rect
    rows: list[Rect]
    hint: Rect


def chooser_layout(ctx: UiContext, heading: str, cue: str, hint: str,
                   labels: list[str]) -> ChooserLayout:
    """Heading, hint and every option button as tall as their words need (the buttons one
    size, in two columns when one leaves the cue less than three lines); the cue gets the
    rest and scrolls only in a box three lines tall."""
    m, h = ctx.metrics, ctx.size[1]
    box = centred(ctx.size, 0.7 if ctx.theme.fonts.scale <= 1.0 else 0.86, 0.92)
    inner = box.inflate(-2 * m.pad, -2 * m.pad)
    head_h = text_height(ctx, heading, m.heading, inner.width, True)
    hint_h = text_height(ctx, hint, m.small, inner.width)
    cue_need = text_height(ctx, cue, m.body, inner.width)
    for columns in (1, 2):
        col_w = (inner.width - (columns - 1) * m.gap) // columns
        button_h = max(button_need(ctx, label, col_w, str(i + 1))
                       for i, label in enumerate(labels))
        count = -(-len(labels) // columns)
        rows_h = count * button_h + (count - 1) * (m.gap // 2)
        cue_h = max(ctx.line_height(m.body),
                    min(cue_need, inner.height - head_h - hint_h - rows_h - 3 * m.gap))
        if cue_h >= scroll_floor(ctx, m.body, cue_need):
            break
    used = head_h + cue_h + rows_h + hint_h + 3 * m.gap
    box = Rect(box.x, max(0, (h - used - 2 * m.pad) // 2), box.width, used + 2 * m.pad)
    inner = box.inflate(-2 * m.pad, -2 * m.pad)
    head, cue_box, area, hint_box = stack(inner, [head_h, cue_h, rows_h, hint_h], m.gap)
    rows = [Rect(area.x + (i // count) * (col_w + m.gap),
                 area.y + (i % count) * (button_h + m.gap // 2), col_w, button_h)
            for i in range(len(labels))]
    return ChooserLayout(box, head, cue_box, rows, hint_box)


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
        ctx, m, t = self.ctx, self.ctx.metrics, self.ctx.t
        width = ctx.size[0] - 2 * m.pad
        f = frame(ctx.size, m, m.heading, text_height(ctx, self.heading, m.heading, width, True))
        self.header, self.footer = f.header, f.footer
        half = (f.body.width - m.gap) // 2
        labels = (("open", t("Open the branch in the viewer"), "Enter"),
                  ("back", t("Back to the recording"), "Esc"))
        button_h = max(button_need(ctx, label, half, key) for _, label, key in labels)
        body, bottom = split_y(f.body, f.body.height - button_h - m.gap, m.gap)
        self.left, self.right = split_x(body, 0.5, m.pad)
        self.buttons = [Button(id_, label, Rect(bottom.x + i * (half + m.gap), bottom.y, half,
                                                 button_h), key)
                        for i, (id_, label, key) in enumerate(labels)]

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


def column_parts(ctx: UiContext, vm: RunColumnVM) -> list[tuple[str, int, bool, str]]:
    """(text, size, bold, colour name) of a run's column under its heading: the ending,
    the figures, the path's label, then the path with what became of patient and trainee
    (the one long text, which may scroll)."""
    m, t = ctx.metrics, ctx.t
    rows = "\n".join([f"{'≠ ' if r.differs else ''}{r.text} · {source_text(r.source, t)}"
                      for r in vm.path] or [t("No decision point was reached.")])
    path = rows + (f"\n\n{vm.ending}" if vm.ending else "")
    return [(vm.title, m.body, True, "text"),
            (f"{vm.learning}\n{vm.harm}\n{vm.regret}", m.body, False, "text"),
            (t("PATH OF DECISIONS (≠ differs from the other run)"), m.small, True, "accent"),
            (path, m.body, False, "text")]


def draw_column(ctx: UiContext, surface: pygame.Surface, rect: Rect, vm: RunColumnVM) -> None:
    """A run: heading with its safety badge, then its parts, each as tall as its words (the
    path scrolls when it is longer than the room, in a box at least three lines tall)."""
    m, p = ctx.metrics, ctx.palette
    panel(ctx, surface, rect, border=tone_colour(ctx, vm.tone))
    inner = rect.inflate(-2 * m.gap, -2 * m.gap)
    rest = draw_heading(ctx, surface, inner, vm.heading, vm.tone, vm.word)
    parts = column_parts(ctx, vm)
    needs = [text_height(ctx, text, size, rest.width, bold) for text, size, bold, _ in parts]
    floors = [scroll_floor(ctx, size, need) for (_, size, _, _), need in zip(parts, needs)]
    for (text, size, bold, colour), box in zip(parts, stack(rest, allot(
            rest.height, needs, floors, m.gap // 2), m.gap // 2)):
        ctx.text(surface, text, box, size, getattr(p, colour), bold)
