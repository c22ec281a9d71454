"""Generate a cohort of recorded sessions for report tests and the report benchmark.

`generate_cohort(folder, n, seed)` writes n replay logs played headless across the library:
distinct pseudonymous participants, each with a style (always watch, always take over,
random, or optimal at their own risk weight via the exact solver) and a risk weight from
(0.5, 1, 2, 4). Everything follows from `seed`, so tests can assert exact counts and the
benchmark measures the same cohort every run.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from game.content.catalogue import load_catalogue
from game.core.model import Decision, Scenario
from game.core.state import SessionConfig
from game.headless import Choice, ScriptedPolicy, play_out
from game.paths import scenarios_dir
from game.replay.session import RecordedSession
from game.scoring.params import ModelParams
from game.scoring.solver import Solution, solve_cached, step_key

STYLES = ("watch", "takeover", "random", "optimal")
WEIGHTS = (0.5, 1.0, 2.0, 4.0)


@dataclass(frozen=True)
class Persona:
    player: str
    style: str
    weight: float


class OptimalPolicy(ScriptedPolicy):
    """Chooses the model's best option for the situation actually reached (history-aware)."""

    def __init__(self, session: RecordedSession, solution: Solution, at: float):
        super().__init__("optimal")
        self.session, self.solution, self.at = session, solution, at

    def choose(self, decision: Decision) -> Choice:
        history = tuple(step_key(s.node, s.choice) for s in self.session.state.history)
        return Choice(self.solution.at(decision.id, history).best, self.at)


def personas(count: int, rng: np.random.Generator) -> list[Persona]:
    """Distinct pseudonymous ids (never names), styles and weights spread evenly."""
    tags = rng.choice(16 ** 4, size=count, replace=False)
    # Any 4 consecutive personas cover every weight and style; 16 cover every pairing.
    return [Persona(f"P-{int(tag):04x}", STYLES[i % len(STYLES)],
                    WEIGHTS[(i + i // len(STYLES)) % len(WEIGHTS)]) for i, tag in enumerate(tags)]


def generate_cohort(folder: str | Path, n: int, seed: int = 0,
                    scenarios: str | Path | None = None, only: Sequence[str] = (),
                    players: int | None = None) -> list[Path]:
    """Write n logs into `folder` and return their paths (same seed, same files).

    `only` limits the vignettes (tests pick small ones so that exact solving stays fast);
    `players` sets the number of distinct participants (default n // 4, at least 4)."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    library = sorted(load_catalogue(scenarios or scenarios_dir()).scenarios, key=lambda s: s.id)
    if only:
        library = [s for s in library if s.id in only]
        if not library:
            raise ValueError(f"none of {list(only)} is in the library")
    rng = np.random.Generator(np.random.PCG64(seed))
    people = personas(players or max(4, n // 4), rng)
    paths = []
    for i in range(n):
        scenario = library[int(rng.integers(len(library)))]
        persona = people[i % len(people)]
        paths.append(record(folder / f"s{seed:03d}_{i:04d}.jsonl", scenario, persona, rng))
    return paths


def record(path: Path, scenario: Scenario, persona: Persona, rng: np.random.Generator) -> Path:
    """Play one session headless with the persona's style and record it to `path`."""
    profile = scenario.trainees[int(rng.integers(len(scenario.trainees)))].id
    session_seed = int(rng.integers(1, 1_000_000))
    params = ModelParams(risk_weight=persona.weight)
    config = SessionConfig(scenario.id, session_seed, profile, "normal", "headless")
    session = RecordedSession(scenario, config, params, path, player=persona.player,
                              extra_header={"policy": persona.style})
    if persona.style == "optimal":
        solution = solve_cached(scenario, profile, params)
        policy: ScriptedPolicy = OptimalPolicy(session, solution, float(rng.random()))
    else:
        policy = ScriptedPolicy(persona.style, seed=session_seed)
    play_out(session, policy)
    session.close()
    return path
