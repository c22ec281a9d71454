"""Second validation pass: the scenario as a graph, and the rules the schema cannot express.

Reports dangling targets, unreachable nodes, cycles, graphs too big or too deep, decision
points without a safe option, probabilities that do not sum to 1, unknown harm grades,
missing sources and options that the supervision distance makes impossible; `checks_v2.py`
adds the rules for what version 2 added (window timing, flags, never-events, debriefs,
procedure keys). Every problem is collected; none stops the pass.
"""

from __future__ import annotations

from game.content import checks_v2 as v2
from game.content import schema as s
from game.content.graph import Collector, check_size, edges, walk
from game.content.problems import Problem
from game.content.yamlmarks import Marks
from game.scoring.harm import UnknownGrade, parse_grade

TOLERANCE = 1e-6


def check_graph(doc: s.ScenarioIn, marks: Marks, shown: str) -> list[Problem]:
    """Every error and warning in `doc`; errors make the file unplayable."""
    out = Collector(marks, shown)
    if doc.start not in doc.nodes:
        out.add(("start",), f"start node {doc.start!r} does not exist")
    for node_id, node in doc.nodes.items():
        here = ("nodes", node_id)
        for edge in edges(node, here):
            if edge.target not in doc.nodes:
                out.add(edge.path, f"{node_id}: 'next' points to missing node {edge.target!r}")
        _check_node(doc, node_id, node, here, out)
    found = walk(doc, out)
    if not any(isinstance(n, s.EndIn) for n in doc.nodes.values()):
        out.add(("nodes",), "the vignette has no end node")
    check_size(doc, found, out)
    _check_trainees(doc, out)
    v2.check_v2(doc, found, out)
    return out.problems


def _effect_parts(node, here: tuple) -> list[tuple[tuple, s.EffectsIn]]:
    if isinstance(node, s.DecisionIn):
        return [(here + ("options", i), o) for i, o in enumerate(node.options)]
    if isinstance(node, s.ChanceIn):
        return [(here + ("outcomes", i), o) for i, o in enumerate(node.outcomes)]
    return [(here, node)]


def _check_node(doc: s.ScenarioIn, node_id: str, node, here: tuple, out: Collector) -> None:
    for i, src in enumerate(node.sources):
        if src not in doc.sources:
            out.add(here + ("sources", i), f"{node_id}: unknown source {src!r}")
    cited = bool(node.sources) or bool(node.assumption.strip())
    has_harm = False
    for path, part in _effect_parts(node, here):
        for j, grade in enumerate(part.grades):
            has_harm = True
            try:
                parse_grade(grade)
            except UnknownGrade as exc:
                out.add(path + ("harm", j), f"{node_id}: {exc}")
        for j, name in enumerate(part.attempts):
            if name not in doc.attempt_limits:
                out.add(path + ("attempts", j),
                        f"{node_id}: attempt counter {name!r} has no entry in attempt_limits")
    if isinstance(node, s.ChanceIn):
        _check_chance(node_id, node, here, out)
        if not cited:
            out.add(here, f"{node_id}: a chance node needs 'sources' or an 'assumption' "
                          "(a teaching assumption) for its probabilities")
    elif has_harm and not cited:
        out.add(here, f"{node_id}: harm grades need 'sources' or an 'assumption'")
    if isinstance(node, s.DecisionIn):
        _check_decision(doc, node_id, node, here, out)


def _check_chance(node_id: str, node: s.ChanceIn, here: tuple, out: Collector) -> None:
    ids = [o.id for o in node.outcomes]
    for i, oid in enumerate(ids):
        if oid in ids[:i]:
            out.add(here + ("outcomes", i, "id"), f"{node_id}: duplicate outcome id {oid!r}")


def _check_decision(doc, node_id: str, node: s.DecisionIn, here: tuple, out) -> None:
    ids = [o.id for o in node.options]
    for i, oid in enumerate(ids):
        if oid in ids[:i]:
            out.add(here + ("options", i, "id"), f"{node_id}: duplicate option id {oid!r}")
    if node.default not in ids:
        out.add(here + ("default",) if ("nodes", node_id, "default") in out.marks else here,
                f"{node_id}: default option {node.default!r} is not one of its options")


def _check_trainees(doc: s.ScenarioIn, out: Collector) -> None:
    ids = [t.id for t in doc.trainees]
    for i, t in enumerate(doc.trainees):
        if t.id in ids[:i]:
            out.add(("trainees", i, "id"), f"duplicate trainee profile id {t.id!r}")
        if isinstance(t.competence, list):
            total = sum(c.p for c in t.competence)
            if abs(total - 1.0) > TOLERANCE:
                out.add(("trainees", i, "competence"),
                        f"trainee {t.id!r}: competence prior sums to {total:g}, not 1")
