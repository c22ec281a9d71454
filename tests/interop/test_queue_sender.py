"""The on-disk queue and the sender, against a scripted LRS: back-off, splitting, keeping."""

from __future__ import annotations

import threading
import time

import pytest

from game.interop.live import LiveSender
from game.interop.lrs import Answer, LrsEndpoint, LrsError, authorization, resolve_endpoint
from game.interop.queue import StatementQueue
from game.interop.sender import backoff_delay, send_queue
from tests.interop.helpers import finder, library, record


def statements(n: int, start: int = 0) -> list[dict]:
    return [{"id": f"00000000-0000-5000-8000-{i:012d}", "n": i} for i in range(start, start + n)]


class ScriptedLrs:
    """Answers from a script (status per call; a callable decides per batch), and records
    every batch it was given."""

    def __init__(self, *script):
        self.script, self.batches = list(script), []
        self.stored: dict[str, dict] = {}

    def post(self, batch):
        self.batches.append([s["id"] for s in batch])
        step = self.script.pop(0) if self.script else 204
        status = step(batch) if callable(step) else step
        if 200 <= status < 300:
            self.stored.update({s["id"]: s for s in batch})
        return Answer(status, f"HTTP {status}: scripted")

    def close(self):
        pass


class Clock:
    def __init__(self):
        self.now, self.slept = 1000.0, []

    def __call__(self):
        return self.now

    def sleep(self, seconds):
        self.slept.append(seconds)
        self.now += seconds


def test_an_unreachable_lrs_backs_off_then_everything_goes_once(tmp_path):
    queue, clock = StatementQueue(tmp_path), Clock()
    queue.add(statements(10))
    lrs = ScriptedLrs(0, 503, 500, 204)
    report = send_queue(queue, lrs, batch=10, retry_for=60, clock=clock, sleep=clock.sleep)
    assert report.sent == 10 and report.waiting == 0 and len(lrs.stored) == 10
    assert clock.slept == [backoff_delay(1), backoff_delay(2), backoff_delay(3)] == [1, 2, 4]
    assert queue.backoff()["failures"] == 0
    assert queue.add(statements(10)) == 0  # all sent: never queued again


def test_back_off_outlasting_the_patience_leaves_the_rest_queued_on_disk(tmp_path):
    queue, clock = StatementQueue(tmp_path), Clock()
    queue.add(statements(5))
    report = send_queue(queue, ScriptedLrs(0, 0, 0), retry_for=2.5, clock=clock,
                        sleep=clock.sleep)
    assert report.sent == 0 and report.waiting == 5 and "scripted" in report.error
    state = StatementQueue(tmp_path).backoff()
    assert state["failures"] == 2 and state["next_attempt"] == clock.now + 2
    # The state survives a restart: a patient sender waits out the back-off first.
    again = StatementQueue(tmp_path)
    report = send_queue(again, ScriptedLrs(204), retry_for=10, clock=clock, sleep=clock.sleep)
    assert clock.slept[-1] == 2 and report.sent == 5


def test_a_refused_batch_is_split_and_only_the_bad_statement_is_kept(tmp_path):
    bad = "00000000-0000-5000-8000-000000000003"
    queue = StatementQueue(tmp_path)
    queue.add(statements(6))
    lrs = ScriptedLrs(*([lambda b: 400 if any(s["id"] == bad for s in b) else 204] * 8))
    report = send_queue(queue, lrs, batch=6)
    assert report.sent == 5 and [r["id"] for r in report.rejected] == [bad]
    assert lrs.batches[0] == [s["id"] for s in statements(6)]
    assert all(len(b) == 1 for b in lrs.batches[1:])
    assert StatementQueue(tmp_path).rejected[0]["message"] == "HTTP 400: scripted"
    assert queue.add(statements(6)) == 0  # the rejected one is not re-queued either


@pytest.mark.parametrize("status", [401, 403, 404])
def test_credential_and_address_errors_keep_the_statements(tmp_path, status):
    queue = StatementQueue(tmp_path)
    queue.add(statements(3))
    report = send_queue(queue, ScriptedLrs(status))
    assert report.waiting == 3 and not report.rejected and str(status) in report.error


def test_the_queue_survives_a_cut_off_line_and_keeps_order(tmp_path):
    queue = StatementQueue(tmp_path)
    queue.add(statements(3))
    with open(tmp_path / "journal.jsonl", "a") as f:
        f.write('{"id": "cut-off mid-wri')
    reopened = StatementQueue(tmp_path)
    assert [s["n"] for s in reopened.pending()] == [0, 1, 2]
    reopened.add(statements(2, start=3))
    assert [s["n"] for s in StatementQueue(tmp_path).pending()] == [0, 1, 2, 3, 4]
    reopened.mark_sent([s["id"] for s in statements(5)])
    assert (tmp_path / "journal.jsonl").read_text() == ""
    assert StatementQueue(tmp_path).counts() == {"waiting": 0, "sent": 5, "rejected": 0}


def test_credentials_come_from_the_environment_or_config_and_never_show(tmp_path):
    endpoint = resolve_endpoint("http://127.0.0.1:9/xAPI", env={"SAFETYNET_LRS_AUTH": "u:pw"},
                                config={})
    assert endpoint.url == "http://127.0.0.1:9/xAPI/" and "pw" not in repr(endpoint)
    assert endpoint.authorization == authorization("u:pw") == "Basic dTpwdw=="
    from_config = resolve_endpoint(None, env={}, config={"endpoint": "https://lrs.example/x/",
                                                         "auth": "Bearer abc"})
    assert from_config.authorization == "Bearer abc"
    with pytest.raises(LrsError, match="do not put credentials in the LRS URL"):
        resolve_endpoint("https://u:pw@lrs.example/", env={}, config={})
    with pytest.raises(LrsError, match="http\\(s\\) URL"):
        resolve_endpoint("ftp://lrs.example/", env={}, config={})
    with pytest.raises(LrsError, match="must be USER:PASSWORD") as exc:
        authorization("secret-without-colon")
    assert "secret-without-colon" not in str(exc.value)


class BlockingLrs(ScriptedLrs):
    """An LRS that hangs until released: the game must go on regardless."""

    def __init__(self):
        super().__init__()
        self.entered, self.release = threading.Event(), threading.Event()

    def post(self, batch):
        self.entered.set()
        self.release.wait(10)
        return super().post(batch)


def test_the_live_sender_never_blocks_the_caller(tmp_path):
    scenario = library()["lumbar_puncture"]
    log = record(tmp_path, scenario, "random", seed=2)
    lrs = BlockingLrs()
    sender = LiveSender(LrsEndpoint("http://127.0.0.1:9/"), finder(),
                        StatementQueue(tmp_path / "q"), poll_s=0.05, client=lrs)
    sender.log_updated(log)
    assert lrs.entered.wait(10), "the background thread never tried to send"
    # The LRS is hanging inside a request: calls from the game still return at once.
    for _ in range(100):
        sender.log_updated(log)
        sender.submit(statements(1, start=99))
    assert not lrs.release.is_set()
    lrs.release.set()
    assert sender.close(timeout=10)
    queue = StatementQueue(tmp_path / "q")
    assert queue.counts()["waiting"] == 0 and queue.counts()["sent"] == len(lrs.stored)
    assert sum(map(len, lrs.batches)) == len(lrs.stored)  # nothing was sent twice
    assert "00000000-0000-5000-8000-000000000099" in lrs.stored


def test_the_live_sender_keeps_statements_when_the_lrs_is_away(tmp_path):
    log = record(tmp_path, library()["lumbar_puncture"], "watch")
    sender = LiveSender(LrsEndpoint("http://127.0.0.1:9/"), finder(),
                        StatementQueue(tmp_path / "q"), poll_s=0.05, client=ScriptedLrs(0))
    sender.log_updated(log)
    assert sender.close(timeout=10)
    queue = StatementQueue(tmp_path / "q")
    assert queue.counts()["waiting"] > 0 and queue.backoff()["failures"] == 1
    assert any("scripted" in p for p in sender.problems)


def test_a_connection_the_server_closed_while_idle_is_reopened(tmp_path):
    """Servers drop idle kept-alive connections (uvicorn after 5 s); the next request must
    not count the LRS as unreachable because of that."""
    import http.server

    from game.interop.lrs import LrsClient

    class OneRequestPerConnection(http.server.BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def do_POST(self):
            self.rfile.read(int(self.headers["Content-Length"]))
            body = b'["ok"]'
            self.send_response(200)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)
            self.close_connection = True  # closes without telling the client

        def log_message(self, *args):
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), OneRequestPerConnection)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        client = LrsClient(LrsEndpoint(f"http://127.0.0.1:{server.server_port}/xAPI/"))
        answers = [client.post(statements(1)) for _ in range(3)]
        client.close()
    finally:
        server.shutdown()
        server.server_close()
    assert [a.status for a in answers] == [200, 200, 200]


def test_the_live_sender_survives_an_unexpected_failure(tmp_path):
    def explode(batch):
        raise RuntimeError("disk on fire")
    lrs = ScriptedLrs(explode)
    sender = LiveSender(LrsEndpoint("http://127.0.0.1:9/"), finder(),
                        StatementQueue(tmp_path / "q"), poll_s=0.05, client=lrs)
    sender.submit(statements(2))
    deadline = time.monotonic() + 10
    while not sender.problems and time.monotonic() < deadline:
        time.sleep(0.01)
    sender.log_updated(tmp_path / "no-such-log.jsonl")
    sender.submit(statements(1, start=2))
    assert sender.close(timeout=10)
    assert any("disk on fire" in p for p in sender.problems)
    assert any("no-such-log.jsonl" in p for p in sender.problems)
    assert StatementQueue(tmp_path / "q").counts()["waiting"] == 0  # later tries went through


def test_two_users_of_one_queue_never_erase_each_others_statements(tmp_path):
    """The game's live sender and a `safetynet xapi` run may share the queue folder."""
    game, command = StatementQueue(tmp_path), StatementQueue(tmp_path)
    game.add(statements(3))
    command.add(statements(2, start=3))
    game.mark_sent([s["id"] for s in statements(3)])  # the game's queue is empty: compacts
    later = StatementQueue(tmp_path)
    assert [s["n"] for s in later.pending()] == [3, 4]
    assert later.add(statements(3)) == 0  # sent by the game: never queued again
