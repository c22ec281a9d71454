"""Render every procedure view at three moments to PNGs and time the per-frame draw cost.

Run:  SDL_VIDEODRIVER=dummy .venv/bin/python bench/render_procedure_views.py [out_dir]
PNGs go to /tmp/views/ by default, named <view>_<size>_<moment>.png, so an artist can look
at each picture at the play-area sizes of a 1280x720 and a 1024x600 window (plus the
smallest and largest rects the views must support). The cost is reported relative to a plain
1280x720 surface fill measured in the same run, so numbers compare across machines.
"""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")

import pygame

from game.ui.kit.theme import make_theme
from game.ui.procedures.registry import view_for

# The play screen's procedure rect (game/ui/layout.play_layout) at 1280x720 and 1024x600, plus
# the smallest and largest rects a view must support.
SIZES = {"play1280": (610, 322), "play1024": (486, 268), "min": (420, 300), "max": (900, 600)}

# (name, before, now, progress) for three moments per view.
MOMENTS: dict[str, list[tuple[str, dict, dict, float]]] = {
    "lumbar_puncture": [
        ("1_on_skin", {}, {"needle_depth_mm": 0, "needle_angle": "caudal", "passes": 0}, 1.0),
        ("2_bone", {"needle_depth_mm": 0, "needle_angle": "caudal", "passes": 0},
         {"needle_depth_mm": 20, "needle_angle": "caudal", "bone_contact": True, "passes": 1},
         1.0),
        ("3_csf", {"needle_depth_mm": 20, "needle_angle": "caudal", "bone_contact": True,
                   "passes": 1},
         {"needle_depth_mm": 45, "needle_angle": "cephalad", "csf": True, "passes": 2}, 1.0),
        ("4_moving", {"needle_depth_mm": 20, "needle_angle": "caudal", "bone_contact": True,
                      "passes": 1},
         {"needle_depth_mm": 30, "needle_angle": "cephalad", "bone_contact": True,
          "passes": 3}, 0.7),
    ],
    "trocar": [
        ("1_planned", {}, {"port_site": "medial", "trocar_depth": 0.1, "camera": "field"}, 1.0),
        ("2_brisk", {"port_site": "medial", "trocar_depth": 0.4},
         {"port_site": "medial", "trocar_depth": 1, "bleeding": "brisk", "camera": "wall",
          "vessels_seen": True, "rescue_ready": True}, 1.0),
        ("3_lateral", {}, {"port_site": "lateral", "trocar_depth": 1, "camera": "wall",
                           "vessels_seen": True, "bleeding": "none"}, 1.0),
    ],
    "caesarean": [
        ("1_impacted", {}, {"incision": "made", "head": "impacted", "hand": "above"}, 1.0),
        ("2_push", {}, {"incision": "extended", "head": "elevated", "hand": "below",
                        "push_from_below": True, "supervisor_hands": True,
                        "bleeding": "brisk"}, 1.0),
        ("3_delivered", {}, {"incision": "extended", "head": "delivered", "hand": "below",
                             "supervisor_hands": True, "bleeding": "controlled"}, 1.0),
    ],
    "dissection": [
        ("1_low_medial", {}, {"plane": "too_deep", "structure_at_risk": "duct",
                              "structure_seen": False, "instrument": "diathermy"}, 1.0),
        ("2_liver_bed", {"plane": "correct"},
         {"plane": "too_deep", "structure_at_risk": "vessel", "bleeding": "brisk",
          "instrument": "diathermy", "supervisor_hands": True}, 1.0),
        ("3_wall", {"plane": "too_deep"}, {"plane": "too_superficial", "bleeding": "controlled",
                                           "instrument": "diathermy"}, 1.0),
        ("4_injured", {}, {"plane": "too_deep", "structure_at_risk": "duct",
                           "structure_seen": True, "structure_injured": True,
                           "supervisor_hands": True}, 1.0),
    ],
    "generic": [
        ("1_ward", {}, {"room": "Paediatric ward, bay 2", "people": "trainee,patient,relative",
                        "caption": "Weight 20 kg. Draft orders open", "hr": 112, "spo2": 98,
                        "rr": 22, "bp": "102/64", "monitor": False}, 1.0),
        ("2_sedated", {}, {"room": "Paediatric ward, bay 2", "caption":
                           "Naloxone given; outreach called", "people":
                           "trainee,patient,relative,supervisor", "hr": 88, "spo2": 84,
                           "rr": 6, "sedation": "deep", "monitor": True, "etco2": 7.9}, 1.0),
        ("3_oesophageal", {}, {"room": "Emergency department, resus 1", "caption":
                               "Tube placed; no CO2 trace", "people": "trainee,patient,supervisor",
                               "hr": 128, "spo2": 89, "etco2": 0, "bp": "88/50",
                               "sedation": "general", "monitor": True}, 1.0),
    ],
}


def render_pngs(out: Path) -> list[Path]:
    theme = make_theme()
    paths = []
    for name, moments in MOMENTS.items():
        view = view_for(name)
        for size_name, size in SIZES.items():
            for moment, before, now, progress in moments:
                surf = pygame.Surface(size)
                surf.fill(theme.palette.background)
                view.draw(surf, surf.get_rect(), now, before, progress, theme, 1.3)
                path = out / f"{name}_{size_name}_{moment}.png"
                pygame.image.save(surf, str(path))
                paths.append(path)
    return paths


def _time(fn, frames: int, batches: int = 5) -> float:
    """Best batch of `batches` (ms per frame): the least disturbed by other processes."""
    best = float("inf")
    for b in range(batches):
        start = time.perf_counter()
        for i in range(frames):
            fn(b * frames + i)
        best = min(best, (time.perf_counter() - start) / frames * 1000)
    return best


def benchmark(frames: int = 60) -> None:
    """ms per frame drawing each view into the 1280x720 play area, against a plain fill.

    Frames sweep progress 0 -> 1 (so they include the live-animated path) with a running
    clock. The first frame, which builds the cached static layers, is reported separately.
    """
    theme = make_theme()
    screen = pygame.Surface((1280, 720))
    rect = pygame.Rect(20, 57, *SIZES["play1280"])
    fill_ms = _time(lambda i: screen.fill((i % 255, 0, 0)), frames)
    print(f"plain 1280x720 fill: {fill_ms:.3f} ms/frame")
    for name, moments in MOMENTS.items():
        view = type(view_for(name))()  # a fresh instance: nothing cached yet
        _, before, now, _ = moments[1]
        start = time.perf_counter()
        view.draw(screen, rect, now, before, 0.5, theme, 0.0)  # builds the layer cache
        first = (time.perf_counter() - start) * 1000

        def frame(i: int, view=view, now=now, before=before) -> None:
            screen.fill((0, 0, 0))
            view.draw(screen, rect, now, before, (i % 60) / 59, theme, i / 60)

        ms = _time(frame, frames) - fill_ms
        print(f"{name:16s} {ms:6.3f} ms/frame ({ms / fill_ms:4.1f} x a plain fill); "
              f"first frame {first:5.1f} ms")


def main() -> None:
    pygame.init()
    out = Path(sys.argv[1] if len(sys.argv) > 1 else "/tmp/views")
    out.mkdir(parents=True, exist_ok=True)
    paths = render_pngs(out)
    print(f"wrote {len(paths)} PNGs to {out}")
    benchmark()


if __name__ == "__main__":
    main()
