"""History: every log listed newest first; broken ones listed with the verifier's reason."""

from __future__ import annotations

import os

import pygame

from game import paths
from game.app.branches import run_branch
from game.replay.annotations import Note, add_note
from game.ui.debrief.debrief import DebriefScene
from game.ui.history.history import HistoryScene
from game.ui.history.model import history_rows
from game.ui.review.viewer import ReplayViewerScene
from game.ui.shell.scene import Pop, Push
from tests.ui.helpers import press
from tests.ui.review_screens import record


def _logs(ctx, home):
    folder = paths.logs_dir()
    older = folder / "20250101-090000_lumbar_puncture.jsonl"
    newer = folder / "20250102-090000_medication_dosing.jsonl"
    record(ctx, "lumbar_puncture", older, min_decisions=1)
    record(ctx, "medication_dosing", newer, min_decisions=2)
    tampered = folder / "20250103-090000_lumbar_puncture.jsonl"
    record(ctx, "lumbar_puncture", tampered, policy="takeover", min_decisions=1)
    text = tampered.read_text(encoding="utf-8").replace('"seq":1', '"seq":9', 1)
    tampered.write_text(text, encoding="utf-8")
    (folder / "garbage.jsonl").write_bytes(b"\xff\xfe not a log")
    add_note(older, Note(5, "a note"))  # its sidecar is not a log
    for i, path in enumerate((older, newer, tampered)):
        os.utime(path, (1_000_000 + i, 1_000_000 + i))
    return folder, older, newer, tampered


def test_rows_newest_first_with_tampered_and_unreadable_listed(ctx, library, home):
    folder, older, newer, tampered = _logs(ctx, home)
    rows = history_rows(folder, library.get)
    names = [r.name for r in rows]
    assert len(rows) == 4 and not any(n.endswith(".notes.jsonl") for n in names)
    by_name = {r.name: r for r in rows}
    broken = by_name[tampered.name]
    assert not broken.ok and "broken hash chain" in broken.problem
    assert broken.word == "Not verified" and broken.symbol == "✖"
    junk = by_name["garbage.jsonl"]
    assert not junk.ok and not junk.readable and "unreadable log" in junk.problem
    good = by_name[older.name]
    assert good.ok and good.title == library.get("lumbar_puncture").title
    assert "Practice" in good.facts and "Complete: " in good.facts
    assert good.word in ("Safe", "Caution", "Unsafe")
    dated = [r for r in rows if r.readable]
    assert [r.sort_key for r in dated] == sorted((r.sort_key for r in dated), reverse=True)
    assert names.index(newer.name) < names.index(older.name)


def test_history_scene_opens_viewer_and_debrief_and_sees_new_branches(ctx, library, home):
    folder, older, _, tampered = _logs(ctx, home)
    scene = HistoryScene(ctx)
    scene.resize()
    assert len(scene.rows) == 4 and scene.focus.current == scene.rows[0].path
    target = next(i for i, r in enumerate(scene.rows) if r.path == str(older))
    for _ in range(target):
        press(scene, pygame.K_DOWN)
    assert scene.selected.path == str(older)
    opened = press(scene, pygame.K_RETURN)
    assert isinstance(opened, Push) and isinstance(opened.scene, ReplayViewerScene)
    assert not opened.scene.model.error
    debrief = press(scene, pygame.K_d)
    assert isinstance(debrief, Push) and isinstance(debrief.scene, DebriefScene)
    debrief.scene.loader.wait()
    run_branch(older, library.get("lumbar_puncture"), 1, "takeover")
    scene.update(16)  # back on top: the list is rebuilt
    assert len(scene.rows) == 5 and scene.selected.path == str(older)
    branch = next(r for r in scene.rows if ".branch-1-takeover" in r.name)
    assert branch.ok and "branch of" in branch.branch_of and older.name in branch.facts
    press(scene, pygame.K_HOME)
    assert scene.focus.current == scene.rows[0].path
    press(scene, pygame.K_END)
    assert scene.focus.current == scene.rows[-1].path
    assert isinstance(press(scene, pygame.K_ESCAPE), Pop)


def test_tampered_log_opens_with_a_warning_and_empty_history_says_so(ctx, library, home):
    scene = HistoryScene(ctx)
    scene.resize()
    assert scene.rows == [] and press(scene, pygame.K_RETURN) is None
    scene.draw(pygame.Surface(ctx.size))
    assert any("No recorded sessions yet" in p.text for p in ctx.recorder)
    _, _, _, tampered = _logs(ctx, home)
    scene.reload()
    scene.focus.focus(str(tampered))
    viewer = press(scene, pygame.K_RETURN).scene
    assert "edited, removed or reordered" in viewer.model.warning
