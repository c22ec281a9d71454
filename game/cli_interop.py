"""`safetynet xapi` and `safetynet export-csv`: learning records out of replay logs.

A log that cannot be exported (unreadable, edited, scenario missing) is named with the
reason on one line; the other logs are still exported, and the exit code is 1.
Credentials are never accepted as arguments (see game.interop.lrs).
"""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Callable
from pathlib import Path

from game.paths import scenarios_dir

EXIT_OK, EXIT_FAIL = 0, 1


class UserError(Exception):
    """A mistake in what the user asked for: one line, exit code 1, as in game.cli (this
    module does not import game.cli, which imports it to register the commands)."""


def _guarded(command: Callable) -> Callable:
    def run(args) -> int:
        try:
            return command(args)
        except UserError as exc:
            print(f"safetynet: {exc}", file=sys.stderr)
            return EXIT_FAIL
    return run


def log_files(paths: list[str]) -> list[Path]:
    """The logs named, with folders searched for *.jsonl (sidecars and branches' notes
    excluded); a missing path is a user mistake."""
    found: list[Path] = []
    for p in map(Path, paths):
        if p.is_dir():
            found.extend(f for f in sorted(p.rglob("*.jsonl"))
                         if not f.name.endswith(".notes.jsonl"))
        elif p.exists():
            found.append(p)
        else:
            raise UserError(f"no such log or folder: {p}")
    return found


def _finder(args):
    from game.interop.facts import library_finder
    return library_finder(args.dir or scenarios_dir(), *args.versions)


def _facts(args) -> tuple[list, list[str]]:
    from game.interop.facts import FactsError, load_facts
    find = _finder(args)
    facts, problems = [], []
    for path in log_files(args.logs):
        try:
            facts.append(load_facts(path, find))
        except FactsError as exc:
            problems.append(str(exc))
    for f in facts:
        problems.extend(f"{f.path}: {w}" for w in f.warnings)
    return facts, problems


def _report_problems(problems: list[str]) -> None:
    for problem in problems:
        print(f"safetynet: {problem}", file=sys.stderr)


def cmd_xapi(args) -> int:
    from game.interop.lrs import LrsError, load_config
    from game.interop.statements import ExportOptions
    if args.status:
        return _status(args)
    if not args.logs and not args.flush:
        raise UserError("name at least one replay log or folder (or use --flush)")
    if not args.out and args.lrs is None and not args.flush:
        raise UserError("say where the statements go: --out FILE and/or --lrs URL")
    if not 0 <= args.retry_for <= 3600:
        raise UserError("--retry-for takes seconds between 0 and 3600")
    out = Path(args.out) if args.out else None
    if out is not None and not out.parent.is_dir():
        raise UserError(f"cannot write {out}: folder {out.parent} does not exist")
    try:
        config = load_config()
    except LrsError as exc:
        raise UserError(str(exc)) from None
    options = ExportOptions(
        account_home=args.account_home or config.get("account_home")
        or ExportOptions().account_home,
        include_note_text=args.include_note_text or bool(config.get("include_note_text")))
    sending = args.lrs is not None or args.flush
    queue, client, endpoint = _lrs(args, config) if sending else (None, None, None)
    try:
        return _export(args, options, out, queue, client, endpoint)
    finally:
        if client is not None:
            client.close()


def _status(args) -> int:
    """What waits, what went, what the LRS refused: without sending anything."""
    from game.interop.queue import StatementQueue
    queue = StatementQueue(args.queue) if args.queue else StatementQueue()
    counts, backoff = queue.counts(), queue.backoff()
    print(f"queue {queue.folder}: waiting {counts['waiting']}, sent {counts['sent']}, "
          f"rejected {counts['rejected']}")
    if backoff["failures"]:
        print(f"last failure ({backoff['failures']} in a row): {backoff['last_error']}")
    for entry in queue.rejected:
        print(f"rejected {entry['statement']['id']}: {entry['message']}")
    return EXIT_OK


def _lrs(args, config: dict):
    from game.interop.lrs import LrsClient, LrsError, resolve_endpoint
    from game.interop.queue import StatementQueue
    try:
        endpoint = resolve_endpoint(args.lrs or None, config=config)
    except LrsError as exc:
        raise UserError(str(exc)) from None
    queue = StatementQueue(args.queue) if args.queue else StatementQueue()
    return queue, LrsClient(endpoint), endpoint


def _export(args, options, out: Path | None, queue, client, endpoint) -> int:
    from game.interop.pipeline import export_logs
    kept: list[dict] = []
    paths = log_files(args.logs)
    result = export_logs(paths, _finder(args) if paths else _no_scenarios, options, queue, client,
                         args.retry_for, keep=kept.extend if out is not None else None)
    _report_problems(result.problems)
    if out is not None:
        _write_json(out, kept)
        print(f"{len(kept)} statements from {result.sessions} log(s) written to {out}")
    ok = not result.problems
    if queue is not None:
        ok = _tell(result, queue, endpoint) and ok
    return EXIT_OK if ok else EXIT_FAIL


def _write_json(path: Path, statements: list[dict]) -> None:
    tmp = path.with_name(path.name + ".tmp")
    body = ",\n".join(json.dumps(s, ensure_ascii=False, sort_keys=True) for s in statements)
    try:
        tmp.write_text("[\n" + body + ("\n" if body else "") + "]\n", encoding="utf-8")
        os.replace(tmp, path)
    except OSError as exc:
        raise UserError(f"cannot write {path}: {exc.strerror}") from None


def _tell(result, queue, endpoint) -> bool:
    """Say what happened at the LRS (never the credentials); True when nothing waits."""
    report = result.report
    known = result.statements - result.queued
    print(f"LRS {endpoint.url}: sent {report.sent}, rejected {len(report.rejected)}, "
          f"waiting {report.waiting}" + (f"; {known} already queued or sent before"
                                         if known else ""))
    for r in report.rejected:
        print(f"safetynet: statement {r['id']} rejected by the LRS ({r['message']}); kept "
              f"in {queue.folder / 'rejected.jsonl'}", file=sys.stderr)
    if report.waiting:
        print(f"safetynet: {report.waiting} statement(s) wait in {queue.folder} "
              f"({report.error}); `safetynet xapi --flush` sends them later", file=sys.stderr)
    return not report.rejected and not report.waiting


def cmd_export_csv(args) -> int:
    from game.interop.csv_export import export_csv
    out = Path(args.out)
    if out.exists() and not out.is_dir():
        raise UserError(f"--out must be a folder: {out} is a file")
    facts, problems = _facts(args)
    _report_problems(problems)
    try:
        n_sessions, n_decisions = export_csv(iter(facts), out)
    except OSError as exc:
        raise UserError(f"cannot write to {out}: {exc.strerror}") from None
    print(f"{out / 'sessions.csv'}: {n_sessions} session(s); {out / 'decisions.csv'}: "
          f"{n_decisions} decision(s)")
    return EXIT_OK if not problems else EXIT_FAIL


def register(add: Callable) -> None:
    """Add the commands to the `safetynet` parser (`add` is build_parser's helper)."""
    sp = add("xapi", _guarded(cmd_xapi),
             "xAPI statements from replay logs: to a file and/or an LRS")
    sp.add_argument("logs", nargs="*", help="replay logs, or folders searched for *.jsonl")
    sp.add_argument("--out", help="write the statements to this JSON file")
    sp.add_argument("--lrs", nargs="?", const="", metavar="URL",
                    help="send to this xAPI endpoint (without URL: 'endpoint' of lrs.json); "
                         "credentials come from SAFETYNET_LRS_AUTH or lrs.json only")
    sp.add_argument("--flush", action="store_true",
                    help="send what waits in the queue (also without logs)")
    sp.add_argument("--status", action="store_true",
                    help="show what waits, was sent or was refused; sends nothing")
    sp.add_argument("--retry-for", type=float, default=30.0, metavar="SECONDS",
                    help="keep retrying an unreachable LRS this long (default 30)")
    sp.add_argument("--queue", help="queue folder (default: xapi-queue in the data folder)")
    sp.add_argument("--include-note-text", action="store_true",
                    help="send the text of facilitator notes (off: only that a note exists)")
    sp.add_argument("--account-home", help="homePage IRI of player accounts")
    sp.add_argument("--versions", action="append", default=[], metavar="DIR",
                    help="extra scenario folder with other content versions (repeatable)")
    sp = add("export-csv", _guarded(cmd_export_csv),
             "decisions.csv and sessions.csv for research")
    sp.add_argument("logs", nargs="+", help="replay logs, or folders searched for *.jsonl")
    sp.add_argument("--out", required=True, help="folder for the two CSV files")
    sp.add_argument("--versions", action="append", default=[], metavar="DIR",
                    help="extra scenario folder with other content versions (repeatable)")


def _no_scenarios(_scenario_id: str, _sha256: str) -> None:
    """The finder when there are no logs to export: nothing asks it, so nothing is loaded."""
    return None
