"""60 phones vote and change their votes at once while the projector draws: nothing lost,
nothing counted twice, a dropped phone keeps its one vote, the projector shows every phone.
How fast it gets there is a figure for `make bench` (bench/bench_workshop_load.py prints the
p99 against its target), not an assertion here: a shared CI machine's load moved it past
200 ms in a unit test while nothing was wrong."""

from __future__ import annotations

import pytest

from tests.web.load import SceneProjector, run_load

pytestmark = pytest.mark.load


def test_sixty_phones_voting_and_changing_their_votes_at_once():
    result = run_load(SceneProjector, phones=60, changes=3, drop_every=5, seed=7)
    assert result.refused == 0 and result.votes_ok == 60 * 3
    assert result.lost == 0, "a phone's last vote is not the room's record of it"
    assert result.doubled == 0, "more ballots than phones, or counts not adding up"
    assert result.rejoin_changed_token == 0, "a phone that rejoined got a second seat"
    assert result.shown_at_end == 60, "the projector's count"
    assert result.reveal_missed == 0, "every phone hears about the reveal"
