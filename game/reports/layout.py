"""Layered left-to-right layout of a vignette graph (pure: no matplotlib, no pygame).

A small Sugiyama-style pipeline, written out so it can be read and tested on its own:

1. longest-path layering from the start node (every edge points to a later layer);
2. every edge becomes a chain: a *label* slot in the column right after its source, then
   one *via* slot per further column it crosses. Labels are laid out like boxes, so edge
   text can never sit on top of a node or another label, and long edges bend around nodes;
3. a few barycentre sweeps order each column to reduce crossings (the best order seen wins);
4. y positions: each column is fitted to its neighbours by isotonic regression under
   minimum-gap constraints, so boxes in a column never overlap and edges stay straight-ish.

Coordinates are points (1/72 inch), x to the right and y *downward*. A route is a polyline:
horizontal runs across the columns of its chain, joined by crossings of the gaps between
columns; a renderer may draw the crossings as curves.
"""

from __future__ import annotations

import itertools
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

Size = tuple[float, float]
Point = tuple[float, float]

H_GAP = 26.0
"""Horizontal gap between columns: room for an edge to bend from one row to another."""
V_GAP = 10.0
"""Smallest vertical gap between two boxes in the same column."""
VIA = (0.0, 3.0)
"""Size of a slot that only carries an edge through a column (or an edge with no label)."""
PORT_STEP = 7.0
"""Vertical distance between neighbouring edge ends on a node's side."""
SWEEPS = 3
FIT_ROUNDS = 6


@dataclass(frozen=True)
class EdgeIn:
    source: str
    target: str
    label: Size = (0.0, 0.0)
    """Size of the edge's label box; (0, 0) when the edge has no label."""


@dataclass(frozen=True)
class Box:
    """A placed box: centre, width and height in points (y downward)."""

    x: float
    y: float
    width: float
    height: float

    def moved(self, dx: float, dy: float) -> Box:
        return Box(self.x + dx, self.y + dy, self.width, self.height)

    @property
    def left(self) -> float:
        return self.x - self.width / 2

    @property
    def right(self) -> float:
        return self.x + self.width / 2

    @property
    def top(self) -> float:
        return self.y - self.height / 2

    @property
    def bottom(self) -> float:
        return self.y + self.height / 2


@dataclass(frozen=True)
class GraphLayout:
    layers: Mapping[str, int]
    nodes: Mapping[str, Box]
    labels: tuple[Box, ...]
    """One per input edge, in input order."""
    routes: tuple[tuple[Point, ...], ...]
    """One polyline per input edge, from the source's right side to the target's left."""
    width: float
    height: float
    crossings: int


def longest_path_layers(start: str, nodes: Sequence[str],
                        edges: Sequence[tuple[str, str]]) -> dict[str, int]:
    """Layer of each node: the length of the longest path to it (start first, layer 0).

    Longest rather than shortest path so that every edge points strictly to the right,
    which is what makes a left-to-right reading of the vignette possible.
    """
    succ: dict[str, list[str]] = {n: [] for n in nodes}
    indegree = dict.fromkeys(nodes, 0)
    for s, t in edges:
        if s not in succ or t not in succ:
            raise ValueError(f"edge {s} -> {t} names an unknown node")
        succ[s].append(t)
        indegree[t] += 1
    ready = [n for n in dict.fromkeys([start, *nodes]) if n in indegree and indegree[n] == 0]
    layer = dict.fromkeys(nodes, 0)
    done = 0
    while ready:
        node = ready.pop(0)
        done += 1
        for t in succ[node]:
            layer[t] = max(layer[t], layer[node] + 1)
            indegree[t] -= 1
            if indegree[t] == 0:
                ready.append(t)
    if done < len(succ):
        raise ValueError("the graph has a cycle; a vignette must always move toward an end")
    return layer


def layout(start: str, sizes: Mapping[str, Size], edges: Sequence[EdgeIn]) -> GraphLayout:
    """Place every node and edge label; see the module docstring for the method."""
    if start not in sizes:
        raise ValueError(f"start node {start!r} is not in the graph")
    layers = longest_path_layers(start, list(sizes), [(e.source, e.target) for e in edges])
    rank = {n: 2 * layer for n, layer in layers.items()}
    size = dict(sizes)
    chains = [_chain(i, e, rank, size) for i, e in enumerate(edges)]
    succ: dict[str, list[str]] = {item: [] for item in size}
    pred: dict[str, list[str]] = {item: [] for item in size}
    for chain in chains:
        for a, b in itertools.pairwise(chain):
            succ[a].append(b)
            pred[b].append(a)
    ranks = _initial_order(start, list(sizes), rank, succ)
    ranks, crossings = _reduce_crossings(ranks, succ, pred)
    ys = _assign_y(ranks, size, pred, succ)
    lefts, widths = _columns(ranks, size)
    boxes = {item: Box(lefts[rank[item]] + widths[rank[item]] / 2, ys[item], *size[item])
             for item in size}
    out_y, in_y = _ports(chains, boxes)
    routes = tuple(_route(chain, boxes, rank, lefts, widths, (a, b))
                   for chain, a, b in zip(chains, out_y, in_y))
    height = max((b.bottom for b in boxes.values()), default=0.0)
    width = lefts[-1] + widths[-1] if lefts else 0.0
    return GraphLayout(layers, {n: boxes[n] for n in sizes},
                       tuple(boxes[c[1]] for c in chains), routes, width, height, crossings)


def _chain(index: int, edge: EdgeIn, rank: dict[str, int], size: dict[str, Size]) -> list[str]:
    """source, label slot, via slots..., target; registers the new slots' rank and size."""
    a, b = rank[edge.source], rank[edge.target]
    label = f"#label{index}"
    rank[label], size[label] = a + 1, edge.label if edge.label[1] > 0 else VIA
    chain = [edge.source, label]
    for r in range(a + 2, b):
        via = f"#via{index}.{r}"
        rank[via], size[via] = r, VIA
        chain.append(via)
    return chain + [edge.target]


def _initial_order(start: str, nodes: list[str], rank: dict[str, int],
                   succ: dict[str, list[str]]) -> list[list[str]]:
    """Depth-first discovery order from the start: authors' option order, top to bottom."""
    ranks: list[list[str]] = [[] for _ in range(max(rank.values(), default=0) + 1)]
    seen: set[str] = set()
    for root in dict.fromkeys([start, *nodes, *rank]):
        stack = [root]
        while stack:
            item = stack.pop()
            if item in seen:
                continue
            seen.add(item)
            ranks[rank[item]].append(item)
            stack.extend(reversed(succ[item]))
    return ranks


def crossings(ranks: list[list[str]], succ: Mapping[str, list[str]]) -> int:
    """Number of pairs of edge segments that cross between adjacent columns."""
    total = 0
    for here, there in itertools.pairwise(ranks):
        pos = {v: i for i, v in enumerate(there)}
        segs = [(i, pos[t]) for i, v in enumerate(here) for t in succ[v]]
        total += sum(1 for k, (a1, b1) in enumerate(segs) for a2, b2 in segs[k + 1:]
                     if (a1 - a2) * (b1 - b2) < 0)
    return total


def _reduce_crossings(ranks: list[list[str]], succ: Mapping[str, list[str]],
                      pred: Mapping[str, list[str]]) -> tuple[list[list[str]], int]:
    best, best_count = [list(r) for r in ranks], crossings(ranks, succ)
    for _ in range(SWEEPS):
        for r in range(1, len(ranks)):
            _barycentre(ranks[r], ranks[r - 1], pred)
        for r in range(len(ranks) - 2, -1, -1):
            _barycentre(ranks[r], ranks[r + 1], succ)
        count = crossings(ranks, succ)
        if count < best_count:
            best, best_count = [list(r) for r in ranks], count
    return best, best_count


def _barycentre(rank: list[str], fixed: list[str], neighbours: Mapping[str, list[str]]) -> None:
    """Sort a column by the mean position of each item's neighbours in the fixed column."""
    pos = {v: i for i, v in enumerate(fixed)}
    current = {v: i for i, v in enumerate(rank)}

    def key(v: str) -> float:
        near = [pos[u] for u in neighbours[v] if u in pos]
        return sum(near) / len(near) if near else current[v]
    rank.sort(key=key)


def _assign_y(ranks: list[list[str]], size: Mapping[str, Size], pred: Mapping[str, list[str]],
              succ: Mapping[str, list[str]]) -> dict[str, float]:
    ys: dict[str, float] = {}
    for rank in ranks:
        offsets = _offsets(rank, size)
        mid = offsets[-1] / 2 if offsets else 0.0
        ys.update({v: o - mid for v, o in zip(rank, offsets)})
    for _ in range(FIT_ROUNDS):
        for rank in ranks[1:]:
            _fit(rank, ys, size, pred)
        for rank in reversed(ranks[:-1]):
            _fit(rank, ys, size, succ)
    top = min((ys[v] - size[v][1] / 2 for v in ys), default=0.0)
    return {v: y - top for v, y in ys.items()}


def _offsets(rank: list[str], size: Mapping[str, Size]) -> list[float]:
    """Smallest centre-to-centre offsets from the first item that keep the gaps."""
    out, y = [], 0.0
    for i, v in enumerate(rank):
        if i:
            y += (size[rank[i - 1]][1] + size[v][1]) / 2 + V_GAP
        out.append(y)
    return out


def _fit(rank: list[str], ys: dict[str, float], size: Mapping[str, Size],
         neighbours: Mapping[str, list[str]]) -> None:
    """Move a column toward its neighbours' mean heights, keeping order and gaps."""
    offsets = _offsets(rank, size)
    wanted = [sum(ys[u] for u in neighbours[v]) / len(neighbours[v]) if neighbours[v]
              else ys[v] for v in rank]
    fitted = isotonic([w - o for w, o in zip(wanted, offsets)])
    ys.update({v: f + o for v, f, o in zip(rank, fitted, offsets)})


def isotonic(values: list[float]) -> list[float]:
    """Least-squares non-decreasing fit (pool adjacent violators)."""
    blocks: list[list[float]] = []  # [sum, count]
    for v in values:
        blocks.append([v, 1.0])
        while len(blocks) > 1 and blocks[-2][0] / blocks[-2][1] > blocks[-1][0] / blocks[-1][1]:
            s, c = blocks.pop()
            blocks[-1][0] += s
            blocks[-1][1] += c
    return [s / c for s, c in blocks for _ in range(int(c))]


def _columns(ranks: list[list[str]],
             size: Mapping[str, Size]) -> tuple[list[float], list[float]]:
    widths = [max((size[v][0] for v in rank), default=0.0) for rank in ranks]
    lefts, x = [], 0.0
    for w in widths:
        lefts.append(x)
        x += w + H_GAP
    return lefts, widths


def _ports(chains: list[list[str]], boxes: dict[str, Box]) -> tuple[list[float], list[float]]:
    """Spread the edges leaving (and entering) a node down its side, in the order of the
    slots they come from, so arrowheads do not pile up on one point."""
    out_y, in_y = [0.0] * len(chains), [0.0] * len(chains)
    for end, far, ports in ((0, 1, out_y), (-1, -2, in_y)):
        groups: dict[str, list[int]] = {}
        for i, chain in enumerate(chains):
            groups.setdefault(chain[end], []).append(i)
        for node, members in groups.items():
            box = boxes[node]
            members.sort(key=lambda i: boxes[chains[i][far]].y)
            step = min(PORT_STEP, 0.6 * box.height / max(1, len(members) - 1))
            for k, i in enumerate(members):
                ports[i] = box.y + (k - (len(members) - 1) / 2) * step
    return out_y, in_y


def _route(chain: list[str], boxes: dict[str, Box], rank: Mapping[str, int],
           lefts: list[float], widths: list[float],
           ports: tuple[float, float]) -> tuple[Point, ...]:
    """Horizontal runs across each column at the slot's height, so no box is ever crossed."""
    first, last = boxes[chain[0]], boxes[chain[-1]]
    y0, y1 = ports
    r0, r1 = rank[chain[0]], rank[chain[-1]]
    points: list[Point] = [(first.right, y0), (lefts[r0] + widths[r0], y0)]
    for item in chain[1:-1]:
        r = rank[item]
        y = boxes[item].y
        points += [(lefts[r], y), (lefts[r] + widths[r], y)]
    points += [(lefts[r1], y1), (last.left, y1)]
    for i in range(1, len(points)):  # a node as wide as its column: keep rounding monotone
        points[i] = (max(points[i][0], points[i - 1][0]), points[i][1])
    return tuple(p for i, p in enumerate(points) if i == 0 or p != points[i - 1])
