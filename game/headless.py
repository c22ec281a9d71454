"""Headless play with a scripted policy: the `run` command, tests and cohort fixtures.

A policy names, per decision point, the option to choose and optionally when in the window
(as a fraction, 0 = the moment it opens). Choosing the default (watch) means letting the
window close, exactly as a player who does nothing.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import yaml

from game.core.commands import Intervene
from game.core.model import Decision, Scenario
from game.core.view import view
from game.replay.session import RecordedSession


@dataclass(frozen=True)
class Choice:
    option: str
    at: float = 0.0


class PolicyError(ValueError):
    pass


class ScriptedPolicy:
    """watch | takeover | random | a mapping {decision_id: option or {option, at}}."""

    def __init__(self, kind: str, table: dict[str, Choice] | None = None, seed: int = 0):
        self.kind = kind
        self.table = table or {}
        # The simulated player's own generator, separate from the session's.
        self.rng = np.random.Generator(np.random.PCG64(seed + 7919))

    def choose(self, decision: Decision) -> Choice:
        if self.kind == "watch":
            return Choice(decision.default)
        if self.kind == "takeover":
            ranked = sorted(decision.options, key=lambda o: o.level.rank)
            return Choice(ranked[-1].id)
        if self.kind == "random":
            idx = int(self.rng.integers(len(decision.options)))
            return Choice(decision.options[idx].id, float(self.rng.random()))
        return self.table.get(decision.id, Choice(decision.default))


def load_policy(spec: str, seed: int) -> ScriptedPolicy:
    if spec in ("watch", "takeover", "random"):
        return ScriptedPolicy(spec, seed=seed)
    path = Path(spec)
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8")) if path.suffix in (
            ".yaml", ".yml") else json.loads(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise PolicyError(f"{spec}: cannot read policy file ({exc.strerror})") from None
    except (ValueError, yaml.YAMLError) as exc:
        raise PolicyError(f"{spec}: not valid JSON/YAML ({exc})") from None
    if not isinstance(data, dict):
        raise PolicyError(f"{spec}: a policy file maps decision ids to options")
    table = {}
    for key, value in data.items():
        if isinstance(value, str):
            table[str(key)] = Choice(value)
        elif isinstance(value, dict) and isinstance(value.get("option"), str):
            at = value.get("at", 0.0)
            if not isinstance(at, (int, float)) or not 0 <= at <= 1:
                raise PolicyError(f"{spec}: {key}.at must be a fraction between 0 and 1")
            table[str(key)] = Choice(value["option"], float(at))
        else:
            raise PolicyError(f"{spec}: {key} must name an option")
    return ScriptedPolicy("table", table, seed)


def check_policy(policy: ScriptedPolicy, scenario: Scenario) -> None:
    for decision_id, choice in policy.table.items():
        node = scenario.nodes.get(decision_id)
        if not isinstance(node, Decision):
            raise PolicyError(f"policy names {decision_id!r}, which is not a decision point of "
                              f"{scenario.id}")
        if choice.option not in {o.id for o in node.options}:
            raise PolicyError(f"{decision_id} has no option {choice.option!r}")


def play_out(session: RecordedSession, policy: ScriptedPolicy) -> RecordedSession:
    """Drive a session to its end with the policy; returns it (finished)."""
    scenario = session.scenario
    while not session.finished:
        v = view(scenario, session.state)
        node = scenario.node(v.node_id)
        if isinstance(node, Decision):
            choice = policy.choose(node)
            if choice.option == node.default:
                session.advance(v.ticks_left)
                continue
            wait = min(v.ticks_left - 1, int(choice.at * v.ticks_total))
            if wait > 0:
                session.advance(wait)
            session.issue(Intervene(node.id, choice.option))
        else:
            session.advance(max(1, v.ticks_left))
    return session
