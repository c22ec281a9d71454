"""Drawing the workshop stage (read-only: nothing here changes the scene or the session).

Header: the vignette, the clock and its state in words (▶ running, ❄ frozen, ⚠ vote). Left:
the procedure view above the narration (during a vote: the decision's cue, large), and a
meters line that stays hidden until the facilitator shows it. Right: what the room is doing
now: watching, voting (the vote desk), hearing the consequence, or at the end.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

import pygame

from game.ui.kit.button import Button, button_need, draw_buttons
from game.ui.kit.common import draw_footer, text_height
from game.ui.kit.layout import frame, split_x, split_y
from game.ui.kit.panels import panel
from game.ui.play.play_draw import draw_narration
from game.ui.play.presenters import TICK_MS
from game.ui.shell.context import UiContext
from game.ui.workshop.consequence_card import card_scrolls, draw_card
from game.ui.workshop.room_presenters import RoomVoteVM, room_vote_vm
from game.ui.workshop.stage_panel import draw_panel
from game.ui.workshop.view import fit, fit_text, status_badge
from game.ui.workshop.vote_draw import draw_vote, vote_targets
from game.ui.workshop.vote_layout import vote_regions

if TYPE_CHECKING:
    from game.ui.workshop.play import WorkshopPlayScene
    from game.ui.workshop.vote import VoteDesk


@dataclass(frozen=True)
class StageLayout:
    header: pygame.Rect
    status: pygame.Rect
    controls: pygame.Rect
    procedure: pygame.Rect
    narration: pygame.Rect
    meters: pygame.Rect
    panel: pygame.Rect
    footer: pygame.Rect


VOTE_PLANS = ((0.4, False), (0.32, False), (0.25, False), (0.25, True), (0.32, True),
              (0.4, True))
"""(the stage's share of the width, a short header) during a vote, tried in turn: the vote
panel takes more of the width, and then the vignette's title steps down to small text,
when the room's options would not all show (Extra large text); the last two keep a wider
stage for a long cue."""


def stage_layout(ctx: UiContext, phase: str, title: str = "", cue: str = "",
                 meters: tuple[str, ...] = (),
                 vote_plan: tuple[float, bool] = VOTE_PLANS[0], split: float = 0.5
                 ) -> StageLayout:
    """A wider right panel during a vote: the options are what the room reads then.

    The header band is as tall as the vignette's `title` needs at body size (a long title at
    the larger text sizes took two lines and scrolled); during a vote the procedure view
    gives the decision's `cue` the room it needs, down to a fifth of the column. The meters
    band is as tall as the `meters` lines need (German's harm line took two lines at Extra
    large and scrolled in one). `split`: the stage's share of the width outside a vote
    (the consequence card chooses it, `consequence_card.card_stage`)."""
    m = ctx.metrics
    width = ctx.size[0] - 2 * m.pad
    status_w, controls_w = _header_widths(ctx, width)
    title_w = width - controls_w - status_w - 2 * m.gap
    vote_left, short_title = vote_plan
    title_h = text_height(ctx, title, m.small if short_title else m.body, title_w, True) \
        if title else 0
    title_h = max(title_h, _stacked_controls_h(ctx, controls_w))
    f = frame(ctx.size, m, m.heading, title_h)
    header = pygame.Rect(f.header.x, f.header.y,
                         f.header.width - controls_w - status_w - 2 * m.gap, f.header.height)
    status = pygame.Rect(header.right + m.gap, f.header.y, status_w, f.header.height)
    controls = pygame.Rect(status.right + m.gap, f.header.y, controls_w, f.header.height)
    left, right = split_x(f.body, vote_left if phase == "vote" else split, m.pad)
    meters_h = meters_need(ctx, meters, left.width)
    upper, meters_box = split_y(left, left.height - meters_h - m.gap, m.gap)
    share = round(upper.height * 0.45)
    if phase == "vote" and cue:  # the picture gives way to the cue, wholly in a wide vote
        least = upper.height // 5 if vote_left >= VOTE_PLANS[0][0] else 0
        share = max(least, min(share, upper.height - m.gap - cue_need(ctx, cue, left.width)))
    procedure, narration = split_y(upper, share, m.gap)
    if phase == "vote" and share < ctx.line_height(m.small) * 2:  # no room left for it
        procedure, narration = pygame.Rect(upper.x, upper.y, upper.width, 0), upper
    return StageLayout(header, status, controls, procedure, narration, meters_box, right,
                       f.footer)


def meters_need(ctx: UiContext, lines: tuple[str, ...], width: int) -> int:
    """The meters band's height: each line whole at small, with room for the figures to
    grow ("0,0" becomes "12,4"), and never less than two lines."""
    m = ctx.metrics
    inner_w = width - 2 * m.gap
    need = sum(text_height(ctx, line + " 888", m.small, inner_w, True) for line in lines)
    return max(ctx.line_height(m.small, True) * 2, need) + m.gap


BADGE_WORDS = {"ended": ("good", "■", "Ended"), "vote": ("warn", "⚠", "Voting"),
               "consequence": ("warn", "‖", "Held"), "frozen": ("info", "❄", "Frozen"),
               "running": ("good", "▶", "Running")}
"""The clock's state for each phase: tone, symbol and word (message id)."""


def _header_widths(ctx: UiContext, width: int) -> tuple[int, int]:
    """The badge's and the two controls' widths: a fifth and 28% of the header, or what
    their longest words need at small in one line ("Einfrieren" broke mid-word in German)."""
    m, t = ctx.metrics, ctx.t
    font = ctx.theme.fonts.get(m.small, True)
    badge = max(font.size(f"{icon} {t(word)} 00:00")[0] for _, icon, word in BADGE_WORDS.values())
    button = max(max(round(m.small * 1.6), font.size(key)[0] + 8) + font.size(label)[0]
                 for key, label in (("F", t("Freeze")), ("F", t("Resume")), ("F1", t("Keys"))))
    status_w = min(width // 3, max(round(width * 0.2), badge + 2 * m.gap + 8))
    controls_w = min(width // 3, max(round(width * 0.28), 2 * (button + 4 * m.gap) + m.gap))
    return status_w, controls_w


def _stacked_controls_h(ctx: UiContext, width: int) -> int:
    """The header height Freeze and Keys need one above the other when their words do not
    fit side by side in `width` ("Einfrieren" broke mid-word at 1024x600), else 0."""
    m = ctx.metrics
    font = ctx.theme.fonts.get(m.small, True)
    need = max(max(round(m.small * 1.6), font.size(key)[0] + 8) + font.size(ctx.t(label))[0]
               for key, label in (("F", "Freeze"), ("F", "Resume"), ("F1", "Keys")))
    if (width - m.gap) // 2 >= need + 3 * m.gap:
        return 0
    return 2 * (ctx.line_height(m.small, True) + 8) + m.gap // 2


def _control_rects(ctx: UiContext, r: pygame.Rect) -> tuple[pygame.Rect, pygame.Rect]:
    """Freeze and Keys side by side, or one above the other (see `_stacked_controls_h`;
    the header band is made that tall)."""
    m = ctx.metrics
    half = (r.width - m.gap) // 2
    stacked = _stacked_controls_h(ctx, r.width)
    if not stacked or r.height < stacked:
        return (pygame.Rect(r.x, r.y, half, r.height),
                pygame.Rect(r.right - half, r.y, half, r.height))
    top = (r.height - m.gap // 2) // 2
    return (pygame.Rect(r.x, r.y, r.width, top),
            pygame.Rect(r.x, r.bottom - top, r.width, top))


def stage_buttons(ctx: UiContext, lay: StageLayout, scene: WorkshopPlayScene) -> list[Button]:
    """The header controls and, outside a vote, the panel's one main button."""
    t, m, r = ctx.t, ctx.metrics, lay.controls
    freeze, keys = _control_rects(ctx, r)
    buttons = [Button("freeze", t("Resume") if scene.frozen else t("Freeze"), freeze, "F"),
               Button("help", t("Keys"), keys, "F1")]
    spec = {"running": ("skip", t("Skip narration"), "S"),
            "consequence": ("continue", t("Continue the story"), "Enter"),
            "ended": ("summary", t("Compare with the optimal choices"), "Enter")
            }.get(scene.phase)
    if spec is not None:
        inner = lay.panel.inflate(-2 * m.gap, -2 * m.gap)
        h = button_need(ctx, spec[1], inner.width, spec[2], size=m.small)
        rect = pygame.Rect(inner.x, inner.bottom - h, inner.width, h)
        buttons.insert(0, Button(spec[0], spec[1], rect, spec[2]))
    return buttons


def vote_click_targets(scene: WorkshopPlayScene) -> dict[str, pygame.Rect]:
    assert scene.desk is not None
    regions = vote_regions(scene.ctx, scene.layout.panel, scene.desk, room_of(scene))
    return vote_targets(scene.ctx, regions, scene.desk)


def vote_shown(ctx: UiContext, lay: StageLayout, desk: VoteDesk,
               room: RoomVoteVM | None = None) -> int | None:
    """How many options of the vote have a row in `lay`, or None when its cue would not
    show whole beside them (a layout that squeezes the cue is no answer)."""
    m = ctx.metrics
    head, _ = _cue_texts(ctx)
    inner_w = lay.narration.width - 2 * m.gap
    cue_h = 3 * m.gap + text_height(ctx, head, m.small, inner_w, True) + \
        text_height(ctx, desk.vm.cue, m.small, inner_w)
    bold = ctx.theme.fonts.get(m.small, True)  # "Entscheidungspunkt" must not break
    if cue_h > lay.narration.height or \
            max(bold.size(w)[0] for w in f"{head} {desk.vm.cue}".split()) > inner_w:
        return None
    return len(vote_regions(ctx, lay.panel, desk, room).rows)


def vote_layout(ctx: UiContext, title: str, desk: VoteDesk, room: RoomVoteVM | None = None,
                meters: tuple[str, ...] = ()) -> StageLayout:
    """The stage during a vote: the first of `VOTE_PLANS` that shows every option with the
    cue whole, else the one showing the most options with the cue whole (else the first)."""
    m = ctx.metrics
    bold = ctx.theme.fonts.get(m.small, True)
    head, _ = _cue_texts(ctx)
    longest = max(bold.size(w)[0] for w in f"{head} {desk.vm.cue}".split())
    least = (longest + 2 * m.gap + 4) / max(1, ctx.size[0] - 3 * m.pad)  # no word breaks
    best, most = None, -1
    for left, short_title in VOTE_PLANS:
        plan = (max(left, least), short_title)
        lay = stage_layout(ctx, "vote", title, desk.vm.cue, meters, plan)
        shown = vote_shown(ctx, lay, desk, room)
        if shown is not None and shown > most:
            best, most = lay, shown
        if shown == len(desk.vm.rows):
            break
    return best or stage_layout(ctx, "vote", title, desk.vm.cue, meters)


def room_of(scene: WorkshopPlayScene) -> RoomVoteVM | None:
    """What the projector says about the phones during a vote (None without phones)."""
    phones = scene.phones
    return room_vote_vm(phones, scene.ctx.t) if phones is not None and phones.server else None


def clock_text(scene: WorkshopPlayScene) -> str:
    seconds = scene.session.state.tick * TICK_MS // 1000
    return f"{seconds // 60}:{seconds % 60:02d}"


def draw_stage(scene: WorkshopPlayScene, surface: pygame.Surface) -> None:
    ctx, lay, m = scene.ctx, scene.layout, scene.ctx.metrics
    surface.fill(ctx.palette.background)
    fit_text(ctx, surface, scene.scenario.title, lay.header, (m.heading, m.body, m.small),
             ctx.palette.text, True, "left", "center")
    _draw_status(scene, surface, lay.status)
    # What play_draw.draw_procedure does; that one is typed for PlayScene, this screen has
    # its own motion and clock.
    covered = scene.phase == "consequence" and scene.card_plan is not None  # by the card
    if lay.procedure.height and not covered:  # during a wide vote it may give way to the cue
        scene.motion.draw(ctx, surface, lay.procedure, scene.time_s)
    if scene.phase == "vote" and scene.desk is not None:
        _draw_cue(ctx, surface, lay.narration, scene.desk.vm.cue)
        draw_vote(ctx, surface, lay.panel, scene.desk, room_of(scene))
    elif scene.phase == "consequence" and scene.card:
        if not covered:
            draw_narration(ctx, surface, lay.narration, scene.lines)
        draw_card(scene, surface)
    else:
        draw_narration(ctx, surface, lay.narration, scene.lines)
        draw_panel(scene, surface)
    if not covered or scene.meters_shown:  # the card covers a band that shows no figures
        _draw_meters(scene, surface, lay.meters)
    draw_buttons(ctx, surface, scene.buttons,
                 scene.focus.current if scene.phase != "vote" else None, m.small)
    draw_footer(ctx, surface, lay.footer, scene.message or _hint(scene))


def _draw_status(scene: WorkshopPlayScene, surface: pygame.Surface, rect: pygame.Rect) -> None:
    """The clock's state in a symbol and a word for each phase (colour only repeats it)."""
    t, phase = scene.ctx.t, scene.phase
    key = "frozen" if phase == "running" and scene.frozen else phase
    tone, icon, word = BADGE_WORDS[key]
    status_badge(scene.ctx, surface, rect, tone, icon, f"{t(word)} {clock_text(scene)}")


def _cue_texts(ctx: UiContext) -> tuple[str, str]:
    return (ctx.t("⚠ Decision point · time is frozen"),
            ctx.t("What would you do? The room votes with the numbers on the right."))


def cue_need(ctx: UiContext, cue: str, width: int) -> int:
    """The height the cue panel needs for its heading, the cue at small and the question."""
    m = ctx.metrics
    head, ask = _cue_texts(ctx)
    inner_w = width - 2 * m.gap
    return (4 * m.gap + text_height(ctx, head, m.small, inner_w, True) +
            text_height(ctx, cue, m.small, inner_w) + text_height(ctx, ask, m.small, inner_w))


def _draw_cue(ctx: UiContext, surface: pygame.Surface, rect: pygame.Rect, cue: str) -> None:
    """The decision's cue, as large as the panel lets it be (the preset's sizes, never below
    its floor): the room reads it while it votes."""
    m, p = ctx.metrics, ctx.palette
    panel(ctx, surface, rect, border=p.warn)
    inner = rect.inflate(-2 * m.gap, -2 * m.gap)
    head, ask = _cue_texts(ctx)
    line = pygame.Rect(inner.x, inner.y, inner.width, ctx.line_height(m.body, True))
    head_size = fit(ctx, head, line, (m.body, m.small), True)
    head_h = text_height(ctx, head, head_size, inner.width, True)
    ctx.text(surface, head, pygame.Rect(inner.x, inner.y, inner.width, head_h), head_size,
             p.warn, True)
    ask_h = text_height(ctx, ask, m.small, inner.width)
    if text_height(ctx, cue, m.small, inner.width) > inner.height - head_h - ask_h - 2 * m.gap:
        ask, ask_h = "", -m.gap  # the cue first; the footer also says how the room votes
    box = pygame.Rect(inner.x, inner.y + head_h + m.gap, inner.width,
                      inner.height - head_h - ask_h - 2 * m.gap)
    fit_text(ctx, surface, cue, box, (m.heading, m.body, m.small), p.text)
    if ask:
        ctx.text(surface, ask, pygame.Rect(inner.x, inner.bottom - ask_h, inner.width, ask_h),
                 m.small, p.muted)


def _draw_meters(scene: WorkshopPlayScene, surface: pygame.Surface, rect: pygame.Rect) -> None:
    ctx, m = scene.ctx, scene.ctx.metrics
    panel(ctx, surface, rect)
    inner = rect.inflate(-2 * m.gap, -m.gap)
    if not scene.meters_shown:
        ctx.text(surface, ctx.t("Meters hidden · M shows them"), inner,
                 m.small, ctx.palette.muted, False, "left", "center")
        return
    vm = scene.meters
    learning_h = text_height(ctx, vm.learning_text, m.small, inner.width, True)
    top = pygame.Rect(inner.x, inner.y, inner.width, learning_h)
    ctx.text(surface, vm.learning_text, top, m.small, ctx.palette.good, True)
    ctx.text(surface, vm.harm_text, pygame.Rect(inner.x, top.bottom, inner.width,
                                                inner.bottom - top.bottom), m.small,
             ctx.palette.harm if vm.harm else ctx.palette.text, True)


def _hint(scene: WorkshopPlayScene) -> str:
    """The keys line for the phase; its short form when the full one would need more lines
    than the footer has (German at 1024x600 scrolled). F1 lists every key anyway."""
    t = scene.ctx.t
    full, short = {
        "vote": (t("1-9 vote · Shift+1-9 undo · H hot seat · R reveal · Enter follow · "
                   "Backspace last decision · F1 keys"),
                 t("1-9 vote · R reveal · Enter follow · F1 keys")),
        "consequence": (t("Enter continue · Up/Down or the wheel: more of the card · Esc "
                          "leave · F1 help"), t("Enter continue · F1 keys")) if card_scrolls(scene)
        else (t("Enter continue · M meters · A note · Backspace last decision · F1 keys"),
              t("Enter continue · F1 keys")),
        "ended": (t("R scores · Enter compare · Backspace last decision · Esc leave · F1 keys"),
                  t("R scores · Enter compare · F1 keys")),
    }.get(scene.phase, (t("F freeze · S skip · M meters · A note · Backspace last decision · "
                          "Esc leave · F1 keys"), t("F freeze · S skip · Esc leave · F1 keys")))
    footer, size = scene.layout.footer, scene.ctx.metrics.small
    return full if text_height(scene.ctx, full, size, footer.width) <= footer.height else short
