"""Where the consequence card's parts go: which column holds "What you did", and whether the
"read, then Enter" hint is shown (#13).

The card has two columns: the wide left one (over the procedure and narration) and the
panel on the right, which ends in the Continue button. By default the left holds what you
did and what the trainee did, the right "What happened" (patient, learning) and the hint.
At Extra large the trainee's lines need more than the left column while the right stood
half empty under the hint, so the trainee part scrolled though the card had room. The plan
is measured instead: "What you did" moves to the top of the right column when the left
would scroll and the right has room; the hint (the Continue button and the footer say the
same) gives way before anything scrolls. Only when no plan fits does one part scroll: the
trainee's, in the left column, which is always several lines tall. The planning and the
parts' drawing are shared with the workshop's card (`game.ui.kit.card_columns`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import pygame

from game.ui.kit.card_columns import CardPlan, Part, plan_columns
from game.ui.kit.card_columns import part_need as card_part_need
from game.ui.kit.common import text_height

if TYPE_CHECKING:
    from game.ui.play.play import PlayScene


def left_box(scene: PlayScene) -> pygame.Rect:
    """The inside of the card's left column (over the procedure and the narration), inset
    as the right one is: a wider margin took 18 px of every line at 1024x600, a line more of
    what the trainee did at Extra large."""
    m, lay = scene.ctx.metrics, scene.layout
    return lay.procedure.union(lay.narration).inflate(-2 * m.gap, -2 * m.gap)


def right_box(scene: PlayScene) -> pygame.Rect:
    """The inside of the right column down to just above the Continue button."""
    m, lay = scene.ctx.metrics, scene.layout
    inner = lay.panel.inflate(-2 * m.gap, -2 * m.gap)
    bottom = scene.buttons[0].rect.top - m.gap if scene.buttons else inner.bottom
    return pygame.Rect(inner.x, inner.y, inner.width, bottom - inner.y)


def part_need(scene: PlayScene, part: Part, width: int) -> int:
    """Height of a part's small heading over its text, and the gap below it."""
    return card_part_need(scene.ctx, part, width)


def hint_need(scene: PlayScene, width: int) -> int:
    """The hint's height (the words only: assessment's bar of the fixed hold always shows)."""
    ctx = scene.ctx
    assert scene.card is not None
    return text_height(ctx, scene.card.continue_hint, ctx.metrics.body, width)


def bar_need(scene: PlayScene) -> int:
    """Assessment's bar of the fixed hold and the gap under it (0 in practice)."""
    m = scene.ctx.metrics
    return bar_height(scene) + m.gap if scene.assessment else 0


def bar_height(scene: PlayScene) -> int:
    return max(8, round(scene.ctx.metrics.body * 0.4))


def title_need(scene: PlayScene, width: int) -> int:
    """The "What happened" heading and the gap under it."""
    ctx = scene.ctx
    return text_height(ctx, ctx.t("What happened"), ctx.metrics.heading, width, True) + \
        ctx.metrics.gap


def plan_card(scene: PlayScene, parts: list[Part]) -> CardPlan:
    """The first plan in which nothing scrolls, in order of preference (the usual layout;
    "What you did" on the right; the same without the hint); when none fits, the plan whose
    right column fits with the least left to scroll on the left (`kit.card_columns`)."""
    left, right = left_box(scene), right_box(scene)
    needs_l = [part_need(scene, p, left.width) for p in parts[:2]]
    needs_r = [part_need(scene, p, right.width) for p in parts]
    fixed = title_need(scene, right.width) + sum(needs_r[2:]) + bar_need(scene)
    return plan_columns(left.height, right.height, needs_l, needs_r[:2], fixed,
                        hint_need(scene, right.width), scene.ctx.metrics.gap)
