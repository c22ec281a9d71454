"""docs/scoring-model.md and params.py cannot drift apart."""

from __future__ import annotations

from pathlib import Path

from game.scoring.params import PARAMETER_TABLE

DOC = Path(__file__).resolve().parents[2] / "docs" / "scoring-model.md"


def test_every_parameter_row_is_in_the_scoring_model_doc():
    text = DOC.read_text(encoding="utf-8")
    for name, value, source in PARAMETER_TABLE:
        assert f"| {name} | {value} | {source} |" in text, name
