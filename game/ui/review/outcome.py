"""Outcome: what happened (end, learning, harm) beside how good the decisions were (safety
rating in words + symbol + colour, expected regret, each choice against the best one)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

import pygame

from game.core.model import Scenario
from game.replay.session import RecordedSession
from game.ui.kit.button import Button, button_rects, draw_buttons
from game.ui.kit.common import draw_footer, draw_header, menu_intent, text_height
from game.ui.kit.focus import FocusList
from game.ui.kit.layout import OutcomeLayout, outcome_layout, share, shown_from, split_x, stack
from game.ui.kit.panels import badge, bar_width, panel, scroll_bar, tone_colour
from game.ui.play.play_draw import button_width
from game.ui.review.glossary import GlossaryOverlay
from game.ui.review.keys import GLOSSARY_KEYS, OUTCOME_HELP
from game.ui.review.model import load_replay
from game.ui.review.outcome_presenters import DecisionRowVM, OutcomeVM, outcome_vm
from game.ui.review.rewind import RewindDialog, can_rewind
from game.ui.shell.context import UiContext
from game.ui.shell.input import PLAYER_KEYS, Act, Intent, keys
from game.ui.shell.scene import PopTo, Push, Result, Scene
from game.ui.shell.screens import open_screen

BOTTOM = ("again", "picker", "rewind", "review", "debrief")
"""The buttons along the bottom; the glossary's sits in the header, beside the badge."""


class OutcomeScene(Scene):
    name = "outcome"
    keymap = PLAYER_KEYS.layer("outcome", (*keys(Act.REVIEW, pygame.K_r),
                                           *keys(Act.DEBRIEF, pygame.K_d), *GLOSSARY_KEYS),
                               help=OUTCOME_HELP)

    def __init__(self, ctx: UiContext, scenario: Scenario, session: RecordedSession,
                 note: str | Callable[[], str] = ""):
        super().__init__(ctx)
        self.scenario = scenario
        assert session.score is not None, "the outcome needs a finished session"
        self.vm: OutcomeVM = outcome_vm(scenario, session.state, session.score, ctx.t,
                                        session.params)
        self.session, self._note = session, note
        """`note`: what happened to the result ("Result saved"), shown in the footer; a
        callable is asked each frame (the play scene saves in the background: "Saving...")."""
        rewind = ["rewind"] if can_rewind(session) else []  # practice only
        review = ["review", "debrief"] if session.log_path is not None else []
        self.focus = FocusList(["again", "picker"] + rewind + review + ["glossary"])
        self.offset = 0
        self.buttons: list[Button] = []

    @property
    def note(self) -> str:
        return self._note() if callable(self._note) else self._note

    def resize(self) -> None:
        bottom = [i for i in self.focus.ids if i in BOTTOM]
        t, m = self.ctx.t, self.ctx.metrics
        glossary = t("Glossary")
        lay = self._fit_header(outcome_layout(self.ctx.size, m, len(bottom)))
        title_h = text_height(self.ctx, self.vm.title, m.heading, self._title_w(lay, glossary),
                              True)
        if title_h > lay.header.height:  # a long title wraps and the header takes its lines
            lay = self._fit_header(outcome_layout(self.ctx.size, m, len(bottom), title_h))
        self.layout = lay = self._fit_summary(lay)
        self.buttons = [Button("again", t("Play again"), lay.buttons[0], "Enter"),
                        Button("picker", t("Other vignettes"), lay.buttons[1], "Esc")]
        if "rewind" in self.focus.ids:
            self.buttons.append(Button("rewind", self.ctx.t("Rewind"), lay.buttons[2], "W"))
        for item, label, key in (("review", "Review", "R"), ("debrief", "Debrief", "D")):
            if item in self.focus.ids:  # the facilitator's tools on this session's log
                self.buttons.append(Button(item, self.ctx.t(label),
                                           lay.buttons[bottom.index(item)], key))
        self.buttons = self._fit_buttons(self.buttons)
        w = self._glossary_w(lay, glossary)
        self.title_box = lay.header.copy()
        self.title_box.width = self._title_w(lay, glossary)
        self.buttons.append(Button("glossary", glossary, pygame.Rect(
            lay.header.right - w, lay.badge.y, w, lay.badge.height), "G"))
        self.rows = self._row_rects()

    def _glossary_w(self, lay: OutcomeLayout, label: str) -> int:
        return min(button_width(self.ctx, label, "G", self.ctx.metrics.body),
                   lay.header.width // 3)

    def _title_w(self, lay: OutcomeLayout, label: str) -> int:
        """The title's width: the header less the glossary button beside it."""
        return lay.header.width - self._glossary_w(lay, label) - self.ctx.metrics.gap

    def _badge_w(self, word: str, size: int, least: int) -> int:
        """A safety badge wide enough for its symbol and word on one line ("Unsicher" at
        Extra large wrapped and scrolled in the badge's fixed width)."""
        m = self.ctx.metrics
        icon_w = round(size * 1.4)
        word_w = self.ctx.theme.fonts.get(size, True).size(word)[0]
        return max(least, 2 * m.gap + icon_w + m.gap // 2 + word_w + 4)

    def _fit_header(self, lay: OutcomeLayout) -> OutcomeLayout:
        """Widen the header's safety badge to its word; the title gives way (and wraps)."""
        m = self.ctx.metrics
        w = self._badge_w(self.vm.word, m.heading, lay.badge.width)
        grow = min(w - lay.badge.width, lay.header.width // 3)
        if grow <= 0:
            return lay
        return replace(lay, header=lay.header.inflate(-grow, 0).move(-grow // 2, 0),
                       badge=lay.badge.inflate(grow, 0).move(-grow // 2 - grow % 2, 0))

    def _row_need(self, row: DecisionRowVM, width: int) -> int:
        """The height a decision row needs to show all of its text at the chosen size."""
        ctx, m = self.ctx, self.ctx.metrics
        inner_w = width - 2 * m.gap
        return 2 * m.gap + self._head_h(row, inner_w) + m.gap // 2 + \
            text_height(ctx, "\n".join(self._lines(row)), m.body, inner_w)

    @property
    def per_page(self) -> int:
        """How many rows from `offset` fit whole (at least one, which scrolls if too tall)."""
        area = self.layout.decisions
        needs = [self._row_need(row, area.width) for row in self.vm.decisions]
        return max(1, shown_from(needs, self.ctx.metrics.gap, area.height, self.offset))

    def _row_rects(self) -> list[pygame.Rect]:
        area, gap = self.layout.decisions, self.ctx.metrics.gap
        shown = self.vm.decisions[self.offset:self.offset + self.per_page]
        if not shown:
            return []
        if len(self.vm.decisions) > self.per_page:  # room for the scroll bar: there is more
            area = area.inflate(-(bar_width(self.ctx) + gap), 0).move(-(bar_width(self.ctx)
                                                                        + gap) // 2, 0)
        needs = [self._row_need(row, area.width) for row in shown]
        if len(shown) == 1:
            needs = [min(area.height, needs[0])]
        return stack(area, needs, gap)

    def _lines(self, row: DecisionRowVM) -> list[str]:
        t = self.ctx.t
        lines = [t("You: {choice} ({how})", choice=row.chosen, how=row.how), row.verdict]
        lines += [text for text in (row.why, row.timing) if text]
        if row.rule:
            lines.append(t("Rule broken: {rule}", rule=row.rule))
        return lines

    def on_intent(self, intent: Intent) -> Result:
        if intent.act is Act.BACK:
            return PopTo("picker")
        if intent.act in (Act.REVIEW, Act.DEBRIEF):
            what = str(intent.act)
            return self.review(what) if what in self.focus.ids else None
        if intent.act is Act.GLOSSARY:
            return Push(GlossaryOverlay(self.ctx))
        if intent.act is Act.REWIND and "rewind" in self.focus.ids:
            return Push(RewindDialog(self.ctx, self.scenario, self.session))
        if intent.act in (Act.UP, Act.DOWN, Act.SCROLL):
            step = -1 if intent.act is Act.UP or intent.amount < 0 else 1
            last = len(self.vm.decisions) - 1
            if step > 0 and self.offset + self.per_page > last:
                return None  # the last row is already shown whole
            self.offset = max(0, min(last, self.offset + step))
            self.rows = self._row_rects()
            return None
        chosen = menu_intent(self.focus, button_rects(self.buttons), intent,
                             (Act.NEXT, Act.RIGHT), (Act.PREV, Act.LEFT))
        if chosen == "again":
            return PopTo("briefing")
        if chosen == "picker":
            return PopTo("picker")
        if chosen == "rewind":
            return Push(RewindDialog(self.ctx, self.scenario, self.session))
        if chosen in ("review", "debrief"):
            return self.review(chosen)
        if chosen == "glossary":
            return Push(GlossaryOverlay(self.ctx))
        return None

    def review(self, what: str) -> Result:
        """R: the replay viewer on this session's log; D: its debrief."""
        path = str(self.session.log_path)
        if what == "debrief":
            return Push(open_screen("debrief", self.ctx, path))
        return Push(open_screen("replay", self.ctx, load_replay(path, self.ctx.scenario_finder(),
                                                                 self.ctx.t)))

    def draw(self, surface: pygame.Surface) -> None:
        ctx, m, lay, vm = self.ctx, self.ctx.metrics, self.layout, self.vm
        surface.fill(ctx.palette.background)
        draw_header(ctx, surface, self.title_box, vm.title, m.heading)
        badge(ctx, surface, lay.badge, vm.tone, vm.word, m.heading)
        self._draw_summary(surface, lay.summary)
        shown = vm.decisions[self.offset:self.offset + self.per_page]
        for row, rect in zip(shown, self.rows):
            self._draw_row(surface, row, rect)
        if not vm.decisions:
            ctx.text(surface, ctx.t("No decision point was reached."), lay.decisions, m.body,
                     ctx.palette.muted)
        if len(vm.decisions) > self.per_page:  # the decisions below the fold, visibly
            w = bar_width(ctx)
            scroll_bar(ctx, surface, pygame.Rect(lay.decisions.right - w, lay.decisions.y, w,
                                                 lay.decisions.height),
                       self.offset, len(shown), len(vm.decisions))
        draw_buttons(ctx, surface, self.buttons, self.focus.current, m.body)
        more = len(vm.decisions) > self.per_page or self.offset > 0
        draw_footer(ctx, surface, lay.footer, (f"{self.note} · " if self.note else "")
                    + (ctx.t("Up/Down scroll the decisions · ") if more else "")
                    + ctx.t("Tab/arrows move · Enter choose · G glossary · Esc other vignettes"))

    def _draw_summary(self, surface: pygame.Surface, rect: pygame.Rect) -> None:
        ctx, m, vm = self.ctx, self.ctx.metrics, self.vm
        panel(ctx, surface, rect)
        inner = rect.inflate(-2 * m.gap, -2 * m.gap)
        parts, needs = self._summary_parts(), self._summary_needs(inner.width)
        if sum(needs) + 3 * m.gap > inner.height:  # larger text sizes: one scrolling text
            ctx.text(surface, "\n\n".join(part for part in parts if part), inner, m.body)
            return
        heights = share(inner.height, needs, m.gap)
        text, prompts, rating_box, facts_box = stack(inner, heights, m.gap)
        ctx.text(surface, vm.text, text, m.body)
        ctx.text(surface, parts[1], prompts, m.small, ctx.palette.muted)
        ctx.text(surface, parts[2], rating_box, m.body, tone_colour(ctx, vm.tone))
        ctx.text(surface, parts[3], facts_box, m.body, ctx.palette.text)

    def _summary_parts(self) -> list[str]:
        """The summary's texts top-down: outcome, questions to reflect on, rating, facts."""
        t, vm = self.ctx.t, self.vm
        reflect = t("To reflect on:") + "\n" + "\n".join(f"• {q}" for q in vm.prompts) \
            if vm.prompts else ""
        rating = t("Safety: {word}. {detail}", word=vm.word, detail=vm.detail) + \
            (f"\n{vm.rule}" if vm.rule else "")
        facts = f"{vm.regret}\n{vm.learning}\n{vm.harm}"  # safety first, then regret
        return [vm.text, reflect, rating, facts]

    def _summary_needs(self, width: int) -> list[int]:
        """What each summary part needs, wrapped to `width` at the chosen size (the questions
        are in the small size, the rest in the body size)."""
        m = self.ctx.metrics
        return [text_height(self.ctx, text, m.small if i == 1 else m.body, width)
                for i, text in enumerate(self._summary_parts())]

    def _fit_buttons(self, buttons: list[Button]) -> list[Button]:
        """In a single row, each button gets the width its label and key need (the spare
        width shared out), rather than equal widths that wrap "Other vignettes" at 1024x600."""
        ctx, m = self.ctx, self.ctx.metrics
        if len({b.rect.y for b in buttons}) != 1:
            return buttons  # the larger text sizes: rows of three, two lines tall
        needs = [button_width(ctx, b.label, b.key, m.body) for b in buttons]
        room = buttons[-1].rect.right - self.layout.summary.x - m.gap * (len(buttons) - 1)
        if sum(needs) > room:
            return buttons
        cap = max(max(needs), round(300 * m.scale))
        extra = (room - sum(needs)) // len(buttons)
        widths = [min(cap, need + extra) for need in needs]
        x = buttons[-1].rect.right - sum(widths) - m.gap * (len(buttons) - 1)
        fitted = []
        for b, w in zip(buttons, widths):
            fitted.append(replace(b, rect=pygame.Rect(x, b.rect.y, w, b.rect.height)))
            x += w + m.gap
        return fitted

    def _fit_summary(self, lay: OutcomeLayout) -> OutcomeLayout:
        """Widen the summary column until its words fit whole (up to 60% of the body); the
        decision rows, which page with Up/Down, give way."""
        m = self.ctx.metrics
        body = lay.summary.union(lay.decisions)
        for fraction in (0.42, 0.48, 0.54, 0.6):
            summary, decisions = split_x(body, fraction, m.pad)
            inner = summary.inflate(-2 * m.gap, -2 * m.gap)
            need = sum(self._summary_needs(inner.width)) + 3 * m.gap
            if need <= inner.height:
                break
        return replace(lay, summary=summary, decisions=decisions)

    def _cue(self, row: DecisionRowVM) -> str:
        return self.ctx.t("Decision {n}: {cue}", n=row.number, cue=row.cue)

    def _cue_beside(self, row: DecisionRowVM, inner_w: int) -> bool:
        """The cue sits beside the badge while that leaves it a readable line (about 36
        letters); at Extra large in a small window the badge took half the row and the cue ran
        down a narrow column of a few words a line, so it goes under the badge instead."""
        ctx = self.ctx
        beside = inner_w - self._row_badge_w(row) - ctx.metrics.gap
        return beside >= ctx.theme.fonts.get(ctx.metrics.small, False).size("n" * 36)[0]

    def _cue_h(self, row: DecisionRowVM, inner_w: int) -> int:
        """The cue's height, all of it (beside the badge at least two lines, so rows line
        up)."""
        m = self.ctx.metrics
        if not self._cue_beside(row, inner_w):
            return text_height(self.ctx, self._cue(row), m.small, inner_w)
        width = inner_w - self._row_badge_w(row) - m.gap
        return max(self.ctx.line_height(m.small) * 2,
                   text_height(self.ctx, self._cue(row), m.small, width))

    def _badge_h(self) -> int:
        return self.ctx.line_height(self.ctx.metrics.body, True) + self.ctx.metrics.gap

    def _head_h(self, row: DecisionRowVM, inner_w: int) -> int:
        """Badge and cue: side by side, or the cue under the badge."""
        if self._cue_beside(row, inner_w):
            return max(self._cue_h(row, inner_w), self._badge_h())
        return self._badge_h() + self.ctx.metrics.gap // 2 + self._cue_h(row, inner_w)

    def _row_badge_w(self, row: DecisionRowVM) -> int:
        m = self.ctx.metrics
        return self._badge_w(row.word, m.body, round(150 * m.scale))

    def _draw_row(self, surface: pygame.Surface, row: DecisionRowVM, rect: pygame.Rect) -> None:
        ctx, m, p = self.ctx, self.ctx.metrics, self.ctx.palette
        panel(ctx, surface, rect, border=tone_colour(ctx, row.tone) if row.rule else None)
        inner = rect.inflate(-2 * m.gap, -2 * m.gap)
        badge_w, badge_h = self._row_badge_w(row), self._badge_h()
        cue_h = self._cue_h(row, inner.width)
        if self._cue_beside(row, inner.width):
            cue = pygame.Rect(inner.x, inner.y, inner.width - badge_w - m.gap, cue_h)
        else:
            cue = pygame.Rect(inner.x, inner.y + badge_h + m.gap // 2, inner.width, cue_h)
        ctx.text(surface, self._cue(row), cue, m.small, p.muted)
        badge(ctx, surface, pygame.Rect(inner.right - badge_w, inner.y, badge_w, badge_h),
              row.tone, row.word, m.body)
        lines = self._lines(row)
        body_y = inner.y + self._head_h(row, inner.width) + m.gap // 2
        body = pygame.Rect(inner.x, body_y, inner.width, inner.bottom - body_y)
        ctx.text(surface, "\n".join(lines), body, m.body)
