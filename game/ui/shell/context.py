"""What every scene is handed: theme, text cache, window size, metrics and services.

Passed explicitly (no module-level singletons) so tests build one per window size and the
replay viewer builds one without any session services. Text is drawn through `UiContext.text`,
which fits it into its box and, when a recorder is attached, notes where it went: the layout
test reads those notes to prove that no text leaves its box at any supported size.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

import pygame

from game.app.sessions import Launch
from game.config import Settings
from game.i18n import Translator
from game.ui.kit.text import Scrolls, TextCache, draw_text
from game.ui.kit.theme import Colour, Palette, Theme, make_theme

if TYPE_CHECKING:
    from game.content.catalogue import Catalogue
    from game.core.model import Scenario
    from game.replay.session import RecordedSession
    from game.ui.procedures import ProcedureView

MIN_SIZE = (1024, 600)
DEFAULT_SIZE = (1280, 720)


@dataclass(frozen=True)
class Metrics:
    """Pixel sizes for one window size: the theme's sizes scaled to the window."""

    scale: float
    title: int
    heading: int
    body: int
    small: int
    pad: int
    gap: int
    button_h: int
    ring: int
    text: float
    """The text-size setting's factor (line heights grow with it, not with the window)."""

    def line(self, px: int) -> int:
        """Height of one line of text requested at `px` (DejaVu's line size is ~1.17 em)."""
        return round(px * self.text * 1.2)


def metrics_for(size: tuple[int, int], theme: Theme) -> Metrics:
    """Scale from the 1280x720 reference; never below 0.85 so 1024x600 stays readable."""
    scale = max(0.85, min(1.6, size[0] / 1280, size[1] / 720))

    def px(n: float) -> int:
        return max(1, round(n * scale))

    text = theme.fonts.scale
    return Metrics(scale=scale, title=px(theme.title), heading=px(theme.heading),
                   body=px(theme.body), small=px(theme.small), pad=px(20), gap=px(10),
                   button_h=max(px(44), round(px(theme.body) * text * 1.9)), ring=px(3),
                   text=text)


@dataclass(frozen=True)
class TextPlacement:
    """Where one text block went: the layout test checks `rect` lies inside `box`."""

    text: str
    rect: pygame.Rect
    box: pygame.Rect
    px: int
    """Font size actually used (the requested size times the text-size setting)."""
    requested: int
    """Size the screen asked for (compare with `Metrics.body`)."""
    scrolled: bool = False
    """Its box was too short for it at the chosen size, so the box scrolls and shows a bar."""


def _tutorial_if(scenario_id: str, path: Path, language: str) -> Scenario | None:
    """The tutorial vignette in `language` when it is the one asked for (None if it cannot
    be loaded)."""
    from game.content.loader import load_scenario
    from game.content.problems import ContentError
    from game.content.translations import translate
    try:
        scenario = load_scenario(path)
    except (ContentError, OSError):
        return None
    return translate(scenario, language).scenario if scenario.id == scenario_id else None


def _silent(_: str) -> None:
    return None


@dataclass
class Services:
    """What scenes need from outside the UI; tests swap in their own."""

    catalogue: Callable[[], Catalogue]
    start_session: Callable[[Scenario, str], RecordedSession]
    procedure_view: Callable[[str], ProcedureView | None]
    cue: Callable[[str], object] = _silent
    """Play a sound cue by name ("window_open", "last_seconds", "harm")."""
    say: Callable[[str], object] = _silent
    """Read text aloud (self-voicing); silent unless the player turned it on."""
    launch: Launch = field(default_factory=Launch)
    """What the command line fixed for this run (--seed, --risk-weight): every way into a
    session honours it, the title menu's workshop included."""
    session_logged: Callable[[str], None] = _silent
    """A recorded session's log was finished or left (its path): the live learning-records
    sender, when lrs.json turns it on, sends its statements in the background."""


@dataclass
class UiContext:
    theme: Theme
    services: Services | None = None
    size: tuple[int, int] = DEFAULT_SIZE
    cache: TextCache = field(default_factory=TextCache)
    recorder: list[TextPlacement] | None = None
    t: Translator = field(default_factory=Translator)
    """Translates UI chrome: write `ctx.t("Start")`, `ctx.t("{n} s left", n=3)`."""
    settings: Settings = field(default_factory=Settings)
    """The player's settings as they apply now (the settings screen changes them)."""
    mode: str = "practice"
    """Mode of the next session: "practice" or "assessment" (chosen on the title screen)."""
    on_settings: Callable[[Settings], None] | None = None
    """Set by the app: applies what scenes cannot reach (sound, voice, full screen, re-layout
    of every scene on the stack)."""
    scrolls: Scrolls = field(default_factory=Scrolls)
    """Offsets of the text boxes that scroll (the app routes the mouse wheel to them)."""
    frames: list[pygame.Rect] | None = None
    """When a list (layout tests), `kit.panels.panel` notes each panel frame it draws here,
    so a test can check that every text stays inside the panel it is drawn in."""
    metrics: Metrics = field(init=False)

    def __post_init__(self) -> None:
        self.metrics = metrics_for(self.size, self.theme)

    @property
    def palette(self) -> Palette:
        return self.theme.palette

    def resize(self, size: tuple[int, int]) -> None:
        """New window size: new metrics, and every cached rendering is now the wrong size."""
        self.size = (max(1, size[0]), max(1, size[1]))
        self.metrics = metrics_for(self.size, self.theme)
        self.cache.clear()

    def apply_settings(self, settings: Settings) -> None:
        """New settings take effect at once: theme, language, metrics, no stale text."""
        self.settings = settings
        self.theme = make_theme(settings.palette, settings.text_size)
        self.t = Translator(settings.language)
        self.metrics = metrics_for(self.size, self.theme)
        self.cache.clear()
        if self.on_settings is not None:
            self.on_settings(settings)

    def scenario_finder(self) -> Callable[[str], Scenario | None]:
        """Look vignettes up in this run's library (the shipped one without services: the
        replay viewer started from the command line), and the tutorial vignette, which is
        recorded like any session but lives outside the library."""
        from game import paths
        if self.services is not None:
            library = self.services.catalogue().get
        else:
            from game.content.catalogue import load_catalogue
            library = load_catalogue(paths.scenarios_dir(),
                                     language=self.settings.language).get
        language = self.settings.language

        def find(scenario_id: str) -> Scenario | None:
            return library(scenario_id) or _tutorial_if(scenario_id, paths.tutorial_file(),
                                                         language)
        return find

    def font_px(self, size: int) -> int:
        return max(8, round(size * self.theme.fonts.scale))

    def text(self, surface: pygame.Surface, text: str, box: pygame.Rect, size: int,
             colour: Colour | None = None, bold: bool = False, align: str = "left",
             valign: str = "top") -> pygame.Rect:
        """Draw `text` at `size` (times the player's text size) wrapped to `box`; returns the
        rectangle it covers. Text never shrinks and is never cut: a box too short for its
        text scrolls and shows a scroll bar (`game.ui.kit.text.draw_text`).
        """
        if not text or box.width <= 0 or box.height <= 0:
            return pygame.Rect(box.x, box.y, 0, 0)
        p = self.palette
        drawn = draw_text(surface, self.cache, self.theme.fonts, self.scrolls, text, box, size,
                          colour or p.text, bold, align, valign, (p.panel_alt, p.accent))
        if self.recorder is not None:
            self.recorder.append(TextPlacement(text, drawn.rect.copy(), box.copy(), drawn.px,
                                               size, scrolled=drawn.scrolled))
        return drawn.rect

    def line_height(self, size: int, bold: bool = False) -> int:
        return self.theme.fonts.get(size, bold).get_linesize()
