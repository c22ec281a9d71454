"""Dissection in a tissue plane: is the instrument in the plane, in the wall above, or in the
bed below, and what lies next to it?

A wrong-plane error is invisible to anyone who does not know where the plane is, so the
picture is a cross-section at the instrument tip: the specimen being freed above, the pale
areolar plane in the middle, the bed below, and the structure at risk beside the plane (drawn
faint and marked "not yet seen" until someone identifies it). The instrument's tip moves
between the layers as the narration says; a trail shows how far the dissection has gone in
which layer. The words panel states every fact again, because colour alone must not carry it.
"""

from __future__ import annotations

from collections.abc import Mapping

import pygame

from game.ui.kit.theme import Theme
from game.ui.procedures._kit import (
    Frame,
    LayerCache,
    fit_frame,
    flag,
    label_px,
    lerp,
    lines_height,
    minor_px,
    mix,
    phase,
    pick,
    picture,
    pulse,
    side_width,
    smooth_layer,
    t,
    tag,
    text,
)
from game.ui.procedures._panel import Row, Status, draw_panel

PLANES = ("correct", "too_deep", "too_superficial")
BLEEDS = ("none", "ooze", "brisk", "controlled")
STRUCTURES = ("none", "vessel", "nerve", "duct", "ureter", "bowel")
INSTRUMENTS = ("scissors", "diathermy", "blunt")

BOX = (0.0, 0.0, 200.0, 120.0)
"""Design units of the cross-section: 200 wide, 120 deep."""
SPECIMEN = (12.0, 50.0)   # y-range of the specimen's wall (the organ being freed)
PLANE = (50.0, 60.0)      # the areolar plane
BED = (60.0, 112.0)       # the bed the specimen is freed from
TIP_Y = {"correct": 55.0, "too_deep": 68.0, "too_superficial": 43.0}
TIP_X = 128.0
STRUCT = (150.0, 73.0, 7.0)  # centre x, centre y, radius of the structure at risk

STRUCT_COLOUR = {"vessel": (150, 40, 60), "nerve": (236, 214, 120), "duct": (120, 170, 90),
                 "ureter": (230, 220, 200), "bowel": (205, 150, 120)}


def struct_word(kind: str) -> str:
    """The structure at risk in the player's language (looked up when drawn)."""
    return {"vessel": t("vessel"), "nerve": t("nerve"), "duct": t("duct"),
            "ureter": t("ureter"), "bowel": t("bowel")}.get(kind, t("structure"))


def plane_words(plane: str) -> str:
    return {"correct": t("in the plane (areolar layer)"),
            "too_deep": t("too deep: into the bed"),
            "too_superficial": t("too superficial: into the wall")}[plane]


def instrument_words(instrument: str) -> str:
    return {"scissors": t("scissors"), "diathermy": t("diathermy hook"),
            "blunt": t("blunt dissector")}[instrument]


def _layout(rect: pygame.Rect) -> tuple[pygame.Rect, pygame.Rect]:
    """Cross-section on the left, words on the right (the panel keeps a readable width)."""
    pad = max(6, rect.h // 60)
    side = side_width(rect, pad, BOX, max(150, min(300, int(rect.w * 0.34))))
    section = pygame.Rect(rect.x + pad, rect.y + pad, rect.w - side - 3 * pad, rect.h - 2 * pad)
    panel = pygame.Rect(section.right + pad, section.y, side, section.h)
    return section, panel


def _tip_y(now: Mapping, before: Mapping, progress: float) -> float:
    """The tip's depth mid-change: it withdraws to the plane's top, then goes to the new layer."""
    y1 = TIP_Y[pick(now, "plane", PLANES, "correct")]
    y0 = TIP_Y[pick(before, "plane", PLANES, pick(now, "plane", PLANES, "correct"))]
    return lerp(y0, y1, phase(progress, 0.1, 0.9))


class DissectionView:
    """Cross-section of specimen, plane and bed; instrument; structure at risk; words panel."""

    def __init__(self) -> None:
        self._layers = LayerCache()

    @picture
    def draw(self, surface: pygame.Surface, rect: pygame.Rect, now: Mapping,
             before: Mapping, progress: float, theme: Theme, time_s: float) -> None:
        """Labels in priority order: the panel (status, plane, structure, instrument, hands),
        the structure at risk, the layers' names, your hands, the caption (see `_labels`)."""
        now, before = now or {}, before or now or {}
        progress = min(1.0, max(0.0, float(progress)))
        section, panel = _layout(rect)
        px = label_px(rect, 17, theme)
        frame = fit_frame(section, *BOX)
        key = (rect.size, theme.palette)
        surface.blit(self._layers.get(key, lambda: self._static(rect, section, frame, theme)),
                     rect.topleft)
        arrived = progress >= 0.9
        state = now if arrived else before
        tip = _tip_y(now, before, progress)
        clip = surface.get_clip()
        surface.set_clip(section.clip(clip))
        self._trail(surface, frame, tip, theme)
        self._structure(surface, frame, now, theme)
        self._bleeding(surface, frame, pick(state, "bleeding", BLEEDS, "none"), tip, theme,
                       time_s)
        self._instrument(surface, frame, pick(now, "instrument", INSTRUMENTS, "diathermy"),
                         tip, theme, time_s)
        if flag(now, "supervisor_hands"):
            self._grasper(surface, frame, theme)
        surface.set_clip(clip)
        self._panel(surface, panel, now, state, theme, px)
        self._labels(surface, frame, section, now, theme, px)

    # -------------------------------------------------------------------- static layer
    def _static(self, rect: pygame.Rect, section: pygame.Rect, frame: Frame,
                theme: Theme) -> pygame.Surface:
        p = theme.palette
        local = section.move(-rect.x, -rect.y)
        f = Frame(frame.ox - rect.x, frame.oy - rect.y, frame.s)
        wall = mix(p.tissue, (90, 150, 90), 0.35)
        bed = mix(p.tissue, (120, 60, 50), 0.35)
        areolar = mix(p.bone, p.panel_alt, 0.25)

        def paint(big: pygame.Surface, k: int) -> None:
            g = f.scaled(k)
            big.fill(p.panel)
            pygame.draw.rect(big, p.panel_alt, pygame.Rect(*(v * k for v in local)),
                             border_radius=8 * k)
            for (y0, y1), colour in ((SPECIMEN, wall), (PLANE, areolar), (BED, bed)):
                pygame.draw.rect(big, colour, g.rect(4, y0, 192, y1 - y0))
            for x in range(10, 196, 12):  # loose strands of the areolar layer
                pygame.draw.line(big, mix(areolar, bed, 0.35), g.p(x, PLANE[0] + 1),
                                 g.p(x + 5, PLANE[1] - 1), max(1, k))

        return smooth_layer(rect.size, paint)

    def _labels(self, surface: pygame.Surface, f: Frame, area: pygame.Rect, now: Mapping,
                theme: Theme, px: int) -> None:
        p = theme.palette
        self._structure_tag(surface, f, area, now, theme, px)
        h = lines_height(theme, px, 1, bold=True)
        for words, (y0, y1), colour in ((t("plane"), PLANE, (20, 20, 20)),
                                        (t("specimen wall"), SPECIMEN, p.text),
                                        (t("bed"), BED, p.text)):
            box = pygame.Rect(f.p(8, 0)[0], 0, max(f.d(70), area.right - f.p(8, 0)[0]), h)
            box.centery = f.p(0, (y0 + y1) / 2)[1]
            text(surface, words, box.clip(area), theme, colour, px, bold=y0 == PLANE[0],
                 align="left")
        if flag(now, "supervisor_hands"):
            tag(surface, t("your hands"), f.p(188, 8), theme, p.text, p.panel, minor_px(theme, px),
                area, where="topright", bold=False)
        top = pygame.Rect(area.x + 4, area.y + 2, area.w - 8,
                          lines_height(theme, minor_px(theme, px), 1))
        text(surface, t("cross-section at the instrument tip"), top, theme, p.muted,
             minor_px(theme, px))

    # -------------------------------------------------------------------- moving parts
    def _trail(self, surface: pygame.Surface, f: Frame, tip: float, theme: Theme) -> None:
        """The dissection so far: a cut line that follows the layer the tip is in."""
        colour = mix(theme.palette.panel, (0, 0, 0), 0.4)
        pygame.draw.line(surface, colour, f.p(48, TIP_Y["correct"]), f.p(TIP_X - 30, tip),
                         max(2, f.d(1.6)))
        pygame.draw.line(surface, colour, f.p(TIP_X - 30, tip), f.p(TIP_X, tip),
                         max(2, f.d(1.6)))

    def _structure(self, surface: pygame.Surface, f: Frame, now: Mapping,
                   theme: Theme) -> None:
        kind = pick(now, "structure_at_risk", STRUCTURES, "none")
        if kind == "none":
            return
        seen, injured = flag(now, "structure_seen"), flag(now, "structure_injured")
        cx, cy, r = STRUCT
        base = STRUCT_COLOUR[kind]
        colour = base if seen else mix(base, theme.palette.tissue, 0.55)
        pygame.draw.circle(surface, colour, f.p(cx, cy), f.d(r))
        pygame.draw.circle(surface, theme.palette.text if seen else theme.palette.muted,
                           f.p(cx, cy), f.d(r), 1 if not seen else 2)
        if injured:
            pygame.draw.line(surface, theme.palette.bad, f.p(cx - r, cy - r), f.p(cx + r, cy + r),
                             max(2, f.d(1.5)))

    def _structure_tag(self, surface: pygame.Surface, f: Frame, area: pygame.Rect,
                       now: Mapping, theme: Theme, px: int) -> None:
        kind = pick(now, "structure_at_risk", STRUCTURES, "none")
        if kind == "none":
            return
        seen, injured = flag(now, "structure_seen"), flag(now, "structure_injured")
        cx, cy, r = STRUCT
        word = struct_word(kind) if seen else t("{structure} (not seen)",
                                                 structure=struct_word(kind))
        fg, bg = ((255, 255, 255), theme.palette.bad) if injured else (
            theme.palette.text, theme.palette.panel)
        tag(surface, t("{structure}: INJURED", structure=word) if injured else word,
            f.p(cx, cy + r + 4), theme, fg, bg, minor_px(theme, px), area, where="midtop",
            bold=injured)

    def _bleeding(self, surface: pygame.Surface, f: Frame, bleeding: str, tip: float,
                  theme: Theme, time_s: float) -> None:
        if bleeding == "none":
            return
        p = theme.palette
        if bleeding == "controlled":
            pygame.draw.ellipse(surface, mix(p.blood, (40, 10, 10), 0.45),
                                f.rect(TIP_X - 6, tip - 2, 12, 5))
            return
        brisk = bleeding == "brisk"
        spread = 26 if brisk else 10
        pool = f.rect(TIP_X - spread, tip - 3, 2 * spread, 9 if brisk else 5)
        pygame.draw.ellipse(surface, p.blood, pool)
        for i in range(4 if brisk else 2):
            fall = (time_s * (1.3 if brisk else 0.6) + i / 4) % 1.0
            pygame.draw.circle(surface, p.blood, f.p(TIP_X - 4 + 3 * i, tip + 4 + 20 * fall),
                               max(2, f.d(1.6)))

    def _instrument(self, surface: pygame.Surface, f: Frame, kind: str, tip: float,
                    theme: Theme, time_s: float) -> None:
        steel = theme.palette.steel
        start = (TIP_X - 70, 2.0)
        pygame.draw.line(surface, steel, f.p(*start), f.p(TIP_X, tip), max(3, f.d(3)))
        if kind == "diathermy":
            pygame.draw.lines(surface, steel, False, f.pts([(TIP_X, tip), (TIP_X + 4, tip),
                                                            (TIP_X + 4, tip - 3)]),
                              max(2, f.d(1.4)))
            glow = mix(theme.palette.focus, (255, 255, 255), pulse(time_s, 3.0) * 0.6)
            pygame.draw.circle(surface, glow, f.p(TIP_X + 2, tip), max(2, f.d(1.3)))
        elif kind == "scissors":
            for dy in (-2.5, 2.5):
                pygame.draw.line(surface, steel, f.p(TIP_X - 3, tip), f.p(TIP_X + 6, tip + dy),
                                 max(2, f.d(1.4)))
        else:
            pygame.draw.circle(surface, steel, f.p(TIP_X + 1, tip), max(3, f.d(2.4)))

    def _grasper(self, surface: pygame.Surface, f: Frame, theme: Theme) -> None:
        """The supervisor's instrument from the other side, retracting the specimen."""
        colour = theme.palette.accent
        grip = (TIP_X + 20, SPECIMEN[0] + 14)
        pygame.draw.line(surface, colour, f.p(196, 2), f.p(*grip), max(3, f.d(3)))
        pygame.draw.circle(surface, colour, f.p(*grip), max(3, f.d(2.4)))

    def _panel(self, surface: pygame.Surface, box: pygame.Rect, now: Mapping, state: Mapping,
               theme: Theme, px: int) -> None:
        p = theme.palette
        plane = pick(now, "plane", PLANES, "correct")
        rows = [Row(t("Plane"), plane_words(plane), p.good if plane == "correct" else p.bad)]
        kind = pick(now, "structure_at_risk", STRUCTURES, "none")
        if kind != "none":
            seen = t("{structure}, identified", structure=struct_word(kind)) \
                if flag(now, "structure_seen") else \
                t("{structure}, not yet identified", structure=struct_word(kind))
            rows.append(Row(t("Next to it"), seen,
                            None if flag(now, "structure_seen") else p.warn))
        rows.append(Row(t("Instrument"),
                        instrument_words(pick(now, "instrument", INSTRUMENTS, "diathermy"))))
        if flag(now, "supervisor_hands"):
            rows.append(Row(t("Hands"), t("yours are in the field"), p.accent))
        draw_panel(surface, box, theme, px, t("Dissection"), rows, _status(now, state, theme))


def _status(now: Mapping, state: Mapping, theme: Theme) -> Status:
    p = theme.palette
    if flag(now, "structure_injured"):
        kind = struct_word(pick(now, "structure_at_risk", STRUCTURES, "none"))
        return Status(t("{structure} INJURED", structure=kind.upper()), (255, 255, 255), p.bad)
    bleeding = pick(state, "bleeding", BLEEDS, "none")
    if bleeding == "brisk":
        return Status(t("BLEEDING: brisk"), (255, 255, 255), p.blood)
    if bleeding == "ooze":
        return Status(t("Bleeding: ooze"), (30, 20, 10), p.warn)
    if bleeding == "controlled":
        return Status(t("Bleeding controlled"), (10, 30, 20), p.good)
    if pick(now, "plane", PLANES, "correct") != "correct":
        return Status(t("Wrong plane"), (30, 20, 10), p.warn)
    return Status(t("In the plane"), p.text, p.panel)
