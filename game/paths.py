"""Where scenarios, assets and the user's own data live (no global state: plain functions)."""

from __future__ import annotations

import os
from pathlib import Path

import platformdirs

PROJECT_ROOT = Path(__file__).resolve().parent.parent


def scenarios_dir() -> Path:
    return Path(os.environ.get("SAFETYNET_SCENARIOS") or PROJECT_ROOT / "scenarios")


def assets_dir() -> Path:
    return PROJECT_ROOT / "assets"


def user_data_dir() -> Path:
    """The player's own folder; SAFETYNET_HOME overrides it (tests, portable installs)."""
    override = os.environ.get("SAFETYNET_HOME")
    return Path(override) if override else Path(platformdirs.user_data_dir("safetynet", False))


def logs_dir() -> Path:
    return user_data_dir() / "logs"


def settings_path() -> Path:
    override = os.environ.get("SAFETYNET_HOME")
    base = Path(override) if override else Path(platformdirs.user_config_dir("safetynet", False))
    return base / "settings.json"
