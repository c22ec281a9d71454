"""Learning records: statements per second converted and sent to a local LRS, 1,000 sessions.

Target: the whole pipeline as `safetynet xapi LOG... --lrs URL` runs it (read and verify
each log, re-simulate its events, score it, build its statements, queue them durably on
disk, send them in batches while the next logs are converted) delivers at least
half as many statements per second as a bare HTTP client posting the same statements,
already built, in the same batches: converting and queueing may cost at most as much as the
sending itself.

Both go to Ralph's LRS (file backend) on 127.0.0.1, each to its own fresh server so that
neither finds the other's statements. They run side by side in chunks of 100 sessions
(pipeline chunk, then the same statements by the bare client), so a busy neighbour and the
LRS file growing affect both alike. The 1,000 logs are played headless first (recorded
sessions driven by watch, take-over and random policies across the library, 250 players,
four risk weights); that time is not measured.
"""

from __future__ import annotations

import atexit
import http.client
import json
import os
import shutil
import sys
import tempfile
import time
from base64 import b64encode
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
if "SAFETYNET_HOME" not in os.environ:
    os.environ["SAFETYNET_HOME"] = tempfile.mkdtemp(prefix="safetynet-bench-home-")
    atexit.register(shutil.rmtree, os.environ["SAFETYNET_HOME"], True)

from game.interop.facts import library_finder  # noqa: E402
from game.interop.lrs import LrsClient, resolve_endpoint  # noqa: E402
from game.interop.pipeline import export_logs  # noqa: E402
from game.interop.queue import StatementQueue  # noqa: E402
from game.interop.sender import BATCH  # noqa: E402
from game.interop.statements import ExportOptions  # noqa: E402
from game.paths import scenarios_dir  # noqa: E402
from tests.interop.helpers import generate  # noqa: E402
from tests.interop.ralph_server import RalphServer  # noqa: E402

SESSIONS = 1000
CHUNK = 100
SEED = 16
TARGET = 0.5


def pipeline(logs: list[Path], queue: StatementQueue, client: LrsClient, find) -> list[dict]:
    """What `safetynet xapi LOGS --lrs URL` does; returns the statements it sent."""
    built: list[dict] = []
    result = export_logs(logs, find, ExportOptions(), queue, client, keep=built.extend)
    if result.problems or result.report.waiting or result.report.rejected:
        raise RuntimeError(f"not everything went: {result.problems} {result.report}")
    return built


def bare_post(statements: list[dict], server: RalphServer) -> None:
    """The baseline: pre-built statements, one kept-alive connection, same batch size."""
    conn = http.client.HTTPConnection("127.0.0.1", server.port, timeout=30)
    headers = {"Content-Type": "application/json", "X-Experience-API-Version": "1.0.3",
               "Authorization": "Basic " + b64encode(server.auth.encode()).decode()}
    for i in range(0, len(statements), BATCH):
        body = json.dumps(statements[i:i + BATCH], separators=(",", ":"))
        conn.request("POST", "/xAPI/statements", body=body, headers=headers)
        response = conn.getresponse()
        response.read()
        assert response.status == 200, response.status
    conn.close()


def ram_dir() -> str | None:
    """/dev/shm when it is a writable folder (Linux), else the default temporary folder."""
    shm = Path("/dev/shm")
    return str(shm) if shm.is_dir() and os.access(shm, os.W_OK) else None


def main() -> int:
    work = Path(tempfile.mkdtemp(prefix="safetynet-bench-xapi-"))
    atexit.register(shutil.rmtree, work, True)
    # A private copy of the library: the logs must still match it when they are converted.
    shutil.copytree(scenarios_dir(), work / "scenarios")
    os.environ["SAFETYNET_SCENARIOS"] = str(work / "scenarios")
    start = time.perf_counter()
    # Generation is not measured: a RAM folder spares its thousands of fsyncs (a log file
    # just written is read from memory either way). The queue stays on the real disk.
    scratch = Path(tempfile.mkdtemp(prefix="safetynet-bench-xapi-logs-", dir=ram_dir()))
    atexit.register(shutil.rmtree, scratch, True)
    logs = generate(scratch / "logs", SESSIONS, seed=SEED)
    print(f"{len(logs)} logs generated with the headless runner in "
          f"{time.perf_counter() - start:.1f} s (not measured)")
    find = library_finder(scenarios_dir())
    ours, bare = RalphServer(work / "lrs_ours").start(), RalphServer(work / "lrs_bare").start()
    try:
        client = LrsClient(resolve_endpoint(ours.url, env={"SAFETYNET_LRS_AUTH": ours.auth},
                                            config={}))
        queue = StatementQueue(work / "queue")
        t_ours = t_bare = 0.0
        count = 0
        for i in range(0, len(logs), CHUNK):
            t0 = time.perf_counter()
            statements = pipeline(logs[i:i + CHUNK], queue, client, find)
            t1 = time.perf_counter()
            bare_post(statements, bare)
            t_bare += time.perf_counter() - t1
            t_ours += t1 - t0
            count += len(statements)
        client.close()
    except Exception:
        print("LRS log (ours):\n" + ours.tail())
        raise
    finally:
        ours.stop()
        bare.stop()
    # Where the time goes: converting alone (verify, re-simulate, score, build), no LRS.
    t0 = time.perf_counter()
    alone = export_logs(logs[:200], find, ExportOptions())
    rate_convert = alone.statements / (time.perf_counter() - t0)
    rate_ours, rate_bare = count / t_ours, count / t_bare
    ratio = rate_ours / rate_bare
    print(f"{count} statements from {len(logs)} sessions")
    print(f"convert + queue + send: {rate_ours:8.0f} statements/s ({t_ours:.1f} s)")
    print(f"bare HTTP client, pre-built: {rate_bare:8.0f} statements/s ({t_bare:.1f} s)")
    print(f"(converting alone, first 200 logs: {rate_convert:8.0f} statements/s)")
    print(f"ratio pipeline/bare: {ratio:.2f} (target >= {TARGET}): "
          f"{'met' if ratio >= TARGET else 'NOT met'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
