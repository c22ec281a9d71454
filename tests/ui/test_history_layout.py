"""History rows at the chosen text size (#13 item 4) and the resume offer's honest words (#13
item 6).

A History row is as tall as its own text needs: at Extra large fewer rows fit a page, none of
their text scrolls, and the list scrolls by whole rows to any row the keys reach. The resume
offer names the step the resumed session goes on from (the log's last command), never "where
you stopped": the player may have left long after it.
"""

from __future__ import annotations

import itertools

import pygame
import pytest

from game import paths
from game.app.resume import Offer
from game.i18n import Translator
from game.store import open_history
from game.store.records import SessionRecord
from game.ui.history.history import HistoryScene
from game.ui.home.resuming import from_where, offer_label, offer_time
from game.ui.play.play import PlayScene
from game.ui.shell.input import click_event
from tests.store.generate import Habits, history
from tests.ui.conftest import SIZES
from tests.ui.helpers import drawn_texts, press
from tests.ui.test_resume_ui import _leave_after_a_choice, _profile


def _many_sessions(library, count: int) -> None:
    """`count` recorded sessions in the history database, each with its (empty) log file:
    the list reads the database, not the logs."""
    records = history(count, Habits(scenarios=tuple(s.id for s in library.scenarios)))
    store, _ = open_history()
    with store:
        store.add_many(records)
    logs = paths.logs_dir()
    logs.mkdir(parents=True, exist_ok=True)
    for record in records:
        (logs / record.log_file).touch()


def _drawn(scene: HistoryScene) -> list:
    ctx = scene.ctx
    ctx.recorder = []
    scene.draw(pygame.Surface(ctx.size))
    return ctx.recorder


@pytest.mark.parametrize("language", ["en", "de"])
@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_rows_grow_with_the_text_and_the_list_scrolls_by_whole_rows(make_ctx, library, home,
                                                                     size, language):
    _many_sessions(library, 30)
    per_page = {}
    for text_size in ("normal", "x-large"):
        ctx = make_ctx(size, text_size=text_size)
        ctx.t = Translator(language)
        scene = HistoryScene(ctx)
        scene.resize()
        assert len(scene.rows) == 30
        for step in ("first page", "End", "Up", "Home"):
            if step != "first page":
                press(scene, {"End": pygame.K_END, "Up": pygame.K_UP,
                              "Home": pygame.K_HOME}[step])
            placed = _drawn(scene)
            assert not [p.text for p in placed if p.scrolled], (text_size, step)
            rects = scene.row_rects()
            assert scene.focus.current in rects, (text_size, step)  # the focus is in view
            for index, rect in enumerate(rects.values(), start=scene.offset):
                assert scene.list.contains(rect)
                assert rect.height == scene.layout_of(index).height  # never squeezed
            for a, b in itertools.combinations(rects.values(), 2):
                assert not a.colliderect(b)
        assert scene.offset == 0
        press(scene, pygame.K_END)
        assert scene.offset + scene.per_page == 30  # the last row ends the last page
        per_page[text_size] = len(rects)
    assert per_page["x-large"] < per_page["normal"]


def test_the_footer_says_which_rows_are_shown(make_ctx, library, home):
    _many_sessions(library, 30)
    scene = HistoryScene(make_ctx((1024, 600), text_size="x-large"))
    scene.resize()
    press(scene, pygame.K_END)
    shown = scene.per_page
    assert any(p.text.endswith(f" · rows {31 - shown}-30 of 30") for p in _drawn(scene))


def test_a_click_on_a_rows_resume_button_takes_the_session_up(make_ctx, lumbar, home):
    _profile()
    ctx = make_ctx((1024, 600), text_size="x-large")
    left = _leave_after_a_choice(ctx, lumbar)
    scene = HistoryScene(ctx)
    scene.resize()
    placed = _drawn(scene)
    button = next(p for p in placed if p.text.startswith("▶ Resume from your last choice"))
    assert not button.scrolled
    rect = scene.row_rects()[scene.rows[0].path]
    elsewhere = scene.handle_event(click_event((rect.x + 5, rect.y + 5)))
    assert not isinstance(elsewhere.scene, PlayScene)  # the row itself opens the viewer
    taken = scene.handle_event(click_event(button.box.center))
    assert isinstance(taken.scene, PlayScene)
    assert taken.scene.session.state.history == left.session.state.history


def _offer(step: str, tick: int = 420) -> Offer:
    record = SessionRecord("a.jsonl", "sup-q", "gone_vignette", "ab" * 32, "junior",
                           "practice", "2025-05-06T10:00:00+00:00", status="abandoned",
                           log_file="a.jsonl")
    return Offer(record, paths.logs_dir() / "a.jsonl", tick, step)


def test_the_offer_names_the_step_it_goes_on_from_in_both_languages(ctx, home):
    en, de = Translator("en"), Translator("de")
    assert from_where(en, _offer("intervene")) == "from your last choice at 0:42"
    assert from_where(en, _offer("skip")) == "from where you last skipped ahead, at 0:42"
    assert from_where(en, _offer("", 0)) == "from the start"
    assert from_where(de, _offer("intervene")) == "ab Ihrer letzten Entscheidung bei 0:42"
    assert offer_time(ctx, _offer("intervene")) == "Resume from your last choice at 0:42"
    assert offer_label(ctx, _offer("skip"), None) == \
        "Resume gone_vignette, from where you last skipped ahead, at 0:42"
    ctx.t = de
    assert offer_label(ctx, _offer(""), None) == "gone_vignette fortsetzen, von Anfang an"
    for step in ("intervene", "skip", ""):
        assert "stopped" not in offer_label(ctx, _offer(step), None)


def test_f1_on_history_lists_its_own_keys_and_no_vignette_clock(ctx, home):
    from game.ui.kit.dialogs import HelpOverlay
    from game.ui.kit.help_keys import MENU_TABLES
    from game.ui.shell.input import KEY_HELP
    from game.ui.shell.scene import SceneStack
    stack = SceneStack(help_factory=lambda: HelpOverlay(ctx, stack.top.keymap.help_table))
    stack.push(HistoryScene(ctx))
    stack.top.resize()
    press(stack, pygame.K_F1)
    overlay = stack.top
    assert isinstance(overlay, HelpOverlay) and overlay.keys in MENU_TABLES
    assert overlay.keys != KEY_HELP
    listed = dict(overlay.keys)
    assert listed["R"] == "take up a practice session you left part-way"
    assert listed["D"] == "open the session's debrief"
    assert "Number keys 1 - 5" not in listed  # not the play keys
    texts = drawn_texts(ctx, overlay)
    assert "Esc, Enter or F1 closes this help." in texts
    assert not any("vignette is paused" in t for t in texts)


def test_a_history_database_problem_is_shown_whole_above_the_rows(make_ctx, home):
    (home / "history.sqlite").mkdir()  # a database that cannot be opened
    logs = paths.logs_dir()
    logs.mkdir(parents=True, exist_ok=True)
    (logs / "junk.jsonl").write_text("not a log\n", encoding="utf-8")
    ctx = make_ctx((1024, 600), text_size="x-large")
    ctx.t = Translator("de")
    scene = HistoryScene(ctx)
    scene.resize()
    assert scene.problem and len(scene.rows) == 1
    placed = _drawn(scene)
    notice = next(p for p in placed if p.text == f"⚠ {scene.problem}")
    assert not notice.scrolled and notice.rect.height > ctx.line_height(ctx.metrics.small)
    assert notice.box.bottom < scene.list.y <= min(r.y for r in scene.row_rects().values())


def test_a_row_taller_than_the_list_keeps_its_text_inside_the_list(make_ctx, library, home):
    from dataclasses import replace
    _many_sessions(library, 3)
    ctx = make_ctx((1024, 600), text_size="x-large")
    scene = HistoryScene(ctx)
    scene.resize()
    long = "a reason a verifier could give, " * 60
    scene.rows[0] = replace(scene.rows[0], problem=long, ok=False, tone="bad")
    scene.resize()
    assert scene.layout_of(0).height > scene.list.height
    placed = _drawn(scene)
    (row,) = scene.row_rects().values()
    assert row == scene.list.clip(row)
    inside = [p for p in placed if p.box.colliderect(scene.list)]
    assert any(p.text == f"✖ {long}" and p.scrolled for p in inside)
    assert all(scene.list.contains(p.box) for p in inside)


@pytest.mark.parametrize("language", ["en", "de"])
def test_the_longest_offer_keeps_the_title_menu_whole_for_every_vignette(make_ctx, library,
                                                                         home, language):
    """"from where you last skipped ahead" is the longest wording; with every vignette's
    title, at Extra large in both windows, no text on the title screen scrolls."""
    from game.ui.home.title import ITEMS, TitleScene
    for size in SIZES:
        ctx = make_ctx(size, text_size="x-large")
        ctx.t = Translator(language)
        for scenario in library.scenarios:
            offer = _offer("skip", 1234)._replace(
                record=_offer("skip").record._replace(scenario_id=scenario.id))
            title = TitleScene(ctx)
            title.offer = offer
            title.offer_label = offer_label(ctx, offer, scenario)
            title.short_label = offer_label(ctx, offer, scenario, short=True)
            title.items = ("resume", *ITEMS)
            title.focus.set_ids(title.items)
            title.resize()
            assert title.buttons[0].id == "resume"
            ctx.recorder = []
            title.draw(pygame.Surface(size))
            scrolled = [p.text for p in ctx.recorder if p.scrolled]
            assert not scrolled, (size, scenario.id, scrolled)
