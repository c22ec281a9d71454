"""Number keys follow the ladder, not the row: 1 watch, 2 probe, 3 cue, 4 guide, 5 take over,
wherever a decision point leaves a rung out (issue 13), in play, the tutorial and the workshop,
and the help and coach texts say so."""

from __future__ import annotations

import dataclasses

import pygame

from game.core.commands import Intervene
from game.core.model import Decision, Scenario, frozen_mapping
from game.i18n import english
from game.ui.play.play import PlayScene
from game.ui.play.presenters import decision_keys, ladder_keys
from game.ui.shell.input import KEY_HELP
from game.ui.tutorial.tutorial_play import mark_text
from game.ui.workshop.presenters import vote_vm
from game.ui.workshop.vote import VoteDesk
from tests.ui.helpers import press, run_until


def without_guide(scenario: Scenario) -> Scenario:
    """The vignette with no decision point offering Guide (a rung left out everywhere)."""
    nodes = dict(scenario.nodes)
    for node in scenario.decisions():
        nodes[node.id] = dataclasses.replace(
            node, options=tuple(o for o in node.options
                                if o.level is None or o.level.value != "guide"))
    return dataclasses.replace(scenario, nodes=frozen_mapping(nodes))


def test_ladder_keys_are_the_rungs_and_fall_back_to_rows_only_without_a_ladder():
    """A second option on a rung takes a key after the ladder, so 5 is still take over."""
    assert ladder_keys(["watch", "probe", "cue", "guide", "takeover"]) == (1, 2, 3, 4, 5)
    assert ladder_keys(["watch", "probe", "cue", "takeover"]) == (1, 2, 3, 5)
    assert ladder_keys(["takeover", "watch"]) == (5, 1)
    assert ladder_keys(["debrief", "debrief", "debrief"]) == (1, 2, 3)   # no rung: by row
    assert ladder_keys(["cue", "cue", "watch"]) == (3, 6, 1)             # one rung twice
    assert ladder_keys(["watch", "watch", "cue", "takeover"]) == (1, 6, 3, 5)  # the trocar


def test_play_without_guide_take_over_is_still_5_and_4_does_nothing(make_ctx, lumbar, home):
    scenario = without_guide(lumbar)
    ctx = make_ctx((1024, 600))
    session = ctx.services.start_session(scenario, scenario.trainees[0].id)
    scene = PlayScene(ctx, scenario, session)
    scene.resize()
    run_until(scene, "decision")
    node = scenario.node(scene.node_id)
    assert isinstance(node, Decision)
    keys = {o.level: o.key for o in scene.vm.options}
    assert keys == {"watch": 1, "probe": 2, "cue": 3, "takeover": 5}
    assert {b.id: b.key for b in scene.buttons} == {
        o.id: str(keys[o.level.value]) for o in node.options}        # each button shows it
    assert press(scene, pygame.K_4) is None                          # Guide's key: unused
    take_over = next(o.id for o in node.options if o.level.value == "takeover")
    assert press(scene, pygame.K_5) == Intervene(node.id, take_over)
    assert press(scene, pygame.K_KP5) == Intervene(node.id, take_over)


def test_workshop_votes_by_rung_and_shows_the_rung_keys(lumbar):
    scenario = without_guide(lumbar)
    node = scenario.decisions()[0]
    desk = VoteDesk(scenario, node)
    desk.number(4)                                    # no Guide here: no vote counted
    assert desk.vote.total == 0
    desk.number(5)
    take_over = next(o.id for o in node.options if o.level.value == "takeover")
    assert desk.vote.counts.get(take_over) == 1
    vm = vote_vm(scenario, desk.vote, False, True, None)
    assert [r.key for r in vm.rows] == [decision_keys(node)[o.id] for o in node.options]
    assert 4 not in [r.key for r in vm.rows] and 5 in [r.key for r in vm.rows]


def test_help_and_tutorial_teach_the_same_keys():
    numbers = dict(KEY_HELP)["Number keys 1 - 5"]
    for words in ("1 watch", "2 probe", "3 cue", "4 guide", "5 take over"):
        assert words in numbers
        assert words in mark_text("options", english)
