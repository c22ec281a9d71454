"""`safetynet graph`: layout properties, the texts on the graph, and the command end to end."""

from __future__ import annotations

import itertools

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from game.cli import main
from game.content.loader import load_scenario
from game.reports.graph import build_layout
from game.reports.graph_text import edge_views, highlight_for, probability_text, shorten
from game.reports.layout import Box, EdgeIn, crossings, layout, longest_path_layers
from game.scoring.params import ModelParams
from tests.inline import TINY_YAML

PNG_MAGIC = b"\x89PNG\r\n\x1a\n"


def _overlap(a: Box, b: Box) -> bool:
    return (a.left < b.right - 1e-6 and b.left < a.right - 1e-6
            and a.top < b.bottom - 1e-6 and b.top < a.bottom - 1e-6)


def assert_layout_ok(placed, edges) -> None:
    for edge, route in zip(edges, placed.routes):
        assert placed.layers[edge.source] < placed.layers[edge.target]
        xs = [x for x, _ in route]
        assert all(b >= a for a, b in itertools.pairwise(xs)) and xs[-1] > xs[0]
        assert xs[0] == pytest.approx(placed.nodes[edge.source].right)
        assert xs[-1] == pytest.approx(placed.nodes[edge.target].left)
    layers: dict[int, list[Box]] = {}
    for node, box in placed.nodes.items():
        layers.setdefault(placed.layers[node], []).append(box)
    labels = [b for b in placed.labels if b.width > 0]
    for boxes in [*layers.values(), labels]:
        for a, b in itertools.combinations(boxes, 2):
            assert not _overlap(a, b), (a, b)
    for label in labels:
        assert not any(_overlap(label, node) for node in placed.nodes.values())


@pytest.fixture
def lp(shipped_dir):
    return load_scenario(shipped_dir / "lumbar_puncture.yaml")


def test_layers_are_longest_paths_from_start():
    layers = longest_path_layers("a", ["a", "b", "c", "d"],
                                 [("a", "b"), ("b", "c"), ("a", "c"), ("c", "d"), ("a", "d")])
    assert layers == {"a": 0, "b": 1, "c": 2, "d": 3}
    with pytest.raises(ValueError, match="cycle"):
        longest_path_layers("a", ["a", "b"], [("a", "b"), ("b", "a")])


@pytest.mark.parametrize("which", ["tiny", "lp"])
def test_shipped_and_inline_layouts_go_left_to_right_without_overlap(which, tiny, lp):
    scenario = {"tiny": tiny, "lp": lp}[which]
    placed, texts, edges = build_layout(scenario)
    assert set(placed.nodes) == set(scenario.nodes) == set(texts)
    assert placed.layers[scenario.start] == 0
    assert_layout_ok(placed, edges)


@settings(max_examples=60, deadline=None)
@given(st.data())
def test_random_dags_lay_out_left_to_right_without_overlap(data):
    n = data.draw(st.integers(2, 12))
    edges = []
    for j in range(1, n):  # every node has a parent, so all are reachable from n0
        for i in sorted(data.draw(st.sets(st.integers(0, j - 1), min_size=1, max_size=3))):
            size = data.draw(st.sampled_from([(0.0, 0.0), (40.0, 12.0), (90.0, 40.0)]))
            edges.append(EdgeIn(f"n{i}", f"n{j}", size))
    sizes = {f"n{k}": data.draw(st.sampled_from([(60.0, 30.0), (120.0, 55.0)]))
             for k in range(n)}
    placed = layout("n0", sizes, edges)
    assert_layout_ok(placed, edges)
    assert placed.width > 0 and placed.height > 0


def test_barycentre_sweeps_untangle_a_crossed_graph():
    # In declared (depth-first) order n3 sits below n2 but n1 -> n3 comes from above:
    # one crossing, which the sweeps remove.
    pairs = [("n0", "n1"), ("n0", "n2"), ("n0", "n3"), ("n1", "n3"), ("n2", "n4"),
             ("n3", "n4")]
    sizes = dict.fromkeys([f"n{k}" for k in range(5)], (30.0, 20.0))
    assert layout("n0", sizes, [EdgeIn(a, b) for a, b in pairs]).crossings == 0
    assert crossings([["a", "b"], ["c", "d"]], {"a": ["d"], "b": ["c"], "c": [], "d": []}) == 1


def test_edge_texts_show_levels_probabilities_and_harm(tiny):
    texts = {(e.source, e.target): e for e in edge_views(tiny)}
    assert texts[("d1", "c_probe")].text.startswith("probe: Ask")
    assert "p=0.70→0.30" in texts[("c1", "d2")].text and texts[("c1", "d2")].harm
    assert "harm: minor-3" in texts[("c2", "end_bad")].text
    assert not texts[("intro", "d1")].text
    assert probability_text(0.3, 0.3) == "p=0.30"
    assert probability_text(0.9, 0.6) == "p=0.90→0.60"
    long = shorten("x" * 80)
    assert long.endswith("…") and len(long) <= 45


def test_highlight_marks_the_solvers_optimal_option(tiny):
    hl = highlight_for(tiny, "junior", ModelParams(risk_weight=2.0))
    views = {(e.source, e.target): e for e in edge_views(tiny, hl)}
    for node, analysis in hl.analyses.items():
        target = tiny.node(node).option(analysis.best).next
        assert views[(node, target)].optimal and "OPTIMAL" in views[(node, target)].text
    assert sum(e.optimal for e in views.values()) == len(hl.analyses)


def test_cli_writes_png_for_lumbar_puncture(tmp_path, capsys):
    out = tmp_path / "lp.png"
    assert main(["graph", "lumbar_puncture", "--out", str(out)]) == 0
    data = out.read_bytes()
    assert data.startswith(PNG_MAGIC) and len(data) > 10_000
    assert str(out) in capsys.readouterr().out


def test_cli_writes_png_svg_pdf_for_inline_tiny(tmp_path):
    (tmp_path / "tiny.yaml").write_text(TINY_YAML)
    for name, magic in (("g.png", PNG_MAGIC), ("g.svg", b"<?xml"), ("g.pdf", b"%PDF")):
        out = tmp_path / name
        assert main(["graph", "tiny", "--dir", str(tmp_path), "--out", str(out),
                     "--profile", "senior", "--risk-weight", "4"]) == 0
        assert out.read_bytes().startswith(magic)


@pytest.mark.parametrize("args, message", [
    (["--out", "{tmp}/missing/g.png"], "folder"),
    (["--out", "{folder}"], "cannot write"),
    (["--out", "{tmp}/g.jpg"], ".png, .svg or .pdf"),
    (["--out", "{tmp}/g.png", "--profile", "nobody"], "no trainee profile"),
    (["--out", "{tmp}/g.png", "--risk-weight", "-1"], "--risk-weight"),
])
def test_cli_reports_bad_out_and_options_in_one_line(tmp_path, capsys, args, message):
    (tmp_path / "x.png").mkdir()  # a folder where a file should go
    args = [a.replace("{folder}", str(tmp_path / "x.png")).replace("{tmp}", str(tmp_path))
            for a in args]
    assert main(["graph", "lumbar_puncture", *args]) == 1
    err = capsys.readouterr().err
    assert message in err and len(err.strip().splitlines()) == 1
    assert "Traceback" not in err
