"""Where the decision panel's parts go, read by drawing, clicks and coach marks alike.

Kept apart from the drawing (`play_draw`): at Extra large text in a 1024x600 window a
decision point's cue and options do not fit one column, and the rule for moving the cue
aside is easier to check on its own.
"""

from __future__ import annotations

import re
from collections import OrderedDict
from collections.abc import Hashable

import pygame

from game.ui.kit.layout import PlayLayout
from game.ui.play import option_list
from game.ui.play.presenters import PlayVM, chosen_text, decide_text
from game.ui.shell.context import UiContext

_MEMO: OrderedDict[Hashable, tuple[object, object, dict[str, pygame.Rect]]] = OrderedDict()
_MEMO_SIZE = 8


def panel_regions(ctx: UiContext, lay: PlayLayout, vm: PlayVM) -> dict[str, pygame.Rect]:
    """Where the decision panel's parts go (see `_panel_regions`), measured once for each
    panel, text size, language, phase, cue and options: drawing, clicks and the keys' focus
    ask for it several times a frame, and measuring it again cost a decision key's frame
    half an ordinary frame (make bench). Callers get copies they may change."""
    key = (ctx.metrics, ctx.theme.fonts.scale, ctx.t.language, tuple(lay.panel),
           tuple(lay.narration), tuple(lay.procedure), vm.phase, vm.cue, vm.options,
           vm.narration)
    held = _MEMO.get(key)
    if held is None or held[0] is not ctx.theme.fonts or held[1] is not ctx.t:
        held = (ctx.theme.fonts, ctx.t, _panel_regions(ctx, lay, vm))
        _MEMO[key] = held
        if len(_MEMO) > _MEMO_SIZE:
            _MEMO.popitem(last=False)
    else:
        _MEMO.move_to_end(key)
    return {name: rect.copy() for name, rect in held[2].items()}


def _panel_regions(ctx: UiContext, lay: PlayLayout, vm: PlayVM) -> dict[str, pygame.Rect]:
    """Where the decision panel's parts go; the same rectangles serve drawing and clicks.

    When a decision point's options do not all fit under its cue at the height their labels
    need (Extra large text, 1024x600), the decision's narration ("story"), its cue,
    countdown and bar move to a box at the foot of the left column ("info") and the options
    get the whole panel under the heading; the meters, the picture and the earlier
    narration share what is left above that box (`play_draw.left_column`)."""
    m = ctx.metrics
    inner = lay.panel.inflate(-2 * m.gap, -2 * m.gap)
    bold = ctx.theme.fonts.get(m.heading, True)  # a long heading (German) takes two lines
    head_h = max(ctx.cache.render(text, bold, ctx.palette.text, inner.width).get_height()
                 for text in (heading(ctx, vm), *([paused_heading(ctx)]
                                                  if vm.phase == "decision" else [])))
    regions = _stack(ctx, inner, [("heading", max(head_h, ctx.line_height(m.heading, True)))])
    y = regions["heading"].bottom + m.gap
    if vm.phase == "decision":
        parts = _decision_parts(ctx, inner.width, vm)
        under = _stack(ctx, pygame.Rect(inner.x, y, inner.width, inner.bottom - y), parts)
        rest = pygame.Rect(inner.x, under["bar"].bottom + m.gap, inner.width, 0)
        rest.height = inner.bottom - rest.y
        if option_list.options_fit(ctx, rest, list(vm.options)):
            regions.update(under)
            y = rest.y
        else:
            width = lay.narration.width - 2 * m.gap
            parts = _story_part(ctx, width, vm) + _decision_parts(ctx, width, vm)
            info = _info_box(ctx, lay, parts)
            regions.update(_stack(ctx, info.inflate(-2 * m.gap, -m.gap), parts, m.gap // 2))
            regions["info"] = info
    elif vm.phase == "narration":
        regions.update(_stack(ctx, inner.move(0, y - inner.y), [
            ("hint", ctx.line_height(m.body) * 3), ("bar", max(8, round(m.body * 0.4)))]))
        y = regions["bar"].bottom + m.gap
    else:
        regions.update(_stack(ctx, inner.move(0, y - inner.y),
                              [("hint", ctx.line_height(m.heading, True) * 2)]))
        y = regions["hint"].bottom + m.gap
    regions["buttons"] = pygame.Rect(inner.x, y, inner.width, inner.bottom - y)
    return regions


def heading(ctx: UiContext, vm: PlayVM) -> str:
    """The panel's heading for the phase (its height is measured, so it is never cut)."""
    if vm.phase == "decision":
        return "⚠ " + ctx.t("Decision point: step in?")
    if vm.phase == "narration":
        return ctx.t("The trainee is working")
    return ctx.t("The vignette has ended")


def paused_heading(ctx: UiContext) -> str:
    """The heading while paused with no picture on screen to shade and label (the decision's
    box took its room): the panel's heading says it instead (measured with the other)."""
    return "‖ " + ctx.t("Paused: P resumes")  # no longer than the heading it stands for


def _stack(ctx: UiContext, area: pygame.Rect, parts: list[tuple[str, int]],
           gap: int | None = None) -> dict[str, pygame.Rect]:
    """Named rows of the given heights from the top of `area` (full width, gap between)."""
    regions, y = {}, area.y
    for name, height in parts:
        regions[name] = pygame.Rect(area.x, y, area.width, height)
        y += height + (ctx.metrics.gap if gap is None else gap)
    return regions


def _decision_parts(ctx: UiContext, width: int, vm: PlayVM) -> list[tuple[str, int]]:
    """The cue (whole: the options move aside rather than cut it), the countdown and its
    bar, each as tall as its text needs at `width`."""
    m = ctx.metrics
    font = ctx.theme.fonts.get(m.body)
    cue_h = ctx.cache.render(vm.cue, font, ctx.palette.text, width).get_height()
    bold = ctx.theme.fonts.get(m.body, True)
    # one height all window long, before and after a choice (the options do not move)
    texts = [decide_text(vm.options, 0.0, ctx.t), *(chosen_text(o, 0.0, ctx.t)
                                                     for o in vm.options)]
    count_h = max(ctx.cache.render(re.sub(r"\d+[.,]\d", "00.0", text), bold,
                                   ctx.palette.text, width).get_height() for text in texts)
    return [("cue", cue_h), ("countdown", max(count_h, ctx.line_height(m.body))),
            ("bar", max(10, round(m.body * 0.6)))]


def _story_part(ctx: UiContext, width: int, vm: PlayVM) -> list[tuple[str, int]]:
    """The decision's own narration (what the trainee is doing now), whole, read with the
    cue in one box: beside the cue a separate narration box had room for a few lines only,
    so this paragraph scrolled at Extra large in 1024x600 just when it mattered (#13)."""
    if not vm.narration:
        return []
    font = ctx.theme.fonts.get(ctx.metrics.body)
    return [("story", ctx.cache.render(vm.narration, font, ctx.palette.text,
                                       width).get_height())]


PICTURE_LINES = 3
"""The least height of a procedure picture beside a decision, in lines of body text: a
strip shorter than that shows neither the anatomy nor a label whole."""


def meters_reserve(ctx: UiContext) -> int:
    """The height kept above the cue's box for the one-line meters strip and its gap, so
    meters shown stay on screen beside a decision (the Meters button says they are)."""
    m = ctx.metrics
    return ctx.line_height(m.small, True) + m.gap + m.gap // 2


def _info_box(ctx: UiContext, lay: PlayLayout, parts: list[tuple[str, int]]) -> pygame.Rect:
    """The decision's box at the foot of the left column: its narration, cue, countdown and
    bar, taking the procedure view's room as it needs (the words matter more than the
    picture here), short of the meters' line. Words longer than that are shortened here,
    the narration first (never below three lines), and scroll (they keep their size)."""
    m = ctx.metrics
    need = sum(h for _, h in parts) + m.gap // 2 * (len(parts) - 1) + m.gap  # packed close
    column = lay.narration.bottom - lay.procedure.y
    h = min(need, column - meters_reserve(ctx))
    if column - meters_reserve(ctx) - h < PICTURE_LINES * ctx.line_height(m.body) + m.gap:
        h = column - meters_reserve(ctx)  # no picture fits above: the box takes its room
    for i, (name, part_h) in enumerate(parts):
        if need <= h or name not in ("story", "cue"):
            continue
        least = ctx.line_height(m.body) * (3 if name == "story" else 1)
        cut = min(need - h, max(0, part_h - least))
        parts[i] = (name, part_h - cut)
        need -= cut
    return pygame.Rect(lay.narration.x, lay.narration.bottom - h, lay.narration.width, h)
