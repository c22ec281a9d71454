"""The decision model as a graph over (state, belief): expanding one situation into its
successors with what each step earns.

A key is a `ModelState` plus the supervisor's belief over the trainee's competence. Two
histories that lead to the same key have the same future, so the solver evaluates each key
once. Beliefs are rounded to 10 digits so that the same outcomes in another order meet.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import replace
from typing import NamedTuple

from game.core.model import Beat, Chance, Decision, Effects, End, Level, Option, Scenario
from game.scoring.cache import KeyedCache
from game.scoring.learning import (
    FEEDBACK_RANK,
    Gain,
    ModelState,
    apply_effects,
    error_episode,
    rung_credit,
    terminal_learning,
    zone_fit,
)
from game.scoring.moments import Segment, segments
from game.scoring.params import ModelParams
from game.scoring.story import attempts_kept, final_feedback, flags_read

Belief = tuple[float, ...]
Key = tuple[ModelState, Belief]


class Edge(NamedTuple):
    p: float
    gain: Gain
    """Learning already scaled by the fit Z(c) under the belief after the step."""
    child: Key | None
    label: str
    """The history entry (`node:choice`) this edge adds; "" for beats."""
    prefix: str = ""
    """For a window event, the decision entry the engine records before it."""

    @property
    def entries(self) -> tuple[str, ...]:
        return tuple(x for x in (self.prefix, self.label) if x)

    @property
    def next_key(self) -> Key:
        """The situation this edge leads to. Only an ending's edge and the event edges of an
        untimed window have none, and no walk along a history or the plan steps past them;
        if one does, the error names the edge rather than failing later inside `expand`."""
        if self.child is None:
            raise KeyError(f"{self.label or 'the ending'} leads to no situation")
        return self.child


class DecisionSpec(NamedTuple):
    node: Decision
    offered: tuple[Option, ...]
    basis: tuple[Edge, ...]
    """Self-correction, error (both edges without a child when the window is untimed), each offered
    option, then the default option: the continuations moments mix."""
    segments: tuple[Segment, ...]
    arrival: int


class Expansion(NamedTuple):
    kind: str  # "end" | "chance" | "decision"
    edges: tuple[Edge, ...] = ()
    decision: DecisionSpec | None = None


class _Tables:
    """What a Context computes that does not depend on the risk weight: expanding the
    same situations again is most of a pass's cost, and `safetynet solve` runs a dozen
    passes (sensitivity scans, value of information) over one vignette."""

    def __init__(self, scenario: Scenario):
        self.scenario = scenario
        """Held so that its id (part of the cache key) cannot be reused while cached."""
        self.final_feedback = final_feedback(scenario)
        self.flags_read = flags_read(scenario)
        self.expansions: dict[Key, Expansion] = {}
        self.log_weights: dict[Belief, tuple[float, ...]] = {}
        """The unrounded log-weights first found for each (rounded) belief: posteriors are
        computed from these sums of log-likelihoods, so that rounding never compounds and
        the same outcomes in any order meet in one situation."""
        self.segments: dict[tuple, tuple[Segment, ...]] = {}
        self.posteriors: dict[tuple[Belief, tuple[float, ...]], tuple[float, Belief]] = {}
        self.last_safe: dict[tuple, int | None] = {}
        self.plan: object | None = None
        """The situations in evaluation order with their arrays (plan.py), built by the
        first pass and reused by every later one."""


_TABLES: KeyedCache[_Tables] = KeyedCache(8)
TABLES_BUDGET = 200_000
"""Situations kept expanded over all cached tables (a few kB each): a deep vignette's tables
are dropped when the next profile's are made instead of piling up."""
"""Keyed by the scenario object's identity (not its content hash: generated test trees may
share one) with the profile, fixed competence, belief updating and every parameter but the
risk weight. Expansions are pure, so two threads filling one table race harmlessly."""


def forget_tables() -> None:
    """Drop every shared table (benchmarks measure cold solves; memory can be returned)."""
    _TABLES.clear()


class Context:
    """Transitions of one scenario for one trainee profile and parameter set."""

    def __init__(self, scenario: Scenario, profile_id: str | None, params: ModelParams,
                 update_belief: bool = True, competence: float | None = None):
        """`competence` fixes the trainee's true competence (scoring a played session)
        instead of the profile's prior."""
        self.scenario, self.params, self.update_belief = scenario, params, update_belief
        self.profile = scenario.trainee(profile_id)
        if competence is None:
            self.levels = [c.value for c in self.profile.competence]
            self.prior = tuple(round(c.prior, 10) for c in self.profile.competence)
        else:
            self.levels, self.prior = [competence], (1.0,)
        self.fits = [zone_fit(c, scenario.difficulty, params) for c in self.levels]
        self.latency = tuple(sorted(params.latency_s.items()))
        # the expansions depend on neither the risk weight nor whether rules are enforced
        general = replace(params, risk_weight=1.0, enforce_safety=True)
        tables = _TABLES.get((id(scenario), self.profile.id, competence, update_belief,
                              repr(general)), lambda: _Tables(scenario))
        _TABLES.shrink(lambda t: len(t.expansions), TABLES_BUDGET)
        self.tables = tables
        self.final_feedback = tables.final_feedback
        self.flags_read = tables.flags_read
        self._expansions = tables.expansions
        self._log_weights = tables.log_weights
        self._segments = tables.segments
        self._posteriors = tables.posteriors
        self.last_safe = tables.last_safe
        """(decision, option, arrival) -> last safe tick, for analyses (analysis.py)."""

    def root(self) -> Key:
        return ModelState(self.scenario.start, distance=self.scenario.supervision), self.prior

    def settle(self, s: ModelState, belief: Belief) -> tuple[ModelState, float]:
        """Forget what can no longer matter, so that more histories meet in one situation:
        an error episode's bonus is paid now when the feedback that will follow is already
        certain (the same expected value: the fit is a martingale); flags nothing ahead
        reads are dropped; attempt counts are kept only against a limit, and only up to
        one past it (after that the rule's event has happened, which `risk_bits` holds)."""
        keep = self.flags_read[s.node]
        if s.flags and not s.flags <= keep:
            s = s._replace(flags=s.flags & keep)
        if s.attempts:
            kept = attempts_kept(s.attempts, self.scenario.attempt_limits)
            if kept != s.attempts:
                s = s._replace(attempts=kept)
        final = self.final_feedback.get(s.node)
        if not s.pending or final is None:
            return s, 0.0
        paid = s._replace(feedback=max(s.feedback, final))
        return s._replace(pending=0.0), terminal_learning(paid, self.params) * self.fit(belief)

    def _settled(self, edge: Edge) -> Edge:
        if edge.child is None:
            return edge
        state, extra = self.settle(*edge.child)
        if state == edge.child[0]:
            return edge
        return edge._replace(child=(state, edge.child[1]),
                             gain=edge.gain._replace(learning=edge.gain.learning + extra))

    def fit(self, belief: Belief) -> float:
        return sum(b * z for b, z in zip(belief, self.fits))

    def expand(self, key: Key) -> Expansion:
        found = self._expansions.get(key)
        if found is None:
            found = self._expand(key)
            if found.decision is not None:
                spec = found.decision
                found = found._replace(decision=spec._replace(
                    basis=tuple(self._settled(e) for e in spec.basis)))
            else:
                found = found._replace(edges=tuple(self._settled(e) for e in found.edges))
            self._expansions[key] = found
        return found

    def _gain(self, s: ModelState, e: Effects, belief: Belief) -> tuple[ModelState, Gain]:
        s2, g = apply_effects(s, e, self.profile.confidence, self.scenario.attempt_limits,
                              self.params)
        return s2, g._replace(learning=g.learning * self.fit(belief)) if g.learning else g

    def _expand(self, key: Key) -> Expansion:
        s, belief = key
        node = self.scenario.node(s.node)
        if isinstance(node, Beat):
            s2, g = self._gain(s, node.effects, belief)
            s2 = s2._replace(node=node.next_for(s2.flags),
                             arrival=max(0, s2.arrival - node.duration_ticks))
            return Expansion("chance", (Edge(1.0, g, (s2, belief), ""),))
        if isinstance(node, End):
            s2, g = self._gain(s, node.effects, belief)
            s2 = s2._replace(feedback=max(s2.feedback, FEEDBACK_RANK[node.feedback]))
            bonus = terminal_learning(s2, self.params) * self.fit(belief)
            return Expansion("end", (Edge(1.0, g._replace(learning=g.learning + bonus), None,
                                          ""),))
        if isinstance(node, Chance):
            return Expansion("chance", self._chance(node, s, belief))
        assert isinstance(node, Decision)
        return Expansion("decision", decision=self._decision(node, s, belief))

    def _chance(self, node: Chance, s: ModelState, belief: Belief) -> tuple[Edge, ...]:
        edges = []
        for outcome in node.outcomes:
            likelihood = tuple(outcome.probability(c, s.flags) for c in self.levels)
            p, post = self._bayes(belief, likelihood)
            if p <= 0.0:
                continue
            s2, g = self._gain(s, outcome.effects, post)
            edges.append(Edge(p, g, (s2._replace(node=outcome.next), post),
                              f"{node.id}:{outcome.id}"))
        return tuple(edges)

    def _bayes(self, belief: Belief, likelihood: tuple[float, ...]) -> tuple[float, Belief]:
        """The outcome's probability under the belief, and the posterior (remembered: the
        same kinds of outcome meet the same beliefs again and again)."""
        found = self._posteriors.get((belief, likelihood))
        if found is not None:
            return found
        weights = self._log_weights.get(belief) or tuple(
            math.log(b) if b > 0 else -math.inf for b in belief)
        p = sum(b * q for b, q in zip(_normalised(weights), likelihood))
        post = belief
        if self.update_belief and p > 0.0:
            after = tuple(w + math.log(q) if q > 0 else -math.inf
                          for w, q in zip(weights, likelihood))
            post = tuple(round(x, 10) for x in _normalised(after))
            self._log_weights.setdefault(post, after)
        self._posteriors[(belief, likelihood)] = (p, post)
        return p, post

    def _decision(self, node: Decision, s: ModelState, belief: Belief) -> DecisionSpec:
        offered = node.offered(s.flags)
        after = s._replace(l0=node.learning_value,
                           arrival=max(0, s.arrival - max(1, node.window_ticks)))
        fit = self.fit(belief)
        basis = [self._event(node, after, fit, belief, "self_correct"),
                 self._event(node, after, fit, belief, "error")]
        basis += [self._option(node, after, o, fit, belief) for o in offered]
        basis.append(self._option(node, after, node.option(node.default), fit, belief))
        default = len(offered)
        seg_key = (node.id, tuple(o.id for o in offered), s.arrival)
        segs = self._segments.get(seg_key)
        if segs is None:
            segs = segments(node, offered, default, s.arrival, self.latency)
            self._segments[seg_key] = segs
        return DecisionSpec(node, offered, tuple(basis), segs, s.arrival)

    def _option(self, node: Decision, after: ModelState, option: Option, fit: float,
                belief: Belief) -> Edge:
        credit = rung_credit(node.learning_value, option.level, self.params) * fit
        s2, g = self._gain(after, option.effects, belief)
        return Edge(1.0, g._replace(learning=g.learning + credit),
                    (s2._replace(node=option.next), belief), f"{node.id}:{option.id}")

    def _event(self, node: Decision, after: ModelState, fit: float, belief: Belief,
               kind: str) -> Edge:
        """The trainee did the whole step: corrected themselves, or made the mistake (an
        experienced error, whose episode bonus waits for feedback)."""
        timing = node.timing
        if timing is None:
            return Edge(0.0, Gain(), None, "")
        credit = rung_credit(node.learning_value, Level.WATCH, self.params) * fit
        if kind == "self_correct":
            child = after._replace(node=timing.on_self_correct)
        else:
            bonus = error_episode(node.learning_value, self.profile.confidence, self.params)
            child = after._replace(node=timing.on_error,
                                   pending=round(after.pending + bonus, 9))
        return Edge(1.0, Gain(credit), (child, belief), f"{node.id}:~{kind}",
                    f"{node.id}:{node.default}")



def _normalised(log_weights: tuple[float, ...]) -> tuple[float, ...]:
    top = max(log_weights)
    raw = [math.exp(w - top) if w > -math.inf else 0.0 for w in log_weights]
    total = sum(raw)
    return tuple(r / total for r in raw)


def key_of(ctx: Context, node_id: str, history: tuple[str, ...]) -> Key:
    """The situation a history leads to: replays `node:choice` entries from the start (a
    window event entry `d:~error` after `d:option` means the event came first)."""
    key, items, i = ctx.root(), list(history), 0
    while True:
        exp = ctx.expand(key)
        if exp.kind == "decision" and key[0].node == node_id and i == len(items):
            return key
        if exp.kind == "end" or (i >= len(items) and exp.kind == "decision"):
            raise KeyError((node_id, history))
        if exp.decision is None:
            if len(exp.edges) == 1 and not exp.edges[0].label:
                key = exp.edges[0].next_key
                continue
            edge = _edge(exp.edges, items, i)
            i += 1
        else:
            basis = exp.decision.basis
            nxt = items[i + 1] if i + 1 < len(items) else ""
            if nxt.startswith(f"{exp.decision.node.id}:~"):
                kind = nxt.split(":~", 1)[1]
                edge = {"self_correct": basis[0], "error": basis[1]}.get(kind, basis[-1])
                i += 2
            else:
                edge = _edge(basis[2:], items, i)
                i += 1
        if edge.child is None:
            raise KeyError((node_id, history))
        key = edge.child


def _edge(edges: Sequence[Edge], items: list[str], i: int) -> Edge:
    if i >= len(items):
        raise KeyError("history ends before this situation")
    for e in edges:
        if e.label == items[i] and e.child is not None:
            return e
    raise KeyError(items[i])
