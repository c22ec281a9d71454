"""Recorded sessions for the learning-record tests: headless, workshop, interrupted."""

from __future__ import annotations

from pathlib import Path

from game.content.catalogue import load_catalogue
from game.core.commands import Intervene
from game.core.model import Scenario
from game.core.state import SessionConfig
from game.core.view import view
from game.headless import ScriptedPolicy, play_out
from game.interop.facts import Finder, library_finder
from game.paths import scenarios_dir
from game.replay.session import RecordedSession
from game.scoring.params import ModelParams

STARTED = "2026-11-22T10:31:05+00:00"


def library() -> dict[str, Scenario]:
    return {s.id: s for s in load_catalogue(scenarios_dir()).scenarios}


def finder() -> Finder:
    return library_finder(scenarios_dir())


def record(folder: Path, scenario: Scenario, policy: str = "random", seed: int = 1,
           player: str = "sup-0a1b2c3d", started_at: str | None = STARTED,
           weight: float = 2.0) -> Path:
    path = folder / f"{scenario.id}-{policy}-{seed}.jsonl"
    config = SessionConfig(scenario.id, seed, scenario.trainees[0].id, "normal", "headless")
    session = RecordedSession(scenario, config, ModelParams(risk_weight=weight), path,
                              player=player, started_at=started_at)
    play_out(session, ScriptedPolicy(policy, seed=seed))
    return path


def record_interrupted(folder: Path, scenario: Scenario, seed: int = 1) -> Path:
    """A session closed at its first decision after one intervention (the game was quit)."""
    path = folder / f"{scenario.id}-interrupted.jsonl"
    config = SessionConfig(scenario.id, seed, scenario.trainees[0].id, "normal", "practice")
    session = RecordedSession(scenario, config, ModelParams(), path, player="sup-0a1b2c3d",
                              started_at=STARTED)
    while True:
        v = view(scenario, session.state)
        if v.node_kind == "decision":
            option = scenario.node(v.node_id).options[-1].id
            session.issue(Intervene(v.node_id, option))
            break
        session.advance(max(1, v.ticks_left))
    session.close()
    return path


def record_workshop(folder: Path, scenario: Scenario, seed: int = 2) -> Path:
    """A workshop: at every window two phones vote (by token) and the room counts hands;
    the story follows the first listed option that got a vote."""
    path = folder / f"{scenario.id}-workshop.jsonl"
    config = SessionConfig(scenario.id, seed, scenario.trainees[0].id, "normal", "workshop")
    session = RecordedSession(scenario, config, ModelParams(), path, player="sup-facil01",
                              started_at=STARTED)
    while not session.finished:
        v = view(scenario, session.state)
        if v.node_kind != "decision":
            session.advance(max(1, v.ticks_left))
            continue
        options = [o.id for o in scenario.node(v.node_id).options]
        ballots = {"tok-aaaa1111": options[1], "tok-bbbb2222": options[0]}
        hands = {options[1]: 2, options[-1]: 1}
        counts = {o: hands.get(o, 0) + list(ballots.values()).count(o) for o in options}
        session.record_vote({"decision": v.node_id, "counts": counts, "ballots": ballots,
                             "hands": hands, "followed": options[1],
                             "vote_tick": session.state.tick})
        session.issue(Intervene(v.node_id, options[1]))
    return path
