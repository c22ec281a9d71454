"""Self-practice screens: profiles at first start, Progress pages, the rating step, marks."""

from __future__ import annotations

import pygame
import pytest

from game.app.profiles import create_profile, current_id, profiles, switch_to
from game.store import open_history
from game.ui.calibration.rating import RatingOverlay
from game.ui.home.picker import PickerScene
from game.ui.home.title import TitleScene
from game.ui.profiles.profiles import ProfilesScene
from game.ui.progress.progress import ProgressScene
from game.ui.shell.input import key_event
from game.ui.shell.scene import Pop, Push, SceneStack
from tests.store.generate import Habits, history
from tests.ui.conftest import SIZES


def _type(stack: SceneStack, text: str) -> None:
    stack.update(16)  # the entry's first frame: from now on TEXTINPUT is text
    stack.handle(pygame.event.Event(pygame.TEXTINPUT, text=text))
    stack.handle(key_event(pygame.K_RETURN))


def _fits(ctx) -> list:
    """Texts whose box was too short at the chosen size (`overflow` is never set any more:
    checking it could not fail)."""
    return [p for p in ctx.recorder if p.scrolled]


def test_first_start_asks_for_a_profile_then_plays_as_it(ctx, home):
    stack = SceneStack()
    stack.push(TitleScene(ctx))
    stack.update(16)
    assert stack.top.name == "profiles"
    stack.handle(key_event(pygame.K_n))
    _type(stack, "me@example.org")
    assert "not an e-mail" in stack.top.error
    stack.top.text = ""
    _type(stack, "Night owl")
    stack.update(16)
    assert stack.top.name == "title"
    history, _ = open_history()
    with history:
        (owl,) = profiles(history)
    assert owl.name == "Night owl" and current_id() == owl.id
    stack.update(16)
    assert "Profile: Night owl" in [b.label for b in stack.top.buttons]
    stack.update(16)
    assert stack.top.name == "title"  # asked once only


def test_switch_and_delete_with_the_name_typed_back(ctx, home):
    history, _ = open_history()
    with history:
        a, b = create_profile(history, "Alpha"), create_profile(history, "Beta")
        history.add_many([r.with_(player=a.id) for r in history_records(3)])
    switch_to(a)
    stack = SceneStack()
    stack.push(ProfilesScene(ctx))
    assert stack.top.focus.current == a.id
    stack.handle(key_event(pygame.K_DELETE))
    assert "This deletes 3 sessions" in stack.top.context
    _type(stack, "Beta")
    assert stack.top.error == "type 'Alpha' to confirm"
    stack.top.text = ""
    _type(stack, "alpha")
    assert stack.top.name == "profiles" and [p.name for p in stack.top.rows] == ["Beta"]
    stack.handle(key_event(pygame.K_RETURN))
    assert current_id() == b.id and not stack.scenes


def history_records(n: int, **habits):
    return history(n, Habits(**habits))


@pytest.fixture
def played(home):
    history_db, _ = open_history()
    with history_db:
        me = create_profile(history_db, "Reader")
        history_db.add_many(history_records(
            40, unsafe_in=frozenset({"medication"}), early_s=3.0,
            trust_bias={"confident_junior": 2},
            scenarios=("caesarean_full_dilatation", "medication_dosing")))
        history_db.execute_write("UPDATE sessions SET player = ?", (me.id,))
    switch_to(me)
    return me


@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize("text_size", ["normal", "x-large"])
def test_progress_pages_fit_at_every_size(make_ctx, played, size, text_size):
    ctx = make_ctx(size, text_size=text_size)
    scene = ProgressScene(ctx)
    scene.resize()
    texts = []
    for page in range(4):
        ctx.recorder.clear()
        scene.page = page
        scene.draw(pygame.Surface(size))
        assert _fits(ctx) == [], (page, [p.text for p in _fits(ctx)])
        texts += [p.text for p in ctx.recorder]
    assert "Progress · Reader · 40 sessions" in texts
    assert "You usually step in about 3 s before you need to." in texts
    assert any(t.startswith("You over-trust confident trainees") for t in texts)
    assert any(t.startswith("Play ") for t in texts)


def test_progress_pages_switch_by_keys_and_back(ctx, played):
    scene = ProgressScene(ctx)
    scene.resize()
    scene.handle_event(key_event(pygame.K_RIGHT))
    assert scene.page == 1
    scene.handle_event(key_event(pygame.K_4))
    assert scene.page == 3
    scene.handle_event(key_event(pygame.K_RIGHT))
    assert scene.page == 0
    assert isinstance(scene.handle_event(key_event(pygame.K_ESCAPE)), Pop)


def test_progress_of_a_new_profile_says_what_to_do(ctx, home):
    scene = ProgressScene(ctx, player="sup-new")
    scene.resize()
    scene.draw(pygame.Surface(ctx.size))
    assert any("No finished sessions yet" in p.text for p in ctx.recorder)


@pytest.mark.parametrize("key, level", [(pygame.K_4, 4), (pygame.K_ESCAPE, None),
                                        (pygame.K_s, None)])
def test_rating_step(ctx, key, level):
    got = []
    overlay = RatingOverlay(ctx, "the confident junior", got.append)
    overlay.resize()
    overlay.draw(pygame.Surface(ctx.size))
    assert isinstance(overlay.handle_event(key_event(key)), Pop) and got == [level]


@pytest.mark.parametrize("language", ["en", "de"])
@pytest.mark.parametrize("size", SIZES)
def test_rating_step_fits_with_the_largest_text(make_ctx, size, language):
    """At 1024x600 with the largest text the six answers go to two columns (they were
    squeezed into one and two labels scrolled)."""
    from game.i18n import Translator
    ctx = make_ctx(size, text_size="x-large")
    ctx.t = Translator(language)
    overlay = RatingOverlay(ctx, "the confident junior", lambda _: None)
    overlay.resize()
    overlay.draw(pygame.Surface(size))
    assert _fits(ctx) == []
    window = pygame.Rect((0, 0), size)
    assert all(window.contains(b.rect) for b in overlay.buttons)
    assert not any(a.rect.colliderect(b.rect) for i, a in enumerate(overlay.buttons)
                   for b in overlay.buttons[i + 1:])


def test_picker_shows_played_marks(ctx, played):
    picker = PickerScene(ctx)
    picker.resize()
    picker.draw(pygame.Surface(ctx.size))
    assert any(p.text.startswith("Technical · direct supervision · 1.5 min · played 20× · "
                                 "best: ") for p in ctx.recorder)


def test_title_opens_progress_and_profiles(ctx, played):
    title = TitleScene(ctx)
    title.resize()
    assert isinstance(title.activate("progress"), Push)
    result = title.activate("profile")
    assert isinstance(result, Push) and result.scene.name == "profiles"


def test_rating_the_trainee_before_the_outcome(ctx, lumbar, home):
    from game.core.commands import Intervene
    from game.store.ratings import read_rating
    from game.ui.review.outcome import OutcomeScene
    from tests.ui.helpers import run_until, start_play
    play = start_play(ctx, lumbar)
    run_until(play, "decision")
    play.apply(Intervene(play.node_id, "takeover"))
    run_until(play, "ended")
    assert [b.id for b in play.buttons] == ["outcome", "rate"]
    assert play.focus.current == "outcome"  # Enter still goes straight to the outcome
    stack = SceneStack()
    stack.push(play)
    play.focus.focus("rate")
    stack.handle(key_event(pygame.K_RETURN))
    assert stack.top.name == "entrustment-rating"
    stack.handle(key_event(pygame.K_2))
    assert stack.top is play and [b.id for b in play.buttons] == ["outcome"]
    assert read_rating(play.session.log_path) == 2
    stack.handle(key_event(pygame.K_RETURN))
    outcome = stack.top
    assert isinstance(outcome, OutcomeScene) and "Result saved" in outcome.note
    level = 1 + round(4 * play.session.state.competence)
    assert outcome.note.startswith("You read the trainee right" if level == 2 else "You trusted")
    history_db, _ = open_history()
    with history_db:
        (row,) = history_db.results()
    assert row.entrustment == 2 and row.status == "finished"


def test_leaving_mid_vignette_records_an_abandoned_session(ctx, lumbar, home):
    from tests.ui.helpers import run_until, start_play
    play = start_play(ctx, lumbar)
    run_until(play, "decision")
    play.close()
    history_db, _ = open_history()
    with history_db:
        (row,) = history_db.results()
    assert row.status == "abandoned" and row.log_file == play.session.log_path.name


def test_progress_says_one_session_not_one_sessions():
    """Seen on the Progress screen: "Management: 1 sessions" and "1 sessions left before the
    end"; one of anything is singular, in English and in German."""
    from dataclasses import replace

    from game.app.progress import Group, progress
    from game.i18n import Translator
    from game.ui.progress.model import _group_line, over_time
    for language, one, many in (("en", "1 session ", "2 sessions"),
                                ("de", "1 Sitzung ", "2 Sitzungen")):
        t = Translator(language)
        assert one in _group_line(Group("x", 1, 0, 0, 1.0), "X", t)[1]
        assert many in _group_line(Group("x", 2, 0, 0, 1.0), "X", t)[1]
        p = replace(progress([]), abandoned=1)
        assert [s for _, s in over_time(p, t).lines if s.startswith(one.strip())]


def test_at_first_start_the_profile_comes_before_the_tutorial(ctx, home):
    """The tutorial is recorded like any session, so it must know who is playing: the
    picker is on top at the very first start, the tutorial under it, then the title."""
    from game.ui.shell.app import first_scenes
    stack = SceneStack()
    for scene in first_scenes(ctx, None, None, tutorial=True):
        stack.push(scene)
    assert [s.name for s in stack.scenes][-2:] == ["tutorial", "profiles"]
    stack.handle(key_event(pygame.K_n))
    _type(stack, "Night owl")
    stack.update(16)
    assert stack.top.name == "tutorial"
    again = first_scenes(ctx, None, None, tutorial=True)  # a profile exists: no picker now
    assert [s.name for s in again][-1] == "tutorial"


def test_the_rating_button_shows_its_whole_label_in_german_at_the_largest_text(
        make_ctx, lumbar, home):
    from game.core.commands import Intervene
    from game.i18n import Translator
    from tests.ui.helpers import run_until, start_play
    ctx = make_ctx((1024, 600), text_size="x-large")
    ctx.t = Translator("de")
    ctx.settings = ctx.settings.with_(language="de", text_size="x-large")
    play = start_play(ctx, lumbar)
    run_until(play, "decision")
    play.apply(Intervene(play.node_id, "takeover"))
    run_until(play, "ended")
    assert [b.id for b in play.buttons] == ["outcome", "rate"]
    ctx.recorder = []
    play.draw(pygame.Surface(ctx.size))
    label = ctx.t("Rate the trainee first")
    (placed,) = [p for p in ctx.recorder if p.text == label]
    assert not placed.scrolled
