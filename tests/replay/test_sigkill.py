"""The game killed (SIGKILL) at 50 random moments during scripted play: every log and notes
sidecar left behind is readable, and every log verifies as a prefix of its session.

The child is forked from this process (the game is already imported), plays sessions back to
back, writing logs and notes, and is killed at a seeded random moment: mid-session, between
lines, or while a new log is being created (never an empty or headerless log). The play
screen's writer thread (`LogWriter.in_background`) is killed the same way: lines still queued
are lost, and what is on disk is still a verifiable prefix.
"""

from __future__ import annotations

import os
import random
import signal
import time
from pathlib import Path

import pytest

from game.core.state import SessionConfig
from game.headless import ScriptedPolicy, play_out
from game.replay.annotations import Note, add_note, read_notes
from game.replay.reader import read_log
from game.replay.session import RecordedSession
from game.replay.verify import verify_log
from game.scoring.params import ModelParams
from tests.inline import TINY_YAML, load_text

MOMENTS = 50


def _play_forever(scenario, folder: Path, ready: int, background: bool) -> None:
    """The child: sessions back to back until killed (never returns)."""
    os.write(ready, b"x")
    n = 0
    while True:
        n += 1
        path = folder / f"s{n}.jsonl"
        profile = scenario.trainees[n % len(scenario.trainees)].id
        session = RecordedSession(scenario, SessionConfig(scenario.id, n, profile),
                                  ModelParams(), path, player="p-kill")
        if background:
            session.writer.in_background()
        add_note(path, Note(n, f"note {n}"))
        play_out(session, ScriptedPolicy("random", seed=n))


def _kill_at(scenario, folder: Path, delay: float, background: bool) -> None:
    read_end, write_end = os.pipe()
    pid = os.fork()
    if pid == 0:  # pragma: no cover - the child is killed, never reports
        try:
            os.close(read_end)
            _play_forever(scenario, folder, write_end, background)
        finally:
            os._exit(1)
    os.close(write_end)
    os.read(read_end, 1)
    os.close(read_end)
    time.sleep(delay)
    os.kill(pid, signal.SIGKILL)
    os.waitpid(pid, 0)


@pytest.mark.skipif(not hasattr(os, "fork"), reason="needs fork (Linux, macOS)")
@pytest.mark.parametrize("background", [False, True], ids=["caller-thread", "writer-thread"])
def test_sigkill_at_50_random_moments_leaves_verifiable_logs(tmp_path, background):
    scenario = load_text(TINY_YAML)  # inline: content edits cannot change what is tested
    rng = random.Random(20261207)
    checked = cut = 0
    for moment in range(MOMENTS):
        folder = tmp_path / f"k{moment}"
        folder.mkdir()
        _kill_at(scenario, folder, rng.uniform(0.0, 0.25), background)
        for path in sorted(folder.glob("*.jsonl")):
            if path.name.endswith(".notes.jsonl"):
                continue
            log = read_log(path)  # raises on anything but a cut-off last line
            cut += log.truncated_tail
            result = verify_log(str(path), lambda sid: scenario)
            assert result.ok, f"moment {moment}, {path.name}: {result.reason}"
            notes, problems = read_notes(path)
            assert not problems and all(n.text.startswith("note") for n in notes)
            checked += 1
    assert checked >= MOMENTS  # a single write() per line is hardly ever cut; `cut` may be 0
