"""Sagittal pelvis at caesarean section, in design units, for the caesarean view.

Mother supine, her head to the left and feet to the right, abdominal wall on top. The lower
uterine segment is drawn around the fetal head and follows it, because what the supervisor
watches (scoring-science C3) is where the head sits relative to the incision and the pubic
bone, and where the delivering hand goes: below the head, between it and the lower edge of
the incision, not above it levering on the pubis.
"""

from __future__ import annotations

import math

import pygame

from game.ui.kit.theme import Palette
from game.ui.procedures._kit import Colour, Frame, Point, ellipse_pts, mix

BOX = (40.0, -44.0, 290.0, 254.0)
WALL = (22.0, 38.0)                    # abdominal wall top and bottom (y)
OPENING = (150.0, 222.0)               # the skin/fascia opening (x)
BODY_C, BODY_R = (110.0, 118.0), (92.0, 70.0)
PUBIS = (258.0, 64.0)
HEAD_R = 27.0
HEAD_AT = {"engaged": (224.0, 120.0), "impacted": (236.0, 138.0),
           "elevated": (206.0, 84.0), "delivered": (196.0, 0.0)}


def colours(p: Palette) -> dict[str, Colour]:
    return {
        "inside": mix(p.tissue, p.panel, 0.62), "wall": mix(p.tissue, (150, 60, 70), 0.35),
        "cavity": mix(p.tissue, p.panel, 0.3), "fat": mix(p.skin, (246, 226, 170), 0.5),
        "fetus": mix(p.skin, (255, 235, 220), 0.2), "bladder": (214, 200, 150),
        "hair": mix(p.panel, (60, 40, 30), 0.5), "edge": mix(p.tissue, (40, 20, 20), 0.6),
    }


def paint(surf: pygame.Surface, f: Frame, p: Palette) -> None:
    """Inside of the mother, wall with its opening, sacrum, pubis, bladder and vagina."""
    c = colours(p)
    pygame.draw.rect(surf, c["inside"], f.rect(-40, WALL[0], 420, 260))
    for x0, x1 in ((-40, OPENING[0]), (OPENING[1], 380)):
        pygame.draw.rect(surf, c["fat"], f.rect(x0, WALL[0], x1 - x0, WALL[1] - WALL[0]))
        pygame.draw.rect(surf, c["wall"], f.rect(x0, WALL[1] - 6, x1 - x0, 6))
        pygame.draw.rect(surf, p.skin, f.rect(x0, WALL[0] - 1, x1 - x0, 3))
    vagina = [(240, 152), (276, 136), (340, 108)]
    pygame.draw.lines(surf, c["wall"], False, f.pts(vagina), f.d(14))
    pygame.draw.lines(surf, c["cavity"], False, f.pts(vagina), f.d(5))
    _bones(surf, f, p)
    pygame.draw.ellipse(surf, c["bladder"], f.rect(PUBIS[0] - 40, 42, 30, 20))


def _bones(surf: pygame.Surface, f: Frame, p: Palette) -> None:
    """Sacrum and coccyx behind the lower segment; the pubic symphysis in front."""
    edge = mix(p.bone, (90, 80, 60), 0.45)
    front = [(130, 200), (180, 196), (226, 186), (262, 168), (288, 146), (300, 128)]
    depth = (26, 24, 21, 17, 12, 6)
    sacrum = front + [(x + d * 0.3, y + d) for (x, y), d in zip(reversed(front),
                                                                  reversed(depth))]
    pygame.draw.polygon(surf, p.bone, f.pts(sacrum))
    pygame.draw.polygon(surf, edge, f.pts(sacrum), f.d(0.8))
    pubis = _rotated_rect(PUBIS, 16, 42, math.radians(28))
    pygame.draw.polygon(surf, p.bone, f.pts(pubis))
    pygame.draw.polygon(surf, edge, f.pts(pubis), f.d(0.8))


def _rotated_rect(c: Point, w: float, h: float, a: float) -> list[Point]:
    ca, sa = math.cos(a), math.sin(a)
    corners = ((-w / 2, -h / 2), (w / 2, -h / 2), (w / 2, h / 2), (-w / 2, h / 2))
    return [(c[0] + x * ca - y * sa, c[1] + x * sa + y * ca) for x, y in corners]


def segment_centre(head: Point) -> Point:
    """The lower segment follows the head down, but stays in the pelvis when it is lifted out."""
    return min(240.0, max(206.0, head[0])), max(104.0, head[1])


def uterus(surf: pygame.Surface, f: Frame, head: Point, p: Palette) -> None:
    """Body of the uterus and its lower segment wrapped around the head: wall, then cavity."""
    c = colours(p)
    sx, sy = segment_centre(head)
    top, bottom = BODY_C[1] - BODY_R[1], BODY_C[1] + BODY_R[1]
    for inset, colour in ((0.0, c["wall"]), (7.0, c["cavity"])):
        body = ellipse_pts(BODY_C[0], BODY_C[1], BODY_R[0] - inset, BODY_R[1] - inset, n=48)
        pygame.draw.polygon(surf, colour, f.pts(body))
        r = HEAD_R + 8 - inset * 0.7
        bridge = [(BODY_C[0] + 40, top + inset + 6), (sx - 4, sy - r), (sx + 2, sy + r),
                  (BODY_C[0] + 40, bottom - inset - 6)]
        pygame.draw.polygon(surf, colour, f.pts(bridge))
        pygame.draw.circle(surf, colour, f.p(sx, sy), f.d(r))


def incision(surf: pygame.Surface, f: Frame, head: Point, state: str, p: Palette) -> None:
    """A gap in the anterior lower-segment wall; wider with rounded, bleeding lips if extended."""
    if state == "none":
        return
    c = colours(p)
    sx, sy = segment_centre(head)
    a0, a1 = (-122, -62) if state == "made" else (-136, -48)
    r0, r1 = HEAD_R + 0.5, HEAD_R + 9
    arc = [math.radians(a0 + (a1 - a0) * i / 10) for i in range(11)]
    pts = [(sx + r1 * math.cos(a), sy + r1 * math.sin(a)) for a in arc]
    pts += [(sx + r0 * math.cos(a), sy + r0 * math.sin(a)) for a in reversed(arc)]
    pygame.draw.polygon(surf, c["inside"], f.pts(pts))
    for a in (a0, a1):
        lip = (sx + (r0 + 4) * math.cos(math.radians(a)), sy + (r0 + 4) * math.sin(math.radians(a)))
        pygame.draw.circle(surf, c["wall"], f.p(*lip), f.d(4.5))


def lips(head: Point, state: str) -> tuple[Point, Point]:
    """Upper (cephalad) and lower (caudal) incision lips, for hands and blood."""
    sx, sy = segment_centre(head)
    a0, a1 = (-122, -62) if state != "extended" else (-136, -48)
    r = HEAD_R + 4.5
    return ((sx + r * math.cos(math.radians(a0)), sy + r * math.sin(math.radians(a0))),
            (sx + r * math.cos(math.radians(a1)), sy + r * math.sin(math.radians(a1))))


def fetus(surf: pygame.Surface, f: Frame, head: Point, p: Palette) -> None:
    """Curled fetal body that follows the head a little, the neck, and the head."""
    c = colours(p)
    ex, ey = HEAD_AT["engaged"]
    bx, by = 134 + (head[0] - ex) * 0.25, 118 + (head[1] - ey) * 0.25
    pygame.draw.ellipse(surf, c["fetus"], f.rect(bx - 56, by - 30, 104, 60))
    back = f.rect(bx - 50, by - 26, 96, 52)
    pygame.draw.arc(surf, mix(c["fetus"], (120, 80, 70), 0.3), back, math.radians(20),
                    math.radians(160), max(1, f.d(1.5)))
    pygame.draw.ellipse(surf, c["edge"], f.rect(bx - 56, by - 30, 104, 60), max(1, f.d(0.8)))
    pygame.draw.line(surf, c["fetus"], f.p(bx + 40, by), f.p(*head), f.d(24))
    pygame.draw.circle(surf, c["fetus"], f.p(*head), f.d(HEAD_R))
    pygame.draw.circle(surf, c["edge"], f.p(*head), f.d(HEAD_R), max(2, f.d(1.2)))
    hair = pygame.Rect(f.rect(head[0] - HEAD_R, head[1] - HEAD_R, 2 * HEAD_R, 2 * HEAD_R))
    pygame.draw.arc(surf, c["hair"], hair, math.radians(-80), math.radians(60), f.d(5))
