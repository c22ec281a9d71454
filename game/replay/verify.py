"""Re-simulate a replay log and say whether it reproduces, or exactly where it stops doing so."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from game.core.commands import Advance, command_from_dict
from game.core.engine import CommandRejected, new_session, step
from game.core.model import Scenario
from game.core.state import SessionConfig, SessionState, fingerprint
from game.replay.reader import LogError, ReplayLog, read_log
from game.scoring.episode import realised
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


class Divergence(Exception):
    def __init__(self, line: int, message: str):
        super().__init__(message)
        self.line, self.message = line, message


def config_from_header(header: dict) -> SessionConfig:
    return SessionConfig(scenario_id=str(header["scenario_id"]), seed=int(header["seed"]),
                         profile_id=str(header["profile"]), pace=str(header.get("pace", "normal")),
                         mode=str(header.get("mode", "practice")))


def resimulate(log: ReplayLog, scenario: Scenario) -> SessionState:
    """Replay every command; raises Divergence naming the first line that does not match."""
    try:
        config = config_from_header(log.header)
        state, _ = new_session(scenario, config)
    except (KeyError, ValueError, TypeError) as exc:
        raise Divergence(1, f"header cannot start a session: {exc}") from None
    for record in log.commands:
        line, tick = record["line"], record["tick"]
        if tick < state.tick:
            raise Divergence(line, f"command at tick {tick} is earlier than the session "
                                   f"(tick {state.tick})")
        state, _ = step(scenario, state, Advance(tick - state.tick))
        try:
            command = command_from_dict(record["command"])
            state, _ = step(scenario, state, command)
        except (ValueError, CommandRejected) as exc:
            raise Divergence(line, f"command does not apply: {exc}") from None
        if fingerprint(state) != record.get("fingerprint"):
            raise Divergence(line, "state fingerprint differs from the recording")
    if log.end is not None:
        end = log.end
        if not isinstance(end.get("tick"), int) or end["tick"] < state.tick:
            raise Divergence(end["line"], "end line has an impossible tick")
        state, _ = step(scenario, state, Advance(end["tick"] - state.tick))
        if not state.finished or state.node_id != end.get("end_node"):
            raise Divergence(end["line"], "the re-simulated session ends differently")
        if fingerprint(state) != end.get("fingerprint"):
            raise Divergence(end["line"], "final state fingerprint differs from the recording")
    return state


def verify_log(path: str, find_scenario: Callable[[str], Scenario | None]) -> VerifyResult:
    try:
        log = read_log(path)
    except LogError as exc:
        return VerifyResult(False, f"unreadable log: {exc}", exc.line or None)
    return check_log(log, find_scenario(str(log.header.get("scenario_id"))))[0]


def check_log(log: ReplayLog, scenario: Scenario | None
              ) -> tuple[VerifyResult, SessionState | None]:
    """The verdict on a log that could be read, and the re-simulated final state when it
    reproduces (reports reuse the state instead of simulating again)."""
    broken = log.chain_break()
    if broken is not None:
        return VerifyResult(False, f"broken hash chain at line {broken}: the line was edited, "
                                   "removed or reordered", broken,
                            truncated=log.truncated_tail), None
    scenario_id = str(log.header.get("scenario_id"))
    if scenario is None:
        return VerifyResult(False, f"scenario {scenario_id!r} is not in the library", 1), None
    if scenario.content_sha256 != log.header.get("scenario_sha256"):
        return VerifyResult(False, f"scenario {scenario_id!r} changed since recording "
                                   "(content sha256 differs)", 1), None
    try:
        state = resimulate(log, scenario)
    except Divergence as exc:
        return VerifyResult(False, f"divergence at line {exc.line}: {exc.message}",
                            exc.line), None
    if log.end is not None:
        # Outcome scores follow from the path alone; the model-derived fields (regret,
        # safety rating) are protected by the hash chain and re-derived by reports.
        params = ModelParams(risk_weight=float(log.header.get("risk_weight", 2.0)))
        recorded = log.end.get("score") or {}
        outcome = realised(scenario, state, params)
        if any(recorded.get(k) != v for k, v in outcome.items()):
            return VerifyResult(False, f"divergence at line {log.end['line']}: recorded scores "
                                       "differ from the re-computed ones", log.end["line"]), None
    note = "reproduces" if log.complete else \
        f"reproduces as far as it goes: no end line (session interrupted after line " \
        f"{len(log.lines)})"
    if log.truncated_tail:
        note += "; the last line was cut off mid-write and ignored"
    return VerifyResult(True, note, None, log.complete, log.truncated_tail, len(log.commands),
                        state.tick), state
