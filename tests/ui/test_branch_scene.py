""""Branch here": same seed, recorded choices before k, a verifiable log beside the parent."""

from __future__ import annotations

import pygame
import pytest

from game.app.branches import branch_path, run_branch
from game.replay.branch import BranchError, decisions_in
from game.replay.reader import read_log
from game.replay.verify import verify_log
from game.ui.review.branch_compare import BranchChooser, BranchCompareScene
from game.ui.review.presenters import clock
from game.ui.review.viewer import ReplayViewerScene, load_replay
from game.ui.shell.input import Act, Intent
from game.ui.shell.scene import Pop, Push, Replace
from tests.ui.helpers import press
from tests.ui.review_screens import record


@pytest.mark.parametrize("scenario_id", ["npwt_dressing", "psychotherapy_hypothesis"])
def test_branch_from_k_reproduces_decisions_before_k_and_verifies(ctx, library, tmp_path,
                                                                   scenario_id):
    parent = tmp_path / "p.jsonl"
    session = record(ctx, scenario_id, parent, policy="random", min_decisions=3)
    scenario = session.scenario
    recorded = [(d["node"], d["choice"]) for d in decisions_in(read_log(parent))]
    for k, (node, chosen) in enumerate(recorded, start=1):
        other = next(o.id for o in scenario.node(node).options if o.id != chosen)
        run = run_branch(parent, scenario, k, other)
        taken = [(s.node, s.choice) for s in run.session.state.history if s.kind == "decision"]
        assert taken[:k - 1] == recorded[:k - 1]
        assert taken[k - 1] == (node, other)
        when = "" if run.moment.kind == "recorded" else f"-{run.moment.kind}"
        assert run.path == branch_path(parent, k, other, run.moment) == \
            tmp_path / f"p.branch-{k}-{other}{when}.jsonl"
        assert run.moment.kind == ("opened" if run.watched else "recorded")
        assert run.sources[:k] == ["recorded"] * (k - 1) + ["branch"]
        assert set(run.sources[k:]) <= {"reused", "model"}
        result = verify_log(str(run.path), library.get)
        assert result.ok and result.complete, result.reason
        header = read_log(run.path).header
        assert header["seed"] == read_log(parent).header["seed"]
        assert header["parent"]["index"] == k - 1 and header["parent"]["log"] == "p.jsonl"


def test_branch_refuses_an_unfinished_recording(ctx, library, tmp_path):
    parent = tmp_path / "p.jsonl"
    record(ctx, "lumbar_puncture", parent, min_decisions=1)
    lines = parent.read_text(encoding="utf-8").splitlines()
    parent.write_text("\n".join(lines[:-1]) + "\n", encoding="utf-8")
    with pytest.raises(BranchError):
        run_branch(parent, library.get("lumbar_puncture"), 1, "takeover")


def test_chooser_and_comparison(ctx, library, tmp_path):
    parent = tmp_path / "p.jsonl"
    record(ctx, "npwt_dressing", parent, min_decisions=3)
    viewer = ReplayViewerScene(ctx, load_replay(str(parent), library.get))
    viewer.resize()
    press(viewer, pygame.K_RIGHT)
    press(viewer, pygame.K_RIGHT)
    chooser = press(viewer, pygame.K_b).scene
    assert isinstance(chooser, BranchChooser)
    chooser.resize()
    d = viewer.decision.detail
    recorded_key = [o.option for o in d.options].index(d.chosen) + 1
    assert press(chooser, getattr(pygame, f"K_{recorded_key}")) is None and chooser.error
    other_key = 1 if recorded_key != 1 else 2
    result = press(chooser, getattr(pygame, f"K_{other_key}"))
    assert isinstance(result, Replace) and isinstance(result.scene, BranchCompareScene)
    compare = result.scene
    compare.resize()
    actual, branch = compare.columns
    assert actual.path[0].source == "recorded" and not actual.path[0].differs
    assert branch.path[1].source == "branch" and branch.path[1].differs
    assert actual.word in ("Safe", "Caution", "Unsafe") and actual.symbol
    assert branch.learning.startswith("Learning ") and branch.harm.startswith("Harm ")
    assert compare.run.path.exists() and compare.run.path.parent == parent.parent
    opened = press(compare, pygame.K_RETURN)
    assert isinstance(opened, Push) and isinstance(opened.scene, ReplayViewerScene)
    assert opened.scene.model.path == str(compare.run.path) and not opened.scene.model.error
    assert any("Branch of p.jsonl at decision 2" in f for f in opened.scene.model.facts)
    assert isinstance(press(compare, pygame.K_ESCAPE), Pop)
    assert isinstance(press(chooser, pygame.K_ESCAPE), Pop)


def _watched_lumbar(ctx, library, tmp_path):
    """`safetynet run lumbar_puncture --policy watch --seed 2`, open in the viewer at
    decision 2 (the supervisor watched until the trainee's mistake came) and press B."""
    from tests.app.test_branches import record as record_run
    parent = tmp_path / "i.jsonl"
    record_run(library.get("lumbar_puncture"), parent)
    viewer = ReplayViewerScene(ctx, load_replay(str(parent), library.get))
    viewer.resize()
    viewer.cursor.jump_to(2)
    viewer._sync()
    chooser = press(viewer, pygame.K_b).scene
    assert isinstance(chooser, BranchChooser)
    chooser.resize()
    return chooser


def test_a_watched_decision_branches_when_the_window_opened_and_says_so(ctx, library,
                                                                       tmp_path):
    chooser = _watched_lumbar(ctx, library, tmp_path)
    assert chooser.kind == "opened"
    opened = chooser.choices.moment("takeover", "opened")
    assert chooser.moment_label() == f"When the window opened ({clock(opened.tick)})"
    key = getattr(pygame, f"K_{chooser.options.index('takeover') + 1}")
    result = press(chooser, key)
    assert isinstance(result, Replace) and isinstance(result.scene, BranchCompareScene)
    compare = result.scene
    assert compare.heading == \
        f"What if? Decision 2: Take over at {clock(opened.tick)}, when the window opened"
    actual, branch = compare.columns
    assert branch.path[1].source == "branch" and branch.path[1].differs
    assert (branch.learning, branch.harm) != (actual.learning, actual.harm)
    assert "came too late" not in branch.note
    opened_viewer = press(compare, pygame.K_RETURN).scene
    assert f"The other choice at {clock(opened.tick)}, 0.0 s into the window" in \
        opened_viewer.model.facts


def test_the_arrows_choose_the_moment_and_a_late_one_is_named_too_late(ctx, library,
                                                                      tmp_path):
    chooser = _watched_lumbar(ctx, library, tmp_path)
    press(chooser, pygame.K_RIGHT)
    assert chooser.kind == "best"
    best = chooser.choices.moment("probe", "best")
    probe = chooser.labels()[chooser.options.index("probe")]
    assert probe.endswith(f" · at {clock(best.tick)}")
    assert chooser.moment_buttons[0].label == "At the model's best moment for that option"
    click = Intent(Act.CLICK, pos=chooser.moment_buttons[0].rect.center)
    assert chooser.on_intent(click) is None and chooser.kind == "recorded"
    assert chooser.moment_label().startswith("As recorded: the window's last moment")
    assert chooser.moment_buttons[0].label == chooser.moment_label()
    key = getattr(pygame, f"K_{chooser.options.index('takeover') + 1}")
    compare = press(chooser, key).scene
    late = chooser.choices.moment("takeover", "recorded")
    assert compare.heading == (f"What if? Decision 2: Take over at {clock(late.tick)}, the "
                               "window's last moment, as recorded")
    actual, branch = compare.columns
    assert (branch.learning, branch.harm) == (actual.learning, actual.harm)
    assert branch.path[1].text == "2. Take over: Take over the puncture (too late to act)"
    assert "Take over: " in branch.note and "came too late: the trainee's mistake came" \
        in branch.note
    assert "The supervisor had watched until the window closed." in branch.note


def test_the_moment_is_worded_for_each_kind():
    from game.ui.review.presenters import moment_detail, moment_label, moment_sentence
    assert moment_sentence("Probe", "opened", 220, None, True) == \
        "Probe at 0:22, when the window opened"
    assert moment_sentence("Probe", "best", 290, None, True) == \
        "Probe at 0:29, the model's best moment for it"
    assert moment_sentence("Take over", "best", 306, 86, True) == \
        "Take over at 0:30, the last moment before the window closed"
    assert moment_sentence("Cue", "recorded", 250, None, False) == \
        "Cue at 0:25, when the supervisor chose, as recorded"
    assert moment_label("recorded", 250, False) == "As recorded: when the supervisor chose (0:25)"
    assert moment_detail("best", 74, False, 86, True) == \
        "The model's best moment (8.6 s into the window) came after the window closed in " \
        "this run."
    assert moment_detail("opened", 0, True, None, True) == \
        "The window's opening was the model's best moment for it too."
    assert moment_detail("best", 60, True, None, True) == "6.0 s into the window."
    assert moment_detail("opened", 0, False, None, True) == ""


def test_a_best_moment_after_the_window_closed_is_named_pulled_back_in_the_chooser(
        ctx, library, tmp_path):
    """Lumbar puncture, watched decision 2: the trainee's mistake closes the window before
    the model's best moment for taking over, so the branch would take over at the last open
    tick. The option button says so before the room chooses, not only the comparison."""
    chooser = _watched_lumbar(ctx, library, tmp_path)
    press(chooser, pygame.K_RIGHT)
    assert chooser.kind == "best"
    late = chooser.choices.moment("takeover", "best")
    assert late.wanted is not None and late.at == chooser.choices.point.latest < late.wanted
    wanted = clock(late.tick - late.at + late.wanted)
    assert wanted != clock(late.tick)
    takeover = chooser.labels()[chooser.options.index("takeover")]
    assert takeover.endswith(
        f" · best {wanted} → {clock(late.tick)}, the latest this run allows")
    inside = chooser.choices.moment("probe", "best")
    assert inside.wanted is None
    probe = chooser.labels()[chooser.options.index("probe")]
    assert probe.endswith(f" · at {clock(inside.tick)}") and "latest" not in probe
    assert takeover in [b.label for b in chooser.buttons]  # what the button shows


def test_the_pulled_back_best_moment_is_worded_in_english_and_german():
    from game.app.branches import BranchMoment
    from game.i18n import Translator
    from game.ui.review.branch_compare import best_moment_note
    pulled = BranchMoment("best", 74, 306, wanted=86)  # best 0:31, the run's last tick 0:30
    assert best_moment_note(pulled, Translator("en")) == \
        " · best 0:31 → 0:30, the latest this run allows"
    assert best_moment_note(pulled, Translator("de")) == \
        " · am besten 0:31 → 0:30, der späteste Moment, den dieser Lauf zulässt"
    close = BranchMoment("best", 74, 306, wanted=77)  # later by less than a clock second
    assert best_moment_note(close, Translator("en")) == \
        " · at 0:30, the latest this run allows (the model's best is a moment later)"
    assert "kommt kurz danach" in best_moment_note(close, Translator("de"))
    assert best_moment_note(BranchMoment("best", 60, 292, True), Translator("en")) == \
        " · at 0:29"


@pytest.mark.parametrize("language", ["en", "de"])
def test_the_pulled_back_best_moment_fits_the_smallest_window_at_the_largest_text(
        make_ctx, library, tmp_path, language):
    """Two options say their best moment was pulled back (two lines each at 1024x600, Extra
    large): the chooser, every option and the hint stay inside the window, each option as
    tall as its words."""
    from game.i18n import Translator
    from game.ui.kit.button import button_need
    ctx = make_ctx((1024, 600), text_size="x-large")
    ctx.t = Translator(language)
    ctx.settings = ctx.settings.with_(language=language, text_size="x-large")
    chooser = _watched_lumbar(ctx, library, tmp_path)
    press(chooser, pygame.K_RIGHT)
    assert chooser.kind == "best"
    window = pygame.Rect(0, 0, 1024, 600)
    assert window.contains(chooser.box) and chooser.box.contains(chooser.hint_box)
    boxes = [b.rect for b in chooser.buttons]
    for i, (button, box) in enumerate(zip(chooser.buttons, boxes)):
        assert chooser.box.contains(box)
        assert box.height >= button_need(ctx, button.label, box.width, str(i + 1))
        assert not any(box.colliderect(other) for other in boxes[i + 1:])


@pytest.mark.parametrize("scenario_id", ["npwt_dressing", "lumbar_puncture"])
def test_the_chooser_branches_in_the_window_the_cursor_is_on(ctx, library, tmp_path,
                                                            scenario_id):
    """The viewer's decision number and the branch's decision index name the same window:
    for every decision of the timeline the chooser's branch point is that decision's node,
    opened at the tick the timeline shows it opening."""
    from game.app.branches import branch_choices
    parent = tmp_path / "p.jsonl"
    session = record(ctx, scenario_id, parent, policy="random", min_decisions=2)
    model = load_replay(str(parent), library.get)
    assert len(model.decisions) >= 2
    for mark in model.decisions:
        point = branch_choices(parent, session.scenario, mark.number).point
        assert (point.index, point.node, point.opened) == \
            (mark.number - 1, mark.node, mark.open_tick), mark.number
