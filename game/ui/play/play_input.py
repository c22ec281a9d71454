"""What a key press or a click means on the play screen: `PlayScene.on_intent` in full.

Kept apart from the scene's clock and recording so each reads on its own. Everything here
returns what the input means (a `Command` for the simulation or a `Transition`) instead of
acting on it, except the scene's own toggles (pause, meters, scrollback, the card).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from game.core.commands import Intervene, Skip
from game.ui.kit.focus import hit
from game.ui.play import consequence_draw, option_list, trainee_rating
from game.ui.play.decision_layout import panel_regions
from game.ui.play.play_draw import left_column, shown_buttons
from game.ui.shell.input import Act, Intent
from game.ui.shell.scene import Pop, Push, Result

if TYPE_CHECKING:
    from game.ui.play.play import PlayScene

ACTIVATE_GUARD_S = 0.5
"""Enter/Space are ignored this long after a decision opens, so a player pressing Enter to
skip narration does not choose an option by accident (number keys and clicks still work)."""


def on_intent(scene: PlayScene, intent: Intent) -> Result:
    act, phase = intent.act, scene.vm.phase
    if act is Act.BACK:
        return _confirm_leave(scene)
    if act is Act.SCROLL and _over_options(scene):
        _scroll_options(scene, intent.amount)
        return None
    if act is Act.SCROLL and _scroll_story(scene, intent.amount):
        return None
    if act is Act.SCROLL or (act in (Act.UP, Act.DOWN) and
                             (phase != "decision" or scene.card is not None)):
        rows = intent.amount if act is Act.SCROLL else (-1 if act is Act.UP else 1)
        if scene.card is not None and consequence_draw.scroll_card(scene, rows):
            return None
        if act is not Act.SCROLL and _scroll_newest_entry(scene, rows):
            return None
        scene.scroll(rows)
        return None
    if scene.card is not None:
        return _on_card(scene, intent)
    if act in (Act.PAUSE, Act.AWAY) and _nothing_to_pause(scene):
        return None
    if act is Act.PAUSE or (act is Act.AWAY and not scene.paused and scene.rules.pause_allowed):
        scene.toggle_pause()  # away: a window must not run out unseen (practice)
        return None
    if act is Act.METERS:
        scene.toggle_meters()
        return None
    if act is Act.RATE:  # R: only while "Rate the trainee first" is offered
        return activate(scene, "rate") if any(b.id == "rate" for b in scene.buttons) else None
    if act is Act.CHOOSE and phase == "decision":
        return _choose_number(scene, intent.number)
    if act in (Act.SKIP, Act.RIGHT) and phase == "narration":
        return Skip()
    if act in (Act.CLICK, Act.HOVER):
        return _pointer(scene, intent)
    if act in (Act.NEXT, Act.DOWN, Act.RIGHT):
        scene.focus.move(1)
        _follow_focus(scene)
    elif act in (Act.PREV, Act.UP, Act.LEFT):
        scene.focus.move(-1)
        _follow_focus(scene)
    elif act is Act.ACTIVATE:
        if phase == "decision" and scene.time_s - scene.opened_at < ACTIVATE_GUARD_S:
            return None
        return activate(scene, scene.focus.current)
    return None


def _on_card(scene: PlayScene, intent: Intent) -> Result:
    """While the card is held only continuing (and leaving, help) mean anything."""
    if intent.act is Act.ACTIVATE:
        scene.release_card()
    elif intent.act is Act.CHOOSE:
        scene.late_key()
    elif intent.act in (Act.CLICK, Act.HOVER):
        return _pointer(scene, intent)
    return None


def _nothing_to_pause(scene: PlayScene) -> bool:
    """The vignette has ended and runs no more: a pause would only shade the picture."""
    return scene.session.finished and not scene.paused


def _choose_number(scene: PlayScene, number: int) -> Result:
    for option in scene.vm.options:
        if option.key == number:
            if not scene.vm.chosen:  # the choice on its way is the one in view and ringed
                scene.focus.focus(option.id)
                _follow_focus(scene)
            return Intervene(scene.node_id, option.id)
    return None


def activate(scene: PlayScene, item: str | None) -> Result:
    if item is None:
        return None
    if item == "continue":
        scene.release_card()
        return None
    if item == "skip":
        return Skip() if scene.vm.phase == "narration" else None
    if item == "outcome":
        return scene.to_outcome()
    if item == "rate":
        return trainee_rating.ask_rating(scene)
    if item in ("pause", "meters"):
        if item == "meters" or not _nothing_to_pause(scene):
            (scene.toggle_pause if item == "pause" else scene.toggle_meters)()
        return None
    if item == "help":
        from game.ui.kit.dialogs import HelpOverlay
        return Push(HelpOverlay.over(scene.ctx, scene))  # the play screen's rows (R, 6-9)
    if scene.vm.phase == "decision" and any(o.id == item for o in scene.vm.options):
        return Intervene(scene.node_id, item)
    return None


def _scroll_newest_entry(scene: PlayScene, rows: int) -> bool:
    """Up and Down first scroll the newest narration entry when it is taller than its box
    (at Extra large an opening paragraph is; the wheel already scrolled it, the keys went
    to older entries, so a keyboard player never read its end). False when the entry is
    whole or already at that end, and while older lines are scrolled back: then the keys
    move between entries as before."""
    narration = left_column(scene)[2]
    if narration is None or scene.back or scene.card is not None:
        return False
    regions = [r for r in scene.ctx.scrolls.regions.values() if narration.contains(r.box)]
    if not regions:
        return False
    newest = max(regions, key=lambda r: r.box.bottom)
    now = scene.ctx.scrolls.offset(newest.key, newest.limit)
    if (rows < 0 and now == 0) or (rows > 0 and now >= newest.limit):
        return False
    return scene.ctx.scrolls.wheel(newest.box.center, rows)


def _scroll_story(scene: PlayScene, amount: int) -> bool:
    """Page Up/Down (and the wheel off the options) scroll the decision's own narration
    where it is taller than its part of the decision's box (a long German paragraph at
    Extra large in 1024x600): the arrows move between the options there, and the
    narration column it would be scrolled back in is not drawn. A page is the box's lines
    but one; False when the narration is whole or not in the decision's box."""
    if scene.vm.phase != "decision" or scene.card is not None:
        return False
    story = panel_regions(scene.ctx, scene.layout, scene.vm).get("story")
    regions = [r for r in scene.ctx.scrolls.regions.values()
               if story is not None and story.contains(r.box)]
    if not regions:
        return False
    box = regions[0].box
    lines = max(1, box.height // scene.ctx.line_height(scene.ctx.metrics.body) - 1)
    rows = (1 if amount > 0 else -1) * (lines if abs(amount) > 1 else 1)
    return scene.ctx.scrolls.wheel(box.center, rows)


def _over_options(scene: PlayScene) -> bool:
    """The wheel scrolls the options when the mouse is over the decision panel and they do
    not all fit; elsewhere (or with no mouse seen) it scrolls the narration back."""
    if scene.pointer is None or not scene.layout.panel.collidepoint(scene.pointer):
        return False
    window = shown_buttons(scene)[1]
    return window is not None and window.note is not None


def _scroll_options(scene: PlayScene, notches: int) -> None:
    area = panel_regions(scene.ctx, scene.layout, scene.vm)["buttons"]
    scene.option_top, focused = option_list.scrolled(
        scene.ctx, area, scene.buttons, scene.focus.current, scene.option_top, notches)
    if focused is not None:
        scene.focus.focus(focused)


def _follow_focus(scene: PlayScene) -> None:
    """Keep the scroll offset where the window now is, so the list moves no further than
    the focus needs (Tab down, then up, does not jump back to the top)."""
    window = shown_buttons(scene)[1]
    if window is not None:
        scene.option_top = window.above


def _pointer(scene: PlayScene, intent: Intent) -> Result:
    scene.pointer = intent.pos
    rects = {b.id: b.rect for b in shown_buttons(scene)[0]}
    controls = {b.id: b.rect for b in scene.controls}
    item = hit(rects, intent.pos)
    if intent.act is Act.HOVER:
        if item is not None:
            scene.focus.focus(item)
        return None
    return activate(scene, item or hit(controls, intent.pos))


def _confirm_leave(scene: PlayScene) -> Result:
    from game.ui.kit.dialogs import ConfirmDialog
    if scene.session.finished:
        return Pop()
    t = scene.ctx.t
    return Push(ConfirmDialog(scene.ctx, t("Leave this vignette?"), _leave_text(scene),
                              t("Leave"), t("Keep playing"), yes=Pop(2)))


def _leave_text(scene: PlayScene) -> str:
    """Practice that is recorded is saved when left and can be resumed (`PlayScene.close`),
    so the player is told so; assessment (and unrecorded play) ends without an outcome."""
    t = scene.ctx.t
    if not scene.assessment and scene.record_results and scene.session.log_path is not None:
        return t("Kept for later: resume it from the title screen or History.")
    return t("The session stops here. Its log is kept and can be replayed, but it will have "
             "no outcome.")
