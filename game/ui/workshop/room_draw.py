"""Drawing the phone room on the projector (read-only): join box, vote progress, histogram.

The QR code is always black on white with its quiet zone, whatever the palette, because
phone cameras read dark-on-light codes most reliably; its modules are whole pixels so the
code stays sharp. The histogram's bars share one baseline and one scale (counts against the
largest), with the workshop's weight and the majority's interval marked in words and symbols
below the bars, never by colour alone.
"""

from __future__ import annotations

import pygame

from game.ui.kit.common import text_height
from game.ui.kit.panels import panel
from game.ui.shell.context import UiContext
from game.ui.workshop.room_presenters import HistogramVM, JoinVM

QR_DARK = (0, 0, 0)
QR_LIGHT = (255, 255, 255)


def draw_qr(surface: pygame.Surface, rect: pygame.Rect,
            matrix: tuple[tuple[bool, ...], ...]) -> pygame.Rect:
    """The code as large as whole pixels allow inside `rect`, centred; returns its square."""
    n = len(matrix)
    module = max(1, min(rect.width, rect.height) // n)
    side = module * n
    square = pygame.Rect(0, 0, side, side)
    square.center = rect.center
    pygame.draw.rect(surface, QR_LIGHT, square)
    for y, row in enumerate(matrix):
        for x, dark in enumerate(row):
            if dark:
                surface.fill(QR_DARK, (square.x + x * module, square.y + y * module,
                                       module, module))
    return square


def _join_lines(ctx: UiContext, vm: JoinVM, width: int, height: int | None = None
                ) -> list[tuple[str, int, tuple[int, int, int], int]]:
    """(words, size, colour, height) of the join box's text column `width` wide: each line
    as tall as its words need (the address took two heading lines even when it fit one).
    With a `height` they do not all fit in, the heading and then the "Room code" label make
    way (the address, the code and who has joined stay)."""
    lines = _all_join_lines(ctx, vm, width)
    for drop in (0, 1):
        if height is None or sum(h for *_, h in lines) <= height:
            break
        lines = [line for line in lines if line[0] != (vm.heading, ctx.t("Room code"))[drop]]
    return lines


def _all_join_lines(ctx: UiContext, vm: JoinVM, width: int
                    ) -> list[tuple[str, int, tuple[int, int, int], int]]:
    m, p = ctx.metrics, ctx.palette
    url_size = next((size for size in (m.heading, m.body) if text_height(
        ctx, vm.url, size, max(1, width), True) <= ctx.line_height(size, True)), m.small)
    # a LAN address in one line if it can be ("127.0.0.1:3625" over "5" misreads)
    rows = ((vm.heading, m.body, p.accent), (vm.url, url_size, p.text),
            (ctx.t("Room code"), m.small, p.muted), (vm.code, m.title, p.text),
            (vm.joined_text, m.small, p.muted))
    return [(words, size, colour, text_height(ctx, words, size, max(1, width), True))
            for words, size, colour in rows]


QR_SHARES = (45, 40, 35, 30)
"""The QR code's share of a join box's width, largest first: it gives way to the words when
they would not fit beside it (German at Extra large in a 1024x600 window), never below a
third or so, where a phone at the back of the room still reads it."""


def join_text_width(ctx: UiContext, rect: pygame.Rect, vm: JoinVM | None = None
                    ) -> tuple[int, int]:
    """(QR side, text column width) in a join box `rect`: with `vm`, the largest QR code
    beside which its words fit the box's height."""
    m = ctx.metrics
    inner = rect.inflate(-2 * m.gap, -2 * m.gap)
    for share in QR_SHARES:
        qr_side = min(inner.height, inner.width * share // 100)
        text_w = inner.width - qr_side - m.gap
        if vm is None or sum(h for *_, h in _join_lines(ctx, vm, text_w, inner.height)) \
                <= inner.height:
            break
    return qr_side, text_w


def join_need(ctx: UiContext, width: int, vm: JoinVM, least: bool = False) -> int:
    """The height a join box `width` wide needs to show its words whole (the QR code takes
    as much of it as it can); `least`: without its heading and "Room code" label."""
    m = ctx.metrics
    if vm.error or vm.qr is None:
        return text_height(ctx, vm.error, m.body, width - 2 * m.gap, True) + 2 * m.gap
    need = 10_000
    for _ in range(3):  # the QR code is as tall as the box: settle the two together
        _, text_w = join_text_width(ctx, pygame.Rect(0, 0, width, need))
        need = sum(h for *_, h in _join_lines(ctx, vm, text_w, 1 if least else None)) + \
            2 * m.gap
    return need


def draw_join(ctx: UiContext, surface: pygame.Surface, rect: pygame.Rect, vm: JoinVM) -> None:
    """QR code on the left, the short URL and the room code large on the right."""
    m, p = ctx.metrics, ctx.palette
    panel(ctx, surface, rect, border=p.accent)
    inner = rect.inflate(-2 * m.gap, -2 * m.gap)
    if vm.error or vm.qr is None:
        ctx.text(surface, vm.error, inner, m.body, p.warn, True)
        return
    qr_side, text_w = join_text_width(ctx, rect, vm)
    draw_qr(surface, pygame.Rect(inner.x, inner.y, qr_side, inner.height), vm.qr)
    text = pygame.Rect(inner.x + qr_side + m.gap, inner.y, text_w, inner.height)
    lines = _join_lines(ctx, vm, text.width, text.height)
    spare = text.height - sum(h for *_, h in lines)
    y = text.y + (spare // 2 if spare > 0 and not vm.names else 0)  # level with the code
    for words, size, colour, h in lines:
        box = pygame.Rect(text.x, y, text.width, min(h, max(0, text.bottom - y)))
        ctx.text(surface, words, box, size, colour, True, "left", "center")
        y += h
    line = ctx.line_height(m.small)
    if vm.names and text.bottom - y >= line:
        ctx.text(surface, vm.names, pygame.Rect(text.x, y, text.width, text.bottom - y),
                 m.small, p.text, False)


def draw_histogram(ctx: UiContext, surface: pygame.Surface, rect: pygame.Rect,
                   vm: HistogramVM) -> None:
    m, p = ctx.metrics, ctx.palette
    panel(ctx, surface, rect)
    inner = rect.inflate(-2 * m.gap, -2 * m.gap)
    head_h = ctx.line_height(m.body, True)
    ctx.text(surface, vm.title, pygame.Rect(inner.x, inner.y, inner.width, head_h), m.body,
             p.text, True)
    notes = "\n".join(x for x in (vm.default_text, "★ " + vm.majority_text
                                  if vm.majority_bands else vm.majority_text,
                                  vm.excluded_text, vm.caption) if x)
    notes_h = text_height(ctx, notes, m.small, inner.width)  # whole: four fixed lines scrolled
    label_h = ctx.line_height(m.small) * 2
    chart = pygame.Rect(inner.x, inner.y + head_h + m.gap, inner.width,
                        inner.height - head_h - notes_h - label_h - 3 * m.gap)
    n = max(1, len(vm.counts))
    slot = chart.width // n
    count_h = ctx.line_height(m.small, True)
    for i, (label, count) in enumerate(zip(vm.labels, vm.counts)):
        x = chart.x + i * slot
        full = chart.height - count_h
        h = round(full * count / vm.top) if vm.top else 0
        bar = pygame.Rect(x + slot // 8, chart.bottom - h, slot - slot // 4, h)
        inside = vm.majority_bands is not None and \
            vm.majority_bands[0] <= i <= vm.majority_bands[1]
        pygame.draw.rect(surface, p.panel_alt, (bar.x, chart.y + count_h, bar.width, full))
        if h:
            pygame.draw.rect(surface, p.good if inside else p.accent, bar)
        ctx.text(surface, str(count), pygame.Rect(x, bar.y - count_h, slot, count_h), m.small,
                 p.text, True, "center", "bottom")
        marks = " ".join(x for x, on in (("▲", i == vm.default_band), ("★", inside)) if on)
        half = label_h // 2
        for text, dy in ((label, 0), (marks, half)):
            if text:
                ctx.text(surface, text, pygame.Rect(x, chart.bottom + m.gap // 2 + dy, slot,
                                                    half), m.small, p.text, False, "center",
                         "top")
    pygame.draw.line(surface, p.muted, (chart.x, chart.bottom), (chart.right, chart.bottom))
    ctx.text(surface, notes, pygame.Rect(inner.x, inner.bottom - notes_h, inner.width, notes_h),
             m.small, p.muted)
