"""`safetynet history`: list the recorded sessions, rebuild the file from the logs, export.

Registered by one line in game/cli.py. Every problem is one line on stderr and exit 1.
"""

from __future__ import annotations

import argparse
import sqlite3
import sys
from pathlib import Path

from game import paths
from game.store.db import default_path
from game.store.opening import open_history


def _fail(message: str) -> int:
    print(f"safetynet: {message}", file=sys.stderr)
    return 1


def _rebuild(args: argparse.Namespace) -> int:
    from game.store.rebuild import default_finder, rebuild
    logs = Path(args.logs) if args.logs else paths.logs_dir()
    find = default_finder() if args.dir is None else _finder(args.dir)
    try:
        report = rebuild(default_path(), logs, find)
    except (sqlite3.Error, OSError) as exc:
        from game.store.problems import kind_of, words
        return _fail(f"the history cannot be rebuilt: {words(kind_of(exc), 'it', exc)}")
    print(f"{report.records} sessions rebuilt from {logs}")
    if report.moved_aside:
        print(f"the previous file was kept as {report.moved_aside.name}")
    for line in report.skipped:
        print(f"skipped {line}")
    return 0


def _finder(directory: str):
    from game.content.catalogue import load_catalogue
    return load_catalogue(directory).get


def _export(args: argparse.Namespace) -> int:
    from game.app.profiles import export_csv
    history, problem = open_history()
    if history is None:
        return _fail(problem or "the history cannot be opened")
    with history:
        try:
            count = export_csv(history, Path(args.export), args.player)
        except OSError as exc:
            return _fail(f"cannot write {args.export}: {exc.strerror or exc}")
    print(f"{count} sessions written to {args.export}")
    return 0


def cmd_history(args: argparse.Namespace) -> int:
    if args.rebuild:
        return _rebuild(args)
    if args.export:
        return _export(args)
    history, problem = open_history()
    if history is None:
        return _fail(problem or "the history cannot be opened")
    if problem:
        print(problem, file=sys.stderr)
    with history:
        for r in history.results(player=args.player):
            result = r.safety_rating or "-" if r.finished else "abandoned"
            regret = f"{r.regret:.2f}" if r.regret is not None else "-"
            print(f"{r.started_at[:16]:<16} {r.player:<14} {r.scenario_id:<26} {r.profile:<18}"
                  f" {r.mode:<10} {result:<9} regret {regret:<6} {r.log_file}")
    return 0


def register(add) -> None:
    """Add the `history` command (`add` is build_parser's helper; it adds --dir)."""
    sp = add("history", cmd_history, "your recorded sessions: list, rebuild from the logs "
             "(the old file is kept), or export as CSV")
    sp.add_argument("--rebuild", action="store_true",
                    help="build the history again from the logs (the old file is kept)")
    sp.add_argument("--logs", help="logs folder to rebuild from (default: the user's)")
    sp.add_argument("--export", metavar="FILE.csv", help="write the history as CSV")
    sp.add_argument("--player", help="only this profile's sessions (its id)")
