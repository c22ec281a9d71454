"""The pure layers never import pygame, and randomness only comes from the session RNG."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

GAME = Path(__file__).resolve().parent.parent / "game"
PURE = [p for p in ("core", "content", "scoring", "replay", "app", "web", "interop", "store")
        if (GAME / p).is_dir()]
"""Packages that never import pygame (the application layer and both front ends' shared
rules included): only game/ui draws."""


def imports_of(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(a.name.split(".")[0] for a in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module.split(".")[0])
    return names


@pytest.mark.parametrize("package", PURE)
def test_pure_layers_do_not_import_pygame(package):
    offenders = [str(p) for p in (GAME / package).rglob("*.py") if "pygame" in imports_of(p)]
    assert not offenders


def test_only_ui_imports_pygame():
    offenders = [str(p.relative_to(GAME)) for p in GAME.rglob("*.py")
                 if "pygame" in imports_of(p) and p.relative_to(GAME).parts[0] != "ui"]
    assert not offenders


def test_no_module_level_randomness():
    offenders = []
    for path in GAME.rglob("*.py"):
        text = path.read_text(encoding="utf-8")
        if "import random" in text or "np.random.seed" in text or "np.random.rand" in text:
            offenders.append(str(path))
    assert not offenders


def test_no_unsafe_loading():
    for path in GAME.rglob("*.py"):
        text = path.read_text(encoding="utf-8")
        assert "yaml.load(" not in text and "unsafe_load" not in text, path
        assert not re.search(r"(?<![\w.])(eval|exec)\(", text), path
        assert "import pickle" not in text, path


def test_only_ui_and_cli_import_the_ui():
    """The layers below the UI never reach up into it (game.cli starts the window)."""
    offenders = []
    for path in GAME.rglob("*.py"):
        rel = path.relative_to(GAME)
        if rel.parts[0] in ("ui",) or rel.name in ("cli.py", "__main__.py"):
            continue
        text = path.read_text(encoding="utf-8")
        if re.search(r"^\s*(from|import) game\.ui\b", text, re.M):
            offenders.append(str(rel))
    assert not offenders


KEY_READERS = {"ui/shell/input.py", "ui/kit/text_entry.py"}
"""The one key table, and the text entry (typed text is text, not shortcuts)."""


def _reads_key_codes(path: Path) -> list[int]:
    """Lines where a module looks at a key press itself (`event.key`, `KEYDOWN`)."""
    lines = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Attribute) and node.attr in ("key", "KEYDOWN") and \
                isinstance(node.value, ast.Name) and node.value.id in ("event", "pygame"):
            lines.append(node.lineno)
    return lines


def test_key_presses_become_intents_only_in_the_key_table():
    """Screens declare their keys as a layer of `shell.input.PLAYER_KEYS` and act on intents;
    no screen turns a key press into an action itself (issue 11: "input mapped once")."""
    offenders = [f"{p.relative_to(GAME)}:{line}" for p in (GAME / "ui").rglob("*.py")
                 if str(p.relative_to(GAME)) not in KEY_READERS
                 for line in _reads_key_codes(p)]
    assert not offenders, offenders
