from __future__ import annotations

import json

from game.config import Settings, load_settings, save_settings


def test_missing_file_gives_defaults(tmp_path):
    assert load_settings(tmp_path / "settings.json") == (Settings(), None)


def test_round_trip(tmp_path):
    path = tmp_path / "cfg" / "settings.json"
    wanted = Settings(text_size="x-large", palette="high-contrast", volume=0.25, muted=True)
    save_settings(path, wanted)
    assert load_settings(path) == (wanted, None)
    assert json.loads(path.read_text())["version"] == 1


def test_corrupt_file_is_reported_and_replaced(tmp_path):
    path = tmp_path / "settings.json"
    path.write_text("{not json")
    settings, problem = load_settings(path)
    assert settings == Settings() and "could not be read" in problem


def test_bad_values_fall_back_one_by_one(tmp_path):
    path = tmp_path / "settings.json"
    path.write_text(json.dumps({"text_size": "huge", "volume": 7, "muted": True,
                                "pace": "slower"}))
    settings, problem = load_settings(path)
    assert settings.muted and settings.pace == "slower"
    assert settings.text_size == "normal" and settings.volume == Settings().volume
    assert "text_size" in problem and "volume" in problem
