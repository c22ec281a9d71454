"""Replay viewer: a recorded session's decisions on a timeline, re-simulated from the log.

The log holds only commands; the viewer replays them through the engine (`resimulate`) and
scores the result, so it shows what the session *was*, not what the log claims. Left/Right
step through the decisions: chosen option, best option, regret, and what happened next.
"""

from __future__ import annotations

from collections.abc import Callable

import pygame

from game.core.model import TICKS_PER_SECOND, Scenario
from game.replay.reader import LogError, read_log
from game.replay.verify import Divergence, resimulate
from game.scoring.episode import score_episode
from game.scoring.params import ModelParams
from game.ui.context import UiContext
from game.ui.input import Act, Intent
from game.ui.layout import frame, split_y
from game.ui.review import DecisionRowVM, ReplayVM, replay_error, replay_vm
from game.ui.scene import Quit, Result, Scene
from game.ui.scenes.common import draw_footer, draw_header
from game.ui.widgets.panels import TONE_ICONS, badge, focus_ring, panel, tone_colour


def load_replay(path: str, find: Callable[[str], Scenario | None]) -> ReplayVM:
    """Read, re-simulate and score a log; every failure becomes a message, not a crash."""
    try:
        log = read_log(path)
    except LogError as exc:
        return replay_error(f"Cannot open {path}: {exc}")
    scenario_id = str(log.header.get("scenario_id"))
    scenario = find(scenario_id)
    if scenario is None:
        return replay_error(f"The vignette {scenario_id!r} of this log is not in the library.")
    warnings = []
    if scenario.content_sha256 != log.header.get("scenario_sha256"):
        warnings.append("The vignette changed since this session was recorded.")
    broken = log.chain_break()
    if broken is not None:
        warnings.append(f"Line {broken} of the log was edited, removed or reordered.")
    try:
        state = resimulate(log, scenario)
    except Divergence as exc:
        return replay_error(f"The log does not replay: line {exc.line}: {exc.message}")
    params = ModelParams(risk_weight=float(log.header.get("risk_weight", 2.0)))
    score = score_episode(scenario, state, params)
    return replay_vm(log.header, scenario, state, score, log.complete, " ".join(warnings))


def clock(ticks: int) -> str:
    seconds = ticks // TICKS_PER_SECOND
    return f"{seconds // 60}:{seconds % 60:02d}"


class ReplayViewerScene(Scene):
    name = "replay"

    def __init__(self, ctx: UiContext, vm: ReplayVM):
        super().__init__(ctx)
        self.vm = vm
        self.index = 0
        self.markers: list[pygame.Rect] = []

    def resize(self) -> None:
        m = self.ctx.metrics
        f = frame(self.ctx.size, m, m.heading)
        self.header, self.footer = f.header, f.footer
        info_h = self.ctx.line_height(m.small) * 2 + self.ctx.line_height(m.body)
        self.info, rest = split_y(f.body, info_h, m.gap)
        timeline_h = self.ctx.line_height(m.small, True) * 2 + round(m.body * 2.6)
        self.timeline, self.detail = split_y(rest, timeline_h, m.gap)
        self.markers = self._marker_rects()

    def _marker_rects(self) -> list[pygame.Rect]:
        r = self.timeline.inflate(-4 * self.ctx.metrics.pad, 0)
        size = round(self.ctx.metrics.body * 1.8)
        rects = []
        for row in self.vm.decisions:
            x = r.x + round(r.width * row.tick / self.vm.total_ticks)
            rects.append(pygame.Rect(x - size // 2, r.y + (r.height - size) // 2, size, size))
        return rects

    def on_intent(self, intent: Intent) -> Result:
        n = len(self.vm.decisions)
        if intent.act in (Act.BACK, Act.QUIT):
            return Quit()
        if n == 0:
            return None
        if intent.act in (Act.RIGHT, Act.DOWN, Act.NEXT):
            self.index = min(n - 1, self.index + 1)
        elif intent.act in (Act.LEFT, Act.UP, Act.PREV):
            self.index = max(0, self.index - 1)
        elif intent.act is Act.CHOOSE and intent.number <= n:
            self.index = intent.number - 1
        elif intent.act is Act.CLICK:
            for i, rect in enumerate(self.markers):
                if rect.inflate(8, 8).collidepoint(intent.pos):
                    self.index = i
        return None

    @property
    def selected(self) -> DecisionRowVM | None:
        return self.vm.decisions[self.index] if self.vm.decisions else None

    def draw(self, surface: pygame.Surface) -> None:
        ctx, m, p, vm = self.ctx, self.ctx.metrics, self.ctx.palette, self.vm
        surface.fill(p.background)
        draw_header(ctx, surface, self.header, f"Replay: {vm.title}", m.heading)
        if vm.error:
            ctx.text(surface, vm.error, self.info.union(self.detail), m.body, p.warn)
        else:
            small_h = ctx.line_height(m.small)
            ctx.text(surface, " · ".join(vm.facts), pygame.Rect(
                self.info.x, self.info.y, self.info.width, small_h * 2), m.small, p.muted)
            status = vm.status + (f"  ⚠ {vm.warning}" if vm.warning else "")
            ctx.text(surface, status, pygame.Rect(self.info.x, self.info.y + small_h * 2,
                                                  self.info.width, self.info.height - small_h * 2),
                     m.body, p.warn if vm.warning else p.text)
            self._draw_timeline(surface)
            self._draw_detail(surface)
        draw_footer(ctx, surface, self.footer, "Left/Right or number key: step through the "
                    "decisions · click a marker · Esc close · F1 help")

    def _draw_timeline(self, surface: pygame.Surface) -> None:
        ctx, m, p = self.ctx, self.ctx.metrics, self.ctx.palette
        panel(ctx, surface, self.timeline)
        line_y = self.timeline.centery
        inner = self.timeline.inflate(-4 * m.pad, 0)
        pygame.draw.line(surface, p.muted, (inner.x, line_y), (inner.right, line_y), 3)
        label_h = ctx.line_height(m.small, True)
        for i, (row, rect) in enumerate(zip(self.vm.decisions, self.markers)):
            pygame.draw.ellipse(surface, tone_colour(ctx, row.tone), rect)
            ctx.text(surface, str(row.number), rect, m.body, p.background, True, "center",
                     "center")
            label = pygame.Rect(rect.centerx - m.pad * 3, rect.bottom + 2, m.pad * 6, label_h)
            ctx.text(surface, f"{TONE_ICONS[row.tone]} {row.word}", label.clip(self.timeline),
                     m.small, tone_colour(ctx, row.tone), True, "center", min_size=m.small,
                     truncate=True)
            if i == self.index:
                focus_ring(ctx, surface, rect)
        ends = pygame.Rect(inner.x, self.timeline.y + 2, inner.width, label_h)
        ctx.text(surface, "0:00", ends, m.small, p.muted)
        ctx.text(surface, clock(self.vm.total_ticks), ends, m.small, p.muted, False, "right")

    def _draw_detail(self, surface: pygame.Surface) -> None:
        ctx, m, p = self.ctx, self.ctx.metrics, self.ctx.palette
        panel(ctx, surface, self.detail)
        inner = self.detail.inflate(-2 * m.pad, -2 * m.pad)
        row = self.selected
        if row is None:
            ctx.text(surface, "This session reached no decision point.", inner, m.body, p.muted)
            return
        head_h = ctx.line_height(m.heading, True) + m.gap
        badge_w = round(170 * m.scale)
        ctx.text(surface, f"Decision {row.number} of {len(self.vm.decisions)} · at "
                 f"{clock(row.tick)}", pygame.Rect(inner.x, inner.y, inner.width - badge_w,
                                                   head_h), m.heading, p.text, True)
        badge(ctx, surface, pygame.Rect(inner.right - badge_w, inner.y, badge_w,
                                        head_h - m.gap // 2), row.tone, row.word, m.body)
        lines = [row.cue, "", f"Chosen: {row.chosen} ({row.how})", row.verdict]
        if row.rule:
            lines.append(f"Rule broken: {row.rule}")
        if row.after:
            lines += ["", "Then: " + " ".join(row.after)]
        body = pygame.Rect(inner.x, inner.y + head_h, inner.width, inner.height - head_h)
        ctx.text(surface, "\n".join(lines), body, m.body)

