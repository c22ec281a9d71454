"""Drawing the play screen (read-only: nothing here changes the scene or the session).

Left: the procedure view above the running narration. Right: the decision panel, which
shows the cue, the countdown with seconds left and one button per rung of the intervention
ladder while a decision point is open, and a skip button during narration.
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

import pygame

from game.store.results import SaveReport
from game.ui.kit.button import Button, draw_buttons, warm_button
from game.ui.kit.common import draw_footer, section, text_height
from game.ui.kit.layout import PlayLayout
from game.ui.kit.panels import panel, progress_bar
from game.ui.kit.vocabulary import mode_name
from game.ui.play import consequence_draw, option_list
from game.ui.play.consequence import visible_lines
from game.ui.play.decision_layout import (
    PICTURE_LINES,
    heading,
    panel_regions,
    paused_heading,
)
from game.ui.play.meters_draw import (
    compact_meters_height,
    draw_compact_meters,
    draw_meters,
    meter_rects,
)
from game.ui.play.presenters import PlayVM, key_span
from game.ui.shell.context import UiContext

if TYPE_CHECKING:
    from game.ui.play.play import PlayScene

LINE_COLOURS = {"narration": "text", "you": "accent", "outcome": "text", "window": "warn",
                "harm": "harm", "end": "accent"}
"""An ending is never green here: the play screen cannot yet say whether it was safe (an
unsafe ending in green misled players; the outcome's safety rating carries the verdict)."""
LINE_PREFIX = {"harm": "⚠ ", "window": "▶ ", "end": "■ "}


def panel_buttons(ctx: UiContext, lay: PlayLayout, vm: PlayVM) -> list[Button]:
    m = ctx.metrics
    area = panel_regions(ctx, lay, vm)["buttons"]
    if vm.phase == "decision":
        return option_list.option_buttons(ctx, area, list(vm.options))
    rect = pygame.Rect(area.x, area.y, area.width, m.button_h)
    if vm.phase == "narration":
        return [Button("skip", ctx.t("Skip narration"), rect, "S")]
    return [Button("outcome", ctx.t("See the outcome"), rect, "Enter")]


def continue_button(ctx: UiContext, lay: PlayLayout) -> Button:
    """The one button while a consequence card is held, at the foot of the panel."""
    m = ctx.metrics
    inner = lay.panel.inflate(-2 * m.gap, -2 * m.gap)
    h = max(m.button_h, ctx.line_height(m.body, True) + m.gap)
    return Button("continue", ctx.t("Continue"), pygame.Rect(inner.x, inner.bottom - h,
                                                            inner.width, h), "Enter")


def shown_buttons(scene: PlayScene) -> tuple[list[Button], option_list.OptionWindow | None]:
    """The panel buttons on screen now: while a decision is open, the options that fit with
    the focused one among them (the drawing and the mouse hit-test share this)."""
    if scene.vm.phase != "decision" or scene.card is not None:
        return scene.buttons, None
    area = panel_regions(scene.ctx, scene.layout, scene.vm)["buttons"]
    window = option_list.option_window(scene.ctx, area, scene.buttons, scene.focus.current,
                                       scene.option_top)
    return window.shown, window


def control_items(scene: PlayScene) -> list[tuple[str, str, str]]:
    """(id, label, key) of the buttons at the top right; assessment has only help."""
    t = scene.ctx.t
    if scene.assessment:
        return [("help", t("Help"), "F1")]
    return [("pause", t("Resume") if scene.paused else t("Pause"), "P"),
            ("meters", t("Meters"), "M"), ("help", t("Help"), "F1")]


def button_width(ctx: UiContext, label: str, key: str, size: int) -> int:
    """The width a button needs to show `label` and its key hint on one line."""
    m = ctx.metrics
    bold = ctx.theme.fonts.get(size, True)
    key_w = max(round(size * 1.6), bold.size(key)[0] + 8) if key else 0
    # bold: a selected button (Meters while shown) draws its label bold, which is wider
    return ctx.theme.fonts.get(size, True).size(label)[0] + key_w + 4 * m.gap


def fit_controls(ctx: UiContext, lay: PlayLayout, items: list[tuple[str, str, str]]
                 ) -> PlayLayout:
    """Give the controls the width their labels need (at most half the header band), taking
    it from the title beside them."""
    widths = [button_width(ctx, label, key, ctx.metrics.small) for _, label, key in items]
    band = lay.header.union(lay.controls)
    gap = ctx.metrics.gap
    want = min(band.width // 2, sum(widths) + gap * (len(widths) - 1))
    header = pygame.Rect(band.x, band.y, band.width - want - gap, band.height)
    controls = pygame.Rect(band.right - want, lay.controls.y, want, lay.controls.height)
    return replace(lay, header=header, controls=controls)


def control_buttons(scene: PlayScene) -> list[Button]:
    """Pause, meters and help at the top right (the meters button is marked while shown)."""
    ctx, r, gap = scene.ctx, scene.layout.controls, scene.ctx.metrics.gap
    items = control_items(scene)
    needs = [button_width(ctx, label, key, ctx.metrics.small) for _, label, key in items]
    scale = min(1.0, (r.width - gap * (len(items) - 1)) / max(1, sum(needs)))
    buttons, x = [], r.x
    for (id_, label, key), need in zip(items, needs):
        w = round(need * scale)
        buttons.append(Button(id_, label, pygame.Rect(x, r.y, w, r.height), key,
                              selected=id_ == "meters" and scene.show_meters))
        x += w + gap
    return buttons


def result_note(ctx: UiContext, saved: SaveReport | None) -> str:
    """What the outcome screen says about the history: saved, repaired or not saved."""
    if saved is None:
        return ""
    if saved.saved:
        return "✔ " + ctx.t("Result saved") + (f" ({saved.problem})" if saved.problem else "")
    return "⚠ " + ctx.t("Result not saved: {problem}", problem=saved.problem or "?")


def header_title(scene: PlayScene, elapsed: str) -> str:
    """The header line: mode, vignette and the time into it."""
    return f"{mode_name(scene.mode, scene.ctx.t)} · {scene.scenario.title} · {elapsed}"


def draw_play(scene: PlayScene, surface: pygame.Surface) -> None:
    ctx, lay, vm = scene.ctx, scene.layout, scene.vm
    m = ctx.metrics
    surface.fill(ctx.palette.background)
    ctx.text(surface, header_title(scene, vm.elapsed), lay.header, scene.title_size,
             ctx.palette.text, True, "left", "center")
    draw_buttons(ctx, surface, scene.controls, None, m.small)
    procedure, strip, narration = left_column(scene)
    if procedure.height > 0:
        draw_procedure(scene, surface, procedure)
    full = meter_rects(ctx, lay, True)[0]
    if strip is not None and full is not None and strip.height < full.height:
        draw_compact_meters(ctx, surface, strip, scene.meters)  # above a decision's cue
    elif strip is not None:
        draw_meters(ctx, surface, strip, scene.meters)
    if narration is not None:
        draw_narration(ctx, surface, narration, earlier_lines(scene), scene.back)
    if scene.card is not None:
        consequence_draw.draw_card(scene, surface)
    else:
        draw_panel(scene, surface)
    if vm.paused and procedure.height > 0:  # else the panel's heading says it
        draw_paused(ctx, surface, procedure)
    if scene.notice_text and procedure.height > 0 and scene.card is None:
        draw_notice(ctx, surface, procedure, scene.notice_text)
    elif scene.notice_text:  # no picture (or a card over it): it stands for the key hints
        ctx.text(surface, "ℹ " + scene.notice_text, lay.footer, m.small, ctx.palette.warn,
                 True, "left", "center")
        return
    draw_footer(ctx, surface, lay.footer, footer_text(scene))


def left_column(scene: PlayScene) -> tuple[pygame.Rect, pygame.Rect | None, pygame.Rect | None]:
    """The procedure view, the meters strip and the narration, each None when not drawn.

    While a decision's box sits at the foot of the column (see `panel_regions`) the meters
    stay shown (the Meters button says they are) just above it, the procedure view gives
    up what the two need, and the narration keeps what is left only when that is at least
    three lines: a sliver of one line scrolling beside the cue is unreadable, and the
    lines come back as soon as the decision is made. A picture shorter than
    `PICTURE_LINES` is not drawn (its height is 0): its labels would have no room, and the
    words in the decision's box say what it would show."""
    ctx, lay, m = scene.ctx, scene.layout, scene.ctx.metrics
    strip, narration = meter_rects(ctx, lay, scene.show_meters, scene.meters)
    info = panel_regions(ctx, lay, scene.vm).get("info") if scene.card is None else None
    if info is None:
        return lay.procedure, strip, narration
    bottom = info.y - m.gap // 2
    if strip is not None:
        h = compact_meters_height(ctx, strip.width, scene.meters) or strip.height
        strip = pygame.Rect(strip.x, bottom - h, strip.width, h)
        bottom = strip.y - m.gap
    procedure = lay.procedure.copy()  # the layout's own rectangles stay as they are
    procedure.height = min(procedure.height, bottom - procedure.y)
    rest = pygame.Rect(lay.narration.x, procedure.bottom + m.gap, lay.narration.width,
                       bottom - procedure.bottom - m.gap)
    narration_shown = rest.height >= narration_need(ctx)
    if not narration_shown:
        procedure.height = bottom - procedure.y  # the picture takes the sliver: no gap
    if procedure.height < PICTURE_LINES * ctx.line_height(m.body):
        procedure.height = 0
    return procedure, strip, rest if narration_shown else None


def earlier_lines(scene: PlayScene) -> list:
    """The transcript for the narration box: while the decision's box holds the decision's
    own narration (see `panel_regions`), the lines before it, so it is not read twice."""
    lines = scene.lines
    if scene.card is not None or not lines or lines[-1].text != scene.vm.narration:
        return lines
    if "story" not in panel_regions(scene.ctx, scene.layout, scene.vm):
        return lines
    return lines[:-1]


def narration_need(ctx: UiContext) -> int:
    """The least height the narration is drawn in: three lines of its text."""
    return ctx.line_height(ctx.metrics.body) * 3 + 2 * ctx.metrics.gap


def footer_text(scene: PlayScene) -> str:
    """The keys that work now: the number keys the open decision uses (a second option on
    one rung takes 6 and up; none while narration runs, when they do nothing), and R while
    "Rate the trainee first" is offered."""
    t = scene.ctx.t
    if scene.card is not None:  # the number keys choose nothing while the card is held
        if not consequence_draw.card_scrolls(scene):  # the whole card is in view
            return t("Enter continue · Esc leave · F1 help")
        return t("Enter continue · Up/Down or the wheel: more of the card · Esc leave · F1 help")
    if any(b.id == "rate" for b in scene.buttons):
        return t("R rate the trainee · Enter activate · Tab/arrows focus · Esc leave · F1 help")
    if scene.vm.phase == "ended":  # nothing left to choose or skip
        return t("Enter activate · Tab/arrows focus · Esc leave · F1 help")
    keys = key_span([o.key for o in scene.vm.options]) if scene.vm.phase == "decision" else ""
    if not keys:  # narration (or no option offered): the number keys choose nothing
        if scene.assessment:
            return t("Assessment: no pause · Tab/arrows focus · Enter activate · S or → skip · "
                     "Esc leave · F1 help")
        return t("Tab/arrows focus · Enter activate · P pause · M meters · S or → skip · "
                 "Esc leave · F1 help")
    if scene.assessment:
        return t("Assessment: no pause · {keys} choose · Tab/arrows focus · Enter activate · "
                 "S or → skip · Esc leave · F1 help", keys=keys)
    return t("{keys} choose · Tab/arrows focus · Enter activate · P pause · M meters · "
             "S or → skip · Esc leave · F1 help", keys=keys)


def draw_notice(ctx: UiContext, surface: pygame.Surface, rect: pygame.Rect, text: str) -> None:
    """A short message over the bottom of the procedure view (e.g. "No pause in assessment")."""
    m, p = ctx.metrics, ctx.palette
    h = ctx.line_height(m.body, True) * 2 + m.gap
    box = pygame.Rect(rect.x + m.gap, rect.bottom - h - m.gap, rect.width - 2 * m.gap, h)
    panel(ctx, surface, box, p.panel_alt, p.warn)
    ctx.text(surface, "ℹ " + text, box.inflate(-2 * m.gap, -m.gap // 2), m.body, p.text, True,
             "center", "center")


def draw_procedure(scene: PlayScene, surface: pygame.Surface, rect: pygame.Rect) -> None:
    """The procedure picture of any screen with a `motion` and a `time_s` (play, workshop,
    replay viewer)."""
    scene.motion.draw(scene.ctx, surface, rect, scene.time_s)


def draw_narration(ctx: UiContext, surface: pygame.Surface, rect: pygame.Rect,
                   lines: list, back: int = 0) -> None:
    """The newest lines that fit, whole lines only, oldest at the top and muted; scrolled
    back by `back` lines, with a last line saying how to return to the newest."""
    m, p = ctx.metrics, ctx.palette
    panel(ctx, surface, rect)
    inner = rect.inflate(-2 * m.gap, -2 * m.gap)
    lines = visible_lines(lines, back)
    if back:
        note_h = ctx.line_height(m.small, True)
        note = pygame.Rect(inner.x, inner.bottom - note_h, inner.width, note_h)
        ctx.text(surface, "↓ " + ctx.t("{n} newer lines: Page Down or the wheel", n=back),
                 note, m.small, p.focus, True)
        inner.height -= note_h + m.gap // 2
    font = ctx.theme.fonts.get(m.body)
    shown: list[tuple[str, str, int]] = []
    used = 0
    for line in reversed(lines):
        text = LINE_PREFIX.get(line.kind, "") + line.text
        h = ctx.cache.render(text, font, p.text, inner.width).get_height()
        if shown and used + h > inner.height:
            break
        shown.append((text, line.kind, h))
        used += h + m.gap // 2
    y = inner.y
    for age, (text, kind, h) in reversed(list(enumerate(shown))):
        box = pygame.Rect(inner.x, y, inner.width, min(h, inner.bottom - y))
        colour = getattr(p, LINE_COLOURS.get(kind, "text")) if age < 2 or back else p.muted
        ctx.text(surface, text, box, m.body, colour)
        y = box.bottom + m.gap // 2


def draw_panel(scene: PlayScene, surface: pygame.Surface) -> None:
    ctx, vm = scene.ctx, scene.vm
    m, p = ctx.metrics, ctx.palette
    border = p.warn if vm.phase == "decision" else None
    panel(ctx, surface, scene.layout.panel, border=border)
    r = panel_regions(ctx, scene.layout, vm)
    if "info" in r:
        panel(ctx, surface, r["info"], border=border)
    if vm.phase == "decision":
        text, colour = decision_heading(scene, r)
        ctx.text(surface, text, r["heading"], m.heading, colour, True)
        if "story" in r:  # the cue set apart from the story it follows by its colour
            ctx.text(surface, vm.narration, r["story"], m.body)
        ctx.text(surface, vm.cue, r["cue"], m.body, p.warn if "story" in r else p.text)
        ctx.text(surface, vm.countdown, r["countdown"], m.body, p.text, True)
        colour = p.bad if vm.seconds_left < 3 else p.warn  # the text says the seconds too
        progress_bar(ctx, surface, r["bar"], vm.fraction_left, colour)
    elif vm.phase == "narration":
        ctx.text(surface, heading(ctx, vm), r["heading"], m.heading, p.text, True)
        ctx.text(surface, ctx.t("Watch and read. When a mistake is about to happen, a decision "
                                "point opens here with a countdown."), r["hint"], m.body,
                 p.muted)
        progress_bar(ctx, surface, r["bar"], vm.fraction_left, p.accent)
        skip = scene.buttons[0].rect if scene.buttons else r["buttons"]
        room = pygame.Rect(r["buttons"].x, skip.bottom + m.pad, r["buttons"].width,
                           r["buttons"].bottom - skip.bottom - m.pad)
        if room.height > ctx.line_height(m.body) * 3:
            section(ctx, surface, room, ctx.t("In the room"), scene.room, p.muted)
    else:
        ctx.text(surface, heading(ctx, vm), r["heading"], m.heading, p.accent,
                 True)  # not green: the outcome says whether it was safe
        ctx.text(surface, vm.end_title, r["hint"], m.heading, p.text, True)
    shown, window = shown_buttons(scene)
    if vm.phase == "decision" and vm.chosen:  # on its way: the choice marked, no other
        shown = [replace(b, selected=b.id == vm.chosen, enabled=b.id == vm.chosen)
                 for b in shown]
    draw_buttons(ctx, surface, shown, scene.focus.current)
    if vm.phase == "decision" and not vm.chosen:
        warm_chosen_looks(ctx, shown)
    if window is not None:
        option_list.draw_note(ctx, surface, window)


def decision_heading(scene: PlayScene, regions: dict[str, pygame.Rect]
                     ) -> tuple[str, tuple[int, int, int]]:
    """The decision panel's heading and colour: while paused with no picture on screen to
    shade and label (the decision's box took its room), it says how to resume instead."""
    ctx = scene.ctx
    if scene.vm.paused and "story" in regions and left_column(scene)[0].height == 0:
        return paused_heading(ctx), ctx.palette.focus
    return heading(ctx, scene.vm), ctx.palette.warn


def warm_chosen_looks(ctx: UiContext, shown: list[Button]) -> None:
    """While the player reads the options, render how they will look once one is chosen (the
    choice bold, the others greyed), one label a frame: the key's frame then blits them
    instead of rendering every label at once, which made it 2.4x an ordinary frame at Extra
    large (make bench)."""
    for button in shown:
        for look in (replace(button, selected=True, enabled=True),
                     replace(button, selected=False, enabled=False)):
            if warm_button(ctx, look):
                return


def draw_paused(ctx: UiContext, surface: pygame.Surface, rect: pygame.Rect) -> None:
    """Shade the procedure view and say how to resume, on a panel of its own (over the
    picture's own labels the words were hard to read), as tall as the words need (two
    lines at Extra large in a narrow column), never cut."""
    m, p = ctx.metrics, ctx.palette
    shade = pygame.Surface(rect.size, pygame.SRCALPHA)
    shade.fill((0, 0, 0, 150))
    surface.blit(shade, rect.topleft)
    text = "‖ " + ctx.t("Paused: press P to resume")
    width = rect.width - 2 * m.gap
    need = text_height(ctx, text, m.heading, width - 2 * m.gap, True)
    box = pygame.Rect(0, 0, width, need + m.gap)
    box.center = rect.center
    box.clamp_ip(surface.get_rect())
    panel(ctx, surface, box, p.panel_alt, p.focus)
    ctx.text(surface, text, box.inflate(-2 * m.gap, -m.gap // 2), m.heading, p.focus, True,
             "center", "center")
