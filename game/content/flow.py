"""Rules that follow the story forward: flags, supervision distance, safe options, odds and
never-events.

One pass over the nodes in topological order (from `graph.walk`) finds, for every node, the
flags that *may* have been set on some path to it and the supervision distances it may be
played at. The rules then read those sets: a flag read before anything can set it is a
warning (the condition can never be true), a decision point needs a safe option for every
combination of flags its options depend on, each chance node's outcome probabilities must
sum to 1 for every combination of the flags its cases read, and a never-event must be
avoidable by the supervisor. Nothing here recurses.
"""

from __future__ import annotations

from itertools import combinations

from game.content import schema as s
from game.content.graph import Collector, Edge, Walk, edges

SAFE_LEVELS = ("cue", "guide", "takeover")
"""An intervention at one of these levels stops the imminent mistake."""
HANDS_ON_LEVELS = ("guide", "takeover")
TOLERANCE = 1e-6
MAX_CASE_FLAGS = 10
"""Most distinct flags one node's cases or options may read (2**10 combinations checked)."""


def cases_of(p) -> list[tuple[frozenset[str], float, float]]:
    """(flags, low, high) for each case of an authored probability, the unconditional last."""
    if isinstance(p, list):
        return [(frozenset(c.when), *_anchors(c.p)) for c in p]
    return [(frozenset(), *_anchors(p))]


def _anchors(p) -> tuple[float, float]:
    return (p.low, p.high) if isinstance(p, s.CompetenceDependent) else (float(p), float(p))


def subsets(flags: set[str]):
    items = sorted(flags)
    for k in range(len(items) + 1):
        yield from (frozenset(c) for c in combinations(items, k))


class Flow:
    """May-set flags and possible distances at every reachable node."""

    def __init__(self, doc: s.ScenarioIn, found: Walk):
        self.flags: dict[str, set[str]] = {doc.start: set()}
        self.distances: dict[str, set[str]] = {doc.start: {doc.supervision}}
        for node_id in found.order:
            node = doc.nodes[node_id]
            for edge in edges(node, ()):
                if edge.target in doc.nodes:
                    self._carry(node_id, edge)

    def _carry(self, node_id: str, edge: Edge) -> None:
        sets = set(edge.effects.sets) if edge.effects else set()
        self.flags.setdefault(edge.target, set()).update(self.flags[node_id] | sets)
        change = edge.effects.supervision if edge.effects else None
        dist = {change.to} if change else self.distances[node_id]
        self.distances.setdefault(edge.target, set()).update(dist)


def check_flow(doc: s.ScenarioIn, found: Walk, out: Collector) -> None:
    """Every node is checked; where the forward pass cannot reach (a cycle, an unreachable
    node, both reported elsewhere) any flag and distance is assumed possible and flag reads
    are not warned about, so one mistake never hides another."""
    flow = Flow(doc, found) if found.acyclic else None
    anywhere = _everything(doc)
    for node_id, node in doc.nodes.items():
        here = ("nodes", node_id)
        reached = flow is not None and node_id in flow.flags
        known, distances = (flow.flags[node_id], flow.distances[node_id]) \
            if flow is not None and reached else anywhere
        if isinstance(node, s.BeatIn):
            known = known | set(node.sets)
            if isinstance(node.next, list) and reached:
                for i, r in enumerate(node.next):
                    _reads(node_id, r.when, here + ("next", i, "if"), known, out)
        elif isinstance(node, s.ChanceIn):
            _check_chance(node_id, node, here, known, out, reached)
        elif isinstance(node, s.DecisionIn):
            _check_decision(node_id, node, here, known, distances, out, reached)
    if flow is not None:
        _check_never_events(doc, found, out)


def _everything(doc: s.ScenarioIn) -> tuple[set[str], set[str]]:
    """Every flag any step sets, and every distance the vignette can be at."""
    flags: set[str] = set()
    distances: set[str] = {doc.supervision}
    for node in doc.nodes.values():
        for edge in edges(node, ()):
            if edge.effects is not None:
                flags |= set(edge.effects.sets)
                if edge.effects.supervision is not None:
                    distances.add(edge.effects.supervision.to)
    return flags, distances


def _reads(node_id: str, flags: list[str], path: tuple, known: set[str], out: Collector,
           negated: bool = False) -> None:
    for j, flag in enumerate(flags):
        if flag not in known:
            effect = "'unless' never applies" if negated else "this can never be true"
            out.warn(path + (j,), f"{node_id}: flag {flag!r} is never set on any path before "
                                  f"here, so {effect} (check the spelling and the 'sets:')")


def _check_chance(node_id: str, node: s.ChanceIn, here: tuple, known: set[str],
                  out: Collector, reached: bool) -> None:
    read: set[str] = set()
    for i, o in enumerate(node.outcomes):
        if isinstance(o.p, list):
            for j, case in enumerate(o.p):
                if reached:
                    _reads(node_id, case.when, here + ("outcomes", i, "p", j, "if"), known,
                           out)
                read |= set(case.when)
    if len(read) > MAX_CASE_FLAGS:
        out.add(here + ("outcomes",), f"{node_id}: the cases read {len(read)} flags; at most "
                                      f"{MAX_CASE_FLAGS} per chance node")
        return
    every = [cases_of(o.p) for o in node.outcomes]
    if any(cases[-1][0] for cases in every):
        return  # no unconditional last case: reported as a shape problem already
    plain = all(low == high for cases in every for _, low, high in cases)
    for flags in subsets(read):
        for k, anchor in ((1, "low"), (2, "high")):
            total = sum(_active(cases, flags)[k] for cases in every)
            if abs(total - 1.0) > TOLERANCE:
                which = "" if plain else f" at {anchor} competence"
                when = f" when {', '.join(sorted(flags))} set" if flags else \
                    (" when no flag is set" if read else "")
                out.add(here + ("outcomes",),
                        f"{node_id}: outcome probabilities sum to {total:g}{which}{when}, "
                        "not 1")
                return


def _active(cases, flags: frozenset[str]):
    return next(c for c in cases if c[0] <= flags)


def _check_decision(node_id: str, node: s.DecisionIn, here: tuple, known: set[str],
                    distances: set[str], out: Collector, reached: bool) -> None:
    read: set[str] = set()
    for i, o in enumerate(node.options):
        if reached:
            _reads(node_id, o.requires, here + ("options", i, "requires"), known, out)
            _reads(node_id, o.unless, here + ("options", i, "unless"), known, out,
                   negated=True)
        read |= (set(o.requires) | set(o.unless)) & known
        if distances == {"distant"} and o.level in HANDS_ON_LEVELS:
            out.add(here + ("options", i, "level"),
                    f"{node_id}: option {o.id!r} is hands-on ({o.level}) but supervision "
                    "is distant; use a probe or a cue (by phone or at review)")
    if node.purpose == "debrief":
        return
    if len(read) > MAX_CASE_FLAGS:
        out.add(here + ("options",), f"{node_id}: the options read {len(read)} flags; at "
                                     f"most {MAX_CASE_FLAGS} per decision point")
        return
    for flags in subsets(read):
        offered = [o for o in node.options
                   if set(o.requires) <= flags and not set(o.unless) & flags]
        if not any(_safe(o) for o in offered):
            when = f" when {', '.join(sorted(flags))} set" if flags else ""
            out.add(here + ("options",),
                    f"{node_id}: decision point has no safe option{when} (a cue, guidance or "
                    "take-over that carries no harm of its own)")
            return


def _safe(o: s.OptionIn) -> bool:
    return o.level in SAFE_LEVELS and not o.harm and not o.provokes_error \
        and not o.never_event


def _never_marks(doc: s.ScenarioIn, found: Walk) -> list[tuple[tuple, str]]:
    """(file path, node id) of every never-event mark on a reachable node."""
    marks: list[tuple[tuple, str]] = []
    for node_id in found.order:
        node, here = doc.nodes[node_id], ("nodes", node_id)
        if isinstance(node, (s.BeatIn, s.EndIn)) and node.never_event:
            marks.append((here + ("never_event",), node_id))
        parts = node.options if isinstance(node, s.DecisionIn) else \
            node.outcomes if isinstance(node, s.ChanceIn) else []
        field = "options" if isinstance(node, s.DecisionIn) else "outcomes"
        marks += [(here + (field, i, "never_event"), node_id)
                  for i, part in enumerate(parts) if part.never_event]
    return marks


def _exposed(doc: s.ScenarioIn, found: Walk) -> dict[str, bool]:
    """For each node: can the story still reach a never-event whatever the supervisor does
    from here on? Chance and beats cannot be steered; a decision point is exposed only when
    every one of its options is."""
    exposed: dict[str, bool] = {}
    for node_id in reversed(found.order):
        node = doc.nodes[node_id]
        own = isinstance(node, (s.BeatIn, s.EndIn)) and node.never_event
        if isinstance(node, s.DecisionIn):
            risky = [o.never_event or exposed.get(o.next, False) for o in node.options]
            exposed[node_id] = all(risky)
        elif isinstance(node, s.ChanceIn):
            exposed[node_id] = any(
                (o.never_event or exposed.get(o.next, False))
                and any(low > 0 or high > 0 for _, low, high in cases_of(o.p))
                for o in node.outcomes)
        else:
            exposed[node_id] = own or any(exposed.get(e.target, False)
                                          for e in edges(node, ()))
    return exposed


def _check_never_events(doc: s.ScenarioIn, found: Walk, out: Collector) -> None:
    """A never-event must only happen because a supervisor let it: some choice on the way
    must avoid it."""
    marks = _never_marks(doc, found)
    if not marks:
        return
    exposed = _exposed(doc, found)
    below = _exposed_decision_below(doc, found, exposed)
    blamed = False
    for node_id in found.order:
        node = doc.nodes[node_id]
        if isinstance(node, s.DecisionIn) and exposed[node_id]:
            blamed = True
            if not below[node_id]:  # name where it can be fixed, not every one before it
                out.add(("nodes", node_id, "options"),
                        f"{node_id}: every option here can lead to a never-event; the "
                        "supervisor must have a way to prevent it")
    if exposed.get(doc.start) and not blamed:
        path, node_id = marks[0]
        out.add(path, f"{node_id}: this never-event can be reached without any decision "
                      "point that could prevent it")


def _exposed_decision_below(doc: s.ScenarioIn, found: Walk,
                            exposed: dict[str, bool]) -> dict[str, bool]:
    below: dict[str, bool] = {}
    for node_id in reversed(found.order):
        below[node_id] = any(
            (isinstance(doc.nodes.get(e.target), s.DecisionIn) and exposed.get(e.target))
            or below.get(e.target, False) for e in edges(doc.nodes[node_id], ()))
    return below
