"""The real services a pygame run hands its scenes: the library, session starts, procedure
views, sound and voice. Session rules live in `game.app.sessions`; this only wires them."""

from __future__ import annotations

import importlib
import sys
from collections.abc import Callable
from typing import TYPE_CHECKING

from game.app.sessions import Launch, catalogue_loader, live_starter
from game.config import Settings
from game.ui.shell.context import Services

if TYPE_CHECKING:
    from game.ui.procedures import ProcedureView


def procedure_view(name: str) -> ProcedureView | None:
    """The procedure view from the registry, or None (the play scene then draws a panel)."""
    try:
        registry = importlib.import_module("game.ui.procedures.registry")
        return registry.view_for(name)
    except Exception as exc:  # noqa: BLE001 -- a drawing module must never stop the game
        print(f"safetynet: procedure view {name!r} unavailable ({exc})", file=sys.stderr)
        return None


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
