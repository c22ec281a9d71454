"""Generic room view for vignettes without a dedicated procedure picture.

Most non-procedural vignettes (prescribing, consultations, wound care) turn on who is in the
room, what is on the screen or chart, and the patient's numbers. So this view shows the room
with labelled figures, a one-line caption of what is on screen, and a bedside monitor whose
flat capnography trace or warning words can carry the critical cue on their own.
"""

from __future__ import annotations

import math
from collections.abc import Mapping

import pygame

from game.content.translation_texts import SHOWN
from game.ui.kit.theme import Palette, Theme, make_theme
from game.ui.procedures import _monitor as M
from game.ui.procedures._kit import (
    Colour,
    LayerCache,
    has,
    label_px,
    lines_height,
    measure,
    minor_px,
    mix,
    pick,
    picture,
    smooth_layer,
    t,
    tag,
    text,
)

CLOTHES: dict[str, Colour] = {"trainee": (70, 116, 150), "supervisor": (156, 100, 58),
                              "relative": (104, 126, 96), "nurse": (60, 140, 140)}
SLOTS = {"relative": 0.1, "trainee": 0.7, "supervisor": 0.88, "nurse": 0.26}
SPARE_SLOTS = (0.26, 0.88, 0.1, 0.7)
NOT_IN_BED = ("relatives", "family room", "office", "clinic", "consulting", "corridor",
              "interview", "counselling", "waiting")
"""Room names where the patient sits rather than lies: nobody talks a patient through bad news
in the relatives' room while she lies in a hospital bed."""
CANNULA_WORDS = ("cannula", "vein", "tourniquet", "flashback")
"""Words in the room name or caption that bring up the forearm close-up: the generic view has
no key of its own for it, and the caption already says what is on screen at each step."""


def person_word(who: str) -> str:
    """A person's tag: the usual roles in the player's language; any other name as the
    scenario wrote it (scenario content is authored per language)."""
    return {"trainee": t("trainee"), "supervisor": t("supervisor"), "nurse": t("nurse"),
            "relative": t("relative"), "patient": t("patient")}.get(who, who)


def _seated(name: str) -> bool:
    low = name.lower()
    return any(word in low for word in NOT_IN_BED)


def cannula_stage(state: Mapping) -> str | None:
    """None, or what the forearm close-up shows: ready, flashback, missed, withdrawn, placed."""
    words = f"{state.get('room', '')} {state.get('caption', '')}".lower() if state else ""
    if not any(w in words for w in CANNULA_WORDS):
        return None
    for stage, cue in (("flashback", "flashback"), ("missed", "missed"),
                       ("withdrawn", "withdrawn"), ("placed", "cannula in"),
                       ("placed", "places the cannula")):
        if cue in words:
            return stage
    return "ready"


def _people(state: Mapping) -> tuple[str, ...]:
    raw = str(state.get("people", "trainee,patient")) if state else "trainee,patient"
    names = [w.strip().lower() for w in raw.replace(";", ",").split(",") if w.strip()]
    return tuple(dict.fromkeys(names))[:6] or ("trainee", "patient")


MIN_ROOM = (60, 48)
"""A room smaller than this is left out: the caption and the monitor carry the words."""


def _layout(rect: pygame.Rect, state: Mapping, px: int,
            theme: Theme | None = None) -> dict[str, pygame.Rect]:
    """The caption along the bottom, as tall as its words need (it says what is on screen:
    first priority); the room and the monitor share what is left above it."""
    theme = theme or make_theme()
    pad = max(6, rect.h // 60)
    words = _caption_words(state)
    got = measure(words, rect.w - 2 * pad - 16, theme, px + 1, bold=bool(_caption(state)))
    cap_h = min((got[1] if got else lines_height(theme, px + 1, 1)) + 12, rect.h - 2 * pad)
    caption = pygame.Rect(rect.x + pad, rect.bottom - pad - cap_h, rect.w - 2 * pad, cap_h)
    top = pygame.Rect(rect.x + pad, rect.y + pad, rect.w - 2 * pad,
                      max(0, caption.y - rect.y - 2 * pad))
    out = {"caption": caption, "room": top}
    if M.shows_monitor(state) and top.h < M.monitor_need(theme, px):
        out["vitals"], out["room"] = top, pygame.Rect(top.topleft, (0, 0))  # numbers in words
    elif M.shows_monitor(state):
        # wide enough for a trace beside each number and its warning word
        side = max(190, min(330, int(rect.w * 0.45)), M.words_width(state, theme, px) + 72)
        room = pygame.Rect(top.x, top.y, top.w - side - pad, top.h)
        if room.w < MIN_ROOM[0]:
            room.w, side = 0, top.w
        out["room"] = room
        right = pygame.Rect(top.right - side, top.y, side, top.h)
        sed_h = 2 * px + 24 if has(state, "sedation") and right.h > 4 * px + 40 else 0
        out["monitor"] = pygame.Rect(right.x, right.y, right.w, right.h - sed_h)
        if sed_h:
            out["sedation"] = pygame.Rect(right.x, right.bottom - sed_h + 6, right.w, sed_h - 6)
    if out["room"].w < MIN_ROOM[0] or out["room"].h < MIN_ROOM[1]:
        out["room"] = pygame.Rect(top.topleft, (0, 0))
    return out


def shown(state: Mapping, key: str) -> str:
    """A caption or room name in the player's language: a translation puts it beside the
    words as written (`shown_caption`), which stay for the choices that read words (the
    patient sitting in a relatives' room, the forearm close-up)."""
    if not state:
        return ""
    return str(state.get(f"{SHOWN}{key}") or state.get(key, "")).strip()


def _caption(state: Mapping) -> str:
    return shown(state, "caption")


def _caption_words(state: Mapping) -> str:
    return _caption(state) or t("(nothing on screen)")


class GenericView:
    """Room with labelled people, optional monitor and sedation scale, and a caption."""

    def __init__(self) -> None:
        self._rooms = LayerCache()

    @picture
    def draw(self, surface: pygame.Surface, rect: pygame.Rect, now: Mapping,
             before: Mapping, progress: float, theme: Theme, time_s: float) -> None:
        """Labels in priority order: the caption, the monitor's numbers and warnings (in a
        short picture, a line of words instead of the monitor), the sedation scale, the
        forearm's stage, the room's name and its people."""
        now = now or {}
        px = label_px(rect, 17, theme)
        boxes = _layout(rect, now, px, theme)
        pygame.draw.rect(surface, theme.palette.panel, rect, border_radius=8)
        self._caption(surface, boxes["caption"], now, theme, px)
        if "monitor" in boxes:
            M.draw_monitor(surface, boxes["monitor"], now, theme, px, time_s)
        if "vitals" in boxes:
            M.vitals_line(surface, boxes["vitals"], now, theme, px)
        if "sedation" in boxes:
            level = pick(now, "sedation", M.SEDATION, "minimal")
            M.sedation_scale(surface, boxes["sedation"], level, theme, px)
        room, people = boxes["room"], _people(now)
        if room.h == 0:
            return
        written = str(now.get("room", "")).strip()[:60]
        name = shown(now, "room")[:60] or t("Clinical room")
        key = (room.size, theme.palette, people, written)
        surface.blit(self._rooms.get(key, lambda: self._room(room, people, written, theme)),
                     room.topleft)
        if "patient" in people and not _seated(written):
            _breath(surface, room, theme, time_s)
        stage = cannula_stage(now)
        if stage is not None:
            _forearm(surface, room, stage, theme, px)
        self._room_labels(surface, room, people, written, name, theme, px)

    def _room(self, room: pygame.Rect, people: tuple[str, ...], name: str,
              theme: Theme) -> pygame.Surface:
        """Wall, floor, bed or desk, and standing figures: static until the cast changes."""
        p = theme.palette
        w, h = room.size

        def paint(big: pygame.Surface, k: int) -> None:
            floor_y = int(h * 0.74) * k
            pygame.draw.rect(big, mix(p.panel_alt, p.steel, 0.12), (0, 0, w * k, floor_y),
                             border_top_left_radius=8 * k, border_top_right_radius=8 * k)
            pygame.draw.rect(big, mix(p.panel, (0, 0, 0), 0.25), (0, floor_y, w * k,
                                                                 h * k - floor_y))
            _window(big, pygame.Rect(int(w * 0.36) * k, int(h * 0.16) * k, int(w * 0.24) * k,
                                     int(h * 0.2) * k), p)
            if "patient" in people and not _seated(name):
                _bed(big, w * k, h * k, p)
            elif "patient" in people:
                _chair(big, 0.45 * w * k, h * k, p)
                _seated_figure(big, 0.45 * w * k, h * k, (150, 176, 204), p)
            else:
                _desk(big, w * k, h * k, p)
            for who, x in _standing(people):
                _figure(big, x * w * k, h * k, CLOTHES.get(who, (128, 128, 140)), p)

        return smooth_layer(room.size, paint)

    def _room_labels(self, surface: pygame.Surface, room: pygame.Rect,
                     people: tuple[str, ...], written: str, name: str, theme: Theme,
                     px: int) -> None:
        """People first (staggered in two rows so neighbours do not collide), then the
        patient, then the room's name (`written`: as the file writes it, which decides
        whether the patient sits; `name`: in the player's language)."""
        p = theme.palette
        w, h = room.size
        step = lines_height(theme, px, 1, bold=True) + 10
        for i, (who, x) in enumerate(sorted(_standing(people), key=lambda s: s[1])):
            for row in ((i % 2), 1 - (i % 2)):
                at = (room.x + int(x * w), room.bottom - 6 - row * step)
                if tag(surface, person_word(who), at, theme, (255, 255, 255),
                       CLOTHES.get(who, (100, 100, 112)), px, room, where="midbottom"):
                    break
        if "patient" in people:
            tag(surface, person_word("patient"), (room.x + int(w * 0.45),
                                                  room.y + int(h * 0.86)), theme,
                (20, 20, 20), mix(p.bone, p.steel, 0.3), px, room,
                where="center" if not _seated(written) else "midbottom")
        text(surface, name, pygame.Rect(room.x + 8, room.y + 4, w - 16, h // 3), theme,
             p.text, px + 1, bold=True, align="left")

    def _caption(self, surface: pygame.Surface, box: pygame.Rect, now: Mapping, theme: Theme,
                 px: int) -> None:
        p = theme.palette
        pygame.draw.rect(surface, p.panel_alt, box, border_radius=8)
        words = _caption(now)
        text(surface, _caption_words(now), box.inflate(-16, -6), theme,
             p.text if words else p.muted, px + 1, bold=bool(words), align="left")


def _standing(people: tuple[str, ...]) -> list[tuple[str, float]]:
    """Horizontal slot (fraction of room width) for everyone who is not in the bed."""
    used: list[tuple[str, float]] = []
    taken: set[float] = set()
    for who in people:
        if who == "patient":
            continue
        x = SLOTS.get(who)
        if x is None or x in taken:
            x = next((s for s in SPARE_SLOTS if s not in taken), None)
        if x is None:
            continue
        taken.add(x)
        used.append((who, x))
    return used


def _window(surf: pygame.Surface, r: pygame.Rect, p: Palette) -> None:
    pygame.draw.rect(surf, mix(p.panel_alt, (150, 190, 220), 0.3), r, border_radius=4)
    frame = mix(p.panel_alt, p.bone, 0.4)
    pygame.draw.rect(surf, frame, r, max(2, r.w // 40), border_radius=4)
    pygame.draw.line(surf, frame, r.midtop, r.midbottom, max(2, r.w // 50))
    pygame.draw.line(surf, frame, r.midleft, r.midright, max(2, r.w // 50))


def _seated_figure(surf: pygame.Surface, cx: float, h: float, clothes: Colour, p: Palette) -> None:
    """A person sitting on the chair: torso on the seat, thighs forward, shins to the floor."""
    tall = h * 0.56
    seat_y = h * 0.66
    legs = mix(clothes, (0, 0, 0), 0.35)
    width = max(2, round(tall * 0.09))
    knee = (cx - tall * 0.22, seat_y)
    pygame.draw.line(surf, legs, (cx, seat_y - width / 2), knee, width)
    pygame.draw.line(surf, legs, knee, (knee[0], h * 0.84), width)
    body = pygame.Rect(0, 0, tall * 0.3, tall * 0.42)
    body.midbottom = (round(cx), round(seat_y))
    pygame.draw.rect(surf, clothes, body, border_radius=round(tall * 0.08))
    head_r = tall * 0.09
    pygame.draw.circle(surf, p.skin, (round(cx), round(body.y - head_r * 1.05)), round(head_r))


def _figure(surf: pygame.Surface, cx: float, h: float, clothes: Colour, p: Palette) -> None:
    """A standing person, ~half the room's height, feet above the label row."""
    feet = h * 0.84
    tall = h * 0.56
    head_r = tall * 0.09
    body = pygame.Rect(0, 0, tall * 0.3, tall * 0.42)
    body.midbottom = (round(cx), round(feet - tall * 0.4))
    for dx in (-0.07, 0.07):
        pygame.draw.line(surf, mix(clothes, (0, 0, 0), 0.35), (cx + dx * tall, body.bottom - 4),
                         (cx + dx * tall, feet), max(2, round(tall * 0.09)))
    pygame.draw.rect(surf, clothes, body, border_radius=round(tall * 0.08))
    pygame.draw.circle(surf, p.skin, (round(cx), round(body.y - head_r * 1.05)), round(head_r))


def _bed(surf: pygame.Surface, w: float, h: float, p: Palette) -> None:
    """Side view of a bed with the patient under a blanket, head on the pillow (left)."""
    top = h * 0.55
    frame = pygame.Rect(w * 0.24, top, w * 0.36, h * 0.1)
    pygame.draw.rect(surf, p.steel, (w * 0.23, top - h * 0.12, w * 0.02, h * 0.32))
    for x in (frame.x + 6, frame.right - 10):
        pygame.draw.rect(surf, mix(p.steel, (0, 0, 0), 0.3), (x, frame.bottom, 6, h * 0.16))
    pygame.draw.rect(surf, mix(p.bone, p.steel, 0.2), frame, border_radius=6)
    pygame.draw.ellipse(surf, (236, 236, 240), (w * 0.26, top - h * 0.06, w * 0.1, h * 0.07))
    pygame.draw.circle(surf, p.skin, (round(w * 0.31), round(top - h * 0.05)), round(h * 0.05))
    blanket = pygame.Rect(w * 0.34, top - h * 0.06, w * 0.26, h * 0.08)
    pygame.draw.rect(surf, (150, 176, 204), blanket, border_radius=round(h * 0.03))


def _chair(surf: pygame.Surface, cx: float, h: float, p: Palette) -> None:
    """A plain chair for a seated patient (relatives' room, clinic)."""
    wood = mix(p.bone, (120, 90, 60), 0.5)
    seat = pygame.Rect(0, 0, h * 0.2, h * 0.04)
    seat.midtop = (round(cx), round(h * 0.66))
    pygame.draw.rect(surf, wood, seat, border_radius=3)
    pygame.draw.rect(surf, wood, (seat.right - h * 0.03, h * 0.44, h * 0.03, h * 0.24))
    for x in (seat.x + 2, seat.right - h * 0.03):
        pygame.draw.rect(surf, mix(wood, (0, 0, 0), 0.3), (x, seat.bottom, h * 0.025,
                                                           h * 0.84 - seat.bottom))


def _forearm(surface: pygame.Surface, room: pygame.Rect, stage: str, theme: Theme,
             px: int) -> None:
    """Close-up of a forearm with the vein and a cannula, for peripheral cannulation."""
    p = theme.palette
    box = pygame.Rect(0, 0, int(room.w * 0.42), int(room.h * 0.3))
    box.topleft = (room.x + 6, room.y + 2 * px + 10)  # above the bed, clear of the standing
    if box.w < 20 or box.h < 20:
        return
    pygame.draw.rect(surface, p.panel, box, border_radius=6)
    pygame.draw.rect(surface, p.muted, box, 1, border_radius=6)
    arm = pygame.Rect(box.x + 6, box.centery - box.h // 5, box.w - 12, box.h * 2 // 5)
    pygame.draw.rect(surface, p.skin, arm, border_radius=arm.h // 2)
    pygame.draw.rect(surface, (90, 110, 160), (arm.x + arm.w // 8, arm.y - 2, arm.w // 14,
                                               arm.h + 4))  # tourniquet
    vein_y = arm.centery + (arm.h // 8 if stage == "missed" else 0)
    pygame.draw.line(surface, (110, 120, 170), (arm.x + arm.w // 4, arm.centery),
                     (arm.right - 6, vein_y), max(3, arm.h // 7))
    tip = (arm.x + int(arm.w * 0.55), arm.centery - (arm.h // 3 if stage == "missed" else 0))
    hub = (tip[0] + int(arm.w * 0.28), tip[1] - int(arm.h * 0.9))
    if stage == "withdrawn":
        hub = (hub[0] + arm.w // 12, hub[1] - arm.h // 4)
    pygame.draw.line(surface, p.steel, hub, tip, max(2, arm.h // 12))
    chamber = pygame.Rect(0, 0, max(8, arm.w // 9), max(6, arm.h // 4))
    chamber.center = hub
    pygame.draw.rect(surface, p.blood if stage in ("flashback", "placed") else (240, 240, 240),
                     chamber, border_radius=3)
    pygame.draw.rect(surface, p.steel, chamber, 1, border_radius=3)
    words = {"ready": t("needle over the vein"), "flashback": t("flashback"),
             "missed": t("missed the vein"), "withdrawn": t("needle withdrawn"),
             "placed": t("cannula in")}[stage]
    small = minor_px(theme, px)
    line = lines_height(theme, small, 1)
    text(surface, words, pygame.Rect(box.x + 4, box.bottom - line - 4, box.w - 8, line),
         theme, p.text, small)


def _desk(surf: pygame.Surface, w: float, h: float, p: Palette) -> None:
    """Office desk with a screen: the order is on the computer."""
    desk = pygame.Rect(w * 0.3, h * 0.56, w * 0.36, h * 0.05)
    pygame.draw.rect(surf, mix(p.bone, (120, 90, 60), 0.5), desk, border_radius=4)
    pygame.draw.rect(surf, mix(p.steel, (0, 0, 0), 0.3), (desk.x + 8, desk.bottom, 8, h * 0.2))
    pygame.draw.rect(surf, mix(p.steel, (0, 0, 0), 0.3), (desk.right - 16, desk.bottom, 8,
                                                          h * 0.2))
    screen = pygame.Rect(desk.centerx - w * 0.07, desk.y - h * 0.17, w * 0.14, h * 0.14)
    pygame.draw.rect(surf, (30, 36, 44), screen, border_radius=4)
    pygame.draw.rect(surf, (120, 170, 210), screen.inflate(-8, -8), border_radius=3)


def _breath(surface: pygame.Surface, room: pygame.Rect, theme: Theme, time_s: float) -> None:
    """The blanket over the chest rises and falls: a living patient, cheaply."""
    w, h = room.size
    rise = 0.5 + 0.5 * math.sin(time_s * 2 * math.pi / 4.0)
    chest = pygame.Rect(0, 0, w * 0.1, h * (0.03 + 0.02 * rise))
    chest.center = (room.x + round(w * 0.41), room.y + round(h * 0.495))
    pygame.draw.ellipse(surface, (150, 176, 204), chest)
