"""End of a workshop vignette: the room's choices beside the optimal policy.

Per decision: the room's counts, its majority, the option the story followed and the optimal
one at the workshop's risk weight, and the risk weights at which the majority would have been
optimal; then the weights at which every majority choice fits (`majority_attitude`). The
comparison solves the vignette at ~40 risk weights (about a second), so it runs on a worker
thread while the screen says so; the window never stops answering.
"""

from __future__ import annotations

import threading

import pygame

from game.app.workshop import Workshop
from game.ui.kit.button import button_rects
from game.ui.kit.common import menu_intent
from game.ui.kit.focus import FocusList
from game.ui.shell.context import UiContext
from game.ui.shell.input import Act, Intent
from game.ui.shell.scene import PopTo, Replace, Result, Scene, Transition
from game.ui.shell.screens import open_screen
from game.ui.workshop import end_draw as draw
from game.ui.workshop.dialogs import go_back
from game.ui.workshop.end_rows import EndPage, PageMemo
from game.ui.workshop.keys import WORKSHOP_END_KEYS
from game.ui.workshop.phones import PhoneRoom
from game.ui.workshop.presenters import EndVM, end_vm, score_vm
from game.ui.workshop.view import base_of, projector


class WorkshopEndScene(Scene):
    name = "workshop-end"
    keymap = WORKSHOP_END_KEYS

    def __init__(self, ctx: UiContext, workshop: Workshop, phones: PhoneRoom | None = None):
        super().__init__(projector(ctx))
        self.workshop = workshop
        self.phones = phones
        self.show_spread = False
        """W: the room's spread of revealed weights instead of the decision rows."""
        self.scenario = workshop.scenario
        session = self.session = workshop.session
        self.vm: EndVM | None = None
        self.error = ""
        self.message = ""
        self.offset = 0
        self.pages = PageMemo()
        """The pages of decision rows measured so far (the screen stands still: a frame
        draws a page measured once)."""
        self.focus = FocusList(["back", "setup"], current="setup")
        score = session.score
        self.score_text = score_vm(score, session.params.risk_weight, self.ctx.t).text \
            if score is not None else ""
        self._result: EndVM | str | None = None
        self._worker = threading.Thread(target=self._summarise, daemon=True)
        self._worker.start()

    def _summarise(self) -> None:
        """Worker thread: read the finished log (with inherited votes) and compare."""
        try:
            summary = self.workshop.summary()
            self._result = end_vm(self.scenario, summary, self.session.state,
                                  self.session.params.risk_weight, self.ctx.t)
        except Exception as exc:  # noqa: BLE001 -- else the screen would wait forever
            self._result = self.ctx.t("Cannot compare the room's choices: {why}", why=str(exc))

    def wait(self, timeout: float = 60.0) -> None:
        """Block until the comparison is ready (tests and scripted demos)."""
        self._worker.join(timeout)
        self.update(0)

    # --- scene API -----------------------------------------------------------------------
    def resize(self) -> None:
        self.layout = draw.end_layout(self.ctx, self.vm, self.score_text, self.ctx.t(
            "The room and the optimal policy · {title}", title=self.scenario.title))
        self.buttons = draw.end_buttons(self.ctx, self.layout)

    @property
    def page(self) -> EndPage:
        """The decision rows shown from `offset`, measured once (`end_rows.PageMemo`)."""
        rows = self.vm.rows if self.vm is not None else ()
        return self.pages.page(self.ctx, self.layout.rows, rows, self.offset)

    @property
    def per_page(self) -> int:
        return self.page.per_page

    def update(self, dt_ms: int) -> Transition | None:
        if self.phones is not None and self.phones.check():
            self.message = self.ctx.t("Phones disconnected: the phone server stopped. F5 "
                                      "restarts it.") if self.phones.down else ""
        result = self._result
        if self.vm is None and self.error == "" and result is not None:
            if isinstance(result, str):
                self.error = result
            else:
                self.vm = result
                self.resize()  # the boxes fit the comparison's words
        return None

    def on_intent(self, intent: Intent) -> Result:
        if intent.act is Act.SPREAD:
            if self.phones is not None and self.phones.server is not None:
                self.show_spread = not self.show_spread  # the room's histogram, or the rows
            return None
        if intent.act is Act.SKIP_BACK:
            return self._back()
        if intent.act is Act.RESUME and self.phones is not None:  # F5: the phone server
            self.message = self.phones.restart(self.ctx.t)
            return None
        if intent.act is Act.BACK:
            return PopTo("workshop-setup")
        if intent.act in (Act.UP, Act.DOWN, Act.SCROLL):
            self._page(-1 if intent.act is Act.UP or intent.amount < 0 else 1)
            return None
        if not self.buttons:  # they made way for the rows: Backspace and Esc act alone
            return None
        chosen = menu_intent(self.focus, button_rects(self.buttons), intent,
                             (Act.NEXT, Act.RIGHT), (Act.PREV, Act.LEFT))
        if chosen == "back":
            return self._back()
        if chosen == "setup":
            return PopTo("workshop-setup")
        return None

    def _page(self, delta: int) -> None:
        total = len(self.vm.rows) if self.vm else 0
        self.offset = max(0, min(max(0, total - self.per_page), self.offset + delta))

    def _back(self) -> Result:
        """Backspace: go back into the story at the last decision (a new, child log)."""
        went, said = go_back(base_of(self.ctx), self.workshop)
        if not went:
            self.message = said
            return None
        return Replace(open_screen("workshop-play", base_of(self.ctx), self.workshop,
                                   message=said, phones=self.phones))

    def draw(self, surface: pygame.Surface) -> None:
        draw.draw_end(self, surface)
