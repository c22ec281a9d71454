"""Against a real LRS: Ralph's server on 127.0.0.1 with its file-system backend.

One server (restarted once) serves the whole module, to stay within a few seconds.
"""

from __future__ import annotations

import json

import pytest

from game.interop import vocab as v
from game.interop.facts import load_facts
from game.interop.lrs import LrsClient, resolve_endpoint
from game.interop.queue import StatementQueue
from game.interop.sender import send_queue
from game.interop.statements import session_statements
from tests.interop.helpers import finder, library, record, record_workshop
from tests.interop.ralph_server import RalphServer

pytestmark = pytest.mark.lrs


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    with RalphServer(tmp_path_factory.mktemp("ralph")) as ralph:
        yield ralph


@pytest.fixture
def client(server):
    c = LrsClient(resolve_endpoint(server.url, env={"SAFETYNET_LRS_AUTH": server.auth},
                                   config={}), timeout=60)  # generous on a busy machine
    yield c
    c.close()


@pytest.fixture(scope="module")
def sessions(tmp_path_factory):
    folder = tmp_path_factory.mktemp("logs")
    lib = library()
    find = finder()
    solo = record(folder, lib["procedural_sedation"], "watch", seed=0)
    room = record_workshop(folder, lib["lumbar_puncture"])
    return [session_statements(load_facts(p, find)) for p in (solo, room)]


def stored(client: LrsClient, statements: list[dict]) -> list[dict]:
    return client.statements(registration=statements[0]["context"]["registration"])


def test_a_session_and_a_workshop_arrive_and_read_back(client, sessions, tmp_path):
    queue = StatementQueue(tmp_path / "queue")
    queue.add([s for session in sessions for s in session])
    report = send_queue(queue, client, batch=7)
    assert report.sent == sum(map(len, sessions)) and report.waiting == 0
    for session in sessions:
        back = stored(client, session)
        assert sorted(s["id"] for s in back) == sorted(s["id"] for s in session)
        by_id = {s["id"]: s for s in back}
        for sent in session:
            got = by_id[sent["id"]]
            assert got["verb"] == sent["verb"] and got["actor"] == sent["actor"]
            assert got.get("result") == sent.get("result")
            assert got["context"]["extensions"] == sent["context"]["extensions"]
    votes = [s for s in stored(client, sessions[1]) if s["verb"]["id"] == v.RESPONDED.id]
    assert {s["actor"]["account"]["name"] for s in votes} >= {"tok-aaaa1111", "tok-bbbb2222"}
    assert queue.counts() == {"waiting": 0, "sent": report.sent, "rejected": 0}
    # Converting and queueing again sends nothing: the ledger knows every id.
    assert queue.add(sessions[0]) == 0


def test_a_refused_statement_is_kept_with_the_lrs_message(client, tmp_path):
    """A statement whose id the LRS holds with other content is refused (409); the rest of
    its batch still goes, and the refused one is kept with the LRS's words."""
    first = {"id": "0b9ecd3c-6a4c-5d0d-8c59-6a1f0a8f0001",
             "actor": {"objectType": "Agent", "account": {"homePage": v.ACCOUNT_HOME,
                                                           "name": "sup-x"}},
             "verb": v.LAUNCHED.as_json(), "object": {"id": v.vignette_iri("x")},
             "context": {"registration": "0b9ecd3c-6a4c-5d0d-8c59-6a1f0a8f00ff"}}
    assert 200 <= client.post([first]).status < 300
    other = {**first, "id": "0b9ecd3c-6a4c-5d0d-8c59-6a1f0a8f0002"}
    clash = {**first, "object": {"id": v.vignette_iri("y")}}
    queue = StatementQueue(tmp_path / "queue")
    queue.add([other, clash])
    report = send_queue(queue, client)
    assert report.sent == 1 and [r["id"] for r in report.rejected] == [clash["id"]]
    assert report.rejected[0]["status"] == 409
    assert "Differing statements already exist" in report.rejected[0]["message"]
    assert StatementQueue(tmp_path / "queue").rejected[0]["statement"] == clash
    assert queue.counts()["waiting"] == 0


def test_wrong_credentials_keep_everything_queued(server, sessions, tmp_path):
    wrong = LrsClient(resolve_endpoint(server.url, env={"SAFETYNET_LRS_AUTH": "who:nope"},
                                       config={}))
    queue = StatementQueue(tmp_path / "queue")
    queue.add(sessions[0])
    report = send_queue(queue, wrong)
    wrong.close()
    assert report.sent == 0 and report.waiting == len(sessions[0]) and not report.rejected
    assert "401" in report.error and "nope" not in report.error


class StopsTheServer:
    """A client that lets `batches` batches through, then stops the LRS under the sender."""

    def __init__(self, client: LrsClient, server: RalphServer, batches: int):
        self.client, self.server, self.left = client, server, batches

    def post(self, statements):
        if self.left == 0:
            self.server.stop()
        self.left -= 1
        return self.client.post(statements)


def test_the_queue_delivers_everything_exactly_once_after_the_lrs_restarts(
        server, client, tmp_path, tmp_path_factory):
    lib = library()
    path = record_workshop(tmp_path_factory.mktemp("w2"), lib["procedural_sedation"], seed=9)
    statements = session_statements(load_facts(path, finder()))
    queue = StatementQueue(tmp_path / "queue")
    queue.add(statements)
    report = send_queue(queue, StopsTheServer(client, server, batches=1), batch=4)
    assert report.sent == 4 and report.waiting == len(statements) - 4
    assert "cannot reach the LRS" in report.error
    assert queue.backoff()["failures"] == 1
    # A new process finds the queue on disk as it was left.
    reopened = StatementQueue(tmp_path / "queue")
    assert [s["id"] for s in reopened.pending()] == [s["id"] for s in statements[4:]]
    server.start()
    report = send_queue(reopened, client, honour_backoff=False)
    assert report.sent == len(statements) - 4 and report.waiting == 0
    assert reopened.backoff()["failures"] == 0
    back = stored(client, statements)
    assert sorted(s["id"] for s in back) == sorted(s["id"] for s in statements)
    # Even if the ledger were lost after the LRS accepted, a resend stores nothing twice.
    assert 200 <= client.post(statements).status < 300
    assert len(stored(client, statements)) == len(statements)


def test_the_command_sends_a_log_and_a_second_run_sends_nothing(server, client, tmp_path,
                                                                monkeypatch, capsys):
    from game.cli import main
    monkeypatch.setenv("SAFETYNET_LRS_AUTH", server.auth)
    log = record(tmp_path, library()["npwt_dressing"], "takeover", seed=4)
    argv = ["xapi", str(log), "--lrs", server.url, "--queue", str(tmp_path / "q"),
            "--out", str(tmp_path / "s.json")]
    assert main(argv) == 0
    sent = json.loads((tmp_path / "s.json").read_text())
    first = capsys.readouterr()
    assert f"sent {len(sent)}, rejected 0, waiting 0" in first.out
    assert len(stored(client, sent)) == len(sent)
    assert main(argv) == 0
    second = capsys.readouterr()
    assert f"sent 0, rejected 0, waiting 0; {len(sent)} already" in second.out
    assert server.password not in first.out + first.err + second.out + second.err
