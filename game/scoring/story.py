"""Facts about a story's graph that say what the future can still depend on.

The solver uses them to forget what can no longer matter (`graph.Context.settle`), so that
histories that differ only in such things meet in one situation: the feedback every
continuation ends with, the flags some later node can still read, and which attempt counts a
limit still watches. Each is computed children first with an explicit stack, so deep
stories do not overflow.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import TypeVar

from game.core.model import Beat, Chance, Decision, Effects, End, Node, Scenario
from game.scoring.learning import FEEDBACK_RANK

T = TypeVar("T")
_NONE = Effects()


class CycleError(ValueError):
    """The story can return to a situation it has already been in (the model needs a DAG)."""


def children_first(scenario: Scenario, fold: Callable[[Node, dict[str, T]], T]) -> dict[str, T]:
    """Per reachable node, `fold(node, facts so far)` evaluated after all its successors."""
    facts: dict[str, T] = {}
    stack = [(scenario.start, False)]
    open_nodes: set[str] = set()
    while stack:
        node_id, ready = stack.pop()
        if node_id in facts:
            continue
        node = scenario.node(node_id)
        todo = [n for _, n in step_effects(node) if n is not None and n not in facts]
        if todo:
            if ready or node_id in open_nodes:
                raise CycleError(f"the story returns to {node_id!r}")
            open_nodes.add(node_id)
            stack.append((node_id, True))
            stack.extend((n, False) for n in todo)
            continue
        open_nodes.discard(node_id)
        facts[node_id] = fold(node, facts)
    return facts


def final_feedback(scenario: Scenario) -> dict[str, int | None]:
    """Per node: the feedback rank every continuation ends with (None when it depends on
    what happens)."""

    def fold(node: Node, final: dict[str, int | None]) -> int | None:
        steps = step_effects(node)
        changes = any(e.feedback for e, _ in steps)
        ranks = {final.get(n, -1) for _, n in steps if n is not None}
        if isinstance(node, End):
            ranks = {max(FEEDBACK_RANK[node.feedback],
                         FEEDBACK_RANK[node.effects.feedback or "none"])}
            changes = False
        return None if (changes or len(ranks) != 1 or None in ranks
                        or -1 in ranks) else ranks.pop()

    return children_first(scenario, fold)


def flags_read(scenario: Scenario) -> dict[str, frozenset[str]]:
    """Per node: every flag that node or any node after it reads (outcome cases, options'
    requires/unless, a beat's routes). A flag outside this set can no longer change
    anything."""

    def fold(node: Node, read: dict[str, frozenset[str]]) -> frozenset[str]:
        here: set[str] = set()
        if isinstance(node, Chance):
            here.update(f for o in node.outcomes for c in o.cases for f in c.flags)
        elif isinstance(node, Decision):
            here.update(f for o in node.options for f in (*o.requires, *o.unless))
        elif isinstance(node, Beat):
            here.update(f for r in node.routes for f in r.flags)
        for _, n in step_effects(node):
            if n is not None:
                here |= read[n]
        return frozenset(here)

    return children_first(scenario, fold)


def attempts_kept(attempts: tuple[tuple[str, int], ...],
                  limits: Mapping[str, int]) -> tuple[tuple[str, int], ...]:
    """The counts a limit still watches, each at most one past its limit."""
    return tuple((name, min(count, limits[name] + 1)) for name, count in attempts
                 if name in limits)


def step_effects(node: Node) -> list[tuple[Effects, str | None]]:
    """(effects, next node) of every way on from a node."""
    if isinstance(node, Beat):
        return [(node.effects, n) for n in {node.next, *(r.to for r in node.routes)}]
    if isinstance(node, Decision):
        out: list[tuple[Effects, str | None]] = [(o.effects, o.next) for o in node.options]
        if node.timing is not None:
            out += [(_NONE, node.timing.on_self_correct), (_NONE, node.timing.on_error)]
        return out
    if isinstance(node, Chance):
        return [(o.effects, o.next) for o in node.outcomes]
    if isinstance(node, End):
        return [(node.effects, None)]
    raise TypeError(f"node {node.id!r} has no known kind ({node.kind!r})")
