"""The pygame application: window, main loop, and the two entry points the CLI calls.

The loop runs at up to 60 fps; scenes receive the frame time, and the play scene turns it
into fixed 100 ms simulation ticks. The window is resizable down to 1024x600; every resize
re-lays out every scene and clears the text cache. Whatever way the loop ends (window closed,
Ctrl-C, an exception) every scene is closed, so a running session's log stays readable.
"""

from __future__ import annotations

import os
import sys
import warnings
from collections.abc import Callable
from pathlib import Path

import pygame

from game import paths
from game.config import Settings, load_settings
from game.i18n import Translator
from game.ui.kit.theme import make_theme
from game.ui.shell.context import DEFAULT_SIZE, MIN_SIZE, Services, UiContext
from game.ui.shell.input import Act, map_event
from game.ui.shell.scene import Scene, SceneStack
from game.ui.shell.screens import open_screen
from game.ui.shell.sound import RATE

FPS = 60
MAX_FRAME_MS = 250
"""A longer frame (window dragged, machine busy) is reported to scenes as this long."""


INVISIBLE_DRIVERS = ("offscreen", "dummy")


class NoDisplay(RuntimeError):
    """SDL found no screen and fell back to drawing nowhere: say so instead of running
    a game nobody can see."""


def init_pygame() -> None:
    """Start the parts of pygame the game uses; no sound device must not stop the game."""
    pygame.display.init()
    driver = pygame.display.get_driver()
    if driver in INVISIBLE_DRIVERS and os.environ.get("SDL_VIDEODRIVER") != driver:
        pygame.display.quit()
        raise NoDisplay("no display found: start Safety Net from a desktop session (on "
                        "Linux, DISPLAY or WAYLAND_DISPLAY must be set)")
    pygame.font.init()
    if pygame.mixer.get_init():
        return
    try:  # the format the synthesised cues are made in (game/ui/shell/sound.py)
        pygame.mixer.init(frequency=RATE, size=-16, channels=2)
    except pygame.error:
        os.environ["SDL_AUDIODRIVER"] = "dummy"
        try:
            pygame.mixer.init(frequency=RATE, size=-16, channels=2)
        except pygame.error:
            pass  # silent: the game has no sound it depends on


def clamp_size(size: tuple[int, int] | None) -> tuple[int, int]:
    w, h = size or DEFAULT_SIZE
    return max(MIN_SIZE[0], w), max(MIN_SIZE[1], h)


def open_window(size: tuple[int, int]) -> pygame.Surface:
    pygame.display.set_caption("Safety Net")
    return pygame.display.set_mode(clamp_size(size), pygame.RESIZABLE)


def window_handle() -> pygame.Window | None:
    """The SDL window behind the display surface, with the minimum size set.

    Resizing and full screen go through this handle: calling `set_mode` again would destroy
    and recreate the X window (a visible flicker and jump, and a new window id).
    """
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # pygame-ce 2.5 deprecates this for new code
            window = pygame.Window.from_display_module()
        window.minimum_size = MIN_SIZE
        return window
    except (AttributeError, pygame.error):
        return None


def screen() -> pygame.Surface:
    """The window's surface (the app opens the window before any frame or resize)."""
    surface = pygame.display.get_surface()
    if surface is None:
        raise pygame.error("no window is open")
    return surface


class App:
    def __init__(self, ctx: UiContext, stack: SceneStack):
        self.ctx = ctx
        self.stack = stack
        self.window = window_handle()
        self.fullscreen = False

    def handle(self, event: pygame.event.Event) -> None:
        top = self.stack.top
        intent = map_event(event) if top is None else top.keymap.map(event)
        if intent is not None and intent.act is Act.FULLSCREEN:
            self.toggle_fullscreen()
        elif intent is not None and intent.act is Act.RESIZE:
            self.on_resize()
        elif intent is not None and intent.act is Act.QUIT:
            self.stack.close_all()
        elif event.type == pygame.MOUSEWHEEL and \
                self.ctx.scrolls.wheel(pygame.mouse.get_pos(), -int(event.y)):
            return  # a text box too short for its text scrolled (kit/text.py)
        else:
            self.stack.handle(event)

    def toggle_fullscreen(self) -> None:
        if self.window is None:
            return
        try:
            if self.fullscreen:
                self.window.set_windowed()
            else:
                self.window.set_fullscreen(True)
            self.fullscreen = not self.fullscreen
        except pygame.error:
            return
        # F11 and the settings screen agree on what the screen shows (F11 is not saved).
        self.ctx.settings = self.ctx.settings.with_(fullscreen=self.fullscreen)
        self.on_resize()

    def apply_settings(self, settings: Settings) -> None:
        """The settings screen changed something: full screen, then re-layout every scene
        (the context has already rebuilt its theme and translator and cleared the cache)."""
        if settings.fullscreen != self.fullscreen:
            self.toggle_fullscreen()
        self.stack.resize()

    def on_resize(self) -> None:
        """Clamp to the minimum size (window managers may ignore the hint), then re-layout."""
        size = screen().get_size()
        if not self.fullscreen and clamp_size(size) != size:
            if self.window is not None:
                self.window.size = clamp_size(size)
            else:
                open_window(size)
        size = screen().get_size()
        if size != self.ctx.size:
            self.ctx.resize(size)
            self.stack.resize()

    def frame(self, dt_ms: int) -> None:
        """One frame: update the top scene, then draw the stack."""
        self.stack.update(min(dt_ms, MAX_FRAME_MS))
        if self.stack.running:
            surface = screen()
            self.ctx.scrolls.begin_frame()
            self.stack.draw(surface)
            pygame.display.flip()

    def run(self) -> int:
        clock = pygame.time.Clock()
        pace = 0  # the first frame at once: a paced tick would first sleep out 1/FPS
        try:
            while self.stack.running:
                dt = clock.tick(pace)
                pace = FPS
                for event in pygame.event.get():
                    self.handle(event)
                    if not self.stack.running:
                        break
                if self.stack.running:
                    self.frame(dt)
        finally:
            self.stack.close_all()
            pygame.quit()
        return 0


def read_settings() -> Settings:
    """The player's settings; a bad file is reported on stderr and never stops the game."""
    settings, problem = load_settings(paths.settings_path())
    if problem:
        print(f"safetynet: {problem}", file=sys.stderr)
    return settings


def build_app(window: tuple[int, int] | None, services: Services | None,
              first: Callable[[UiContext], list[Scene]],
              settings: Settings | None = None, mode: str = "practice") -> App:
    """Open the window and build the context and scene stack (shared by both entry points)."""
    settings = settings or Settings()
    init_pygame()
    surface = open_window(window or DEFAULT_SIZE)
    ctx = UiContext(make_theme(settings.palette, settings.text_size), services,
                    surface.get_size(), t=Translator(settings.language), settings=settings,
                    mode=mode)
    from game.ui.kit.dialogs import HelpOverlay
    stack = SceneStack(help_factory=lambda: HelpOverlay.over(ctx, stack.top))
    for scene in first(ctx):
        stack.push(scene)
    app = App(ctx, stack)
    ctx.on_settings = app.apply_settings
    if settings.fullscreen:
        app.toggle_fullscreen()
    return app


def first_scenes(ctx: UiContext, scenario_id: str | None, profile: str | None,
                 tutorial: bool = False) -> list[Scene]:
    """Title and picker; with a scenario id, also its briefing (Esc still backs out).
    `tutorial` (first start: settings.tutorial_seen is false) opens the tutorial on top, with
    the profile picker above it when no profile was chosen yet."""
    scenes: list[Scene] = [open_screen("title", ctx)]
    if scenario_id:
        scenes.append(open_screen("picker", ctx))
        scenario = ctx.scenario_finder()(scenario_id)
        if scenario is not None:
            scenes.append(open_screen("briefing", ctx, scenario, profile))
    elif tutorial:
        scenes.append(open_screen("tutorial", ctx))
        from game.app.profiles import needs_profile
        if ctx.services is not None and needs_profile():
            # Who is playing comes before the tutorial, which is recorded like any session.
            scenes.append(open_screen("profiles", ctx, True))
    return scenes


def workshop_first_scenes(ctx: UiContext, scenario_id: str | None, profile: str | None
                          ) -> list[Scene]:
    """`safetynet play --mode workshop [ID]`: the title (Esc backs out to it), then setup."""
    return [open_screen("title", ctx), open_screen("workshop-setup", ctx, scenario_id, profile)]


def run_game(scenario_id: str | None = None, seed: int | None = None,
             window: tuple[int, int] | None = None, mode: str = "practice",
             profile: str | None = None, risk_weight: float | None = None) -> int:
    from game.app.sessions import Launch, catalogue_loader, live_starter
    from game.ui.shell.services import default_services, start_live_sender
    settings = read_settings()
    init_pygame()  # before the sound bank opens the mixer
    first: Callable[[UiContext], list[Scene]] = lambda ctx: first_scenes(  # noqa: E731
        ctx, scenario_id, profile, tutorial=not settings.tutorial_seen)
    if mode == "workshop":  # the facilitator's setup instead of the picker
        first = lambda ctx: workshop_first_scenes(ctx, scenario_id, profile)  # noqa: E731
    services = default_services(seed, mode, settings, risk_weight)
    app = build_app(window, services, first, settings, mode)
    # Each session starts in the mode and pace chosen at that moment (title menu, settings).
    services.start_session = live_starter(Launch(seed, risk_weight), lambda: app.ctx.mode,
                                          lambda: app.ctx.settings.pace)
    # The vignettes' words follow the language chosen at that moment, like the interface.
    services.catalogue = catalogue_loader(language=lambda: app.ctx.settings.language)
    problem = load_settings(paths.settings_path())[1]
    if problem and hasattr(app.stack.scenes[0], "notice"):
        app.stack.scenes[0].notice = problem  # the title says it too (Settings has the rest)
    stop_live_sender = start_live_sender(services)
    try:
        return app.run()
    finally:
        stop_live_sender()  # a last delivery attempt; the rest waits in the on-disk queue


def parse_window(window: tuple[int, int] | str | None) -> tuple[int, int] | None:
    """The CLI passes the replay viewer's --window unparsed ("1280x720")."""
    if window is None or isinstance(window, tuple):
        return window
    try:
        w, h = (int(x) for x in window.lower().split("x"))
    except ValueError:
        return None
    return w, h


def run_replay_viewer(log: str | Path, window: tuple[int, int] | str | None = None) -> int:
    window = parse_window(window)
    from game.app.sessions import catalogue_loader
    from game.ui.review.model import load_replay
    settings = read_settings()
    catalogue = catalogue_loader(language=lambda: settings.language)()
    app = build_app(window, None, lambda ctx: [open_screen(
        "replay", ctx, load_replay(str(log), catalogue.get, ctx.t))], settings)
    return app.run()
