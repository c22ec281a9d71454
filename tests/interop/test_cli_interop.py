"""`safetynet xapi` and `safetynet export-csv`: files, messages, exit codes, CSV types."""

from __future__ import annotations

import csv
import json
import socket

import pytest

from game.cli import main
from game.interop.csv_export import DECISION_COLUMNS, SESSION_COLUMNS
from game.interop.facts import load_facts
from tests.interop.helpers import finder, library, record, record_interrupted, record_workshop


@pytest.fixture(scope="module")
def logs(tmp_path_factory):
    folder = tmp_path_factory.mktemp("logs")
    lib = library()
    return [record(folder, lib["lumbar_puncture"], "random", seed=3),
            record(folder, lib["procedural_sedation"], "watch", seed=0, started_at=None),
            record_workshop(folder, lib["lumbar_puncture"]),
            record_interrupted(folder, lib["npwt_dressing"])]


def closed_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def test_xapi_writes_every_logs_statements_to_a_file(logs, tmp_path, capsys):
    out = tmp_path / "statements.json"
    assert main(["xapi", *map(str, logs), "--out", str(out)]) == 0
    statements = json.loads(out.read_text(encoding="utf-8"))
    registrations = {s["context"]["registration"] for s in statements}
    assert len(registrations) == len(logs)
    assert f"{len(statements)} statements from 4 log(s)" in capsys.readouterr().out
    assert main(["xapi", str(logs[0].parent), "--out", str(out)]) == 0  # a folder works too
    assert len(json.loads(out.read_text())) == len(statements)


def test_xapi_names_a_bad_log_and_still_exports_the_rest(logs, tmp_path, capsys):
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"type": "header"}\n')
    out = tmp_path / "s.json"
    assert main(["xapi", str(bad), str(logs[0]), "--out", str(out)]) == 1
    err = capsys.readouterr().err
    assert f"safetynet: {bad}: unreadable log: line 1: not a Safety Net replay log" in err
    assert "Traceback" not in err and json.loads(out.read_text())


@pytest.mark.parametrize("argv, message", [
    (["xapi", "LOG"], "say where the statements go: --out FILE and/or --lrs URL"),
    (["xapi", "missing.jsonl", "--out", "x.json"], "no such log or folder: missing.jsonl"),
    (["xapi", "LOG", "--lrs", "ftp://x/"], "--lrs must be an http(s) URL"),
    (["xapi", "LOG", "--lrs", "http://me:pw@127.0.0.1/"], "do not put credentials in the"),
    (["xapi", "LOG", "--out", "/no/such/folder/s.json"], "folder /no/such/folder does not"),
    (["xapi", "--out", "s.json"], "name at least one replay log or folder"),
    (["export-csv", "missing.jsonl", "--out", "d"], "no such log or folder: missing.jsonl"),
])
def test_user_mistakes_end_in_one_line(logs, argv, message, capsys, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    argv = [str(logs[0]) if a == "LOG" else a for a in argv]
    assert main(argv) == 1
    err = capsys.readouterr().err.strip()
    assert err.startswith("safetynet: ") and message in err and "\n" not in err


def test_an_unreachable_lrs_queues_and_never_prints_the_secret(logs, tmp_path, capsys,
                                                              monkeypatch):
    monkeypatch.setenv("SAFETYNET_LRS_AUTH", "trainer:hunter2-secret")
    url = f"http://127.0.0.1:{closed_port()}/xAPI/"
    queue = tmp_path / "queue"
    argv = ["xapi", str(logs[0]), "--lrs", url, "--retry-for", "0", "--queue", str(queue)]
    assert main(argv) == 1
    captured = capsys.readouterr()
    text = captured.out + captured.err
    assert "hunter2" not in text and "dHJhaW5lcjpo" not in text  # nor its base64
    assert "wait in" in captured.err and "--flush" in captured.err
    waiting = len((queue / "journal.jsonl").read_text().splitlines())
    assert waiting == len(json.loads(_out(logs[0], tmp_path)))
    assert main(["xapi", "--flush", "--lrs", url, "--retry-for", "0", "--queue",
                 str(queue)]) == 1
    assert "hunter2" not in "".join(capsys.readouterr())
    assert main(["xapi", "--status", "--queue", str(queue)]) == 0
    status = capsys.readouterr().out
    assert f"waiting {waiting}, sent 0, rejected 0" in status
    assert "last failure (2 in a row): cannot reach the LRS" in status


def _out(log, tmp_path) -> str:
    out = tmp_path / "one.json"
    main(["xapi", str(log), "--out", str(out)])
    return out.read_text()


def test_export_csv_reads_back_with_the_documented_columns_and_types(logs, tmp_path):
    out = tmp_path / "csv"
    assert main(["export-csv", *map(str, logs), "--out", str(out)]) == 0
    sessions = _read(out / "sessions.csv", SESSION_COLUMNS)
    decisions = _read(out / "decisions.csv", DECISION_COLUMNS)
    facts = [load_facts(p, finder()) for p in logs]
    assert len(sessions) == len(logs)
    assert len(decisions) == sum(len(f.decisions) for f in facts)
    assert [r["complete"] for r in sessions] == [True, True, True, False]
    assert sessions[3]["learning"] is None and sessions[3]["end"] is None
    assert sessions[1]["started_at"] is None
    assert sessions[2]["votes"] == 5 * vote_lines(logs[2]) > 0
    first = decisions[0]
    d = facts[0].decisions[0]
    assert (first["player"], first["decision"], first["option"]) == (
        "sup-0a1b2c3d", d.node, d.chosen)
    assert first["q_values"] == d.q_values and first["q_best"] == d.q_values[d.best]
    assert first["regret"] == d.regret >= 0
    assert first["content_sha256"] == library()["lumbar_puncture"].content_sha256
    for r in decisions:
        assert 0 <= r["moment_s"] <= r["window_s"] and isinstance(r["preempted"], bool)
        if r["best_moment_from_s"] is not None:
            assert 0 <= r["best_moment_from_s"] <= r["best_moment_to_s"] <= r["window_s"]
    assert {r["session_id"] for r in decisions} <= {r["session_id"] for r in sessions}


def vote_lines(path) -> int:
    return sum('"type":"vote"' in line for line in path.read_text().splitlines())


def _read(path, columns) -> list[dict]:
    """Read a CSV as a researcher's tool would, converting by the declared types."""
    convert = {"string": str, "integer": int, "number": float, "json": json.loads,
               "boolean": lambda x: {"true": True, "false": False}[x]}
    with open(path, encoding="utf-8", newline="") as f:
        reader = csv.DictReader(f)
        assert reader.fieldnames == [c[0] for c in columns]
        types = {name: kind for name, kind, _ in columns}
        return [{k: (convert[types[k]](v) if v != "" else None) for k, v in row.items()}
                for row in reader]


def test_the_data_dictionary_documents_every_column():
    from pathlib import Path
    doc = (Path(__file__).resolve().parents[2] / "docs" / "learning-records.md").read_text()
    for name, kind, _ in SESSION_COLUMNS + DECISION_COLUMNS:
        assert f"| `{name}` | {kind} |" in doc, name
