"""Hands, the push from below, blood, and the frontal incision inset for the caesarean view.

Hands are drawn as rounded strokes (sleeve, palm, fingers) so their position reads even at
small sizes; the trainee's and the supervisor's sleeves differ in colour *and* carry word
labels, because the supervisor's hands appearing is the rescue the vignette is about.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

import pygame

from game.ui.kit.theme import Palette
from game.ui.procedures import _cs_anatomy as A
from game.ui.procedures._kit import Colour, Frame, Point, mix

SLEEVES = {"trainee": (70, 116, 150), "supervisor": (156, 100, 58), "assistant": (112, 104, 150)}
GLOVE = (236, 226, 198)


def stroke(surf: pygame.Surface, f: Frame, pts: Sequence[Point], width: float,
           colour: Colour) -> None:
    """A thick polyline with round joints and ends (an arm, a finger)."""
    w = f.d(width)
    scr = f.pts(pts)
    if len(scr) > 1:
        pygame.draw.lines(surf, colour, False, scr, w)
    for p in scr:
        pygame.draw.circle(surf, colour, p, max(1, w // 2))


def hand_path(head: Point, where: str, shift: float = 0.0) -> list[Point]:
    """Elbow -> wrist -> knuckles -> fingertips, relative to the head.

    'below': through the lower lip, fingers cupping under the head (correct);
    'above': on the cephalad side of the head, the levering position (the mistake).
    """
    hx, hy = head[0] + shift, head[1] + shift * 0.6
    if where == "below":
        return [(hx + 52, hy - 150), (hx + 22, hy - 56), (hx + 25, hy - 30), (hx + 33, hy - 6),
                (hx + 30, hy + 16), (hx + 16, hy + 30)]
    return [(hx - 2, hy - 152), (hx - 16, hy - 58), (hx - 24, hy - 34), (hx - 33, hy - 14),
            (hx - 32, hy + 6)]


def hand(surf: pygame.Surface, f: Frame, path: list[Point], sleeve: Colour) -> Point:
    """Sleeve to the wrist, glove beyond; returns where the sleeve's label should sit."""
    stroke(surf, f, path[:2], 17, sleeve)
    stroke(surf, f, path[1:3], 13, GLOVE)
    stroke(surf, f, path[2:], 8, GLOVE)
    edge = mix(GLOVE, (0, 0, 0), 0.35)
    pygame.draw.lines(surf, edge, False, f.pts(path[2:]), 1)
    return path[0][0] * 0.55 + path[1][0] * 0.45, path[0][1] * 0.55 + path[1][1] * 0.45


def fundal_hand(surf: pygame.Surface, f: Frame, sleeve: Colour) -> Point:
    """The supervisor's second hand steadying the fundus."""
    path = [(112, -70), (82, 8), (96, 15), (122, 16)]
    stroke(surf, f, path[:2], 17, sleeve)
    stroke(surf, f, path[1:], 12, GLOVE)
    return 97, -31


def push_hand(surf: pygame.Surface, f: Frame, head: Point) -> None:
    """Assistant's gloved hand up the vagina to the vertex (the 'push from below')."""
    vertex = (head[0] + 19, head[1] + 20)
    path = [(350, 100), (318, 114), (280, 134), (vertex[0] + 6, vertex[1] + 4)]
    stroke(surf, f, path[:2], 16, SLEEVES["assistant"])
    stroke(surf, f, path[1:], 9, GLOVE)


def push_arrow(surf: pygame.Surface, f: Frame, head: Point, p: Palette, time_s: float) -> Point:
    """A pulsing arrow from the vertex toward the incision; returns where its label goes."""
    vertex = (head[0] + 19, head[1] + 20)
    nudge = 3 * math.sin(time_s * 2.5)
    a = (vertex[0] + 26, vertex[1] + 26 + nudge)
    b = (vertex[0] + 6, vertex[1] + 6 + nudge)
    arrow(surf, f, a, b, p.accent)
    return a[0], a[1] + 4


def arrow(surf: pygame.Surface, f: Frame, a: Point, b: Point, colour: Colour) -> None:
    ang = math.atan2(b[1] - a[1], b[0] - a[0])
    pygame.draw.line(surf, colour, f.p(*a), f.p(*b), max(3, f.d(3)))
    head = [b, (b[0] - 9 * math.cos(ang - 0.5), b[1] - 9 * math.sin(ang - 0.5)),
            (b[0] - 9 * math.cos(ang + 0.5), b[1] - 9 * math.sin(ang + 0.5))]
    pygame.draw.polygon(surf, colour, f.pts(head))


def blood(surf: pygame.Surface, f: Frame, head: Point, incision: str, bleeding: str,
          p: Palette, time_s: float) -> None:
    """Blood from the incision angles; a running trickle and drops when brisk."""
    if bleeding == "none" or incision == "none":
        return
    upper, lower = A.lips(head, incision)
    colour = mix(p.blood, (40, 10, 10), 0.4) if bleeding == "controlled" else p.blood
    big = 1.6 if bleeding == "brisk" else 1.0
    for lip in (upper, lower):
        pygame.draw.circle(surf, colour, f.p(*lip), f.d(4 * big))
    if bleeding != "brisk":
        return
    trail = [lower, (lower[0] + 10, lower[1] + 8), (lower[0] + 14, lower[1] + 26)]
    pygame.draw.lines(surf, p.blood, False, f.pts(trail), f.d(3))
    for i in range(3):
        t = (time_s * 1.2 + i / 3) % 1.0
        pygame.draw.circle(surf, p.blood, f.p(lower[0] + 14, lower[1] + 26 + 24 * t), f.d(2.2))


# ----------------------------------------------------------------------------- frontal inset
def inset_static(surf: pygame.Surface, f: Frame, p: Palette) -> None:
    """Lower segment from the surgeon's side: uterus, bladder flap, uterine vessels."""
    wall = mix(p.tissue, (150, 60, 70), 0.3)
    shape = [(-0.95, -1.0), (0.95, -1.0), (1.0, 0.2), (0.75, 0.7), (-0.75, 0.7), (-1.0, 0.2)]
    pygame.draw.polygon(surf, wall, f.pts(shape))
    pygame.draw.polygon(surf, (214, 200, 150), f.pts([(-0.6, 0.55), (0.6, 0.55), (0.5, 0.95),
                                                      (-0.5, 0.95)]))
    for sx in (-1, 1):
        for dx, colour in ((0.0, (186, 52, 52)), (0.06, (70, 92, 150))):
            pts = [(sx * (0.86 - dx), -0.9), (sx * (0.92 - dx), 0.0), (sx * (0.78 - dx), 0.6)]
            pygame.draw.lines(surf, colour, False, f.pts(pts), max(2, f.d(0.04)))


def smile(t: float) -> Point:
    """Point t (-1..1) along the transverse incision."""
    return 0.58 * t, 0.12 - 0.14 * t * t


def inset_dynamic(surf: pygame.Surface, f: Frame, incision: str, head_in: bool,
                  bleeding: str, p: Palette, time_s: float) -> None:
    if incision == "none":
        return
    cut = [smile(-1 + 2 * i / 16) for i in range(17)]
    pygame.draw.lines(surf, (40, 16, 20), False, f.pts(cut), max(4, f.d(0.1)))
    if head_in:
        pygame.draw.ellipse(surf, mix(p.panel, (60, 40, 30), 0.5), f.rect(-0.3, -0.03, 0.6, 0.12))
    end = cut[-1]
    tear = [end, (end[0] + 0.1, end[1] + 0.12), (end[0] + 0.14, end[1] + 0.2),
            (end[0] + 0.24, end[1] + 0.3)]
    if incision == "extended":
        pygame.draw.lines(surf, (40, 16, 20), False, f.pts(tear), max(3, f.d(0.07)))
    sites = [cut[0], tear[-1] if incision == "extended" else end]
    if bleeding in ("ooze", "brisk"):
        for x, y in sites:
            pygame.draw.circle(surf, p.blood, f.p(x, y), f.d(0.07 if bleeding == "ooze" else 0.11))
        if bleeding == "brisk":
            x, y = sites[1]
            drop = (time_s * 1.2) % 1.0
            pygame.draw.line(surf, p.blood, f.p(x, y), f.p(x, y + 0.35), f.d(0.06))
            pygame.draw.circle(surf, p.blood, f.p(x, y + 0.35 + 0.25 * drop), f.d(0.05))
    elif bleeding == "controlled":
        for x, y in sites:
            clamp = [(x - 0.12, y - 0.1), (x + 0.12, y + 0.1)]
            pygame.draw.line(surf, p.steel, f.p(*clamp[0]), f.p(*clamp[1]), max(3, f.d(0.05)))
            pygame.draw.circle(surf, p.steel, f.p(*clamp[0]), max(3, f.d(0.04)), 2)
