"""Laparoscope inset, surface map and instrument tray for the trocar view.

The scope picture is what the trainee would see on the monitor: either the inner abdominal
wall (where the epigastric vessels show through the peritoneum if someone looks for them)
or the operative field in the pelvis. It is drawn in unit coordinates (-1..1) inside a circle
so it scales to any inset size.
"""

from __future__ import annotations

import math

import pygame

from game.ui.kit.theme import Palette, Theme
from game.ui.procedures._kit import Frame, first_text, leader_from, lines_height, mix, t, text

SCOPE_PORT_U = {"medial": 0.02, "lateral": 0.62}   # port position across the scope image


def scope_static(size: int, camera: str, seen: bool, p: Palette) -> pygame.Surface:
    """The scope background for one camera target, masked to a circle."""
    surf = pygame.Surface((size, size), pygame.SRCALPHA)
    f = Frame(size / 2, size / 2, size / 2)
    if camera == "wall":
        _wall(surf, f, seen, p)
    else:
        _field(surf, f, p)
    _vignette(surf, size)
    mask = pygame.Surface((size, size), pygame.SRCALPHA)
    pygame.draw.circle(mask, (255, 255, 255, 255), (size // 2, size // 2), size // 2 - 1)
    surf.blit(mask, (0, 0), special_flags=pygame.BLEND_RGBA_MIN)
    return surf


def _wall(surf: pygame.Surface, f: Frame, seen: bool, p: Palette) -> None:
    surf.fill(mix(p.tissue, p.skin, 0.55))
    for i in range(9):
        y = -1 + i * 0.25
        pygame.draw.line(surf, mix(p.tissue, p.skin, 0.45), f.p(-1, y), f.p(1, y + 0.12),
                         max(1, f.d(0.02)))
    alpha = 1.0 if seen else 0.18
    base = mix(p.tissue, p.skin, 0.55)
    for dx, colour, width in ((-0.09, (70, 92, 150), 0.07), (0.09, (70, 92, 150), 0.07),
                              (0.0, (176, 50, 50), 0.06)):
        pts = [(-0.02 + dx + 0.22 * t, 1.05 - 2.1 * t) for t in (0, 0.5, 1)]
        pts = [(x - 0.1 * math.sin(y * 2), y) for x, y in pts]
        pygame.draw.lines(surf, mix(base, colour, alpha), False, f.pts(pts), f.d(width))


def _field(surf: pygame.Surface, f: Frame, p: Palette) -> None:
    """Pelvis seen down the scope: bowel loops, the uterine fundus, a grasper from the left."""
    surf.fill(mix(p.tissue, (60, 30, 35), 0.5))
    bowel = mix(p.tissue, p.skin, 0.4)
    edge = mix(bowel, (0, 0, 0), 0.25)
    for cx, cy, rx, ry, tilt in ((-0.55, -0.6, 0.5, 0.2, -0.3), (0.3, -0.75, 0.55, 0.18, 0.1),
                                 (0.75, -0.2, 0.22, 0.42, 0.0), (0.55, 0.55, 0.32, 0.2, 0.4)):
        pts = [(cx + rx * math.cos(t) * math.cos(tilt) - ry * math.sin(t) * math.sin(tilt),
                cy + rx * math.cos(t) * math.sin(tilt) + ry * math.sin(t) * math.cos(tilt))
               for t in (i * math.tau / 24 for i in range(24))]
        pygame.draw.polygon(surf, bowel, f.pts(pts))
        pygame.draw.polygon(surf, edge, f.pts(pts), max(1, f.d(0.02)))
    fundus = f.rect(-0.55, -0.05, 0.95, 1.2)
    pygame.draw.ellipse(surf, mix(p.tissue, p.skin, 0.15), fundus)
    pygame.draw.ellipse(surf, mix(p.tissue, (0, 0, 0), 0.2), fundus, max(1, f.d(0.02)))
    pygame.draw.line(surf, p.steel, f.p(-1.05, 0.1), f.p(-0.45, -0.15), f.d(0.07))
    pygame.draw.line(surf, mix(p.steel, (0, 0, 0), 0.3), f.p(-0.45, -0.15), f.p(-0.3, -0.25),
                     f.d(0.04))


def _vignette(surf: pygame.Surface, size: int) -> None:
    """Darker edges, like a scope image."""
    for i in range(6):
        r = size // 2 - i * max(1, size // 60)
        pygame.draw.circle(surf, (0, 0, 0, 120 - i * 20), (size // 2, size // 2), r,
                           max(1, size // 60))


def scope_dynamic(surface: pygame.Surface, centre: tuple[int, int], radius: int,
                  camera: str, port: str, depth: float, bleeding: str, p: Palette,
                  time_s: float) -> None:
    """Trocar tip tenting or through the wall, and blood, over the cached scope picture."""
    f = Frame(centre[0], centre[1], radius)
    u = SCOPE_PORT_U.get(port, 0.3)
    if camera == "wall" and port in SCOPE_PORT_U:
        if 0.45 < depth < 0.75:
            r = f.d(0.08 + 0.12 * (depth - 0.45) / 0.3)
            pygame.draw.circle(surface, mix(p.tissue, p.skin, 0.75), f.p(u, -0.1), r)
        elif depth >= 0.75:
            pygame.draw.ellipse(surface, p.steel, f.rect(u - 0.13, -0.2, 0.26, 0.18))
            pygame.draw.ellipse(surface, (40, 40, 48), f.rect(u - 0.07, -0.16, 0.14, 0.09))
    if bleeding in ("ooze", "brisk"):
        x0 = u if camera == "wall" else 0.15
        _stream(surface, f, x0, -0.05 if camera == "wall" else -1.0, bleeding == "brisk",
                p, time_s)
    if bleeding == "brisk" or (camera == "field" and bleeding != "none"):
        grow = 0.2 if bleeding == "ooze" else 0.35
        pygame.draw.ellipse(surface, mix(p.blood, (0, 0, 0), 0.15),
                            f.rect(-0.5, 0.55, 1.0, grow))
    if bleeding == "controlled" and camera == "wall":
        for dy in (-0.32, 0.12):
            pygame.draw.line(surface, (40, 40, 60), f.p(u - 0.25, dy), f.p(u + 0.25, dy + 0.04),
                             max(2, f.d(0.03)))


def _stream(surface: pygame.Surface, f: Frame, x: float, y: float, brisk: bool, p: Palette,
            time_s: float) -> None:
    """Blood running down from the cannula and dripping: continuous if brisk."""
    width = 0.07 if brisk else 0.03
    pygame.draw.line(surface, p.blood, f.p(x, y), f.p(x - 0.02, y + 0.45), f.d(width))
    for i in range(3 if brisk else 2):
        fall = (time_s * (1.3 if brisk else 0.6) + i / 3) % 1.0
        pygame.draw.circle(surface, p.blood, f.p(x - 0.02, y + 0.45 + fall * 0.5),
                           max(2, f.d(0.035 if brisk else 0.025)))


def tray(surface: pygame.Surface, box: pygame.Rect, ready: bool, theme: Theme, px: int) -> None:
    """The scrub nurse's tray: empty, or holding the suture passer and a Foley catheter."""
    p = theme.palette
    pygame.draw.rect(surface, mix(p.steel, p.panel, 0.8 if not ready else 0.6), box,
                     border_radius=8)
    pygame.draw.rect(surface, mix(p.steel, p.panel, 0.4), box, 1, border_radius=8)
    words = (t("Tray: suture passer + Foley open"), t("Rescue kit open")) if ready else \
        (t("Tray: no rescue kit open"), t("No rescue kit"))
    label = pygame.Rect(box.x + 6, box.y + 4, box.w - 12, box.h - 8)
    if ready:
        label.h = max(0, min(label.h, box.h - 34))
    got = first_text(surface, words, [label], theme, p.text, px, align="left")
    if not ready:
        return
    y = ((got.bottom if got else box.y) + box.bottom) // 2
    x0, x1 = box.x + 12, min(box.right - 12, box.x + 12 + 260)
    grip = max(10, (x1 - x0) // 6)
    pygame.draw.line(surface, p.steel, (x0, y - 7), (x1 - grip, y - 7), 4)
    pygame.draw.rect(surface, (60, 66, 80), (x1 - grip, y - 13, grip, 12), border_radius=3)
    foley = [(x0 + i * (x1 - x0) / 20, y + 9 + 3 * math.sin(i)) for i in range(21)]
    pygame.draw.lines(surface, (214, 180, 120), False, foley, 4)
    pygame.draw.circle(surface, (214, 180, 120), (round(foley[-1][0]), round(foley[-1][1])), 5)


MAP_BOX = (-1.12, -1.0, 2.24, 1.95)
MAP_PORT = {"medial": (0.49, 0.1), "lateral": (0.8, 0.1)}


def map_static(surf: pygame.Surface, f: Frame, p: Palette) -> None:
    """Frontal lower abdomen: umbilicus, ASIS, rectus edges and the epigastric vessels."""
    outline = [(-1.0, -0.95), (1.0, -0.95), (0.98, -0.05), (0.22, 0.85), (-0.22, 0.85),
               (-0.98, -0.05)]
    pygame.draw.polygon(surf, mix(p.skin, p.panel, 0.15), f.pts(outline))
    edge = mix(p.skin, (90, 60, 50), 0.5)
    pygame.draw.polygon(surf, edge, f.pts(outline), max(1, f.d(0.015)))
    pygame.draw.circle(surf, edge, f.p(0, -0.68), f.d(0.06), max(1, f.d(0.02)))
    for sx in (-1, 1):
        pygame.draw.circle(surf, p.bone, f.p(sx * 0.95, -0.1), f.d(0.05))
        for i in range(8):
            a, b = _lerp2((sx * 0.6, -0.95), (sx * 0.25, 0.82), i / 8, (i + 0.5) / 8)
            pygame.draw.line(surf, edge, f.p(*a), f.p(*b), max(1, f.d(0.012)))
        vessel = [(sx * 0.55, 0.55), (sx * 0.49, 0.1), (sx * 0.38, -0.7), (sx * 0.34, -0.95)]
        pygame.draw.lines(surf, (176, 60, 60), False, f.pts(vessel), max(2, f.d(0.03)))
    for i in range(12):
        a, b = _lerp2((-1.0, 0.1), (1.0, 0.1), i / 12, (i + 0.45) / 12)
        pygame.draw.line(surf, p.accent, f.p(*a), f.p(*b), max(1, f.d(0.012)))


def _lerp2(a: tuple[float, float], b: tuple[float, float], s: float,
           e: float) -> tuple[tuple[float, float], tuple[float, float]]:
    return ((a[0] + (b[0] - a[0]) * s, a[1] + (b[1] - a[1]) * s),
            (a[0] + (b[0] - a[0]) * e, a[1] + (b[1] - a[1]) * e))


def map_port(surface: pygame.Surface, f: Frame, port: str, theme: Theme) -> None:
    """The planned skin mark: an X, orange on the vessels, green lateral to them."""
    if port not in MAP_PORT:
        return
    x, y = f.p(*MAP_PORT[port])
    colour = theme.palette.bad if port == "medial" else theme.palette.good
    r = max(5, f.d(0.08))
    for dx in (-1, 1):
        pygame.draw.line(surface, (0, 0, 0), (x - r, y - dx * r), (x + r, y + dx * r), 5)
        pygame.draw.line(surface, colour, (x - r, y - dx * r), (x + r, y + dx * r), 3)


def map_area(box: pygame.Rect, px: int) -> pygame.Rect:
    """Where the drawing goes inside the map box: below its caption row."""
    return pygame.Rect(box.x + box.w // 4, box.y + px + 8, max(1, box.w - box.w // 4 - 4),
                       max(1, box.h - px - 12))


def map_labels(surface: pygame.Surface, f: Frame, box: pygame.Rect, theme: Theme,
               px: int) -> None:
    """'skin map' on its caption row, then 'vessels' low on the left if there is room."""
    p = theme.palette
    line = lines_height(theme, px, 1)
    text(surface, t("skin map"), pygame.Rect(box.x + 6, box.y + 3, box.w - 12, line), theme,
         p.muted, px, align="left")
    left = pygame.Rect(box.x + 4, box.bottom - line - 6, box.w // 2, line)
    got = text(surface, t("vessels"), left, theme, (236, 140, 130), px, align="left")
    if got is not None:
        leader_from(surface, (236, 140, 130), got, f.p(-0.53, 0.4))
