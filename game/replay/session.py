"""A recorded session: the one object front ends drive.

It owns the session state, applies commands through `core.engine.step`, appends each player
command to the replay log as it happens, and writes the end line with the episode score.
The pygame play scene and the headless `run` command both use it, so both write the same log.
"""

from __future__ import annotations

from contextlib import suppress
from dataclasses import fields
from pathlib import Path
from typing import Any

from game import __version__
from game.core.commands import Advance, Command, command_to_dict
from game.core.engine import new_session, step
from game.core.model import Scenario
from game.core.state import PathStep, SessionConfig, fingerprint
from game.replay.format import FORMAT_NAME, FORMAT_VERSION, MIN_READER_VERSION
from game.replay.recorder import LogWriter, RecordingError
from game.scoring.episode import EpisodeScore, score_episode
from game.scoring.params import DEFAULT_RISK_WEIGHT, ModelParams
from game.scoring.trace import Trace, TraceWalk


def params_from_header(header: dict[str, Any]) -> ModelParams:
    """The scoring parameters a log was played under: its header's risk weight (the default
    for logs written before the header carried one). The one place that reads them."""
    return ModelParams(risk_weight=float(header.get("risk_weight", DEFAULT_RISK_WEIGHT)))


def make_header(scenario: Scenario, config: SessionConfig, params: ModelParams, player: str,
                started_at: str | None, extra: dict[str, Any] | None = None) -> dict[str, Any]:
    header = {
        "format": FORMAT_NAME,
        "format_version": FORMAT_VERSION,
        "min_reader_version": MIN_READER_VERSION,
        "game_version": __version__,
        "scenario_id": scenario.id,
        "scenario_sha256": scenario.content_sha256,
        "seed": config.seed,
        "profile": config.profile_id,
        "mode": config.mode,
        "pace": config.pace,
        "risk_weight": params.risk_weight,
        "player": player,
    }
    if started_at is not None:
        header["started_at"] = started_at
    header.update(extra or {})
    return header


class RecordedSession:
    def __init__(self, scenario: Scenario, config: SessionConfig, params: ModelParams,
                 log_path: str | Path | None, player: str = "anonymous",
                 started_at: str | None = None, extra_header: dict[str, Any] | None = None):
        self.scenario = scenario
        self.params = params
        self.state, self.events = new_session(scenario, config)
        self.score: EpisodeScore | None = None
        self._trace: TraceWalk | None = None
        """The score walk kept as the session runs (made on first use, see `ledgers`)."""
        self.writer = None
        self.not_recorded: RecordingError | None = None
        """Why a session meant to be recorded is not: set by a front end that plays on
        without a log (practice on a read-only or full home, see app.sessions)."""
        if log_path is not None:
            header = make_header(scenario, config, params, player, started_at, extra_header)
            self.writer = LogWriter(log_path, header)

    @property
    def log_path(self) -> Path | None:
        """Where this session is recorded (None for an unrecorded session)."""
        return self.writer.path if self.writer else None

    @property
    def recording_problem(self) -> RecordingError | None:
        """Set when storage failed mid-session (disk full, read-only): the log stays valid up
        to its last complete line, nothing more is recorded, and the session plays on.
        Front ends show `str()` of it; an assessment should end as not recorded."""
        return self.writer.failed if self.writer else self.not_recorded

    @property
    def finished(self) -> bool:
        return self.state.finished

    def advance(self, ticks: int) -> list:
        """Let time pass (not logged: it is implied by the ticks of later commands)."""
        return self._apply(Advance(ticks), log=False)

    def issue(self, command: Command) -> list:
        """Apply a player command and log it; raises CommandRejected if it does not fit."""
        return self._apply(command, log=True)

    def _apply(self, command: Command, log: bool) -> list:
        if self.state.finished:
            return []
        tick_before = self.state.tick
        self.state, events = step(self.scenario, self.state, command)
        if log and self.writer:
            with suppress(RecordingError):  # kept as recording_problem; play goes on
                state = self.state  # digested on the log's writer thread, if it has one
                self.writer.command(tick_before, command_to_dict(command),
                                    lambda: fingerprint(state))
        if self.state.finished:
            self._finish()
        return events

    @property
    def walk(self) -> TraceWalk:
        """The session's score walk (`scoring.trace`), kept as it runs."""
        if self._trace is None:
            self._trace = TraceWalk(self.scenario, self.state, self.params)
        return self._trace

    def ledgers(self) -> Trace:
        """Learning credited and harm points so far, by the outcome's own walk, resumed
        from where it last stopped: the meters ask at every batch of events, and the end
        frame walks only the last steps."""
        return self.walk.totals(self.state)

    def _finish(self) -> None:
        self.score = score_episode(self.scenario, self.state, self.params,
                                   outcome=self.ledgers())
        if self.writer and not self.writer.closed:
            end = self.scenario.as_written().node(self.state.node_id)
            state, score = self.state, self.score

            def body() -> dict[str, Any]:  # built on the log's writer thread, if it has one
                return {"end_node": end.id, "title": getattr(end, "title", ""),
                        "score": score.as_dict(), "path": [_step_dict(s) for s in state.history],
                        "fingerprint": fingerprint(state)}
            with suppress(RecordingError):  # kept as recording_problem
                self.writer.end(state.tick, body)

    def record_vote(self, record: dict[str, Any]) -> None:
        """Write a workshop vote line at the current tick (before the chosen command)."""
        if self.writer and not self.writer.closed:
            with suppress(RecordingError):  # kept as recording_problem
                self.writer.vote(self.state.tick, record)

    def close(self) -> None:
        """Stop recording without an end line (the player quit mid-vignette)."""
        if self.writer:
            self.writer.close()


_STEP_FIELDS = tuple(f.name for f in fields(PathStep))


def _step_dict(step: PathStep) -> dict[str, Any]:
    """`dataclasses.asdict` of a path step without its recursive deep copy (a step's
    fields are strings and numbers): the same dict, at a fraction of the cost."""
    return {name: getattr(step, name) for name in _STEP_FIELDS}
