"""The workshop at the largest text size: the vote panel's texts keep their size and fit.

Found by looking at the projector with Extra large text: four options did not fit, so the
rows were squeezed below their labels' height and every label scrolled. Now the rows keep
their full height and, when not all fit, a window of whole rows follows the focus (Tab) and
a line says how many are above and below. The bars' "2 votes · 50% ★ majority ▶ follow"
and the buttons' words also scrolled; they now get a second line.
"""

from __future__ import annotations

import pygame
import pytest

from game.i18n import Translator
from game.ui.kit.layout import row_window
from game.ui.workshop import vote_layout
from tests.ui.conftest import SIZES
from tests.ui.test_workshop_support import key as press
from tests.ui.test_workshop_support import run_until, start_workshop, vote


def _labels_scrolled(ctx, stack, play) -> list[str]:
    """Texts in the vote panel (labels, counts and bars, buttons) whose box scrolls."""
    ctx.recorder = []
    stack.draw(pygame.Surface(ctx.size))
    panel = play.layout.panel
    return [p.text for p in ctx.recorder if panel.contains(p.box) and p.scrolled]


def _shown_options(play) -> list[str]:
    regions = vote_layout.vote_regions(play.ctx, play.layout.panel, play.desk)
    first = getattr(regions, "first", 0)
    return list(play.desk.options)[first:first + len(regions.rows)]


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
@pytest.mark.parametrize("scenario_id", ["caesarean_full_dilatation", "lumbar_puncture"])
def test_vote_rows_never_scroll_at_extra_large_text(make_ctx, size, scenario_id):
    ctx = make_ctx(size, text_size="x-large")
    stack, play = start_workshop(ctx, scenario_id)
    run_until(stack, play, "vote")
    assert _labels_scrolled(ctx, stack, play) == []
    seen: set[str] = set()
    for _ in play.desk.options:  # Tab walks the focus over every option: each comes into view
        current = play.desk.focus.current
        if current in play.desk.options:
            assert current in _shown_options(play), f"focused {current} is off screen"
            seen.add(current)
        assert _labels_scrolled(ctx, stack, play) == []
        press(stack, pygame.K_TAB)
    assert seen == set(play.desk.options)
    vote(stack, 1, 2)
    press(stack, pygame.K_r)  # the bar chart
    assert _labels_scrolled(ctx, stack, play) == []


def test_row_window_keeps_the_wanted_row_and_fills_the_space():
    assert row_window([50, 50, 50, 50], 160, 5, 0) == (0, 3)
    assert row_window([50, 50, 50, 50], 160, 5, 3) == (1, 3)
    assert row_window([50, 50, 50, 50], 400, 5, 3) == (0, 4)
    assert row_window([90, 90, 90], 100, 5, 2) == (2, 1)


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
@pytest.mark.parametrize("text_size", ["normal", "x-large"])
@pytest.mark.parametrize("language", ["en", "de"])
def test_the_stage_header_badge_and_cue_fit_while_the_room_votes(make_ctx, size, text_size,
                                                                 language):
    """The long title and "⚠ Voting 0:06" scrolled in the header at Extra large, and the
    cue scrolled beside the vote: the header grows for the title, the badge steps down to
    small, the procedure view gives the cue room (the question under it goes first)."""
    ctx = make_ctx(size, text_size=text_size)
    ctx.t = Translator(language)
    stack, play = start_workshop(ctx, "caesarean_full_dilatation")
    run_until(stack, play, "vote")
    ctx.recorder = []
    stack.draw(pygame.Surface(ctx.size))
    lay = play.layout
    boxes = (lay.header, lay.status, lay.controls, lay.narration)
    scrolled = [p.text[:40] for p in ctx.recorder
                if p.scrolled and any(b.contains(p.box) for b in boxes)]
    assert scrolled == []
    for button in play.buttons:  # no word broken in two ("Einfrie-ren" in German)
        font = ctx.theme.fonts.get(ctx.metrics.small, True)
        longest = max(font.size(w)[0] for w in button.label.split())
        assert longest <= button.rect.width - 2 * ctx.metrics.gap - 8, button.label
    assert any(play.desk.vm.cue == p.text for p in ctx.recorder)


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
@pytest.mark.parametrize("text_size", ["normal", "x-large"])
def test_setup_titles_and_summary_never_scroll(make_ctx, monkeypatch, size, text_size):
    """At 1024x600, with phones (the lobby takes part of the list's column), long vignette
    titles and the summary scrolled. Titles now wrap (rows are as tall as their words) and
    the summary shows whole, in the right column or in the selected row (or, at the largest
    text sizes, not at all). The join box is as tall as its words: its room code scrolled
    out of sight at Extra large."""
    from tests.ui.test_workshop_support import setup_stack
    monkeypatch.setenv("SAFETYNET_PHONES", "127.0.0.1:0")
    ctx = make_ctx(size, text_size=text_size)
    stack = setup_stack(ctx)
    setup = stack.top
    try:
        assert setup.phones is not None and setup.layout.join is not None
        summaries = 0
        for _ in range(len(setup.scenarios)):  # Down walks every vignette into view
            ctx.recorder = []
            stack.draw(pygame.Surface(ctx.size))
            titles = {s.title for s in setup.scenarios}
            listed = [p for p in ctx.recorder if p.text.removeprefix("✔ ") in titles]
            assert listed and not [p.text for p in listed if p.scrolled]
            assert setup.index in setup.rows
            marks = [p for p in ctx.recorder if "more below" in p.text]
            assert not [m for m in marks for r in setup.rows.values() if m.rect.colliderect(r)]
            summary = [p for p in ctx.recorder if p.text.startswith(setup.scenario.summary)]
            assert not [p for p in summary if p.scrolled]
            summaries += bool(summary)
            press(stack, pygame.K_DOWN)
            join = setup.layout.join
            code = [p for p in ctx.recorder if p.text == setup.phones.room.code]
            assert code and join.contains(code[0].rect)  # the room code is in sight
            assert not [p.text for p in ctx.recorder if join.contains(p.box) and p.scrolled]
        if text_size == "normal":  # every summary shows whole at the normal text size
            assert summaries == len(setup.scenarios)
    finally:
        setup.close()


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
@pytest.mark.parametrize("language", ["en", "de"])
def test_setup_footer_fits_with_phones(make_ctx, monkeypatch, size, language):
    """In German at 1024x600 the lobby's keys line ("N Spitznamen an/aus · ...") needed a
    second line in a one-line footer and scrolled; N then stays on its button only."""
    from tests.ui.test_workshop_support import setup_stack
    monkeypatch.setenv("SAFETYNET_PHONES", "127.0.0.1:0")
    ctx = make_ctx(size)
    ctx.t = Translator(language)
    stack = setup_stack(ctx)
    try:
        ctx.recorder = []
        stack.draw(pygame.Surface(ctx.size))
        footer = stack.top.layout.footer
        shown = [p for p in ctx.recorder if footer.contains(p.box)]
        assert shown and not [p.text for p in shown if p.scrolled]
    finally:
        stack.top.close()


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_end_screen_with_phones_fits(make_ctx, monkeypatch, size):
    """With phones the end screen's keys line gained "W the room's spread · " after its fit
    was checked and scrolled; the spread's notes had four fixed lines and scrolled."""
    from tests.ui.test_workshop_support import end_screen
    monkeypatch.setenv("SAFETYNET_PHONES", "127.0.0.1:0")
    ctx = make_ctx(size)
    end = end_screen(ctx)
    try:
        assert end.phones is not None and end.phones.server is not None
        for show_spread in (False, True):
            if show_spread:
                end.on_intent(end.keymap.map(pygame.event.Event(
                    pygame.KEYDOWN, key=pygame.K_w, mod=0, unicode="w", scancode=0)))
            ctx.recorder = []
            end.draw(pygame.Surface(ctx.size))
            scrolled = [p.text[:50] for p in ctx.recorder if p.scrolled]
            assert scrolled == [], (show_spread, scrolled)
        assert any("spread" in p.text for p in ctx.recorder)  # the histogram was drawn
    finally:
        end.phones.stop()


@pytest.mark.parametrize("size", [*SIZES, (1920, 1080)], ids=lambda s: f"{s[0]}x{s[1]}")
@pytest.mark.parametrize("text_size", ["normal", "x-large"])
@pytest.mark.parametrize("language", ["en", "de"])
def test_setup_right_column_fits_with_phones(make_ctx, monkeypatch, size, text_size,
                                             language):
    """At Extra large the trainee cards were squeezed to a sliver, and the label "3 · Risk
    weight of this workshop" and the nickname switch scrolled: each part is now as tall as
    its words, the weight's explanation makes way for the cards, and where a vignette's cards
    still do not all fit (three trainees, long levels) a window of whole cards follows the
    selected trainee with "N more above · M more below" under it: nothing in the right
    column scrolls, for every vignette and every trainee."""
    from tests.ui.test_workshop_support import setup_stack
    monkeypatch.setenv("SAFETYNET_PHONES", "127.0.0.1:0")
    ctx = make_ctx(size, text_size=text_size)
    ctx.t = Translator(language)
    stack = setup_stack(ctx)
    setup = stack.top
    try:
        lay = setup.layout
        right = lay.profile_label.unionall([r for r in (
            lay.profiles, lay.weight_label, lay.weights, lay.start, lay.nicknames) if r])
        windows = 0
        for _ in setup.scenarios:  # Down walks every vignette, then Down every trainee
            press(stack, pygame.K_TAB)  # the trainee section
            for trainee in setup.scenario.trainees:
                assert setup.profile == trainee.id and trainee.id in setup.cards
                ctx.recorder = []
                stack.draw(pygame.Surface(ctx.size))
                inside = [p for p in ctx.recorder if right.contains(p.box)]
                assert not [p.text for p in inside if p.scrolled], setup.scenario.id
                shown = {p.text.removeprefix("✔ ") for p in inside}
                names = {t.name for t in setup.scenario.trainees if t.id in setup.cards}
                assert names <= shown and "✔ " + _name(setup) in {p.text for p in inside}
                for card in setup.cards.values():
                    assert lay.profiles.contains(card), setup.scenario.id
                window = setup.card_window
                cue = ctx.t("{a} more above · {b} more below", a=window.above, b=window.below)
                more = [p for p in inside if p.text == cue]
                assert bool(more) == (len(setup.cards) < len(setup.scenario.trainees))
                assert window.above + len(setup.cards) + window.below == \
                    len(setup.scenario.trainees)
                assert not [p for p in more for r in setup.cards.values()
                            if p.rect.colliderect(r)]  # the cue is never over a card
                windows += bool(more)
                press(stack, pygame.K_DOWN)
            press(stack, pygame.K_TAB, pygame.KMOD_SHIFT)  # back to the vignettes
            press(stack, pygame.K_DOWN)
        if text_size == "normal":
            assert windows == 0  # every vignette's cards at once at the usual size
    finally:
        setup.close()


def _name(setup) -> str:
    return next(t.name for t in setup.scenario.trainees if t.id == setup.profile)


@pytest.mark.parametrize("language", ["en", "de"])
def test_the_reveal_shows_every_bar_at_normal_text(make_ctx, language):
    """At 1024x600 in German the long status sentence after the reveal left room for three
    of five bars; it makes way so the room sees the whole distribution at once."""
    ctx = make_ctx((1024, 600))
    ctx.t = Translator(language)
    stack, play = start_workshop(ctx, "lumbar_puncture")
    run_until(stack, play, "vote")
    vote(stack, 1, 2)
    vote(stack, 3, 1)
    press(stack, pygame.K_r)
    regions = vote_layout.vote_regions(play.ctx, play.layout.panel, play.desk)
    assert len(regions.rows) == len(play.desk.options) and regions.more is None
    assert _labels_scrolled(ctx, stack, play) == []


@pytest.mark.parametrize("language", ["en", "de"])
@pytest.mark.parametrize("text_size", ["normal", "x-large"])
def test_stage_keys_line_fits_in_every_phase(make_ctx, language, text_size):
    """In German at 1024x600 the vote's keys line needed two lines in a one-line footer and
    scrolled; the short form shows then (F1 lists every key)."""
    ctx = make_ctx((1024, 600), text_size=text_size)
    ctx.t = Translator(language)
    stack, play = start_workshop(ctx, "lumbar_puncture")
    seen = set()
    for phase in ("running", "vote", "consequence"):
        run_until(stack, play, phase)
        ctx.recorder = []
        stack.draw(pygame.Surface(ctx.size))
        footer = [p for p in ctx.recorder if play.layout.footer.contains(p.box)]
        assert footer and not [p.text for p in footer if p.scrolled], phase
        seen.add(phase)
        if phase == "vote":
            vote(stack, 1)
            press(stack, pygame.K_r)
            press(stack, pygame.K_RETURN)
    assert seen == {"running", "vote", "consequence"}


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
@pytest.mark.parametrize("language", ["en", "de"])
def test_end_comparison_shows_a_decision_at_extra_large(make_ctx, size, language):
    """At 1024x600 with Extra large text the outcome and attitude boxes took the whole
    screen: the decision rows had no height, and the Back button's words scrolled."""
    from tests.ui.test_workshop_support import end_screen
    ctx = make_ctx(size, text_size="x-large")
    ctx.t = Translator(language)
    end = end_screen(ctx)
    ctx.recorder = []
    end.draw(pygame.Surface(ctx.size))
    rows = end.layout.rows
    assert [p for p in ctx.recorder if rows.contains(p.box) and p.text.strip()]
    assert [p.text[:40] for p in ctx.recorder if p.scrolled] == []


def test_the_vote_panel_is_measured_once_per_set_of_words(make_ctx, monkeypatch):
    """Drawing asks for the vote panel's regions several times a frame; measuring every row
    form each time made the vote frame at Extra large twice the practice frame (make bench).
    A vote changes the words (the counts), and the panel is measured again."""
    ctx = make_ctx((1024, 600), text_size="x-large")
    stack, play = start_workshop(ctx, "lumbar_puncture")
    run_until(stack, play, "vote")
    measured = []
    real = vote_layout._vote_regions
    monkeypatch.setattr(vote_layout, "_vote_regions",
                        lambda *a, **k: measured.append(1) or real(*a, **k))
    vote_layout._MEMO.clear()
    for _ in range(5):
        stack.draw(pygame.Surface(ctx.size))
    assert len(measured) == 1
    first = vote_layout.vote_regions(ctx, play.layout.panel, play.desk)
    first.rows[0].height = 1  # callers get copies
    assert vote_layout.vote_regions(ctx, play.layout.panel, play.desk).rows[0].height > 1
    vote(stack, 1, 2)
    stack.draw(pygame.Surface(ctx.size))
    after_vote = len(measured)
    assert after_vote > 1  # new counts: measured again (each panel width the stage tries)
    for _ in range(5):
        stack.draw(pygame.Surface(ctx.size))
    assert len(measured) == after_vote
