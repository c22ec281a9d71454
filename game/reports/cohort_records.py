"""One cohort log -> one verified record (or the reason it cannot be used).

Each log is checked (hash chain, exact content version, re-simulation, recorded score) before
anything is taken from it: a cohort summary built from edited logs would be worse than none.
What a report needs per session is small (who, which version, what was chosen when, what it
earned), so records keep only that and the re-simulated states are dropped at once.

Revealed risk attitudes solve each vignette version and profile at 41 risk weights in one
tree pass (`scoring.multiweight`, cached); identical choice paths (common: "always watch",
"always take over") are estimated once per cohort, and different (version, profile) pairs in
parallel worker processes.

Verification is `replay.verify.check_log`, which also hands back the re-simulated state, so
each log is simulated once.
"""

from __future__ import annotations

import json
from collections import OrderedDict, defaultdict
from dataclasses import dataclass, replace
from functools import partial
from pathlib import Path

from game.core.engine import window_ticks
from game.core.model import Decision, Scenario
from game.core.state import SessionState
from game.replay import verify
from game.replay.reader import LogError, ReplayLog, read_log
from game.replay.verify import VerifyResult, config_from_header
from game.reports.files import Library
from game.reports.parallel import run_jobs, workers_for
from game.scoring.attitude import Attitude, revealed_attitude
from game.scoring.episode import EpisodeScore, score_episode
from game.scoring.params import ModelParams
from game.scoring.solver import solve_cached


@dataclass(frozen=True)
class DecisionRecord:
    node: str
    option: str
    level: str
    by: str
    """"player" (an intervention at some moment) or "timeout" (watched: the window ran out)."""
    fraction: float
    """Elapsed share of the window when the choice was made (1.0 for a timeout)."""
    regret: float
    rating: str


@dataclass(frozen=True)
class SessionRecord:
    path: str
    scenario_id: str
    sha: str
    player: str
    profile: str
    risk_weight: float
    finished: bool
    learning: float
    harm: float
    regret: float
    decisions: tuple[DecisionRecord, ...]
    choices: tuple[tuple[str, tuple[str, ...], str], ...]
    """(decision, history, option) per decision: what the attitude estimate needs."""
    attitude: Attitude | None = None
    """Filled in by `attach_attitudes`, in one batch for the whole cohort."""


@dataclass(frozen=True)
class Excluded:
    path: str
    reason: str
    other_version_of: str = ""
    """Scenario id, when the log is fine but its content version is not loaded."""


def analyse(path: Path, library: Library) -> SessionRecord | Excluded:
    """A verified record of the log at `path`, or why it is left out of the analysis."""
    try:
        log = read_log(path)
    except LogError as exc:
        return Excluded(str(path), f"unreadable log: {exc}")
    scenario = library.for_header(log.header)
    checked = check_log(log, scenario)
    if not checked.result.ok:
        reason, other = checked.result.reason, ""
        if scenario is not None and scenario.content_sha256 != log.header.get("scenario_sha256") \
                and checked.result.line == 1 and log.chain_break() is None:
            other = scenario.id
            reason += ("; it was recorded with a content version that is not loaded (add "
                       "the folder holding it with --versions)")
        return Excluded(str(path), reason, other)
    assert scenario is not None and checked.state is not None and checked.score is not None
    return _record(str(path), log.header, scenario, checked.state, checked.score)


def analyse_all(files: list[Path], library: Library) -> list[SessionRecord | Excluded]:
    """`analyse` for every file, in forked workers when there are enough logs. Files are
    ordered by (scenario, risk weight) from their first line before being split into one
    contiguous chunk per worker, so each worker solves mostly its own vignettes."""
    if len(files) < MIN_PARALLEL:
        return [analyse(path, library) for path in files]
    ordered = sorted(files, key=_solve_key)
    chunks = max(1, workers_for(len(ordered) // (MIN_PARALLEL // 2)))
    size = -(-len(ordered) // chunks)
    parts = [ordered[i:i + size] for i in range(0, len(ordered), size)]
    jobs = [partial(_analyse_chunk, part, library) for part in parts]
    found = {path: outcome for part in run_jobs(jobs) for path, outcome in part}
    return [found[path] for path in files]


MIN_PARALLEL = 40
"""Below this, forking costs more than the solves it spreads."""


def _analyse_chunk(paths: list[Path],
                   library: Library) -> list[tuple[Path, SessionRecord | Excluded]]:
    return [(path, analyse(path, library)) for path in paths]


def _solve_key(path: Path) -> tuple[str, str, str]:
    """(scenario, profile, risk weight) from the header line, or blanks: only an ordering."""
    try:
        with open(path, encoding="utf-8") as f:
            header = json.loads(f.readline(64 * 1024))
        return (str(header.get("scenario_id")), str(header.get("profile")),
                str(header.get("risk_weight")))
    except (OSError, ValueError, AttributeError, RecursionError):
        return ("", "", "")


def _record(path: str, header: dict, scenario: Scenario, state: SessionState,
            score: EpisodeScore) -> SessionRecord:
    profile = config_from_header(header).profile_id
    decisions = tuple(_decision(scenario, state, review) for review in score.decisions)
    return SessionRecord(
        path=path, scenario_id=scenario.id, sha=scenario.content_sha256,
        player=str(header.get("player", "anonymous")), profile=profile,
        risk_weight=params_of(header).risk_weight, finished=state.finished,
        learning=score.learning, harm=score.harm, regret=score.regret, decisions=decisions,
        choices=tuple((r.node, r.history, r.chosen) for r in score.decisions))


def _decision(scenario: Scenario, state: SessionState, review) -> DecisionRecord:
    node = scenario.node(review.node)
    assert isinstance(node, Decision)
    window = window_ticks(scenario, state, node)
    fraction = 1.0 if review.by == "timeout" else min(1.0, review.elapsed / window)
    return DecisionRecord(review.node, review.chosen, node.option(review.chosen).rung,
                          review.by, fraction, review.gap, review.rating)


_KNOWN: OrderedDict[tuple, Attitude] = OrderedDict()
_KNOWN_SIZE = 50_000
"""Estimates already made in this process, by (id, sha256, profile, choice path): a pure
function of that key, so a long-running process (or the benchmark) never redoes one. Needed
because the estimates are made in worker processes whose solve caches die with them."""


def attach_attitudes(records: list[SessionRecord], library: Library) -> list[SessionRecord]:
    """Every record with its revealed attitude, each distinct choice path estimated once.

    The estimates for one (scenario version, profile) share 41 exact solves, so they form
    one job; jobs for different pairs run in forked workers (`run_jobs`) and only the small
    `Attitude` values come back."""
    paths: dict[tuple[str, str, str], set] = defaultdict(set)
    for r in records:
        if r.choices and (r.scenario_id, r.sha, r.profile, r.choices) not in _KNOWN:
            paths[(r.scenario_id, r.sha, r.profile)].add(r.choices)
    pairs = sorted(paths, key=lambda k: -len(library.versions[k[:2]].nodes))
    jobs = [partial(_estimate, library.versions[k[:2]], k[2], sorted(paths[k])) for k in pairs]
    for pair, found in zip(pairs, run_jobs(jobs)):
        for choices, attitude in found:
            _KNOWN[(*pair, choices)] = attitude
    while len(_KNOWN) > _KNOWN_SIZE:
        _KNOWN.popitem(last=False)
    return [replace(r, attitude=_KNOWN.get((r.scenario_id, r.sha, r.profile, r.choices)))
            for r in records]


def _estimate(scenario: Scenario, profile: str, paths: list[tuple]) -> list[tuple]:
    """Attitudes for several choice paths of one (version, profile); the solves are shared
    through `solve_cached`, and the risk weight of the base parameters does not matter
    (the estimator replaces it by each weight of its grid)."""
    return [(choices, revealed_attitude(scenario, profile, list(choices))) for choices in paths]


@dataclass(frozen=True)
class Checked:
    result: VerifyResult
    state: SessionState | None = None
    score: EpisodeScore | None = None
    """Scored at the log's own risk weight (set when the log reproduces)."""


def params_of(header: dict) -> ModelParams:
    return ModelParams(risk_weight=float(header.get("risk_weight", 2.0)))


def check_log(log: ReplayLog, scenario: Scenario | None) -> Checked:
    """The verdict `verify_log` gives for `log`, with the state and score it implies (the
    verifier's own recomputed score when the log is finished: nothing is scored twice)."""
    result, state, score = verify.check_log_scored(log, scenario)
    if state is None or scenario is None:
        return Checked(result)
    if score is None:  # unfinished: scored as far as it goes
        params = params_of(log.header)
        profile = config_from_header(log.header).profile_id
        score = score_episode(scenario, state, params, solve_cached(scenario, profile, params))
    return Checked(result, state, score)
