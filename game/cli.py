"""Command line: `safetynet <command>` (also `python -m game <command>`).

Every user mistake ends in a one-line message and a non-zero exit code, never a traceback.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from dataclasses import replace
from datetime import UTC
from pathlib import Path

from game import __version__
from game.cli_checks import (
    finished_log_names,
    seed_argument,
    window_size,
)
from game.paths import scenarios_dir

EXIT_OK, EXIT_FAIL, EXIT_USAGE = 0, 1, 2


class UserError(Exception):
    """A mistake in what the user asked for; printed as one line, exit code 1."""


def _catalogue(directory: str | None = None):
    from game.content.catalogue import load_catalogue
    return load_catalogue(directory or scenarios_dir())


def _scenario(scenario_id: str, directory: str | None = None):
    cat = _catalogue(directory)
    scenario = cat.get(scenario_id)
    if scenario is None:
        bad = [e for e in cat.invalid if Path(e.path).stem == scenario_id]
        if bad:
            raise UserError(f"scenario {scenario_id!r} is invalid:\n" +
                            "\n".join(str(p) for p in bad[0].problems))
        known = ", ".join(s.id for s in cat.scenarios) or "none"
        raise UserError(f"no scenario {scenario_id!r}; known: {known}")
    return scenario


def cmd_list(args) -> int:
    cat = _catalogue(args.dir)
    rows = [{"id": s.id, "title": s.title, "category": s.category,
             "supervision": s.supervision, "minutes": s.minutes} for s in cat.scenarios]
    if args.json:
        print(json.dumps({"scenarios": rows,
                          "invalid": [{"path": e.path, "problems": [str(p) for p in e.problems]}
                                      for e in cat.invalid]}, indent=2))
        return EXIT_OK
    for r in rows:
        print(f"{r['id']:<28} {r['category']:<14} {r['supervision']:<9} {r['minutes']:>4g} min"
              f"  {r['title']}")
    for e in cat.invalid:
        print(f"(invalid) {e.path}: {len(e.problems)} problem(s); run `safetynet validate`")
    return EXIT_OK


def cmd_validate(args) -> int:
    from game.content.catalogue import load_catalogue
    paths = args.paths or [str(scenarios_dir())]
    missing = [p for p in paths if not Path(p).exists()]
    if missing:
        raise UserError(f"no such file or folder: {', '.join(missing)}")
    from game.content.lint import validation_report
    from game.content.translation_lint import is_translation_file
    given = [Path(p) for p in paths]
    # A translation file is checked against the scenario it translates (and only it).
    translations = {p.resolve() for p in given if p.is_file() and is_translation_file(p)}
    scenario_paths = [p.parent.parent.parent / f"{p.stem}.yaml" if p.resolve() in translations
                      else p for p in given]
    only_translations = len(translations) == len(given)
    report = validation_report(load_catalogue(*scenario_paths),
                               translations=translations if only_translations else None)
    for line in report.lines:
        print(line)
    # The summary is the command's result, so it goes with the report on stdout (issue 13).
    infos = f", {report.infos} info line(s)" if report.infos else ""
    print(f"{report.valid} valid, {report.invalid} invalid, {report.warnings} warning(s){infos}"
          f"{report.translations}")
    return EXIT_OK if report.ok else EXIT_FAIL


def _params(weight: float | None):
    from game.scoring.params import DEFAULT_RISK_WEIGHT, ModelParams
    w = DEFAULT_RISK_WEIGHT if weight is None else weight
    if not 0 < w <= 100:
        raise UserError("--risk-weight must be a positive number (learning points per harm "
                        "point), at most 100")
    return ModelParams(risk_weight=w)


def cmd_run(args) -> int:
    from datetime import datetime

    from game.core.state import SessionConfig
    from game.headless import PolicyError, check_policy, load_policy, play_out
    from game.replay.recorder import RecordingError
    from game.replay.session import RecordedSession

    scenario = _scenario(args.id, args.dir)
    profile = _profile(scenario, args.profile)
    try:
        policy = load_policy(args.policy, args.seed)
        check_policy(policy, scenario)
    except PolicyError as exc:
        raise UserError(str(exc)) from None
    if args.log and not Path(args.log).parent.is_dir():
        raise UserError(f"--log: cannot record to {args.log}: folder {Path(args.log).parent} "
                        "does not exist")
    config = SessionConfig(scenario.id, args.seed, profile, args.pace, "headless")
    started = datetime.now(UTC).isoformat(timespec="seconds") if args.timestamp \
        else None
    try:
        session = RecordedSession(scenario, config, _params(args.risk_weight), args.log,
                                  player=args.player, started_at=started,
                                  extra_header={"policy": args.policy})
        play_out(session, policy)
    except RecordingError as exc:
        raise UserError(f"--log: {exc}") from None
    if session.recording_problem is not None:
        raise UserError(f"--log: {session.recording_problem}")
    for decision in policy.unused_entries():
        print(f"note: the policy's entry for {decision!r} was not used: this session never "
              "reached that decision", file=sys.stderr)
    score = session.score
    if score is None:  # play_out plays to an ending; a session without one has no score
        raise UserError(f"the run stopped at {session.state.node_id!r} before an ending")
    end = scenario.end(session.state.node_id)
    result = {"scenario": scenario.id, "profile": profile, "seed": args.seed,
              "end": end.id, "outcome": end.title, **score.as_dict(),
              "decisions": [{"decision": d.node, "chosen": d.chosen, "best": d.best,
                             "regret": round(d.gap, 6), "rating": d.rating}
                            for d in score.decisions]}
    if args.json:
        print(json.dumps(result, indent=2))
    else:
        print(f"{scenario.title}: {end.title}")
        print(f"learning {score.learning:.2f}  harm {score.harm:.2f}  net {score.net:.2f}  "
              f"safety {score.safety_rating}  expected regret {score.regret:.2f}")
        for d in score.decisions:
            mark = "" if d.chosen == d.best else f"  (best: {d.best}, regret {d.gap:.2f})"
            print(f"  {d.node}: {d.chosen} [{d.rating}]{mark}")
        if args.log:
            print(f"log written to {args.log}")
    return EXIT_OK


def _profile(scenario, requested: str | None) -> str:
    ids = [t.id for t in scenario.trainees]
    if requested is None:
        return ids[0]
    if requested not in ids:
        raise UserError(f"{scenario.id} has no trainee profile {requested!r}; "
                        f"choose from {', '.join(ids)}")
    return requested


def cmd_replay(args) -> int:
    from game.replay.verify import verify_log
    if not Path(args.log).exists():
        raise UserError(f"no such log: {args.log}")
    if not args.verify:
        from game.ui.shell.app import NoDisplay, run_replay_viewer
        try:
            return run_replay_viewer(args.log, window=_window(args.window))
        except NoDisplay as exc:
            raise UserError(str(exc)) from None
    from game.replay.signing import SigningError, trusted_keys
    try:
        trusted = trusted_keys(args.trust) if args.trust else None
    except SigningError as exc:
        raise UserError(str(exc)) from None
    cat = _catalogue(args.dir)
    finished, consulted = finished_log_names()
    result = verify_log(args.log, cat.get, finished, trusted)
    if not consulted and result.ok and not result.complete:
        result = replace(result, reason=result.reason + "; no history was consulted, so a "
                         "removed end line could not be told from an interrupted session")
    if args.json:
        print(json.dumps({"ok": result.ok, "reason": result.reason, "line": result.line,
                          "complete": result.complete, "truncated": result.truncated,
                          "commands": result.commands, "signature": result.signature.state,
                          "key_id": result.signature.key_id or None,
                          "trusted": result.signature.trusted}, indent=2))
    else:
        print(("OK: " if result.ok else "FAILED: ") + result.reason)
    return EXIT_OK if result.ok else EXIT_FAIL


def cmd_solve(args) -> int:
    from game.cli_solve import AfterError, print_solution
    scenario = _scenario(args.id, args.dir)
    after = [a.strip() for a in (args.after or "").split(",") if a.strip()]
    try:
        return print_solution(scenario, _profile(scenario, args.profile),
                              _params(args.risk_weight), args.json, after)
    except AfterError as exc:
        raise UserError(str(exc)) from None


def cmd_report(args) -> int:
    from game.reports.command import ReportError, run_report
    try:
        return run_report(args.paths, args.out, args.dir or scenarios_dir(), args.versions,
                          args.cohort)
    except ReportError as exc:
        raise UserError(str(exc)) from None


def cmd_graph(args) -> int:
    from game.reports.graph import FORMATS, render_graph
    from game.reports.graph_text import highlight_for
    scenario = _scenario(args.id, args.dir)
    out = Path(args.out)
    if out.suffix.lower() not in FORMATS:
        raise UserError(f"--out must end in {', '.join(FORMATS[:-1])} or {FORMATS[-1]}; "
                        "the extension sets the format")
    if not out.parent.is_dir():
        raise UserError(f"cannot write {out}: folder {out.parent} does not exist")
    highlight = None
    if args.profile is not None or args.risk_weight is not None:
        highlight = highlight_for(scenario, _profile(scenario, args.profile),
                                  _params(args.risk_weight))
    try:
        render_graph(scenario, out, highlight)
    except OSError as exc:
        raise UserError(f"cannot write {out}: {exc.strerror or exc}") from None
    print(f"graph of {scenario.id} written to {out}")
    return EXIT_OK


def cmd_keygen(args) -> int:
    from game.cli_sign import SignCommandError, keygen
    try:
        print(keygen(args.out))
    except SignCommandError as exc:
        raise UserError(str(exc)) from None
    return EXIT_OK


def cmd_sign(args) -> int:
    from game.cli_sign import SignCommandError, sign
    try:
        print(sign(args.log, args.key, _catalogue(args.dir).get))
    except SignCommandError as exc:
        raise UserError(str(exc)) from None
    return EXIT_OK


def cmd_play(args) -> int:
    size = _window(args.window)
    if args.dir:
        if not Path(args.dir).is_dir():
            raise UserError(f"no such folder: {args.dir}")
        # The game reads its library through paths.scenarios_dir(), which honours this.
        os.environ["SAFETYNET_SCENARIOS"] = str(Path(args.dir).resolve())
    if args.id:
        scenario = _scenario(args.id, args.dir)
        if args.profile:
            _profile(scenario, args.profile)
    elif args.profile:
        raise UserError("--profile needs a vignette id")
    weight = _params(args.risk_weight).risk_weight if args.risk_weight is not None else None
    if args.phones is not None:  # read by the workshop when it opens the phones' room
        from game.web.address import parse_phones
        try:
            parse_phones(args.phones)
        except ValueError as exc:
            raise UserError(str(exc)) from None
        os.environ["SAFETYNET_PHONES"] = args.phones
    from game.ui.shell.app import NoDisplay, run_game
    try:
        return run_game(scenario_id=args.id, seed=args.seed, window=size, mode=args.mode,
                        profile=args.profile, risk_weight=weight)
    except NoDisplay as exc:
        raise UserError(str(exc)) from None


def _window(text: str | None) -> tuple[int, int] | None:
    try:
        return window_size(text)
    except ValueError as exc:
        raise UserError(str(exc)) from None


def build_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="safetynet", description="Safety Net: practise the "
                                "supervisor's decision to let a trainee fail, or to step in.")
    p.add_argument("--version", action="version", version=f"safetynet {__version__}")
    sub = p.add_subparsers(dest="command", required=True)

    def add(name, func, help_text):
        sp = sub.add_parser(name, help=help_text, description=help_text)
        sp.set_defaults(func=func)
        sp.add_argument("--dir", help="scenario folder (default: the shipped library)")
        return sp

    __import__("game.cli_migrate").cli_migrate.register(add)
    sp = add("list", cmd_list, "list the vignettes")
    sp.add_argument("--json", action="store_true")
    sp = add("validate", cmd_validate, "check scenario files; every problem as path:line:col")
    sp.add_argument("paths", nargs="*", help="files or folders (default: scenarios/)")
    sp = add("run", cmd_run, "play a vignette headless with a scripted policy")
    sp.add_argument("id")
    sp.add_argument("--policy", required=True, help="watch | takeover | random | FILE")
    sp.add_argument("--seed", type=seed_argument, default=1)
    sp.add_argument("--profile", help="trainee profile id (default: the first)")
    sp.add_argument("--log", help="write the replay log here")
    sp.add_argument("--risk-weight", type=float)
    sp.add_argument("--pace", choices=["slower", "normal", "faster"], default="normal")
    sp.add_argument("--player", default="headless", help="pseudonymous player id")
    sp.add_argument("--timestamp", action="store_true",
                    help="record the wall-clock start time (the log is then not reproducible)")
    sp.add_argument("--json", action="store_true")
    sp = add("replay", cmd_replay, "verify a replay log, or open it in the replay viewer")
    sp.add_argument("log")
    sp.add_argument("--verify", action="store_true", help="re-simulate and check the log")
    sp.add_argument("--json", action="store_true")
    sp.add_argument("--window", help="viewer window size WxH")
    sp.add_argument("--trust", action="append", default=[], metavar="KEY.pub",
                    help="public key whose signatures are trusted (repeatable)")
    sp = add("solve", cmd_solve, "optimal policy, Q-values and switch-over risk weights")
    sp.add_argument("id")
    sp.add_argument("--profile")
    sp.add_argument("--risk-weight", type=float)
    sp.add_argument("--json", action="store_true")
    sp.add_argument("--after", metavar="DECISION:OPTION,...",
                    help="show the path after these choices instead of the optimal one")
    sp = add("report", cmd_report, "HTML debrief report of one log, or cohort report of many")
    sp.add_argument("paths", nargs="+", help="replay logs, or folders searched for *.jsonl")
    sp.add_argument("--out", required=True, help="folder for index.html and its figures")
    sp.add_argument("--versions", action="append", default=[], metavar="DIR",
                    help="extra scenario folder holding other content versions (repeatable)")
    sp.add_argument("--cohort", action="store_true", help="cohort report even for one log")
    sp = add("graph", cmd_graph, "draw a vignette's graph (PNG, SVG or PDF) for authors")
    sp.add_argument("id")
    sp.add_argument("--out", required=True, help="FILE.png, FILE.svg or FILE.pdf")
    sp.add_argument("--profile", help="with --risk-weight: bold the optimal option")
    sp.add_argument("--risk-weight", type=float)
    sp = add("keygen", cmd_keygen, "make an Ed25519 key pair for signing logs")
    sp.add_argument("out", help="private key file to create (the public key goes to OUT.pub)")
    sp = add("sign", cmd_sign, "sign a log that verifies, with a facilitator's key")
    sp.add_argument("log")
    sp.add_argument("--key", required=True, help="private key file made by `keygen`")
    sp = add("play", cmd_play, "open the game window")
    sp.add_argument("id", nargs="?")
    sp.add_argument("--seed", type=seed_argument)
    sp.add_argument("--profile")
    sp.add_argument("--mode", choices=["practice", "assessment", "workshop"],
                    default="practice")
    sp.add_argument("--window", help="window size WxH (default 1280x720; minimum 1024x600)")
    sp.add_argument("--risk-weight", type=float,
                    help="learning points per harm point for scoring (default 2)")
    sp.add_argument("--phones", help="workshop phone voting: lan (default), off, or "
                    "ADDRESS[:PORT] to listen on")
    from game.cli_interop import register as register_interop
    register_interop(add)  # xapi, export-csv
    from game.store.cli import register as register_history
    register_history(add)  # history, history --rebuild, history --export
    return p


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return args.func(args)
    except UserError as exc:
        print(f"safetynet: {exc}", file=sys.stderr)
        return EXIT_FAIL
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        # Output piped into `head` and the like: stop quietly, as Unix tools do.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return EXIT_OK
