"""Cohort figures (SVG): a bounded number per scenario version, whatever the number of logs.

Per version: one figure of the decision points and outcomes (the moment of intervention in
the window as a histogram per decision point, timeouts as a separate hatched "watched" bar,
regret as box plots, learning and harm as histograms) and one of risk-weight intervals. Per
pooled dimension (kind of failure, supervision distance): one figure. The choice counts are
bars in the HTML table, next to the full option text.

They are written as SVG by `svgkit` rather than drawn with matplotlib: their fixed cost was
most of a cohort report's time (issue 17), and bars, boxes and lines need no raster engine.

Risk weights are ratios (learning points per harm point), so they are drawn on a log axis
spanning the estimator's grid. An interval that reaches the end of the grid is drawn with an
arrow head (it is open on that side), not with a bar end. Participants are named by their
pseudonymous id only, as recorded in the log header.
"""

from __future__ import annotations

from pathlib import Path

from game.reports.cohort_model import LEVELS, DecisionStats, DimensionRow, VersionGroup
from game.reports.spread import PlayerAttitude, Spread
from game.reports.style import BAR, HARM, LEARNING, LEVEL_STYLE, short
from game.reports.svgkit import INK, MUTED, Axes, Canvas, label, nice_ticks
from game.scoring.attitude import GRID
from game.scoring.params import DEFAULT_RISK_WEIGHT

WATCHED_X = 1.17
SCALE = 0.7
"""Bar height, in rows, of a bin holding every session that reached the decision point."""
WIDTH = 960


def version_figure(group: VersionGroup, path: Path) -> str:
    """Top: when supervisors stepped in at each decision point, and the regret of their
    choices. Bottom: learning and harm of the finished sessions."""
    rows = [(f"D{i + 1}", d) for i, d in enumerate(group.decisions) if d.reached]
    top_h = max(130, 30 + 52 * len(rows))
    canvas = Canvas(WIDTH, top_h + 290)
    if rows:
        _timing_rows(Axes(canvas, (120, 40, 500, top_h - 40), (-0.03, 1.3),
                          (-0.5, len(rows) - 0.4)), rows)
        _regret(canvas, (690, 40, 250, top_h - 40), rows)
    finished = group.finished
    _hist(canvas, (120, top_h + 90, 350, 140), [s.learning for s in finished], LEARNING,
          "learning per finished session")
    _hist(canvas, (590, top_h + 90, 350, 140), [s.harm for s in finished], HARM,
          "harm points per finished session")
    return canvas.save(path, f"Decision points and outcomes of {group.scenario.title}")


def _timing_rows(ax: Axes, rows: list[tuple[str, DecisionStats]]) -> None:
    """A histogram per decision point on its own row; a full row height is 100 %."""
    top = len(rows) - 1
    for r, (_, stats) in enumerate(rows):
        base = top - r - 0.4
        counts = [0] * 10
        for f in stats.fractions:
            counts[min(9, int(f * 10))] += 1
        for b, c in enumerate(counts):
            ax.bar(b / 10 + 0.004, b / 10 + 0.096, base, base + SCALE * c / stats.reached,
                   fill=BAR, stroke=MUTED, width=0.5)
        height = SCALE * stats.watched / stats.reached
        ax.bar(WATCHED_X - 0.07, WATCHED_X + 0.07, base, base + height, fill="white",
               stroke=INK, hatch="xx", width=0.8)
        ax.c.text(ax.x(WATCHED_X), ax.y(base + height) - 7, str(stats.watched), 9, "middle")
        ax.c.line(ax.x(-0.03), ax.y(base), ax.x(1.3), ax.y(base), MUTED, 0.6)
    ax.frame("when they stepped in (row height = 100 % of sessions at that point)",
             "share of the window gone when they stepped in; right: watched")
    ax.yticks([top - r - 0.15 for r in range(len(rows))],
              [f"{name} (n={d.reached})" for name, d in rows])
    ax.xticks([0, 0.25, 0.5, 0.75, 1.0, WATCHED_X],
              ["0", "\u00bc", "\u00bd", "\u00be", "1", "watched"])
    ax.c.line(ax.x(1.04), ax.box[1], ax.x(1.04), ax.box[1] + ax.box[3], MUTED, 0.8, "2,2")


def _regret(canvas: Canvas, box, rows: list[tuple[str, DecisionStats]]) -> None:
    values = [v for _, d in rows for v in d.regrets] or [0.0]
    ticks = nice_ticks(0.0, max(values) or 1.0, 4)
    ax = Axes(canvas, box, (0.4, len(rows) + 0.6), (ticks[0], ticks[-1]))
    ax.yticks(ticks, grid=True)
    for i, (_, d) in enumerate(rows, start=1):
        if d.regrets:
            ax.vbox(d.regrets, i, 0.25, BAR)
    ax.xticks(list(range(1, len(rows) + 1)), [name for name, _ in rows])
    ax.frame("regret of the choice", "", "points below the best")


def _hist(canvas: Canvas, box, values: list[float], colour: str, title: str) -> None:
    if not values:
        ax = Axes(canvas, box, (0, 1), (0, 1))
        ax.frame(f"{title} (n = 0)")
        canvas.text(box[0] + box[2] / 2, box[1] + box[3] / 2, "no finished sessions", 11,
                    "middle")
        return
    lo, hi = min(values), max(values)
    hi = hi if hi > lo else lo + 1.0
    step = (hi - lo) / 10
    counts = [0] * 10
    for v in values:
        counts[min(9, int((v - lo) / step))] += 1
    yt = nice_ticks(0, max(counts), 4)
    ax = Axes(canvas, box, (lo, hi), (0, max(yt[-1], 1)))
    ax.yticks([t for t in yt if t == int(t)], grid=True)
    for i, c in enumerate(counts):
        ax.bar(lo + i * step, lo + (i + 1) * step, 0, c, fill=colour, stroke="white",
               opacity=0.85)
    ax.xticks(nice_ticks(lo, hi, 6))
    ax.frame(f"{title} (n = {len(values)})", "", "sessions")


MAX_ROWS = 60
"""More participants than this are thinned (evenly by rank) in the figure; the table lists all."""


def attitude_figure(players: list[PlayerAttitude], group_spread: Spread, path: Path) -> str:
    """Each participant's interval as a horizontal line; the group's middle half shaded."""
    fitted = sorted((p for p in players if p.consistent), key=lambda p: (p.midpoint, p.player))
    step = -(-len(fitted) // MAX_ROWS)
    shown = fitted[::step]
    rows = max(3, len(shown))
    canvas = Canvas(WIDTH, 130 + 19 * rows)
    ax = Axes(canvas, (150, 40, 780, 19 * rows), (GRID[0] * 0.8, GRID[-1] * 1.25),
              (-0.8, rows - 0.2), xlog=True)
    ticks = [w for w in (0.05, 0.1, 0.2, 0.5, 1, 2, 5, 10, 20) if GRID[0] <= w <= GRID[-1]]
    ax.xticks(ticks, grid=True)
    _spread_band(ax, group_spread)
    _intervals(ax, shown)
    ax.yticks(list(range(len(shown))), [short(p.player, 18, 1) for p in shown], size=9)
    ax.c.line(ax.x(DEFAULT_RISK_WEIGHT), ax.box[1], ax.x(DEFAULT_RISK_WEIGHT),
              ax.box[1] + ax.box[3], HARM, 1, "5,3")
    hidden = len(players) - len(fitted)
    title = f"{len(fitted)} participants with one consistent interval"
    if step > 1:
        title += f" (every {step}th by rank shown)"
    ax.frame(title + (f"; {hidden} inconsistent (see table)" if hidden else ""),
             "risk weight: learning points one harm point costs (log scale)")
    canvas.text(150, canvas.height - 22, "dashed red: scoring default "
                f"({label(DEFAULT_RISK_WEIGHT)}); grey dotted band: middle half of "
                "midpoints; green hatched: fits every participant", 10, colour=MUTED)
    return canvas.save(path, "Risk-weight interval of each participant")


def _intervals(ax: Axes, shown: list[PlayerAttitude]) -> None:
    """One line per participant; bar ends where the interval closes, arrow heads where it
    runs off the estimator's grid."""
    for y, p in enumerate(shown):
        if p.low is None or p.high is None:
            continue
        py, x0, x1 = ax.y(y), ax.x(p.low), ax.x(p.high)
        ax.c.line(x0, py, x1, py, INK, 2.2)
        for px, is_open, direction in ((x0, p.open_low, -1), (x1, p.open_high, 1)):
            if is_open:
                ax.c.polygon([(px + 7 * direction, py), (px, py - 4), (px, py + 4)])
            else:
                ax.c.line(px, py - 5, px, py + 5, INK, 1.5)


def _spread_band(ax: Axes, group_spread: Spread) -> None:
    bottom, top = ax.ylim
    # `spread` sets the median and both quartiles together (all from the same midpoints).
    q1, q3, median = group_spread.q1, group_spread.q3, group_spread.median
    if q1 is not None and q3 is not None and median is not None:
        ax.bar(q1, q3, bottom, top, fill="#DDDDDD", hatch="..")
        ax.c.line(ax.x(median), ax.box[1], ax.x(median), ax.box[1] + ax.box[3], MUTED, 1.2)
    if group_spread.common:
        low, high = group_spread.common
        ax.bar(low, high, bottom, top, fill="none", stroke=LEARNING, hatch="//", width=0.8)


def dimension_figure(rows: list[DimensionRow], title: str, path: Path) -> str:
    """Level shares per value, and learning, harm, regret and interval midpoints as boxes."""
    band = 30 * len(rows) + 10
    canvas = Canvas(WIDTH, 60 + band + 90 + band + 60)
    shares = Axes(canvas, (180, 40, 620, band), (0, 100), (-0.6, len(rows) - 0.4))
    _level_shares(shares, rows, title)
    mids = [[p.midpoint for p in r.attitudes if p.midpoint] for r in rows]
    series = ([r.learning for r in rows], [r.harm for r in rows], [r.regret for r in rows], mids)
    names = ("learning / session", "harm / session", "regret / session",
             "risk-weight midpoints")
    for i, (data, name, colour) in enumerate(zip(series, names, (LEARNING, HARM, BAR,
                                                                 MUTED))):
        box = (180 + i * 192, 40 + band + 90, 170, band)
        _boxes(canvas, box, data, [r.value for r in rows], name, colour, log=i == 3,
               labels=i == 0)
    return canvas.save(path, f"Summaries by {title}")


def _level_shares(ax: Axes, rows: list[DimensionRow], title: str) -> None:
    ys = list(range(len(rows)))[::-1]
    for y, row in zip(ys, rows):
        left = 0.0
        for level in LEVELS:
            fill, hatch = LEVEL_STYLE[level]
            width = 100 * row.level_share(level)
            ax.bar(left, left + width, y - 0.3, y + 0.3, fill=fill, hatch=hatch, stroke=MUTED)
            left += width
    ax.yticks(ys, [f"{r.value} ({r.decisions} decisions)" for r in rows], size=9)
    ax.xticks([0, 20, 40, 60, 80, 100])
    ax.frame(f"Choices by {title}", "share of choices at each intervention level (%)")
    for i, level in enumerate(LEVELS):  # the legend, right of the axes
        fill, hatch = LEVEL_STYLE[level]
        legend_y = ax.box[1] + 8 + 18 * i
        ax.c.rect(815, legend_y - 6, 16, 12, fill, MUTED, hatch)
        ax.c.text(837, legend_y, level, 10)


def _boxes(canvas: Canvas, box, data: list[list[float]], names: list[str], title: str,
           colour: str, log: bool, labels: bool) -> None:
    """Horizontal boxes, one row per value (rows align across the panels)."""
    values = [v for series in data for v in series if v is not None]
    if log:
        lo, hi = GRID[0] * 0.8, GRID[-1] * 1.25
        ticks = [0.1, 1, 10]
    else:
        ticks = nice_ticks(min(values, default=0.0), max(values, default=1.0), 3)
        lo, hi = ticks[0], ticks[-1] if ticks[-1] > ticks[0] else ticks[0] + 1
    ax = Axes(canvas, box, (lo, hi), (-0.6, len(data) - 0.4), xlog=log)
    ys = list(range(len(data)))[::-1]
    ax.xticks(ticks, grid=True)
    for y, series in zip(ys, data):
        if series:
            ax.hbox(series, y, 0.27, colour)
    if labels:
        ax.yticks(ys, names, size=9)
    ax.frame(title)
