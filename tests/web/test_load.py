"""60 phones vote and change their votes at once while the projector draws: nothing lost,
nothing counted twice, a dropped phone keeps its one vote, the count reaches the projector
fast. `make bench` runs the same with more phones and prints the ratios."""

from __future__ import annotations

import pytest

from tests.web.load import SceneProjector, pct, run_load

pytestmark = pytest.mark.load


def test_sixty_phones_voting_and_changing_their_votes_at_once():
    result = run_load(SceneProjector, phones=60, changes=3, drop_every=5, seed=7)
    assert result.refused == 0 and result.votes_ok == 60 * 3
    assert result.lost == 0, "a phone's last vote is not the room's record of it"
    assert result.doubled == 0, "more ballots than phones, or counts not adding up"
    assert result.rejoin_changed_token == 0, "a phone that rejoined got a second seat"
    assert result.shown_at_end == 60, "the projector's count"
    assert result.reveal_missed == 0, "every phone hears about the reveal"
    assert pct(result.latencies_ms, 0.99) < 200, "vote -> projector count, p99"
