"""Where scenarios, assets and the user's own data live (no global state: plain functions)."""

from __future__ import annotations

import os
from pathlib import Path

import platformdirs

PROJECT_ROOT = Path(__file__).resolve().parent.parent


def scenarios_dir() -> Path:
    return Path(os.environ.get("SAFETYNET_SCENARIOS") or PROJECT_ROOT / "scenarios")


def tutorial_file() -> Path:
    """The tutorial vignette: shipped outside the library folder, so the picker never lists
    it, but its logs are reviewed like any other."""
    return PROJECT_ROOT / "scenarios" / "tutorial" / "first_steps.yaml"


def assets_dir() -> Path:
    return PROJECT_ROOT / "assets"


def user_data_dir() -> Path:
    """The player's own folder: SAFETYNET_HOME if set (tests, portable installs), else the
    `data_folder` setting in settings.json, else the platform's user data folder."""
    override = os.environ.get("SAFETYNET_HOME")
    if override:
        return Path(override)
    chosen = _chosen_data_folder(settings_path())
    return chosen or Path(platformdirs.user_data_dir("safetynet", False))


_folder_cache: dict[Path, tuple[tuple[int, int], Path | None]] = {}


def _chosen_data_folder(path: Path) -> Path | None:
    """The folder the settings name, read again only when the file changes (this is asked
    on every save and every list of the history)."""
    try:
        stat = path.stat()
    except OSError:
        return None
    stamp = (stat.st_mtime_ns, stat.st_size)
    cached = _folder_cache.get(path)
    if cached and cached[0] == stamp:
        return cached[1]
    from game.config import load_settings  # config imports nothing from here at load
    folder = load_settings(path)[0].data_folder
    chosen = Path(folder).expanduser() if folder else None
    _folder_cache[path] = (stamp, chosen)
    return chosen


def logs_dir() -> Path:
    return user_data_dir() / "logs"


def lrs_config_path() -> Path:
    """The programme's Learning Record Store settings (lrs.json), beside settings.json; here
    so the game can ask whether it exists without importing the HTTP client."""
    return settings_path().parent / "lrs.json"


def settings_path() -> Path:
    override = os.environ.get("SAFETYNET_HOME")
    base = Path(override) if override else Path(platformdirs.user_config_dir("safetynet", False))
    return base / "settings.json"
