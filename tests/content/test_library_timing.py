"""Honest playing times (issue 12): a vignette's `minutes` is what it takes to play at normal
pace, within 25%, so the picker and the workshop planner do not promise 4-5 minutes for a
case that runs one.

What "to play" means here (a teaching-design assumption, stated once): reading the briefing
(title, summary, patient and trainee) takes BRIEFING_S; every beat on the path plays for its
duration; every decision point is given its whole window (at normal pace a supervisor
deliberates, and doing nothing takes the whole window); reading the ending and the result
takes ENDING_S. Paths are weighted by the chance nodes' probabilities at a middling
competence (0.5) and by a supervisor choosing among the options on offer at random, so the
estimate is a typical session, neither the shortest (take over at once) nor the longest.
"""

from __future__ import annotations

from functools import cache

import pytest

from game.content.catalogue import load_catalogue
from game.core.model import TICKS_PER_SECOND, Beat, Chance, Decision, End, Scenario
from game.paths import scenarios_dir

BRIEFING_S = 30.0
ENDING_S = 20.0
COMPETENCE = 0.5
TOLERANCE = 0.25

SCENARIOS = load_catalogue(scenarios_dir()).scenarios


def playing_seconds(scenario: Scenario) -> float:
    """Expected seconds from the briefing to the end of the result screen."""

    @cache
    def expected(node_id: str, flags: frozenset[str]) -> float:
        node = scenario.node(node_id)
        if isinstance(node, End):
            return ENDING_S
        if isinstance(node, Beat):
            here = node.duration_ticks / TICKS_PER_SECOND
            return here + expected(node.next_for(flags), flags | frozenset(node.effects.sets))
        if isinstance(node, Decision):
            offered = node.offered(flags) or node.options
            window = node.window_ticks / TICKS_PER_SECOND
            return window + sum(expected(o.next, flags | frozenset(o.effects.sets))
                                for o in offered) / len(offered)
        assert isinstance(node, Chance), node_id
        return sum(o.probability(COMPETENCE, flags)
                   * expected(o.next, flags | frozenset(o.effects.sets))
                   for o in node.outcomes)

    return BRIEFING_S + expected(scenario.start, frozenset())


@pytest.mark.parametrize("scenario", SCENARIOS, ids=[s.id for s in SCENARIOS])
def test_minutes_match_the_playing_time_within_a_quarter(scenario):
    actual = playing_seconds(scenario)
    stated = scenario.minutes * 60
    assert abs(stated - actual) <= TOLERANCE * actual, (
        f"{scenario.id}: minutes: {scenario.minutes:g} but a typical session takes "
        f"{actual / 60:.1f} min")


def test_the_estimate_counts_every_part_of_a_session():
    """A two-beat, one-decision path: briefing + beats + window + ending, nothing else."""
    lp = next(s for s in SCENARIOS if s.id == "lumbar_puncture")
    assert playing_seconds(lp) > BRIEFING_S + ENDING_S + 12  # at least the first window
