"""Laparoscopic ancillary trocar: where the port is, how deep the trocar is, what bleeds.

Three pictures because the supervisor reasons with three: a cross-section of the wall (is the
line of the trocar on the inferior epigastric vessels?), a surface map (where the skin mark
sits relative to the vessels' course) and the laparoscope monitor (has anyone looked at the
wall; is blood running down the cannula?). The rescue tray makes a prepared ("calculated")
rescue visible before the trainee is allowed to push.
"""

from __future__ import annotations

from collections.abc import Mapping

import pygame

from game.ui.kit.theme import Palette, Theme
from game.ui.procedures import _trocar_insets as I
from game.ui.procedures import _trocar_section as S
from game.ui.procedures._kit import (
    Frame,
    LayerCache,
    fit_frame,
    flag,
    label_px,
    lerp,
    lines_height,
    measure,
    mix,
    num,
    phase,
    pick,
    picture,
    pointed_text,
    side_width,
    smooth_layer,
    t,
    text,
)
from game.ui.procedures._labels import book
from game.ui.procedures._panel import Row, Status, draw_panel, panel_need

PORTS = ("none", "medial", "lateral")
BLEEDS = ("none", "ooze", "brisk", "controlled")


COMPACT_H = 220
"""Below this the picture is the cross-section and the words only: the skin map, the tray
and the scope are left out (the panel then says in words what the tray would show)."""


def _layout(rect: pygame.Rect) -> dict[str, pygame.Rect]:
    """Section top-left, map and tray below it, scope and words on the right; a short
    picture keeps the section and the words, the section no wider than its shape uses."""
    pad = max(6, rect.h // 60)
    side = max(150, min(300, int(rect.w * 0.34)))
    if rect.h < COMPACT_H:
        side = side_width(rect, pad, S.BOX, side)
    left = pygame.Rect(rect.x + pad, rect.y + pad, rect.w - side - 3 * pad, rect.h - 2 * pad)
    right = pygame.Rect(left.right + pad, left.y, side, left.h)
    none = pygame.Rect(left.x, left.y, 0, 0)
    if rect.h < COMPACT_H:
        return {"section": left, "map": none, "tray": none, "scope": none, "panel": right}
    strip_h = max(64, int(left.h * 0.3))
    section = pygame.Rect(left.x, left.y, left.w, left.h - strip_h - pad)
    map_w = min(left.w // 2, int(strip_h * 1.4))
    map_box = pygame.Rect(left.x, section.bottom + pad, map_w, strip_h)
    tray = pygame.Rect(map_box.right + pad, map_box.y, left.right - map_box.right - pad, strip_h)
    d = min(right.w, int(right.h * 0.42))
    scope = pygame.Rect(right.centerx - d // 2, right.y, d, d)
    panel = pygame.Rect(right.x, scope.bottom + pad, right.w, right.bottom - scope.bottom - pad)
    return {"section": section, "map": map_box, "tray": tray, "scope": scope, "panel": panel}


def _port_motion(now: Mapping, before: Mapping, progress: float) -> tuple[str, float, float]:
    """(port, x, depth) mid-change; a re-sited port is withdrawn, moved, then advanced."""
    p1, p0 = pick(now, "port_site", PORTS, "none"), pick(before, "port_site", PORTS, "none")
    d1 = num(now, "trocar_depth", 0.0, 0.0, 1.0)
    d0 = num(before, "trocar_depth", d1, 0.0, 1.0)
    if p0 == p1 or "none" in (p0, p1):
        return p1, S.PORT_X.get(p1, 0.0), lerp(d0, d1, phase(progress, 0, 1))
    x0, x1 = S.PORT_X[p0], S.PORT_X[p1]
    if progress < 0.4:
        return p0, x0, lerp(d0, 0.0, phase(progress, 0, 0.4))
    x = lerp(x0, x1, phase(progress, 0.4, 0.6))
    return (p1 if progress >= 0.5 else p0), x, lerp(0.0, d1, phase(progress, 0.6, 1))


class TrocarView:
    """Cross-section, skin map, laparoscope inset, rescue tray and a words panel."""

    def __init__(self) -> None:
        self._layers = LayerCache()
        self._scopes = LayerCache(capacity=8)

    @picture
    def draw(self, surface: pygame.Surface, rect: pygame.Rect, now: Mapping,
             before: Mapping, progress: float, theme: Theme, time_s: float) -> None:
        """Labels in priority order: the panel (bleeding, port site, depth), the scope's
        caption, the section's words, the tray, the skin map (see `_labels`)."""
        now, before = now or {}, before or now or {}
        progress = min(1.0, max(0.0, float(progress)))
        boxes = _layout(rect)
        px = label_px(rect, 17, theme)
        if boxes["scope"].h > 0 and not self._room_for_panel(boxes, now, theme, px):
            boxes["panel"] = boxes["panel"].union(boxes["scope"])
            boxes["scope"] = pygame.Rect(boxes["scope"].topleft, (0, 0))
        frame = fit_frame(boxes["section"], *S.BOX)
        map_frame = fit_frame(I.map_area(boxes["map"], px), *I.MAP_BOX)
        key = (rect.size, theme.palette, px)
        surface.blit(self._layers.get(key, lambda: self._static(rect, boxes, frame, theme, px)),
                     rect.topleft)
        port, x, depth = _port_motion(now, before, progress)
        arrived = progress >= 0.9
        bleeding = pick(now if arrived else before, "bleeding", BLEEDS, "none")
        clip = surface.get_clip()
        surface.set_clip(boxes["section"].clip(clip))
        if port != "none":
            self._blood(surface, frame, port, x, bleeding, depth, theme, time_s)
            S.trocar(surface, frame, x, depth, theme.palette)
            ty = S.tip_y(depth)  # no word is written over the trocar
            book().reserve(frame.rect(x - 13, ty - 72, 26, 72).clip(boxes["section"]))
        surface.set_clip(clip)
        self._panel(surface, boxes["panel"], now, port, depth, bleeding, theme, px,
                    tray_shown=boxes["tray"].h > 0, scope_shown=boxes["scope"].h > 0)
        if boxes["scope"].h > 0:
            self._scope(surface, boxes["scope"], now, port, depth, bleeding, theme, time_s, px)
        self._section_labels(surface, frame, boxes["section"], theme, px)
        if boxes["tray"].h > 0:
            I.tray(surface, boxes["tray"], flag(now, "rescue_ready"), theme, px)
        if boxes["map"].h > 0:
            I.map_port(surface, map_frame, pick(now, "port_site", PORTS, "none"), theme)
            I.map_labels(surface, map_frame, boxes["map"], theme, px)

    def _room_for_panel(self, boxes: dict[str, pygame.Rect], now: Mapping, theme: Theme,
                        px: int) -> bool:
        """Whether the panel under the scope holds the status and the port site: if not, the
        scope gives its room to the words (and its caption becomes a row)."""
        panel = boxes["panel"]
        rows = self._rows(now, pick(now, "port_site", PORTS, "none"), 1.0, theme, True, True)
        need = panel_need(theme, px, panel.w, panel.h, rows[:1],
                          _status(pick(now, "bleeding", BLEEDS, "none"), "", theme))
        return need <= panel.h

    # -------------------------------------------------------------------- static layer
    def _static(self, rect: pygame.Rect, boxes: dict[str, pygame.Rect], frame: Frame,
                theme: Theme, px: int) -> pygame.Surface:
        p = theme.palette
        local = {k: b.move(-rect.x, -rect.y) for k, b in boxes.items()}
        sec = Frame(frame.ox - rect.x, frame.oy - rect.y, frame.s)
        mapf = fit_frame(I.map_area(local["map"], px), *I.MAP_BOX)

        def paint(big: pygame.Surface, k: int) -> None:
            big.fill(p.panel)
            big.set_clip(pygame.Rect(*(v * k for v in local["section"])))
            S.paint(big, sec.scaled(k), p)
            big.set_clip(None)
            if local["map"].h > 0:
                pygame.draw.rect(big, p.panel_alt,
                                 pygame.Rect(*(v * k for v in local["map"])),
                                 border_radius=8 * k)
                I.map_static(big, mapf.scaled(k), p)

        return smooth_layer(rect.size, paint)

    def _section_labels(self, surface: pygame.Surface, f: Frame, area: pygame.Rect,
                        theme: Theme, px: int) -> None:
        """Words in the free space above the skin, leaders down to the patient's right side,
        in priority order: the vessels (the cue), rectus, cavity, midline, R and L."""
        p = theme.palette
        line = lines_height(theme, px, 1)
        skin = f.p(0, 0)[1]
        top = max(area.y + 2, f.p(0, S.BOX[1])[1])
        right_x = f.p(36, 0)[0]
        free = pygame.Rect(area.x + 4, top, right_x - area.x - 4, skin - top - 4)
        half = free.h // 2
        vessels = pygame.Rect(free.x, free.y + half, free.w, free.h - half)
        pointed_text(surface, t("epigastric vessels"), [vessels, free], f.p(-56, S.VESSEL_Y - 3),
                     theme, p.text, px, align="right")
        row1 = pygame.Rect(free.x, free.y, f.p(20, 0)[0] - free.x, half)
        if not pointed_text(surface, t("rectus muscle"), [row1, free], f.p(-34, 38), theme,
                            p.text, px, align="left"):
            # the rectus runs on both sides: name the patient's left one, clear of the port
            other = pygame.Rect(f.p(44, 0)[0], top, area.right - 4 - f.p(44, 0)[0], half)
            pointed_text(surface, t("rectus muscle"), [other], f.p(60, 38), theme, p.text, px,
                         align="right")
        cavity = pygame.Rect(area.x + 4, f.p(0, S.PERITONEUM + 3)[1], area.w // 2,
                             area.bottom - f.p(0, S.PERITONEUM + 3)[1])
        text(surface, t("abdominal cavity"), cavity.clip(area), theme, p.text, px, align="left")
        mid_box = pygame.Rect(0, skin - line - 6, f.d(100), line)
        mid_box.centerx = f.p(0, 0)[0]
        mid = text(surface, t("midline"), mid_box.clip(area), theme, p.muted, px)
        if mid is not None:
            pygame.draw.line(surface, p.muted, (f.p(0, 0)[0], mid.bottom), f.p(0, 0), 1)
        for word, x in ((t("R"), -120), (t("L"), 120)):  # the patient's right and left
            text(surface, word, f.rect(x - 9, S.FAT[0], 18, S.FAT[1] - S.FAT[0]).clip(area),
                 theme, mix(p.panel, (0, 0, 0), 0.3), px, bold=True)

    # -------------------------------------------------------------------- moving parts
    def _blood(self, surface: pygame.Surface, f: Frame, port: str, x: float, bleeding: str,
               depth: float, theme: Theme, time_s: float) -> None:
        """Blood from the torn vessel (medial) or a wall bleeder (lateral) down the cannula."""
        if bleeding == "none":
            return
        p = theme.palette
        old = mix(p.blood, (40, 10, 10), 0.45)
        source_y = S.VESSEL_Y if port == "medial" else 30.0
        if bleeding == "controlled":
            S.pool(surface, f, x, 0.3, old)
            self._suture(surface, f, x, p)
            return
        brisk = bleeding == "brisk"
        if port == "medial":
            pygame.draw.circle(surface, p.blood, f.p(S.VESSEL_X, S.VESSEL_Y),
                               f.d(6 if brisk else 4.5))
        tip = S.tip_y(depth)
        side = x + 5.5
        pygame.draw.line(surface, p.blood, f.p(side, source_y), f.p(side - 3, tip - 3),
                         max(2, f.d(2.4 if brisk else 1.3)))
        for i in range(3 if brisk else 2):
            fall = (time_s * (1.4 if brisk else 0.7) + i / 3) % 1.0
            y = lerp(tip, S.POOL_Y, fall)
            pygame.draw.circle(surface, p.blood, f.p(x + 2, y), max(2, f.d(1.8)))
        S.pool(surface, f, x, 0.75 if brisk else 0.3, p.blood)

    def _suture(self, surface: pygame.Surface, f: Frame, x: float, p: Palette) -> None:
        """Full-thickness transfascial suture passed either side of the port and tied."""
        colour = (84, 70, 150)
        a, b = x - 14, x + 20
        pts = [(a, -1), (a + 1, S.PERITONEUM + 2), (b - 1, S.PERITONEUM + 2), (b, -1)]
        pygame.draw.lines(surface, colour, False, f.pts(pts), max(2, f.d(1.2)))
        pygame.draw.line(surface, colour, f.p(a, -1), f.p(b, -1), max(2, f.d(1.2)))

    def _scope(self, surface: pygame.Surface, box: pygame.Rect, now: Mapping, port: str,
               depth: float, bleeding: str, theme: Theme, time_s: float, px: int) -> None:
        camera = pick(now, "camera", ("wall", "field"), "field")
        seen = flag(now, "vessels_seen")
        caption = t("Scope: pelvis") if camera == "field" else (
            t("Scope: wall, vessels seen") if seen else t("Scope: wall, vessels not seen"))
        got = measure(caption, box.w, theme, px)
        cap_h = got[1] + 4 if got else 0
        d = max(20, min(box.w, box.h - cap_h))
        key = (d, camera, seen, theme.palette)
        img = self._scopes.get(key, lambda: I.scope_static(d, camera, seen, theme.palette))
        centre = (box.centerx, box.y + d // 2)
        surface.blit(img, (centre[0] - d // 2, box.y))
        I.scope_dynamic(surface, centre, d // 2, camera, port, depth, bleeding, theme.palette,
                        time_s)
        pygame.draw.circle(surface, theme.palette.text, centre, d // 2, 2)
        if got is not None:
            text(surface, caption, pygame.Rect(box.x, box.y + d + 2, box.w, cap_h), theme,
                 theme.palette.text, px)

    def _panel(self, surface: pygame.Surface, box: pygame.Rect, now: Mapping, port: str,
               depth: float, bleeding: str, theme: Theme, px: int, tray_shown: bool,
               scope_shown: bool) -> None:
        rows = self._rows(now, port, depth, theme, tray_shown, scope_shown)
        draw_panel(surface, box, theme, px, t("Trocar entry"), rows, _status(bleeding, port, theme))

    def _rows(self, now: Mapping, port: str, depth: float, theme: Theme, tray_shown: bool,
              scope_shown: bool) -> list[Row]:
        """The facts in priority order; a left-out inset's fact joins them in words."""
        p = theme.palette
        # "none" is both before the port goes in and after it comes out: words true for both
        site = {"none": Row(t("Port site"), t("no port in place")),
                "medial": Row(t("Port site"), t("on the vessels (medial)"), p.bad),
                "lateral": Row(t("Port site"), t("lateral, clear of vessels"), p.good)}[port]
        where = t("on the skin") if depth < 0.05 else (
            t("through peritoneum") if depth > 0.85 else
            t("{percent}% through wall", percent=round(depth * 100)))
        rows = [site]
        if not scope_shown:
            rows.append(Row(t("Scope"), _scope_words(now)))
        rows.append(Row(t("Trocar"), where if port != "none" else t("not in the wall")))
        if not tray_shown:
            rows.append(Row(t("Rescue kit"), t("open on the tray") if flag(now, "rescue_ready")
                            else t("not open")))
        return rows


def _scope_words(now: Mapping) -> str:
    if pick(now, "camera", ("wall", "field"), "field") == "field":
        return t("on the pelvis")
    return t("on the wall, vessels seen") if flag(now, "vessels_seen") else \
        t("on the wall, vessels not seen")


def _status(bleeding: str, port: str, theme: Theme) -> Status:
    p = theme.palette
    if bleeding == "brisk":
        return Status(t("BLEEDING: brisk"), (255, 255, 255), p.blood)
    if bleeding == "ooze":
        return Status(t("Bleeding: ooze"), (30, 20, 10), p.warn)
    if bleeding == "controlled":
        return Status(t("Bleeding controlled"), (10, 30, 20), p.good)
    return Status(t("No bleeding"), p.text, p.panel)
