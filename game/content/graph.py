"""The scenario as a graph: its edges, a located problem collector, and one iterative walk.

Every graph rule (reachability, cycles, depth, flags, never-events) works on `edges()` and on
the order `walk()` returns, so a node points on through `next`, options, outcomes, routes and
window timing alike. Nothing here recurses: a 1,200-beat chain costs a loop, not a stack.
"""

from __future__ import annotations

from dataclasses import dataclass

from game.content import schema as s
from game.content.problems import Problem, warning
from game.content.yamlmarks import Marks, locate

MAX_NODES = 2000
"""Most nodes one vignette may have (the largest shipped one has about 60)."""
MAX_PATH = 300
"""Most nodes on one path from the start: longer stories cannot be played in a session, and
the solver's and players' work grows with the length."""


class Collector:
    """Every problem found, each with the file position of the YAML path it concerns."""

    def __init__(self, marks: Marks, shown: str):
        self.marks, self.shown = marks, shown
        self.problems: list[Problem] = []

    def add(self, path: tuple, message: str) -> None:
        line, col = locate(self.marks, path)
        self.problems.append(Problem(self.shown, line, col, message))

    def warn(self, path: tuple, message: str) -> None:
        line, col = locate(self.marks, path)
        self.problems.append(warning(self.shown, line, col, message))


@dataclass(frozen=True)
class Edge:
    path: tuple
    """Where the target is written in the file."""
    target: str
    effects: s.EffectsIn | None
    """Effects that apply on the way along this edge (the beat's, option's or outcome's)."""


def node_effects(node) -> s.EffectsIn | None:
    return node if isinstance(node, (s.BeatIn, s.EndIn)) else None


def edges(node, here: tuple) -> list[Edge]:
    if isinstance(node, s.BeatIn):
        if isinstance(node.next, str):
            return [Edge(here + ("next",), node.next, node)]
        return [Edge(here + ("next", i, "to"), r.to, node) for i, r in enumerate(node.next)]
    if isinstance(node, s.DecisionIn):
        out = [Edge(here + ("options", i, "next"), o.next, o)
               for i, o in enumerate(node.options)]
        if node.timing is not None:
            out += [Edge(here + ("timing", "on_self_correct"), node.timing.on_self_correct,
                         None),
                    Edge(here + ("timing", "on_error"), node.timing.on_error, None)]
        return out
    if isinstance(node, s.ChanceIn):
        return [Edge(here + ("outcomes", i, "next"), o.next, o)
                for i, o in enumerate(node.outcomes)]
    return []


@dataclass(frozen=True)
class Walk:
    order: tuple[str, ...]
    """Reachable nodes, each before every node it leads to (when there is no cycle)."""
    acyclic: bool


def walk(doc: s.ScenarioIn, out: Collector) -> Walk:
    """Depth-first from the start with an explicit stack; reports cycles and unreachable
    nodes, and returns the reachable nodes in topological order."""
    if doc.start not in doc.nodes:
        return Walk((), False)
    state: dict[str, int] = {doc.start: 1}  # 1 = on the current path, 2 = finished
    trail = [doc.start]
    stack = [iter(edges(doc.nodes[doc.start], ()))]
    post: list[str] = []
    acyclic = True
    while stack:
        edge = next(stack[-1], None)
        if edge is None:
            stack.pop()
            done = trail.pop()
            state[done] = 2
            post.append(done)
            continue
        nxt = edge.target
        if nxt not in doc.nodes:
            continue
        if state.get(nxt) == 1:
            acyclic = False
            loop = trail[trail.index(nxt):] + [nxt]
            shown = " -> ".join(loop if len(loop) <= 12 else loop[:5] + ["..."] + loop[-5:])
            out.add(("nodes", nxt), f"{nxt}: cycle through {shown}; vignettes must always "
                                    "move toward an end")
        elif nxt not in state:
            state[nxt] = 1
            trail.append(nxt)
            stack.append(iter(edges(doc.nodes[nxt], ())))
    for node_id in doc.nodes:
        if node_id not in state:
            out.add(("nodes", node_id, "<key>"), f"{node_id}: unreachable from {doc.start!r}")
    return Walk(tuple(reversed(post)), acyclic)


def check_size(doc: s.ScenarioIn, found: Walk, out: Collector) -> None:
    """Refuse graphs too big or too deep to play, solve or show, naming where."""
    if len(doc.nodes) > MAX_NODES:
        out.add(("nodes",), f"{len(doc.nodes)} nodes; a vignette may have at most {MAX_NODES}")
    if not found.acyclic:
        return
    depth = {doc.start: 1}
    for node_id in found.order:
        for edge in edges(doc.nodes[node_id], ()):
            if edge.target in doc.nodes:
                depth[edge.target] = max(depth.get(edge.target, 0), depth[node_id] + 1)
        if depth[node_id] > MAX_PATH:
            out.add(("nodes", node_id, "<key>"),
                    f"{node_id}: more than {MAX_PATH} steps from the start on one path; "
                    "split the story or shorten it")
            return
