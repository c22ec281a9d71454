"""The weight-independent part of a backward pass, built once per vignette and profile.

Which situations are reachable, their order children-first, the first history found to
each, and per situation the arrays its value is computed from (continuation indices,
probabilities, gains, moment coefficients) do not depend on the risk weight or on how
choices are made. `safetynet solve` runs about six passes over one vignette (the solve,
the weight scan, two refinement rounds, value of information), so they are worked out
once: the first pass walks the graph with an explicit stack (no recursion limit, cycles
reported), and every pass then runs one loop over plain integer indices and numpy arrays.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field

import numpy as np

from game.scoring.graph import Context, DecisionSpec, Edge, Key
from game.scoring.safety import Risks
from game.scoring.story import CycleError

FIELDS = Risks._fields
ROWS = 2 + len(FIELDS)
END, ONE, CHANCE, DECISION = range(4)
_ZERO = np.zeros(ROWS)


_GAIN_VECTORS: dict = {}


def gain_vector(edge: Edge) -> np.ndarray:
    """The gain as a value row (learning, harm, risk indicators); cached by gain (read-only:
    one array serves every edge with that gain)."""
    g = edge.gain
    vec = _GAIN_VECTORS.get(g)
    if vec is None:
        vec = np.zeros(ROWS)
        vec[0], vec[1] = g.learning, g.harm
        for i in range(len(FIELDS)):
            if g.risk_bits >> i & 1:
                vec[2 + i] = 1.0
        vec.setflags(write=False)
        if len(_GAIN_VECTORS) > 100_000:
            _GAIN_VECTORS.clear()
        _GAIN_VECTORS[g] = vec
    return vec


@dataclass
class Step:
    """How one situation's value is computed from its continuations' values."""

    kind: int
    children: np.ndarray
    """Indices of the continuations (the zero row for a window event that cannot happen)."""
    gains: np.ndarray
    """(continuations, ROWS), or the one expected gain row for END, ONE and CHANCE."""
    p: np.ndarray | None = None
    spec: DecisionSpec | None = None
    coef: np.ndarray | None = None


class Histories(Mapping):
    """Situation key -> the first history found to it, rebuilt on demand from one parent
    link per situation: storing every history whole costs depth x situations (gigabytes for
    a deep vignette with an uncertain trainee)."""

    def __init__(self) -> None:
        self.parent: dict[Key, tuple[Key | None, tuple[str, ...]]] = {}

    def __getitem__(self, key: Key) -> tuple[str, ...]:
        parts = []
        link = self.parent[key]
        while link[0] is not None:
            parts.append(link[1])
            link = self.parent[link[0]]
        return tuple(entry for entries in reversed(parts) for entry in entries)

    def __contains__(self, key: object) -> bool:
        return key in self.parent

    def __iter__(self) -> Iterator[Key]:
        return iter(self.parent)

    def __len__(self) -> int:
        return len(self.parent)


@dataclass
class Plan:
    keys: list[Key] = field(default_factory=list)
    """Children first (reverse topological order); a situation's index is its position."""
    index: dict[Key, int] = field(default_factory=dict)
    steps: list[Step] = field(default_factory=list)
    history: Histories = field(default_factory=Histories)
    """The first history found to each situation (its representative label)."""
    slots: np.ndarray = field(default_factory=lambda: np.zeros(0, int))
    """Per situation, the row of a pass's value array that holds its value while a parent
    still needs it; rows are reused once every parent is done (`_allocate`)."""
    width: int = 0
    """Rows a pass needs; row `width` is the all-zero row."""

    @property
    def zero(self) -> int:
        """Index standing for "no continuation" in a step's children before allocation."""
        return len(self.keys)

    @property
    def root_slot(self) -> int:
        return int(self.slots[-1])


_COEFFICIENTS: dict[tuple, np.ndarray] = {}


def coefficients(spec: DecisionSpec) -> np.ndarray:
    """(segments, basis) mixing weights: self-correct, error, options..., default. Cached:
    they depend only on the segments and the number of continuations."""
    key = (spec.segments, len(spec.basis))
    found = _COEFFICIENTS.get(key)
    if found is None:
        found = _coefficients(spec)
        if len(_COEFFICIENTS) > 4096:
            _COEFFICIENTS.clear()
        _COEFFICIENTS[key] = found
    return found


def _coefficients(spec: DecisionSpec) -> np.ndarray:
    nb = len(spec.basis)
    coef = np.zeros((len(spec.segments), nb))
    default = nb - 1
    for i, seg in enumerate(spec.segments):
        coef[i, 0], coef[i, 1] = seg.self_correct, seg.error
        coef[i, default if seg.too_late else 2 + seg.option] += seg.on_option
    return coef


def plan_of(ctx: Context) -> Plan:
    """The context's plan, built on first use and shared by every later pass."""
    plan = ctx.tables.plan
    if plan is None:
        with _collector_paused():
            plan = _build(ctx)
        ctx.tables.plan = plan
    assert isinstance(plan, Plan)
    return plan


@contextmanager
def _collector_paused() -> Iterator[None]:
    """Building a plan allocates hundreds of thousands of tuples that stay alive; the cyclic
    garbage collector, triggered by those allocations, re-scans them again and again (half
    the time of a 60,000-situation plan). Nothing built here is cyclic garbage, so collection
    waits until the plan is done (it is process-wide; another thread's garbage waits too)."""
    was = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was:
            gc.enable()


def _edges(ctx: Context, key: Key) -> tuple[Edge, ...]:
    exp = ctx.expand(key)
    return exp.edges if exp.decision is None else exp.decision.basis


def _build(ctx: Context) -> Plan:
    plan = Plan()
    root = ctx.root()
    plan.history.parent[root] = (None, ())
    stack: list[tuple[Key, bool]] = [(root, False)]
    open_keys: set[Key] = set()
    while stack:
        key, ready = stack.pop()
        if key in plan.index:
            continue
        todo = [(e.child, e.entries) for e in _edges(ctx, key)
                if e.child is not None and e.p > 0.0 and e.child not in plan.index]
        if todo:
            if ready or key in open_keys:
                raise CycleError(f"the story returns to {key[0].node!r}")
            open_keys.add(key)
            stack.append((key, True))
            for child, entries in todo:
                plan.history.parent.setdefault(child, (key, entries))
                stack.append((child, False))
            continue
        open_keys.discard(key)
        plan.index[key] = len(plan.keys)
        plan.keys.append(key)
    assert plan.keys[-1] == root  # children first: the root is evaluated last
    plan.steps = [_step(ctx, plan, key) for key in plan.keys]
    _allocate(plan)
    return plan


def _allocate(plan: Plan) -> None:
    """Give each situation a value row, reusing the row of one whose parents are all
    evaluated: a pass then holds the frontier of the story, not every situation (a deep
    vignette with an uncertain trainee has hundreds of thousands of situations, and a scan
    over 25 weights would otherwise need gigabytes). Steps' children become rows."""
    n = len(plan.keys)
    last_use = np.full(n + 1, -1)
    for i, step in enumerate(plan.steps):
        last_use[step.children] = i
    last_use[n - 1] = n  # the root's value is returned
    slots = np.empty(n + 1, int)
    free: list[int] = []
    width = 0
    for i, step in enumerate(plan.steps):
        if free:
            slots[i] = free.pop()
        else:
            slots[i], width = width, width + 1
        for c in set(step.children.tolist()):
            if c < n and last_use[c] == i:
                free.append(int(slots[c]))
    slots[n] = width
    for step in plan.steps:
        step.children = slots[step.children]
    plan.slots, plan.width = slots[:n], width


def _step(ctx: Context, plan: Plan, key: Key) -> Step:
    exp = ctx.expand(key)
    if exp.decision is not None:
        spec = exp.decision
        children = np.array([plan.zero if e.child is None else plan.index[e.child]
                             for e in spec.basis])
        gains = np.array([gain_vector(e) if e.child is not None else _ZERO
                          for e in spec.basis])
        return Step(DECISION, children, gains, spec=spec, coef=coefficients(spec))
    edges = [e for e in exp.edges if e.p > 0.0]
    if exp.kind == "end":
        return Step(END, np.zeros(0, int), gain_vector(exp.edges[0]))
    if len(edges) == 1:
        return Step(ONE, np.array([plan.index[edges[0].next_key]]), gain_vector(edges[0]))
    p = np.array([e.p for e in edges])
    gains = p @ np.array([gain_vector(e) for e in edges])
    children = np.array([plan.index[e.next_key] for e in edges])
    return Step(CHANCE, children, gains, p)
