"""Workshop parts on their own: the vote desk, presenters, keys, projector sizes, skip-back."""

from __future__ import annotations

from dataclasses import asdict

import pygame
import pytest

from game.app.rewind import (
    SkipBackError,
    last_decision,
    skip_back,
    with_inherited_votes,
)
from game.core.commands import Intervene, Skip
from game.core.model import Decision
from game.core.state import SessionConfig
from game.core.view import view
from game.replay.branch import rewind_to
from game.replay.reader import read_log
from game.replay.session import RecordedSession
from game.replay.verify import verify_log
from game.replay.workshop import new_vote
from game.scoring.attitude import Attitude
from game.scoring.params import ModelParams
from game.ui.shell.input import Act, key_event
from game.ui.workshop.keys import WORKSHOP_KEYS, shifted_number
from game.ui.workshop.presenters import attitude_text, vote_vm, weight_choices, weights_text
from game.ui.workshop.view import projector
from game.ui.workshop.vote import VoteDesk


@pytest.fixture
def angle(lumbar) -> Decision:
    node = lumbar.node("angle_decision")
    assert isinstance(node, Decision)
    return node


def test_desk_counts_reveals_then_picks(lumbar, angle):
    desk = VoteDesk(lumbar, angle)
    desk.number(3)
    desk.number(3)
    desk.number(1)
    desk.add(desk.option(3), -1)
    desk.focus.focus("probe")
    desk.step(1)
    desk.step(1)
    desk.step(-1)
    assert desk.vote.counts == {"cue": 1, "watch": 1, "probe": 1}
    assert desk.activate("follow") is None and desk.revealed   # Enter reveals first
    assert desk.follow == "watch"                              # tie: the lower rung
    desk.number(3)                                             # now a pick, not a vote
    assert desk.vote.total == 3 and desk.follow == "cue"
    assert desk.activate("cue") == "cue"
    assert desk.record("cue", 42) == {"decision": "angle_decision", "followed": "cue",
                                      "vote_tick": 42, "counts": {
                                          "watch": 1, "probe": 1, "cue": 1, "guide": 0,
                                          "takeover": 0}}


def test_hot_seat_hides_votes_and_never_says_which(lumbar, angle):
    desk = VoteDesk(lumbar, angle)
    desk.toggle_hot_seat()
    desk.number(5)
    assert "Vote 1 recorded" in desk.flash and "Take over" not in desk.flash
    assert desk.focus.current == "hot_seat"  # the focus ring does not show the vote either
    assert {r.count_text for r in desk.vm.rows} == {"hidden until R"}
    assert not any(r.majority for r in desk.vm.rows)
    desk.toggle_reveal()
    assert desk.vm.rows[4].count_text == "1 vote · 100%" and desk.vm.rows[4].majority


def test_counts_are_frozen_once_revealed_and_hiding_drops_the_pick(lumbar, angle):
    desk = VoteDesk(lumbar, angle)
    desk.number(2)
    desk.toggle_reveal()
    desk.add("probe", 1)
    desk.number(4)
    assert desk.vote.total == 1 and desk.follow == "guide"
    desk.toggle_reveal()
    assert desk.picked is None and desk.follow is None


def test_vote_view_model_percentages_and_labels(lumbar):
    vote = new_vote(lumbar.node("angle_decision"))
    vote.add("watch", 1)
    vote.add("probe", 3)
    vm = vote_vm(lumbar, vote, hot_seat=False, revealed=True, picked=None)
    assert vm.rows[1].count_text == "3 votes · 75%" and vm.rows[1].majority
    assert vm.rows[0].label.startswith("Watch: ") and vm.action == "Follow 2 Probe"
    assert "majority chose Probe" in vm.status
    vm = vote_vm(lumbar, vote, hot_seat=False, revealed=True, picked="takeover")
    assert vm.action == "Explore 5 Take over" and "not the majority" in vm.status
    assert vote_vm(lumbar, vote, False, False, None).rows[1].count_text == "3 votes"


def test_weights_and_attitude_in_words():
    assert weight_choices() == (0.5, 1.0, 2.0, 4.0) and 3.0 in weight_choices(3.0)
    assert weights_text((2.0,)) == "The majority's choice is optimal at risk weights 2."
    assert "none" in weights_text(())
    assert "6.03 to 11" in weights_text((6.034176, 8.1, 10.985605))
    assert "risk weights 0.5 to 4" in attitude_text(Attitude(0.5, 4.0, True))
    assert "up to 3" in attitude_text(Attitude(0.05, 3.0, True, unbounded_low=True))
    assert "pull apart" in attitude_text(Attitude(None, None, False, ("a", "b")))
    one = attitude_text(Attitude(None, None, False, ("third_pass",)), numbers={"third_pass": 3})
    assert "at decision 3 the majority's choice is optimal at no risk weight" in one
    assert "cannot be read" in attitude_text(None)


def test_facilitator_keys():
    """The workshop's layer of the one key table; the rest falls through to the player's."""
    keys = WORKSHOP_KEYS.map
    assert keys(shifted_number(3)).act is Act.UNVOTE
    assert keys(shifted_number(3)).number == 3
    plain = keys(key_event(pygame.K_3))  # plain numbers: the player's table
    assert plain.act is Act.CHOOSE and plain.number == 3
    assert keys(key_event(pygame.K_f)).act is Act.FREEZE
    assert keys(key_event(pygame.K_BACKSPACE)).act is Act.SKIP_BACK
    assert keys(key_event(pygame.K_f, pygame.KMOD_LCTRL)) is None  # chords are not facilitator keys
    assert keys(key_event(pygame.K_s)).act is Act.SKIP


def test_projector_text_is_larger_and_high_contrast(make_ctx):
    ctx = make_ctx((1280, 720))
    big = projector(ctx)
    assert big.metrics.body > ctx.metrics.body and big.metrics.body >= 24
    assert big.palette.background == (0, 0, 0) and big.palette.text == (255, 255, 255)
    ctx.resize((1024, 600))
    assert big.size == (1024, 600) and big.metrics.body < 25  # follows the real context
    assert big.recorder is ctx.recorder


def _workshop_session(scenario, path, seed=5) -> RecordedSession:
    config = SessionConfig(scenario.id, seed, "confident_junior", mode="workshop")
    return RecordedSession(scenario, config, ModelParams(risk_weight=4.0), path)


def _decide(session: RecordedSession, scenario, option_at: int = 0) -> None:
    """Run (skipping narration once) to the next decision, vote and choose."""
    skipped = False
    while view(scenario, session.state).node_kind != "decision":
        if not skipped:
            session.issue(Skip())
            skipped = True
        else:
            session.advance(1)
    v = view(scenario, session.state)
    vote = new_vote(scenario.node(v.node_id))
    vote.add(v.options[option_at].id, 2)
    session.record_vote(vote.as_record(v.options[option_at].id, session.state.tick))
    session.issue(Intervene(v.node_id, v.options[option_at].id))
    while session.state.pending is not None:  # the rung takes a moment to act
        session.advance(1)


def test_going_back_mid_vignette_reproduces_the_last_window(lumbar, tmp_path):
    session = _workshop_session(lumbar, tmp_path / "a.jsonl")
    _decide(session, lumbar)
    _decide(session, lumbar)
    session.advance(5)
    assert not session.finished
    index = last_decision(session.state.history)
    target = [s for s in session.state.history if s.kind == "decision"][index]
    session.close()
    taken = [asdict(s) for s in session.state.history if s.kind == "decision"]
    new = rewind_to(read_log(tmp_path / "a.jsonl"), lumbar, index, tmp_path / "b.jsonl",
                    started_at="2026-01-01T00:00:00+00:00", decisions=taken)
    assert new.state.node_id == target.node and new.state.tick == new.state.node_tick
    assert new.state.tick <= target.tick
    assert len([s for s in new.state.history if s.kind == "decision"]) == 1
    header = read_log(tmp_path / "b.jsonl").header
    assert header["mode"] == "workshop" and header["risk_weight"] == 4.0
    assert header["parent"]["log"] == "a.jsonl" and header["parent"]["index"] == 1
    _decide(new, lumbar, option_at=1)
    while not new.finished:
        new.advance(10)
    assert verify_log(str(tmp_path / "b.jsonl"), lambda _: lumbar).ok
    summarised = with_inherited_votes(read_log(tmp_path / "b.jsonl"), lumbar)
    votes = [r for r in summarised.lines if r.get("type") == "vote"]
    assert [v["decision"] for v in votes] == ["angle_decision", target.node]
    assert votes[1]["followed"] != target.choice or votes[1]["counts"] != votes[0]["counts"]


def test_skip_back_needs_a_decision(lumbar, tmp_path):
    session = _workshop_session(lumbar, tmp_path / "a.jsonl")
    with pytest.raises(SkipBackError):
        skip_back(session, tmp_path / "b.jsonl")
    _decide(session, lumbar)
    new = skip_back(session, tmp_path / "b.jsonl")
    assert session.writer.closed and new.state.node_id == "angle_decision"
    assert read_log(tmp_path / "b.jsonl").header["parent"]["opened_at"] == new.state.tick


def test_an_empty_vote_is_not_revealed(lumbar, angle):
    """An Enter meant for the narration must not reveal a vote nobody has cast yet."""
    desk = VoteDesk(lumbar, angle)
    assert desk.activate(None) is None and not desk.revealed and "No votes yet" in desk.flash
    desk.number(2)
    desk.activate(None)
    assert desk.revealed
