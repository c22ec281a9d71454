"""Interactive sessions: pseudonymous player id, log names, sound and voice hooks."""

from __future__ import annotations

from datetime import datetime

import pygame

from game.app.sessions import log_path, new_seed, player_id
from tests.ui.helpers import press, run_until, start_play


def test_player_id_is_pseudonymous_and_stable(tmp_path):
    first = player_id(tmp_path)
    assert first.startswith("sup-") and len(first) == 12
    assert player_id(tmp_path) == first
    assert (tmp_path / "player_id").read_text().strip() == first


def test_log_names_are_timestamped_and_unique(tmp_path):
    now = datetime(2025, 3, 4, 5, 6, 7)
    path = log_path("lumbar_puncture", now, tmp_path)
    assert path.name == "20250304-050607_lumbar_puncture.jsonl"
    path.write_text("x")
    assert log_path("lumbar_puncture", now, tmp_path).name == \
        "20250304-050607_lumbar_puncture-2.jsonl"


def test_random_seeds_are_positive():
    assert all(new_seed() > 0 for _ in range(20))


# Seed 4: the first lumbar window draws no self-correction or mistake, so it runs to its end
# (format v2 windows can settle early; the cue under test needs the last seconds).
QUIET_WINDOW_SEED = 4


def test_sound_cues_and_voice_follow_the_session(make_ctx, lumbar):
    ctx = make_ctx(seed=QUIET_WINDOW_SEED)
    heard: list[str] = []
    spoken: list[str] = []
    ctx.services.cue = heard.append
    ctx.services.say = spoken.append
    play = start_play(ctx, lumbar)
    play.apply(press(play, pygame.K_s))
    assert spoken and "spinal needle" in spoken[-1]
    run_until(play, "decision")
    assert heard == ["window_open"] and spoken[-1].startswith("Decision point.")
    for _ in range(600):
        if play.vm.phase != "decision" or play.vm.seconds_left <= 2.5:
            break
        play.update(100)
    assert play.vm.phase == "decision", "the window settled before its last seconds"
    assert heard == ["window_open", "last_seconds"]
    for _ in range(30):
        play.update(100)
    assert heard.count("last_seconds") == 1  # once per window, not once per frame
