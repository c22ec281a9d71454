"""Lumbar puncture seen from the side: where the needle is going and what it has met.

The supervisor's cues in this vignette are spatial (angle toward the feet or the umbilicus,
depth of the bony stop, whether the next stop is deeper, number of passes), so the view draws
the needle in a sagittal section at true relative scale and moves it the way a trainee does:
a changed angle or a new pass withdraws to the skin, re-angles and advances again.
"""

from __future__ import annotations

import math
from collections.abc import Mapping

import pygame

from game.ui.kit.theme import Theme
from game.ui.procedures import _lp_anatomy as A
from game.ui.procedures._kit import (
    Frame,
    LayerCache,
    direction_label,
    fit_frame,
    flag,
    label_px,
    leader_from,
    lerp,
    lines_height,
    mix,
    num,
    phase,
    picture,
    pointed_text,
    pulse,
    side_width,
    smooth_layer,
    t,
    tag,
    text,
)
from game.ui.procedures._panel import Row, Status, draw_panel

NeedlePose = tuple[float, float]


def _layout(rect: pygame.Rect) -> tuple[pygame.Rect, pygame.Rect]:
    """Anatomy on the left, a words-first status panel on the right; in a wide, short strip
    the anatomy keeps only the width its shape can use and the words get the rest."""
    pad = max(6, rect.h // 60)
    side = side_width(rect, pad, A.BOX, max(150, min(260, int(rect.w * 0.3))))
    anatomy = pygame.Rect(rect.x + pad, rect.y + pad, rect.w - side - 2 * pad, rect.h - 2 * pad)
    panel = pygame.Rect(anatomy.right + pad, rect.y + pad, side - pad, rect.h - 2 * pad)
    return anatomy, panel


def _moving_pose(now: Mapping, before: Mapping, progress: float) -> NeedlePose:
    """Angle and depth mid-change; re-angling or a new pass goes via the skin, as taught."""
    a1, d1, _ = A.pose(now)
    a0, d0, _ = A.pose(before or now)
    new_pass = num(before or now, "passes", 0) != num(now, "passes", 0)
    if abs(a1 - a0) < 0.5 and not new_pass:
        return a1, lerp(d0, d1, phase(progress, 0, 1))
    out = min(d0, 3.0)
    if progress < 0.35:
        return a0, lerp(d0, out, phase(progress, 0, 0.35))
    if progress < 0.5:
        return lerp(a0, a1, phase(progress, 0.35, 0.5)), out
    return a1, lerp(out, d1, phase(progress, 0.5, 1))


class LumbarPunctureView:
    """Sagittal L2-L5 with a spinal needle at L3-4, bone contact, CSF and the pass count."""

    def __init__(self) -> None:
        self._layers = LayerCache()

    @picture
    def draw(self, surface: pygame.Surface, rect: pygame.Rect, now: Mapping,
             before: Mapping, progress: float, theme: Theme, time_s: float) -> None:
        """Labels in priority order: the panel (status, aim, depth, passes), the BONE tag,
        then the words on the anatomy (see `_labels`); what does not fit is left out."""
        now, before = now or {}, before or now or {}
        progress = min(1.0, max(0.0, float(progress)))
        anatomy, panel = _layout(rect)
        frame = fit_frame(anatomy, *A.BOX)
        key = (rect.size, theme.palette)
        layer = self._layers.get(key, lambda: self._static(rect, anatomy, frame, theme))
        surface.blit(layer, rect.topleft)
        clip = surface.get_clip()
        surface.set_clip(anatomy.clip(clip))
        angle, depth = _moving_pose(now, before, progress)
        arrived = progress >= 0.97
        self._ghost(surface, frame, now, before, theme, arrived)
        bone = flag(now, "bone_contact") and arrived
        if bone:
            self._bone(surface, frame, angle, depth, now, theme, time_s)
        self._needle(surface, frame, angle, depth, flag(now, "csf") and arrived, theme, time_s)
        surface.set_clip(clip)
        self._panel(surface, panel, now, theme, arrived, depth, label_px(rect, 17, theme))
        self._labels(surface, frame, anatomy, theme, bone_at=(angle, depth) if bone else None,
                     now=now)

    # -------------------------------------------------------------------- static layer
    def _static(self, rect: pygame.Rect, anatomy: pygame.Rect, frame: Frame,
                theme: Theme) -> pygame.Surface:
        p = theme.palette
        local = Frame(frame.ox - rect.x, frame.oy - rect.y, frame.s)
        inner = anatomy.move(-rect.x, -rect.y)

        def paint(big: pygame.Surface, k: int) -> None:
            big.fill(p.panel)
            sub = pygame.Rect(inner.x * k, inner.y * k, inner.w * k, inner.h * k)
            big.set_clip(sub)
            A.paint(big, local.scaled(k), p)
            big.set_clip(None)

        layer = smooth_layer(rect.size, paint)
        _cross(layer, local.p(A.ENTRY_X, 0), p.text)
        return layer

    def _labels(self, surface: pygame.Surface, f: Frame, area: pygame.Rect, theme: Theme,
                bone_at: NeedlePose | None, now: Mapping) -> None:
        """Words in the room above the skin, left and right of where the needle moves, in
        priority order: the two structures a pass meets, the BONE pointer, head/feet, CSF,
        the levels, skin."""
        p, px = theme.palette, label_px(area, 17, theme)
        skin_y = f.p(0, 0)[1]
        top = max(area.y, f.p(0, A.BOX[1])[1])
        line = lines_height(theme, px, 1)
        left = pygame.Rect(area.x, top, f.p(-24, 0)[0] - area.x, skin_y - top)
        right = pygame.Rect(f.p(24, 0)[0], top, area.right - f.p(24, 0)[0], skin_y - top)
        heads = (pygame.Rect(left.x, top, left.w, line), pygame.Rect(right.x, top, right.w, line))
        rows = [pygame.Rect(c.x, top + line + 4, c.w, skin_y - line - 8 - (top + line + 4))
                for c in (left, right)]
        # the room "skin (back)" would use is given up first, then the needle's side column
        full = pygame.Rect(left.x, rows[0].y, left.w, skin_y - 6 - rows[0].y)
        wide = pygame.Rect(left.x, rows[0].y, f.p(A.ENTRY_X - 8, 0)[0] - left.x, full.h)
        pointed_text(surface, t("spinous process"), [rows[0], full, wide],
                     f.p(A.LEVELS["L2"] + 1, 10), theme, p.text, px, align="left")
        # "ligamentum" alone can be wider than a narrow column (the workshop's projector
        # view): the usual abbreviation keeps the word whole.
        full = pygame.Rect(right.x, rows[1].y, right.w, skin_y - 6 - rows[1].y)
        pointed_text(surface, (t("ligamentum flavum"), t("lig. flavum")), [rows[1], full],
                     f.p(A.LEVELS["L4"] + 16, 36), theme, p.text, px, align="right")
        if bone_at is not None:
            self._bone_tag(surface, f, *bone_at, now, theme, area)
        direction_label(surface, heads[0], t("head"), -1, theme, px)
        direction_label(surface, heads[1], t("feet"), 1, theme, px)
        canal = f.rect(A.LEVELS["L5"] - 14, A.DURA_Y + 1, 40, A.FRONT_DURA_Y - A.DURA_Y - 2)
        text(surface, t("CSF"), canal.clip(area), theme, (30, 60, 90), px, bold=True)
        ink = mix(p.panel, (40, 30, 25), 0.6)
        for name, cx in A.LEVELS.items():
            text(surface, name, f.rect(*A.body(cx)).clip(area), theme, ink, px + 2, bold=True)
        text(surface, t("skin (back)"), pygame.Rect(left.x, skin_y - line - 2, left.w, line),
             theme, p.muted, px, align="left")

    # -------------------------------------------------------------------- moving parts
    def _needle(self, surface: pygame.Surface, f: Frame, angle: float, depth: float,
                csf: bool, theme: Theme, time_s: float) -> None:
        p = theme.palette
        ux, uy = math.sin(math.radians(angle)), math.cos(math.radians(angle))
        tx, ty = A.tip(angle, depth)
        back = (tx - ux * A.NEEDLE_MM, ty - uy * A.NEEDLE_MM)
        width = max(2, f.d(1.1))
        pygame.draw.line(surface, mix(p.steel, (0, 0, 0), 0.5), f.p(tx, ty), f.p(*back), width + 2)
        pygame.draw.line(surface, p.steel, f.p(tx, ty), f.p(*back), width)
        hub_end = (back[0] - ux * 13, back[1] - uy * 13)
        nx, ny = uy * 4, -ux * 4
        hub = [(back[0] + nx, back[1] + ny), (back[0] - nx, back[1] - ny),
               (hub_end[0] - nx, hub_end[1] - ny), (hub_end[0] + nx, hub_end[1] + ny)]
        pygame.draw.polygon(surface, (96, 92, 120), f.pts(hub))
        pygame.draw.polygon(surface, p.text, f.pts(hub), 1)
        if csf:
            _drops(surface, f, (hub_end[0] + (-5 if angle > 0 else 5), hub_end[1] + 4),
                   theme, time_s)
        else:
            cap = (hub_end[0] - ux * 3, hub_end[1] - uy * 3)
            pygame.draw.line(surface, p.steel, f.p(*hub_end), f.p(*cap), max(3, f.d(5)))

    def _ghost(self, surface: pygame.Surface, f: Frame, now: Mapping, before: Mapping,
               theme: Theme, arrived: bool) -> None:
        """The last pass's bony stop, faint, so "deeper or shallower than last time?" is visible."""
        if not (arrived and flag(before, "bone_contact") and before is not now):
            return
        a0, d0, _ = A.pose(before)
        if A.pose(now)[:2] == (a0, d0):
            return
        tip = A.tip(a0, d0)
        start = A.tip(a0, 0)
        colour = theme.palette.text
        _dashed(surface, colour, f.p(*start), f.p(*tip))
        pygame.draw.circle(surface, colour, f.p(*tip), max(3, f.d(1.6)), 2)

    def _bone(self, surface: pygame.Surface, f: Frame, angle: float, depth: float,
              now: Mapping, theme: Theme, time_s: float) -> None:
        p = theme.palette
        _, _, aim = A.pose(now)
        cx = A.LEVELS[A.contacted_level(aim)]
        pygame.draw.polygon(surface, p.warn, f.pts(A.spinous(cx)), max(2, f.d(1.0)))
        tip = f.p(*A.tip(angle, depth))
        r = max(6, f.d(4.5)) * (0.8 + 0.4 * pulse(time_s, 1.2))
        star = [(tip[0] + math.cos(i * math.pi / 6) * r * (1 if i % 2 else 0.45),
                 tip[1] + math.sin(i * math.pi / 6) * r * (1 if i % 2 else 0.45))
                for i in range(12)]
        pygame.draw.polygon(surface, p.warn, star)
        pygame.draw.polygon(surface, p.bad, star, 1)

    def _bone_tag(self, surface: pygame.Surface, f: Frame, angle: float, depth: float,
                  now: Mapping, theme: Theme, bounds: pygame.Rect) -> None:
        """"BONE" above the skin on the side the needle leans to, else higher or on the other
        side (the status already says BONE CONTACT in words: this only points at it)."""
        p = theme.palette
        _, _, aim = A.pose(now)
        tip = f.p(*A.tip(angle, depth))
        away = 1 if aim == "caudal" else -1
        px = label_px(bounds, 16, theme)
        for side, up in ((away, 4), (away, 30), (-away, 4), (-away, 30), (0, 4)):
            anchor = (tip[0] + side * f.d(18), f.p(0, -up)[1])
            box = tag(surface, t("BONE"), anchor, theme, (30, 20, 10), p.warn, px, bounds,
                      where="midbottom")
            if box is not None:
                leader_from(surface, p.warn, box, tip, dot=False)
                return

    # -------------------------------------------------------------------- words
    def _panel(self, surface: pygame.Surface, panel: pygame.Rect, now: Mapping, theme: Theme,
               arrived: bool, depth: float, px: int) -> None:
        p = theme.palette
        _, _, aim = A.pose(now)
        aim_row = Row(t("Aim"), t("toward the feet (caudal)"), p.warn, short=t("caudal")) \
            if aim == "caudal" else \
            Row(t("Aim"), t("toward the umbilicus (cephalad)"), p.good, short=t("cephalad"))
        passes = int(num(now, "passes", 0, 0, 99))
        pass_row = Row(t("Passes"), str(passes), p.warn if passes >= 3 else None,
                       dots=(min(passes, 3), 3) if passes <= 3 else (0, 0))
        rows = [aim_row, Row(t("Depth"), t("{cm:.1f}\u00a0cm", cm=depth / 10)), pass_row]
        draw_panel(surface, panel, theme, px, t("Lumbar puncture"), rows,
                   _status(now, theme, arrived, depth, passes), t("side view, L3-4 space"))


def _status(now: Mapping, theme: Theme, arrived: bool, depth: float,
            passes: int) -> Status:
    """One status in words; the pass rule (stop and reassess after 3) is named explicitly."""
    p = theme.palette
    if not arrived:
        return Status(t("needle moving"), p.text, p.panel)
    if flag(now, "csf"):
        return Status(t("CSF flowing"), (10, 30, 20), p.good)
    if flag(now, "bone_contact"):
        words = t("BONE CONTACT - pass limit: reassess") if passes >= 3 else t("BONE CONTACT")
        return Status(words, (30, 20, 10), p.warn, short=t("BONE CONTACT"))
    if depth < 0.5:
        return Status(t("needle on the skin"), p.text, p.panel)
    return Status(t("no fluid yet"), p.text, p.panel)


def _cross(surface: pygame.Surface, at: tuple[int, int], colour: tuple[int, int, int]) -> None:
    """The skin mark at the chosen interspace."""
    x, y = at
    pygame.draw.line(surface, colour, (x - 4, y - 4), (x + 4, y + 4), 2)
    pygame.draw.line(surface, colour, (x - 4, y + 4), (x + 4, y - 4), 2)


def _drops(surface: pygame.Surface, f: Frame, mouth: tuple[float, float], theme: Theme,
           time_s: float) -> None:
    """Clear fluid beading at the open hub and dripping: CSF obtained."""
    colour = (170, 215, 240)
    for i in range(3):
        fall = (time_s * 0.7 + i / 3) % 1.0
        x, y = mouth[0], mouth[1] + fall * 22
        r = max(3, f.d(1.8 + 0.8 * (1 - fall)))
        pygame.draw.circle(surface, colour, f.p(x, y), r)
        pygame.draw.circle(surface, (60, 110, 150), f.p(x, y), r, 1)


def _dashed(surface: pygame.Surface, colour: tuple[int, int, int], a: tuple[int, int],
            b: tuple[int, int], dash: int = 6) -> None:
    length = max(1.0, math.dist(a, b))
    steps = int(length // dash)
    for i in range(0, steps, 2):
        s, e = i / steps, min(1.0, (i + 1) / steps)
        pygame.draw.line(surface, colour, (lerp(a[0], b[0], s), lerp(a[1], b[1], s)),
                         (lerp(a[0], b[0], e), lerp(a[1], b[1], e)), 2)
