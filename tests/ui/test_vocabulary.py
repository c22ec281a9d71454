"""Every UI vocabulary table covers every member of its domain vocabulary, exactly."""

from __future__ import annotations

import pytest

from game.core.model import LADDER, Level
from game.ui.kit.vocabulary import LEVEL_NAMES, TABLES, TONE_ICONS
from game.ui.play.presenters import level_name


@pytest.mark.parametrize("name", sorted(TABLES))
def test_every_table_covers_every_member(name):
    table, members = TABLES[name]
    assert set(table) == set(members), f"{name}: missing {set(members) - set(table)}, " \
                                       f"extra {set(table) - set(members)}"
    assert all(value for value in table.values()), f"{name} has an empty entry"


def test_tones_of_every_table_are_known_tones():
    for name in ("LEVEL_TONES", "RATINGS"):
        table, _ = TABLES[name]
        tones = {v if isinstance(v, str) else v[0] for v in table.values()}
        assert tones <= set(TONE_ICONS), name


def test_the_ladder_reads_in_order():
    assert [level_name(level.value) for level in LADDER] == list(LEVEL_NAMES.values())
    assert level_name(Level.TAKEOVER.value) == "Take over"
