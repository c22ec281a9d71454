"""Subtle sound cues, synthesised at start-up (no audio files to ship or download).

Three cues: a decision window opening (a soft rising two-tone chime), its last seconds (a
quiet tick), and harm to the patient (a low, short thud). Without an audio device the mixer
does not start and every call is silently a no-op: the game must run on silent machines.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import pygame

if TYPE_CHECKING:
    import numpy as np

RATE = 22050


def _tone(freqs: list[tuple[float, float]], volume: float) -> np.ndarray:
    """Concatenated sine segments (frequency Hz, seconds) with short fades, int16 stereo."""
    import numpy as np  # when the cues are made, not at import: the title needs no numpy
    parts = []
    for freq, seconds in freqs:
        t = np.arange(int(RATE * seconds)) / RATE
        wave = np.sin(2 * np.pi * freq * t)
        fade = np.minimum(1.0, np.minimum(t, t[::-1]) / 0.015)
        parts.append(wave * fade)
    mono = np.concatenate(parts) * volume * 32767
    return np.repeat(mono.astype(np.int16)[:, None], 2, axis=1)


CUES = {
    "window_open": lambda: _tone([(660, 0.09), (880, 0.14)], 0.35),
    "last_seconds": lambda: _tone([(1200, 0.035)], 0.25),
    "harm": lambda: _tone([(140, 0.22)], 0.5),
}


class SoundBank:
    def __init__(self, volume: float = 0.6, muted: bool = False):
        self.volume = volume
        self.muted = muted
        self._sounds: dict[str, pygame.mixer.Sound] = {}
        self.available = self._start_mixer()

    def _sound(self, name: str) -> pygame.mixer.Sound | None:
        """The cue's sound, made on first use: synthesising needs numpy, which the title
        screen does not, so start-up never waits for it."""
        if not self.available or name not in CUES:
            return None
        if name not in self._sounds:
            import numpy as np
            self._sounds[name] = pygame.sndarray.make_sound(np.ascontiguousarray(CUES[name]()))
        return self._sounds[name]

    @staticmethod
    def _start_mixer() -> bool:
        try:
            if not pygame.mixer.get_init():
                pygame.mixer.init(frequency=RATE, size=-16, channels=2)
            return pygame.mixer.get_init() is not None
        except pygame.error:
            return False

    def play(self, name: str) -> bool:
        """Play a cue; returns whether anything was played."""
        if self.muted or self.volume <= 0:
            return False
        sound = self._sound(name)
        if sound is None:
            return False
        sound.set_volume(self.volume)
        sound.play()
        return True
