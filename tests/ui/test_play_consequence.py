"""The consequence card after every choice and the narration scrollback (issue 13): what you
said, what the trainee did, what happened to the patient and the learning, held until the
player continues (practice) or for a fixed hold (assessment); nothing scrolls away unread."""

from __future__ import annotations

from datetime import datetime

import pygame
import pytest

from game.app.sessions import log_path
from game.core.commands import Intervene
from game.core.state import SessionConfig
from game.replay.session import RecordedSession
from game.scoring.params import ModelParams
from game.ui.play.consequence import (
    CARD_HOLD_S,
    MAX_HOLD_S,
    ConsequenceVM,
    consequence_vm,
    hold_seconds,
    visible_lines,
)
from game.ui.play.harm_words import harm_words
from game.ui.play.narration import Line
from game.ui.play.play import PlayScene
from game.ui.shell.input import Act, Intent, click_event, map_event
from tests.ui.helpers import press, run_until


def start(ctx, scenario, mode: str, home) -> PlayScene:
    config = SessionConfig(scenario.id, 5, scenario.trainees[0].id, "normal", mode)
    path = log_path(scenario.id, datetime.now(), home / "logs")
    play = PlayScene(ctx, scenario, RecordedSession(scenario, config, ModelParams(), path))
    play.resize()
    return play


def choose(play: PlayScene, level: str) -> None:
    """At the open decision point, press the rung's key and let the rung act."""
    key = next(o.key for o in play.vm.options if o.level == level)
    command = press(play, getattr(pygame, f"K_{key}"))
    assert isinstance(command, Intervene)
    play.apply(command)
    for _ in range(200):
        if play.card is not None:
            return
        play.update(100)
    raise AssertionError("no consequence card after the choice")


def test_practice_holds_the_card_until_the_player_continues(ctx, lumbar, home):
    play = start(ctx, lumbar, "practice", home)
    run_until(play, "decision")
    choose(play, "probe")
    card = play.card
    assert card is not None and card.said.startswith("You (Probe): ")
    assert card.trainee and all(card.trainee)
    assert card.patient == "Minor harm, passing quickly (minor-1)." and "points" in card.learning
    assert [b.id for b in play.buttons] == ["continue"]
    tick = play.session.state.tick
    for _ in range(300):                      # 30 s of reading: the story waits
        play.update(100)
    assert play.session.state.tick == tick and play.card is card
    assert press(play, pygame.K_1) is None    # a number key does not choose under the card
    assert play.card is card
    press(play, pygame.K_RETURN)
    assert play.card is None
    play.update(300)
    assert play.session.state.tick > tick     # the story runs on


def test_practice_card_closes_with_a_click_on_continue(ctx, lumbar, home):
    play = start(ctx, lumbar, "practice", home)
    run_until(play, "decision")
    choose(play, "cue")
    play.handle_event(click_event(play.buttons[0].rect.center))
    assert play.card is None


def test_assessment_holds_the_card_a_fixed_time_without_pause(ctx, lumbar, home):
    play = start(ctx, lumbar, "assessment", home)
    run_until(play, "decision")
    choose(play, "takeover")
    card, tick = play.card, play.session.state.tick
    assert card is not None and "shown on the outcome" in card.learning   # meters hidden
    play.update(round(hold_seconds(card) * 1000) - 200)
    assert play.card is card and play.session.state.tick == tick
    press(play, pygame.K_p)                   # no pause: the hold does not stretch
    assert not play.paused
    play.update(300)
    assert play.card is None


def test_watching_until_the_window_settles_is_a_choice_too(ctx, lumbar, home):
    play = start(ctx, lumbar, "practice", home)
    run_until(play, "decision")
    for _ in range(600):
        if play.card is not None:
            break
        play.update(100)
    card = play.card
    assert card is not None                   # seed 5: the trainee corrects herself (v2)
    assert card.said == "You watched and did not step in."
    assert "corrected it" in " ".join(card.trainee)


def test_harm_is_in_words_with_the_code_as_a_detail():
    assert harm_words("MERP-B") == "error caught before it reached the patient (MERP-B)"
    assert harm_words("minor-1") == "minor harm, passing quickly (minor-1)"
    # D is not harm in the NCC MERP index: it needed monitoring or treatment to prevent harm
    assert harm_words("MERP-D") == ("reached the patient; needed monitoring or treatment to "
                                    "prevent harm (MERP-D)")
    assert harm_words("delay-30min") == "a delay in care (delay-30min)"
    assert harm_words("CD-IIIa") == "moderate harm that needed treatment (CD-IIIa)"
    assert harm_words("CD-IVad").endswith("lasting for life (CD-IVad)")
    assert harm_words("bogus") == "bogus"


def test_card_presenter_without_harm_and_without_meters(lumbar):
    vm = consequence_vm(lumbar, [], None, True)
    assert vm.patient == "No harm from this choice so far."
    assert not vm.harmed and "Enter" in vm.continue_hint
    assert consequence_vm(lumbar, [], (1.0, 2.5), False).learning == \
        "+1.5 points (2.5 so far)."


def test_narration_scrolls_back_by_keys_and_wheel(ctx, lumbar, home):
    play = start(ctx, lumbar, "practice", home)
    run_until(play, "decision")
    choose(play, "probe")
    press(play, pygame.K_RETURN)
    run_until(play, "decision")
    newest = len(play.lines)
    assert map_event(pygame.event.Event(pygame.MOUSEWHEEL, x=0, y=2)) == \
        Intent(Act.SCROLL, amount=-2)
    play.on_intent(Intent(Act.SCROLL, amount=-2))     # the wheel, two notches up
    assert play.back == 2
    press(play, pygame.K_PAGEUP)
    assert play.back == min(7, newest - 1)
    shown = visible_lines(play.lines, play.back)
    assert shown == play.lines[:newest - play.back]
    press(play, pygame.K_PAGEDOWN)
    press(play, pygame.K_PAGEDOWN)
    assert play.back == 0
    lines = [Line("narration", str(i)) for i in range(3)]
    assert visible_lines(lines, 99) == lines[:1]      # never scrolls past the first line


def test_the_card_headings_fit_in_german_at_the_largest_text(make_ctx, lumbar, home):
    """German headings ("Was der Trainee getan hat") wrap at the largest text in
    the smallest window: each heading gets the lines it needs instead of scrolling in one."""
    from game.i18n import Translator
    ctx = make_ctx((1024, 600), text_size="x-large")
    ctx.t = Translator("de")
    ctx.settings = ctx.settings.with_(language="de", text_size="x-large")
    play = start(ctx, lumbar, "practice", home)
    run_until(play, "decision")
    choose(play, "probe")
    ctx.recorder = []
    play.draw(pygame.Surface(ctx.size))
    headings = {ctx.t("What you did"), ctx.t("What the trainee did"), ctx.t("What happened"),
                ctx.t("The learning")}
    placed = [p for p in ctx.recorder if p.text in headings]
    assert len(placed) >= 3 and not [p.text for p in placed if p.scrolled]


def test_a_pre_empted_intervention_is_told_once(lumbar):
    """The mistake (or her own correction) coming before an intervention took effect is one
    line on the card, not two saying the same thing."""
    from game.core import events as ev
    from game.ui.play.narration import narrate
    d = "angle_decision"  # the vignette's first decision point
    for by, words in (("error", "The mistake came before"),
                      ("self_correct", "The trainee corrected it before")):
        first = ev.MistakeHappened(d, 5, 3) if by == "error" else \
            ev.TraineeSelfCorrected(d, 5, 3)
        lines = [x.text for x in narrate(lumbar, [ev.InterventionPreempted(d, "probe", by, 5),
                                                  first])]
        assert lines == [next(t for t in lines if t.startswith(words))], lines
    alone = narrate(lumbar, [ev.MistakeHappened(d, 5, 3)])
    assert [x.text for x in alone] == ["The mistake happened before anyone stopped it."]


def test_an_ended_vignette_does_not_pause(ctx, lumbar, home):
    play = start(ctx, lumbar, "practice", home)
    run_until(play, "ended")
    press(play, pygame.K_p)
    assert not play.paused
    play.on_intent(Intent(Act.AWAY))
    assert not play.paused


def test_the_keys_scroll_a_card_too_long_for_its_room(make_ctx, home):
    """A card whose trainee lines need more than the whole card has (here the trocar's probe
    card told four times over, at Extra large in 1024x600) scrolls them in the left column:
    Down and Page Down scroll it as the wheel does, so a keyboard player reads all of it,
    and the footer says so; a card that fits says nothing of scrolling."""
    from dataclasses import replace

    from game.ui.play.play_draw import footer_text
    ctx = make_ctx((1024, 600), text_size="x-large")
    scenario = ctx.services.catalogue().get("laparoscopic_trocar")
    play = start(ctx, scenario, "practice", home)
    run_until(play, "decision")
    choose(play, "probe")
    assert play.card is not None
    ctx.scrolls.begin_frame()
    play.draw(pygame.Surface(ctx.size))
    assert not ctx.scrolls.regions and "more of the card" not in footer_text(play)
    play.cards.card = replace(play.card, trainee=play.card.trainee * 4)
    ctx.scrolls.begin_frame()
    play.draw(pygame.Surface(ctx.size))
    regions = list(ctx.scrolls.regions.values())
    assert regions, "the long card fits: this test needs one that does not"
    before = [ctx.scrolls.offset(r.key, r.limit) for r in regions]
    press(play, pygame.K_DOWN)
    press(play, pygame.K_PAGEDOWN)
    after = [ctx.scrolls.offset(r.key, r.limit) for r in regions]
    assert after != before and play.back == 0, "the keys did not scroll the card"
    assert "more of the card" in footer_text(play)


def test_assessment_holds_a_long_card_as_long_as_its_words_take():
    """Six seconds for a short card; a long one as long as it takes at 3 words a second,
    up to a limit, the same for every player (it depends on the card only)."""
    short = ConsequenceVM("You (Cue): Aim up.", ("She does.",), "No harm.", False,
                          "+1.0 points.", "")
    assert hold_seconds(short) == CARD_HOLD_S
    long = ConsequenceVM("You (Probe): Ask where she is aiming.", ("word " * 57,),
                         "Minor harm.", True, "Points are shown on the outcome.", "")
    assert hold_seconds(long) == pytest.approx((7 + 57 + 2 + 6) / 3)
    huge = ConsequenceVM("x", ("word " * 500,), "y", True, "z", "")
    assert hold_seconds(huge) == MAX_HOLD_S


def test_the_arrow_keys_read_a_long_narration_entry_to_its_end(make_ctx, home):
    """At Extra large in 1024x600 the lumbar puncture's opening paragraph is taller than the
    narration box: Down scrolls it (as the wheel does), Up scrolls it back, and only then
    do the keys go to older lines."""
    ctx = make_ctx((1024, 600), text_size="x-large")
    play = start(ctx, ctx.services.catalogue().get("lumbar_puncture"), "practice", home)
    play.update(300)
    assert play.vm.phase == "narration"
    ctx.scrolls.begin_frame()
    play.draw(pygame.Surface(ctx.size))
    regions = list(ctx.scrolls.regions.values())
    entry = next((r for r in regions if play.lines[-1].text in str(r.key)), None)
    assert entry is not None, "the opening fits here: this test needs one that does not"
    press(play, pygame.K_DOWN)
    assert ctx.scrolls.offset(entry.key, entry.limit) > 0 and play.back == 0
    press(play, pygame.K_UP)
    assert ctx.scrolls.offset(entry.key, entry.limit) == 0 and play.back == 0


@pytest.mark.parametrize("language", ["en", "de"])
def test_a_number_key_under_the_card_says_the_decision_has_closed(make_ctx, lumbar, home,
                                                                  language):
    """The mistake may come before the countdown ends; a choice pressed just after it used to
    vanish without a word, and players took it for a lost key."""
    from game.i18n import Translator
    ctx = make_ctx((1024, 600), text_size="x-large")
    ctx.t = Translator(language)
    ctx.settings = ctx.settings.with_(language=language, text_size="x-large")
    play = start(ctx, ctx.services.catalogue().get("lumbar_puncture"), "practice", home)
    run_until(play, "decision")
    choose(play, "probe")
    card = play.card
    assert press(play, pygame.K_3) is None and play.card is card  # still chooses nothing
    assert play.notice_text == ctx.t("Too late for a choice: this decision has closed. Read "
                                     "what happened; Enter continues.")
    ctx.recorder = []
    play.draw(pygame.Surface(ctx.size))
    shown = [p for p in ctx.recorder if play.notice_text in p.text]
    assert shown and not shown[0].scrolled and shown[0].box.colliderect(play.layout.footer)
    press(play, pygame.K_RETURN)
    assert play.card is None and play.notice_text == ""  # it was about the card
