"""The decision panel (replay viewer and debrief): the cue, every option's Q-value as a
bar, chosen vs. the model's choice, regret, and the trainee as the supervisor saw them.

Every part is measured at the chosen text size (`decision_needs`), so a screen can give the
panel the room it needs instead of letting its words scroll.
"""

from __future__ import annotations

import pygame
from pygame import Rect

from game.ui.kit.common import text_height
from game.ui.kit.layout import share, stack
from game.ui.kit.panels import badged_heading, panel, tone_colour
from game.ui.review.presenters import DecisionPanelVM
from game.ui.shell.context import UiContext


def floor_line(ctx: UiContext, size: int) -> int:
    """Height of one line at the smallest size `ctx.text` shrinks `size` to."""
    return ctx.line_height(max(11, round(size * 0.7 / max(1.0, ctx.theme.fonts.scale))))


def allot(total: int, needs: list[int], floors: list[int], gap: int) -> list[int]:
    """As `layout.share`, but when space is short every part keeps at least its floor (one
    line it can shrink into), and only what lies above the floors is shared out."""
    room = total - gap * (len(needs) - 1)
    if sum(needs) <= room:
        return share(total, needs, gap)
    base = [min(f, n) for f, n in zip(floors, needs)]
    extra = [n - b for n, b in zip(needs, base)]
    spare, want = max(0, room - sum(base)), max(1, sum(extra))
    return [b + spare * e // want for b, e in zip(base, extra)]


def decision_texts(vm: DecisionPanelVM) -> tuple[str, str]:
    """The panel's facts (body size) and the trainee/rule line (small size)."""
    facts = "\n".join(x for x in (vm.chosen, vm.best, vm.regret, vm.why, vm.moments) if x)
    return facts, "\n".join(x for x in (vm.trainee, vm.rule) if x)


def option_widths(ctx: UiContext, width: int) -> tuple[int, int, int, int]:
    """Mark, label, bar and Q-value column widths of the options table `width` wide."""
    m = ctx.metrics
    mark_w, q_w = round(m.small * 2.6), round(m.small * 4)
    bar_w = round(width * 0.24)
    return mark_w, width - mark_w - bar_w - q_w - 3 * m.gap // 2, bar_w, q_w


def option_heights(ctx: UiContext, vm: DecisionPanelVM, width: int) -> list[int]:
    """The legend row, then each option's row as tall as its label wrapped in its column."""
    m = ctx.metrics
    line, label_w = ctx.line_height(m.small), option_widths(ctx, width)[1]
    return [line] + [max(line, text_height(ctx, f"{o.key} {o.label}", m.small, label_w,
                                           o.chosen)) for o in vm.options]


def decision_needs(ctx: UiContext, vm: DecisionPanelVM, width: int) -> list[int]:
    """Heights of the cue, options table, facts and trainee line in a body `width` wide."""
    m = ctx.metrics
    facts, extra = decision_texts(vm)
    return [text_height(ctx, vm.cue, m.body, width), sum(option_heights(ctx, vm, width)),
            text_height(ctx, facts, m.body, width), text_height(ctx, extra, m.small, width)]


def decision_need(ctx: UiContext, width: int, vm: DecisionPanelVM) -> int:
    """The height `draw_decision` needs, `width` wide, to show everything without scrolling."""
    m = ctx.metrics
    return (2 * m.gap + ctx.line_height(m.heading, True) + m.gap
            + sum(decision_needs(ctx, vm, width - 2 * m.gap)) + 3 * (m.gap // 2))


def draw_decision(ctx: UiContext, surface: pygame.Surface, rect: Rect,
                  vm: DecisionPanelVM) -> None:
    """A decision: cue, the options' Q-values as bars, chosen vs. model, regret, trainee."""
    m, p = ctx.metrics, ctx.palette
    panel(ctx, surface, rect, border=tone_colour(ctx, vm.tone))
    inner = rect.inflate(-2 * m.gap, -2 * m.gap)
    badge_w = min(round(inner.width * 0.34), round(170 * m.scale))
    body = badged_heading(ctx, surface, inner, vm.heading, vm.tone, vm.word, badge_w)
    facts, extra = decision_texts(vm)
    rows = len(vm.options) + 1
    needs = decision_needs(ctx, vm, body.width)
    steady = ctx.theme.fonts.scale <= 1.0  # labels keep one size unless the text is enlarged
    floors = [floor_line(ctx, m.body), needs[1] if steady else floor_line(ctx, m.small) * rows,
              floor_line(ctx, m.body) * 2, floor_line(ctx, m.small)]
    cue, table, facts_box, extra_box = stack(body, allot(body.height, needs, floors,
                                                         m.gap // 2), m.gap // 2)
    ctx.text(surface, vm.cue, cue, m.body, p.text)
    draw_options(ctx, surface, table, vm)
    ctx.text(surface, facts, facts_box, m.body)
    ctx.text(surface, extra, extra_box, m.small, p.muted)


def draw_options(ctx: UiContext, surface: pygame.Surface, rect: Rect,
                 vm: DecisionPanelVM) -> None:
    m, p, t = ctx.metrics, ctx.palette, ctx.t
    heights = option_heights(ctx, vm, rect.width)
    if sum(heights) > rect.height:  # no room for every label whole: equal rows that scroll
        heights = [rect.height // len(heights)] * len(heights)
    rows = stack(rect, heights, 0)
    mark_w, label_w, bar_w, q_w = option_widths(ctx, rect.width)
    head = rows[0]
    ctx.text(surface, t("◀ chosen · ★ model · ✖ breaks a rule"),
             Rect(head.x, head.y, head.width - q_w, head.height), m.small, p.muted)
    ctx.text(surface, t("Q"), Rect(head.right - q_w, head.y, q_w, head.height), m.small,
             p.muted, True, "right")
    for o, row in zip(vm.options, rows[1:]):
        marks = ("◀" if o.chosen else "") + ("★" if o.best else "") + \
            ("✖" if "✖" in o.marks else "")
        x = row.x
        ctx.text(surface, marks, Rect(x, row.y, mark_w, row.height), m.small, p.focus, True)
        x += mark_w
        ctx.text(surface, f"{o.key} {o.label}", Rect(x, row.y, label_w, row.height), m.small,
                 p.text if o.chosen or o.best else p.muted, o.chosen)
        x += label_w + m.gap // 2
        line = min(row.height, ctx.line_height(m.small))  # one line's bar, however tall
        bar = Rect(x, row.y + line // 4, bar_w, max(4, line // 2))
        pygame.draw.rect(surface, p.panel_alt, bar, border_radius=3)
        pygame.draw.rect(surface, tone_colour(ctx, o.tone),
                         Rect(bar.x, bar.y, max(3, round(bar.width * o.fraction)), bar.height),
                         border_radius=3)
        ctx.text(surface, f"{o.q:.2f}", Rect(row.right - q_w, row.y, q_w, row.height),
                 m.small, p.text, o.chosen, "right")
