"""Starting sessions: seed, pseudonymous player id, log file, mode, pace and risk weight.

Every front end (the pygame window, the workshop's web server, a test) starts a session
here, so practice, assessment, workshop and tutorial sessions get their seed, pace and risk
weight by the same rules: a `Launch` holds what the command line fixed for the whole run
(`--seed`, `--risk-weight`); the pace comes from the player's settings at the moment the
session starts; a workshop's weight is the facilitator's choice.

Logs are learning material, not evidence: the player is a random id stored once on this
machine, never a name. Every interactive session writes its own timestamped log.
"""

from __future__ import annotations

import secrets
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from game import paths
from game.replay.recorder import RecordingError

if TYPE_CHECKING:
    from game.content.catalogue import Catalogue
    from game.core.model import Scenario
    from game.replay.session import RecordedSession
    from game.scoring.params import ModelParams

MODES = ("practice", "assessment", "workshop")
"""Session modes a player starts (headless runs write "headless")."""
TUTORIAL_SEED = 1
"""Fixed, so every player meets the same first vignette (their choices still matter)."""

Starter = Callable[["Scenario", str], "RecordedSession"]
"""Starts a recorded session of a scenario with a trainee profile."""


@dataclass(frozen=True)
class Launch:
    """What the command line fixed for every session of this run of the game."""

    seed: int | None = None
    """--seed: every session uses it, so a facilitator can rerun one; None draws a new one."""
    risk_weight: float | None = None
    """--risk-weight: the scoring weight; None keeps the model's default (or, in a workshop,
    the facilitator's choice on the setup screen)."""

    def params(self, risk_weight: float | None = None) -> ModelParams:
        """Scoring parameters: an explicit weight first, then --risk-weight, else defaults."""
        from game.scoring.params import ModelParams
        weight = risk_weight if risk_weight is not None else self.risk_weight
        return ModelParams(risk_weight=weight) if weight else ModelParams()


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


def new_log_path(scenario_id: str) -> Path:
    """A fresh log path for a session starting now (local time in the name)."""
    return log_path(scenario_id, datetime.now())


def new_seed() -> int:
    return secrets.randbelow(2**31 - 1) + 1


def start_session(scenario: Scenario, profile: str, mode: str, pace: str = "normal",
                  launch: Launch = Launch(), risk_weight: float | None = None,
                  client: str = "pygame") -> RecordedSession:
    """Start one logged session now. When the log cannot be written (RecordingError, an
    OSError), practice plays on unrecorded with `session.recording_problem` saying why;
    other modes raise it, since their result would not be recorded."""
    from game.core.state import SessionConfig
    from game.replay.session import RecordedSession
    now = datetime.now(UTC)
    seed = launch.seed if launch.seed is not None else new_seed()
    config = SessionConfig(scenario.id, seed, profile, pace, mode)
    args = (scenario, config, launch.params(risk_weight))
    try:
        return RecordedSession(*args, log_path(scenario.id, now.astimezone()),
                               player=player_id(), started_at=now.isoformat(timespec="seconds"),
                               extra_header={"client": client})
    except RecordingError as exc:
        if mode != "practice":
            raise
        session = RecordedSession(*args, None, player=player_id())
        session.not_recorded = exc
        return session


def start_tutorial(scenario: Scenario, pace: str = "normal") -> RecordedSession:
    """The tutorial: a practice session on a fixed seed, not recorded and not in the
    history (it teaches the controls; it is not a result)."""
    from game.core.state import SessionConfig
    from game.replay.session import RecordedSession
    from game.scoring.params import ModelParams
    config = SessionConfig(scenario.id, TUTORIAL_SEED, scenario.trainees[0].id, pace,
                           "practice")
    return RecordedSession(scenario, config, ModelParams(), None, player="tutorial")


def session_starter(seed: int | None, mode: str, pace: str = "normal",
                    params: ModelParams | None = None) -> Starter:
    """A `Starter` with fixed seed, mode, pace and parameters (tests, scripted front ends)."""
    launch = Launch(seed, params.risk_weight if params is not None else None)
    return lambda scenario, profile: start_session(scenario, profile, mode, pace, launch)


def live_starter(launch: Launch, mode: Callable[[], str], pace: Callable[[], str]) -> Starter:
    """A `Starter` that reads the mode and pace at the moment each session starts (the title
    menu and the settings screen change them while the game runs)."""
    return lambda scenario, profile: start_session(scenario, profile, mode(), pace(), launch)


def catalogue_loader(directory: Path | None = None,
                     language: Callable[[], str] | None = None) -> Callable[[], Catalogue]:
    """Reloads the library each time it is asked: authors edit files while the game runs. Its
    words are in `language()` at that moment (the settings screen changes it while the game
    runs), English where a vignette has no usable translation."""
    def load() -> Catalogue:
        from game.content.catalogue import load_catalogue
        return load_catalogue(directory or paths.scenarios_dir(),
                              language=language() if language is not None else "en")
    return load
