"""Sagittal lumbar spine for the lumbar-puncture view, in millimetres, and the needle's line.

Coordinates: x runs toward the feet (head on the left), y is depth below the skin. The
interspinous gap at L3-4 is centred on x = 0 and slopes toward the head as it deepens, which
is why a cephalad aim (toward the umbilicus) finds the ligamentum flavum and a caudal aim
meets the L4 spinous process at about 2 cm, as in the vignette (scoring-science C2). The
needle angle for a bone contact is solved so the tip sits on the bone it hit.
"""

from __future__ import annotations

import functools
import math
from collections.abc import Mapping

import pygame

from game.ui.kit.theme import Palette
from game.ui.procedures._kit import Colour, Frame, Point, flag, mix, num, pick

LEVELS = {"L2": -57.0, "L3": -19.0, "L4": 19.0, "L5": 57.0}
NEIGHBOURS = (-95.0, 95.0)           # L1 and S1, drawn unlabelled so the column continues
ENTRY_X = 2.0                        # skin mark over the L3-4 gap
BOX = (-84.0, -76.0, 168.0, 172.0)   # design box x0, y0, w, h (mm)
SKIN_Y, FAT_Y, FLAVUM = 0.0, 8.0, (33.0, 40.0)
DURA_Y, FRONT_DURA_Y, BODY_Y = 42.0, 55.5, 58.0
NEEDLE_MM = 58.0                     # visible shaft length; hub sits beyond it
ANGLES = {"caudal": 20.0, "cephalad": -8.0}


def spinous(cx: float) -> list[Point]:
    """Spinous process and lamina as one bony block, leaning toward the feet as in life."""
    return [(cx - 18, 40), (cx - 18, 33), (cx - 12, 31), (cx - 9, 12), (cx - 6, 9),
            (cx + 13, 9), (cx + 16, 12), (cx + 10, 31), (cx + 10, 40)]


def body(cx: float) -> tuple[float, float, float, float]:
    return (cx - 15, BODY_Y, 30, 30)


def colours(p: Palette) -> dict[str, Colour]:
    """Muted anatomical colours derived from the theme so high-contrast themes still work."""
    return {
        "fat": mix(p.skin, (246, 226, 170), 0.45), "muscle": mix(p.tissue, p.panel, 0.35),
        "ligament": mix(p.tissue, p.skin, 0.55), "fibre": mix(p.tissue, p.skin, 0.3),
        "flavum": (214, 184, 92),
        "dura": (104, 132, 178), "csf": (158, 204, 232), "disc": (176, 188, 206),
        "bone_edge": mix(p.bone, (90, 80, 60), 0.45), "root": (232, 214, 170),
        "skin_edge": mix(p.skin, (120, 70, 50), 0.45),
    }


def paint(surf: pygame.Surface, f: Frame, p: Palette) -> None:
    """The static anatomy (no text), painted once per size into a supersampled layer."""
    c = colours(p)
    x0 = BOX[0] - 20
    pygame.draw.rect(surf, c["muscle"], f.rect(x0, SKIN_Y, 230, BODY_Y + 34))
    pygame.draw.rect(surf, c["fat"], pygame.Rect(f.p(x0, SKIN_Y), (f.d(230), f.d(FAT_Y))))
    _canal(surf, f, c)
    pygame.draw.rect(surf, c["ligament"], f.rect(x0, 9, 230, FLAVUM[0] - 9))
    for i in range(46):
        x = x0 + i * 5
        pygame.draw.line(surf, c["fibre"], f.p(x, 10), f.p(x + 3, FLAVUM[0] - 1), f.d(0.35))
    for cx in (*LEVELS.values(), NEIGHBOURS[0]):
        pygame.draw.rect(surf, c["flavum"], f.rect(cx + 7, FLAVUM[0], 18, FLAVUM[1] - FLAVUM[0]))
    pygame.draw.rect(surf, c["fibre"], f.rect(x0, 6.5, 230, 3))
    for cx in (*LEVELS.values(), *NEIGHBOURS):
        _vertebra(surf, f, cx, p, c)
    pygame.draw.rect(surf, p.skin, f.rect(x0, SKIN_Y - 0.2, 230, 2.2))
    pygame.draw.line(surf, c["skin_edge"], f.p(x0, SKIN_Y), f.p(x0 + 230, SKIN_Y), f.d(0.5))


def _canal(surf: pygame.Surface, f: Frame, c: dict[str, Colour]) -> None:
    """Epidural fat, dural sac with CSF and the cauda equina running along it."""
    x0 = BOX[0] - 20
    pygame.draw.rect(surf, c["fat"], f.rect(x0, FLAVUM[1], 230, BODY_Y + 1 - FLAVUM[1]))
    pygame.draw.rect(surf, c["csf"], f.rect(x0, DURA_Y, 230, FRONT_DURA_Y - DURA_Y))
    for i, y in enumerate((46.5, 49.0, 51.5, 53.5)):
        pygame.draw.line(surf, c["root"], f.p(x0, y), f.p(x0 + 230, y + (i % 2) * 0.6),
                         f.d(0.6))
    for y in (DURA_Y, FRONT_DURA_Y):
        pygame.draw.line(surf, c["dura"], f.p(x0, y), f.p(x0 + 230, y), f.d(1.0))


def _vertebra(surf: pygame.Surface, f: Frame, cx: float, p: Palette,
              c: dict[str, Colour]) -> None:
    pygame.draw.rect(surf, c["disc"], f.rect(cx + 14, BODY_Y + 1.5, 10, 27),
                     border_radius=f.d(4))
    block = f.rect(*body(cx))
    pygame.draw.rect(surf, p.bone, block, border_radius=f.d(4))
    pygame.draw.rect(surf, c["bone_edge"], block, f.d(0.8), border_radius=f.d(4))
    pts = f.pts(spinous(cx))
    pygame.draw.polygon(surf, p.bone, pts)
    pygame.draw.polygon(surf, c["bone_edge"], pts, f.d(0.8))


# ----------------------------------------------------------------------------- needle line
def _edge(aim: str) -> tuple[Point, Point]:
    """The bony edge an off-line needle meets: L4's upper edge (caudal) or L3's lower edge."""
    if aim == "caudal":
        return (LEVELS["L4"] - 9, 12.0), (LEVELS["L4"] - 12, 31.0)
    return (LEVELS["L3"] + 16, 12.0), (LEVELS["L3"] + 10, 31.0)


def tip(angle_deg: float, depth: float) -> Point:
    a = math.radians(angle_deg)
    return ENTRY_X + depth * math.sin(a), depth * math.cos(a)


@functools.lru_cache(maxsize=64)  # a pure function of three numbers, asked every frame
def bone_angle(aim: str, depth: float, nominal: float) -> float:
    """The angle at which a needle of this depth rests on the bone edge on its side."""
    (xa, ya), (xb, yb) = _edge(aim)
    lo, hi = (0.0, 40.0) if aim == "caudal" else (-40.0, 0.0)

    def gap(angle: float) -> float:
        x, y = tip(angle, depth)
        t = min(1.0, max(0.0, (y - ya) / (yb - ya)))
        return x - (xa + (xb - xa) * t)

    if depth < ya or gap(lo) * gap(hi) > 0:
        return nominal
    for _ in range(24):
        mid = (lo + hi) / 2
        lo, hi = (mid, hi) if gap(lo) * gap(mid) > 0 else (lo, mid)
    return (lo + hi) / 2


def pose(state: Mapping) -> tuple[float, float, str]:
    """(angle in degrees toward the feet, depth in mm, aim word) for a procedure state."""
    aim = pick(state, "needle_angle", tuple(ANGLES), "cephalad")
    depth = num(state, "needle_depth_mm", 0.0, 0.0, 60.0)
    angle = ANGLES[aim]
    if flag(state, "bone_contact"):
        angle = bone_angle(aim, depth, angle)
    return angle, depth, aim


def contacted_level(aim: str) -> str:
    return "L4" if aim == "caudal" else "L3"
