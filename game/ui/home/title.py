"""Title screen: the main menu (start, mode, tutorial, workshop, history, settings, quit).

The mode switch sits on the menu itself, so the player sees which rules the next vignette
will run under before choosing one. Every other item opens a screen by its registry name.
When the current profile left a practice session mid-vignette, the menu starts with
"Resume <vignette>, from your last choice at 0:42"; it is looked up after the first frame (it
needs the history and, only then, the vignette library), so start-up stays as light as before.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

import pygame

from game.ui.kit.button import Button, button_need, button_rects, draw_buttons
from game.ui.kit.common import draw_footer, menu_intent, text_height
from game.ui.kit.focus import FocusList
from game.ui.kit.help_keys import TITLE_KEYS
from game.ui.kit.layout import frame
from game.ui.kit.vocabulary import MODE_TEXT, mode_name
from game.ui.shell.context import Metrics, UiContext
from game.ui.shell.input import Act, Intent
from game.ui.shell.scene import Push, Quit, Result, Scene, Transition
from game.ui.shell.screens import open_screen

if TYPE_CHECKING:
    from game.app.resume import Offer

ITEMS = ("start", "mode", "tutorial", "workshop", "history", "progress", "profile",
         "settings", "quit")
SCREEN_OF = {"start": "picker", "tutorial": "tutorial", "workshop": "workshop-setup",
             "history": "history", "progress": "progress", "profile": "profiles",
             "settings": "settings"}
"""The screen (by its registry name) each menu item opens."""
MODES = ("practice", "assessment")


@dataclass(frozen=True)
class MenuLayout:
    title: pygame.Rect
    subtitle: pygame.Rect
    mode: pygame.Rect
    buttons: list[pygame.Rect]
    notice: pygame.Rect
    footer: pygame.Rect
    lead: pygame.Rect | None = None
    """The resume offer's full-width row above the buttons (None without an offer)."""


def menu_layout(size: tuple[int, int], m: Metrics, n: int, text_h: tuple[int, int] = (0, 0),
                lead_h: int = 0, subtitle: bool = True) -> MenuLayout:
    """One centred column of buttons when it fits under the title, otherwise two columns.
    `text_h`: the heights the subtitle and the mode line need at their width (wrapped).
    `lead_h`: the height of a full-width first row (the resume offer names a vignette, too
    long for a menu button), 0 for none. `subtitle=False` leaves the subtitle out (its room
    goes to the offer when the window is too small for both)."""
    w, h = size
    f = frame(size, m)
    width = text_width(size, m)
    x = (w - width) // 2
    title = pygame.Rect(x, m.pad, width, round(m.line(m.title) * 1.7))
    sub = pygame.Rect(x, title.bottom, width, (text_h[0] or m.line(m.body) * 2 + m.gap)
                      if subtitle else 0)
    mode = pygame.Rect(x, sub.bottom + m.gap, width, text_h[1] or m.line(m.body) * 2)
    notice_h = m.line(m.small) + m.gap
    top = mode.bottom + m.pad
    lead = None
    if lead_h:
        lead = pygame.Rect(x, top, width, lead_h)
        top = lead.bottom + m.gap
    room = f.footer.y - notice_h - m.gap - top
    gap = m.gap
    columns = 1 if n * m.button_h + (n - 1) * gap <= room else 2
    rows = -(-n // columns)
    bh = min(m.button_h, (room - (rows - 1) * gap) // rows)
    bw = min(round(420 * m.scale), (width - (columns - 1) * m.pad) // columns)
    left = (w - (columns * bw + (columns - 1) * m.pad)) // 2
    buttons = [pygame.Rect(left + (i // rows) * (bw + m.pad), top + (i % rows) * (bh + gap),
                           bw, bh) for i in range(n)]
    notice = pygame.Rect(x, f.footer.y - notice_h, width, notice_h)
    return MenuLayout(title, sub, mode, buttons, notice, f.footer, lead)


def text_width(size: tuple[int, int], m: Metrics) -> int:
    return min(size[0] - 2 * m.pad, round(960 * m.scale))


class TitleScene(Scene):
    name = "title"
    keymap = TITLE_KEYS
    """What F1 lists here (game/ui/kit/help_keys.py)."""

    def __init__(self, ctx: UiContext):
        super().__init__(ctx)
        self.items: tuple[str, ...] = ITEMS
        self.button_size = ctx.metrics.heading
        """The buttons' text size: heading, or body when heading would squeeze them."""
        self.focus = FocusList(self.items)
        self.buttons: list[Button] = []
        self.notice = ""
        self.asked_profile = self.relabel = False
        self.offer: Offer | None = None
        self.offer_label = self.short_label = ""
        self.drawn = False
        """The first frame is on screen: only then is the resume offer looked up."""
        self.look_for_offer = True
        self.refused: set[str] = set()
        """Sessions that could not be resumed this run (the reason was shown once)."""

    def labels(self) -> dict[str, tuple[str, str]]:
        t = self.ctx.t
        return {"start": (t("Start"), "Enter"),
                "mode": (t("Mode: {mode}", mode=mode_name(self.ctx.mode, t)), ""),
                "tutorial": (t("Tutorial"), ""), "workshop": (t("Workshop"), ""),
                "history": (t("History"), ""), "progress": (t("Progress"), ""),
                "profile": (t("Profile: {name}", name=self.profile_name()), ""),
                "settings": (t("Settings"), ""),
                "quit": (t("Quit"), "Esc")}

    def profile_name(self) -> str:
        from game.app.profiles import profile_label
        return profile_label() or self.ctx.t("none")

    def update(self, dt_ms: int) -> Transition | None:
        """At first start (no profile chosen yet) the profile picker comes first, once; back
        from it, the menu shows the profile now chosen."""
        from game.app.profiles import needs_profile
        if self.relabel:
            self.relabel = False
            self.resize()
        if not self.asked_profile and self.ctx.services is not None:
            self.asked_profile = self.relabel = True
            if needs_profile():
                return Push(open_screen("profiles", self.ctx, True))
        if self.look_for_offer and self.drawn and self.ctx.services is not None:
            self.look_for_offer = False
            self.find_offer()
        return None

    def find_offer(self) -> None:
        """Offer the current profile's newest left practice session, if any (the menu gains
        or loses its first item)."""
        from game import paths
        from game.app.profiles import current_id
        from game.app.resume import latest_offer
        player = current_id()
        while True:  # only what can be resumed: its vignette is here, unchanged
            offer = latest_offer(player, paths.logs_dir(), skip=self.refused) \
                if player else None
            # The library loads only when there is something to offer.
            scenario = self.ctx.scenario_finder()(offer.record.scenario_id) \
                if offer is not None else None
            if offer is None or scenario is not None and \
                    scenario.content_sha256 == offer.record.content_sha256:
                break
            self.refused.add(offer.record.uid)  # its History row still says why, if asked
        self.offer = offer
        if offer is not None:
            from game.ui.home.resuming import offer_label
            self.offer_label = offer_label(self.ctx, offer, scenario)
            self.short_label = offer_label(self.ctx, offer, scenario, short=True)
        self.items = ITEMS if offer is None else ("resume", *ITEMS)
        self.focus.set_ids(self.items)
        self.resize()

    def texts(self) -> tuple[str, str]:
        t = self.ctx.t
        return (t("You supervise a trainee who is about to make a mistake. Let them learn from "
                  "it, or step in: watch, probe, cue, guide or take over."),
                "● " + t(MODE_TEXT.get(self.ctx.mode, MODE_TEXT["practice"])))

    def resize(self) -> None:
        ctx, m = self.ctx, self.ctx.metrics
        width = text_width(ctx.size, m)
        limit = ctx.line_height(m.body) * 3
        sub_text, mode_text = self.texts()
        heights = (min(limit, text_height(ctx, sub_text, m.body, width)),
                   min(limit, text_height(ctx, mode_text, m.body, width)))
        # The menu keeps its buttons' full height and their words whole: first the subtitle
        # makes room, then the offer names the vignette by its short title, then the buttons'
        # words step down from heading to body (at 1024x600 with Extra large text the
        # buttons were squeezed and every label scrolled).
        offer = [("", True)] if self.offer is None else \
            [(self.offer_label, True), (self.offer_label, False), (self.short_label, False)]
        tries = [(label, sub, m.heading) for label, sub in offer] + \
            [(offer[-1][0], sub, m.body) for sub in (True, False)]
        labels = self.labels()
        for label, with_subtitle, size in tries:
            lead_h = button_need(ctx, label, width, tone="info", size=size) if label else 0
            lay = menu_layout(ctx.size, m, len(ITEMS), heights, lead_h, with_subtitle)
            need = max(button_need(ctx, labels[item][0], rect.width, labels[item][1],
                                   size=size) for item, rect in zip(ITEMS, lay.buttons))
            if lay.buttons[0].height >= need:
                break
        self.button_size = size
        self.layout = lay
        self.buttons = [Button(item, labels[item][0], rect, labels[item][1])
                        for item, rect in zip(ITEMS, lay.buttons)]
        if lay.lead is not None:
            self.buttons.insert(0, Button("resume", label, lay.lead, tone="info"))

    def on_intent(self, intent: Intent) -> Result:
        if intent.act in (Act.BACK, Act.QUIT):
            return Quit()
        chosen = menu_intent(self.focus, button_rects(self.buttons), intent)
        return self.activate(chosen) if chosen is not None else None

    def activate(self, item: str) -> Result:
        self.notice = ""
        if item == "resume":
            return self.resume()
        if item in SCREEN_OF:
            self.relabel = item == "profile"
            self.look_for_offer = True  # back from any screen, the offer may have changed
            return Push(open_screen(SCREEN_OF[item], self.ctx))
        if item == "mode":
            current = MODES.index(self.ctx.mode) if self.ctx.mode in MODES else -1
            self.ctx.mode = MODES[(current + 1) % len(MODES)]
            self.resize()
            return None
        if item == "quit":
            return Quit()
        return None

    def resume(self) -> Result:
        """Take the offered session up again in the play screen; on refusal, say why and
        stop offering it this run."""
        from game.ui.home.resuming import resumed_play
        if self.offer is None:
            return None
        scene, why = resumed_play(self.ctx, self.offer)
        self.look_for_offer = True
        if scene is None:
            self.refused.add(self.offer.record.uid)
            self.notice = why
            return None
        return Push(scene)

    def draw(self, surface: pygame.Surface) -> None:
        ctx, m, lay = self.ctx, self.ctx.metrics, self.layout
        p, t = ctx.palette, ctx.t
        surface.fill(p.background)
        ctx.text(surface, "Safety Net", lay.title, round(m.title * 1.6), p.text, True,
                 "center", "center")
        subtitle, mode = self.texts()
        if lay.subtitle.height:
            ctx.text(surface, subtitle, lay.subtitle, m.body, p.muted, align="center")
        ctx.text(surface, mode, lay.mode, m.body, p.accent, align="center")
        draw_buttons(ctx, surface, self.buttons, self.focus.current, self.button_size)
        if self.notice:
            ctx.text(surface, "⚠ " + self.notice, lay.notice, m.small, p.warn, align="center",
                     valign="center")  # Settings shows a bad file in full
        draw_footer(ctx, surface, lay.footer, t("Arrows / Tab move · Enter choose · Esc quit · "
                                                "F1 help · F11 full screen"))
        self.drawn = True
