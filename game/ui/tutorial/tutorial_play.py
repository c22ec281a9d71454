"""The tutorial vignette: the play screen with coach marks on the first occurrence of each
thing worth explaining (the narration, the countdown, the ladder of options, the two meters,
a mistake that must be stopped, the outcome).

A coach mark freezes the clock until the player dismisses it (Enter, Space, S or a click), so
nobody loses a decision while reading about it; the Enter guard then starts afresh.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

import pygame

from game.core.commands import Command
from game.core.model import Scenario
from game.replay.session import RecordedSession
from game.ui.kit.help_keys import TUTORIAL_PLAY_KEYS
from game.ui.kit.panels import focus_ring, panel
from game.ui.play import play_draw
from game.ui.play.play import PlayScene
from game.ui.play.presenters import Tr
from game.ui.shell.context import UiContext
from game.ui.shell.input import Act, Intent
from game.ui.shell.scene import Result, Transition

MARKS = ("narration", "countdown", "options", "meters", "stop", "outcome")
STOP_DECISION = "reinsert_decision"
"""The tutorial's decision point whose mistake must not be allowed."""


def mark_text(mark: str, t: Tr) -> str:
    return {
        "narration": t("The story runs here in real time. Read along; S skips ahead to the "
                       "next moment."),
        # v2: the mistake may come at any moment of the window, not only at its end
        "countdown": t("A decision point: the trainee is about to make a mistake, and it may "
                       "come at any moment. The countdown shows the latest you can step in. "
                       "If it runs out, you have chosen to watch."),
        "options": t("The intervention ladder: 1 watch, 2 probe, 3 cue, 4 guide, 5 take over "
                     "(always the same key), or click. Watch leaves the most to learn; Take "
                     "over protects the patient most."),
        "meters": t("The two ledgers: learning so far and harm so far. In practice M shows "
                    "or hides them; in assessment they appear only at the end."),
        "stop": t("Not every mistake is worth allowing. If this one goes wrong the patient "
                  "needs a procedure: step in."),
        "outcome": t("The vignette has ended. The outcome compares each choice with the best "
                     "one and shows both ledgers."),
    }[mark]


class TutorialPlayScene(PlayScene):
    name = "play"
    record_results = False

    keymap = TUTORIAL_PLAY_KEYS

    def __init__(self, ctx: UiContext, scenario: Scenario, session: RecordedSession):
        super().__init__(ctx, scenario, session)
        self.show_meters = True
        self.seen: set[str] = set()
        self.mark: str | None = None
        self.resize()
        self._check_marks()

    def next_mark(self) -> str | None:
        """The first coach mark due now that has not been shown yet; none while a
        consequence card covers the screen (it would point at what the card hides)."""
        if self.card is not None:
            return None
        phase, seen = self.vm.phase, self.seen
        chose = any(s.kind == "decision" for s in self.session.state.history)
        due = {"narration": phase == "narration",
               "countdown": phase == "decision",
               "options": phase == "decision" and "countdown" in seen,
               "meters": chose and self.show_meters,
               "stop": phase == "decision" and self.node_id == STOP_DECISION,
               "outcome": phase == "ended"}
        return next((m for m in MARKS if due[m] and m not in seen), None)

    def _check_marks(self) -> None:
        if self.mark is None:
            self.mark = self.next_mark()
            if self.mark is not None and self.ctx.services is not None:
                self.ctx.services.say(mark_text(self.mark, self.ctx.t))

    def dismiss(self) -> None:
        if self.mark is not None:
            self.seen.add(self.mark)
            self.mark = None
            self.opened_at = self.time_s  # the Enter guard counts from now
            self._check_marks()

    def update(self, dt_ms: int) -> Transition | None:
        if self.mark is not None:
            self.time_s += dt_ms / 1000  # animations run; the vignette's clock does not
            return None
        result = super().update(dt_ms)
        self._check_marks()
        return result

    def apply(self, command: Command) -> Transition | None:
        result = super().apply(command)
        self._check_marks()
        return result

    def on_intent(self, intent: Intent) -> Result:
        if self.mark is not None:
            if intent.act in (Act.ACTIVATE, Act.CLICK, Act.SKIP, Act.RIGHT):
                self.dismiss()
                return None
            return super().on_intent(intent) if intent.act is Act.BACK else None
        return super().on_intent(intent)

    def target(self, mark: str) -> pygame.Rect:
        """What the coach mark points at."""
        ctx, lay = self.ctx, self.layout
        _, strip, narration = play_draw.left_column(self)
        regions = play_draw.panel_regions(ctx, lay, self.vm)
        buttons = [b.rect for b in self.buttons] or [regions["buttons"]]
        if mark == "narration":
            return narration or lay.narration
        if mark == "countdown" and "countdown" in regions:
            return regions["countdown"].union(regions["bar"])
        if mark == "meters" and strip is not None:
            return strip
        if mark == "stop" and "cue" in regions:
            return regions["cue"]
        return buttons[0].unionall(buttons[1:])

    def keep_clear(self, mark: str) -> pygame.Rect:
        """What the callout sits beside: its target, with the cue when the mark is about
        the decision (the countdown and the stop mark are read with it)."""
        target = self.target(mark)
        regions = play_draw.panel_regions(self.ctx, self.layout, self.vm)
        if mark in ("countdown", "stop") and "cue" in regions:
            return target.union(regions["cue"])
        return target

    def avoid(self, mark: str | None = None) -> list[pygame.Rect]:
        """What no callout may cover: at a decision point, the options the player must see
        to choose (they may be far from the target, e.g. the countdown beside the cue at
        the foot of the narration column), and for the options' own mark the cue they
        answer."""
        if self.vm.phase != "decision" or self.card is not None or not self.buttons:
            return []
        shown = play_draw.shown_buttons(self)[0] or self.buttons
        avoid = [shown[0].rect.unionall([b.rect for b in shown[1:]])]
        regions = play_draw.panel_regions(self.ctx, self.layout, self.vm)
        if mark == "options" and "cue" in regions:  # the story above the cue may be covered
            avoid.append(regions["cue"].unionall([regions["countdown"], regions["bar"]]))
        return avoid

    def draw(self, surface: pygame.Surface) -> None:
        super().draw(surface)
        if self.mark is not None:
            draw_coach_mark(self.ctx, surface, self.target(self.mark),
                            mark_text(self.mark, self.ctx.t), self.keep_clear(self.mark),
                            self.avoid(self.mark))


def callout_rect(ctx: UiContext, target: pygame.Rect, text: str,
                 avoid: Sequence[pygame.Rect] = ()) -> pygame.Rect:
    """A box beside `target` (below, above, left or right: the side with most room), never
    over it nor over anything in `avoid`: a box taller or wider than its room is cut to it,
    and its text scrolls rather than covering what the coach mark describes."""
    m = ctx.metrics
    w, h = ctx.size
    width = min(w - 2 * m.pad, round(460 * m.scale))
    font = ctx.theme.fonts.get(m.body)
    need = ctx.cache.render(text, font, ctx.palette.text, width - 2 * m.pad).get_height() + \
        ctx.line_height(m.small) + 3 * m.gap + 2 * m.pad
    height = min(need, h - 2 * m.pad)
    sides = {"below": pygame.Rect(0, target.bottom + m.pad, w, h - target.bottom - m.pad),
             "above": pygame.Rect(0, 0, w, target.top - m.pad),
             "left": pygame.Rect(0, 0, target.left - m.pad, h),
             "right": pygame.Rect(target.right + m.pad, 0, w - target.right - m.pad, h)}

    def shortfall(r: pygame.Rect) -> int:
        return max(0, width - r.width) * 2 + max(0, height - r.height)  # width reads worse

    free = {k: _carve(r.inflate(-2 * m.pad, -2 * m.pad) if k in ("left", "right") else
                      r.inflate(-2 * m.pad, 0).clip(pygame.Rect(0, m.pad, w, h - 2 * m.pad)),
                      avoid, m.pad, shortfall)
            for k, r in sides.items()}
    side = min(free, key=lambda k: (shortfall(free[k]), -free[k].width * free[k].height))
    room = free[side]
    box = pygame.Rect(0, 0, min(width, room.width), min(height, room.height))
    box.center = target.center
    if side == "below":
        box.top = room.top
    elif side == "above":
        box.bottom = room.bottom
    elif side == "left":
        box.right = room.right
    else:
        box.left = room.left
    return box.clamp(room)


def _carve(room: pygame.Rect, avoid: Sequence[pygame.Rect], pad: int,
           shortfall: Callable[[pygame.Rect], int]) -> pygame.Rect:
    """The part of `room` beside each rectangle of `avoid` (left, right, above or below it)
    that best holds the callout."""
    for a in avoid:
        a = a.inflate(2 * pad, 2 * pad)
        if not room.colliderect(a):
            continue
        parts = [pygame.Rect(room.x, room.y, a.left - room.x, room.height),
                 pygame.Rect(a.right, room.y, room.right - a.right, room.height),
                 pygame.Rect(room.x, room.y, room.width, a.top - room.y),
                 pygame.Rect(room.x, a.bottom, room.width, room.bottom - a.bottom)]
        parts = [r for r in parts if r.width > 0 and r.height > 0] or \
            [pygame.Rect(room.x, room.y, 0, 0)]
        room = min(parts, key=lambda r: (shortfall(r), -r.width * r.height))
    return room


def draw_coach_mark(ctx: UiContext, surface: pygame.Surface, target: pygame.Rect,
                    text: str, clear: pygame.Rect | None = None,
                    avoid: Sequence[pygame.Rect] = ()) -> None:
    """Dim all but the target (and what must stay readable beside it), ring it, and explain
    it in a box beside `clear` (the target unless given) that covers nothing in `avoid`."""
    m, p = ctx.metrics, ctx.palette
    shade = pygame.Surface(surface.get_size(), pygame.SRCALPHA)
    shade.fill((0, 0, 0, 150))
    for hole in (clear or target, *avoid):
        shade.fill((0, 0, 0, 0), hole.inflate(2 * m.gap, 2 * m.gap))
    surface.blit(shade, (0, 0))
    focus_ring(ctx, surface, target.inflate(m.gap, m.gap))
    box = callout_rect(ctx, clear or target, text, avoid)
    panel(ctx, surface, box, p.panel_alt, p.focus)
    inner = box.inflate(-2 * m.pad, -2 * m.pad)
    hint_h = ctx.line_height(m.small)
    ctx.text(surface, text, pygame.Rect(inner.x, inner.y, inner.width,
                                        inner.height - hint_h - m.gap), m.body, p.text)
    ctx.text(surface, ctx.t("Enter: got it"), pygame.Rect(inner.x, inner.bottom - hint_h,
                                                          inner.width, hint_h),
             m.small, p.focus, True, "right")
