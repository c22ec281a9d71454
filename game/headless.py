"""Headless play with a scripted policy: the `run` command, tests and cohort fixtures.

A policy names, per decision point, the option to choose and optionally when in the window
(as a fraction, 0 = the moment it opens). Choosing the default (watch) means letting the
window close, exactly as a player who does nothing.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import yaml

from game.core.commands import Intervene
from game.core.model import Decision, Scenario
from game.core.view import SessionView, view
from game.replay.session import RecordedSession


@dataclass(frozen=True)
class Choice:
    option: str
    at: float = 0.0


class PolicyError(ValueError):
    """A policy that cannot be used; the message names the file (and the entry)."""


BUILT_IN = ("watch", "takeover", "random")
MAX_POLICY_BYTES = 256 * 1024
"""A policy maps each decision of one vignette to an option: a few KB at most."""


class ScriptedPolicy:
    """watch | takeover | random | a mapping {decision_id: option or {option, at}}."""

    def __init__(self, kind: str, table: dict[str, Choice] | None = None, seed: int = 0):
        self.kind = kind
        self.table = table or {}
        self.used: set[str] = set()
        """Decision ids of the table that a session asked about (see `unused_entries`)."""
        # The simulated player's own generator, separate from the session's.
        self.rng = np.random.Generator(np.random.PCG64(seed + 7919))

    def choose(self, decision: Decision) -> Choice:
        if self.kind == "watch":
            return Choice(decision.default)
        if self.kind == "takeover":
            # Debrief decisions (v2) have no rung; they rank below every rung.
            ranked = sorted(decision.options, key=lambda o: o.level.rank if o.level else -1)
            return Choice(ranked[-1].id)
        if self.kind == "random":
            idx = int(self.rng.integers(len(decision.options)))
            return Choice(decision.options[idx].id, float(self.rng.random()))
        if decision.id in self.table:
            self.used.add(decision.id)
        return self.table.get(decision.id, Choice(decision.default))

    def unused_entries(self) -> list[str]:
        """Table entries for decisions the session never reached (reported, not an error:
        a chance outcome may route around them)."""
        return sorted(set(self.table) - self.used)


def load_policy(spec: str, seed: int) -> ScriptedPolicy:
    if spec in BUILT_IN:
        return ScriptedPolicy(spec, seed=seed)
    path = Path(spec)
    if not path.exists() and path.suffix not in (".json", ".yaml", ".yml"):
        raise PolicyError(f"--policy {spec!r} is not a policy: use one of "
                          f"{', '.join(BUILT_IN)}, or a .json/.yaml file")
    data = _parse_policy(spec, path)
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


def _parse_policy(spec: str, path: Path):
    from game.replay.reader import read_bytes
    try:
        text = read_bytes(path, MAX_POLICY_BYTES).decode("utf-8")
        if path.suffix in (".yaml", ".yml"):
            return yaml.safe_load(text)
        return json.loads(text)
    except OSError as exc:
        raise PolicyError(f"{spec}: cannot read policy file ({exc.strerror or exc})") from None
    except RecursionError:
        raise PolicyError(f"{spec}: nested too deeply to be a policy") from None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f":{mark.line + 1}:{mark.column + 1}" if mark else ""
        raise PolicyError(f"{spec}{where}: not valid YAML") from None
    except json.JSONDecodeError as exc:
        raise PolicyError(f"{spec}:{exc.lineno}:{exc.colno}: not valid JSON ({exc.msg})"
                          ) from None
    except ValueError as exc:  # not UTF-8, not a regular file, too large
        raise PolicyError(f"{spec}: cannot read policy file ({exc})") from None


def check_policy(policy: ScriptedPolicy, scenario: Scenario) -> None:
    for decision_id, choice in policy.table.items():
        node = scenario.nodes.get(decision_id)
        if not isinstance(node, Decision):
            raise PolicyError(f"policy names {decision_id!r}, which is not a decision point of "
                              f"{scenario.id}")
        if choice.option not in {o.id for o in node.options}:
            raise PolicyError(f"{decision_id} has no option {choice.option!r}")


Plan = Callable[[Decision, SessionView], tuple[str, int | None]]
"""At an open decision window: (option, ticks to wait from now before intervening), or
(option, None) to let the window run out (the default option)."""


def drive(session: RecordedSession, plan: Plan) -> RecordedSession:
    """The one policy-drive loop (headless runs, branches): time runs through narration and
    chance; at each decision window `plan` says what to do and when. Returns the session,
    finished."""
    scenario = session.scenario
    while not session.finished:
        v = view(scenario, session.state)
        node = scenario.node(v.node_id)
        if not isinstance(node, Decision):
            session.advance(max(1, v.ticks_left))
            continue
        pending = session.state.pending
        if pending is not None:  # already stepped in; the rung takes a moment to act (v2)
            session.advance(max(1, pending[2] - session.state.tick))
            continue
        option, wait = plan(node, v)
        if wait is None:
            session.advance(v.ticks_left)
            continue
        if wait > 0:
            session.advance(wait)
        if session.finished or session.state.node_id != node.id:
            continue  # the window closed early (an event in it) while the policy waited
        session.issue(Intervene(node.id, option))
    return session


def play_out(session: RecordedSession, policy: ScriptedPolicy) -> RecordedSession:
    """Drive a session to its end with the policy; returns it (finished)."""
    def plan(node: Decision, v: SessionView) -> tuple[str, int | None]:
        choice = policy.choose(node)
        if choice.option == node.default:
            return choice.option, None  # doing nothing: the window runs out
        return choice.option, min(v.ticks_left - 1, int(choice.at * v.ticks_total))
    return drive(session, plan)
