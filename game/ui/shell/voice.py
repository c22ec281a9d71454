"""Optional self-voicing: narration, cues and options read aloud by an offline TTS engine.

Uses espeak-ng (or espeak) when it is installed; otherwise every call is silently skipped.
Speech runs in a separate process so the frame loop never waits, and a new utterance
replaces the one still speaking (the newest text is what matters).
"""

from __future__ import annotations

import shutil
import subprocess


class Voice:
    def __init__(self, enabled: bool, language: str = "en"):
        self.engine = shutil.which("espeak-ng") or shutil.which("espeak")
        self.enabled = enabled and self.engine is not None
        self.language = language
        self._process: subprocess.Popen | None = None
        self.last_text = ""

    def say(self, text: str) -> bool:
        """Speak `text` (stopping any earlier utterance); False when voicing is off."""
        if not self.enabled or self.engine is None or not text.strip():
            return False
        self.stop()
        self.last_text = text
        try:
            self._process = subprocess.Popen(
                [self.engine, "-v", self.language, "-s", "165", "--", text],
                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        except OSError:
            self.enabled = False
            return False
        return True

    def stop(self) -> None:
        if self._process and self._process.poll() is None:
            self._process.terminate()
        self._process = None
