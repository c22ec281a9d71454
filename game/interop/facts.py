"""What a replay log says happened, gathered once for the xAPI and CSV exporters.

A log is trusted only after it verifies (hash chain, scenario hash, re-simulation): learning
records leave the machine and must never carry scores from an edited file. Everything is
read through the public replay and scoring APIs (`check_log_scored`, the shared replay loop,
`score_episode`, `solve_cached`), so the numbers are the ones the debrief shows.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

from game.core import events as ev
from game.core.model import TICKS_PER_SECOND, Chance, Decision, Scenario
from game.core.state import SessionState
from game.interop.records import (  # re-exported: exporters import facts from one place
    DecisionFact,
    FactsError,
    HarmFact,
    NoteFact,
    RescueFact,
    SessionFacts,
    VoteFact,
    derived_uuid,
    scaled_score,
    seconds,
    session_uuid,
)
from game.replay.annotations import read_notes
from game.replay.playback import StateDriver, replay
from game.replay.reader import LogError, ReplayLog, read_log
from game.replay.timeline import harm_so_far
from game.replay.verify import check_log_scored, config_from_header
from game.scoring.episode import EpisodeScore, review_decisions, score_episode
from game.scoring.params import ModelParams
from game.scoring.solver import solve_cached

__all__ = ["DecisionFact", "FactsError", "Finder", "HarmFact", "NoteFact", "RescueFact",
           "SessionFacts", "VoteFact", "derived_uuid", "gather", "library_finder",
           "load_facts", "scaled_score", "seconds", "session_uuid"]

Finder = Callable[[str, str], Scenario | None]
"""(scenario id, content sha256) -> the scenario, preferring the version recorded."""


def library_finder(*folders: str | Path) -> Finder:
    """Look vignettes up in these folders (the first is the library; others may hold older
    versions of the same vignettes, as for `safetynet report --versions`)."""
    from game.content.catalogue import load_catalogue
    scenarios = [s for folder in folders for s in load_catalogue(folder).scenarios]

    def find(scenario_id: str, sha256: str) -> Scenario | None:
        same = [s for s in scenarios if s.id == scenario_id]
        return next((s for s in same if s.content_sha256 == sha256), same[0] if same else None)
    return find


def load_facts(path: str | Path, find_scenario: Finder) -> SessionFacts:
    try:
        log = read_log(path)
    except LogError as exc:
        raise FactsError(f"{path}: unreadable log: {exc}") from None
    scenario = find_scenario(str(log.header.get("scenario_id")),
                             str(log.header.get("scenario_sha256")))
    result, state, score = check_log_scored(log, scenario)
    if not result.ok or state is None or scenario is None:
        raise FactsError(f"{path}: not exported: {result.reason}")
    return gather(log, scenario, state, score)


def gather(log: ReplayLog, scenario: Scenario, state: SessionState,
           score: EpisodeScore | None = None) -> SessionFacts:
    """The facts of a log that verified; `score` is the verifier's (it scores a finished
    log to check its end line), so a finished session is scored once."""
    params = ModelParams(risk_weight=float(log.header.get("risk_weight", 2.0)))
    profile = str(log.header["profile"])
    if score is None and log.complete:
        score = score_episode(scenario, state, params)
    session_id = session_uuid(log.header)
    harms, rescues, supervision = _events(log, scenario)
    notes, problems = read_notes(log.path)
    return SessionFacts(
        path=log.path, header=log.header, scenario=scenario, session_id=session_id,
        complete=log.complete, end_node=log.end.get("end_node") if log.end else None,
        end_tick=int(log.end["tick"]) if log.end else state.tick,
        decisions=_decisions(scenario, state, params, profile, score),
        harms=harms, rescues=rescues, votes=_votes(log, session_id),
        notes=tuple(_note(n) for n in notes), score=score, warnings=tuple(problems),
        supervision_changes=supervision)


def _decisions(scenario: Scenario, state: SessionState, params: ModelParams, profile: str,
               score: EpisodeScore | None) -> tuple[DecisionFact, ...]:
    solution = solve_cached(scenario, profile, params)
    reviews = score.decisions if score else review_decisions(solution, state)
    steps = [s for s in state.history if s.kind == "decision"]
    pace = state.pace_factor
    facts = []
    for index, (review, step) in enumerate(zip(reviews, steps), start=1):
        node = scenario.node(review.node)
        assert isinstance(node, Decision)
        analysis = solution.at(review.node, review.history)
        chosen = node.option(review.chosen)
        moment, window = _moment(review, node, pace)
        facts.append(DecisionFact(
            index=index, node=review.node, cue=node.cue,
            options=tuple((o.id, o.label, o.level.value if o.level else None)
                          for o in node.options),
            chosen=review.chosen, rung=chosen.level.value if chosen.level else None,
            by=review.by, tick=step.tick, moment_s=moment, window_s=window, best=review.best,
            best_moment_s=_best_moment(review),
            q_values={o.option: round(o.q, 6) for o in analysis.options},
            regret=round(review.gap, 6), rating=review.rating, broken=review.broken,
            preempted=bool(getattr(review, "preempted", False)),
            window_event=str(getattr(review, "event", "") or "")))
    return tuple(facts)


def _moment(review: object, node: Decision, pace: float) -> tuple[float, float]:
    """(moment, window) in content seconds. Scoring v2 reports both; otherwise they follow
    from the elapsed ticks, which the pace setting stretched."""
    window = getattr(review, "window_s", 0.0) or node.window_ticks / TICKS_PER_SECOND
    chosen = getattr(review, "chosen_moment_s", None)
    if chosen is None:
        chosen = getattr(review, "elapsed", 0) / pace / TICKS_PER_SECOND
    return round(min(float(chosen), window), 3), round(float(window), 3)


def _best_moment(review: object) -> tuple[float, float] | None:
    """Scoring v2 gives the best moment as an interval of the window; a model without
    moments gives none, and then the records leave it out rather than invent one."""
    value = getattr(review, "best_moment_s", None)
    if isinstance(value, (tuple, list)) and len(value) == 2:
        return round(float(value[0]), 3), round(float(value[1]), 3)
    return None


def _events(log: ReplayLog, scenario: Scenario
            ) -> tuple[tuple[HarmFact, ...], tuple[RescueFact, ...], tuple[tuple[int, str], ...]]:
    """Harm, rescues and supervision changes, from one more pass of the shared replay loop
    (the timeline would also work out learning at every step, which the records do not
    need)."""
    harms: list[HarmFact] = []
    rescues: list[RescueFact] = []
    supervision: list[tuple[int, str]] = []

    def collect(state: SessionState, events: list) -> None:
        never = {e.tick for e in events if isinstance(e, ev.NeverEventOccurred)}
        for event in events:
            if isinstance(event, ev.HarmOccurred):
                harms.append(HarmFact(len(harms) + 1, event.tick, event.grade, event.node,
                                      round(harm_so_far(state), 6), event.tick in never))
            elif isinstance(event, ev.SupervisionChanged):
                supervision.append((event.tick, event.to))
            elif kind := _rescue_kind(scenario, event):
                node, choice = _node_choice(event)
                rescues.append(RescueFact(len(rescues) + 1, event.tick,
                                          node, choice, kind))

    driver = StateDriver(scenario, config_from_header(log.header))
    collect(driver.state, driver.opening)
    replay(log, driver, on_events=collect)
    return tuple(harms), tuple(rescues), tuple(supervision)


def _rescue_kind(scenario: Scenario, event: object) -> str | None:
    """The supervisor rescued when the path taken relies on it (`needs_rescue`)."""
    if isinstance(event, ev.ChanceResolved):
        node = scenario.node(event.node)
        if isinstance(node, Chance):
            outcome = next((o for o in node.outcomes if o.id == event.outcome), None)
            return outcome.effects.needs_rescue if outcome else None
    if isinstance(event, (ev.InterventionMade, ev.WindowClosed)):
        node = scenario.node(event.decision)
        if isinstance(node, Decision):
            return node.option(event.option).effects.needs_rescue
    return None


def _node_choice(event: object) -> tuple[str, str]:
    if isinstance(event, ev.ChanceResolved):
        return event.node, event.outcome
    return getattr(event, "decision", ""), getattr(event, "option", "")


def _votes(log: ReplayLog, session_id: str) -> tuple[VoteFact, ...]:
    votes: list[VoteFact] = []
    for n, record in enumerate((r for r in log.lines if r.get("type") == "vote"), start=1):
        decision, followed = str(record.get("decision")), str(record.get("followed"))
        tick = int(record.get("tick", 0))
        for option, token, source in _ballots(record, session_id, n):
            votes.append(VoteFact(decision, option, token, source, followed, tick,
                                  f"vote:{n}:{token}"))
    return tuple(votes)


def _ballots(record: dict[str, Any], session_id: str, n: int
             ) -> list[tuple[str, str, str]]:
    """Each vote as (option, anonymous token, token source).

    A workshop log keeps `ballots` ({token: option}, one per phone, under the pseudonymous
    token the room derived for it) and `hands` ({option: n}, counted by the facilitator);
    older logs have only `counts`. A counted vote has no participant, so it gets a token
    derived from the session and the vote, marked `room-count`."""
    out: list[tuple[str, str, str]] = []
    ballots = record.get("ballots")
    if isinstance(ballots, dict):
        out.extend((str(o), str(t), "phone") for t, o in sorted(ballots.items()) if t and o)
        counted = record.get("hands") or {}
    else:
        counted = record.get("counts") or {}
    for option in sorted(counted):
        for k in range(max(0, int(counted[option]))):
            token = "vote-" + derived_uuid(session_id, f"vote:{n}:{option}:{k}")[:13]
            out.append((str(option), token, "room-count"))
    return out


def _note(note: Any) -> NoteFact:
    body = json.dumps([note.tick, note.text, note.decision, note.created_at],
                      ensure_ascii=False)
    return NoteFact(note.tick, note.text, note.decision,
                    hashlib.sha256(body.encode()).hexdigest())
