"""What goes on top of the caesarean anatomy: the moving scene and its word labels.

The scene (uterus, fetus, incision, hands) depends only on the state, so the view caches it
supersampled once settled and redraws it live only while the head is moving. Labels are drawn
after everything else so nothing covers them.
"""

from __future__ import annotations

from collections.abc import Mapping

import pygame

from game.ui.kit.theme import Theme
from game.ui.procedures import _cs_anatomy as A
from game.ui.procedures import _cs_parts as H
from game.ui.procedures._kit import (
    Frame,
    Point,
    direction_label,
    flag,
    leader_from,
    lines_height,
    measure,
    pick,
    t,
    tag,
    text,
)

HEADS = ("engaged", "impacted", "elevated", "delivered")
HANDS = ("none", "above", "below")
INCISIONS = ("none", "made", "extended")
BLEEDS = ("none", "ooze", "brisk", "controlled")


def hand_word(state: Mapping) -> str:
    """The trainee's hand: key `hand` (or `operator_hand`), one of none/above/below."""
    return pick(state, "hand", HANDS, pick(state, "operator_hand", HANDS, "none"))


def scene_key(state: Mapping) -> tuple:
    return (pick(state, "incision", INCISIONS, "none"), hand_word(state),
            flag(state, "supervisor_hands"), flag(state, "push_from_below"),
            pick(state, "head", HEADS, "engaged"))


def scene(surface: pygame.Surface, f: Frame, head: Point, state: Mapping, theme: Theme) -> None:
    """Uterus, fetus, incision and hands."""
    p = theme.palette
    A.uterus(surface, f, head, p)
    A.fetus(surface, f, head, p)
    A.incision(surface, f, head, pick(state, "incision", INCISIONS, "none"), p)
    if flag(state, "push_from_below"):
        H.push_hand(surface, f, head)
    if flag(state, "supervisor_hands"):
        H.fundal_hand(surface, f, H.SLEEVES["supervisor"])
        H.hand(surface, f, H.hand_path(head, "below", 9), H.SLEEVES["supervisor"])
    if hand_word(state) != "none":
        H.hand(surface, f, H.hand_path(head, hand_word(state)), H.SLEEVES["trainee"])


def moving(surface: pygame.Surface, f: Frame, head: Point, state: Mapping, theme: Theme,
           time_s: float) -> None:
    """Time-driven parts over the scene: blood and the push arrow."""
    p = theme.palette
    incision = pick(state, "incision", INCISIONS, "none")
    H.blood(surface, f, head, incision, pick(state, "bleeding", BLEEDS, "none"), p, time_s)
    if flag(state, "push_from_below"):
        H.push_arrow(surface, f, head, p, time_s)


def labels(surface: pygame.Surface, f: Frame, main: pygame.Rect, head: Point,
           state: Mapping, theme: Theme, px: int, time_s: float) -> None:
    """Names in words, most telling first: a wedged head, the push from below, whose sleeve
    is whose, the landmarks (pubic bone, bladder, uterus), then the mother's head."""
    p = theme.palette
    if pick(state, "head", HEADS, "engaged") == "impacted":
        tag(surface, t("head wedged"), f.p(head[0] - 48, head[1] + 38), theme, (30, 20, 10),
            p.warn, px, main)
    if flag(state, "push_from_below"):
        tag(surface, t("push from below"), f.p(head[0] + 45, head[1] + 50), theme,
            (255, 255, 255), H.SLEEVES["assistant"], px, main, where="midtop")
    _sleeve_tags(surface, f, main, head, state, theme, px)
    for words, y, target in ((t("pubic bone"), 104, A.PUBIS), (t("bladder"), A.WALL[0] + 22,
                                                                (A.PUBIS[0] - 26, 52))):
        anchor = (main.right - 4, f.p(0, y)[1])
        if _would_cover(words, anchor, f.p(*target), main, theme, px):
            continue  # a small picture would put the name over the very thing it names
        box = tag(surface, words, anchor, theme, p.text, p.panel, px, main, where="midright",
                  bold=False)
        if box is not None:
            leader_from(surface, p.text, box, f.p(*target))
    text(surface, t("uterus"), f.rect(48, 163, 74, 20).clip(main), theme, p.text, px, bold=True)
    h = lines_height(theme, px, 1, bold=True)
    direction_label(surface, pygame.Rect(main.x + 4, main.bottom - h - 2, int(main.w * 0.62),
                                         h), t("mother's head"), -1, theme, px)


def _would_cover(words: str, anchor: tuple[int, int], target: tuple[int, int],
                 main: pygame.Rect, theme: Theme, px: int) -> bool:
    """Whether a plain tag of `words` at `anchor` (as `tag` would place it) covers `target`."""
    got = measure(words, 10**4, theme, px, False)
    if got is None:
        return False
    pad = max(4, px // 3)
    box = pygame.Rect(0, 0, got[0] + 2 * pad, got[1] + pad)
    box.midright = anchor
    return box.clamp(main).collidepoint(target)


def _sleeve_tags(surface: pygame.Surface, f: Frame, main: pygame.Rect, head: Point,
                 state: Mapping, theme: Theme, px: int) -> None:
    """'trainee' left of her forearm, 'supervisor' right of his, near the top of the view."""
    y = main.y + lines_height(theme, px, 1) // 2 + 2
    line = lines_height(theme, px, 1) + 8
    if flag(state, "supervisor_hands"):
        x = _arm_x(f, H.hand_path(head, "below", 9), y)
        tag(surface, t("supervisor"), (x + 12, y + line), theme, (255, 255, 255),
            H.SLEEVES["supervisor"], px, main, where="midleft")
    if hand_word(state) != "none":
        x = _arm_x(f, H.hand_path(head, hand_word(state)), y)
        tag(surface, t("trainee"), (x - 12, y), theme, (255, 255, 255), H.SLEEVES["trainee"],
            px, main, where="midright")


def _arm_x(f: Frame, path: list[Point], y_px: int) -> int:
    """Screen x where a forearm (elbow -> wrist) crosses the screen row y_px."""
    (x0, y0), (x1, y1) = f.p(*path[0]), f.p(*path[1])
    k = 0.0 if y1 == y0 else min(1.0, max(0.0, (y_px - y0) / (y1 - y0)))
    return round(x0 + (x1 - x0) * k)
