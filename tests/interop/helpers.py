"""Recorded sessions for the learning-record tests: headless, workshop, interrupted."""

from __future__ import annotations

from pathlib import Path

import numpy as np

from game.content.catalogue import load_catalogue
from game.core.commands import Intervene
from game.core.model import Decision, Scenario
from game.core.state import SessionConfig
from game.core.view import view
from game.interop.facts import Finder, library_finder
from game.paths import scenarios_dir
from game.replay.session import RecordedSession
from game.scoring.params import ModelParams

STARTED = "2026-11-22T10:31:05+00:00"


def library() -> dict[str, Scenario]:
    return {s.id: s for s in load_catalogue(scenarios_dir()).scenarios}


def finder() -> Finder:
    return library_finder(scenarios_dir())


def play(session: RecordedSession, kind: str, seed: int) -> RecordedSession:
    """Drive a session headless: watch, takeover or random (option and moment).

    Like `game.headless.play_out`, but it checks the window is still open after waiting:
    with timed windows (content v2) the mistake or the trainee's own correction may close
    it first, and then the intervention is simply not made."""
    rng = np.random.Generator(np.random.PCG64(seed + 7919))
    scenario = session.scenario
    while not session.finished:
        v = view(scenario, session.state)
        node = scenario.node(v.node_id)
        if not isinstance(node, Decision) or _stepped_in(session):
            session.advance(max(1, v.ticks_left))
            continue
        offered = node.offered(session.state.flags) or node.options
        if kind == "takeover":
            option, at = max(offered, key=lambda o: o.level.rank if o.level else -1).id, 0.0
        elif kind == "random":
            option, at = offered[int(rng.integers(len(offered)))].id, float(rng.random())
        else:
            option, at = node.default, 0.0
        if option == node.default:
            session.advance(v.ticks_left)
            continue
        wait = min(v.ticks_left - 1, int(at * v.ticks_total))
        if wait > 0:
            session.advance(wait)
        if not session.finished and session.state.node_id == node.id \
                and not _stepped_in(session):
            session.issue(Intervene(node.id, option))
    return session


def _stepped_in(session: RecordedSession) -> bool:
    """(v2) An intervention is on its way (it lands after its rung's latency)."""
    return getattr(session.state, "pending", None) is not None


def record(folder: Path, scenario: Scenario, policy: str = "random", seed: int = 1,
           player: str = "sup-0a1b2c3d", started_at: str | None = STARTED,
           weight: float = 2.0, name: str | None = None) -> Path:
    path = folder / (name or f"{scenario.id}-{policy}-{seed}.jsonl")
    config = SessionConfig(scenario.id, seed, scenario.trainees[0].id, "normal", "headless")
    session = RecordedSession(scenario, config, ModelParams(risk_weight=weight), path,
                              player=player, started_at=started_at)
    play(session, policy, seed)
    return path


def generate(folder: Path, n: int, seed: int) -> list[Path]:
    """n sessions across the library: players, policies, weights and seeds from `seed`."""
    folder.mkdir(parents=True, exist_ok=True)
    rng = np.random.Generator(np.random.PCG64(seed))
    scenarios = sorted(library().values(), key=lambda s: s.id)
    paths = []
    for i in range(n):
        scenario = scenarios[int(rng.integers(len(scenarios)))]
        paths.append(record(folder, scenario, ("watch", "takeover", "random")[i % 3],
                            seed=int(rng.integers(1 << 30)), player=f"P-{i % 250:04x}",
                            weight=(0.5, 1.0, 2.0, 4.0)[i % 4], name=f"s{i:05d}.jsonl"))
    return paths


def record_interrupted(folder: Path, scenario: Scenario, seed: int = 1) -> Path:
    """A session the game stopped recording after its second command (quit mid-vignette):
    the first lines of a complete recording, which is exactly what such a log holds (each
    line is chained to the one before, never to the ones after)."""
    complete = folder.parent / f"{folder.name}-complete"  # not among the tests' logs
    complete.mkdir(exist_ok=True)
    for attempt in range(seed, seed + 50):
        full = record(complete, scenario, "random", attempt)
        lines = full.read_text(encoding="utf-8").splitlines()
        commands = [i for i, line in enumerate(lines) if '"type":"command"' in line]
        if len(commands) >= 2:
            path = folder / f"{scenario.id}-interrupted.jsonl"
            path.write_text("\n".join(lines[:commands[1] + 1]) + "\n", encoding="utf-8")
            return path
    raise AssertionError(f"no session of {scenario.id} with two commands")


def record_workshop(folder: Path, scenario: Scenario, seed: int = 2) -> Path:
    """A workshop: at every window two phones vote (by token) and the room counts hands;
    the story follows the first listed option that got a vote."""
    path = folder / f"{scenario.id}-workshop.jsonl"
    config = SessionConfig(scenario.id, seed, scenario.trainees[0].id, "normal", "workshop")
    session = RecordedSession(scenario, config, ModelParams(), path, player="sup-facil01",
                              started_at=STARTED)
    while not session.finished:
        v = view(scenario, session.state)
        if v.node_kind != "decision" or _stepped_in(session):
            session.advance(max(1, v.ticks_left))
            continue
        node = scenario.node(v.node_id)
        options = [o.id for o in node.offered(session.state.flags) or node.options]
        ballots = {"tok-aaaa1111": options[1], "tok-bbbb2222": options[0]}
        hands = {options[1]: 2, options[-1]: 1}
        counts = {o: hands.get(o, 0) + list(ballots.values()).count(o) for o in options}
        session.record_vote({"decision": v.node_id, "counts": counts, "ballots": ballots,
                             "hands": hands, "followed": options[1],
                             "vote_tick": session.state.tick})
        session.issue(Intervene(v.node_id, options[1]))
    return path
