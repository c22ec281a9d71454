"""Rules for what schema_version 2 added, and the version rule itself.

A version 1 file is read by the same models (v2 only adds fields), so it must not use a v2
field: that would silently change what an older game makes of it. Procedure keys are checked
against the view's schema in both versions: a typo or a wrong type used to validate and show
a wrong picture ("SpO2 0"), which is exactly what validation is for.
"""

from __future__ import annotations

from game.content import schema as s
from game.content.flow import check_flow
from game.content.graph import Collector, Walk
from game.content.procedure_schema import key_problems

LEVELS = "watch, probe, cue, guide or takeover"


def check_v2(doc: s.ScenarioIn, found: Walk, out: Collector) -> None:
    if doc.schema_version == 1:
        for path, name in v2_fields(doc):
            out.add(path, f"{name!r} needs schema_version: 2 (run `safetynet migrate FILE`)")
    for node_id, node in doc.nodes.items():
        here = ("nodes", node_id)
        if isinstance(node, s.DecisionIn):
            _check_decision(node_id, node, here, doc.sources, out)
        if isinstance(node, s.BeatIn) and isinstance(node.next, list):
            _check_last_unconditional(node_id, node.next, here + ("next",), "route", out)
        if isinstance(node, s.ChanceIn):
            for i, o in enumerate(node.outcomes):
                if isinstance(o.p, list):
                    _check_last_unconditional(node_id, o.p, here + ("outcomes", i, "p"),
                                              "case", out)
        for path, part in parts(node, here):
            _check_procedure(doc, node_id, part, path, out)
    check_flow(doc, found, out)


def parts(node, here: tuple) -> list[tuple[tuple, s.EffectsIn]]:
    """Every place in a node that carries effects, with its file path."""
    if isinstance(node, s.DecisionIn):
        return [(here + ("options", i), o) for i, o in enumerate(node.options)]
    if isinstance(node, s.ChanceIn):
        return [(here + ("outcomes", i), o) for i, o in enumerate(node.outcomes)]
    return [(here, node)]


def v2_fields(doc: s.ScenarioIn) -> list[tuple[tuple, str]]:
    """(path, field name) of every version 2 feature used in `doc`."""
    found: list[tuple[tuple, str]] = []
    for node_id, node in doc.nodes.items():
        here = ("nodes", node_id)
        if isinstance(node, s.DecisionIn):
            if node.timing is not None:
                found.append((here + ("timing",), "timing"))
            if node.purpose != "supervise":
                found.append((here + ("purpose",), "purpose"))
        if isinstance(node, s.BeatIn) and isinstance(node.next, list):
            found.append((here + ("next",), "next: [routes]"))
        for path, part in parts(node, here):
            found += [(path + (name,), name) for name in _v2_effects(part)]
            if isinstance(part, s.OptionIn):
                found += [(path + (n,), n) for n in ("takes", "requires", "unless")
                          if getattr(part, n) not in (None, [])]
            if isinstance(part, s.OutcomeIn) and isinstance(part.p, list):
                found.append((path + ("p",), "p: [cases]"))
    return found


def _v2_effects(part: s.EffectsIn) -> list[str]:
    return [n for n, v in (("never_event", part.never_event),
                           ("supervision", part.supervision)) if v]


def _check_last_unconditional(node_id: str, items: list, path: tuple, what: str,
                              out: Collector) -> None:
    for i, item in enumerate(items):
        last = i == len(items) - 1
        if last and item.when:
            out.add(path + (i, "if"), f"{node_id}: the last {what} must have no 'if' (it "
                                      "applies when no earlier one does)")
        elif not last and not item.when:
            out.add(path + (i,), f"{node_id}: only the last {what} may have no 'if'; this "
                                 f"one hides every {what} after it")


def _check_decision(node_id: str, node: s.DecisionIn, here: tuple, known_sources,
                    out: Collector) -> None:
    debrief = node.purpose == "debrief"
    if not debrief and node.learning_value is None:
        out.add(here + ("<key>",), f"{node_id}: a decision point needs 'learning_value' "
                                   "(0-20)")
    for i, o in enumerate(node.options):
        at = here + ("options", i)
        if debrief and o.level is not None:
            out.add(at + ("level",), f"{node_id}: options of a debrief choice have no "
                                     "'level'; they are not rungs of the ladder")
        if debrief and o.feedback is None:
            out.add(at, f"{node_id}: option {o.id!r} of a debrief choice needs 'feedback' "
                        "(brief or structured)")
        if not debrief and o.level is None:
            out.add(at, f"{node_id}: option {o.id!r} needs a 'level' ({LEVELS})")
        if o.id == node.default and (o.requires or o.unless):
            out.add(at + ("requires" if o.requires else "unless",),
                    f"{node_id}: the default option {o.id!r} must always be offered (no "
                    "'requires' or 'unless'): it is what happens when time runs out")
        if o.takes is not None and o.takes > node.window:
            out.warn(at + ("takes",), f"{node_id}: option {o.id!r} takes {o.takes:g} s, "
                                      f"longer than the {node.window:g} s window")
    if node.timing is not None:
        if debrief:
            out.add(here + ("timing",), f"{node_id}: a debrief choice has no window timing")
        _check_timing(node_id, node, here + ("timing",), known_sources, out)


def _check_timing(node_id: str, node: s.DecisionIn, here: tuple, known_sources,
                  out: Collector) -> None:
    timing = node.timing
    assert timing is not None
    if not (timing.sources or timing.assumption.strip() or node.sources
            or node.assumption.strip()):
        out.add(here, f"{node_id}: window timing needs 'sources' or an 'assumption'")
    for i, src in enumerate(timing.sources):
        if src not in known_sources:
            out.add(here + ("sources", i), f"{node_id}: unknown source {src!r}")
    for name in ("self_correct", "error"):
        points = getattr(timing, name)
        if points[0][1] != 0:
            out.add(here + (name, 0), f"{node_id}: {name} starts at {points[0][1]:g}; the "
                                      "curves count from the window's opening, so the first "
                                      "anchor's p is 0")
        for i, (t, p) in enumerate(points):
            if t > node.window:
                out.add(here + (name, i), f"{node_id}: {name} anchor at {t:g} s lies after "
                                          f"the window ends ({node.window:g} s)")
            if i and t <= points[i - 1][0]:
                out.add(here + (name, i), f"{node_id}: {name} anchors must be in ascending "
                                          f"seconds ({t:g} s comes after "
                                          f"{points[i - 1][0]:g} s)")
            elif i and p < points[i - 1][1]:
                out.add(here + (name, i), f"{node_id}: {name} is cumulative and cannot fall "
                                          f"({p:g} after {points[i - 1][1]:g})")
    moments = sorted({t for t, _ in timing.self_correct} | {t for t, _ in timing.error})
    for t in moments:
        total = _at(timing.self_correct, t) + _at(timing.error, t)
        if total > 1 + 1e-9:
            name, points = next((n, pts) for n, pts in (("error", timing.error),
                                                        ("self_correct", timing.self_correct))
                                if any(a == t for a, _ in pts))
            at = next(i for i, (a, _) in enumerate(points) if a == t)
            out.add(here + (name, at), f"{node_id}: by {t:g} s self-correction and error "
                                       f"add up to {total:g}; at most one of them happens "
                                       "first, so at most 1")
            break


def _at(points: list[tuple[float, float]], t: float) -> float:
    """The piecewise-linear cumulative curve at `t` (as `core.model.Curve.at`)."""
    if t <= points[0][0]:
        return points[0][1]
    for (t0, p0), (t1, p1) in zip(points, points[1:]):
        if t <= t1:
            return p0 + (p1 - p0) * (t - t0) / (t1 - t0) if t1 > t0 else p1
    return points[-1][1]


def _check_procedure(doc: s.ScenarioIn, node_id: str, part: s.EffectsIn, path: tuple,
                     out: Collector) -> None:
    for key, on_key, message in key_problems(doc.procedure_view, part.procedure):
        where = path + ("procedure", key) + (("<key>",) if on_key else ())
        out.add(where, f"{node_id}: procedure {message}")
