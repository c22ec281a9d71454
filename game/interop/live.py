"""Sending learning records during play, from a background thread that never blocks a frame.

The UI hooks it like this (no pygame here; the play scene only calls two methods):

    sender = LiveSender.from_config()        # None when lrs.json does not say "live": true
    ...
    sender.log_updated(session.log_path)     # after each command and at the end (cheap:
                                             # it only puts the path in an inbox)
    ...
    sender.close()                           # on quit; waits at most `timeout` seconds

The thread re-reads the log (every line is fsynced before the game goes on), converts it,
queues the new statements on disk and sends what it can. Statement ids make re-reading
harmless: what was queued or sent is never queued again. With the LRS away, statements wait
in the on-disk queue and leave on the next start or the next `safetynet xapi --flush`.
"""

from __future__ import annotations

import queue as _q
import threading
import time
from pathlib import Path

from game.interop.facts import FactsError, Finder, load_facts
from game.interop.lrs import LrsClient, LrsEndpoint, load_config, resolve_endpoint
from game.interop.queue import StatementQueue
from game.interop.sender import SendReport, send_queue
from game.interop.statements import ExportOptions, Statement, session_statements

_STOP = object()


class LiveSender:
    def __init__(self, endpoint: LrsEndpoint, find_scenario: Finder,
                 queue: StatementQueue | None = None, options: ExportOptions | None = None,
                 poll_s: float = 0.5, client: LrsClient | None = None):
        self.client = client or LrsClient(endpoint, timeout=5.0)
        self.find_scenario = find_scenario
        self.queue = queue or StatementQueue()
        self.options = options or ExportOptions()
        self.poll_s = poll_s
        self.problems: list[str] = []
        """Logs that could not be converted, and the last delivery error (for a status
        line); never raised into the game."""
        self.last_report = SendReport()
        self._inbox: _q.SimpleQueue = _q.SimpleQueue()
        self._thread = threading.Thread(target=self._run, name="xapi-live", daemon=True)
        self._thread.start()

    @classmethod
    def from_config(cls, find_scenario: Finder
                    ) -> LiveSender | None:
        config = load_config()
        if not config.get("live") or not config.get("endpoint"):
            return None
        options = ExportOptions(
            account_home=str(config.get("account_home") or ExportOptions().account_home),
            include_note_text=bool(config.get("include_note_text", False)))
        return cls(resolve_endpoint(None, config=config), find_scenario, options=options)

    # -- called from the game loop: O(1), never blocks ---------------------------------
    def log_updated(self, path: str | Path) -> None:
        self._inbox.put(("log", str(path)))

    def submit(self, statements: list[Statement]) -> None:
        self._inbox.put(("statements", list(statements)))

    def close(self, timeout: float = 2.0) -> bool:
        """Stop the thread after a last delivery attempt; True if it finished in time.
        Whatever is not delivered stays in the on-disk queue."""
        self._inbox.put(_STOP)
        self._thread.join(timeout)
        return not self._thread.is_alive()

    # -- the background thread --------------------------------------------------------
    def _run(self) -> None:
        stop = False
        while not stop:
            try:
                item = self._inbox.get(timeout=self.poll_s)
            except _q.Empty:
                item = None
            items = [] if item is None else [item]
            while True:  # take everything already waiting: one conversion per log
                try:
                    items.append(self._inbox.get_nowait())
                except _q.Empty:
                    break
            stop = _STOP in items
            try:
                self._take([i for i in items if i is not _STOP])
                self._send()
            except Exception as exc:  # noqa: BLE001 - the thread must outlive any one log
                # A full disk or an unexpected log must not end live sending for the rest
                # of the game; the problem is kept for a status line, the logs stay on disk.
                self.problems.append(f"live sending: {type(exc).__name__}: {exc}")
        self.client.close()

    def _take(self, items: list) -> None:
        logs = dict.fromkeys(p for kind, p in items if kind == "log")
        for kind, payload in items:
            if kind == "statements":
                self.queue.add(payload)
        for path in logs:
            try:
                facts = load_facts(path, self.find_scenario)
            except FactsError as exc:
                self.problems.append(str(exc))
                continue
            self.queue.add(session_statements(facts, self.options))

    def _send(self) -> None:
        if not self.queue.pending(1) or self.queue.backoff()["next_attempt"] > time.time():
            return
        self.last_report = send_queue(self.queue, self.client, retry_for=0.0)
        if self.last_report.error:
            self.problems.append(self.last_report.error)
            del self.problems[:-20]
