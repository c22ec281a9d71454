""""Branch here" and what came of it: the recording and the branch side by side.

The chooser lists the decision's options (number keys) and the moment in the window at which
the other choice is made (← / →: when the window opened, the model's best moment for the
option, or the recorded moment); the chosen one is played to the end headless with the same
seed (game/app/branches.py) and saved beside the recording. The comparison's heading says
which choice was taken and when ("Probe at 0:22, when the window opened"); it shows for
each run the outcome, learning, harm, safety rating (symbol + word + colour) and the path of
decisions, with where each choice came from, so the room sees what the one different choice
changed and nothing else. Where things go on screen: branch_layout.
"""

from __future__ import annotations

from dataclasses import replace

import pygame
from pygame import Rect

from game.app.branches import (
    MOMENT_KINDS,
    BranchChoices,
    BranchMoment,
    BranchRun,
    branch_choices,
    run_branch,
)
from game.i18n import Tr
from game.replay.branch import BranchError
from game.ui.kit.button import Button, button_need, button_rects, draw_buttons
from game.ui.kit.common import draw_footer, draw_header, menu_intent, text_height
from game.ui.kit.focus import FocusList, hit
from game.ui.kit.layout import frame, split_x, split_y
from game.ui.kit.panels import dim, panel
from game.ui.play.presenters import level_name
from game.ui.review.branch_layout import chooser_layout, draw_column
from game.ui.review.keys import BRANCH_CHOOSER_KEYS
from game.ui.review.model import DecisionMark, ReplayModel, load_replay
from game.ui.review.presenters import (
    clock,
    moment_detail,
    moment_label,
    moment_sentence,
    option_title,
    run_column,
    too_late_note,
)
from game.ui.shell.context import UiContext
from game.ui.shell.input import Act, Intent
from game.ui.shell.scene import Pop, Push, Replace, Result, Scene
from game.ui.shell.screens import open_screen

MOMENT_KEYS = "← →"
"""The key hint on the moment button: the arrows step through the moments."""


class BranchChooser(Scene):
    """Which other option to take at this decision, and when in its window (the recorded
    option is shown, not offered). The moment defaults to the window's opening where the
    supervisor watched (stepping in at a watch's last tick changes nothing) and to the
    recorded moment where they stepped in; ← / → offer the others."""

    name = "branch-chooser"
    overlay = True
    keymap = BRANCH_CHOOSER_KEYS

    def __init__(self, ctx: UiContext, model: ReplayModel, decision: DecisionMark):
        super().__init__(ctx)
        self.model, self.decision = model, decision
        self.options = [o.option for o in decision.detail.options]
        recorded = decision.detail.chosen
        self.focus = FocusList([o for o in self.options if o != recorded])
        self.error = ""
        self.buttons: list[Button] = []
        self.moment_buttons: list[Button] = []
        self.choices: BranchChoices | None = None
        self.kind = "recorded"
        assert model.scenario is not None  # only a loaded recording offers branching
        try:
            self.choices = branch_choices(model.path, model.scenario, decision.number)
            self.kind = self.choices.default_kind
        except (BranchError, OSError) as exc:
            self.error = ctx.t("Cannot branch here: {why}", why=str(exc))

    def heading(self) -> str:
        return self.ctx.t("⎇ Branch here: decision {n}. What if the supervisor had…",
                          n=self.decision.number)

    def hint(self) -> str:
        return self.error or self.ctx.t(
            "Number key or Enter: play this option to the end (same seed; later decisions as "
            "recorded, else the model's) · Esc cancel")

    def labels(self) -> list[str]:
        """Option titles; at the model's best moment each says when that is (it differs
        per option)."""
        scenario, d, t = self.model.scenario, self.decision.detail, self.ctx.t
        assert scenario is not None  # only a loaded recording offers branching
        recorded = t(" (recorded)")
        labels = []
        for o in self.options:
            label = option_title(scenario, d.node, o, t) + (recorded if o == d.chosen else "")
            if self.choices is not None and self.kind == "best" and o != d.chosen:
                label += best_moment_note(self.choices.moment(o, "best"), t)
            labels.append(label)
        return labels

    def moment_label(self) -> str:
        """The moment button: the moment chosen (← / → or a click: the next one); empty when
        the moments are not known."""
        if self.choices is None:
            return ""
        moment = self.choices.moment(self.options[0], self.kind)
        return moment_label(self.kind, moment.tick, self.choices.point.watched, self.ctx.t)

    def resize(self) -> None:
        ctx, d = self.ctx, self.decision.detail
        lay = chooser_layout(ctx, self.heading(), d.cue, self.hint(), self.labels(),
                             self.moment_label())
        self.box, self.head, self.cue, self.hint_box = lay.box, lay.head, lay.cue, lay.hint
        self.buttons = [Button(o, label, r, str(i + 1), enabled=o != d.chosen)
                        for i, (o, label, r) in enumerate(zip(self.options, self.labels(),
                                                              lay.rows))]
        self.moment_buttons = [Button(self.kind, self.moment_label(), lay.moment, MOMENT_KEYS,
                                      selected=True)] if self.moment_label() else []

    def step_moment(self, step: int) -> None:
        if self.choices is None:
            return
        i = MOMENT_KINDS.index(self.kind)
        self.kind = MOMENT_KINDS[(i + step) % len(MOMENT_KINDS)]
        self.resize()  # the labels say when the model's best moment is, per option

    def on_intent(self, intent: Intent) -> Result:
        if intent.act is Act.BACK:
            return Pop()
        if intent.act in (Act.LEFT, Act.RIGHT):
            self.step_moment(-1 if intent.act is Act.LEFT else 1)
            return None
        if intent.act is Act.CLICK and hit(button_rects(self.moment_buttons), intent.pos):
            self.step_moment(1)
            return None
        if intent.act is Act.CHOOSE and intent.number <= len(self.options):
            return self.choose(self.options[intent.number - 1])
        chosen = menu_intent(self.focus, button_rects(self.buttons), intent,
                             forward=(Act.NEXT, Act.DOWN), backward=(Act.PREV, Act.UP))
        return self.choose(chosen) if chosen else None

    def choose(self, option: str) -> Result:
        t = self.ctx.t
        if option == self.decision.detail.chosen:
            self.error = t("That is what was recorded: choose another option.")
            self.resize()  # the message may need more lines than the hint
            return None
        assert self.model.scenario is not None
        moment = None if self.choices is None else self.choices.moment(option, self.kind)
        try:
            run = run_branch(self.model.path, self.model.scenario, self.decision.number,
                             option, moment=moment)
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
        draw_buttons(ctx, surface, self.moment_buttons, None, m.body)
        draw_buttons(ctx, surface, self.buttons, self.focus.current, m.body)
        ctx.text(surface, self.hint(), self.hint_box, m.small, p.warn if self.error else p.muted)


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
        node = scenario.decision(self.model.decisions[run.number - 1].node)
        title = option_title(scenario, node.id, run.option, t)
        m = run.moment
        # The rung alone in the heading ("Probe at 0:22, ..."): the branch's path names the
        # option in full, and the heading has to leave the columns their room at large text.
        self.heading = t("What if? Decision {n}: {what}", n=run.number, what=moment_sentence(
            level_name(node.option(run.option).rung, t), m.kind, m.tick, m.wanted,
            run.watched, t))
        self.columns = (
            run_column(t("As recorded"), scenario, actual, model.score,
                       ["recorded"] * len(pairs[0]), pairs[1], t),
            replace(run_column(t("⎇ Branch"), scenario, branch, run.session.score,
                               run.sources, pairs[0], t), note=branch_note(run, title, t)))
        """The moment's detail and a choice that came too late go with the branch's path."""
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


def best_moment_note(moment: BranchMoment, t: Tr) -> str:
    """An option button's "when" at the model's best moment. A best moment after this run's
    window closed (the trainee's mistake or self-correction came first) is pulled back to the
    last tick still open; the button says so, so the room does not read the pulled-back tick
    as the model's advice (the comparison says it again)."""
    time = clock(moment.tick)
    if moment.wanted is None:
        return t(" · at {time}", time=time)
    best = clock(moment.tick - moment.at + moment.wanted)
    if best == time:  # later by less than the clock shows: say it in words
        return t(" · at {time}, the latest this run allows (the model's best is a moment "
                 "later)", time=time)
    return t(" · best {best} → {time}, the latest this run allows", best=best, time=time)


def branch_note(run: BranchRun, title: str, t: Tr) -> str:
    """What the heading's moment leaves out, and, when the new choice never acted, why: the
    window's self-correction or mistake, or its end, came before the rung landed (the run
    then went on as a watch)."""
    m = run.moment
    notes = [moment_detail(m.kind, m.at, m.best, m.wanted, run.watched, t)]
    steps = run.session.state.history
    decisions = [i for i, s in enumerate(steps) if s.kind == "decision"]
    if len(decisions) >= run.number and steps[decisions[run.number - 1]].by == "preempted":
        after = steps[decisions[run.number - 1] + 1:]
        notes.append(too_late_note(title, next((s.choice for s in after
                                                if s.kind == "window"), "~closed"), t))
    return " ".join(n for n in notes if n)
