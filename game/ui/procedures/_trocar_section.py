"""Axial cross-section of the lower anterior abdominal wall for the trocar view.

Seen from the feet (radiological convention: the patient's left is on the viewer's right),
in millimetres from the midline with the wall thickness exaggerated about 1.5x so the layers
read. The inferior epigastric artery and its two venae comitantes lie on the back of the
rectus ~5.5 cm from the midline; the lateral rectus edge is ~7.5 cm out (scoring-science C1),
so a "medial" left-lower-quadrant port lands on the vessels and a "lateral" one in the flat
muscles clear of them.
"""

from __future__ import annotations

import pygame

from game.ui.kit.theme import Palette
from game.ui.procedures._kit import Colour, Frame, ellipse_pts, mix

BOX = (-130.0, -76.0, 260.0, 182.0)
FAT = (2.0, 26.0)
RECTUS = (8.0, 74.0, 29.0, 51.0)       # |x| from, |x| to, y top, y bottom
FLAT = (29.0, 52.0)                    # oblique and transversus layers, lateral to the rectus
PERITONEUM = 55.0
VESSEL_X, VESSEL_Y = 56.0, 51.5
PORT_X = {"medial": 53.0, "lateral": 100.0}
TIP_TRAVEL = (-1.0, 74.0)              # tip y at trocar_depth 0 and 1
POOL_Y = 86.0


def colours(p: Palette) -> dict[str, Colour]:
    return {
        "fat": mix(p.skin, (246, 226, 170), 0.5), "muscle": mix(p.tissue, (150, 60, 60), 0.25),
        "sheath": mix(p.bone, p.steel, 0.4), "cavity": mix(p.panel, (70, 40, 50), 0.35),
        "bowel": mix(p.tissue, p.skin, 0.45), "vein": (70, 92, 150), "artery": (186, 52, 52),
        "perit": mix(p.bone, p.tissue, 0.3), "ink": mix(p.panel, (0, 0, 0), 0.5),
    }


def paint(surf: pygame.Surface, f: Frame, p: Palette) -> None:
    """Static wall, cavity and bowel; vessels too (the anatomy is true whatever is seen)."""
    c = colours(p)
    x0, w = BOX[0] - 40, BOX[2] + 80
    pygame.draw.rect(surf, c["cavity"], f.rect(x0, PERITONEUM, w, BOX[1] + BOX[3] - PERITONEUM))
    for bx, by, r in ((-95, 104, 20), (-50, 108, 17), (-8, 102, 19), (40, 109, 18),
                      (85, 105, 20), (128, 112, 16), (-132, 112, 16)):
        pygame.draw.circle(surf, c["bowel"], f.p(bx, by), f.d(r))
        pygame.draw.circle(surf, mix(c["bowel"], (0, 0, 0), 0.25), f.p(bx, by), f.d(r), f.d(1))
    pygame.draw.rect(surf, c["fat"], f.rect(x0, 0, w, PERITONEUM))
    for side in (-1, 1):
        _flat_muscles(surf, f, side, c)
        _rectus(surf, f, side, c)
        _vessels(surf, f, side * VESSEL_X, VESSEL_Y, c)
    pygame.draw.rect(surf, c["perit"], f.rect(x0, PERITONEUM - 1.5, w, 2.2))
    pygame.draw.rect(surf, p.skin, f.rect(x0, -0.5, w, 3))
    pygame.draw.line(surf, mix(p.skin, (110, 60, 40), 0.5), f.p(x0, 0), f.p(x0 + w, 0), f.d(0.6))


def _rectus(surf: pygame.Surface, f: Frame, side: int, c: dict[str, Colour]) -> None:
    inner, outer, top, bottom = RECTUS
    xa, xb = sorted((side * inner, side * outer))
    sheath = f.rect(xa - 1.5, top - 1.5, xb - xa + 3, bottom - top + 3)
    pygame.draw.rect(surf, c["sheath"], sheath, border_radius=f.d(8))
    pygame.draw.rect(surf, c["muscle"], f.rect(xa, top, xb - xa, bottom - top),
                     border_radius=f.d(7))
    pygame.draw.rect(surf, c["sheath"], f.rect(-inner, top - 1.5, 2 * inner, bottom - top + 3))


def _flat_muscles(surf: pygame.Surface, f: Frame, side: int, c: dict[str, Colour]) -> None:
    """External oblique, internal oblique and transversus, fanning out lateral to the rectus."""
    top, bottom = FLAT
    band = (bottom - top) / 3
    for i in range(3):
        y = top + i * band
        xa, xb = sorted((side * (RECTUS[1] - 2), side * 200))
        shade = mix(c["muscle"], c["fat"], 0.12 * i)
        pygame.draw.rect(surf, shade, f.rect(xa, y + 0.4, xb - xa, band - 0.8))
        pygame.draw.line(surf, c["sheath"], f.p(xa, y), f.p(xb, y), f.d(0.6))


def _vessels(surf: pygame.Surface, f: Frame, x: float, y: float, c: dict[str, Colour]) -> None:
    """Artery with its two venae comitantes, in cross-section."""
    for dx, r, colour in ((-8, 4.0, c["vein"]), (8, 4.0, c["vein"]), (0, 4.5, c["artery"])):
        pygame.draw.circle(surf, colour, f.p(x + dx, y), f.d(r))
        pygame.draw.circle(surf, c["ink"], f.p(x + dx, y), f.d(r), f.d(0.5))


def tip_y(depth: float) -> float:
    return TIP_TRAVEL[0] + (TIP_TRAVEL[1] - TIP_TRAVEL[0]) * depth


def trocar(surf: pygame.Surface, f: Frame, x: float, depth: float, p: Palette) -> None:
    """Cannula with a pyramidal tip and valve housing; the tip moves with trocar_depth."""
    ty = tip_y(depth)
    half, length = 5.0, 60.0
    shaft = [(x - half, ty - 10), (x, ty), (x + half, ty - 10), (x + half, ty - length),
             (x - half, ty - length)]
    dark = mix(p.steel, (0, 0, 0), 0.45)
    pygame.draw.polygon(surf, p.steel, f.pts(shaft))
    pygame.draw.polygon(surf, dark, f.pts(shaft), 1)
    pygame.draw.line(surf, mix(p.steel, (255, 255, 255), 0.5), f.p(x - 2, ty - 12),
                     f.p(x - 2, ty - length + 2), max(1, f.d(1)))
    head = f.rect(x - 13, ty - length - 12, 26, 12)
    pygame.draw.rect(surf, mix(p.steel, p.panel, 0.35), head, border_radius=f.d(3))
    pygame.draw.rect(surf, dark, head, 1, border_radius=f.d(3))


def pool(surf: pygame.Surface, f: Frame, x: float, size: float, colour: Colour) -> None:
    """Blood collecting in the dependent cavity below the port."""
    if size <= 0:
        return
    pts = ellipse_pts(x, POOL_Y, 10 + 26 * size, 3 + 5 * size, n=20)
    pygame.draw.polygon(surf, colour, f.pts(pts))
