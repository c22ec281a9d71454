"""The settings screen by keyboard: every change saved and applied at once; a corrupt file
is reported and replaced, never a crash."""

from __future__ import annotations

import json

import pygame
import pytest

from game import paths
from game.config import Settings, load_settings
from game.ui.settings.settings import (
    ROWS,
    SettingsScene,
    apply_audio,
    arrows,
    step_setting,
    value_text,
)
from game.ui.shell.scene import Pop
from game.ui.shell.sound import SoundBank
from game.ui.shell.voice import Voice
from tests.ui.helpers import press


def open_settings(ctx) -> SettingsScene:
    scene = SettingsScene(ctx)
    scene.resize()
    return scene


def focus(scene: SettingsScene, name: str) -> None:
    for _ in range(len(ROWS) + 1):
        if scene.focus.current == name:
            return
        press(scene, pygame.K_DOWN)
    raise AssertionError(f"no row {name}")


def test_every_row_is_reachable_by_keyboard(ctx):
    scene = open_settings(ctx)
    seen = [scene.focus.current]
    for _ in range(len(ROWS)):
        press(scene, pygame.K_TAB)
        seen.append(scene.focus.current)
    assert seen == [*ROWS, "back"]
    assert press(scene, pygame.K_RETURN) == Pop()  # Back
    assert press(scene, pygame.K_ESCAPE) == Pop()


def test_text_size_is_saved_and_applied_at_once(ctx, home):
    scene = open_settings(ctx)
    sentinel = ctx.cache.render("old", ctx.theme.fonts.get(20), (1, 2, 3))
    body_before = scene.rows["text_size"].height
    press(scene, pygame.K_RIGHT)
    assert ctx.settings.text_size == "large" and ctx.theme.fonts.scale == pytest.approx(1.2)
    assert ctx.cache.render("old", ctx.theme.fonts.get(20), (1, 2, 3)) is not sentinel
    assert load_settings(paths.settings_path()) == (ctx.settings, None)
    assert scene.rows["text_size"].height >= body_before
    press(scene, pygame.K_LEFT)
    press(scene, pygame.K_LEFT)
    assert ctx.settings.text_size == "small"
    press(scene, pygame.K_LEFT)
    assert ctx.settings.text_size == "small"  # a scale stops at its ends


def test_right_past_extra_large_stays_extra_large(ctx, home):
    scene = open_settings(ctx)
    for _ in range(5):
        press(scene, pygame.K_RIGHT)
    assert ctx.settings.text_size == "x-large"
    assert load_settings(paths.settings_path())[0].text_size == "x-large"
    assert arrows(ctx.settings, "text_size") == ("◀", " ")  # no ▶ at the end
    press(scene, pygame.K_RETURN)  # Enter (or a click) is "next value": it goes round
    assert ctx.settings.text_size == "small"


def test_unordered_choices_still_wrap_with_the_arrows(ctx, home):
    scene = open_settings(ctx)
    focus(scene, "palette")
    press(scene, pygame.K_RIGHT)
    press(scene, pygame.K_RIGHT)
    assert ctx.settings.palette == Settings().palette


def test_language_palette_and_pace(ctx, home):
    scene = open_settings(ctx)
    focus(scene, "language")
    press(scene, pygame.K_RETURN)
    assert ctx.settings.language == "de" and ctx.t("Settings") == "Einstellungen"
    assert scene.back.label == "Zurück"
    focus(scene, "palette")
    press(scene, pygame.K_RIGHT)
    assert ctx.settings.palette == "high-contrast" and ctx.palette.background == (0, 0, 0)
    focus(scene, "pace")
    press(scene, pygame.K_RIGHT)
    assert ctx.settings.pace == "faster"
    saved = json.loads(paths.settings_path().read_text())
    assert (saved["language"], saved["palette"], saved["pace"]) == ("de", "high-contrast",
                                                                    "faster")


def test_volume_and_mute_apply_to_the_live_sound_bank(ctx, home):
    bank = SoundBank(volume=0.6)
    ctx.services.cue = bank.play
    scene = open_settings(ctx)
    focus(scene, "volume")
    press(scene, pygame.K_LEFT)
    assert bank.volume == pytest.approx(0.5) and ctx.settings.volume == pytest.approx(0.5)
    for _ in range(8):
        press(scene, pygame.K_RIGHT)
    assert bank.volume == pytest.approx(1.0)  # stops at the top
    focus(scene, "muted")
    press(scene, pygame.K_RETURN)
    assert bank.muted and bank.play("harm") is False
    assert value_text(ctx.settings, "muted", ctx.t) == "Off (muted)"


def test_self_voicing_switches_the_live_voice(ctx, home):
    voice = Voice(enabled=False)
    ctx.services.say = voice.say
    apply_audio(ctx.services, Settings(self_voicing=True, language="de"))
    assert voice.enabled == (voice.engine is not None) and voice.language == "de"
    apply_audio(ctx.services, Settings(self_voicing=False))
    assert not voice.enabled


def test_the_app_hook_sees_every_change(ctx, home):
    seen = []
    ctx.on_settings = seen.append
    scene = open_settings(ctx)
    focus(scene, "fullscreen")
    press(scene, pygame.K_RETURN)
    assert seen and seen[-1].fullscreen


@pytest.mark.parametrize("content", ["{not json", "[1, 2]", '{"text_size": "huge"}'])
def test_a_corrupt_file_is_reported_and_replaced(ctx, home, content):
    path = paths.settings_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(content, encoding="utf-8")
    scene = open_settings(ctx)
    assert scene.problem and "settings.json" in scene.problem
    assert load_settings(path)[1] is None  # replaced by a readable file
    ctx.recorder = []
    scene.draw(pygame.Surface(ctx.size))
    assert any(scene.problem in p.text for p in ctx.recorder)


def test_step_setting_is_pure():
    s = Settings()
    assert step_setting(s, "show_meters", 1).show_meters is False
    assert step_setting(s, "volume", -10).volume == 0.0
    assert step_setting(s, "pace", -1).pace == "slower"
    assert s == Settings()
