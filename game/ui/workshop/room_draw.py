"""Drawing the phone room on the projector (read-only): join box, vote progress, histogram.

The QR code is always black on white with its quiet zone, whatever the palette, because
phone cameras read dark-on-light codes most reliably; its modules are whole pixels so the
code stays sharp. The histogram's bars share one baseline and one scale (counts against the
largest), with the workshop's weight and the majority's interval marked in words and symbols
below the bars, never by colour alone.
"""

from __future__ import annotations

import pygame

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


def draw_join(ctx: UiContext, surface: pygame.Surface, rect: pygame.Rect, vm: JoinVM) -> None:
    """QR code on the left, the short URL and the room code large on the right."""
    m, p = ctx.metrics, ctx.palette
    panel(ctx, surface, rect, border=p.accent)
    inner = rect.inflate(-2 * m.gap, -2 * m.gap)
    if vm.error or vm.qr is None:
        ctx.text(surface, vm.error, inner, m.body, p.warn, True)
        return
    qr_side = min(inner.height, inner.width * 45 // 100)
    draw_qr(surface, pygame.Rect(inner.x, inner.y, qr_side, inner.height), vm.qr)
    text = pygame.Rect(inner.x + qr_side + m.gap, inner.y, inner.width - qr_side - m.gap,
                       inner.height)
    line = ctx.line_height(m.body, True)
    big = ctx.line_height(m.heading, True)
    y = text.y
    for words, size, colour, h in ((vm.heading, m.body, p.accent, line),
                                   (vm.url, m.heading, p.text, big if vm.names else big * 2),
                                   (ctx.t("Room code"), m.small, p.muted, line),
                                   (vm.code, m.title, p.text, ctx.line_height(m.title, True)),
                                   (vm.joined_text, m.small, p.muted, line)):
        box = pygame.Rect(text.x, y, text.width, min(h, max(0, text.bottom - y)))
        ctx.text(surface, words, box, size, colour, True, "left", "center",
                 min_size=m.small if size > m.small else None)
        y += h
    if vm.names and text.bottom - y >= line:
        ctx.text(surface, vm.names, pygame.Rect(text.x, y, text.width, text.bottom - y),
                 m.small, p.text, False, truncate=True)


def draw_histogram(ctx: UiContext, surface: pygame.Surface, rect: pygame.Rect,
                   vm: HistogramVM) -> None:
    m, p = ctx.metrics, ctx.palette
    panel(ctx, surface, rect)
    inner = rect.inflate(-2 * m.gap, -2 * m.gap)
    head_h = ctx.line_height(m.body, True)
    ctx.text(surface, vm.title, pygame.Rect(inner.x, inner.y, inner.width, head_h), m.body,
             p.text, True, min_size=m.small, truncate=True)
    notes_h = ctx.line_height(m.small) * 4
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
                         "top", min_size=max(10, m.small * 2 // 3))
    pygame.draw.line(surface, p.muted, (chart.x, chart.bottom), (chart.right, chart.bottom))
    notes = "\n".join(x for x in (vm.default_text, "★ " + vm.majority_text
                                  if vm.majority_bands else vm.majority_text,
                                  vm.excluded_text, vm.caption) if x)
    ctx.text(surface, notes, pygame.Rect(inner.x, inner.bottom - notes_h, inner.width, notes_h),
             m.small, p.muted)
