"""What the vignette graph says: node and edge texts, without any drawing.

Kept apart from the drawing (graph.py) so the words an author sees on the graph can be
tested, and reused by other reports, without matplotlib. Labels are cut at MAX_CHARS with an
ellipsis and wrapped at WRAP characters: the graph is a map, the YAML holds the words.
"""

from __future__ import annotations

import textwrap
from collections.abc import Mapping
from dataclasses import dataclass

from game.core.model import TICKS_PER_SECOND, Beat, Chance, Decision, End, Node, Option, Scenario
from game.scoring.params import ModelParams
from game.scoring.solver import DecisionAnalysis, solve

MAX_CHARS = 45
"""Longer text is cut with an ellipsis: the graph is a map, the YAML holds the words."""
WRAP = 24


@dataclass(frozen=True)
class EdgeView:
    source: str
    target: str
    text: str
    harm: bool = False
    optimal: bool = False


@dataclass(frozen=True)
class Highlight:
    """The solver's analysis of each decision point in its most frequent situation."""

    profile: str
    weight: float
    analyses: Mapping[str, DecisionAnalysis]


def highlight_for(scenario: Scenario, profile: str, params: ModelParams) -> Highlight:
    return Highlight(profile, params.risk_weight,
                     solve(scenario, profile, params).representative())


def shorten(text: str, limit: int = MAX_CHARS) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[:limit - 1].rstrip(" .,;:") + "…"


def wrap(text: str) -> str:
    return "\n".join(textwrap.wrap(text, WRAP, break_on_hyphens=False)) if text else ""


def _fmt(p: float) -> str:
    return f"{p:.2f}" if abs(p * 100 - round(p * 100)) < 1e-9 else f"{p:.3g}"


def probability_text(p_low: float, p_high: float) -> str:
    """'p=0.30' when fixed, 'p=0.90→0.60' (competence 0 → 1) when it depends on competence."""
    return f"p={_fmt(p_low)}" if p_low == p_high else f"p={_fmt(p_low)}→{_fmt(p_high)}"


def _harm_line(harm: tuple[str, ...]) -> list[str]:
    return [wrap("harm: " + ", ".join(harm))] if harm else []


def node_lines(node: Node) -> tuple[str, str]:
    """Header (the node id, bold) and a short body for a node's box."""
    if isinstance(node, Decision):
        window = node.window_ticks / TICKS_PER_SECOND
        body = [wrap(shorten(node.cue)), f"window {window:g} s · L0 {node.learning_value:g}"]
    elif isinstance(node, End):
        body = [wrap(shorten(node.title)), *_harm_line(node.effects.harm)]
        if node.feedback != "structured":
            body.append(f"feedback: {node.feedback}")
    else:
        body = [wrap(shorten(node.text))] if node.text else []
    return node.id, "\n".join(b for b in body if b)


def edge_views(scenario: Scenario, highlight: Highlight | None = None) -> list[EdgeView]:
    """One view per (source, target); parallel options are merged into one labelled edge."""
    merged: dict[tuple[str, str], EdgeView] = {}
    for view in _raw_edges(scenario, highlight):
        key = (view.source, view.target)
        held = merged.get(key)
        merged[key] = view if held is None else EdgeView(
            *key, "\n\n".join(t for t in (held.text, view.text) if t),
            held.harm or view.harm, held.optimal or view.optimal)
    return list(merged.values())


def _raw_edges(scenario: Scenario, hl: Highlight | None) -> list[EdgeView]:
    out = []
    for node in scenario.nodes.values():
        if isinstance(node, Beat):
            out.append(EdgeView(node.id, node.next, "\n".join(_harm_line(node.effects.harm)),
                                bool(node.effects.harm)))
        elif isinstance(node, Chance):
            out += [EdgeView(node.id, o.next, "\n".join(
                [wrap(o.id), probability_text(o.p_low, o.p_high), *_harm_line(o.effects.harm)]),
                bool(o.effects.harm)) for o in node.outcomes]
        elif isinstance(node, Decision):
            out += [_option_edge(node, o, hl) for o in node.options]
    return out


def _option_edge(node: Decision, option: Option, hl: Highlight | None) -> EdgeView:
    level = option.rung
    head = level if option.id == level else f"{option.id} ({level})"
    lines = [wrap(f"{head}: {shorten(option.label)}"), *_harm_line(option.effects.harm)]
    analysis = hl.analyses.get(node.id) if hl is not None else None
    best = analysis is not None and analysis.best == option.id
    if analysis is not None:
        a = analysis.option(option.id)
        lines.append(f"{'OPTIMAL · ' if best else ''}Q {a.q:.2f} · {a.rating}")
    return EdgeView(node.id, option.next, "\n".join(lines), bool(option.effects.harm), best)
