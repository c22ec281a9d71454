"""The real services a pygame run hands its scenes: the library, session starts, procedure
views, sound and voice. Session rules live in `game.app.sessions`; this only wires them."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from game.app.sessions import Launch, catalogue_loader, live_starter
from game.config import Settings
from game.ui.kit.motion import procedure_view
from game.ui.shell.context import Services

if TYPE_CHECKING:
    pass


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
    return Services(catalogue=catalogue_loader(),
                    start_session=live_starter(Launch(seed, risk_weight), mode_now, pace_now),
                    procedure_view=procedure_view, cue=bank.play, say=voice.say,
                    launch=Launch(seed, risk_weight))
