"""Exporting a profile's history from the Profile screen (E): a CSV, the path said, or why not."""

from __future__ import annotations

import csv
import os
from datetime import datetime

import pygame
import pytest

import game.app.profiles as app_profiles
from game.app.profiles import create_profile, export_profile, switch_to
from game.store import open_history
from game.ui.profiles.profiles import ProfilesScene
from tests.store.generate import Habits, history
from tests.ui.conftest import SIZES
from tests.ui.helpers import press


@pytest.fixture
def two(home):
    db, _ = open_history()
    with db:
        mine, other = create_profile(db, "Night owl"), create_profile(db, "Lark")
        db.add_many([r.with_(player=mine.id) for r in history(5, Habits())])
        db.add_many([r.with_(uid=f"o{n}.jsonl", player=other.id)
                     for n, r in enumerate(history(2, Habits()))])
    switch_to(mine)
    return mine


def test_e_exports_the_focused_profile_and_says_where(ctx, home, two):
    scene = ProfilesScene(ctx)
    scene.resize()
    assert scene.focus.current == two.id
    press(scene, pygame.K_e)
    (out,) = (home / "exports").glob("*.csv")
    assert out.name.startswith("safetynet-Night_owl-")
    with open(out, encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert len(rows) == 5 and {r["player"] for r in rows} == {two.id}
    assert scene.notice == f"Exported 5 sessions of Night owl to {out}"
    scene.draw(pygame.Surface(ctx.size))
    assert any(p.text == scene.notice for p in ctx.recorder)
    assert any("E export CSV" in p.text for p in ctx.recorder)


def test_a_failed_export_says_why_and_leaves_no_half_file(ctx, home, two, monkeypatch):
    def full_disk(*args, **kwargs):
        raise OSError(28, "No space left on device")
    monkeypatch.setattr(app_profiles, "export_csv", full_disk)
    scene = ProfilesScene(ctx)
    scene.resize()
    press(scene, pygame.K_e)
    assert scene.notice == "Not exported: No space left on device"
    assert list((home / "exports").iterdir()) == []


def test_export_into_a_read_only_folder_raises_for_the_screen(home, two, tmp_path):
    if os.geteuid() == 0:
        pytest.skip("root writes into read-only folders")
    folder = tmp_path / "ro"
    folder.mkdir()
    folder.chmod(0o500)
    db, _ = open_history()
    with db, pytest.raises(OSError):
        export_profile(db, two, folder, datetime(2025, 1, 2, 3, 4, 5))


@pytest.mark.parametrize("size", SIZES)
def test_the_export_line_fits_with_the_largest_text(make_ctx, home, two, size):
    ctx = make_ctx(size, text_size="x-large")
    scene = ProfilesScene(ctx)
    scene.resize()
    press(scene, pygame.K_e)
    ctx.recorder.clear()
    scene.draw(pygame.Surface(size))
    said = next(p for p in ctx.recorder if p.text == scene.notice)
    assert said.box.contains(said.rect) and not said.scrolled
