"""Debrief pages at the larger text sizes (#13 item 4): every part as tall as its words,
the page scrolling as one (Page Up/Down, the wheel, the focus), nothing squeezed."""

from __future__ import annotations

import pygame
import pytest

from game.i18n import Translator
from game.replay.annotations import Note, add_note
from game.ui.debrief.debrief import DebriefScene
from game.ui.shell.context import UiContext
from game.ui.shell.scene import SceneStack
from tests.ui.helpers import press
from tests.ui.review_screens import record
from tests.ui.test_text_never_shrinks import problems, squeezed_scrollers


@pytest.fixture(scope="module")
def log(tmp_path_factory, library):
    """One recorded medication session (two decisions) with a facilitator's note."""
    from game.app.sessions import Launch, session_starter
    from game.ui.kit.motion import procedure_view
    from game.ui.kit.theme import make_theme
    from game.ui.shell.context import Services
    services = Services(catalogue=lambda: library, start_session=session_starter(3, "practice"),
                        procedure_view=procedure_view, launch=Launch(3))
    path = tmp_path_factory.mktemp("debrief") / "s.jsonl"
    record(UiContext(make_theme("default", "normal"), services), "medication_dosing", path,
           min_decisions=2)
    add_note(path, Note(40, "Room split 50/50 on stepping in here"))
    return path


def _scene(make_ctx, library, log, size=(1024, 600), text_size="x-large",
           language="en") -> DebriefScene:
    ctx = make_ctx(size, text_size=text_size)
    ctx.t = Translator(language)
    ctx.settings = ctx.settings.with_(language=language, text_size=text_size)
    scene = DebriefScene(ctx, log, library.get)
    scene.wait()
    SceneStack().push(scene)  # lays it out as the app does
    return scene


def _shown(scene: DebriefScene) -> str:
    """Every text the screen drew, as one string."""
    scene.ctx.recorder = []
    scene.draw(pygame.Surface(scene.ctx.size))
    return "\n".join(p.text for p in scene.ctx.recorder)


def _wheel(scene: DebriefScene, notches: int) -> None:
    """Mouse wheel notches (positive = towards the player = up, as pygame reports them)."""
    scene.handle_event(pygame.event.Event(pygame.MOUSEWHEEL, x=0, y=notches, flipped=False,
                                          precise_x=0.0, precise_y=float(notches)))


def test_a_page_taller_than_the_window_scrolls_by_page_keys_and_the_wheel(make_ctx, library,
                                                                        log):
    scene = _scene(make_ctx, library, log)
    vm = scene.vm
    first = _shown(scene)
    page = scene.pages[0]
    assert page.scrolls and page.first == 0
    assert vm.reactions[0] in first and vm.reactions[-1] not in first
    seen = [first]
    for _ in range(len(vm.reactions)):
        press(scene, pygame.K_PAGEDOWN)
        seen.append(_shown(scene))
    assert page.first > 0 and vm.reactions[-1] in seen[-1] and vm.reactions[0] not in seen[-1]
    assert all(r in "\n".join(seen) for r in vm.reactions)  # nothing skipped on the way
    bottom = page.first
    _wheel(scene, 1)  # one notch up: one block back
    _shown(scene)
    assert page.first == bottom - 1
    _wheel(scene, -1)
    _wheel(scene, -1)  # past the end it stays at the end
    _shown(scene)
    assert page.first == bottom
    press(scene, pygame.K_PAGEUP)
    press(scene, pygame.K_PAGEUP)
    assert vm.reactions[0] in _shown(scene) and page.first == 0
    assert scene.index[0] == 0  # scrolling moves the view, not the focus


def test_the_page_follows_the_focus(make_ctx, library, log):
    scene = _scene(make_ctx, library, log)
    rows = scene.vm.rows
    press(scene, pygame.K_2)
    assert rows[0].text in _shown(scene)
    for _ in range(len(rows) - 1):
        press(scene, pygame.K_DOWN)
    shown = _shown(scene)
    assert rows[-1].text in shown and rows[0].text not in shown
    for _ in range(len(rows) - 1):
        press(scene, pygame.K_UP)
    assert rows[0].text in _shown(scene)


def test_another_decision_starts_at_the_top_of_its_page_and_every_part_is_reachable(
        make_ctx, library, log):
    scene = _scene(make_ctx, library, log, language="de")
    press(scene, pygame.K_3)
    vm = scene.vm
    for k, d in enumerate(vm.analysis):
        seen = [_shown(scene)]
        assert d.heading in seen[0] and scene.pages[2].first == 0
        for _ in range(12):
            press(scene, pygame.K_PAGEDOWN)
            seen.append(_shown(scene))
        shown = "\n".join(seen)
        parts = [d.cue, d.inquiry, d.prompt, d.chosen, d.regret, vm.whys[k], vm.moments[k],
                 *(f"{o.key} {o.label}" for o in d.options), *vm.notes_by_decision[k]]
        missing = [p for p in parts if p and not _pieced(p, shown.split("\n"))]
        assert not missing, missing
        assert scene.pages[2].first > 0
        press(scene, pygame.K_DOWN)


def _pieced(part: str, drawn: list[str]) -> bool:
    """Whether `part` was drawn whole or as consecutive pieces cut between its lines (a
    text split across two screens of a page)."""
    rest, pieces = " ".join(part.split()), {" ".join(t.split()) for t in drawn} - {""}
    while rest:
        longest = max((t for t in pieces if rest.startswith(t)), key=len, default="")
        if not longest:
            return False
        rest = rest[len(longest):].lstrip()
    return True


@pytest.mark.parametrize("language", ["en", "de"])
def test_a_scrolled_page_fills_each_screen_but_the_last(make_ctx, library, log, language):
    """At Extra large in 1024x600 the first analysis screen showed only the decision's
    head: the inquiry, taller than the rest of the room, waited for the next screen. Now a
    block that does not fit shows its first lines, and every screen before the last is
    at least 70% full."""
    scene = _scene(make_ctx, library, log, language=language)
    checked, more = 0, scene.ctx.t("▼ More below: Page Down or the wheel")
    for phase in range(4):
        for k in range(scene.count(phase) if phase == 2 else 1):
            scene.phase, scene.index[phase] = phase, k
            page = scene.pages[phase]
            page.first = 0
            texts = _shown(scene)
            while page.scrolls and page.first < page.last():
                shown = page.needs[page.first:page.first + page.shown()]
                used = sum(shown) + page.gap * (len(shown) - 1)
                assert used >= 0.7 * page.room, (phase, k, page.first, used, page.room)
                assert more in texts  # the room is full, and the hint is still there
                checked += 1
                press(scene, pygame.K_PAGEDOWN)
                texts = _shown(scene)
            assert more not in texts
    assert checked >= 3  # the analysis, the timeline and the reactions scroll here


def test_page_keys_go_from_screen_to_screen_and_back(make_ctx, library, log):
    """Page Down lands on each paginated screen's start in turn (the last is where the page
    ends, so a cut block's two parts never stand one above the other), Page Up on the
    same starts backwards."""
    scene = _scene(make_ctx, library, log, language="de")
    press(scene, pygame.K_3)
    _shown(scene)
    page = scene.pages[2]
    assert page.scrolls and len(page.starts) >= 3
    down = [page.first]
    for _ in range(len(page.starts)):
        press(scene, pygame.K_PAGEDOWN)
        _shown(scene)
        down.append(page.first)
    assert down == page.starts + [page.starts[-1]]
    up = []
    for _ in range(len(page.starts) - 1):
        press(scene, pygame.K_PAGEUP)
        _shown(scene)
        up.append(page.first)
    assert up == page.starts[-2::-1]


@pytest.mark.parametrize("size", [(1280, 720), (1024, 600)], ids=["1280x720", "1024x600"])
def test_at_the_default_size_no_page_scrolls_and_the_analysis_stands_side_by_side(
        make_ctx, library, log, size):
    scene = _scene(make_ctx, library, log, size, "normal")
    for phase in (0, 2, 3):  # the timeline is a list that may be longer than the window
        scene.phase = phase
        _shown(scene)
        assert not scene.pages[phase].scrolls, phase
        press(scene, pygame.K_PAGEDOWN)
        assert scene.pages[phase].first == 0
    scene.phase = 2
    for k in range(len(scene.vm.analysis)):
        scene.index[2] = k
        _shown(scene)
        assert len(scene.pages[2].needs) == 1  # one block: the two columns


@pytest.mark.parametrize("language", ["en", "de"])
@pytest.mark.parametrize("text_size", ["large", "x-large"])
@pytest.mark.parametrize("size", [(1280, 720), (1024, 600)], ids=["1280x720", "1024x600"])
def test_no_debrief_page_squeezes_a_box_in_either_language(make_ctx, library, log, size,
                                                           text_size, language):
    scene = _scene(make_ctx, library, log, size, text_size, language)
    for phase in range(4):
        for index in range(scene.count(phase)):
            scene.phase, scene.index[phase] = phase, index
            scene.ctx.recorder = []
            scene.ctx.scrolls.begin_frame()
            scene.draw(pygame.Surface(size))
            layers = [scene.ctx.recorder]
            found = squeezed_scrollers(scene.ctx, layers) + problems(scene.ctx, layers, False)
            assert not found, f"phase {phase} item {index}: {found[:4]}"


def test_tabs_take_two_rows_rather_than_break_a_word(make_ctx, library, log):
    """German "Zusammenfassung" at Extra large in 1024x600 broke as "Zusammenfass / ung"."""
    scene = _scene(make_ctx, library, log, language="de")
    tabs = scene.layout.tabs
    assert tabs[2].y > tabs[0].y and tabs[1].y == tabs[0].y
    ctx = scene.ctx
    _shown(scene)
    line = ctx.line_height(ctx.metrics.body, True)
    label = next(p for p in ctx.recorder if p.text == "Zusammenfassung")
    assert label.rect.height <= line
    english = _scene(make_ctx, library, log, (1280, 720), "normal")
    assert len({r.y for r in english.layout.tabs}) == 1


@pytest.mark.parametrize(("text_size", "alone"), [("normal", False), ("x-large", True)])
def test_the_cue_is_said_once_beside_the_inquiry_and_kept_in_one_column(
        make_ctx, library, log, text_size, alone):
    """Side by side the inquiry ("The cue was: ...") stands beside the decision, which then
    does not repeat the cue; in one column the decision comes first and keeps it."""
    scene = _scene(make_ctx, library, log, (1280, 720), text_size)
    press(scene, pygame.K_3)
    _shown(scene)
    d = scene.vm.analysis[0]
    assert d.cue in d.inquiry
    texts = [p.text for p in scene.ctx.recorder]
    assert (d.cue in texts) is alone
    assert (len(scene.pages[2].needs) > 1) is alone


def test_the_analysis_page_follows_a_change_of_language_and_decision(make_ctx, library, log):
    """The analysis page's layout is kept between frames; a new language or decision
    builds it again."""
    scene = _scene(make_ctx, library, log, (1280, 720), "normal")
    press(scene, pygame.K_3)
    assert "THE VIGNETTE ASKS" in _shown(scene)
    scene.ctx.t = Translator("de")
    assert "DIE VIGNETTE FRAGT" in _shown(scene)
    press(scene, pygame.K_DOWN)
    assert scene.vm.analysis[1].heading in _shown(scene)


def test_every_vignettes_analysis_stands_side_by_side_at_the_default_size_in_1024x600(
        make_ctx, library, tmp_path):
    """#13: at the default text size the smallest window shows each decision's analysis
    whole, without the page scrolling (every vignette, the supervisor taking over: the
    longest "why" texts)."""
    scrolled = []
    for entry in library.entries:
        if entry.scenario is None:
            continue
        ctx = make_ctx((1024, 600))
        path = tmp_path / f"{entry.scenario.id}.jsonl"
        record(ctx, entry.scenario.id, path, policy="takeover", min_decisions=1)
        scene = DebriefScene(ctx, path, library.get)
        scene.wait()
        SceneStack().push(scene)
        press(scene, pygame.K_3)
        for k in range(len(scene.vm.analysis)):
            scene.index[2] = k
            _shown(scene)
            if scene.pages[2].scrolls:
                scrolled.append(f"{entry.scenario.id} decision {k + 1}")
    assert not scrolled
