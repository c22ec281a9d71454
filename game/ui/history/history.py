"""History: every recorded session on this machine, newest first, opened for review.

Each row says when, which vignette and trainee, the mode, how it ended, the safety rating
(symbol + word + colour) and whether it is a branch. Rows come from the history database
(no log is read to list them) and say "not yet checked" until the player opens one: opening
re-simulates that log, and a log that cannot be read or does not verify keeps its reason on
the list, never hidden; so does a session whose log is missing (it cannot be opened, and the
row says why). Enter opens the replay viewer, D the debrief. A practice session the current
profile left mid-vignette offers "Resume from your last choice at 0:42" (R or a click): only
the visible rows' logs are looked at for the time. Each row is as tall as its text needs at
the chosen text size (`history_draw.row_boxes`); the list scrolls by rows, with a scroll bar.
The list is rebuilt when the player comes back (a branch may have been saved); verdicts
already reached are kept for as long as the file is unchanged.
"""

from __future__ import annotations

import os

import pygame
from pygame import Rect

from game import paths
from game.app.resume import Offer, offer_for
from game.replay.verify import VerifyResult, verify_log
from game.ui.history.history_draw import RowBoxes, draw_row, row_boxes
from game.ui.history.model import HistoryRow
from game.ui.history.stored import checked, listed_rows
from game.ui.kit.common import draw_footer, draw_header, text_height
from game.ui.kit.focus import FocusList, hit
from game.ui.kit.help_keys import HISTORY_KEYS
from game.ui.kit.layout import frame
from game.ui.kit.panels import bar_width, scroll_bar
from game.ui.review.model import load_replay
from game.ui.shell.context import UiContext
from game.ui.shell.input import Act, Intent
from game.ui.shell.scene import Pop, Push, Result, Scene
from game.ui.shell.screens import open_screen


class HistoryScene(Scene):
    name = "history"
    keymap = HISTORY_KEYS
    """R resume, D debrief, Home / End, and what F1 lists (game/ui/kit/help_keys.py)."""

    def __init__(self, ctx: UiContext):
        super().__init__(ctx)
        self.folder = paths.logs_dir()
        self.focus = FocusList()
        self.offset = 0
        self.stale = False
        self.rows: list[HistoryRow] = []
        self.problem = ""
        self.verdicts: dict[str, tuple[float, VerifyResult]] = {}
        """Logs checked while this screen lived: path -> (modification time, verdict)."""
        self.offers: dict[str, Offer | None] = {}
        """Resumable rows looked at so far: path -> the offer (None: it cannot be resumed)."""
        self.message = ""
        """Why the last Enter, D or R did nothing (a missing log, a refused resume)."""
        self.reload()

    def reload(self) -> None:
        from game.app.profiles import current_id
        self.find = self.ctx.scenario_finder()
        self.offers = {}
        rows, self.problem = listed_rows(self.folder, self.find, self.ctx.t,
                                         player=current_id())
        self.rows = [self._known(r) for r in rows]
        self.boxes: dict[str, RowBoxes] = {}
        """Each row's layout at the current size, by path (`layout_of`)."""
        self.focus.set_ids([r.path for r in self.rows])
        self.stale = False

    def _known(self, row: HistoryRow) -> HistoryRow:
        """The row with the verdict already reached for its file, if the file is unchanged."""
        seen = self.verdicts.get(row.path)
        if row.checked or seen is None or seen[0] != _mtime(row.path):
            return row
        return checked(row, seen[1], self.ctx.t)

    def check(self, row: HistoryRow) -> HistoryRow:
        """Re-simulate the log of `row` (once per unchanged file) and show the verdict."""
        if row.checked:
            return row
        result = verify_log(row.path, self.find)
        self.verdicts[row.path] = (_mtime(row.path), result)
        done = checked(row, result, self.ctx.t)
        self.rows = [done if r.path == row.path else r for r in self.rows]
        self.boxes.pop(row.path, None)  # its note changed: measured again
        return done

    def resize(self) -> None:
        m = self.ctx.metrics
        f = frame(self.ctx.size, m, m.heading)
        self.header, self.list, self.footer = f.header, f.body, f.footer
        self.notice = Rect(self.list.x, self.list.y, self.list.width, 0)
        if self.problem:  # the database problem takes the first lines of the body, whole
            self.notice.height = text_height(self.ctx, f"⚠ {self.problem}", m.small,
                                             self.list.width)
            self.list = Rect(self.list.x, self.notice.bottom + m.gap, self.list.width,
                             self.list.bottom - self.notice.bottom - m.gap)
        self.row_w, self.boxes = self.list.width, {}
        if self.shown_from(0) < len(self.rows):  # it scrolls: room for the scroll bar
            self.row_w, self.boxes = self.list.width - bar_width(self.ctx) - m.gap, {}
        self._scroll()

    def layout_of(self, index: int) -> RowBoxes:
        """Row `index` laid out at the list's width (worked out once per size and row: only
        the rows looked at are measured, never all 3,200)."""
        row = self.rows[index]
        boxes = self.boxes.get(row.path)
        if boxes is None:
            boxes = self.boxes[row.path] = row_boxes(self.ctx, row, self.offer(row),
                                                     self.row_w)
        return boxes

    def shown_from(self, first: int) -> int:
        """How many rows, from `first` on, fit whole in the list (at least one)."""
        gap, used, count = self.ctx.metrics.gap, 0, 0
        for index in range(first, len(self.rows)):
            h = self.layout_of(index).height
            if count and used + gap + h > self.list.height:
                break
            used += (gap if count else 0) + h
            count += 1
        return count

    @property
    def per_page(self) -> int:
        return self.shown_from(self.offset)

    def row_rects(self) -> dict[str, Rect]:
        gap, y = self.ctx.metrics.gap, self.list.y
        rects = {}
        for index in range(self.offset, self.offset + self.per_page):
            h = min(self.layout_of(index).height, self.list.bottom - y)
            rects[self.rows[index].path] = Rect(self.list.x, y, self.row_w, h)
            y += h + gap
        return rects

    def _scroll(self) -> None:
        """Keep the focused row in view, moving as little as possible: a row above the page
        becomes its first, one below it its last (the rows between are measured, no more)."""
        index = max(0, self.focus.index)
        self.offset = min(self.offset, max(0, len(self.rows) - 1))
        if not self.rows:
            return
        if index < self.offset:
            self.offset = index
        elif index >= self.offset + self.per_page:
            gap, used = self.ctx.metrics.gap, self.layout_of(index).height
            first = index
            while first > 0 and used + gap + self.layout_of(first - 1).height <= \
                    self.list.height:
                first -= 1
                used += gap + self.layout_of(first).height
            self.offset = first

    @property
    def selected(self) -> HistoryRow | None:
        return next((r for r in self.rows if r.path == self.focus.current), None)

    def offer(self, row: HistoryRow) -> Offer | None:
        """The resume offer of a resumable row (its log's last line read once)."""
        if not row.resumable or row.record is None:
            return None
        if row.path not in self.offers:
            self.offers[row.path] = offer_for(row.record, self.folder)
        return self.offers[row.path]

    def resume(self) -> Result:
        from game.ui.home.resuming import resumed_play
        self.message = ""
        row = self.selected
        offer = self.offer(row) if row is not None else None
        if offer is None:
            return None
        scene, why = resumed_play(self.ctx, offer)
        self.stale = True
        if scene is None:
            self.message = why
            return None
        return Push(scene)

    def on_intent(self, intent: Intent) -> Result:
        if intent.act is Act.RESUME:
            return self.resume()
        if intent.act is Act.DEBRIEF:
            return self.open("debrief")
        if intent.act in (Act.FIRST, Act.LAST):
            if self.rows:
                self.focus.focus(self.rows[0 if intent.act is Act.FIRST else -1].path)
            self._scroll()
            return None
        if intent.act not in (Act.HOVER, Act.SCROLL):
            self.message = ""
        if intent.act is Act.BACK:
            return Pop()
        if intent.act in (Act.DOWN, Act.NEXT, Act.UP, Act.PREV, Act.SCROLL):
            step = -1 if intent.act in (Act.UP, Act.PREV) else 1
            step = intent.amount if intent.act is Act.SCROLL else step
            index = min(len(self.rows) - 1, max(0, self.focus.index + step))
            if self.rows:
                self.focus.focus(self.rows[index].path)
            self._scroll()
        elif intent.act in (Act.HOVER, Act.CLICK):
            rects = self.row_rects()
            item = hit(rects, intent.pos)
            if item is not None and intent.act is Act.CLICK and self._on_resume(item, rects,
                                                                               intent.pos):
                self.focus.focus(item)
                return self.resume()
            if item is not None and intent.act is Act.CLICK and item == self.focus.current:
                return self.open("viewer")
            if item is not None:
                self.focus.focus(item)
        elif intent.act is Act.ACTIVATE:
            return self.open("viewer")
        return None

    def _on_resume(self, item: str, rects: dict[str, Rect], pos: tuple[int, int]) -> bool:
        index = next(i for i, r in enumerate(self.rows) if r.path == item)
        button = self.layout_of(index).button
        return self.offer(self.rows[index]) is not None and button is not None and \
            button.move(rects[item].topleft).collidepoint(pos)

    def open(self, what: str) -> Result:
        self.message = ""
        row = self.selected
        if row is None:
            return None
        if row.missing:
            # The row itself says why; the footer line says what pressing did.
            self.message = self.ctx.t("Not opened: this session's log is missing.")
            return None
        row = self.check(row)
        self.stale = True  # a branch or a note may be added meanwhile
        if what == "debrief":
            return Push(open_screen("debrief", self.ctx, row.path, self.find))
        return Push(open_screen("replay", self.ctx, load_replay(row.path, self.find,
                                                                 self.ctx.t)))

    def update(self, dt_ms: int) -> None:
        if self.stale:  # only the top scene is updated: we are back from the viewer
            current = self.focus.current
            self.reload()
            if current:
                self.focus.focus(current)
            self.resize()

    def draw(self, surface: pygame.Surface) -> None:
        ctx, m, t = self.ctx, self.ctx.metrics, self.ctx.t
        surface.fill(ctx.palette.background)
        draw_header(ctx, surface, self.header, t("History: recorded sessions ({n})",
                                                 n=len(self.rows)), m.heading)
        if self.problem:
            ctx.text(surface, f"⚠ {self.problem}", self.notice, m.small, ctx.palette.warn)
        if not self.rows:
            ctx.text(surface, t("No recorded sessions yet in {folder}. Every vignette you play "
                                "is recorded there.", folder=str(self.folder)), self.list,
                     m.body, ctx.palette.muted)
        shown = self.per_page
        for index, (path, rect) in enumerate(self.row_rects().items(), start=self.offset):
            row = self.rows[index]
            draw_row(self.ctx, surface, row, rect, self.layout_of(index), self.offer(row),
                     path == self.focus.current)
        scrolls = len(self.rows) > shown
        if scrolls:
            w = bar_width(ctx)
            scroll_bar(ctx, surface, Rect(self.list.right - w, self.list.y, w,
                                          self.list.height), self.offset, shown, len(self.rows))
        more = t(" · rows {a}-{b} of {n}", a=self.offset + 1, n=len(self.rows),
                 b=min(len(self.rows), self.offset + shown)) if scrolls else ""
        if self.message:
            ctx.text(surface, f"⚠ {self.message}", self.footer, m.small, ctx.palette.warn,
                     valign="center")
            return
        selected = self.selected
        resumable = selected is not None and self.offer(selected) is not None
        keys = t(self.keymap.legend(1 if resumable else 0))
        draw_footer(ctx, surface, self.footer, keys + more)

def _mtime(path: str) -> float:
    try:
        return os.stat(path).st_mtime
    except OSError:
        return 0.0
