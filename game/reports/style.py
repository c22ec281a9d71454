"""Report colours, hatches and label helpers shared by the matplotlib figures (single
reports) and the SVG figures (cohort reports); plain Python, so importing them costs nothing."""

from __future__ import annotations

import textwrap

INK, MUTED, GRID = "#222222", "#666666", "#DDDDDD"
LEARNING, HARM = "#1B7837", "#B2182B"
BAR, CHOSEN, BEST = "#9ECAE1", "#3182BD", "#000000"
CHOSEN_HATCH = "///"
"""The chosen option is hatched and the model's best is starred: never colour alone."""
LEVEL_STYLE: dict[str, tuple[str, str]] = {
    "watch": ("#F7F7F7", ""),
    "probe": ("#D1E5F0", ".."),
    "cue": ("#92C5DE", "//"),
    "guide": ("#4393C3", "xx"),
    "takeover": ("#2166AC", "\\\\"),
}
"""Intervention-ladder levels: a fill that darkens up the ladder plus a distinct hatch."""


def short(text: str, width: int = 28, lines: int = 2) -> str:
    """Wrap a label to a few short lines, with an ellipsis if cut: figures are maps."""
    wrapped = textwrap.wrap(" ".join(str(text).split()), width) or [""]
    if len(wrapped) > lines:
        wrapped = wrapped[:lines]
        wrapped[-1] = wrapped[-1][: width - 1].rstrip() + "\u2026"
    return "\n".join(wrapped)


def humanise(node_id: str) -> str:
    return node_id.replace("_", " ")
