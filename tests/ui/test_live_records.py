"""Live learning records from the game: lrs.json with "live": true makes every finished or
left session's log go to the background sender; without it nothing is started."""

from __future__ import annotations

import json
import time

import pygame

from game.interop.lrs import config_path
from game.interop.queue import StatementQueue
from game.ui.shell.services import start_live_sender
from tests.ui.helpers import press
from tests.ui.test_modes import finish, start


def test_without_lrs_json_nothing_is_started(ctx, home):
    assert not config_path().exists()
    stop = start_live_sender(ctx.services)
    assert ctx.services.session_logged("x.jsonl") is None  # still the silent default
    stop()


def test_a_finished_session_reaches_the_durable_queue_through_the_live_sender(ctx, lumbar, home):
    # Port 9 on loopback refuses at once: the statements must wait in the on-disk queue.
    config_path().write_text(json.dumps({"live": True, "endpoint": "http://127.0.0.1:9/xapi/"}))
    stop = start_live_sender(ctx.services)
    try:
        play = start(ctx, lumbar, "practice", home)
        finish(play)
        press(play, pygame.K_RETURN)  # to the outcome: the session is saved and handed on
        verbs: set[str] = set()
        for _ in range(400):  # the sender converts on its own thread (up to 20 s if busy)
            queue = StatementQueue()  # read afresh from disk: the durable queue
            verbs = {s["verb"]["id"].rsplit("/", 1)[-1] for s in queue.pending()}
            if "completed" in verbs:
                break
            time.sleep(0.05)
        sender = ctx.services.session_logged.__self__
        assert {"launched", "completed"} <= verbs, (sender.problems, queue.folder)
    finally:
        stop()


def test_each_settled_decision_is_handed_over_during_play(ctx, lumbar, home):
    handed: list[str] = []
    ctx.services.session_logged = handed.append
    play = start(ctx, lumbar, "practice", home)
    finish(play)
    decisions = len(play.session.score.decisions)
    assert decisions >= 1
    # once per consequence card (one per settled decision) while playing, before the end
    assert len(handed) >= decisions and set(handed) == {str(play.session.log_path)}
