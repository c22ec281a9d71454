"""The replay viewer's layout at every text size (#13): the procedure picture is never drawn
below its least size (at large text it was handed a zero or negative height and failed), the
decision panel's options, heading and badge never scroll, and where picture and panel do not
fit side by side one shows and Tab swaps them."""

from __future__ import annotations

import itertools

import pygame
import pytest

from game.i18n import Translator
from game.ui.review.branch_compare import BranchChooser, chooser_layout
from game.ui.review.decision_panel import decision_floor, draw_decision
from game.ui.review.keys import VIEWER_KEYS
from game.ui.review.model import ReplayModel
from game.ui.review.track import marker_label, track_rows, transport_note
from game.ui.review.viewer import ReplayViewerScene, load_replay
from game.ui.review.viewer_draw import draw_picture, footer_legend, info_texts, picture_fits
from game.ui.review.viewer_layout import info_floor, picture_min
from tests.ui.conftest import SIZES
from tests.ui.helpers import press
from tests.ui.review_screens import record
from tests.ui.test_text_never_shrinks import TEXT_SIZES, draw_layers, squeezed_scrollers


class RecordingView:
    """A procedure view that remembers the rectangles it was asked to draw in."""

    def __init__(self) -> None:
        self.rects: list[pygame.Rect] = []

    def draw(self, surface, rect, now, before, progress, theme, time_s) -> None:
        assert rect.width > 0 and rect.height > 0, "a view must never get an empty rectangle"
        self.rects.append(rect.copy())


@pytest.fixture(scope="module")
def log(tmp_path_factory, library):
    """One recording of the dressing vignette (three decisions, the second with six
    options) that every case replays."""
    from game.ui.kit.theme import make_theme
    from game.ui.shell.context import Services, UiContext
    path = tmp_path_factory.mktemp("viewer") / "s.jsonl"
    services = Services(catalogue=lambda: library, start_session=None, procedure_view=None)
    record(UiContext(make_theme("default", "normal"), services, (1280, 720)), "npwt_dressing",
           path, min_decisions=3)
    return str(path)


def _viewer(make_ctx, library, log, size, text_size, decision=0,
            language="en") -> ReplayViewerScene:
    ctx = make_ctx(size, text_size=text_size)
    ctx.t = Translator(language)
    viewer = ReplayViewerScene(ctx, load_replay(log, library.get))
    viewer.motion.view = RecordingView()
    viewer.resize()
    if decision:
        viewer.cursor.jump_to(decision)
        viewer._sync()
    return viewer


def _regions(viewer: ReplayViewerScene) -> list[pygame.Rect]:
    body = viewer.body()
    return [r for r in (body.procedure, body.narration, body.panel, body.notes) if r]


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_the_picture_never_gets_less_than_its_least_size(make_ctx, library, log, size):
    for text_size, decision in itertools.product(TEXT_SIZES, (0, 1, 2)):
        viewer = _viewer(make_ctx, library, log, size, text_size, decision)
        where = f"{text_size} decision {decision}"
        for _shown in range(2):  # as laid out, then after Tab (a swap where one shows)
            body, regions = viewer.body(), _regions(viewer)
            assert regions and all(viewer.layout.body.contains(r) for r in regions), where
            assert not any(a.colliderect(b) for a, b in itertools.combinations(regions, 2))
            if body.procedure is None:
                assert body.compact and body.panel is not None, where
            else:
                assert picture_fits(viewer.ctx, body.procedure), (where, body.procedure)
            viewer.draw(pygame.Surface(size))
            press(viewer, pygame.K_TAB)
        view = viewer.motion.view
        assert view.rects and all(picture_fits(viewer.ctx, r) for r in view.rects), where
        assert not viewer.motion.failed


def test_tab_swaps_picture_and_panel_only_where_one_shows(make_ctx, library, log):
    roomy = _viewer(make_ctx, library, log, (1280, 720), "normal", decision=1)
    assert not roomy.body().compact
    press(roomy, pygame.K_TAB)
    assert not roomy.picture_first and "both on screen" in roomy.message
    tight = _viewer(make_ctx, library, log, (1024, 600), "x-large", decision=2)
    body = tight.body()
    assert body.compact and body.panel is not None and body.procedure is None
    assert "Tab: the picture" in transport_note(tight, body)
    press(tight, pygame.K_TAB)
    body = tight.body()
    assert body.procedure is not None and body.panel is None and body.narration is not None
    assert "Tab: the decision" in transport_note(tight, body)
    press(tight, pygame.K_TAB)
    assert tight.body().panel is not None


def test_a_rectangle_too_small_never_reaches_the_view(make_ctx, library, log):
    viewer = _viewer(make_ctx, library, log, (1024, 600), "x-large", decision=1)
    surface = pygame.Surface((1024, 600))
    w, h = picture_min(viewer.ctx)
    for rect in (pygame.Rect(10, 10, w, 0), pygame.Rect(10, 10, w, -40),
                 pygame.Rect(10, 10, w - 1, h), pygame.Rect(10, 10, 0, 0)):
        draw_picture(viewer, surface, rect)
    assert viewer.motion.view.rects == [] and not viewer.motion.failed
    draw_picture(viewer, surface, pygame.Rect(10, 10, w, h))
    assert viewer.motion.view.rects == [pygame.Rect(10, 10, w, h)]


@pytest.mark.parametrize("text_size", TEXT_SIZES)
def test_options_heading_and_badge_never_scroll_in_the_decision_panel(make_ctx, library, log,
                                                                      text_size):
    for language, width in itertools.product(("en", "de"), (420, 640, 980)):
        viewer = _viewer(make_ctx, library, log, (1024, 600), text_size, 2, language)
        ctx, vm = viewer.ctx, viewer.panel
        rect = pygame.Rect(0, 0, width, decision_floor(ctx, width, vm))
        ctx.recorder = []
        draw_decision(ctx, pygame.Surface((width, rect.height)), rect, vm)
        scrolled = [p for p in ctx.recorder if p.scrolled]
        assert not squeezed_scrollers(ctx, [ctx.recorder]), (language, width)
        labels = {f"{o.key} {o.label}" for o in vm.options} | {vm.heading, vm.word}
        assert not [p.text for p in scrolled if p.text in labels], (language, width)
        assert all(rect.contains(p.box) for p in ctx.recorder), (language, width)


@pytest.mark.parametrize("language", ["en", "de"])
@pytest.mark.parametrize("text_size", TEXT_SIZES)
@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_the_chooser_buttons_share_one_size_inside_the_window(make_ctx, library, log, size,
                                                              text_size, language):
    viewer = _viewer(make_ctx, library, log, size, text_size, 2, language)
    chooser = BranchChooser(viewer.ctx, viewer.model, viewer.decision)
    chooser.resize()
    heights = {b.rect.height for b in chooser.buttons}
    assert len(heights) == 1 and len(chooser.buttons) == 6
    window = pygame.Rect((0, 0), size)
    assert window.contains(chooser.box)
    assert all(chooser.box.contains(r) for r in [b.rect for b in chooser.buttons]
               + [chooser.head, chooser.cue, chooser.hint_box])
    rows = [b.rect for b in chooser.buttons]
    assert not any(a.colliderect(b) for a, b in itertools.combinations(rows, 2))
    ctx = viewer.ctx
    ctx.recorder = []
    chooser.draw(pygame.Surface(size))
    cue = viewer.decision.detail.cue
    assert not [p.text for p in ctx.recorder if p.scrolled and p.text != cue]


def test_an_error_is_laid_out_in_the_hint_box(make_ctx, library, log):
    viewer = _viewer(make_ctx, library, log, (1024, 600), "large", 2)
    chooser = BranchChooser(viewer.ctx, viewer.model, viewer.decision)
    chooser.resize()
    chooser.choose(viewer.decision.detail.chosen)
    lay = chooser_layout(viewer.ctx, chooser.heading(), viewer.decision.detail.cue,
                         chooser.hint(), chooser.labels(), chooser.moment_label())
    assert chooser.error and chooser.hint() == chooser.error
    assert chooser.hint_box == lay.hint and lay.hint.height > 0


def test_a_marker_label_falls_back_to_its_symbol_beside_another(make_ctx, library, log):
    viewer = _viewer(make_ctx, library, log, (1024, 600), "x-large")
    _, _, row = track_rows(viewer)
    first = marker_label(viewer, "⚠", "Caution", 300, row, pygame.Rect(0, row.y, 0, 0))
    assert first is not None and first[0] == "⚠ Caution"
    font = viewer.ctx.theme.fonts.get(viewer.ctx.metrics.small, True)
    assert first[1].width >= font.size("⚠ Caution")[0]
    near = marker_label(viewer, "✔", "Safe", first[1].right + font.size("✔")[0], row,
                        first[1])
    assert near is not None and near[0] == "✔" and near[1].x >= first[1].right
    assert marker_label(viewer, "✔", "Safe", first[1].centerx, row, first[1]) is None


REVIEW_STATES = ("replay", "replay-start", "replay-decision", "note-entry", "branch-chooser",
                 "branch-compare", "rewind-dialog")
"""The layout test's states of the replay viewer, branch chooser/comparison and rewind."""


@pytest.mark.parametrize("text_size", ["large", "x-large"])
@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_no_review_screen_squeezes_a_box_in_german(make_ctx, tmp_path, size, text_size):
    """As test_text_never_shrinks' three-line rule (drawn in English there), in German,
    whose words run longer: the screens' and the vignettes' (the German catalogue)."""
    from game.content.catalogue import load_catalogue
    from game.paths import scenarios_dir
    german, found = load_catalogue(scenarios_dir(), language="de"), []
    for name in REVIEW_STATES:
        ctx = make_ctx(size, text_size=text_size, catalogue=german)
        ctx.t = Translator("de")
        ctx.settings = ctx.settings.with_(language="de", text_size=text_size)
        layers = draw_layers(ctx, name, str(tmp_path / f"{name}.jsonl"))
        if name == "rewind-dialog":
            layers = layers[-1:]  # the outcome under the dialog is another screen
        found += [f"{name}: {x}" for x in squeezed_scrollers(ctx, layers)]
    assert not found, "; ".join(found[:6])


def test_arrow_keys_scroll_the_panel_text_that_scrolls(make_ctx, library, log):
    viewer = _viewer(make_ctx, library, log, (1024, 600), "x-large", decision=2)
    ctx = viewer.ctx
    ctx.scrolls.begin_frame()
    viewer.draw(pygame.Surface((1024, 600)))
    panel = viewer.body().panel
    regions = [r for r in ctx.scrolls.regions.values() if panel.contains(r.box)]
    assert regions, "at Extra large in 1024x600 the decision's facts scroll"
    region = max(regions, key=lambda r: r.box.height)
    assert ctx.scrolls.offset(region.key, region.limit) == 0
    press(viewer, pygame.K_DOWN)
    press(viewer, pygame.K_DOWN)
    assert ctx.scrolls.offset(region.key, region.limit) == 2 * region.step
    press(viewer, pygame.K_UP)
    assert ctx.scrolls.offset(region.key, region.limit) == region.step
    roomy = _viewer(make_ctx, library, log, (1280, 720), "normal", decision=1)
    roomy.ctx.scrolls.begin_frame()
    roomy.draw(pygame.Surface((1280, 720)))
    assert not roomy.scroll_text(1)  # nothing scrolls there: the keys do nothing


def test_a_decision_newly_shown_opens_on_its_panel(make_ctx, library, log):
    viewer = _viewer(make_ctx, library, log, (1024, 600), "x-large", decision=1)
    press(viewer, pygame.K_TAB)
    assert viewer.picture_first and viewer.body().panel is None
    press(viewer, pygame.K_PERIOD)  # a step within the same decision keeps the picture
    assert viewer.decision.number == 1 and viewer.picture_first
    press(viewer, pygame.K_RIGHT)
    assert viewer.decision.number == 2 and not viewer.picture_first
    assert viewer.body().panel is not None


@pytest.fixture(scope="module")
def every_vignette(tmp_path_factory, library) -> dict[str, list[ReplayModel]]:
    """Per language, recordings of every shipped vignette in that language's words (the
    tutorial's too: it is recorded and can be replayed) that between them meet each of its
    decision points: the trainee left alone (watch), taken over at once (takeover), then
    seeded random players until every decision point was met; loaded once."""
    from game import paths
    from game.content.catalogue import load_catalogue
    from game.content.loader import load_scenario
    tutorial = load_scenario(paths.tutorial_file())
    german = load_catalogue(paths.scenarios_dir(), language="de")
    return {language: _recordings(tmp_path_factory.mktemp(f"every-{language}"), catalogue,
                                  tutorial)
            for language, catalogue in (("en", library), ("de", german))}


def _recordings(folder, catalogue, tutorial) -> list[ReplayModel]:
    from game.core.state import SessionConfig
    from game.headless import ScriptedPolicy, play_out
    from game.replay.session import RecordedSession
    from game.scoring.params import ModelParams

    def find(scenario_id: str):
        return tutorial if scenario_id == tutorial.id else catalogue.get(scenario_id)
    models, missed = [], []
    for scenario in [*catalogue.scenarios, tutorial]:
        left = {d.id for d in scenario.decisions()}
        players = [("watch", 3), ("takeover", 3), *(("random", s) for s in range(1, 13))]
        for policy, seed in players:
            path = folder / f"{scenario.id}-{policy}-{seed}.jsonl"
            config = SessionConfig(scenario.id, seed, scenario.trainees[-1].id)
            session = play_out(RecordedSession(scenario, config, ModelParams(), path,
                                               player="sup-test"),
                               ScriptedPolicy(policy, seed=seed))
            met = {d.node for d in session.score.decisions}
            if policy != "random" or met & left:
                models.append(load_replay(str(path), find))
                assert not models[-1].error, (path.name, models[-1].error)
                assert not models[-1].warning, (path.name, models[-1].warning)
            left -= met
            if not left and policy == "random":
                break
        missed += [f"{scenario.id}:{d}" for d in sorted(left)]
    assert not missed, f"decision points no player met (add players): {missed}"
    return models


def _below_floor(viewer: ReplayViewerScene) -> str:
    """What of the body is shown below its least size ("" when nothing is)."""
    body, ctx = viewer.body(), viewer.ctx
    if body.panel is None:
        return "" if body.procedure is not None else "neither picture nor panel"
    w = body.panel.width
    least = decision_floor(ctx, w, viewer.panel) if viewer.panel is not None else \
        info_floor(ctx, w, info_texts(viewer))
    return f"panel {body.panel.height} px < {least}" if body.panel.height < least else ""


def _walk(viewer: ReplayViewerScene) -> list[str]:
    """Every kind of moment of a recording (the start, every step's stop, each decision
    held, the end), with the panel and (Tab) the picture in front: where the panel gets
    less than its floor."""
    viewer.resize()
    cursor, model, seen, found = viewer.cursor, viewer.model, set(), []
    for position in [cursor.home_position(), *cursor.stops, cursor.end_position()]:
        cursor.go(position)
        viewer._sync()
        # Which layout fits depends on the panel (a decision's, or the session's naming the
        # next decision); the narration's newest line only moves the split of the picture's
        # column (its least height is fixed): a moment like one seen is skipped.
        following = [d.number for d in model.decisions if d.tick > cursor.tick][:1]
        shown = (viewer.panel, tuple(following))
        if shown in seen:
            continue
        seen.add(shown)
        for picture_first in (False, True):
            viewer.picture_first = picture_first
            problem = _below_floor(viewer)
            if problem:
                found.append(f"at {position}: {problem}")
    return found


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_no_moment_of_any_vignette_gives_the_panel_less_than_its_floor(make_ctx,
                                                                       every_vignette, size):
    """#13: at German Extra large in 1024x600 the body fell to its last resort, the panel
    below its floor, and the facts ran past its frame. Every vignette's recording, at every
    kind of moment (the start, every step's stop, each decision held, the end) with the
    panel and (Tab) the picture in front, every text size and both languages: the panel
    always gets at least its floor, so the last resort is never reached. (1024x600 is the
    tightest supported window: the metrics stop shrinking at 0.85 of 1280x720.)"""
    found = []
    for text_size, language in itertools.product(TEXT_SIZES, ("en", "de")):
        ctx = make_ctx(size, text_size=text_size)  # one per text size and language: its
        ctx.t = Translator(language)  # cache measures each text once
        for model in every_vignette[language]:
            found += [f"{model.path.rsplit('/', 1)[-1]} {text_size} {language} {problem}"
                      for problem in _walk(ReplayViewerScene(ctx, model))]
    assert not found, "; ".join(found[:6])


@pytest.mark.parametrize("language", ["en", "de"])
def test_every_decision_of_any_vignette_keeps_its_texts_in_the_panel(make_ctx, every_vignette,
                                                                     language):
    """Drawn as the player sees it, at Extra large in 1024x600 (where the facts ran past the
    panel over the transport line): at every decision of every vignette, no text leaves
    the panel it is drawn in or runs into another (test_text_stays_in_its_panel's rule)."""
    from tests.ui.test_text_stays_in_its_panel import outside_panels
    ctx = make_ctx((1024, 600), text_size="x-large")
    ctx.t = Translator(language)
    surface, found = pygame.Surface((1024, 600)), []
    for model in every_vignette[language]:
        viewer = ReplayViewerScene(ctx, model)
        viewer.resize()
        for d in model.decisions:
            viewer.cursor.jump_to(d.number)
            viewer._sync()
            ctx.recorder, ctx.frames = [], []
            viewer.draw(surface)
            found += [f"{model.path.rsplit('/', 1)[-1]} decision {d.number}: {x}"
                      for x in outside_panels([(ctx.recorder, ctx.frames)], False)]
    assert not found, "; ".join(found[:6])


@pytest.mark.parametrize("language", ["en", "de"])
def test_the_bands_keep_to_one_line_at_extra_large_in_the_small_window(make_ctx, library, log,
                                                                       language):
    """The lines the decision panel needs at Extra large in 1024x600: the transport line
    (its state column as wide as its longest state, the note beside it) and the footer
    (the short legend naming F1 for the rest) take one line each; where the whole legend
    fits on one line, it is shown."""
    viewer = _viewer(make_ctx, library, log, (1024, 600), "x-large", 2, language)
    ctx, lay = viewer.ctx, viewer.layout
    line = ctx.line_height(ctx.metrics.small)
    assert lay.transport.height == line and lay.footer.height < 2 * line
    assert footer_legend(ctx) == ctx.t(VIEWER_KEYS.legend(2)) and "F1" in footer_legend(ctx)
    state, note = lay.transport_columns(ctx.metrics.gap)
    assert state.right < note.x and note.right == lay.transport.right
    roomy = _viewer(make_ctx, library, log, (1280, 720), "normal", 2, language)
    assert footer_legend(roomy.ctx) == roomy.ctx.t(VIEWER_KEYS.legend(0))


@pytest.mark.parametrize("language", ["en", "de"])
def test_a_panel_below_its_floor_shows_everything_inside_it_as_one_text(make_ctx, library, log,
                                                                        language):
    """The last resort, which the walk above proves no shipped vignette reaches at a
    supported size: a decision panel or the session panel given less than its floor shows
    its parts as one text that scrolls, at least three lines tall, inside its frame, every
    option and fact in it (it ran past the frame over the transport line)."""
    from game.ui.review.viewer_draw import draw_info
    surface = pygame.Surface((1024, 600))
    viewer = _viewer(make_ctx, library, log, (1024, 600), "x-large", 2, language)
    ctx, vm = viewer.ctx, viewer.panel
    rect = pygame.Rect(10, 10, 640, decision_floor(ctx, 640, vm) - 1)
    ctx.recorder = []
    draw_decision(ctx, surface, rect, vm)
    texts = "\n".join(p.text for p in ctx.recorder)
    assert all(rect.contains(p.box) for p in ctx.recorder)
    assert not squeezed_scrollers(ctx, [ctx.recorder])
    assert all(o.label in texts for o in vm.options) and vm.cue in texts
    assert any(p.scrolled for p in ctx.recorder)
    start = _viewer(make_ctx, library, log, (1024, 600), "x-large", 0, language)
    parts = info_texts(start)
    rect = pygame.Rect(10, 10, 640, info_floor(start.ctx, 640, parts) - 1)
    start.ctx.recorder = []
    draw_info(start, surface, rect)
    recorded = start.ctx.recorder
    assert all(rect.contains(p.box) for p in recorded)
    assert not squeezed_scrollers(start.ctx, [recorded])
    assert all(text in recorded[0].text for text, _, _, _ in parts)
