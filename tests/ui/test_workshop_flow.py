"""Workshop mode end to end, driven headless by synthetic key presses through a scene stack."""

from __future__ import annotations

import pygame

from game.app.sessions import Launch
from game.core.commands import Intervene
from game.replay.reader import read_log
from game.replay.verify import verify_log
from game.replay.workshop import votes_in
from game.ui.shell.app import workshop_first_scenes
from game.ui.shell.input import click_event
from game.ui.shell.scene import SceneStack
from game.ui.workshop.end import WorkshopEndScene
from game.ui.workshop.play import WorkshopPlayScene
from game.ui.workshop.setup import WorkshopSetupScene
from tests.ui.test_workshop_support import (
    key,
    played_to,
    run_until,
    setup_stack,
    start_workshop,
    unvote,
    vote,
)


def _choose_by_keys(stack: SceneStack, scenario_id: str) -> None:
    setup = stack.top
    assert isinstance(setup, WorkshopSetupScene) and setup.section == "vignette"
    for _ in range([s.id for s in setup.scenarios].index(scenario_id)):
        key(stack, pygame.K_DOWN)
    assert setup.scenario.id == scenario_id
    key(stack, pygame.K_RETURN)     # on to the trainee
    key(stack, pygame.K_2)          # the second profile...
    key(stack, pygame.K_UP)         # ...no, the first after all
    key(stack, pygame.K_RETURN)     # on to the risk weight
    key(stack, pygame.K_RIGHT)      # 2 -> 4
    key(stack, pygame.K_RETURN)     # on to Start
    key(stack, pygame.K_RETURN)     # start


def test_a_whole_workshop_by_keys_records_votes_that_replay(make_ctx, library):
    ctx = make_ctx()
    stack = setup_stack(ctx)
    _choose_by_keys(stack, "lumbar_puncture")
    play = stack.top
    assert isinstance(play, WorkshopPlayScene)
    header = read_log(play.session.log_path).header
    assert header["mode"] == "workshop" and header["risk_weight"] == 4.0
    assert header["profile"] == "confident_junior"
    decisions = 0
    while play.phase != "ended":
        if play.phase == "vote":
            decisions += 1
            desk = play.desk
            if decisions == 1:      # counted by keys; follow the majority
                vote(stack, 2, 3)
                vote(stack, 1, 5)
                unvote(stack, 1)
                assert desk.vote.counts == {"watch": 4, "probe": 3}
                key(stack, pygame.K_r)
                assert desk.vm.revealed and desk.follow == "watch"
                key(stack, pygame.K_RETURN)
            else:                   # hot seat; explore a minority option
                key(stack, pygame.K_h)
                vote(stack, 3, 2)
                vote(stack, 1)
                assert all(r.count_text == "hidden until R" for r in desk.vm.rows)
                key(stack, pygame.K_r)
                assert desk.vote.majority() == desk.options[2]
                key(stack, pygame.K_1)
                assert desk.follow == desk.options[0]
                key(stack, pygame.K_RETURN)
            assert play.desk is None    # followed: the rung acts, then the story is held
            if not play.session.finished:
                run_until(stack, play, "consequence")
        elif play.phase == "consequence":
            assert play.consequence and play.consequence[0].kind == "you"
            key(stack, pygame.K_RETURN)
        else:
            stack.update(100)
    assert decisions >= 2  # lumbar_puncture (v2) on seed 5: two or three decision points
    log_path = play.session.log_path
    log = read_log(log_path)
    votes = votes_in(log)
    assert len(votes) == decisions
    assert votes[0]["counts"]["probe"] == 3 and votes[0]["followed"] == "watch"
    assert votes[1]["followed"] == "watch" and votes[1]["counts"]["watch"] == 1
    lines = [r["type"] for r in log.lines]
    assert lines.index("vote") + 1 == lines.index("command")  # the vote before its command
    result = verify_log(str(log_path), library.get)
    assert result.ok and result.complete, result.reason

    key(stack, pygame.K_RETURN)  # compare with the optimal choices
    end = stack.top
    assert isinstance(end, WorkshopEndScene)
    end.wait()
    vm = end.vm
    assert vm is not None and len(vm.rows) == decisions
    first = vm.rows[0]
    assert "1 Watch 4 (57%)" in first.counts_text and "2 Probe 3 (43%)" in first.counts_text
    assert first.majority.startswith("Watch") and "(the majority)" in first.followed
    assert first.optimal and first.verdict.startswith(("✔", "✖"))
    assert "(explored)" in vm.rows[1].followed
    assert "risk weight" in vm.attitude
    stack.draw(pygame.Surface(ctx.size))
    key(stack, pygame.K_ESCAPE)
    assert stack.top.name == "workshop-setup"


def test_following_records_the_vote_before_the_intervention(make_ctx):
    stack, play = start_workshop(make_ctx())
    run_until(stack, play, "vote")
    vote(stack, 4, 2)
    assert play.handle_event(pygame.event.Event(pygame.KEYDOWN, key=pygame.K_RETURN, mod=0,
                                                unicode="\r", scancode=0)) is None  # reveals
    command = play.handle_event(pygame.event.Event(pygame.KEYDOWN, key=pygame.K_RETURN,
                                                   mod=0, unicode="\r", scancode=0))
    assert command == Intervene(play.desk.vote.decision, "guide")
    tick = play.session.state.tick
    play.apply(command)
    vote_line = votes_in(read_log(play.session.log_path))[0]
    assert vote_line["vote_tick"] == tick and vote_line["counts"]["guide"] == 2


def test_mouse_votes_with_plus_and_minus(make_ctx):
    from game.ui.workshop.play_draw import vote_click_targets
    stack, play = start_workshop(make_ctx())
    run_until(stack, play, "vote")
    targets = vote_click_targets(play)
    option = play.desk.options[1]
    for _ in range(3):
        stack.handle(click_event(targets[f"plus:{option}"].center))
    stack.handle(click_event(targets[f"minus:{option}"].center))
    assert play.desk.vote.counts[option] == 2
    stack.handle(click_event(targets["reveal"].center))
    assert play.desk.revealed
    stack.handle(click_event(targets["follow"].center))
    assert play.desk is None
    run_until(stack, play, "consequence")


def test_time_freezes_at_a_decision_and_on_f(make_ctx):
    stack, play = start_workshop(make_ctx())
    stack.update(300)
    key(stack, pygame.K_f)
    tick = play.session.state.tick
    for _ in range(20):
        stack.update(100)
    assert play.frozen and play.session.state.tick == tick
    key(stack, pygame.K_f)
    stack.update(100)
    assert play.session.state.tick == tick + 1
    run_until(stack, play, "vote")
    opened = play.session.state.tick
    for _ in range(600):  # a minute: far longer than any decision window
        stack.update(100)
    assert play.phase == "vote" and play.session.state.tick == opened
    assert play.session.state.node_tick == opened


def test_skip_back_lands_at_the_last_decisions_window(make_ctx, library):
    stack, play = played_to(make_ctx(), "consequence")
    first_log = play.session.log_path
    decided = [s for s in play.session.state.history if s.kind == "decision"][-1]
    key(stack, pygame.K_RETURN)     # continue the story
    stack.update(500)
    key(stack, pygame.K_BACKSPACE)
    state = play.session.state
    assert play.session.log_path != first_log and play.phase == "vote"
    opened = read_log(play.session.log_path).header["parent"]["opened_at"]
    assert state.node_id == decided.node and state.node_tick == opened <= decided.tick
    assert state.tick == state.node_tick and not any(s.kind == "decision"
                                                     for s in state.history)
    parent = read_log(play.session.log_path).header["parent"]
    assert parent["log"] == first_log.name and parent["decision"] == decided.node
    assert verify_log(str(first_log), library.get).ok  # the parent stays verifiable
    kept = dict(play.desk.vote.counts)                 # Backspace kept the hands counted
    assert kept and play.desk.vm.status.startswith("Kept from before going back")
    while play.phase != "ended":    # the room changes one vote and finishes the story
        if play.phase == "vote":
            vote(stack, 1)
            key(stack, pygame.K_RETURN)
            key(stack, pygame.K_RETURN)
        elif play.phase == "consequence":
            key(stack, pygame.K_RETURN)
        else:
            stack.update(100)
    assert verify_log(str(play.session.log_path), library.get).ok
    key(stack, pygame.K_RETURN)
    end = stack.top
    end.wait()
    first = end.vm.rows[0]  # the room's second vote at that decision: kept, plus one
    assert kept == {"watch": 1, "probe": 3}
    assert "1 Watch 2 (40%) · 2 Probe 3 (60%)" in first.counts_text


def test_skip_back_from_the_end_screen_uses_the_finished_log(make_ctx):
    stack, play = played_to(make_ctx(), "ended")
    last = [s for s in play.session.state.history if s.kind == "decision"][-1]
    key(stack, pygame.K_RETURN)
    end = stack.top
    key(stack, pygame.K_BACKSPACE)
    again = stack.top
    assert isinstance(again, WorkshopPlayScene) and again is not play and end not in stack.scenes
    assert again.phase == "vote" and again.session.state.node_id == last.node
    assert read_log(again.session.log_path).header["parent"]["kind"] == "rewind"
    assert again.message.startswith("⟲ Back at decision")


def test_skip_back_before_any_decision_says_so(make_ctx):
    stack, play = start_workshop(make_ctx())
    log = play.session.log_path
    key(stack, pygame.K_BACKSPACE)
    assert play.session.log_path == log and "nothing to go back to" in play.message


def test_meters_and_scores_stay_hidden_until_revealed(make_ctx):
    stack, play = start_workshop(make_ctx())
    assert not play.meters_shown
    key(stack, pygame.K_m)
    assert play.meters_shown and play.meters.learning_text.startswith("▲ Learning so far")
    key(stack, pygame.K_r)          # R outside a vote shows / hides the meters too
    assert not play.meters_shown
    stack, play = played_to(make_ctx(), "ended")
    assert not play.score_shown
    key(stack, pygame.K_r)
    assert play.score_shown


def test_escape_asks_before_leaving_and_a_note_goes_to_the_sidecar(make_ctx):
    from game.replay.annotations import read_notes
    stack, play = start_workshop(make_ctx())
    key(stack, pygame.K_ESCAPE)
    assert stack.top.name == "confirm"
    key(stack, pygame.K_ESCAPE)
    assert stack.top is play
    key(stack, pygame.K_a)
    entry = stack.top
    entry.insert("What counts as a failure for you?")
    key(stack, pygame.K_RETURN)
    notes, _ = read_notes(play.session.log_path)
    assert stack.top is play and notes[0].text == "What counts as a failure for you?"


def test_play_mode_workshop_starts_at_the_setup(make_ctx, library):
    ctx = make_ctx(seed=9)
    ctx.services.launch = Launch(9, 4.0)
    scenes = workshop_first_scenes(ctx, "medication_dosing", "cautious_senior")
    assert [s.name for s in scenes] == ["title", "workshop-setup"]
    setup = scenes[1]
    assert setup.scenario.id == "medication_dosing" and setup.profile == "cautious_senior"
    assert setup.weight == 4.0 and setup.section == "start"


def test_f1_lists_the_workshop_keys(library):
    from game.ui.shell.app import build_app
    from game.ui.shell.input import key_event
    from game.ui.shell.services import default_services
    from game.ui.workshop.keys import WORKSHOP_KEY_HELP, WORKSHOP_SETUP_KEYS
    services = default_services(5, "workshop")
    services.catalogue = lambda: library
    app = build_app(None, services, lambda ctx: workshop_first_scenes(ctx, None, None))
    app.handle(key_event(pygame.K_F1))
    assert app.stack.top.name == "help" and app.stack.top.keys == WORKSHOP_SETUP_KEYS.help_table
    shown = dict(app.stack.top.keys)
    assert "N" in shown  # the setup screen's nickname switch is listed (it was missing)
    assert set(WORKSHOP_KEY_HELP) < set(app.stack.top.keys)
    assert WORKSHOP_SETUP_KEYS.map(key_event(pygame.K_n)).act.name == "NEW"
    app.handle(key_event(pygame.K_ESCAPE))
    app.handle(key_event(pygame.K_ESCAPE))  # back to the title
    app.handle(key_event(pygame.K_F1))
    assert app.stack.top.keys != WORKSHOP_KEY_HELP


def test_a_workshop_from_the_title_menu_honours_seed_weight_and_pace(library, home):
    """The bug this guards: the title's Workshop item ignored --seed, --risk-weight and the
    pace setting (only `play --mode workshop` honoured them)."""
    from game.ui.shell.app import build_app, first_scenes
    from game.ui.shell.services import default_services
    services = default_services(11, "practice", risk_weight=4.0)
    services.catalogue = lambda: library
    app = build_app(None, services, lambda c: first_scenes(c, None, None))
    app.ctx.settings = app.ctx.settings.with_(pace="slower")
    try:
        title = app.stack.top
        app.stack.push(title.activate("workshop").scene)
        setup = app.stack.top
        assert isinstance(setup, WorkshopSetupScene) and setup.weight == 4.0
        setup.section = "start"
        key(app.stack, pygame.K_RETURN)
        play = app.stack.top
        assert isinstance(play, WorkshopPlayScene)
        header = read_log(play.session.log_path).header
        assert (header["seed"], header["risk_weight"], header["pace"], header["mode"]) == \
            (11, 4.0, "slower", "workshop")
    finally:
        app.stack.close_all()
