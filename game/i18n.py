"""Translation of the UI chrome (buttons, headings, help), gettext-style.

The English text in the code is the message id; `assets/i18n/<lang>.json` maps it to the
translation. A missing entry falls back to English, so a partial catalogue never breaks a
screen. Scenario content is not translated here: vignettes are authored per language.
A `Translator` is passed to the UI explicitly (no global language state).
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

from game.paths import assets_dir

LANGUAGES = {"en": "English", "de": "Deutsch"}

Tr = Callable[..., str]
"""A translator: `t("English {x}", x=1)` (a `Translator`, or `english`)."""


def english(message: str, **values: object) -> str:
    """The identity translator: presenters default to it (tests, callers without a UI)."""
    return message.format(**values) if values else message


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
        if self.language in DECIMAL_COMMA:  # "{x:.2f}" writes 0,25 in German, not 0.25
            values = {k: _CommaDecimal(v) if type(v) is float else v for k, v in values.items()}
        return text.format(**values) if values else text


DECIMAL_COMMA = frozenset({"de"})
"""Languages that write a decimal comma."""


class _CommaDecimal(float):
    """A float that formats with a decimal comma (the grouping, if asked for, with a point)."""

    def __format__(self, spec: str) -> str:
        return format(float(self), spec).translate(_SWAP)

    def __str__(self) -> str:
        return format(self, "")


_SWAP = str.maketrans({".": ",", ",": "."})


def local_number(value: float, spec: str, language: str) -> str:
    """`value` formatted by `spec` with `language`'s decimal separator: German writes 1,5
    where English writes 1.5 (a grouping comma becomes a point)."""
    text = format(value, spec)
    return text.translate(_SWAP) if language in DECIMAL_COMMA else text
