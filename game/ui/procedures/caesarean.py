"""Caesarean delivery of the fetal head: a sagittal section and the incision seen from above.

The sagittal picture carries the manoeuvre (where the head is, whose hand is where, the push
from below); the small frontal inset carries what a sagittal cut cannot show, the lateral
extension of the transverse incision toward the uterine vessels, and the bleeding from it.
"""

from __future__ import annotations

from collections.abc import Mapping

import pygame

from game.ui.kit.theme import Theme
from game.ui.procedures import _cs_anatomy as A
from game.ui.procedures import _cs_parts as H
from game.ui.procedures import _cs_scene as C
from game.ui.procedures._kit import (
    Frame,
    LayerCache,
    Point,
    fit_frame,
    flag,
    label_px,
    lerp,
    lines_height,
    phase,
    pick,
    picture,
    side_width,
    smooth_layer,
    t,
    text,
)
from game.ui.procedures._panel import Row, Status, draw_panel, panel_need

INSET_BOX = (-1.1, -1.1, 2.2, 2.15)


def _layout(rect: pygame.Rect) -> dict[str, pygame.Rect]:
    pad = max(6, rect.h // 60)
    side = side_width(rect, pad, A.BOX, max(150, min(280, int(rect.w * 0.32))))
    main = pygame.Rect(rect.x + pad, rect.y + pad, rect.w - side - 3 * pad, rect.h - 2 * pad)
    right = pygame.Rect(main.right + pad, main.y, side, main.h)
    inset_h = min(right.w, int(right.h * (0.4 if right.h > 330 else 0.33)))
    inset_h = inset_h if inset_h >= 60 else 0  # too small to show the incision: words only
    inset = pygame.Rect(right.x, right.y, right.w, inset_h)
    gap = pad if inset_h else 0
    panel = pygame.Rect(right.x, inset.bottom + gap, right.w, right.bottom - inset.bottom - gap)
    return {"main": main, "inset": inset, "panel": panel}


def _head(now: Mapping, before: Mapping, progress: float) -> Point:
    """Head position, eased between states (e.g. impacted -> elevated as it is disimpacted)."""
    h1 = A.HEAD_AT[pick(now, "head", C.HEADS, "engaged")]
    h0 = A.HEAD_AT[pick(before, "head", C.HEADS, "engaged")]
    k = phase(progress, 0, 1)
    return lerp(h0[0], h1[0], k), lerp(h0[1], h1[1], k)


class CaesareanView:
    """Sagittal lower segment with head, hands, push from below; frontal incision inset."""

    def __init__(self) -> None:
        self._layers = LayerCache()
        self._scenes = LayerCache(capacity=8)

    @picture
    def draw(self, surface: pygame.Surface, rect: pygame.Rect, now: Mapping,
             before: Mapping, progress: float, theme: Theme, time_s: float) -> None:
        """Labels in priority order: the panel (status, head, hand, incision), the wedged
        head and the push, whose hands, the landmarks, orientation, the inset's caption."""
        now, before = now or {}, before or now or {}
        progress = min(1.0, max(0.0, float(progress)))
        boxes, px = _layout(rect), label_px(rect, 17, theme)
        small = boxes["inset"].h - lines_height(theme, px, 1) - 12 < 48  # the drawing's room
        if boxes["inset"].h > 0 and (small or panel_need(
                theme, px, boxes["panel"].w, boxes["panel"].h, self._rows(now, theme)[:2],
                _status(now, theme)) > boxes["panel"].h):
            boxes["panel"] = boxes["panel"].union(boxes["inset"])  # the words come first
            boxes["inset"] = pygame.Rect(boxes["inset"].topleft, (0, 0))
        frame = fit_frame(boxes["main"], *A.BOX)
        inset_f = fit_frame(boxes["inset"].inflate(-8, -px - 12).move(0, (px + 4) // 2),
                            *INSET_BOX)
        key = (rect.size, theme.palette, px, boxes["inset"].h)
        surface.blit(self._layers.get(key, lambda: self._static(rect, boxes, frame, inset_f,
                                                                theme, px)), rect.topleft)
        head = _head(now, before, progress)
        state = now if progress >= 0.5 else before
        main = boxes["main"]
        clip = surface.get_clip()
        surface.set_clip(main.clip(clip))
        self._scene(surface, frame, main, head, state, theme, progress >= 1.0 or
                    _head(now, before, 0) == head)
        C.moving(surface, frame, head, state, theme, time_s)
        surface.set_clip(clip)
        inset = boxes["inset"]
        if inset.h > 0:
            head_in = pick(state, "head", C.HEADS, "engaged") != "delivered"
            H.inset_dynamic(surface, inset_f, pick(state, "incision", C.INCISIONS, "none"),
                            head_in, pick(state, "bleeding", C.BLEEDS, "none"), theme.palette,
                            time_s)
        self._panel(surface, boxes["panel"], now, theme, px)
        C.labels(surface, frame, main, head, state, theme, px, time_s)
        if inset.h > 0:
            text(surface, t("top view"), pygame.Rect(inset.x + 6, inset.y + 3, inset.w - 12,
                                                  lines_height(theme, px, 1)),
                 theme, theme.palette.muted, px, align="left")

    def _scene(self, surface: pygame.Surface, frame: Frame, main: pygame.Rect, head: Point,
               state: Mapping, theme: Theme, settled: bool) -> None:
        """Cached and smoothed when nothing moves; drawn live during a head movement."""
        if not settled:
            C.scene(surface, frame, head, state, theme)
            return
        key = (main.size, frame.s, theme.palette, head, C.scene_key(state))
        local = Frame(frame.ox - main.x, frame.oy - main.y, frame.s)
        layer = self._scenes.get(key, lambda: smooth_layer(
            main.size, lambda big, k: C.scene(big, local.scaled(k), head, state, theme)))
        surface.blit(layer, main.topleft)

    def _static(self, rect: pygame.Rect, boxes: dict[str, pygame.Rect], frame: Frame,
                inset_f: Frame, theme: Theme, px: int) -> pygame.Surface:
        p = theme.palette
        main = boxes["main"].move(-rect.x, -rect.y)
        inset = boxes["inset"].move(-rect.x, -rect.y)
        sag = Frame(frame.ox - rect.x, frame.oy - rect.y, frame.s)
        ins = Frame(inset_f.ox - rect.x, inset_f.oy - rect.y, inset_f.s)

        def paint(big: pygame.Surface, k: int) -> None:
            big.fill(p.panel)
            big.set_clip(pygame.Rect(*(v * k for v in main)))
            A.paint(big, sag.scaled(k), p)
            big.set_clip(None)
            if inset.h > 0:
                pygame.draw.rect(big, p.panel_alt, pygame.Rect(*(v * k for v in inset)),
                                 border_radius=8 * k)
                H.inset_static(big, ins.scaled(k), p)

        return smooth_layer(rect.size, paint)

    def _panel(self, surface: pygame.Surface, box: pygame.Rect, now: Mapping, theme: Theme,
               px: int) -> None:
        draw_panel(surface, box, theme, px, t("Caesarean"), self._rows(now, theme),
                   _status(now, theme))

    def _rows(self, now: Mapping, theme: Theme) -> list[Row]:
        """Head, the trainee's hand and the incision, most telling first."""
        p = theme.palette
        head = pick(now, "head", C.HEADS, "engaged")
        # "engaged" at full dilatation is deep in the pelvis (the narration's words) but not
        # yet wedged: "impacted" is what the trainee finds when the head will not rise
        head_row = {"engaged": Row(t("Head"), t("deep in the pelvis (engaged)"),
                                   short=t("engaged")),
                    "impacted": Row(t("Head"), t("impacted: wedged"), p.warn),
                    "elevated": Row(t("Head"), t("lifted to the incision"), p.good),
                    "delivered": Row(t("Head"), t("delivered"), p.good)}[head]
        hand = {"none": Row(t("Trainee's hand"), t("not in yet")),
                "above": Row(t("Trainee's hand"), t("above the head (levering)"), p.warn,
                             short=t("above (levering)")),
                "below": Row(t("Trainee's hand"), t("below the head"), p.good)}[C.hand_word(now)]
        cut = {"none": Row(t("Incision"), t("not made")),
               "made": Row(t("Incision"), t("transverse, intact")),
               "extended": Row(t("Incision"), t("extended: lateral tear"), p.bad)}
        return [head_row, hand, cut[pick(now, "incision", C.INCISIONS, "none")]]


def _status(now: Mapping, theme: Theme) -> Status | None:
    p = theme.palette
    bleeding = pick(now, "bleeding", C.BLEEDS, "none")
    if bleeding == "brisk":
        return Status(t("BLEEDING: brisk"), (255, 255, 255), p.blood)
    if bleeding == "ooze":
        return Status(t("Bleeding: ooze"), (30, 20, 10), p.warn)
    if flag(now, "supervisor_hands"):
        return Status(t("Supervisor's hands in"), (255, 255, 255), H.SLEEVES["supervisor"])
    if bleeding == "controlled":
        return Status(t("Bleeding controlled"), (10, 30, 20), p.good)
    if flag(now, "push_from_below"):
        return Status(t("Push from below"), (255, 255, 255), H.SLEEVES["assistant"])
    return None
