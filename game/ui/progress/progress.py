"""Progress: how a supervisor's judgement is changing, one page at a time.

Pages (Left/Right or Tab): over time (plot of regret with safety marks, tendencies in
words), areas (failure categories and supervision distances), reading the trainee
(entrustment calibration) and what next. Everything comes from the history database; no
log is opened, so the screen opens in milliseconds however long the history is.
"""

from __future__ import annotations

import pygame
from pygame import Rect

from game.app.profiles import current_id
from game.app.recommend import Vignette
from game.app.sessions import player_id
from game.store.listing import recorded_sessions
from game.ui.kit.common import draw_footer, draw_header, text_height
from game.ui.kit.help_keys import PROGRESS_KEYS
from game.ui.kit.layout import frame
from game.ui.kit.panels import focus_ring, panel, tone_colour
from game.ui.progress.calibration_plot import CAPTION, draw_calibration, grid_size
from game.ui.progress.model import ProgressVM, progress_vm
from game.ui.progress.plot import draw_plot
from game.ui.shell.context import UiContext
from game.ui.shell.input import Act, Intent
from game.ui.shell.scene import Pop, Push, Result, Scene
from game.ui.shell.screens import open_screen

WHAT_NEXT = 3
"""The What next page: Enter there plays what it recommends."""


def profile_name(player: str) -> str:
    """The nickname of the profile `player`, or the id itself."""
    from game.store import open_history
    history, _ = open_history()
    if history is None:
        return player
    with history:
        row = history.connection.execute("SELECT name FROM players WHERE id = ?",
                                          (player,)).fetchone()
    return row[0] if row else player


class ProgressScene(Scene):
    name = "progress"
    keymap = PROGRESS_KEYS
    """What F1 lists here (game/ui/kit/help_keys.py)."""

    def __init__(self, ctx: UiContext, player: str | None = None):
        super().__init__(ctx)
        self.player = player or current_id() or player_id()
        listing = recorded_sessions(self.player)
        self.records, self.problem = listing.records, listing.problem
        catalogue = ctx.services.catalogue() if ctx.services else None
        self.library = [Vignette.of(s) for s in catalogue.scenarios] if catalogue else []
        self.name_shown = profile_name(self.player)
        self.page = 0
        self.vm: ProgressVM = progress_vm(self.records, self.library, self.name_shown, ctx.t)
        self.vm_words = self._words()
        """The language the pages were worded in: a resize rewords them only after a change
        of language (working the pages out twice doubled the time the screen took to open)."""

    def _words(self) -> tuple[int, str]:
        return id(self.ctx.t), getattr(self.ctx.t, "language", "")

    def resize(self) -> None:
        m = self.ctx.metrics
        if self._words() != self.vm_words:
            self.vm = progress_vm(self.records, self.library, self.name_shown, self.ctx.t)
            self.vm_words = self._words()
        f = frame(self.ctx.size, m, m.heading)
        self.header, self.footer = f.header, f.footer
        self.tabs = self._tab_rects(Rect(f.body.x, f.body.y, f.body.width, 0))
        # The chosen tab's title is bold: each tab is as tall as its title needs, wrapped.
        tab_h = max(text_height(self.ctx, f"{i + 1} {page.title}", m.small,
                                rect.width - m.gap, True)
                    for i, (page, rect) in enumerate(zip(self.vm.pages, self.tabs))) + m.gap
        self.tabs = [Rect(r.x, r.y, r.width, tab_h) for r in self.tabs]
        self.body = Rect(f.body.x, f.body.y + tab_h + m.gap, f.body.width,
                         f.body.height - tab_h - m.gap)

    def _tab_rects(self, strip: Rect) -> list[Rect]:
        n, gap = len(self.vm.pages), self.ctx.metrics.gap
        w = (strip.width - gap * (n - 1)) // n
        return [Rect(strip.x + i * (w + gap), strip.y, w, strip.height) for i in range(n)]

    def on_intent(self, intent: Intent) -> Result:
        if intent.act is Act.BACK:
            return Pop()
        if intent.act is Act.ACTIVATE and self.page == WHAT_NEXT:
            return self.play_next()
        step = {Act.RIGHT: 1, Act.NEXT: 1, Act.DOWN: 1, Act.LEFT: -1, Act.PREV: -1,
                Act.UP: -1}.get(intent.act, 0)
        if intent.act is Act.CHOOSE and 1 <= intent.number <= len(self.vm.pages):
            self.page = intent.number - 1
        elif intent.act is Act.CLICK:
            for i, rect in enumerate(self.tabs):
                if rect.collidepoint(intent.pos):
                    self.page = i
        elif step:
            self.page = (self.page + step) % len(self.vm.pages)
        return None

    def play_next(self) -> Result:
        """The briefing of the recommended vignette with the recommended trainee chosen."""
        if self.vm.next_play is None or self.ctx.services is None:
            return None
        vignette, trainee = self.vm.next_play
        scenario = self.ctx.services.catalogue().get(vignette)
        if scenario is None:
            return None
        return Push(open_screen("briefing", self.ctx, scenario, trainee))

    def draw(self, surface: pygame.Surface) -> None:
        ctx, m, t = self.ctx, self.ctx.metrics, self.ctx.t
        surface.fill(ctx.palette.background)
        draw_header(ctx, surface, self.header, self.vm.heading, m.heading)
        self._draw_tabs(surface)
        body = self.body
        if self.page == 0 and not self.vm.empty:  # the plot gives the sentences their room
            need = self._lines_need(list(self.vm.pages[0].lines), body.width) + m.gap
            plot_h = max(body.height // 3, min(body.height // 2, body.height - need))
            draw_plot(ctx, surface, Rect(body.x, body.y, body.width, plot_h), self.vm.points)
            body = Rect(body.x, body.y + plot_h + m.gap, body.width,
                        body.height - plot_h - m.gap)
        lines = list(self.vm.pages[self.page].lines)
        if self.page == 2 and self.vm.matrix:  # the grid at the left, the words beside it
            picture = Rect(body.x, body.y, body.width, body.height * 2 // 5)
            draw_calibration(ctx, surface, picture, self.vm.matrix)
            width = grid_size(picture, ctx)[0] + m.pad
            body = Rect(body.x + width, body.y, body.width - width, body.height)
            lines.append(("", t(CAPTION)))
        if self.vm.empty and self.page != 3:
            lines = [("", t("No finished sessions yet for this profile: play a vignette in "
                            "practice or assessment, and your progress appears here."))]
        if self.problem:
            lines.append(("warn", "⚠ " + self.problem))
        self._draw_lines(surface, body, lines)
        keys = t("←/→ or 1-4 pages · Esc back")
        if self.page == WHAT_NEXT and self.vm.next_play is not None:
            keys = t("Enter play it · ←/→ or 1-4 pages · Esc back")
        draw_footer(ctx, surface, self.footer, keys)

    def _draw_tabs(self, surface: pygame.Surface) -> None:
        ctx, m = self.ctx, self.ctx.metrics
        for i, (page, rect) in enumerate(zip(self.vm.pages, self.tabs)):
            chosen = i == self.page
            panel(ctx, surface, rect, ctx.palette.panel_alt if chosen else ctx.palette.panel)
            ctx.text(surface, f"{i + 1} {page.title}", rect.inflate(-m.gap, 0), m.small,
                     ctx.palette.text if chosen else ctx.palette.muted, chosen, "center",
                     "center")
            if chosen:
                focus_ring(ctx, surface, rect)

    def _lines_need(self, lines: list[tuple[str, str]], width: int) -> int:
        m = self.ctx.metrics
        return sum(text_height(self.ctx, text, m.body, width) for _, text in lines) + \
            (m.gap // 2) * max(0, len(lines) - 1)

    def _draw_lines(self, surface: pygame.Surface, box: Rect,
                    lines: list[tuple[str, str]]) -> None:
        """Each sentence whole in its own colour; when they do not all fit, the ones that do
        and then the rest together in one box that scrolls (sharing the height out made
        every line too short, so each scrolled with its own bar at Extra large)."""
        ctx, m = self.ctx, self.ctx.metrics
        y = box.y
        for i, (tone, text) in enumerate(lines):
            h = text_height(ctx, text, m.body, box.width)
            colour = tone_colour(ctx, tone) if tone else ctx.palette.text
            if y + h > box.bottom:  # the rest, in one scrolling box
                rest = "\n".join(x for _, x in lines[i:])
                ctx.text(surface, rest, Rect(box.x, y, box.width, box.bottom - y), m.body,
                         colour)
                return
            ctx.text(surface, text, Rect(box.x, y, box.width, h), m.body, colour)
            y += h + m.gap // 2
