"""The real services a pygame run hands its scenes: the library, session starts, procedure
views, sound and voice. Session rules live in `game.app.sessions`; this only wires them."""

from __future__ import annotations

import sys
from collections.abc import Callable
from typing import TYPE_CHECKING

from game.app.sessions import Launch, catalogue_loader, live_starter
from game.config import Settings
from game.ui.kit.motion import procedure_view
from game.ui.shell.context import Services

if TYPE_CHECKING:
    from game.core.model import Scenario


def default_services(seed: int | None, mode: str | Callable[[], str],
                     settings: Settings | None = None, risk_weight: float | None = None,
                     pace: Callable[[], str] | None = None) -> Services:
    """The real services: the shipped library, logged sessions, sound and voice per settings.

    `mode` and `pace` may be functions, read at each session start (the title menu and the
    settings screen change them while the game runs)."""
    settings = settings or Settings()
    from game.ui.shell.sound import SoundBank
    from game.ui.shell.voice import Voice
    bank = SoundBank(volume=settings.volume, muted=settings.muted)
    voice = Voice(enabled=settings.self_voicing, language=settings.language)
    fixed_mode, fixed_pace = mode, settings.pace
    mode_now = mode if callable(mode) else (lambda: str(fixed_mode))
    pace_now = pace or (lambda: fixed_pace)
    return Services(catalogue=catalogue_loader(language=lambda: settings.language),
                    start_session=live_starter(Launch(seed, risk_weight), mode_now, pace_now),
                    procedure_view=procedure_view, cue=bank.play, say=voice.say,
                    launch=Launch(seed, risk_weight))


def start_live_sender(services: Services) -> Callable[[], None]:
    """Send learning records live when the programme's lrs.json says `"live": true`.

    The sender runs on its own thread and takes only a log path from the game, so no frame
    ever waits for the network; what cannot be delivered stays in the on-disk queue. Returns
    the function that stops it (a no-op when live sending is off). Nothing is imported unless
    lrs.json exists, so start-up stays light for everyone else."""
    from game.paths import lrs_config_path
    if not lrs_config_path().exists():
        return lambda: None
    from game.interop.live import LiveSender
    from game.interop.lrs import LrsError
    try:
        # The game's own library: a log recorded against another version of a vignette
        # fails verification in the sender and is kept as a problem, never sent wrong. The
        # statements name things as written (their language maps say "en").
        sender = LiveSender.from_config(
            lambda sid, _sha: _as_written(services.catalogue().get(sid)))
    except (LrsError, ValueError, OSError) as exc:
        print(f"learning records: live sending is off: {exc}", file=sys.stderr)
        return lambda: None
    if sender is None:
        return lambda: None
    services.session_logged = sender.log_updated

    def stop() -> None:
        sender.close()
    return stop


def _as_written(scenario: Scenario | None) -> Scenario | None:
    return scenario.as_written() if scenario is not None else None
