"""The decision panel (replay viewer and debrief): the cue, every option's Q-value as a
bar, chosen vs. the model's choice, regret, and the trainee as the supervisor saw them.

Every part is measured at the chosen text size (`decision_needs`, `decision_floor`), so a
screen can give the panel the room it needs: the heading, its badge and every option always
whole, and only the long texts (cue, facts) scrolling, in boxes at least three lines tall.
"""

from __future__ import annotations

import pygame
from pygame import Rect

from game.i18n import local_number
from game.ui.kit.common import text_height
from game.ui.kit.layout import share, stack
from game.ui.kit.panels import badge, badged_heading, panel, tone_colour
from game.ui.review.presenters import DecisionPanelVM, OptionBarVM
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


def scroll_floor(ctx: UiContext, size: int, need: int) -> int:
    """The least box a long text gets: whole when it is short, else three of its lines (it
    scrolls; a text that scrolls in a box less than three lines tall was squeezed)."""
    return min(need, 3 * ctx.line_height(size))


def option_widths(ctx: UiContext, width: int) -> tuple[int, int, int, int]:
    """Mark, label, bar and Q-value column widths of the options table `width` wide."""
    m = ctx.metrics
    mark_w = ctx.theme.fonts.get(m.small, True).size("◀★✖")[0] + m.gap // 2
    q_w = ctx.theme.fonts.get(m.small, True).size("00.00")[0] + m.gap // 2
    bar_w = min(round(width * 0.24), m.small * 9)  # the rest to the labels, fewer wrap
    return mark_w, width - mark_w - bar_w - q_w - 3 * m.gap // 2, bar_w, q_w


def option_heights(ctx: UiContext, vm: DecisionPanelVM, width: int) -> list[int]:
    """The legend row (it wraps beside the Q heading), then each option's row as tall as its
    label wrapped in its column."""
    m = ctx.metrics
    line, (_, label_w, _, q_w) = ctx.line_height(m.small), option_widths(ctx, width)
    legend = text_height(ctx, legend_text(ctx), m.small, width - q_w - m.gap // 2)
    return [max(line, legend)] + [max(line, text_height(ctx, f"{o.key} {o.label}", m.small,
                                                        label_w, o.chosen))
                                  for o in vm.options]


def legend_text(ctx: UiContext) -> str:
    return ctx.t("◀ chosen · ★ model · ✖ breaks a rule")


def badge_width(ctx: UiContext, word: str) -> int:
    """A safety badge as wide as its symbol and word need at the chosen size (kit.badge)."""
    m = ctx.metrics
    icon = min(ctx.line_height(m.heading, True), round(m.body * 1.4))
    return icon + ctx.theme.fonts.get(m.body, True).size(word)[0] + 3 * m.gap


def heading_need(ctx: UiContext, width: int, heading: str, word: str) -> int:
    """A heading and its safety badge on one line when both fit, else the heading wrapped
    over the badge."""
    m = ctx.metrics
    line = ctx.line_height(m.heading, True)
    beside = width - badge_width(ctx, word) - m.gap
    if ctx.theme.fonts.get(m.heading, True).size(heading)[0] <= beside:
        return line
    return text_height(ctx, heading, m.heading, width, True) + m.gap // 2 + line


def draw_heading(ctx: UiContext, surface: pygame.Surface, inner: Rect, heading: str,
                 tone: str, word: str) -> Rect:
    """The heading with its safety badge (beside it, or under it when the line is too
    short, so neither scrolls); returns the room below."""
    m = ctx.metrics
    line, badge_w = ctx.line_height(m.heading, True), badge_width(ctx, word)
    need = heading_need(ctx, inner.width, heading, word)
    if need == line:
        return badged_heading(ctx, surface, inner, heading, tone, word, badge_w)
    text_h = need - line - m.gap // 2
    ctx.text(surface, heading, Rect(inner.x, inner.y, inner.width, text_h), m.heading,
             ctx.palette.text, True)
    badge(ctx, surface, Rect(inner.x, inner.y + text_h + m.gap // 2,
                             min(inner.width, badge_w), line), tone, word, m.body)
    return Rect(inner.x, inner.y + need + m.gap, inner.width, inner.height - need - m.gap)


def decision_parts(ctx: UiContext, vm: DecisionPanelVM, width: int,
                   merged: bool) -> list[tuple[str, int, int]]:
    """(text, size, need) of the panel's parts under the heading, top to bottom; the options
    table is the part with no text. `merged`: the cue, facts and trainee line as one body
    text under the table, for a panel too short to give each its own scrolling box."""
    m = ctx.metrics
    facts, extra = decision_texts(vm)
    table = ("", 0, sum(option_heights(ctx, vm, width)))
    if merged:
        text = "\n".join(x for x in (vm.cue, facts, extra) if x)
        return [table, (text, m.body, text_height(ctx, text, m.body, width))]
    texts = [(vm.cue, m.body), ("", 0), (facts, m.body), (extra, m.small)]
    return [table if not size else (text, size, text_height(ctx, text, size, width))
            for text, size in texts if text or not size]  # an empty text takes no line


def decision_needs(ctx: UiContext, vm: DecisionPanelVM, width: int) -> list[int]:
    """Heights of the cue, options table, facts and trainee line in a body `width` wide
    (those of them that have words)."""
    return [need for _, _, need in decision_parts(ctx, vm, width, False)]


def _chrome(ctx: UiContext, width: int, vm: DecisionPanelVM, parts: int) -> int:
    """Padding, heading and gaps around the parts of a panel `width` wide."""
    m = ctx.metrics
    return (2 * m.gap + heading_need(ctx, width - 2 * m.gap, vm.heading, vm.word) + m.gap
            + (parts - 1) * (m.gap // 2))


def decision_need(ctx: UiContext, width: int, vm: DecisionPanelVM) -> int:
    """The height `draw_decision` needs, `width` wide, to show everything without scrolling."""
    needs = decision_needs(ctx, vm, width - 2 * ctx.metrics.gap)
    return _chrome(ctx, width, vm, len(needs)) + sum(needs)


def decision_floor(ctx: UiContext, width: int, vm: DecisionPanelVM) -> int:
    """The least height that shows the heading, the badge and every option whole, with the
    texts whole or scrolling in boxes three lines tall (merged into one when that is
    shorter)."""
    inner = width - 2 * ctx.metrics.gap
    return min(_chrome(ctx, width, vm, len(parts)) + sum(
        need if not size else scroll_floor(ctx, size, need) for _, size, need in parts)
        for parts in (decision_parts(ctx, vm, inner, merged) for merged in (False, True)))


def draw_decision(ctx: UiContext, surface: pygame.Surface, rect: Rect,
                  vm: DecisionPanelVM) -> None:
    """A decision: cue, the options' Q-values as bars, chosen vs. model, regret, trainee.

    The options table always gets its whole height; the texts share the rest, each whole or
    scrolling in a box three of its lines tall; when even that does not fit, they are one
    text under the table. A panel below its floor (`decision_floor`: no shipped vignette at
    a supported window and text size gets one, tests/ui/test_viewer_layout.py) shows the
    options and texts as one text that scrolls, inside the panel, rather than run past it."""
    m, p = ctx.metrics, ctx.palette
    panel(ctx, surface, rect, border=tone_colour(ctx, vm.tone))
    inner = rect.inflate(-2 * m.gap, -2 * m.gap)
    body = draw_heading(ctx, surface, inner, vm.heading, vm.tone, vm.word)
    parts = decision_parts(ctx, vm, body.width, False)
    if _room(ctx, parts) > body.height:
        parts = decision_parts(ctx, vm, body.width, True)
    if _room(ctx, parts) > body.height:
        ctx.text(surface, as_text(ctx, vm), body, m.body, p.text)
        return
    needs = [need for _, _, need in parts]
    floors = [need if not size else scroll_floor(ctx, size, need) for _, size, need in parts]
    for (text, size, _), box in zip(parts, stack(body, allot(body.height, needs, floors,
                                                              m.gap // 2), m.gap // 2)):
        if not size:
            draw_options(ctx, surface, box, vm)
        else:
            ctx.text(surface, text, box, size, p.muted if size == m.small else p.text)


def as_text(ctx: UiContext, vm: DecisionPanelVM) -> str:
    """The whole panel under its heading as one text: the options with their marks and
    Q-values (the bars' numbers), then the cue, the facts and the trainee line."""
    facts, extra = decision_texts(vm)
    rows = [f"{_marks(o)} {o.key} {o.label} · {ctx.t('Q')} {_q(ctx, o)}".strip()
            for o in vm.options]
    return "\n".join([legend_text(ctx), *rows] + [x for x in (vm.cue, facts, extra) if x])


def _q(ctx: UiContext, o: OptionBarVM) -> str:
    """An option's Q-value with the player's decimal separator (German 5,66)."""
    return local_number(o.q, ".2f", getattr(ctx.t, "language", "en"))


def _marks(o: OptionBarVM) -> str:
    return ("◀" if o.chosen else "") + ("★" if o.best else "") + ("✖" if "✖" in o.marks else "")


def _room(ctx: UiContext, parts: list[tuple[str, int, int]]) -> int:
    return sum(need if not size else scroll_floor(ctx, size, need)
               for _, size, need in parts) + (len(parts) - 1) * (ctx.metrics.gap // 2)


def draw_options(ctx: UiContext, surface: pygame.Surface, rect: Rect,
                 vm: DecisionPanelVM) -> None:
    m, p, t = ctx.metrics, ctx.palette, ctx.t
    heights = option_heights(ctx, vm, rect.width)
    if sum(heights) > rect.height:  # no room for every label whole: equal rows that scroll
        heights = [rect.height // len(heights)] * len(heights)
    rows = stack(rect, heights, 0)
    mark_w, label_w, bar_w, q_w = option_widths(ctx, rect.width)
    head = rows[0]
    ctx.text(surface, legend_text(ctx),
             Rect(head.x, head.y, head.width - q_w, head.height), m.small, p.muted)
    ctx.text(surface, t("Q"), Rect(head.right - q_w, head.y, q_w, head.height), m.small,
             p.muted, True, "right")
    for o, row in zip(vm.options, rows[1:]):
        marks = _marks(o)
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
        ctx.text(surface, _q(ctx, o), Rect(row.right - q_w, row.y, q_w, row.height),
                 m.small, p.text, o.chosen, "right")
