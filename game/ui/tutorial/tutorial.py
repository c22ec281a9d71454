"""Tutorial: three short pages (the ladder, the window, the two ledgers), then a two-minute
vignette with coach marks (tutorial_play.py).

Shown by itself on the very first start (settings.tutorial_seen false), and any time from the
title menu. The vignette lives in scenarios/tutorial/, outside the picker's folder. It is
recorded like any practice session (a log, so its outcome offers Review and Debrief), on a
fixed seed so every player meets the same mistakes; it is not a result for the history or
Progress (it teaches the controls).
"""

from __future__ import annotations

import sys
from pathlib import Path

import pygame

from game import paths
from game.app.sessions import TUTORIAL_SEED, Launch, start_session
from game.config import save_settings
from game.content.loader import load_scenario
from game.content.problems import ContentError
from game.content.translations import translate
from game.core.model import Scenario
from game.replay.session import RecordedSession
from game.ui.kit.button import Button, button_need, button_rects, draw_buttons
from game.ui.kit.common import draw_footer, draw_header, menu_intent, text_height
from game.ui.kit.focus import FocusList
from game.ui.kit.help_keys import TUTORIAL_KEYS
from game.ui.kit.layout import frame
from game.ui.kit.panels import panel
from game.ui.play.presenters import Tr
from game.ui.shell.context import UiContext
from game.ui.shell.input import Act, Intent
from game.ui.shell.scene import Pop, Replace, Result, Scene
from game.ui.shell.screens import open_screen

TUTORIAL_FILE = paths.tutorial_file()


def pages(t: Tr) -> list[tuple[str, str]]:
    """(heading, body) of each page, translated."""
    return [
        (t("You are the supervisor"),
         t("A trainee works on a patient while a short vignette plays in real time. When the "
           "trainee is about to make a mistake, a decision point opens: let them learn from "
           "it, or step in. This tutorial takes about two minutes.")),
        (t("The intervention ladder"),
         t("1 Watch: say nothing.\n2 Probe: ask a question that makes them think.\n3 Cue: "
           "tell them what to change.\n4 Guide: hands on, together.\n5 Take over: do it "
           "yourself.\nLighter steps leave more to learn; heavier steps protect the patient "
           "more.")),
        (t("The window and the two ledgers"),
         t("A decision window has a countdown. If it runs out, you have chosen to watch. "
           "Every session keeps two ledgers: learning (what the trainee takes away) and harm "
           "(what the patient bears). Good supervision weighs both; some mistakes must be "
           "stopped whatever they would teach.")),
    ]


def load_tutorial(path: Path = TUTORIAL_FILE, language: str = "en"
                  ) -> tuple[Scenario | None, str]:
    """The tutorial vignette in `language` (English where it has no usable translation), or
    None and the first problem (the game goes on without it)."""
    try:
        return translate(load_scenario(path), language).scenario, ""
    except ContentError as exc:
        first = exc.problems[0] if exc.problems else "unknown problem"
        return None, str(first)


def mark_seen(ctx: UiContext) -> None:
    """Remember that the tutorial was offered, so it does not start by itself again."""
    if ctx.settings.tutorial_seen:
        return
    ctx.settings = ctx.settings.with_(tutorial_seen=True)
    try:
        save_settings(paths.settings_path(), ctx.settings)
    except OSError as exc:
        print(f"safetynet: settings not saved ({exc})", file=sys.stderr)


def tutorial_session(ctx: UiContext, scenario: Scenario) -> RecordedSession:
    """A logged practice session on the tutorial's fixed seed (unlogged, with the reason on
    the session, if the log cannot be written: the tutorial still plays)."""
    return start_session(scenario, scenario.trainees[0].id, "practice", ctx.settings.pace,
                         Launch(TUTORIAL_SEED))


class TutorialIntroScene(Scene):
    name = "tutorial"
    keymap = TUTORIAL_KEYS
    """What F1 lists here (game/ui/kit/help_keys.py)."""

    def __init__(self, ctx: UiContext):
        super().__init__(ctx)
        self.page = 0
        self.focus = FocusList(["next", "skip"])
        self.buttons: list[Button] = []
        self.error = ""

    @property
    def last(self) -> bool:
        return self.page == len(pages(self.ctx.t)) - 1

    def resize(self) -> None:
        ctx, m, t = self.ctx, self.ctx.metrics, self.ctx.t
        f = frame(ctx.size, m)
        self.header, self.footer = f.header, f.footer
        bw = min(round(f.body.width * 0.45), round(440 * m.scale))
        labels = (t("Start the tutorial vignette") if self.last else t("Next"),
                  t("Skip the tutorial"))
        bh = max(button_need(ctx, labels[0], bw, "Enter"), button_need(ctx, labels[1], bw,
                                                                        "Esc"))
        y = f.body.bottom - bh  # both buttons as tall as the longer label needs
        self.card = pygame.Rect(f.body.x, f.body.y, f.body.width, y - m.pad - f.body.y)
        self.buttons = [
            Button("next", labels[0], pygame.Rect(f.body.right - bw, y, bw, bh), "Enter"),
            Button("skip", labels[1], pygame.Rect(f.body.x, y, bw, bh), "Esc")]

    def on_intent(self, intent: Intent) -> Result:
        if intent.act is Act.BACK:
            return self._skip()
        if intent.act is Act.LEFT and self.page > 0:
            self.page -= 1
            self.resize()
            return None
        if intent.act is Act.RIGHT:
            return self._next()
        chosen = menu_intent(self.focus, button_rects(self.buttons), intent,
                             (Act.NEXT, Act.DOWN), (Act.PREV, Act.UP))
        if chosen == "next":
            return self._next()
        if chosen == "skip":
            return self._skip()
        return None

    def _skip(self) -> Result:
        mark_seen(self.ctx)
        return Pop()

    def _next(self) -> Result:
        if not self.last:
            self.page += 1
            self.resize()
            return None
        scenario, problem = load_tutorial(language=self.ctx.settings.language)
        if scenario is None:
            self.error = self.ctx.t("The tutorial vignette cannot be loaded: {problem}",
                                    problem=problem)
            return None
        mark_seen(self.ctx)
        return Replace(open_screen("tutorial-play", self.ctx, scenario,
                                   tutorial_session(self.ctx, scenario)))

    def draw(self, surface: pygame.Surface) -> None:
        ctx, m, p, t = self.ctx, self.ctx.metrics, self.ctx.palette, self.ctx.t
        surface.fill(p.background)
        all_pages = pages(t)
        heading, body = all_pages[self.page]
        draw_header(ctx, surface, self.header, t("Tutorial {n} of {total}: {heading}",
                                                 n=self.page + 1, total=len(all_pages),
                                                 heading=heading), m.heading)
        need = text_height(ctx, body, m.heading, self.card.width - 2 * m.pad) + 2 * m.pad
        card = pygame.Rect(self.card.x, self.card.y, self.card.width,
                           min(self.card.height, need))  # no big empty panel under the text
        panel(ctx, surface, card, border=p.accent)
        ctx.text(surface, body, card.inflate(-2 * m.pad, -2 * m.pad), m.heading, p.text)
        draw_buttons(ctx, surface, self.buttons, self.focus.current)
        hint = self.error or t("Enter or → next · ← previous page · Esc skip · F1 help")
        draw_footer(ctx, surface, self.footer, hint)
