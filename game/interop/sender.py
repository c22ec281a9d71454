"""Delivering the queue to the LRS in batches, with back-off, never losing a statement.

How each answer is handled:

- 2xx: the batch is recorded as sent (`sent.ids`) and leaves the queue.
- no answer, 5xx, 408, 429: the LRS is down or busy; everything stays queued and the next
  attempt waits 1 s, 2 s, 4 s, ... up to 5 minutes (the state survives restarts).
- 401, 403, 404, 405: the credentials or the URL are wrong, which is not the statements'
  fault: they stay queued, the message is reported, and back-off applies as above.
- other 4xx (400, 409, 413, 422): some statement was refused; the batch is split and sent
  one by one, and each statement the LRS refuses on its own is moved to `rejected.jsonl`
  with the LRS's message, for inspection.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field

from game.interop.lrs import Answer, LrsClient
from game.interop.queue import StatementQueue

BACKOFF_BASE_S = 1.0
BACKOFF_CAP_S = 300.0
BATCH = 100
RETRY_LATER = {0, 401, 403, 404, 405, 408, 429}


@dataclass
class SendReport:
    sent: int = 0
    rejected: list[dict] = field(default_factory=list)
    waiting: int = 0
    error: str = ""
    """The last reason statements are still waiting (empty when all went)."""


def backoff_delay(failures: int) -> float:
    return min(BACKOFF_CAP_S, BACKOFF_BASE_S * 2 ** max(0, failures - 1))


def send_queue(queue: StatementQueue, client: LrsClient, *, batch: int = BATCH,
               retry_for: float = 0.0, honour_backoff: bool = True,
               limit: int | None = None, clock: Callable[[], float] = time.time,
               sleep: Callable[[float], object] = time.sleep) -> SendReport:
    """Send what is queued; keep retrying with back-off for up to `retry_for` seconds.

    `honour_backoff=False` makes the first attempt at once (a person asked to send now);
    later attempts always wait their back-off. `limit`: stop once that many statements are
    settled (sent or rejected)."""
    report = SendReport()
    deadline = clock() + retry_for
    first = True
    while queue.pending(1) and (limit is None or report.sent + len(report.rejected) < limit):
        state = queue.backoff()
        wait = 0.0 if (first and not honour_backoff) else state["next_attempt"] - clock()
        first = False
        if wait > 0:
            if clock() + wait > deadline:
                report.error = report.error or state["last_error"]
                break
            sleep(wait)
        if _deliver(queue.pending(batch), queue, client, report):
            if state["failures"]:
                queue.set_backoff(0, 0.0, "")
            report.error = ""
            continue
        failures = state["failures"] + 1
        queue.set_backoff(failures, clock() + backoff_delay(failures), report.error)
    report.waiting = queue.counts()["waiting"]
    return report


def _deliver(batch: list[dict], queue: StatementQueue, client: LrsClient,
             report: SendReport) -> bool:
    """True when every statement of the batch was settled (sent or rejected)."""
    answer = client.post(batch)
    if 200 <= answer.status < 300:
        queue.mark_sent([s["id"] for s in batch])
        report.sent += len(batch)
        return True
    if answer.status in RETRY_LATER or answer.status >= 500:
        report.error = _why(answer)
        return False
    if len(batch) > 1:
        return all(_deliver([s], queue, client, report) for s in batch)
    queue.reject(batch[0], answer.status, answer.message)
    report.rejected.append({"id": batch[0]["id"], "status": answer.status,
                            "message": answer.message})
    return True


def _why(answer: Answer) -> str:
    if answer.status == 0:
        return answer.message
    return f"the LRS answered {answer.message}"
