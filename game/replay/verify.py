"""Re-simulate a replay log and say whether it reproduces, or exactly where it stops doing so.

Nothing derived is trusted from the file: the end node, title, path and every score field
(learning, harm, net, regret, best value, safety rating and rule) are recomputed from the
re-simulated session and compared. What re-simulation cannot tell (who played, whether the
session happened at all) only a signature can: `signing.check_signature` is reported with
every verdict ("signed by KEY" or "unsigned"). A finished session whose log lost its end line
is caught when the caller passes the log names the history knows as finished.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Collection
from dataclasses import dataclass, fields
from pathlib import Path

from game.core.engine import CommandRejected
from game.core.model import Scenario
from game.core.state import PathStep, SessionConfig, SessionState, fingerprint
from game.replay.playback import Record, StateDriver, replay
from game.replay.reader import LogError, ReplayLog, read_log
from game.replay.signing import SignatureStatus, check_signature
from game.scoring.episode import EpisodeScore, score_episode
from game.scoring.params import ModelParams


@dataclass(frozen=True)
class VerifyResult:
    ok: bool
    reason: str
    line: int | None = None
    complete: bool = False
    truncated: bool = False
    commands: int = 0
    end_tick: int = 0
    signature: SignatureStatus = SignatureStatus("unsigned")


class Divergence(Exception):
    def __init__(self, line: int | None, message: str, plain: bool = False):
        super().__init__(message)
        self.line, self.message = line, message
        self.plain = plain
        """Shown as it is, not as "divergence at line N: ..." (the log was not replayed)."""


def config_from_header(header: dict) -> SessionConfig:
    return SessionConfig(scenario_id=str(header["scenario_id"]), seed=int(header["seed"]),
                         profile_id=str(header["profile"]), pace=str(header.get("pace", "normal")),
                         mode=str(header.get("mode", "practice")))


def resimulate(log: ReplayLog, scenario: Scenario) -> SessionState:
    """Replay every command through the one replay loop (`playback.replay`), checking each
    against the recording; raises Divergence naming the first line that does not match."""
    try:
        driver = StateDriver(scenario, config_from_header(log.header))
    except (KeyError, ValueError, TypeError) as exc:
        raise Divergence(1, f"header cannot start a session: {exc}") from None
    at: dict[str, int] = {"line": 1}

    def before(record: Record, state: SessionState) -> None:
        at["line"] = record["line"]
        if record["tick"] < state.tick:
            raise Divergence(record["line"], f"command at tick {record['tick']} is earlier "
                                             f"than the session (tick {state.tick})")

    def after(record: Record, state: SessionState) -> None:
        if fingerprint(state) != record.get("fingerprint"):
            raise Divergence(record["line"], "state fingerprint differs from the recording")

    end = log.end
    if end is not None and not isinstance(end.get("tick"), int):
        raise Divergence(end["line"], "end line has an impossible tick")
    try:
        state = replay(log, driver, on_record=before, on_applied=after)
    except (ValueError, KeyError, TypeError, CommandRejected) as exc:
        raise Divergence(at["line"], f"command does not apply: {exc}") from None
    if end is not None:
        if state.tick != end["tick"]:
            raise Divergence(end["line"], "end line has an impossible tick")
        if not state.finished or state.node_id != end.get("end_node"):
            raise Divergence(end["line"], "the re-simulated session ends differently")
        if fingerprint(state) != end.get("fingerprint"):
            raise Divergence(end["line"], "final state fingerprint differs from the recording")
    return state


def verify_log(path: str, find_scenario: Callable[[str], Scenario | None],
               finished_logs: Collection[str] = (),
               trusted: dict[str, str] | None = None) -> VerifyResult:
    """The verdict on the log at `path`. `finished_logs` are the file names of sessions the
    history store records as finished (see `check_log`); `trusted` maps key ids to names."""
    try:
        log = read_log(path)
    except LogError as exc:
        return VerifyResult(False, f"unreadable log: {exc}", exc.line or None)
    return check_log(log, find_scenario(str(log.header.get("scenario_id"))), finished_logs,
                     trusted)[0]


def check_log(log: ReplayLog, scenario: Scenario | None, finished_logs: Collection[str] = (),
              trusted: dict[str, str] | None = None
              ) -> tuple[VerifyResult, SessionState | None]:
    """The verdict on a log that could be read, and the re-simulated final state when it
    reproduces (reports reuse the state instead of simulating again)."""
    result, state, _ = check_log_scored(log, scenario, finished_logs, trusted)
    return result, state


def check_log_scored(log: ReplayLog, scenario: Scenario | None,
                     finished_logs: Collection[str] = (), trusted: dict[str, str] | None = None
                     ) -> tuple[VerifyResult, SessionState | None, EpisodeScore | None]:
    """`check_log`, plus the episode score recomputed at the log's risk weight when the log
    is finished and reproduces (reports reuse it instead of scoring again).

    `finished_logs`: names of log files (as the history's `log_file` column holds them) whose
    sessions are known to have finished. Such a log without an end line lost it after the
    fact, which re-simulation alone cannot tell from a session that was interrupted."""
    signature = check_signature(log.path, trusted)
    if signature.state == "invalid":
        return VerifyResult(False, f"signature: {signature.message}", None,
                            signature=signature), None, None
    try:
        state, score = _reproduce(log, scenario, finished_logs)
    except Divergence as exc:
        reason = exc.message if exc.plain else f"divergence at line {exc.line}: {exc.message}"
        return VerifyResult(False, reason, exc.line, truncated=log.truncated_tail,
                            signature=signature), None, None
    note = "reproduces" if log.complete else \
        f"reproduces as far as it goes: no end line (session interrupted after line " \
        f"{len(log.lines)})"
    if log.truncated_tail:
        note += "; the last line was cut off mid-write and ignored"
    note += f"; {signature.message}"
    return VerifyResult(True, note, None, log.complete, log.truncated_tail, len(log.commands),
                        state.tick, signature), state, score


def _reproduce(log: ReplayLog, scenario: Scenario | None, finished_logs: Collection[str]
               ) -> tuple[SessionState, EpisodeScore | None]:
    broken = log.chain_break()
    if broken is not None:
        raise Divergence(broken, f"broken hash chain at line {broken}: the line was edited, "
                                 "removed or reordered", plain=True)
    scenario_id = str(log.header.get("scenario_id"))
    if scenario is None:
        raise Divergence(1, f"scenario {scenario_id!r} is not in the library", plain=True)
    if scenario.content_sha256 != log.header.get("scenario_sha256"):
        raise Divergence(1, f"scenario {scenario_id!r} changed since recording "
                            "(content sha256 differs)", plain=True)
    if log.end is None and Path(log.path).name in finished_logs:
        raise Divergence(len(log.lines), "the history records this session as finished, but "
                                         "its log has no end line: the end line was removed")
    state = resimulate(log, scenario)
    score = _check_derived(log, scenario, state) if log.end is not None else None
    return state, score


STEP_FIELDS = tuple(f.name for f in fields(PathStep))
"""A path step as the end line holds it (`dataclasses.asdict`, which costs 10x: its fields
are all plain values)."""
V1_SCORE_FIELDS = ("learning", "harm", "net", "safety_rating", "safety_rule", "regret",
                   "best_value")
"""Every log ever written has these; a score field added later is checked when present."""
SCORE_TOLERANCE = 1e-6
"""Scores are written rounded to 6 decimals; allow for the last digit only."""


def _check_derived(log: ReplayLog, scenario: Scenario, state: SessionState) -> EpisodeScore:
    """Every field of the end line that follows from the session, recomputed and compared."""
    end, line = log.end or {}, (log.end or {}).get("line", len(log.lines))
    node = scenario.as_written().node(state.node_id)
    if end.get("title", getattr(node, "title", "")) != getattr(node, "title", ""):
        raise Divergence(line, "the end line's title differs from the vignette's ending")
    if end.get("path") != [{name: getattr(s, name) for name in STEP_FIELDS}
                           for s in state.history]:
        raise Divergence(line, "the end line's path differs from the re-simulated path")
    params = ModelParams(risk_weight=float(log.header.get("risk_weight", 2.0)))
    score = score_episode(scenario, state, params)
    recorded = end.get("score") or {}
    for name, value in score.as_dict().items():
        if name not in recorded and name not in V1_SCORE_FIELDS:
            continue  # a field newer than the log: nothing was claimed, nothing to check
        if not _same(recorded.get(name), value):
            raise Divergence(line, f"recorded {name} {recorded.get(name)!r} differs from the "
                                   f"re-computed {value!r}")
    return score


def _same(recorded: object, value: object) -> bool:
    if isinstance(value, float) and isinstance(recorded, (int, float)) \
            and not isinstance(recorded, bool):
        return math.isclose(recorded, value, rel_tol=0, abs_tol=SCORE_TOLERANCE)
    return recorded == value
