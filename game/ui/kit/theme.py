"""Colours, fonts and text sizes: one place for how the game looks.

Themes carry meaning in words and icons as well as colour; the palettes are chosen to stay
distinguishable for the common colour-vision deficiencies (Okabe-Ito based) and there is a
high-contrast variant for projectors.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import pygame

from game.paths import assets_dir

Colour = tuple[int, int, int]

TEXT_SCALES = {"small": 0.9, "normal": 1.0, "large": 1.2, "x-large": 1.4}


@dataclass(frozen=True)
class Palette:
    background: Colour = (22, 27, 34)
    panel: Colour = (34, 41, 51)
    panel_alt: Colour = (44, 53, 66)
    text: Colour = (235, 238, 242)
    muted: Colour = (160, 170, 184)
    accent: Colour = (86, 180, 233)      # sky blue (Okabe-Ito)
    focus: Colour = (240, 228, 66)       # yellow focus ring
    # Okabe-Ito hues, lightened just enough for 4.5:1 contrast as text on every panel colour.
    good: Colour = (0, 180, 131)         # bluish green
    warn: Colour = (230, 159, 0)         # orange
    bad: Colour = (245, 125, 40)         # vermillion
    harm: Colour = (214, 131, 177)       # reddish purple
    skin: Colour = (233, 196, 170)
    tissue: Colour = (196, 120, 110)
    bone: Colour = (236, 230, 214)
    blood: Colour = (170, 20, 30)
    steel: Colour = (190, 198, 208)


PALETTES = {
    "default": Palette(),
    # Black and white with the same Okabe-Ito hues lightened, so every colour keeps at least
    # 7:1 contrast on black (WCAG AAA) on a washed-out projector.
    "high-contrast": Palette(background=(0, 0, 0), panel=(12, 12, 12), panel_alt=(44, 44, 44),
                             text=(255, 255, 255), muted=(222, 222, 222),
                             accent=(102, 204, 255), focus=(255, 255, 0), good=(64, 224, 176),
                             warn=(255, 196, 64), bad=(255, 136, 72), harm=(255, 160, 220)),
}
PALETTE_NAMES = {"default": "Colour-blind safe (default)", "high-contrast": "High contrast"}
TEXT_SIZE_NAMES = {"small": "Small", "normal": "Normal", "large": "Large",
                   "x-large": "Extra large"}


class Fonts:
    """Loads the shipped DejaVu fonts by path (system fonts vary) and caches each size."""

    def __init__(self, scale: float = 1.0, folder: Path | None = None):
        self.scale = scale
        self.folder = folder or assets_dir() / "fonts"
        self._cache: dict[tuple[int, bool, bool], pygame.font.Font] = {}

    def get(self, size: int, bold: bool = False, mono: bool = False) -> pygame.font.Font:
        px = max(8, round(size * self.scale))
        key = (px, bold, mono)
        if key not in self._cache:
            name = "DejaVuSansMono.ttf" if mono else (
                "DejaVuSans-Bold.ttf" if bold else "DejaVuSans.ttf")
            self._cache[key] = pygame.font.Font(str(self.folder / name), px)
        return self._cache[key]


@dataclass
class Theme:
    palette: Palette = field(default_factory=Palette)
    fonts: Fonts = field(default_factory=Fonts)

    # Base sizes in pixels at scale 1.0 for a 1280x720 window.
    title: int = 40
    heading: int = 26
    body: int = 20
    small: int = 16


def make_theme(palette: str = "default", text_size: str = "normal") -> Theme:
    return Theme(PALETTES.get(palette, PALETTES["default"]), Fonts(TEXT_SCALES[text_size]))
