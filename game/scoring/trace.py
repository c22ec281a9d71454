"""The score walk: what the path so far earned for the true trainee (the two ledgers).

The outcome's learning and harm, the play screen's meters, the replay timeline and the
report's chart all add up the same walk along the session's history through the model, so
they agree to the last digit. A live session asks for it at every batch of events and once
more when it ends; walking from the start each time cost the frame in which a vignette ends
two whole walks (issue 17). `TraceWalk` keeps where the last walk stopped, with the sums up
to there, and walks on from it: a history only grows, and the walk's moves depend on the
steps alone (only where it stops depends on the node the session rests on), so resuming adds
the same gains in the same order as a walk from the start, to the same floating-point sums.
(A walk from the start stops at the first beat the session rests on; content has no cycles,
the validator refuses them, so a path never passes a node twice and resuming cannot skip
such a stop.)
`trace_totals` is one fresh walk.
"""

from __future__ import annotations

from typing import NamedTuple

from game.core.model import Scenario
from game.core.state import PathStep, SessionState
from game.scoring.graph import Context, Edge, Expansion, Key
from game.scoring.params import ModelParams
from game.scoring.solver import step_key


class Trace(NamedTuple):
    """What the path so far earned for the true trainee: `base` is the learning credited
    (the live meter), `harm` the harm points added up (decision-model weights)."""

    base: float
    harm: float


class _Point(NamedTuple):
    """Where a walk stopped: the situation, how many steps it has used, the sums so far."""

    key: Key
    used: int
    learning: float
    harm: float


class TraceWalk:
    """The walk of one session, resumed where it last stopped (see the module doc).

    Give it the session's successive states (`totals`); a state whose history does not
    extend the last one's (another session, a rewind) starts the walk afresh."""

    def __init__(self, scenario: Scenario, state: SessionState, params: ModelParams):
        self._ctx = Context(scenario, state.config.profile_id, params,
                            competence=state.competence)
        self._competence = state.competence
        self._start = _Point(self._ctx.root(), 0, 0.0, 0.0)
        self._at = self._start
        self._steps: tuple[PathStep, ...] = ()
        self._final: Trace | None = None

    def totals(self, state: SessionState) -> Trace:
        steps = state.history
        if not self._resumable(state):
            self._at, self._final = self._start, None
        self._steps = steps
        if self._final is not None:
            return self._final
        return self._walk(state)

    def ahead(self, limit: int = 24) -> int:
        """Expand the situations the walk reaches next (breadth first from where it
        stopped, at most `limit`), so that the walk at the next batch of events, and the
        one at the end of the vignette, only looks them up. Pure and safe to run on another
        thread: expansions are pure, and two threads filling one table race harmlessly
        (`graph.Context`). Returns how many situations it looked at."""
        todo, seen = [self._at.key], set[Key]()
        while todo and len(seen) < limit:
            key = todo.pop(0)
            if key in seen:
                continue
            seen.add(key)
            exp = self._ctx.expand(key)
            edges = exp.decision.basis if exp.decision is not None else exp.edges
            todo.extend(e.child for e in edges if e.child is not None)
        return len(seen)

    def _resumable(self, state: SessionState) -> bool:
        """The state's history extends the last one's (the same trainee's session)."""
        steps = state.history
        return state.competence == self._competence and len(steps) >= len(self._steps) \
            and steps[:len(self._steps)] == self._steps

    def _walk(self, state: SessionState) -> Trace:
        ctx, steps = self._ctx, state.history
        key, i, learning, harm = self._at
        while True:
            exp = ctx.expand(key)
            if exp.kind == "end":
                gain = exp.edges[0].gain
                self._final = Trace(learning + gain.learning, harm + gain.harm)
                return self._final
            if exp.decision is None and len(exp.edges) == 1 and not exp.edges[0].label:
                gain = exp.edges[0].gain  # a beat
                if key[0].node == state.node_id and i == len(steps) and not state.finished:
                    self._at = _Point(key, i, learning, harm)  # still in this beat
                    return Trace(learning + gain.learning, harm + gain.harm)
                edge = exp.edges[0]
            else:
                taken = _step(exp, steps, i)
                if taken is None:
                    self._at = _Point(key, i, learning, harm)
                    return Trace(learning, harm)
                edge, used = taken
                i += used
            learning += edge.gain.learning
            harm += edge.gain.harm
            key = edge.next_key


def _step(exp: Expansion, steps: tuple[PathStep, ...], i: int) -> tuple[Edge, int] | None:
    """The edge the history takes out of a chance or decision situation and how many steps
    it uses (a decision followed by its window's event uses two); None when the history
    has not got that far. A decision step is paired with the window event that decided
    it, if any."""
    if i >= len(steps):
        return None
    if exp.decision is None:
        return _labelled(exp.edges, step_key(steps[i].node, steps[i].choice)), 1
    basis, node = exp.decision.basis, exp.decision.node.id
    nxt = steps[i + 1] if i + 1 < len(steps) else None
    if nxt is not None and nxt.kind == "window" and nxt.node == node:
        return {"~self_correct": basis[0], "~error": basis[1]}.get(nxt.choice, basis[-1]), 2
    return _labelled(basis[2:], step_key(node, steps[i].choice)), 1


def _labelled(edges: tuple[Edge, ...], label: str) -> Edge:
    for edge in edges:
        if edge.label == label:
            return edge
    raise KeyError(f"the model has no step {label!r} here: the history does not fit it")


def trace_totals(scenario: Scenario, state: SessionState, params: ModelParams) -> Trace:
    """Walk the model along the session's history from the start, adding up what the path
    earned."""
    return TraceWalk(scenario, state, params).totals(state)


__all__ = ["Trace", "TraceWalk", "trace_totals"]
