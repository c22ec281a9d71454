"""Issue 13/14: at Extra large the workshop vote showed only some of its rows at a time.

On the projector's sizes (1280x720 and 1920x1080) every option of every decision point of
every vignette now has a row, before and after the reveal: the rows reflow into two columns,
the count moves beside the label, the padding (never the text) gives way, then the status
sentence and the buttons (their keys stay on the footer line), and the stage narrows while
the cue stays whole. At 1024x600 a window of whole rows remains the last resort.
"""

from __future__ import annotations

import pygame
import pytest

from game.core.model import Decision
from game.i18n import Translator
from game.ui.kit.common import text_height
from game.ui.kit.theme import make_theme
from game.ui.shell.context import UiContext
from game.ui.workshop import play_draw, vote_buttons, vote_draw, vote_layout, vote_row
from game.ui.workshop.view import projector
from game.ui.workshop.vote import VoteDesk

MAJORITY, TIE = (1, 1, 2), (1, 1, 3, 3, 2)


@pytest.fixture(scope="module", autouse=True)
def _pygame():
    pygame.display.init()
    pygame.font.init()
    pygame.display.set_mode((1, 1))


def _ctx(size: tuple[int, int], language: str) -> UiContext:
    ctx = projector(UiContext(make_theme("default", "x-large"), None, size, recorder=[]))
    ctx.base.t = Translator(language)
    return ctx


def _desks(library, ctx: UiContext, revealed: bool, votes: tuple[int, ...] = MAJORITY):
    for scenario in library.scenarios:
        for node in scenario.nodes.values():
            if isinstance(node, Decision):
                desk = VoteDesk(scenario, node, ctx.t)
                for number in votes:
                    desk.number(number)
                if revealed:
                    desk.toggle_reveal()
                yield f"{scenario.id}/{node.id}", scenario, desk


def _hidden(library, ctx: UiContext, revealed: bool, votes: tuple[int, ...]
            ) -> dict[str, int]:
    """Per decision point: the options without a row in the vote's layout."""
    missing = {}
    for name, scenario, desk in _desks(library, ctx, revealed, votes):
        lay = play_draw.vote_layout(ctx, scenario.title, desk)
        shown = len(vote_layout.vote_regions(ctx, lay.panel, desk).rows)
        if shown < len(desk.vm.rows):
            missing[name] = len(desk.vm.rows) - shown
    return missing


@pytest.mark.parametrize("size", [(1280, 720), (1920, 1080)], ids=["1280x720", "1920x1080"])
@pytest.mark.parametrize("revealed", [False, True], ids=["counting", "revealed"])
@pytest.mark.parametrize("votes", [MAJORITY, TIE], ids=["majority", "tie"])
@pytest.mark.parametrize("language", ["en", "de"])
def test_every_option_shows_at_extra_large_on_the_projector(library, size, revealed, votes,
                                                            language):
    """German ties ("2 Stimmen · 40% = Gleichstand ▶ folgen") kept two six-option votes in
    a window: once revealed the rows no longer keep room for the -/+ buttons they no longer
    show, so the label and the bar take that width."""
    missing = _hidden(library, _ctx(size, language), revealed, votes)
    assert not missing, missing


@pytest.mark.parametrize("language", ["en", "de"])
def test_the_cue_stays_whole_and_rows_keep_their_text_when_the_vote_widens(library,
                                                                           language):
    """The narrower stage and the compact rows never squeeze a text: the cue fits its box
    and no word of it breaks ("Entscheidungsp-unkt" did), and each row is as tall as its
    label needs at the size the regions chose."""
    ctx = _ctx((1280, 720), language)
    m = ctx.metrics
    bold = ctx.theme.fonts.get(m.small, True)
    for name, scenario, desk in _desks(library, ctx, True):
        lay = play_draw.vote_layout(ctx, scenario.title, desk)
        assert play_draw.vote_shown(ctx, lay, desk) is not None, f"{name}: the cue is cut"
        words = f"{ctx.t('⚠ Decision point · time is frozen')} {desk.vm.cue}".split()
        assert max(bold.size(w)[0] for w in words) <= lay.narration.width - 2 * m.gap, name
        regions = vote_layout.vote_regions(ctx, lay.panel, desk)
        shown = vote_row.rows_shown(ctx, desk, regions.marks_in_label)
        for row, box in zip(shown[regions.first:], regions.rows):
            parts = vote_layout.region_parts(ctx, regions, box)
            need = text_height(ctx, row.label, regions.label_size, parts.label.width,
                               row.picked)
            assert need <= parts.label.height, f"{name}: {row.label!r} squeezed"
            assert parts.key.height >= ctx.line_height(m.body, True), f"{name}: key squeezed"


@pytest.mark.parametrize("revealed", [False, True], ids=["counting", "revealed"])
@pytest.mark.parametrize("votes", [MAJORITY, TIE], ids=["majority", "tie"])
def test_a_small_window_shows_whole_rows_around_the_focus(library, revealed, votes):
    """1024x600 at Extra large in German: where not all fit, the rows shown are whole, at
    least three (a revealed tie showed two of six: the window now takes whichever form of
    the rows shows most), and the line under them says how many more there are (Tab brings
    them into view); the labels keep the size the projector's plans chose."""
    ctx = _ctx((1024, 600), "de")
    for name, scenario, desk in _desks(library, ctx, revealed, votes):
        lay = play_draw.vote_layout(ctx, scenario.title, desk)
        regions = vote_layout.vote_regions(ctx, lay.panel, desk)
        assert len(regions.rows) >= min(3, len(desk.vm.rows)), name
        assert (regions.more is None) == (len(regions.rows) == len(desk.vm.rows)), name
        assert regions.label_size >= ctx.metrics.small, name
        shown = vote_row.rows_shown(ctx, desk, regions.marks_in_label)
        for row, box in zip(shown[regions.first:], regions.rows):
            label = vote_layout.region_parts(ctx, regions, box).label
            need = text_height(ctx, row.label, regions.label_size, label.width, row.picked)
            assert need <= label.height, f"{name}: {row.label!r} squeezed"


@pytest.mark.parametrize("language", ["en", "de"])
@pytest.mark.parametrize("revealed", [False, True], ids=["counting", "revealed"])
@pytest.mark.parametrize("votes", [MAJORITY, TIE], ids=["majority", "tie"])
def test_nothing_in_the_vote_panel_scrolls(library, language, revealed, votes):
    """Drawn: labels, counts, bars with their marks and the buttons, for every decision."""
    ctx = _ctx((1280, 720), language)
    surface = pygame.Surface(ctx.size)
    for name, scenario, desk in _desks(library, ctx, revealed, votes):
        lay = play_draw.vote_layout(ctx, scenario.title, desk)
        ctx.base.recorder = []
        vote_draw.draw_vote(ctx, surface, lay.panel, desk)
        scrolled = [p.text[:40] for p in ctx.base.recorder if p.scrolled]
        assert not scrolled, f"{name}: {scrolled}"


@pytest.mark.parametrize("size", [(1024, 600), (1280, 720)], ids=["1024x600", "1280x720"])
@pytest.mark.parametrize("plan", play_draw.VOTE_PLANS)
def test_freeze_and_keys_never_break_a_word_in_the_header(size, plan):
    """German "Einfrieren" broke mid-word at 1024x600 Extra large: the two controls stack in
    a header made tall enough, whatever the vote's layout plan."""
    ctx = _ctx(size, "de")
    m = ctx.metrics
    lay = play_draw.stage_layout(ctx, "vote", "Lumbar puncture: the angle that hits bone",
                                 "", (), plan)
    font = ctx.theme.fonts.get(m.small, True)
    for rect, key, label in zip(play_draw._control_rects(ctx, lay.controls), ("F", "F1"),
                                (ctx.t("Freeze"), ctx.t("Keys"))):
        assert lay.controls.contains(rect)
        words = max(round(m.small * 1.6), font.size(key)[0] + 8) + font.size(label)[0]
        assert rect.width >= words + 2 * m.gap, (label, rect)


@pytest.mark.parametrize("text_size", ["normal", "x-large"])
@pytest.mark.parametrize("revealed", [False, True], ids=["counting", "revealed"])
def test_vote_buttons_never_break_a_word(library, text_size, revealed):
    """German "Aufdecken" broke as "Aufdeck / en" in the Enter button at 1024x600: each
    button is at least as wide as its key and its longest word."""
    ctx = projector(UiContext(make_theme("default", text_size), None, (1024, 600),
                              recorder=[]))
    ctx.base.t = Translator("de")
    m = ctx.metrics
    for name, scenario, desk in _desks(library, ctx, revealed):
        lay = play_draw.vote_layout(ctx, scenario.title, desk)
        regions = vote_layout.vote_regions(ctx, lay.panel, desk)
        font = ctx.theme.fonts.get(regions.button_size, True)
        for button in vote_buttons.vote_buttons(ctx, regions, desk):
            key = max(round(regions.button_size * 1.6), font.size(button.key)[0] + 8)
            word = max(font.size(w)[0] for w in button.label.split())
            assert button.rect.width >= key + word + 2 * m.gap, (name, button.label)
