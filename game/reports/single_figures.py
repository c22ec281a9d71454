"""Figures for the single-log debrief report: the session over time, and Q-values per decision.

The time figure shows what the facilitator scrubs through in the replay viewer: learning and
harm accumulating, each decision window shaded from its opening to the moment of the choice,
and the decision numbered (D1, D2 ...) both on the plot and in a legend that names it. The
Q-value figure marks the supervisor's choice by hatching and the model's best by a star and a
heavy outline, each named in the legend, so neither depends on colour.
"""

from __future__ import annotations

from pathlib import Path

from matplotlib.lines import Line2D
from matplotlib.patches import Patch

from game.core.model import TICKS_PER_SECOND
from game.replay.debrief import Debrief, DecisionDebrief
from game.replay.explain import shown_q
from game.replay.timeline import Timeline
from game.reports.figkit import (
    BAR,
    BEST,
    CHOSEN,
    CHOSEN_HATCH,
    HARM,
    INK,
    LEARNING,
    MUTED,
    grid,
    humanise,
    new_figure,
    save,
    short,
    styled,
    tidy,
)

WINDOW_HATCHES = ("..", "//", "\\\\")
"""Neighbouring windows can touch (the next opens as the last closes): alternate hatches."""


def ledger_points(timeline: Timeline) -> list[tuple[float, float, float]]:
    """(seconds, learning so far, harm so far) at every moment of the timeline, each moment's
    ledgers taken from the state at its own tick, so the step curves change exactly when
    something happened (a post-step plot: the value holds until the next point)."""
    return [(m.tick / TICKS_PER_SECOND, m.learning_so_far, m.harm_so_far)
            for m in timeline.moments]


@styled
def timeline_figure(debrief: Debrief, path: Path) -> str:
    """Learning and harm so far against time, with every decision moment marked."""
    timeline = debrief.raw_timeline
    assert timeline is not None
    points = ledger_points(timeline)
    seconds = [x for x, _, _ in points]
    legend_rows = (len(debrief.decisions) + 3 + 1) // 2
    legend_h = 0.1 + 0.3 * legend_rows
    fig = new_figure(9.0, 4.3 + legend_h)
    top, bottom = grid(fig, 2, 1, (0.8, 0.2, 0.3, 0.55 + legend_h), (0.2, 0.0))[:, 0]
    top.sharex(bottom)
    top.tick_params(labelbottom=False)
    top.step(seconds, [y for _, y, _ in points], where="post", color=LEARNING, linewidth=2)
    bottom.step(seconds, [y for _, _, y in points], where="post", color=HARM, linewidth=2,
                linestyle="--")
    top.set_ylabel("learning so far")
    bottom.set_ylabel("harm so far (points)")
    bottom.set_xlabel("time in the vignette (s)")
    handles = _mark_decisions(debrief, timeline, (top, bottom))
    for ax in (top, bottom):
        tidy(ax)
        ax.set_ylim(bottom=min(0.0, ax.get_ylim()[0]))
    bottom.set_ylim(top=max(1.0, bottom.get_ylim()[1]))
    handles += [Line2D([], [], color=LEARNING, linewidth=2, label="learning (solid)"),
                Line2D([], [], color=HARM, linewidth=2, linestyle="--", label="harm (dashed)"),
                Patch(facecolor="#EEEEEE", edgecolor="#AAAAAA", hatch="..",
                      label="decision window, open until the choice")]
    fig.legend(handles=handles, loc="lower center", ncols=2, frameon=False, fontsize=8)
    return save(fig, path)


def _mark_decisions(debrief: Debrief, timeline: Timeline, axes) -> list:
    """Shade each window up to the choice, draw the choice line, number it; legend entries."""
    handles = []
    for row in debrief.decisions:
        hatch = WINDOW_HATCHES[row.index % len(WINDOW_HATCHES)]
        opened = timeline.opened_at(row.node, row.tick) / TICKS_PER_SECOND
        at = row.tick / TICKS_PER_SECOND
        for ax in axes:
            ax.axvspan(opened, at, facecolor="#EEEEEE", edgecolor="#AAAAAA", hatch=hatch,
                       linewidth=0)
            ax.axvline(at, color=INK, linewidth=1.2, linestyle=":")
        axes[0].annotate(f"D{row.index + 1}", (at, 1.0), xycoords=("data", "axes fraction"),
                         xytext=(0, 3), textcoords="offset points", ha="center",
                         va="bottom", fontsize=9, fontweight="bold", color=INK)
        how = "window ran out" if row.by == "timeout" else f"{row.elapsed_s:.0f} s in"
        handles.append(Line2D([], [], color=INK, linestyle=":", label=short(
            f"D{row.index + 1} {humanise(row.node)}: {row.chosen_label} ({how})", 58, 2)))
    return handles


@styled
def q_figure(row: DecisionDebrief, path: Path) -> str:
    """One horizontal bar per option: Q-value, the choice hatched, the model's best starred."""
    options = list(row.options)
    shown = shown_q(row)  # the choice at the moment it was made, the others at their best
    height = 1.2 + 0.45 * len(options)
    fig = new_figure(7.5, height)
    ax = grid(fig, 1, 1, (2.4, 0.2, 0.45, 0.55), (0.0, 0.0))[0][0]
    ys = list(range(len(options)))[::-1]
    for y, option in zip(ys, options):
        chosen, best = option.option == row.chosen, option.option == row.best
        q = shown[option.option]
        ax.barh(y, q, height=0.6, color=CHOSEN if chosen else BAR,
                hatch=CHOSEN_HATCH if chosen else "", edgecolor=BEST if best else MUTED,
                linewidth=2.2 if best else 0.6)
        mark = "  \u2605 best" if best else ""
        ax.annotate(f"{q:.2f}{mark}", (q, y), textcoords="offset points",
                    xytext=(4 if q >= 0 else -4, 0), va="center",
                    ha="left" if q >= 0 else "right", fontsize=8,
                    fontweight="bold" if best else "normal")
    ax.set_yticks(ys, [short(f"{o.label} [{o.rating}]", 34, 2) for o in options], fontsize=8)
    ax.axvline(0, color=MUTED, linewidth=0.8)
    ax.set_xlabel("Q-value: expected learning \u2212 risk weight \u00d7 expected harm")
    _pad_x(ax, list(shown.values()))
    tidy(ax, "x")
    fig.legend(handles=[
        Patch(facecolor=CHOSEN, hatch=CHOSEN_HATCH, edgecolor=MUTED, label="your choice"),
        Patch(facecolor="white", edgecolor=BEST, linewidth=2.2,
              label="\u2605 model's best (heavy outline)")],
        loc="upper right", ncols=2, frameon=False, fontsize=8)
    return save(fig, path)


def _pad_x(ax, values: list[float]) -> None:
    """Leave room for the value labels at the bar ends."""
    low, high = min(values + [0.0]), max(values + [0.0])
    span = (high - low) or 1.0
    ax.set_xlim(low - 0.2 * span if low < 0 else -0.04 * span, high + 0.3 * span)
