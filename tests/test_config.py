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


def test_deeply_nested_settings_never_stop_the_game_and_are_kept_aside(tmp_path):
    path = tmp_path / "settings.json"
    original = "[" * 30_000 + "]" * 30_000
    path.write_text(original)
    settings, problem = load_settings(path)
    assert settings == Settings() and "nested too deeply" in problem
    kept = [p for p in tmp_path.iterdir() if p.name.startswith("settings.bad-")]
    assert len(kept) == 1 and kept[0].read_text() == original and kept[0].name in problem
    load_settings(path)  # read again (the settings screen does): kept once, not twice
    assert len([p for p in tmp_path.iterdir() if p.name.startswith("settings.bad-")]) == 1


def test_partly_bad_settings_are_kept_aside_before_being_replaced(tmp_path):
    path = tmp_path / "settings.json"
    path.write_text(json.dumps({"volume": float("nan"), "muted": "yes", "pace": "slower"}))
    settings, problem = load_settings(path)
    assert settings.pace == "slower" and "volume" in problem and "muted" in problem
    assert "kept as settings.bad-" in problem


def test_a_fifo_or_folder_named_settings_is_reported(tmp_path):
    import os
    fifo = tmp_path / "settings.json"
    os.mkfifo(fifo)
    settings, problem = load_settings(fifo)
    assert settings == Settings() and "not a regular file" in problem
    folder = tmp_path / "other" / "settings.json"
    folder.mkdir(parents=True)
    assert "could not be read" in load_settings(folder)[1]


def test_a_huge_settings_file_is_moved_aside_whole(tmp_path):
    path = tmp_path / "settings.json"
    path.write_text(" " * 1_000_000 + "{}")
    settings, problem = load_settings(path)
    assert settings == Settings() and "larger than 64 KB" in problem
    assert not path.exists() and (tmp_path / "settings.bad-large-1000002.json").exists()


def test_the_data_folder_setting_moves_history_and_logs(tmp_path, monkeypatch):
    from game import paths
    monkeypatch.delenv("SAFETYNET_HOME", raising=False)
    config_file = tmp_path / "config" / "settings.json"
    monkeypatch.setattr(paths, "settings_path", lambda: config_file)
    chosen = tmp_path / "shared drive" / "safetynet"
    save_settings(config_file, Settings(data_folder=str(chosen)))
    assert paths.user_data_dir() == chosen and paths.logs_dir() == chosen / "logs"
    save_settings(config_file, Settings())  # back to the platform's folder
    assert paths.user_data_dir() != chosen


def test_safetynet_home_wins_over_the_data_folder_setting(tmp_path, monkeypatch):
    from game import paths
    monkeypatch.setenv("SAFETYNET_HOME", str(tmp_path / "home"))
    save_settings(tmp_path / "home" / "settings.json",
                  Settings(data_folder=str(tmp_path / "elsewhere")))
    assert paths.user_data_dir() == tmp_path / "home"


def test_a_relative_or_odd_data_folder_is_reported_and_ignored(tmp_path):
    path = tmp_path / "settings.json"
    for bad in ("logs/here", 42, "/x\0y", "/" + "a" * 2000):
        path.write_text(json.dumps({"data_folder": bad, "pace": "slower"}))
        settings, problem = load_settings(path)
        assert settings.data_folder == "" and settings.pace == "slower"
        assert "data_folder" in problem
    path.write_text(json.dumps({"data_folder": "~/safetynet"}))
    assert load_settings(path) == (Settings(data_folder="~/safetynet"), None)
