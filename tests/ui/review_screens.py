"""The facilitator's review screens (viewer, branch, debrief, history) for the layout tests.

Merged into `screens.SCREENS`, so each is drawn at every supported size and text size.
Recordings are made headless here; the history's go into the (temporary) logs folder.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from game import paths
from game.app.branches import run_branch
from game.core.state import SessionConfig
from game.headless import ScriptedPolicy, play_out
from game.replay.annotations import Note, add_note
from game.replay.session import RecordedSession
from game.scoring.params import ModelParams
from game.ui.debrief.debrief import DebriefScene
from game.ui.history.history import HistoryScene
from game.ui.kit.text_entry import TextEntryOverlay
from game.ui.review.branch_compare import BranchChooser, BranchCompareScene
from game.ui.review.outcome import OutcomeScene
from game.ui.review.viewer import ReplayViewerScene, load_replay
from game.ui.shell.context import UiContext
from game.ui.shell.scene import Scene


def record(ctx: UiContext, scenario_id: str, path: str | Path, policy: str = "watch",
           min_decisions: int = 2, player: str = "sup-test") -> RecordedSession:
    """A finished, logged headless session with at least `min_decisions` decisions."""
    scenario = ctx.services.catalogue().get(scenario_id)
    if scenario is None:
        pytest.skip(f"{scenario_id} is not valid right now")
    for seed in range(1, 60):
        config = SessionConfig(scenario.id, seed, scenario.trainees[-1].id)
        session = play_out(RecordedSession(scenario, config, ModelParams(), path, player=player,
                                           started_at=f"2025-03-0{1 + seed % 9}T10:00:00+00:00"),
                           ScriptedPolicy(policy, seed=seed))
        if len(session.score.decisions) >= min_decisions:
            return session
    raise AssertionError(f"no seed gives {min_decisions} decisions in {scenario_id}")


def viewer(ctx: UiContext, log: str, decision: int = 0, notes: bool = False) -> Scene:
    record(ctx, "npwt_dressing", log, min_decisions=3)
    if notes:
        add_note(log, Note(30, "She hesitated here: ask what she felt through the gauze."))
        add_note(log, Note(95, "Good recovery after the cue", decision="x"))
    scene = ReplayViewerScene(ctx, load_replay(log, ctx.services.catalogue().get))
    scene.resize()
    if decision:
        scene.cursor.jump_to(decision)
        scene._sync()
    return scene


def _note_entry(ctx: UiContext, log: str) -> list[Scene]:
    base = viewer(ctx, log, decision=1)
    entry = TextEntryOverlay(ctx, "Add a note", "Note at 0:31 · decision 1", lambda s: None,
                             "Ask the room what they would have said to her?")
    return [base, entry]


def _chooser(ctx: UiContext, log: str) -> list[Scene]:
    base = viewer(ctx, log, decision=2)
    return [base, BranchChooser(ctx, base.model, base.decision)]


def _compare(ctx: UiContext, log: str) -> list[Scene]:
    base = viewer(ctx, log, decision=1)
    d = base.decision
    other = next(o.option for o in d.detail.options if o.option != d.detail.chosen)
    run = run_branch(log, base.model.scenario, d.number, other)
    return [BranchCompareScene(ctx, base.model, run)]


def _debrief(ctx: UiContext, log: str, phase: int, index: int = 0) -> list[Scene]:
    record(ctx, "medication_dosing", log, min_decisions=2)
    add_note(log, Note(40, "Room split 50/50 on stepping in here"))
    scene = DebriefScene(ctx, log, ctx.services.catalogue().get)
    scene.wait()
    scene.phase = phase
    scene.index[phase] = index
    return [scene]


def _history(ctx: UiContext, log: str) -> list[Scene]:
    folder = paths.logs_dir()
    first = folder / "20250301-100000_lumbar_puncture.jsonl"
    record(ctx, "lumbar_puncture", first, min_decisions=1)
    record(ctx, "medication_dosing", folder / "20250302-100000_medication_dosing.jsonl")
    tampered = folder / "20250303-100000_medication_dosing.jsonl"
    record(ctx, "medication_dosing", tampered, policy="takeover")
    lines = tampered.read_text(encoding="utf-8").splitlines()
    lines[1] = lines[1].replace('"seq":1', '"seq":7')
    tampered.write_text("\n".join(lines) + "\n", encoding="utf-8")
    (folder / "junk.jsonl").write_text("not a log\n", encoding="utf-8")
    scenario = ctx.services.catalogue().get("lumbar_puncture")
    run_branch(first, scenario, 1, "takeover")
    return [HistoryScene(ctx)]


def _outcome_logged(ctx: UiContext, log: str) -> list[Scene]:
    session = record(ctx, "lumbar_puncture", log, min_decisions=1)
    return [OutcomeScene(ctx, session.scenario, session)]


REVIEW_SCREENS: dict[str, Callable[[UiContext, str], list[Scene]]] = {
    "replay-start": lambda ctx, log: [viewer(ctx, log, notes=True)],
    "replay-decision": lambda ctx, log: [viewer(ctx, log, decision=1, notes=True)],
    "replay-error": lambda ctx, log: [ReplayViewerScene(ctx, load_replay(
        log + ".missing", ctx.services.catalogue().get))],
    "note-entry": _note_entry,
    "branch-chooser": _chooser,
    "branch-compare": _compare,
    "debrief-reactions": lambda ctx, log: _debrief(ctx, log, 0),
    "debrief-description": lambda ctx, log: _debrief(ctx, log, 1, 5),
    "debrief-analysis": lambda ctx, log: _debrief(ctx, log, 2, 1),
    "debrief-summary": lambda ctx, log: _debrief(ctx, log, 3, 1),
    "history": _history,
    "outcome-logged": _outcome_logged,
}

