"""`safetynet graph`: draw a vignette's graph so authors can see what they wrote.

A YAML file of thirty nodes hides dead ends, long detours and options that all lead to the
same place; a drawing shows them at a glance. Node kinds differ by shape *and* colour, and a
legend names them, so the figure still reads in greyscale and for colour-blind readers.
Harm is marked by a dashed line *and* a "harm:" line of text, the optimal option by a bold
line *and* the word OPTIMAL. The layout is our own (layout.py): graphviz is not a dependency
we can rely on; the words on the graph come from graph_text.py. Only matplotlib's
object-oriented API on an Agg canvas is used.
"""

from __future__ import annotations  # noqa: I001  (figkit must be imported before matplotlib)

import itertools
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import game.reports.figkit  # noqa: F401  (sets a writable MPLCONFIGDIR and the Agg backend)
from matplotlib.axes import Axes
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.patches import Ellipse, FancyArrowPatch, FancyBboxPatch, Patch, Polygon
from matplotlib.path import Path as MplPath

from game.core.model import Scenario
from game.reports.graph_text import EdgeView, Highlight, edge_views, node_lines
from game.reports.layout import Box, EdgeIn, GraphLayout, layout

FORMATS = (".png", ".svg", ".pdf")
HEAD, BODY = 8.0, 7.0
"""Font sizes in points: node ids, then every other text."""
PAD, MARGIN, TIP, CHAMFER = 5.0, 18.0, 14.0, 7.0
DPI = 150
LINE, HARM, BEST = "#4D4D4D", "#B2182B", "#000000"
KINDS = {  # kind -> (fill, legend text); Okabe-Ito tints, always paired with a shape
    "beat": ("#E6E6E6", "narration beat"),
    "decision": ("#F6C97A", "decision point: the supervisor chooses"),
    "chance": ("#A9D6F0", "chance node: outcomes by probability"),
    "end": ("#9FD9C2", "end of the vignette"),
}


@dataclass(frozen=True)
class NodeText:
    """A node's bold header (its id) and body, with their measured sizes in points."""

    header: str
    body: str
    width: float
    head_h: float
    body_h: float

    @property
    def height(self) -> float:
        return self.head_h + self.body_h + (2.0 if self.body else 0.0)

    @staticmethod
    def measured(header: str, body: str, measure: _Measure) -> NodeText:
        (w1, h1), (w2, h2) = measure.size(header, HEAD, True), measure.size(body, BODY)
        return NodeText(header, body, max(w1, w2), h1, h2)


class _Measure:
    """Text extents in points, from a scratch Agg figure at 72 dpi (1 pixel = 1 point)."""

    def __init__(self) -> None:
        self.fig = Figure(dpi=72)
        self.renderer = FigureCanvasAgg(self.fig).get_renderer()

    def size(self, text: str, fontsize: float, bold: bool = False) -> tuple[float, float]:
        if not text:
            return 0.0, 0.0
        t = self.fig.text(0, 0, text, fontsize=fontsize, fontweight="bold" if bold else None,
                          parse_math=False, linespacing=1.15)
        box = t.get_window_extent(self.renderer)
        t.remove()
        return float(box.width), float(box.height)


def _outer(kind: str, content: tuple[float, float]) -> tuple[float, float]:
    """Shape size around a text block: each shape needs different room for its corners."""
    cw, ch = content
    if kind == "chance":
        return (cw + 6) * 1.3, (ch + 4) * 1.6
    h = ch + 2 * PAD
    extra = {"decision": 2 * min(TIP, h / 2), "end": 8.0}.get(kind, 4.0)
    return cw + 2 * PAD + extra, h + (4.0 if kind == "end" else 0.0)


def build_layout(scenario: Scenario, highlight: Highlight | None = None,
                 measure: _Measure | None = None,
                 ) -> tuple[GraphLayout, dict[str, NodeText], list[EdgeView]]:
    """Everything a drawing needs: the layout, node texts and edge views (in layout order)."""
    measure = measure or _Measure()
    texts = {nid: NodeText.measured(*node_lines(node), measure)
             for nid, node in scenario.nodes.items()}
    sizes = {nid: _outer(scenario.node(nid).kind, (t.width, t.height))
             for nid, t in texts.items()}
    edges = edge_views(scenario, highlight)
    labels = [measure.size(e.text, BODY, e.optimal) for e in edges]
    specs = [EdgeIn(e.source, e.target, (w + 10, h + 6) if h else (0.0, 0.0))
             for e, (w, h) in zip(edges, labels)]
    return layout(scenario.start, sizes, specs), texts, edges


def render_graph(scenario: Scenario, out: str | Path, highlight: Highlight | None = None) -> None:
    """Draw the graph to `out`; the format follows the extension (.png, .svg or .pdf).

    Raises OSError when the file cannot be written, ValueError for an unknown extension.
    """
    out = Path(out)
    if out.suffix.lower() not in FORMATS:
        raise ValueError(f"unknown format {out.suffix!r}; use {', '.join(FORMATS)}")
    measure = _Measure()
    placed, texts, edges = build_layout(scenario, highlight, measure)
    legend = _legend(measure, highlight)
    top = MARGIN + 46.0 + max(b.height for _, _, b, _ in legend)
    width = max(placed.width, sum(b.width + tw + 21 for _, _, b, tw in legend),
                measure.size(_subtitle(scenario, highlight), BODY + 1)[0]) + 2 * MARGIN
    height = top + placed.height + MARGIN
    fig = Figure(figsize=(width / 72, height / 72), dpi=72)
    FigureCanvasAgg(fig)
    ax = fig.add_axes((0, 0, 1, 1), xlim=(0, width), ylim=(height, 0))
    ax.set_axis_off()
    _draw_header(ax, scenario, highlight, legend)
    _draw_graph(ax, scenario, placed, texts, edges, (MARGIN, top))
    fig.savefig(out, dpi=DPI, facecolor="white")


def _draw_graph(ax: Axes, scenario: Scenario, placed: GraphLayout, texts: Mapping[str, NodeText],
                edges: Sequence[EdgeView], origin: tuple[float, float]) -> None:
    dx, dy = origin
    for edge, route, label in zip(edges, placed.routes, placed.labels):
        points = [(x + dx, y + dy) for x, y in route]
        (x0, y0), (x1, y1) = points[0], points[-1]
        source, target = placed.nodes[edge.source], placed.nodes[edge.target]
        points[0] = (x0 - _inset(scenario.node(edge.source).kind, source, y0 - dy), y0)
        points[-1] = (x1 + _inset(scenario.node(edge.target).kind, target, y1 - dy), y1)
        _draw_edge(ax, points, label.moved(dx, dy), edge)
    for nid, box in placed.nodes.items():
        _draw_node(ax, scenario.node(nid).kind, box.moved(dx, dy), texts[nid])


def _inset(kind: str, b: Box, y: float) -> float:
    """How far inside its bounding box a shape's left or right side is at height y."""
    off = min(1.0, abs(y - b.y) / (b.height / 2))
    if kind == "chance":
        return b.width / 2 * (1 - (1 - off * off) ** 0.5)
    return min(TIP, b.height / 2) * off if kind == "decision" else 0.0


def _shape(kind: str, b: Box, **style: Any) -> Patch:
    """Rounded box (beat), hexagon (decision), ellipse (chance), octagon like a stop sign (end)."""
    if kind == "chance":
        return Ellipse((b.x, b.y), b.width, b.height, **style)
    if kind == "decision":
        t = min(TIP, b.height / 2)
        return Polygon([(b.left, b.y), (b.left + t, b.top), (b.right - t, b.top), (b.right, b.y),
                        (b.right - t, b.bottom), (b.left + t, b.bottom)], closed=True, **style)
    if kind == "end":
        c = CHAMFER
        return Polygon([(b.left + c, b.top), (b.right - c, b.top), (b.right, b.top + c),
                        (b.right, b.bottom - c), (b.right - c, b.bottom), (b.left + c, b.bottom),
                        (b.left, b.bottom - c), (b.left, b.top + c)], closed=True, **style)
    return FancyBboxPatch((b.left, b.top), b.width, b.height,
                          boxstyle="round,pad=0,rounding_size=4", **style)


def _draw_node(ax: Axes, kind: str, box: Box, text: NodeText) -> None:
    ax.add_patch(_shape(kind, box, facecolor=KINDS[kind][0], edgecolor="#222222", zorder=2,
                        linewidth=1.6 if kind in ("decision", "end") else 0.9))
    top = box.y - text.height / 2
    ax.text(box.x, top + text.head_h / 2, text.header, fontsize=HEAD, fontweight="bold",
            ha="center", va="center", zorder=3, parse_math=False)
    ax.text(box.x, top + text.height - text.body_h / 2, text.body, fontsize=BODY, ha="center",
            va="center", zorder=3, parse_math=False, linespacing=1.15)


def _curve(route: list[tuple[float, float]]) -> MplPath:
    """Straight horizontal runs; S-curves with horizontal tangents across column gaps."""
    verts, codes = [route[0]], [MplPath.MOVETO]
    for (x0, y0), (x1, y1) in itertools.pairwise(route):
        if abs(y1 - y0) < 0.01:
            verts.append((x1, y1))
            codes.append(MplPath.LINETO)
        else:
            mid = (x0 + x1) / 2
            verts += [(mid, y0), (mid, y1), (x1, y1)]
            codes += [MplPath.CURVE4] * 3
    return MplPath(verts, codes)


def _draw_edge(ax: Axes, route: list[tuple[float, float]], label: Box, edge: EdgeView) -> None:
    colour = BEST if edge.optimal else (HARM if edge.harm else LINE)
    ax.add_patch(FancyArrowPatch(
        path=_curve(route), arrowstyle="-|>,head_length=5,head_width=2.5", color=colour,
        linewidth=2.8 if edge.optimal else 0.9, linestyle=(0, (4, 2)) if edge.harm else "-",
        shrinkA=0, shrinkB=0, zorder=1, joinstyle="round", capstyle="butt"))
    if not edge.text:
        return
    ax.add_patch(FancyBboxPatch((label.left, label.top), label.width, label.height,
                                boxstyle="round,pad=0,rounding_size=3", facecolor="white",
                                edgecolor=colour, linewidth=1.4 if edge.optimal else 0.5,
                                linestyle="--" if edge.harm else "-", zorder=3))
    ax.text(label.x, label.y, edge.text, fontsize=BODY, ha="center", va="center", zorder=4,
            fontweight="bold" if edge.optimal else None, parse_math=False, linespacing=1.15)


def _legend(measure: _Measure, hl: Highlight | None) -> list[tuple[str, str, Box, float]]:
    """(kind or line style, description, sample box at x=0, text width) per legend entry."""
    texts = {k: NodeText.measured(k, "", measure) for k in KINDS}
    items = [(k, KINDS[k][1], _outer(k, (t.width, t.height))) for k, t in texts.items()]
    items += [("harm", "dashed: carries harm", (34.0, 10.0))]
    items += [("best", "bold: optimal option", (34.0, 10.0))] if hl is not None else []
    return [(k, m, Box(w / 2, 0.0, w, h), measure.size(m, BODY)[0]) for k, m, (w, h) in items]


def _subtitle(scenario: Scenario, hl: Highlight | None) -> str:
    best = "" if hl is None else (f" · optimal for profile {hl.profile} at risk weight "
                                  f"{hl.weight:g} (most frequent situation)")
    return (f"supervision {scenario.supervision} · {len(scenario.nodes)} nodes · "
            f"{len(scenario.decisions())} decision points · p=low→high: probability at "
            f"trainee competence 0→1{best}")


def _draw_header(ax: Axes, scenario: Scenario, hl: Highlight | None,
                 legend: list[tuple[str, str, Box, float]]) -> None:
    ax.text(MARGIN, MARGIN, f"{scenario.title}  [{scenario.id}]", fontsize=11,
            fontweight="bold", va="top", parse_math=False)
    ax.text(MARGIN, MARGIN + 17, _subtitle(scenario, hl), fontsize=BODY + 1, va="top",
            parse_math=False)
    row, x = MARGIN + 40 + max(b.height for _, _, b, _ in legend) / 2, MARGIN
    for key, meaning, box, text_width in legend:
        sample = box.moved(x, row)
        if key in KINDS:
            _draw_node(ax, key, sample, NodeText(key, "", 0, 0, 0))
        else:
            best = key == "best"
            ax.plot([sample.left, sample.right], [row, row], color=BEST if best else HARM,
                    linewidth=2.8 if best else 0.9, linestyle="-" if best else (0, (4, 2)))
        ax.text(sample.right + 5, row, meaning, fontsize=BODY, va="center", parse_math=False)
        x = sample.right + 5 + text_width + 16
