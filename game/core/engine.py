"""The engine: `step` is the only thing that changes session state.

A session is a pure function of (scenario, config, commands): time advances in integer
ticks, chance nodes draw from the generator whose state lives in the session state, and
every change is reported as past-tense events.

(v2) A decision with `timing` is time in which things happen: when its window opens one
uniform is drawn to fix the first event (the trainee correcting themselves, or the mistake)
and its tick. An intervention takes effect after its rung's latency; if the drawn event
falls before that, the event happens first. Decisions without timing draw nothing and take
effect at once, so v1 sessions are unchanged draw for draw.
"""

from __future__ import annotations

from game.core import events as ev
from game.core.commands import Advance, Command, Intervene, Skip
from game.core.model import Beat, Chance, Decision, Effects, End, Scenario, frozen_mapping
from game.core.rng import draw_uniform, initial_rng_state, pick
from game.core.state import PathStep, SessionConfig, SessionState
from game.core.timing import HANDS_ON, draw_event, latency_s, slot_masses, to_ticks


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
        state = _enter(scenario, state, node.next_for(state.flags), events)
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
            if due > target:
                break
            state = _enter(scenario, state.evolve(tick=due), node.next_for(state.flags), events)
        elif isinstance(node, Decision):
            due, what = _next_in_window(scenario, state, node)
            if due > target:
                break
            state = _window_step(scenario, state.evolve(tick=due), node, what, events)
        else:  # chance and end nodes take no time
            break
    return state.evolve(tick=max(state.tick, target))


def _next_in_window(scenario: Scenario, state: SessionState, node: Decision) -> tuple[int, str]:
    """The next thing due in an open window: the drawn event, an intervention taking effect
    or the window closing. An event drawn in tick slot k happens at the end of that tick
    (k + 1 after opening) and wins ties, so it pre-empts an intervention exactly when k is
    before the tick the intervention takes effect (the solver uses the same rule)."""
    due = [(state.node_tick + window_ticks(scenario, state, node), 2, "end")]
    if state.pending is not None:
        due.append((state.pending[2], 1, "pending"))
    if state.window_event is not None:
        due.append((state.node_tick + state.window_event[1] + 1, 0, "event"))
    tick, _, what = min(due)
    return tick, what


def _window_step(scenario, state: SessionState, node: Decision, what: str, events: list):
    pending, drawn = state.pending, state.window_event
    if pending is not None or drawn is not None:
        state = state.evolve(pending=None, window_event=None)
    if what == "pending":
        assert pending is not None
        return _choose(scenario, state, node, pending[0], "player", events,
                       elapsed=pending[1] - state.node_tick)
    if what == "event":
        assert drawn is not None
        return _window_event(scenario, state, node, pending, drawn[0], events)
    if pending is not None and _is_watch(node, pending[0]):
        return _choose(scenario, state, node, pending[0], "player", events,
                       elapsed=pending[1] - state.node_tick)
    option = node.option(node.default)
    if pending is None:
        events.append(ev.WindowClosed(node.id, option.id, state.tick))
        return _choose(scenario, state, node, option.id, "timeout", events)
    # The intervention would have landed after the window closed: too late.
    events.append(ev.InterventionPreempted(node.id, pending[0], "window", state.tick))
    state = _record(state, node, pending[0], "preempted", pending[1] - state.node_tick)
    state = _record(state, node, "~closed", "chance", state.tick - state.node_tick, "window")
    events.append(ev.WindowClosed(node.id, option.id, state.tick))
    state = _apply(state, option.effects, node.id, events)
    return _enter(scenario, state, option.next, events)


def _is_watch(node: Decision, option_id: str) -> bool:
    level = node.option(option_id).level
    return level is not None and level.value == "watch"


def _window_event(scenario, state: SessionState, node: Decision, pending, kind: str,
                  events: list):
    """The drawn self-correction or mistake happens before any intervention took effect."""
    assert node.timing is not None
    elapsed = state.tick - state.node_tick
    if pending is None:
        state = _record(state, node, node.default, "waiting", elapsed)
    else:
        watching = _is_watch(node, pending[0])
        if not watching:
            events.append(ev.InterventionPreempted(node.id, pending[0], kind, state.tick))
        state = _record(state, node, pending[0], "player" if watching else "preempted",
                        pending[1] - state.node_tick)
    state = _record(state, node, "~" + kind, "chance", elapsed, "window")
    if kind == "self_correct":
        events.append(ev.TraineeSelfCorrected(node.id, state.tick, elapsed))
        return _enter(scenario, state, node.timing.on_self_correct, events)
    events.append(ev.MistakeHappened(node.id, state.tick, elapsed))
    return _enter(scenario, state, node.timing.on_error, events)


def _record(state: SessionState, node: Decision, choice: str, by: str, elapsed: int,
            kind: str = "decision") -> SessionState:
    stepped = PathStep(node.id, kind, choice, state.tick, elapsed, by)
    return state.evolve(history=state.history + (stepped,))


def _latency(scenario: Scenario, state: SessionState, node: Decision, option) -> int:
    """Ticks until `option` takes effect: its rung's latency inside a timed window (none
    otherwise), and for hands-on rungs no earlier than the supervisor's arrival."""
    ticks = to_ticks(latency_s(option), state.pace_factor) if node.timing is not None else 0
    if option.level is not None and option.level.value in HANDS_ON:
        ticks = max(ticks, state.supervisor_arrives - state.tick)
    return ticks


def _intervene(scenario: Scenario, state: SessionState, cmd: Intervene, events: list):
    node = scenario.node(state.node_id)
    if state.finished or not isinstance(node, Decision) or node.id != cmd.decision:
        raise CommandRejected(f"decision point {cmd.decision!r} is not open")
    try:
        option = node.option(cmd.option)
    except KeyError:
        raise CommandRejected(f"{cmd.decision!r} has no option {cmd.option!r}") from None
    if not option.available(state.flags):
        raise CommandRejected(f"{cmd.option!r} is not on offer at {cmd.decision!r} now")
    if state.pending is not None:
        raise CommandRejected(f"the supervisor has already stepped in at {cmd.decision!r}")
    level = option.level.value if option.level is not None else "debrief"
    elapsed = state.tick - state.node_tick
    end = state.node_tick + window_ticks(scenario, state, node)
    if node.timing is not None and level == "watch":
        events.append(ev.InterventionMade(node.id, option.id, level, state.tick, elapsed, end))
        return state.evolve(pending=(option.id, state.tick, end))
    delay = _latency(scenario, state, node, option)
    if delay <= 0:
        events.append(ev.InterventionMade(node.id, option.id, level, state.tick, elapsed))
        return _choose(scenario, state, node, option.id, "player", events)
    due = state.tick + delay
    events.append(ev.InterventionMade(node.id, option.id, level, state.tick, elapsed, due))
    # A hands-on rung may wait for a called supervisor; the window may close first.
    return state.evolve(pending=(option.id, state.tick, due))


def _choose(scenario, state, node: Decision, option_id: str, by: str, events: list,
            elapsed: int | None = None):
    option = node.option(option_id)
    if elapsed is None:
        elapsed = state.tick - state.node_tick
    state = _record(state, node, option.id, by, elapsed)
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
            events.append(ev.DecisionOpened(
                node.id, state.tick + window_ticks(scenario, state, node), state.tick))
            return _open_window(scenario, state, node)
        if isinstance(node, End):
            state = _apply(state, node.effects, node.id, events)
            events.append(ev.VignetteEnded(node.id, state.tick))
            return state.evolve(finished=True)
        assert isinstance(node, Chance)
        weights = [o.probability(state.competence, state.flags) for o in node.outcomes]
        u, rng = draw_uniform(state.rng)
        outcome = node.outcomes[pick(weights, u)]
        state = state.evolve(rng=rng, history=state.history + (
            PathStep(node.id, "chance", outcome.id, state.tick, 0, "chance"),))
        idx = node.outcomes.index(outcome)
        events.append(ev.ChanceResolved(node.id, outcome.id, weights[idx], state.tick))
        state = _apply(state, outcome.effects, node.id, events)
        node_id = outcome.next


def _open_window(scenario: Scenario, state: SessionState, node: Decision) -> SessionState:
    """A timed window draws its first event now (one uniform); others draw nothing."""
    if node.timing is None:
        return state
    masses = slot_masses(node.timing, window_ticks(scenario, state, node), state.pace_factor)
    u, rng = draw_uniform(state.rng)
    return state.evolve(rng=rng, window_event=draw_event(masses, u))


def _apply(state: SessionState, effects: Effects, node_id: str, events: list) -> SessionState:
    if effects.harm:
        events.extend(ev.HarmOccurred(g, node_id, state.tick) for g in effects.harm)
    if effects.never_event:
        events.append(ev.NeverEventOccurred(node_id, state.tick))
    new_flags = [f for f in effects.sets if f not in state.flags]
    events.extend(ev.FlagSet(f, state.tick) for f in new_flags)
    attempts = dict(state.attempts)
    for name in effects.attempts:
        attempts[name] = attempts.get(name, 0) + 1
    procedure = dict(state.procedure)
    procedure.update(effects.procedure)
    state = state.evolve(
        harm=state.harm + effects.harm,
        flags=state.flags | set(effects.sets),
        attempts=frozen_mapping(attempts),
        procedure=frozen_mapping(procedure),
    )
    change = effects.supervision
    if change is not None:
        arrives = state.tick + to_ticks(change.arrival_s, state.pace_factor)
        events.append(ev.SupervisionChanged(change.to, arrives, state.tick))
        state = state.evolve(supervision=change.to, supervisor_arrives=arrives)
    return state
