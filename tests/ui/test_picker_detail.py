"""The vignette picker's description beside the list: paged by Page Up / Page Down (it
scrolled by the mouse wheel only), named in the footer only when it scrolls, and given the
room the unplayable files' list does not need."""

from __future__ import annotations

import shutil

import pygame

from game.content.catalogue import load_catalogue
from game.paths import scenarios_dir
from game.ui.home.picker import MAX_INVALID_SHARE, PickerScene
from game.ui.kit.common import section_need
from tests.ui.helpers import press


def _picker(make_ctx, size, text_size) -> PickerScene:
    picker = PickerScene(make_ctx(size, text_size=text_size))
    picker.resize()
    return picker


def _description(picker: PickerScene):
    picker.ctx.recorder = []
    picker.ctx.scrolls.begin_frame()  # as the app does before each frame
    picker.draw(pygame.Surface(picker.ctx.size))
    box = picker.detail_box()
    body = next(p for p in picker.ctx.recorder if p.box == box)
    footer = picker.ctx.recorder[-1].text
    return body, footer


def test_page_keys_scroll_the_pickers_description_when_it_does_not_fit(make_ctx, home):
    picker = _picker(make_ctx, (1024, 600), "x-large")
    ctx = picker.ctx
    body, footer = _description(picker)
    assert body.scrolled and "PgUp/PgDn description" in footer
    region = ctx.scrolls.regions[tuple(picker.detail_box())]
    line = ctx.line_height(ctx.metrics.body)
    page = (picker.detail_box().height // line - 1) * line  # a box less a line
    focused = picker.focus.current
    press(picker, pygame.K_PAGEDOWN)
    assert picker.focus.current == focused  # the list stays where it is
    assert ctx.scrolls.offsets[region.key] == min(page, region.limit)
    for _ in range(20):  # to the end, never past it
        _description(picker)
        press(picker, pygame.K_PAGEDOWN)
    assert ctx.scrolls.offsets[region.key] == region.limit > 0
    _description(picker)
    press(picker, pygame.K_PAGEUP)
    assert ctx.scrolls.offsets[region.key] == max(0, region.limit - page)
    for _ in range(20):
        _description(picker)
        press(picker, pygame.K_PAGEUP)
    assert ctx.scrolls.offsets[region.key] == 0


def test_the_footer_names_page_keys_only_when_the_description_scrolls(make_ctx, home):
    picker = _picker(make_ctx, (1280, 720), "normal")
    body, footer = _description(picker)
    assert not body.scrolled and "PgUp" not in footer
    press(picker, pygame.K_PAGEDOWN)  # nothing to page: nothing happens
    assert not picker.ctx.scrolls.offsets


def _with_broken(tmp_path, broken: int):
    """The shipped library plus `broken` files that cannot be played."""
    tmp_path.mkdir()
    for source in scenarios_dir().glob("*.yaml"):
        shutil.copy(source, tmp_path)
    for i in range(broken):
        (tmp_path / f"broken{i}.yaml").write_text(f"id: broken{i}\ntitle: 3\nnodes: [\n")
    return load_catalogue(tmp_path)


def test_the_unplayable_files_take_only_the_room_they_need(make_ctx, home, tmp_path):
    one = PickerScene(make_ctx((1024, 600), text_size="x-large",
                               catalogue=_with_broken(tmp_path / "one", 1)))
    one.resize()
    right = one.layout.detail.union(one.layout.invalid)
    need = section_need(one.ctx, right.width, *one.invalid_text())
    assert one.layout.invalid.height == need < right.height * MAX_INVALID_SHARE - 40
    one.ctx.recorder = []
    one.draw(pygame.Surface(one.ctx.size))
    listed = [p for p in one.ctx.recorder if p.box.colliderect(one.layout.invalid)]
    assert listed and not [p.text for p in listed if p.scrolled]  # all of it, whole
    many = PickerScene(make_ctx((1024, 600), text_size="x-large",
                                catalogue=_with_broken(tmp_path / "many", 9)))
    many.resize()
    assert many.layout.invalid.height == round(right.height * MAX_INVALID_SHARE)
    assert many.layout.detail.height < one.layout.detail.height
