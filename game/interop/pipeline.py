"""Logs to statements to the LRS, with converting and sending overlapped.

Converting a log (verify, re-simulate, score) is CPU work in this process; sending is mostly
waiting for the LRS. A sender thread posts full batches from the durable queue while the
next logs are converted, so exporting many logs costs about the larger of the two, not
their sum. Every statement is on disk in the queue before it is sent; when converting is
done, one last `send_queue` sends the rest with the usual back-off and patience.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from game.interop.facts import FactsError, Finder, load_facts
from game.interop.lrs import LrsClient
from game.interop.queue import StatementQueue
from game.interop.sender import BATCH, SendReport, send_queue
from game.interop.statements import ExportOptions, Statement, session_statements


@dataclass
class Export:
    statements: int = 0
    sessions: int = 0
    queued: int = 0
    """Statements new to the queue (the rest were queued or sent before)."""
    problems: list[str] = field(default_factory=list)
    report: SendReport = field(default_factory=SendReport)


class _BackgroundSender:
    """Sends full batches while the producer converts; stops trying at the first failure
    (the final send, with back-off, takes over then)."""

    def __init__(self, queue: StatementQueue, client: LrsClient, batch: int):
        self.queue, self.client, self.batch = queue, client, batch
        self.report = SendReport()
        self.failed = False
        self._wake, self._done = threading.Event(), False
        self._thread = threading.Thread(target=self._run, name="xapi-send", daemon=True)
        self._thread.start()

    def poke(self) -> None:
        self._wake.set()

    def finish(self) -> None:
        self._done = True
        self._wake.set()
        self._thread.join()

    def _run(self) -> None:
        while not self._done:
            self._wake.wait()
            self._wake.clear()
            while not self.failed and not self._done and \
                    len(self.queue.pending(self.batch)) >= self.batch:
                self._send_one_batch()

    def _send_one_batch(self) -> None:
        r = send_queue(self.queue, self.client, batch=self.batch, retry_for=0.0,
                       honour_backoff=False, limit=self.batch)
        self.report.sent += r.sent
        self.report.rejected.extend(r.rejected)
        if r.error:
            self.failed, self.report.error = True, r.error


def export_logs(paths: Iterable[Path], find: Finder, options: ExportOptions,
                queue: StatementQueue | None = None, client: LrsClient | None = None,
                retry_for: float = 30.0, keep: Callable[[list[Statement]], None] | None = None,
                batch: int = BATCH) -> Export:
    """Convert every log; queue and send when a client is given; hand each session's
    statements to `keep` (e.g. to write a file). A bad log is a problem, not an end."""
    out = Export()
    sender = _BackgroundSender(queue, client, batch) if queue and client else None
    waiting: list[Statement] = []

    def enqueue() -> None:
        """Queue in batches: one fsync per batch, not per session. Statements not yet
        queued when the process dies are made again from their logs on the next run."""
        if queue is not None and waiting:
            out.queued += queue.add(waiting)
            waiting.clear()
            if sender:
                sender.poke()
    try:
        for path in paths:
            try:
                facts = load_facts(path, find)
            except FactsError as exc:
                out.problems.append(str(exc))
                continue
            out.problems.extend(f"{path}: {w}" for w in facts.warnings)
            statements = session_statements(facts, options)
            out.sessions += 1
            out.statements += len(statements)
            if keep is not None:
                keep(statements)
            waiting.extend(statements)
            if len(waiting) >= batch:
                enqueue()
        enqueue()
    finally:
        if sender:
            sender.finish()
    if queue is not None and client is not None:
        last = send_queue(queue, client, batch=batch, retry_for=retry_for,
                          honour_backoff=sender is not None and sender.failed)
        done = sender.report if sender else SendReport()
        out.report = SendReport(done.sent + last.sent, done.rejected + last.rejected,
                                last.waiting, last.error or "")
    return out
