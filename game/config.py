"""Player settings, persisted as a readable JSON file in the user's config folder.

A missing file gives the defaults; a corrupt or partly wrong file is reported (one line the
settings screen shows) and the bad values are replaced by defaults. It never stops the game,
and nothing is lost: before the file can be overwritten, its bytes are kept aside as
`settings.bad-<hash>.json` beside it (the same content is kept once, however often it is read).
Only a regular file of at most `MAX_SETTINGS_BYTES` is read, so a FIFO or a device cannot hang
the start, and JSON nested too deeply is refused like any other corrupt file.
"""

from __future__ import annotations

import hashlib
import json
import os
from dataclasses import asdict, dataclass, fields, replace
from pathlib import Path
from typing import Any

SETTINGS_VERSION = 1
MAX_SETTINGS_BYTES = 64 * 1024

CHOICES: dict[str, tuple] = {
    "text_size": ("small", "normal", "large", "x-large"),
    "palette": ("default", "high-contrast"),
    "pace": ("slower", "normal", "faster"),
    "language": ("en", "de"),
    "mode": ("practice", "assessment"),
}


@dataclass(frozen=True)
class Settings:
    text_size: str = "normal"
    palette: str = "default"
    pace: str = "normal"
    language: str = "en"
    mode: str = "practice"
    volume: float = 0.6
    muted: bool = False
    self_voicing: bool = False
    show_meters: bool = True
    fullscreen: bool = False
    tutorial_seen: bool = False
    data_folder: str = ""
    """Where history, logs and exports live; empty means the platform's user data folder.
    Set by hand in settings.json (a portable install, a shared drive); SAFETYNET_HOME wins."""

    def with_(self, **changes: Any) -> Settings:
        return replace(self, **changes)


def _valid(name: str, value: object, default: object) -> bool:
    if name in CHOICES:
        return value in CHOICES[name]
    if isinstance(default, bool):
        return isinstance(value, bool)
    if name == "data_folder":
        return _valid_folder(value)
    if isinstance(default, float):
        return isinstance(value, (int, float)) and not isinstance(value, bool) and 0 <= value <= 1
    return False


MAX_FOLDER_CHARS = 1024


def _valid_folder(value: object) -> bool:
    """Empty (the default folder) or an absolute path; `~` is allowed and expanded on use."""
    if not isinstance(value, str) or len(value) > MAX_FOLDER_CHARS or "\0" in value:
        return False
    return value == "" or Path(value).expanduser().is_absolute()


def load_settings(path: Path) -> tuple[Settings, str | None]:
    """The settings, and a problem to show the player (None when the file was fine)."""
    if not path.exists():
        return Settings(), None
    from game.replay.reader import read_bytes
    raw = b""
    try:
        raw = read_bytes(path, MAX_SETTINGS_BYTES)
        data = json.loads(raw.decode("utf-8"))
        if not isinstance(data, dict):
            raise ValueError("not a JSON object")
    except (OSError, ValueError, RecursionError) as exc:
        why = "nested too deeply" if isinstance(exc, RecursionError) else \
            getattr(exc, "strerror", None) or str(exc)
        return Settings(), f"{path.name} could not be read ({_short(why)}); defaults are " \
                           f"used{_kept(path, raw)}"
    defaults = Settings()
    values: dict[str, Any] = {}  # JSON values, each checked by _valid before it is kept
    bad: list[str] = []
    for f in fields(Settings):
        if f.name not in data:
            continue
        value = data[f.name]
        if _valid(f.name, value, getattr(defaults, f.name)):
            values[f.name] = float(value) if f.type == "float" else value
        else:
            bad.append(f.name)
    problem = f"{path.name}: invalid {', '.join(bad)} replaced by defaults{_kept(path, raw)}" \
        if bad else None
    return Settings(**values), problem


def _short(text: str) -> str:
    return text if len(text) <= 80 else text[:77] + "..."


def _kept(path: Path, raw: bytes) -> str:
    """Keep the original bytes beside the file; the words to add to the problem. A regular
    file too large to read is moved aside whole instead."""
    if not raw:
        if not path.is_file():
            return ""
        aside = path.with_name(f"{path.stem}.bad-large-{path.stat().st_size}.json")
        try:
            os.replace(path, aside)
        except OSError:
            return " (the original could not be kept aside)"
        return f" (the original is kept as {aside.name})"
    aside = path.with_name(f"{path.stem}.bad-{hashlib.sha256(raw).hexdigest()[:8]}.json")
    try:
        if not aside.exists():
            tmp = aside.with_suffix(".tmp")
            tmp.write_bytes(raw)
            os.replace(tmp, aside)
    except OSError:
        return " (the original could not be kept aside)"
    return f" (the original is kept as {aside.name})"


def save_settings(path: Path, settings: Settings) -> None:
    """Write atomically (temp file, then rename) so a crash never leaves half a file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".tmp")
    tmp.write_text(json.dumps({"version": SETTINGS_VERSION, **asdict(settings)}, indent=2),
                   encoding="utf-8")
    os.replace(tmp, path)
