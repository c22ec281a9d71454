"""The engine: `step` is the only thing that changes session state.

A session is a pure function of (scenario, config, commands): time advances in integer
ticks, chance nodes draw from the generator whose state lives in the session state, and
every change is reported as past-tense events.
"""

from __future__ import annotations

from game.core import events as ev
from game.core.commands import Advance, Command, Intervene, Skip
from game.core.model import Beat, Chance, Decision, Effects, End, Scenario, frozen_mapping
from game.core.rng import draw_uniform, initial_rng_state, pick
from game.core.state import PathStep, SessionConfig, SessionState


class CommandRejected(ValueError):
    """A command that does not fit the current state (wrong decision, no such option...)."""


def new_session(scenario: Scenario, config: SessionConfig) -> tuple[SessionState, list]:
    """Start a session: draw the trainee's true competence and enter the start node."""
    profile = scenario.trainee(config.profile_id)
    rng = initial_rng_state(config.seed)
    if profile.competence_known:
        competence = profile.competence[0].value
    else:
        u, rng = draw_uniform(rng)
        idx = pick([c.prior for c in profile.competence], u)
        competence = profile.competence[idx].value
    state = SessionState(config=config, node_id=scenario.start, tick=0, node_tick=0,
                         competence=competence, rng=rng)
    events: list = []
    state = _enter(scenario, state, scenario.start, events)
    return state, events


def step(scenario: Scenario, state: SessionState, command: Command) -> tuple[SessionState, list]:
    """Apply one command; returns the new state and what happened."""
    events: list = []
    if isinstance(command, Advance):
        if command.ticks < 0:
            raise CommandRejected("time cannot run backwards")
        state = _advance(scenario, state, command.ticks, events)
    elif isinstance(command, Intervene):
        state = _intervene(scenario, state, command, events)
    elif isinstance(command, Skip):
        node = scenario.node(state.node_id)
        if state.finished or not isinstance(node, Beat):
            raise CommandRejected("only a narration beat can be skipped")
        state = _enter(scenario, state, node.next, events)
    else:
        raise CommandRejected(f"unknown command {command!r}")
    return state, events


def window_ticks(scenario: Scenario, state: SessionState, decision: Decision) -> int:
    return max(1, round(decision.window_ticks * state.pace_factor))


def beat_ticks(state: SessionState, beat: Beat) -> int:
    return max(1, round(beat.duration_ticks * state.pace_factor))


def _advance(scenario: Scenario, state: SessionState, ticks: int, events: list) -> SessionState:
    target = state.tick + ticks
    while not state.finished:
        node = scenario.node(state.node_id)
        if isinstance(node, Beat):
            due = state.node_tick + beat_ticks(state, node)
        elif isinstance(node, Decision):
            due = state.node_tick + window_ticks(scenario, state, node)
        else:  # chance and end nodes take no time
            break
        if due > target:
            break
        state = state.evolve(tick=due)
        if isinstance(node, Beat):
            state = _enter(scenario, state, node.next, events)
        else:
            option = node.option(node.default)
            events.append(ev.WindowClosed(node.id, option.id, due))
            state = _choose(scenario, state, node, option.id, "timeout", events)
    return state.evolve(tick=max(state.tick, target))


def _intervene(scenario: Scenario, state: SessionState, cmd: Intervene, events: list):
    node = scenario.node(state.node_id)
    if state.finished or not isinstance(node, Decision) or node.id != cmd.decision:
        raise CommandRejected(f"decision point {cmd.decision!r} is not open")
    try:
        option = node.option(cmd.option)
    except KeyError:
        raise CommandRejected(f"{cmd.decision!r} has no option {cmd.option!r}") from None
    events.append(ev.InterventionMade(node.id, option.id, option.level.value, state.tick,
                                      state.tick - state.node_tick))
    return _choose(scenario, state, node, option.id, "player", events)


def _choose(scenario, state, node: Decision, option_id: str, by: str, events: list):
    option = node.option(option_id)
    stepped = PathStep(node.id, "decision", option.id, state.tick,
                       state.tick - state.node_tick, by)
    state = state.evolve(history=state.history + (stepped,))
    state = _apply(state, option.effects, node.id, events)
    return _enter(scenario, state, option.next, events)


def _enter(scenario: Scenario, state: SessionState, node_id: str, events: list):
    """Enter a node; chance nodes resolve at once and pass through to their outcome."""
    while True:
        node = scenario.node(node_id)
        state = state.evolve(node_id=node_id, node_tick=state.tick)
        events.append(ev.NodeEntered(node_id, node.kind, state.tick))
        if isinstance(node, Beat):
            return _apply(state, node.effects, node.id, events)
        if isinstance(node, Decision):
            events.append(ev.DecisionOpened(node.id,
                                            state.tick + window_ticks(scenario, state, node)))
            return state
        if isinstance(node, End):
            state = _apply(state, node.effects, node.id, events)
            events.append(ev.VignetteEnded(node.id, state.tick))
            return state.evolve(finished=True)
        assert isinstance(node, Chance)
        weights = [o.probability(state.competence) for o in node.outcomes]
        u, rng = draw_uniform(state.rng)
        outcome = node.outcomes[pick(weights, u)]
        state = state.evolve(rng=rng, history=state.history + (
            PathStep(node.id, "chance", outcome.id, state.tick, 0, "chance"),))
        idx = node.outcomes.index(outcome)
        events.append(ev.ChanceResolved(node.id, outcome.id, weights[idx], state.tick))
        state = _apply(state, outcome.effects, node.id, events)
        node_id = outcome.next


def _apply(state: SessionState, effects: Effects, node_id: str, events: list) -> SessionState:
    if effects.harm:
        events.extend(ev.HarmOccurred(g, node_id, state.tick) for g in effects.harm)
    new_flags = [f for f in effects.sets if f not in state.flags]
    events.extend(ev.FlagSet(f) for f in new_flags)
    attempts = dict(state.attempts)
    for name in effects.attempts:
        attempts[name] = attempts.get(name, 0) + 1
    procedure = dict(state.procedure)
    procedure.update(effects.procedure)
    return state.evolve(
        harm=state.harm + effects.harm,
        flags=state.flags | set(effects.sets),
        attempts=frozen_mapping(attempts),
        procedure=frozen_mapping(procedure),
    )
