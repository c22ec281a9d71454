"""Translation of the UI chrome (buttons, headings, help), gettext-style.

The English text in the code is the message id; `assets/i18n/<lang>.json` maps it to the
translation. A missing entry falls back to English, so a partial catalogue never breaks a
screen. Scenario content is not translated here: vignettes are authored per language.
A `Translator` is passed to the UI explicitly (no global language state).
"""

from __future__ import annotations

import json
import re
from pathlib import Path

from game.paths import assets_dir

LANGUAGES = {"en": "English", "de": "Deutsch"}
_FIELD = re.compile(r"\{[a-z_]+\}")


class Translator:
    def __init__(self, language: str = "en", folder: Path | None = None):
        self.language = language if language in LANGUAGES else "en"
        self.catalogue: dict[str, str] = {}
        if self.language != "en":
            path = (folder or assets_dir() / "i18n") / f"{self.language}.json"
            try:
                data = json.loads(path.read_text(encoding="utf-8"))
                self.catalogue = {k: v for k, v in data.items()
                                  if isinstance(k, str) and isinstance(v, str)}
            except (OSError, ValueError):
                self.catalogue = {}

    def __call__(self, message: str, **values: object) -> str:
        text = self.catalogue.get(message, message)
        return text.format(**values) if values else text


def format_fields(text: str) -> set[str]:
    """The `{name}` fields of a message; a translation must keep exactly the same ones."""
    return set(_FIELD.findall(text))
