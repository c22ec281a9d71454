"""Settings: text size, colours, pace, language, sound, self-voicing, meters, full screen.

Every change is saved at once (game.config.save_settings) and applied at once: a new theme
and translator, a cleared text cache and a re-layout of every screen (UiContext.apply_settings
and the app's hook), and the live sound bank and voice (`apply_audio`). A settings file that
cannot be read is reported here, in the words load_settings gives, and replaced by defaults.
The functions above the scene are pure, so tests check what a key press changes without
drawing anything.
"""

from __future__ import annotations

import pygame

from game import paths
from game.config import CHOICES, Settings, load_settings, save_settings
from game.i18n import LANGUAGES
from game.ui.kit.button import Button, draw_button
from game.ui.kit.common import draw_footer, draw_header, menu_intent
from game.ui.kit.focus import FocusList
from game.ui.kit.help_keys import SETTINGS_KEYS
from game.ui.kit.layout import even_rows, frame
from game.ui.kit.panels import focus_ring, panel
from game.ui.kit.theme import PALETTE_NAMES, TEXT_SIZE_NAMES
from game.ui.play.presenters import Tr
from game.ui.shell.context import Services, UiContext
from game.ui.shell.input import Act, Intent
from game.ui.shell.scene import Pop, Result, Scene

ROWS = ("text_size", "palette", "pace", "language", "volume", "muted", "self_voicing",
        "show_meters", "fullscreen")
VOLUMES = tuple(round(v / 10, 1) for v in range(11))
PACE_NAMES = {"slower": "Slower", "normal": "Normal", "faster": "Faster"}


def setting_label(name: str, t: Tr) -> str:
    return {"text_size": t("Text size"), "palette": t("Colours"), "pace": t("Pace"),
            "language": t("Language"), "volume": t("Volume"), "muted": t("Sound"),
            "self_voicing": t("Read aloud (self-voicing)"),
            "show_meters": t("Meters in practice"), "fullscreen": t("Full screen")}[name]


def value_text(settings: Settings, name: str, t: Tr, voice_available: bool = True) -> str:
    """The value in words (never a colour or a tick alone)."""
    value = getattr(settings, name)
    if name == "text_size":
        return t(TEXT_SIZE_NAMES[value])
    if name == "palette":
        return t(PALETTE_NAMES[value])
    if name == "pace":
        return t(PACE_NAMES[value])
    if name == "language":
        return LANGUAGES[value]
    if name == "volume":
        return f"{round(value * 100)} %"
    if name == "muted":
        return t("Off (muted)") if value else t("On")
    if name == "self_voicing" and not voice_available:
        return t("Off (espeak-ng is not installed)")
    if name == "show_meters":
        return t("Shown") if value else t("Hidden")
    return t("On") if value else t("Off")


SCALES = ("text_size", "pace")
"""Choices with an order: the arrow keys stop at their ends (Right past Extra large stays
Extra large; it used to wrap round to Small)."""


def step_setting(settings: Settings, name: str, delta: int, wrap: bool = False) -> Settings:
    """The settings with `name` moved `delta` steps. On a scale (`SCALES`) and the volume the
    arrows stop at the ends; other choices wrap round; on/off flips. `wrap` is Enter or a
    click ("next value"), which goes round every choice, so a mouse alone can reach them all.
    """
    value = getattr(settings, name)
    if name in CHOICES:
        options = CHOICES[name]
        index = options.index(value) + delta
        if name in SCALES and not wrap:
            index = max(0, min(len(options) - 1, index))
        return settings.with_(**{name: options[index % len(options)]})
    if name == "volume":
        index = min(range(len(VOLUMES)), key=lambda i: abs(VOLUMES[i] - value))
        return settings.with_(volume=VOLUMES[max(0, min(len(VOLUMES) - 1, index + delta))])
    return settings.with_(**{name: not value})


def arrows(settings: Settings, name: str) -> tuple[str, str]:
    """◀ and ▶ where the arrow keys can go; at the end of a scale or of the volume the arrow
    on that side is a blank, so the end shows (Right past Extra large does nothing)."""
    left = "◀" if step_setting(settings, name, -1) != settings else " "
    right = "▶" if step_setting(settings, name, 1) != settings else " "
    return left, right


def apply_audio(services: Services | None, settings: Settings) -> None:
    """Volume, mute and self-voicing take effect on the running sound bank and voice (the
    services hold their bound methods; a stand-in without them is left alone)."""
    if services is None:
        return
    bank: object = getattr(services.cue, "__self__", None)
    if hasattr(bank, "volume") and hasattr(bank, "muted"):
        bank.volume, bank.muted = settings.volume, settings.muted
    voice: object = getattr(services.say, "__self__", None)
    if hasattr(voice, "engine") and hasattr(voice, "enabled") and hasattr(voice, "language"):
        if not settings.self_voicing and hasattr(voice, "stop"):
            voice.stop()
        voice.enabled = settings.self_voicing and voice.engine is not None
        voice.language = settings.language


def voice_available(services: Services | None) -> bool:
    voice = getattr(services.say, "__self__", None) if services else None
    return voice is None or getattr(voice, "engine", "x") is not None


class SettingsScene(Scene):
    name = "settings"
    keymap = SETTINGS_KEYS
    """What F1 lists here (game/ui/kit/help_keys.py)."""

    def __init__(self, ctx: UiContext):
        super().__init__(ctx)
        self.focus = FocusList(ROWS + ("back",))
        self.rows: dict[str, pygame.Rect] = {}
        self.problem = ""
        path = paths.settings_path()
        loaded, problem = load_settings(path)
        if problem:  # report it here, and replace the bad file with what could be kept
            self.problem = problem
            self._save(loaded)
            ctx.apply_settings(loaded)
            apply_audio(ctx.services, loaded)

    def _save(self, settings: Settings) -> bool:
        try:
            save_settings(paths.settings_path(), settings)
            return True
        except OSError as exc:
            self.problem = self.ctx.t("The settings cannot be saved ({reason}).",
                                      reason=exc.strerror or exc)
            return False

    def resize(self) -> None:
        ctx, m = self.ctx, self.ctx.metrics
        f = frame(ctx.size, m)
        self.header, self.footer = f.header, f.footer
        problem_h = ctx.line_height(m.small) * 2 + m.gap if self.problem else 0
        self.problem_box = pygame.Rect(f.body.x, f.body.y, f.body.width, problem_h)
        back_h = m.button_h
        top = f.body.y + problem_h + (m.gap if problem_h else 0)
        area = pygame.Rect(f.body.x, top, f.body.width, f.body.bottom - top - back_h - m.gap)
        rects = even_rows(area, len(ROWS), max(4, m.gap // 2), m.button_h)
        self.rows = dict(zip(ROWS, rects))
        back_w = min(f.body.width // 3, round(260 * m.scale))
        self.back = Button("back", ctx.t("Back"), pygame.Rect(
            f.body.right - back_w, f.body.bottom - back_h, back_w, back_h), "Esc")

    def on_intent(self, intent: Intent) -> Result:
        if intent.act is Act.BACK:
            return Pop()
        name = self.focus.current
        if intent.act in (Act.LEFT, Act.RIGHT) and name in ROWS:
            self.change(name, -1 if intent.act is Act.LEFT else 1)
            return None
        rects = {**self.rows, "back": self.back.rect}
        chosen = menu_intent(self.focus, rects, intent, (Act.NEXT, Act.DOWN),
                             (Act.PREV, Act.UP))
        if intent.act in (Act.NEXT, Act.DOWN, Act.PREV, Act.UP):
            self._speak_focus()
        if chosen == "back":
            return Pop()
        if chosen in ROWS:
            self.change(chosen, 1, wrap=True)
        return None

    def change(self, name: str, delta: int, wrap: bool = False) -> None:
        """Step one setting, save it, and apply it everywhere at once."""
        old = self.ctx.settings
        new = step_setting(old, name, delta, wrap)
        if new == old:
            return
        self._save(new)
        self.ctx.apply_settings(new)
        apply_audio(self.ctx.services, new)
        self.resize()
        if name in ("volume", "muted") and self.ctx.services is not None:
            self.ctx.services.cue("window_open")  # hear the new level at once
        self._speak_focus()

    def _speak_focus(self) -> None:
        name = self.focus.current
        if name in ROWS and self.ctx.settings.self_voicing and self.ctx.services is not None:
            t = self.ctx.t
            self.ctx.services.say(f"{setting_label(name, t)}: "
                                  f"{value_text(self.ctx.settings, name, t)}")

    def draw(self, surface: pygame.Surface) -> None:
        ctx, m, p, t = self.ctx, self.ctx.metrics, self.ctx.palette, self.ctx.t
        surface.fill(p.background)
        draw_header(ctx, surface, self.header, t("Settings"))
        if self.problem:
            ctx.text(surface, "⚠ " + self.problem, self.problem_box, m.small, p.warn)
        for name, rect in self.rows.items():
            self._draw_row(surface, name, rect)
        draw_button(ctx, surface, self.back, self.focus.current == "back")
        draw_footer(ctx, surface, self.footer, t("Up/Down choose · Left/Right change · Enter "
                                                 "next value · Esc back · saved at once"))

    def _draw_row(self, surface: pygame.Surface, name: str, rect: pygame.Rect) -> None:
        ctx, m, p, t = self.ctx, self.ctx.metrics, self.ctx.palette, self.ctx.t
        focused = name == self.focus.current
        panel(ctx, surface, rect, p.panel_alt if focused else p.panel)
        inner = rect.inflate(-2 * m.gap, -max(2, m.gap // 2))
        label_w = round(inner.width * 0.42)
        ctx.text(surface, setting_label(name, t), pygame.Rect(inner.x, inner.y, label_w,
                                                              inner.height),
                 m.body, p.text, True, "left", "center")
        value = value_text(ctx.settings, name, t, voice_available(ctx.services))
        left, right = arrows(ctx.settings, name)
        ctx.text(surface, f"{left}  {value}  {right}", pygame.Rect(inner.x + label_w, inner.y,
                                                       inner.width - label_w, inner.height),
                 m.body, p.accent if focused else p.text, focused, "left", "center")
        if focused:
            focus_ring(ctx, surface, rect)
