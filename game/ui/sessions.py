"""Starting interactive sessions: seed, pseudonymous player id, log file, procedure views.

Logs are learning material, not evidence: the player is a random id stored once on this
machine, never a name. Every interactive session writes its own timestamped log.
"""

from __future__ import annotations

import importlib
import secrets
import sys
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from game import paths
from game.config import Settings
from game.content.catalogue import Catalogue, load_catalogue
from game.core.model import Scenario
from game.core.state import SessionConfig
from game.replay.session import RecordedSession
from game.scoring.params import ModelParams
from game.ui.context import Services

if TYPE_CHECKING:
    from game.ui.procedures import ProcedureView


def player_id(folder: Path | None = None) -> str:
    """The pseudonymous id of whoever plays on this machine, created on first use."""
    folder = folder or paths.user_data_dir()
    path = folder / "player_id"
    try:
        text = path.read_text(encoding="utf-8").strip()
        if text:
            return text
    except OSError:
        pass
    new = f"sup-{secrets.token_hex(4)}"
    try:
        folder.mkdir(parents=True, exist_ok=True)
        path.write_text(new + "\n", encoding="utf-8")
    except OSError:
        pass  # a read-only home still lets the player play; the id is then per session
    return new


def log_path(scenario_id: str, now: datetime, folder: Path | None = None) -> Path:
    """`logs/YYYYmmdd-HHMMSS_<scenario>.jsonl`, with -2, -3... if that second is taken."""
    folder = folder or paths.logs_dir()
    stem = f"{now:%Y%m%d-%H%M%S}_{scenario_id}"
    path = folder / f"{stem}.jsonl"
    n = 2
    while path.exists():
        path = folder / f"{stem}-{n}.jsonl"
        n += 1
    return path


def new_seed() -> int:
    return secrets.randbelow(2**31 - 1) + 1


def session_starter(seed: int | None, mode: str, pace: str = "normal",
                    params: ModelParams | None = None
                    ) -> Callable[[Scenario, str], RecordedSession]:
    """A function that starts a logged session of a scenario with a trainee profile.

    A fixed `seed` (from --seed) is used for every session so a facilitator can rerun one;
    otherwise each session draws a fresh one.
    """
    def start(scenario: Scenario, profile: str) -> RecordedSession:
        now = datetime.now(UTC)
        config = SessionConfig(scenario.id, seed if seed is not None else new_seed(), profile,
                               pace, mode)
        return RecordedSession(scenario, config, params or ModelParams(),
                               log_path(scenario.id, now.astimezone()), player=player_id(),
                               started_at=now.isoformat(timespec="seconds"),
                               extra_header={"client": "pygame"})
    return start


def procedure_view(name: str) -> ProcedureView | None:
    """The procedure view from the registry, or None (the play scene then draws a panel)."""
    try:
        registry = importlib.import_module("game.ui.procedures.registry")
        return registry.view_for(name)
    except Exception as exc:  # noqa: BLE001 -- a drawing module must never stop the game
        print(f"safetynet: procedure view {name!r} unavailable ({exc})", file=sys.stderr)
        return None


def catalogue_loader(directory: Path | None = None) -> Callable[[], Catalogue]:
    """Reloads the library each time it is asked: authors edit files while the game runs."""
    return lambda: load_catalogue(directory or paths.scenarios_dir())


def default_services(seed: int | None, mode: str, settings: Settings | None = None,
                     risk_weight: float | None = None) -> Services:
    """The real services: the shipped library, logged sessions, sound and voice per settings."""
    settings = settings or Settings()
    from game.ui.sound import SoundBank
    from game.ui.voice import Voice
    bank = SoundBank(volume=settings.volume, muted=settings.muted)
    voice = Voice(enabled=settings.self_voicing, language=settings.language)
    return Services(catalogue=catalogue_loader(),
                    start_session=session_starter(
                        seed, mode, settings.pace,
                        ModelParams(risk_weight=risk_weight) if risk_weight else None),
                    procedure_view=procedure_view, cue=bank.play, say=voice.say)
