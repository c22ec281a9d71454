"""Screen layouts: rectangles computed from the window size, never hard-coded positions.

Pure functions of (size, metrics) so every scene can re-layout on VIDEORESIZE and the layout
tests can check 1024x600 and 1280x720 without a window.
"""

from __future__ import annotations

from dataclasses import dataclass

from pygame import Rect

from game.ui.shell.context import Metrics


def stack(area: Rect, heights: list[int], gap: int) -> list[Rect]:
    """Rectangles of the given heights stacked top-down in `area` (full width)."""
    rects, y = [], area.y
    for h in heights:
        rects.append(Rect(area.x, y, area.width, h))
        y += h + gap
    return rects


def split_x(area: Rect, fraction: float, gap: int) -> tuple[Rect, Rect]:
    left_w = round((area.width - gap) * fraction)
    left = Rect(area.x, area.y, left_w, area.height)
    return left, Rect(left.right + gap, area.y, area.right - left.right - gap, area.height)


def split_y(area: Rect, top_h: int, gap: int) -> tuple[Rect, Rect]:
    top = Rect(area.x, area.y, area.width, top_h)
    return top, Rect(area.x, top.bottom + gap, area.width, area.bottom - top.bottom - gap)


def even_rows(area: Rect, count: int, gap: int, max_h: int) -> list[Rect]:
    """`count` rows sharing `area` evenly, none taller than `max_h`."""
    if count <= 0:
        return []
    h = min(max_h, (area.height - gap * (count - 1)) // count)
    return stack(area, [h] * count, gap)


def share(total: int, needs: list[int], gap: int) -> list[int]:
    """Split `total` (minus gaps) among parts by what each needs: every part gets its need
    when they all fit (the spare space goes to the last), else a proportional share."""
    room = total - gap * (len(needs) - 1)
    wanted = sum(needs)
    if not needs or wanted <= 0:
        return [room // max(1, len(needs))] * len(needs)
    if wanted <= room:
        return needs[:-1] + [needs[-1] + room - wanted]
    shares = [room * n // wanted for n in needs]
    shares[-1] += room - sum(shares)
    return shares


@dataclass(frozen=True)
class Frame:
    header: Rect
    body: Rect
    footer: Rect


def frame(size: tuple[int, int], m: Metrics, header_px: int | None = None,
          title_h: int = 0) -> Frame:
    """Header band, body and a footer line for key hints: the skeleton of every screen.

    `title_h` is the height the screen's title needs at the chosen text size (see
    `kit.text.text_height`): a title too long for one line gets a taller band, never a
    smaller font."""
    w, h = size
    header_h = max(round(m.line(header_px or m.title) * 1.2), title_h + m.gap // 2)
    # Key hints wrap onto a second line at the larger text sizes (they never shrink).
    footer_h = round(m.line(m.small) * (1.4 if m.text <= 1.0 else 2.2))
    header = Rect(m.pad, m.pad // 2, w - 2 * m.pad, header_h)
    footer = Rect(m.pad, h - footer_h - m.pad // 3, w - 2 * m.pad, footer_h)
    body = Rect(m.pad, header.bottom + m.gap, w - 2 * m.pad,
                footer.y - header.bottom - 2 * m.gap)
    return Frame(header, body, footer)


@dataclass(frozen=True)
class PickerLayout:
    header: Rect
    list: Rect
    row_h: int
    detail: Rect
    invalid: Rect | None
    footer: Rect


def picker_layout(size: tuple[int, int], m: Metrics, has_invalid: bool) -> PickerLayout:
    f = frame(size, m)
    left, right = split_x(f.body, 0.6, m.pad)
    row_h = m.line((m.heading + m.body) // 2) + m.line(m.small) + m.gap * 3
    if has_invalid:
        detail, invalid = split_y(right, round(right.height * 0.56), m.gap)
    else:
        detail, invalid = right, None
    return PickerLayout(f.header, left, row_h, detail, invalid, f.footer)


@dataclass(frozen=True)
class BriefingLayout:
    header: Rect
    left: Rect
    profiles_label: Rect
    profiles: Rect
    start: Rect
    footer: Rect


def briefing_layout(size: tuple[int, int], m: Metrics, title_h: int = 0) -> BriefingLayout:
    """Regions only: the sections and cards inside them are sized by their text (`share`)."""
    f = frame(size, m, m.heading, title_h)
    left, right = split_x(f.body, 0.5, m.pad)
    label, rest = split_y(right, m.line(m.heading), m.gap // 2)
    profiles, start = split_y(rest, rest.height - m.button_h - m.gap, m.gap)
    return BriefingLayout(f.header, left, label, profiles, start, f.footer)


@dataclass(frozen=True)
class PlayLayout:
    header: Rect
    controls: Rect
    procedure: Rect
    narration: Rect
    panel: Rect
    footer: Rect


def play_layout(size: tuple[int, int], m: Metrics, title_h: int = 0) -> PlayLayout:
    f = frame(size, m, m.heading, title_h)
    bw = round(f.header.width * 0.3)
    header = Rect(f.header.x, f.header.y, f.header.width - bw - m.gap, f.header.height)
    controls = Rect(header.right + m.gap, f.header.y, bw, f.header.height)
    left, panel = split_x(f.body, 0.5, m.pad)
    procedure, narration = split_y(left, round(left.height * 0.52), m.gap)
    return PlayLayout(header, controls, procedure, narration, panel, f.footer)


@dataclass(frozen=True)
class OutcomeLayout:
    header: Rect
    badge: Rect
    summary: Rect
    decisions: Rect
    buttons: list[Rect]
    footer: Rect


def outcome_layout(size: tuple[int, int], m: Metrics, n_buttons: int,
                   title_h: int = 0) -> OutcomeLayout:
    """At the larger text sizes the buttons go in rows of three, two lines tall, so their
    labels keep the chosen size (five in a row left a word no room: "Zurückspul-en")."""
    f = frame(size, m, m.heading, title_h)
    badge_w = round(230 * m.scale)
    header = Rect(f.header.x, f.header.y, f.header.width - badge_w - m.gap, f.header.height)
    badge = Rect(header.right + m.gap, f.header.y + 2, badge_w, f.header.height - 4)
    large = m.text > 1.0
    per_row = min(n_buttons, 3) if large else max(1, n_buttons)
    rows = -(-n_buttons // per_row)
    button_h = max(m.button_h, m.line(m.body) * 2 + m.gap) if large else m.button_h
    band_h = rows * button_h + (rows - 1) * m.gap
    body, bottom = split_y(f.body, f.body.height - band_h - m.gap, m.gap)
    summary, decisions = split_x(body, 0.42, m.pad)
    bw = (bottom.width - m.gap * (per_row - 1)) // per_row
    if not large:
        bw = min(round(300 * m.scale), bw)
    buttons = []
    for i in range(n_buttons):
        row, col = divmod(i, per_row)
        in_row = min(per_row, n_buttons - row * per_row)
        x = bottom.right - (in_row - col) * (bw + m.gap) + m.gap
        buttons.append(Rect(x, bottom.y + row * (button_h + m.gap), bw, button_h))
    return OutcomeLayout(header, badge, summary, decisions, buttons, f.footer)


def centred(size: tuple[int, int], fw: float, fh: float, min_h: int = 0) -> Rect:
    w, h = round(size[0] * fw), max(min_h, round(size[1] * fh))
    return Rect((size[0] - w) // 2, (size[1] - h) // 2, w, min(h, size[1]))


def shown_from(heights: list[int], gap: int, room: int, first: int) -> int:
    """How many blocks, from `first` on, fit whole in `room` (at least one, which then
    scrolls inside itself if it is taller than the room)."""
    used, count = 0, 0
    for h in heights[first:]:
        if count and used + gap + h > room:
            break
        used += (gap if count else 0) + h
        count += 1
    return count


def keep_in_view(heights: list[int], gap: int, room: int, first: int, index: int) -> int:
    """The first block to show so that block `index` is in view, moving as little as
    possible from `first` (a list following the keyboard focus)."""
    if index < first:
        return index
    while first < index and first + shown_from(heights, gap, room, first) <= index:
        first += 1
    return first


def last_start(heights: list[int], gap: int, room: int) -> int:
    """The first block to show when scrolled to the end (the last blocks fill the room)."""
    first = len(heights) - 1
    while first > 0 and shown_from(heights, gap, room, first - 1) >= len(heights) - first + 1:
        first -= 1
    return max(0, first)


def row_window(heights: list[int], space: int, gap: int, keep: int,
               start: int = 0) -> tuple[int, int]:
    """(first, count): the most whole rows from `start` (moved up to `keep` if above it) that
    fit in `space` and include row `keep`; if it lies below them, the window moves down just
    enough to end at `keep` (at least one row shows)."""
    def fits(first: int, last: int) -> bool:
        return sum(heights[first:last + 1]) + (last - first) * gap <= space
    first = min(start, keep)
    while first < keep and not fits(first, keep):
        first += 1
    last = first
    while last + 1 < len(heights) and fits(first, last + 1):
        last += 1
    return first, last - first + 1
