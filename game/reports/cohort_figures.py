"""Cohort figures: a bounded number per scenario version, whatever the number of logs.

Per version: one figure of the decision points and outcomes (the moment of intervention in
the window as a histogram per decision point, timeouts as a separate hatched "watched" bar,
regret as box plots, learning and harm as histograms) and one of risk-weight intervals. Per
pooled dimension (kind of failure, supervision distance): one figure. The choice counts are
bars in the HTML table, next to the full option text.

Drawing cost is almost all axes and tick text (tens of milliseconds per axes), so decision
points share one axes as rows of a ridgeline histogram instead of one axes each, and tick
counts are kept small: a cohort over the whole library stays within seconds.

Risk weights are ratios (learning points per harm point), so they are drawn on a log axis
spanning the estimator's grid. An interval that reaches the end of the grid is drawn with an
arrow head (it is open on that side), not with a bar end. Participants are named by their
pseudonymous id only, as recorded in the log header.
"""

from __future__ import annotations

from pathlib import Path

from matplotlib.ticker import MaxNLocator

from game.reports.cohort_model import LEVELS, DecisionStats, DimensionRow, VersionGroup
from game.reports.figkit import (
    BAR,
    HARM,
    INK,
    LEARNING,
    LEVEL_STYLE,
    MUTED,
    grid,
    new_figure,
    plain_log_axis,
    save,
    short,
    styled,
    tidy,
)
from game.reports.spread import PlayerAttitude, Spread
from game.scoring.attitude import GRID
from game.scoring.params import DEFAULT_RISK_WEIGHT

BINS = [i / 10 for i in range(11)]
WATCHED_X = 1.17
SCALE = 0.7
"""Bar height, in rows, of a bin holding every session that reached the decision point."""


@styled
def version_figure(group: VersionGroup, path: Path) -> str:
    """Top: when supervisors stepped in at each decision point, and the regret of their
    choices. Bottom: learning and harm of the finished sessions."""
    rows = [(f"D{i + 1}", d) for i, d in enumerate(group.decisions) if d.reached]
    height = 2.9 + max(1.4, 0.3 + 0.55 * len(rows))
    fig = new_figure(10.0, height)
    timing, regret = grid(fig, 1, 2, (1.0, 0.2, 0.3, 2.9), (0.0, 0.8),
                          width_ratios=[2.3, 1.0])[0]
    learn, harm = grid(fig, 1, 2, (1.0, 0.2, height - 2.05, 0.45), (0.0, 0.8))[0]
    if rows:
        _timing_rows(timing, rows)
        _regret(regret, rows)
    finished = group.finished
    _hist(learn, [s.learning for s in finished], LEARNING, "learning per finished session")
    _hist(harm, [s.harm for s in finished], HARM, "harm points per finished session")
    return save(fig, path)


def _regret(ax, rows: list[tuple[str, DecisionStats]]) -> None:
    ax.boxplot([d.regrets for _, d in rows], tick_labels=[name for name, _ in rows],
               widths=0.5, medianprops={"color": INK, "linewidth": 1.6})
    ax.yaxis.set_major_locator(MaxNLocator(4))
    ax.set_title("regret of the choice", loc="left")
    ax.set_ylabel("points below the best")
    tidy(ax)


def _timing_rows(ax, rows: list[tuple[str, DecisionStats]]) -> None:
    """A histogram per decision point on its own row; a full row height is 100 %."""
    top = len(rows) - 1
    for r, (_, stats) in enumerate(rows):
        base = top - r - 0.4
        counts = [0] * 10
        for f in stats.fractions:
            counts[min(9, int(f * 10))] += 1
        ax.bar([b + 0.05 for b in BINS[:-1]], [SCALE * c / stats.reached for c in counts],
               bottom=base, width=0.092, color=BAR, edgecolor=MUTED, linewidth=0.5)
        ax.bar([WATCHED_X], [SCALE * stats.watched / stats.reached], bottom=base, width=0.14,
               color="white", hatch="xx", edgecolor=INK, linewidth=0.8)
        ax.annotate(str(stats.watched), (WATCHED_X, base + SCALE * stats.watched / stats.reached),
                    xytext=(0, 1), textcoords="offset points", ha="center", va="bottom",
                    fontsize=7)
        ax.axhline(base, color=MUTED, linewidth=0.6)
    ax.set_yticks([top - r - 0.15 for r in range(len(rows))],
                  [f"{name} (n={d.reached})" for name, d in rows])
    ax.set_ylim(-0.5, top + 0.6)
    ax.set_xticks([0, 0.25, 0.5, 0.75, 1.0, WATCHED_X],
                  ["0", "\u00bc", "\u00bd", "\u00be", "1", "watched"])
    ax.set_xlim(-0.03, 1.3)
    ax.axvline(1.04, color=MUTED, linewidth=0.8, linestyle=":")
    ax.set_xlabel("share of the window gone when they stepped in; right: watched")
    ax.set_title("when they stepped in (row height = 100 % of sessions at that point)",
                 loc="left")
    ax.spines[["top", "right"]].set_visible(False)


def _hist(ax, values: list[float], colour: str, title: str) -> None:
    if values:
        ax.hist(values, bins=10, color=colour, alpha=0.8, edgecolor="white", linewidth=0.6)
    else:
        ax.text(0.5, 0.5, "no finished sessions", ha="center", transform=ax.transAxes)
    ax.xaxis.set_major_locator(MaxNLocator(6))
    ax.yaxis.set_major_locator(MaxNLocator(4, integer=True))
    ax.set_title(f"{title} (n = {len(values)})", loc="left")
    ax.set_ylabel("sessions")
    tidy(ax)


MAX_ROWS = 60
"""More participants than this are thinned (evenly by rank) in the figure; the table lists all."""


@styled
def attitude_figure(players: list[PlayerAttitude], group_spread: Spread, path: Path) -> str:
    """Each participant's interval as a horizontal line; the group's middle half shaded."""
    fitted = sorted((p for p in players if p.consistent), key=lambda p: (p.midpoint, p.player))
    step = -(-len(fitted) // MAX_ROWS)
    shown = fitted[::step]
    fig = new_figure(9.0, 1.6 + 0.2 * max(3, len(shown)))
    ax = grid(fig, 1, 1, (1.2, 0.2, 0.3, 1.05), (0.0, 0.0))[0][0]
    ax.set_xscale("log")
    _spread_band(ax, group_spread)
    _intervals(ax, shown)
    ax.set_yticks(range(len(shown)), [short(p.player, 18, 1) for p in shown], fontsize=7)
    ax.set_ylim(-0.8, max(2, len(shown)) - 0.2)
    ax.set_xlim(GRID[0] * 0.8, GRID[-1] * 1.25)
    ax.axvline(DEFAULT_RISK_WEIGHT, color=HARM, linestyle="--", linewidth=1,
               label=f"scoring default ({DEFAULT_RISK_WEIGHT:g})")
    ax.set_xlabel("risk weight: learning points one harm point costs (log scale)")
    plain_log_axis(ax.xaxis)
    hidden = len(players) - len(fitted)
    title = f"{len(fitted)} participants with one consistent interval"
    if step > 1:
        title += f" (every {step}th by rank shown)"
    ax.set_title(title + (f"; {hidden} inconsistent (see table)" if hidden else ""),
                 loc="left")
    tidy(ax, "x")
    fig.legend(*ax.get_legend_handles_labels(), loc="lower center", ncols=4, fontsize=8,
               frameon=False)
    return save(fig, path)


def _intervals(ax, shown: list[PlayerAttitude]) -> None:
    """One line per participant; bar ends where the interval closes, arrow heads where it
    runs off the estimator's grid (drawn in a handful of calls, not three per row)."""
    ys = range(len(shown))
    ax.hlines(list(ys), [p.low for p in shown], [p.high for p in shown], color=INK,
              linewidth=2.2)
    for side, marker_open, attr in (("low", "<", "open_low"), ("high", ">", "open_high")):
        for is_open, marker in ((False, "|"), (True, marker_open)):
            rows = [(getattr(p, side), y) for y, p in zip(ys, shown)
                    if getattr(p, attr) == is_open]
            if rows:
                ax.plot(*zip(*rows), linestyle="none", marker=marker, color=INK, markersize=7)


def _spread_band(ax, group_spread: Spread) -> None:
    if group_spread.q1 is not None:
        ax.axvspan(group_spread.q1, group_spread.q3, facecolor="#DDDDDD", hatch="..",
                   edgecolor="#AAAAAA", linewidth=0, label="middle half of midpoints")
        ax.axvline(group_spread.median, color=MUTED, linewidth=1.2, label="median midpoint")
    if group_spread.common:
        ax.axvspan(*group_spread.common, fill=False, hatch="////", edgecolor=LEARNING,
                   linewidth=0, label="fits every participant")


@styled
def dimension_figure(rows: list[DimensionRow], title: str, path: Path) -> str:
    """Level shares per value, and learning, harm, regret and interval midpoints as boxes."""
    band = 0.32 * len(rows) + 0.1
    height = 0.3 + band + 0.95 + (band + 0.2) + 0.45
    fig = new_figure(10.0, height)
    shares = grid(fig, 1, 1, (1.9, 1.5, 0.3, height - 0.3 - band), (0.0, 0.0))[0][0]
    _level_shares(shares, rows, title)
    panels = grid(fig, 1, 4, (1.9, 0.2, 0.3 + band + 0.95, 0.45), (0.0, 0.25), sharey=True)[0]
    mids = [[p.midpoint for p in r.attitudes if p.midpoint] for r in rows]
    series = ([r.learning for r in rows], [r.harm for r in rows], [r.regret for r in rows], mids)
    names = ("learning / session", "harm / session", "regret / session",
             "risk-weight midpoints")
    for ax, data, name, colour in zip(panels, series, names, (LEARNING, HARM, BAR, MUTED)):
        _boxes(ax, data, [r.value for r in rows], name, colour)
    panels[3].set_xscale("log")
    plain_log_axis(panels[3].xaxis)
    return save(fig, path)


def _level_shares(ax, rows: list[DimensionRow], title: str) -> None:
    ys = list(range(len(rows)))[::-1]
    left = [0.0] * len(rows)
    for level in LEVELS:
        fill, hatch = LEVEL_STYLE[level]
        widths = [100 * r.level_share(level) for r in rows]
        ax.barh(ys, widths, left=left, color=fill, hatch=hatch, edgecolor=MUTED,
                linewidth=0.6, label=level, height=0.6)
        left = [a + b for a, b in zip(left, widths)]
    ax.set_yticks(ys, [f"{r.value} ({r.decisions} decisions)" for r in rows], fontsize=8)
    ax.set_xlim(0, 100)
    ax.xaxis.set_major_locator(MaxNLocator(5))
    ax.set_xlabel("share of choices at each intervention level (%)")
    ax.set_title(f"Choices by {title}", loc="left")
    ax.legend(loc="upper left", bbox_to_anchor=(1.01, 1.0), fontsize=8, frameon=False)
    ax.spines[["top", "right"]].set_visible(False)


def _boxes(ax, data: list[list[float]], names: list[str], title: str, colour: str) -> None:
    """Horizontal boxes, one row per value (rows align across the panels)."""
    ys = list(range(len(data)))[::-1]
    for y, values in zip(ys, data):
        if not values:
            continue
        box = ax.boxplot([values], positions=[y], orientation="horizontal", widths=0.55,
                         patch_artist=True, medianprops={"color": INK, "linewidth": 1.6},
                         flierprops={"markersize": 3})
        box["boxes"][0].set(facecolor=colour, alpha=0.35, edgecolor=INK)
    ax.set_yticks(ys, names, fontsize=8)
    ax.set_ylim(-0.6, len(data) - 0.4)
    ax.set_title(title, loc="left", fontsize=9)
    ax.xaxis.set_major_locator(MaxNLocator(4))
    tidy(ax, "x")
