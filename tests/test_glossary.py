"""The glossary says the same everywhere and agrees with the model it explains."""

from __future__ import annotations

import json
import re
from pathlib import Path

from game.paths import assets_dir
from game.replay.glossary import GLOSSARY, glossary
from game.scoring.params import ModelParams

ROOT = Path(__file__).resolve().parent.parent


def test_the_doc_says_what_the_game_says():
    doc = (ROOT / "docs" / "glossary.md").read_text(encoding="utf-8")
    for term, meaning in GLOSSARY:
        assert f"**{term}.** {meaning}" in doc, term
    assert "docs/glossary.md" in (ROOT / "README.md").read_text(encoding="utf-8")


def test_the_terms_the_issue_names_are_all_there():
    terms = {term for term, _ in GLOSSARY}
    assert {"Points", "Q (Q-value)", "Regret", "Risk weight", "Safety rating", "Rung",
            "Window", "Best moment", "Last safe moment"} <= terms


def test_the_last_safe_moment_uses_the_model_threshold():
    meaning = dict(GLOSSARY)["Last safe moment"]
    percent = float(re.search(r"(\d+)% chance", meaning).group(1))
    assert percent == ModelParams().eps_last_safe * 100


def test_every_entry_has_a_german_translation():
    german = json.loads((assets_dir() / "i18n" / "de.json").read_text(encoding="utf-8"))
    for term, meaning in GLOSSARY:
        assert german.get(term, "").strip() and german.get(meaning, "").strip(), term
    assert glossary(lambda s, **_: german[s])[0][0] == german["Points"]
