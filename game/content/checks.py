"""Second validation pass: the scenario as a graph, and the rules the schema cannot express.

Reports dangling targets, unreachable nodes, cycles, decision points without a safe option,
probabilities that do not sum to 1, unknown harm grades, missing sources and options that
the supervision distance makes impossible. Every problem is collected; none stops the pass.
"""

from __future__ import annotations

from game.content import schema as s
from game.content.problems import Problem
from game.content.yamlmarks import Marks, locate
from game.scoring.harm import UnknownGrade, parse_grade

SAFE_LEVELS = ("cue", "guide", "takeover")
"""An intervention at one of these levels stops the imminent mistake."""
HANDS_ON_LEVELS = ("guide", "takeover")
TOLERANCE = 1e-6


class _Collector:
    def __init__(self, marks: Marks, shown: str):
        self.marks, self.shown, self.problems = marks, shown, []

    def add(self, path: tuple, message: str) -> None:
        line, col = locate(self.marks, path)
        self.problems.append(Problem(self.shown, line, col, message))


def check_graph(doc: s.ScenarioIn, marks: Marks, shown: str) -> list[Problem]:
    out = _Collector(marks, shown)
    if doc.start not in doc.nodes:
        out.add(("start",), f"start node {doc.start!r} does not exist")
    for node_id, node in doc.nodes.items():
        here = ("nodes", node_id)
        for path, target in _targets(node, here):
            if target not in doc.nodes:
                out.add(path, f"{node_id}: 'next' points to missing node {target!r}")
        _check_node(doc, node_id, node, here, out)
    _check_reachability(doc, out)
    _check_trainees(doc, out)
    return out.problems


def _targets(node, here: tuple) -> list[tuple[tuple, str]]:
    if isinstance(node, s.BeatIn):
        return [(here + ("next",), node.next)]
    if isinstance(node, s.DecisionIn):
        return [(here + ("options", i, "next"), o.next) for i, o in enumerate(node.options)]
    if isinstance(node, s.ChanceIn):
        return [(here + ("outcomes", i, "next"), o.next) for i, o in enumerate(node.outcomes)]
    return []


def _effect_parts(node, here: tuple) -> list[tuple[tuple, s.EffectsIn]]:
    if isinstance(node, s.DecisionIn):
        return [(here + ("options", i), o) for i, o in enumerate(node.options)]
    if isinstance(node, s.ChanceIn):
        return [(here + ("outcomes", i), o) for i, o in enumerate(node.outcomes)]
    return [(here, node)]


def _check_node(doc: s.ScenarioIn, node_id: str, node, here: tuple, out: _Collector) -> None:
    for i, src in enumerate(node.sources):
        if src not in doc.sources:
            out.add(here + ("sources", i), f"{node_id}: unknown source {src!r}")
    cited = bool(node.sources) or bool(node.assumption.strip())
    has_harm = False
    for path, part in _effect_parts(node, here):
        for j, grade in enumerate(part.harm):
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


def _check_chance(node_id: str, node: s.ChanceIn, here: tuple, out: _Collector) -> None:
    ids = [o.id for o in node.outcomes]
    for i, oid in enumerate(ids):
        if oid in ids[:i]:
            out.add(here + ("outcomes", i, "id"), f"{node_id}: duplicate outcome id {oid!r}")
    for anchor in ("low", "high"):
        total = sum(o.p if isinstance(o.p, float) else getattr(o.p, anchor)
                    for o in node.outcomes)
        if abs(total - 1.0) > TOLERANCE:
            which = "" if all(isinstance(o.p, float) for o in node.outcomes) else \
                f" at {anchor} competence"
            out.add(here + ("outcomes",),
                    f"{node_id}: outcome probabilities sum to {total:g}{which}, not 1")
            if not which:
                break


def _check_decision(doc, node_id: str, node: s.DecisionIn, here: tuple, out) -> None:
    ids = [o.id for o in node.options]
    for i, oid in enumerate(ids):
        if oid in ids[:i]:
            out.add(here + ("options", i, "id"), f"{node_id}: duplicate option id {oid!r}")
    if node.default not in ids:
        out.add(here + ("default",) if ("nodes", node_id, "default") in out.marks else here,
                f"{node_id}: default option {node.default!r} is not one of its options")
    if not any(o.level in SAFE_LEVELS and not o.harm and not o.provokes_error
               for o in node.options):
        out.add(here + ("options",),
                f"{node_id}: decision point has no safe option (a cue, guidance or take-over "
                "that carries no harm of its own)")
    if doc.supervision == "distant":
        for i, o in enumerate(node.options):
            if o.level in HANDS_ON_LEVELS:
                out.add(here + ("options", i, "level"),
                        f"{node_id}: option {o.id!r} is hands-on ({o.level}) but supervision "
                        "is distant; use a probe or a cue (by phone or at review)")


def _check_reachability(doc: s.ScenarioIn, out: _Collector) -> None:
    if doc.start not in doc.nodes:
        return
    colour: dict[str, int] = {}  # 1 = on the current path, 2 = finished

    def visit(node_id: str, trail: tuple[str, ...]) -> None:
        colour[node_id] = 1
        for _, nxt in _targets(doc.nodes[node_id], ()):
            if nxt not in doc.nodes:
                continue
            if colour.get(nxt) == 1:
                out.add(("nodes", nxt), f"{nxt}: cycle through {' -> '.join(trail + (nxt,))}; "
                                        "vignettes must always move toward an end")
            elif nxt not in colour:
                visit(nxt, trail + (nxt,))
        colour[node_id] = 2

    visit(doc.start, (doc.start,))
    for node_id in doc.nodes:
        if node_id not in colour:
            out.add(("nodes", node_id, "<key>"), f"{node_id}: unreachable from {doc.start!r}")
    if not any(isinstance(n, s.EndIn) for n in doc.nodes.values()):
        out.add(("nodes",), "the vignette has no end node")


def _check_trainees(doc: s.ScenarioIn, out: _Collector) -> None:
    ids = [t.id for t in doc.trainees]
    for i, t in enumerate(doc.trainees):
        if t.id in ids[:i]:
            out.add(("trainees", i, "id"), f"duplicate trainee profile id {t.id!r}")
        if isinstance(t.competence, list):
            total = sum(c.p for c in t.competence)
            if abs(total - 1.0) > TOLERANCE:
                out.add(("trainees", i, "competence"),
                        f"trainee {t.id!r}: competence prior sums to {total:g}, not 1")
