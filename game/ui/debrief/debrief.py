"""Debrief: a recording talked through in the PEARLS phases, one tab each.

Reactions (prompts), Description (what happened, with times and the facilitator's notes),
Analysis (one page per decision: the advocacy-inquiry prompt, every option's Q-value, chosen
vs. the model's choice, regret), Summary (take-aways the facilitator edits; saved atomically
beside the log in `<log>.summary.json`; the log itself is never modified).

The debrief data is built in a background thread: the revealed risk attitude solves the
vignette at 41 risk weights, which takes seconds for the larger vignettes, and the window
must keep drawing meanwhile. Keys: Left/Right or 1-4 switch phases, Up/Down move within,
E adds a take-away (as its card says), Enter edits the focused one (continuing after a
space, so new words never run into the old), Delete removes it, Esc goes back. Page
Up/Down and the mouse wheel scroll a page taller than the window (`page.py`); the page also
follows the focus.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pygame

from game.app.summaries import read_summary, summary_path, write_summary
from game.core.model import Scenario
from game.i18n import Tr, english
from game.replay.debrief import Debrief, build_debrief
from game.replay.reader import LogError, read_log
from game.ui.debrief import debrief_draw
from game.ui.debrief.page import PageScroll
from game.ui.debrief.presenters import PHASES, DebriefVM, debrief_vm
from game.ui.review.keys import DEBRIEF_HELP, GLOSSARY_KEYS
from game.ui.shell.context import UiContext
from game.ui.shell.input import PLAYER_KEYS, Act, Intent, keys
from game.ui.shell.scene import Pop, Push, Result, Scene
from game.ui.shell.screens import open_screen


def continued(text: str) -> str:
    """A take-away ready to be typed on: a space after it unless it ends in one already."""
    return text if not text or text[-1].isspace() else text + " "


class Loader:
    """Runs one function in a daemon thread; the scene polls `done` from `update`."""

    def __init__(self, work: Callable[[], Any]):
        self.result: Any = None
        self.error = ""
        self.thread = threading.Thread(target=self._run, args=(work,), daemon=True)
        self.thread.start()

    def _run(self, work: Callable[[], Any]) -> None:
        try:
            self.result = work()
        except Exception as exc:  # noqa: BLE001 -- any failure becomes a message on screen
            self.error = str(exc) or type(exc).__name__

    def done(self) -> bool:
        return not self.thread.is_alive()

    def wait(self, timeout: float | None = None) -> None:
        self.thread.join(timeout)


def load_debrief(path: str, find: Callable[[str], Scenario | None],
                 t: Tr = english) -> tuple[Debrief, str]:
    """The debrief of a log, its generated sentences worded by `t`, and a warning ("" when
    the log is intact); raises ValueError."""
    try:
        log = read_log(path)
    except LogError as exc:
        raise ValueError(f"cannot open {Path(path).name}: {exc}") from None
    scenario = find(str(log.header.get("scenario_id")))
    if scenario is None:
        raise ValueError(f"the vignette {log.header.get('scenario_id')!r} is not in the library")
    broken = log.chain_break()
    warning = f"line {broken} of the log was edited, removed or reordered" if broken else ""
    return build_debrief(log, scenario, t=t), warning


class DebriefScene(Scene):
    name = "debrief"
    keymap = PLAYER_KEYS.layer("debrief", (*keys(Act.EDIT, pygame.K_e),
                                           *keys(Act.DELETE, pygame.K_DELETE), *GLOSSARY_KEYS),
                               help=DEBRIEF_HELP)

    def __init__(self, ctx: UiContext, log_path: str | Path,
                 find: Callable[[str], Scenario | None] | None = None):
        super().__init__(ctx)
        self.path = str(log_path)
        self.find = find or ctx.scenario_finder()
        self.phase = 0
        self.index = [0] * len(PHASES)
        self.pages = [PageScroll() for _ in PHASES]
        """Where each phase's page is scrolled to (Page Up/Down, the wheel, the focus)."""
        self.analysis_memo: tuple[tuple[Any, ...], Callable[[int], list[Any]]] | None = None
        """The analysis page's blocks as last built (debrief_draw._analysis)."""
        self.vm: DebriefVM | None = None
        self.error = ""
        self.warning = ""
        self.takeaways: list[str] = []
        self.summary_note = ""
        self.loader = Loader(lambda: load_debrief(self.path, self.find, self.ctx.t))

    def wait(self, timeout: float | None = 60) -> None:
        """Block until the debrief is built (tests and scripted demos)."""
        self.loader.wait(timeout)
        self.update(0)

    def update(self, dt_ms: int) -> None:
        if self.vm is not None or self.error or not self.loader.done():
            return
        if self.loader.error:
            self.error = self.ctx.t("Cannot build the debrief: {why}", why=self.loader.error)
            return
        debrief, self.warning = self.loader.result
        self.vm = debrief_vm(debrief, self.ctx.t)
        saved, problem = read_summary(self.path)
        self.takeaways = saved if saved is not None else list(debrief.summary)
        self.summary_note = problem
        self.resize()  # the title and subtitle are known now: the header takes their lines

    def resize(self) -> None:
        title = self.vm.title if self.vm else self.ctx.t("Debrief")
        self.layout = debrief_draw.debrief_layout(self.ctx, title,
                                                  debrief_draw.subtitle_text(self))

    # --- input -------------------------------------------------------------------------
    def count(self, phase: int) -> int:
        vm = self.vm
        if vm is None:
            return 0
        return (len(vm.reactions), len(vm.rows), len(vm.analysis), len(self.takeaways) + 1)[phase]

    def _takeaway_key(self, act: Act) -> Result:
        """E adds a take-away, Delete removes the focused one (the last phase only)."""
        if self.phase != 3 or self.vm is None:
            return None
        if act is Act.EDIT:
            return self.edit(adding=True)
        self.remove()
        return None

    def on_intent(self, intent: Intent) -> Result:
        if intent.act is Act.GLOSSARY:
            return Push(open_screen("glossary", self.ctx))
        if intent.act in (Act.EDIT, Act.DELETE):
            return self._takeaway_key(intent.act)
        if intent.act is Act.BACK:
            return Pop()
        if intent.act in (Act.LEFT, Act.RIGHT):
            self.phase = max(0, min(len(PHASES) - 1,
                                    self.phase + (1 if intent.act is Act.RIGHT else -1)))
        elif intent.act is Act.CHOOSE and intent.number <= len(PHASES):
            self.phase = intent.number - 1
        elif intent.act is Act.SCROLL:  # Page Up/Down and the wheel scroll the page
            self.pages[self.phase].scroll(intent.amount)
        elif intent.act in (Act.UP, Act.DOWN, Act.PREV, Act.NEXT):
            self.move(-1 if intent.act in (Act.UP, Act.PREV) else 1)
        elif intent.act is Act.ACTIVATE and self.phase == 3 and self.vm is not None:
            return self.edit()
        elif intent.act is Act.CLICK:
            for i, rect in enumerate(self.layout.tabs):
                if rect.collidepoint(intent.pos):
                    self.phase = i
        return None

    def move(self, step: int) -> None:
        last = max(0, self.count(self.phase) - 1)
        self.index[self.phase] = max(0, min(last, self.index[self.phase] + step))

    # --- summary editing ---------------------------------------------------------------
    def edit(self, adding: bool = False) -> Result:
        """The take-away entry: a new one (E, or Enter on "+ Add a take-away"), else the
        focused one, whose text ends in a space so typing goes on as a new word."""
        from game.ui.kit.text_entry import TextEntryOverlay
        t, i = self.ctx.t, self.index[3]
        adding = adding or i >= len(self.takeaways)
        title = t("Add a take-away") if adding else t("Edit take-away {n}", n=i + 1)
        context = t("Saved beside the log as {name}; the log itself is never changed. An "
                    "empty text removes the take-away.", name=summary_path(self.path).name)

        def save(text: str) -> str | None:
            items = list(self.takeaways)
            if adding:
                items.append(text.strip())
                self.index[3] = len(items) - 1
            else:
                items[i] = text.strip()
            return self.save([x for x in items if x.strip()])
        initial = "" if adding else continued(self.takeaways[i])
        return Push(TextEntryOverlay(self.ctx, title, context, save, initial, allow_empty=True))

    def remove(self) -> None:
        i = self.index[3]
        if i < len(self.takeaways):
            self.save(self.takeaways[:i] + self.takeaways[i + 1:])
            self.move(0)

    def save(self, items: list[str]) -> str | None:
        try:
            write_summary(self.path, items)
        except OSError as exc:
            return self.ctx.t("Could not save the summary: {why}", why=exc.strerror or exc)
        self.takeaways = items
        self.summary_note = self.ctx.t("Saved beside the log ({name})",
                                       name=summary_path(self.path).name)
        return None

    def draw(self, surface: pygame.Surface) -> None:
        debrief_draw.draw_debrief(self, surface)
