"""Every UI chrome string has a German translation with the same placeholders.

The scan reads the source (AST), so it finds every literal handed to the translator anywhere
in game/ui: `ctx.t("...")`, `self.ctx.t("...")` and a bare `t("...")` (a local alias). Strings
kept in tables and translated where they are shown are listed by the presenters' and input's
tables. Other screens add strings over time; re-run this test after adding any.
"""

from __future__ import annotations

import ast
import functools
import json
import re
from pathlib import Path

import pytest

from game.i18n import Translator
from game.paths import assets_dir

UI = Path(__file__).resolve().parents[2] / "game" / "ui"
CATALOGUE = assets_dir() / "i18n" / "de.json"
FIELD = re.compile(r"\{[a-z_]*(?::[^{}]*)?\}")
"""A str.format field, with its format spec ("{n}", "{x:.2f}")."""


def placeholders(text: str) -> list[str]:
    return sorted(FIELD.findall(text))


def _is_translator(func: ast.expr) -> bool:
    if isinstance(func, ast.Name):
        return func.id == "t"
    return isinstance(func, ast.Attribute) and func.attr == "t"


def literal_calls(path: Path) -> tuple[list[str], list[str]]:
    """(message ids, places where the translator got something it cannot look up)."""
    found, bad = [], []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if not (isinstance(node, ast.Call) and _is_translator(node.func) and node.args):
            continue
        arg = node.args[0]
        if isinstance(arg, ast.Constant) and isinstance(arg.value, str):
            found.append(arg.value)
        elif isinstance(arg, ast.JoinedStr):
            bad.append(f"{path.name}:{node.lineno}: an f-string cannot be translated")
    return found, bad


def table_strings() -> list[str]:
    from game.ui.kit.theme import PALETTE_NAMES, TEXT_SIZE_NAMES
    from game.ui.kit.vocabulary import RATINGS, TRANSLATED_TABLES
    from game.ui.settings.settings import PACE_NAMES
    from game.ui.shell.screens import SCREENS, screen_class
    keymaps = {screen_class(name).keymap for name in SCREENS}
    strings = [s for keymap in keymaps for row in (*keymap.help, *keymap.legends)
               for s in (row.keys, row.meaning) if s]  # help rows and footer legends
    for table in (*TRANSLATED_TABLES, PACE_NAMES, PALETTE_NAMES, TEXT_SIZE_NAMES):
        strings.extend(table.values())
    strings += [text for _, word, detail in RATINGS.values() for text in (word, detail)]
    strings += ["Review", "Debrief"]  # outcome buttons, labelled through a variable
    return strings


@functools.cache
def all_message_ids() -> tuple[set[str], list[str]]:
    ids, bad = set(table_strings()), []
    for path in sorted(UI.rglob("*.py")):
        found, problems = literal_calls(path)
        ids.update(found)
        bad.extend(problems)
    return ids, bad


@pytest.fixture(scope="module")
def german() -> dict[str, str]:
    return json.loads(CATALOGUE.read_text(encoding="utf-8"))


def test_the_scan_finds_the_chrome():
    ids, _ = all_message_ids()
    assert {"Start", "Settings", "Result saved", "Rewind"} <= ids
    assert len(ids) > 100


def test_no_fstring_reaches_the_translator():
    _, bad = all_message_ids()
    assert not bad, "\n".join(bad)


def test_every_message_has_a_german_entry(german):
    ids, _ = all_message_ids()
    missing = sorted(i for i in ids if not german.get(i, "").strip())
    assert not missing, f"{len(missing)} strings lack a German entry:\n" + "\n".join(missing)


def test_placeholders_match(german):
    wrong = [k for k, v in german.items() if placeholders(k) != placeholders(v)]
    assert not wrong, f"placeholders differ: {wrong}"


def test_every_german_entry_formats(german):
    """The translation formats with the values the English would get (no stray braces)."""
    for english, text in german.items():
        values = {name: 1.5 for name in re.findall(r"\{([a-z_]*)", english)}
        text.format(**values)


def test_translator_uses_the_catalogue():
    t = Translator("de")
    assert t("Settings") != "Settings"
    assert "3" in t("Choose the trainee (1-{n})", n=3)
    assert Translator("xx")("Settings") == "Settings"


@pytest.mark.parametrize("language", ["en", "de"])
@pytest.mark.parametrize("text_size", ["normal", "x-large"])
def test_workshop_help_fits_at_the_smallest_window(make_ctx, text_size, language):
    import pygame

    from game.ui.kit.dialogs import HelpOverlay
    from game.ui.workshop.keys import WORKSHOP_KEY_HELP
    ctx = make_ctx((1024, 600), text_size=text_size)
    ctx.apply_settings(ctx.settings.with_(language=language, text_size=text_size))
    ctx.recorder = []
    overlay = HelpOverlay(ctx, WORKSHOP_KEY_HELP)
    overlay.resize()
    overlay.draw(pygame.Surface((1024, 600)))
    word = "Einzelabstimmung" if language == "de" else "hot seat"
    assert ctx.recorder and any(word in p.text for p in ctx.recorder)
    for placed in ctx.recorder:
        assert placed.box.contains(placed.rect) and not placed.scrolled, placed.text
