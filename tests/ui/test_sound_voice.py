from __future__ import annotations

import pygame

from game.ui.shell.sound import CUES, SoundBank
from game.ui.shell.voice import Voice


def test_cues_are_short_stereo_int16():
    for make in CUES.values():
        wave = make()
        assert wave.dtype.name == "int16" and wave.shape[1] == 2 and 0 < len(wave) < 22050


def test_sound_bank_respects_mute_and_never_fails():
    pygame.init()
    bank = SoundBank(volume=0.5, muted=True)
    assert bank.play("window_open") is False
    bank.muted = False
    assert bank.play("no_such_cue") is False
    # A real cue plays exactly when the mixer started (the dummy driver may refuse it).
    assert bank.play("harm") is bank.available


def test_voice_is_silent_when_disabled_or_missing(monkeypatch):
    assert Voice(enabled=False).say("hello") is False
    monkeypatch.setattr("shutil.which", lambda name: None)
    voice = Voice(enabled=True)
    assert not voice.enabled and voice.say("hello") is False
