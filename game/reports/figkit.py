"""Shared matplotlib plumbing for the HTML reports: a safe config folder, Agg canvases, styles,
and drawing figures in parallel.

Reports run headless (CI, a facilitator's laptop without a display, a read-only home), so
matplotlib is never allowed to pick a GUI backend or to write its font cache to a folder it
cannot create. Figures use the object-oriented API on `FigureCanvasAgg` only: no pyplot
global state, so two reports in one process cannot draw into each other's figures.

Scenario text reaches the figures as labels; `text.parse_math` is switched off so that a
label with two dollar signs is drawn as written instead of failing as bad mathtext.

Agg drawing is pure CPU work under the GIL, tens of milliseconds per axes (mostly tick
text): single-log reports draw a bounded handful of figures here; cohort figures are SVG
(`svgkit`). Colours live in `style`, worker processes in `parallel` (both re-exported).
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal, ParamSpec, TypeVar

if TYPE_CHECKING:  # matplotlib names its rc keys only from 3.11 on; the bound is 3.8
    import numpy as np
    from matplotlib.axes import Axes
    from matplotlib.axis import Axis
    from matplotlib.typing import RcKeyType

P = ParamSpec("P")
R = TypeVar("R")


def _ensure_config_dir() -> None:
    """Point MPLCONFIGDIR at a writable folder before matplotlib is first imported."""
    if os.environ.get("MPLCONFIGDIR"):
        return
    from game.paths import user_data_dir
    for candidate in (user_data_dir() / "mpl", Path(tempfile.gettempdir()) / "safetynet-mpl"):
        try:
            candidate.mkdir(parents=True, exist_ok=True)
        except OSError:
            continue
        if os.access(candidate, os.W_OK):
            os.environ["MPLCONFIGDIR"] = str(candidate)
            return


_ensure_config_dir()

import matplotlib  # noqa: E402

matplotlib.use("Agg")

from matplotlib.backends.backend_agg import FigureCanvasAgg  # noqa: E402
from matplotlib.figure import Figure  # noqa: E402

from game.reports.parallel import Job, run_jobs, workers_for  # noqa: E402, F401 (re-export)
from game.reports.style import (  # noqa: E402, F401 (re-exported for the figure modules)
    BAR,
    BEST,
    CHOSEN,
    CHOSEN_HATCH,
    GRID,
    HARM,
    INK,
    LEARNING,
    LEVEL_STYLE,
    MUTED,
    humanise,
    short,
)

DPI = 96
RC: dict[RcKeyType, Any] = {
    "text.parse_math": False, "font.size": 9, "axes.titlesize": 10,
    "axes.edgecolor": MUTED, "axes.labelcolor": INK, "xtick.color": INK,
    "ytick.color": INK, "hatch.linewidth": 0.8}


def new_figure(width: float, height: float) -> Figure:
    """A figure on its own Agg canvas (no pyplot), with the report style applied.

    Figures use fixed margins in inches (`grid`) instead of constrained layout, which
    measures every label several times and doubled the drawing time.
    """
    with matplotlib.rc_context(RC):
        fig = Figure(figsize=(width, height), dpi=DPI)
    FigureCanvasAgg(fig)
    return fig


def grid(fig: Figure, rows: int, cols: int, margins: tuple[float, float, float, float],
         gaps: tuple[float, float], sharey: bool = False,
         **ratios: Sequence[float]) -> np.ndarray:
    """Axes on a grid whose margins and gaps are given in inches: (left, right, top,
    bottom) and (between rows, between columns). Returns a 2-D array of axes."""
    width, height = fig.get_size_inches()
    left, right, top, bottom = margins
    row_gap, col_gap = gaps
    cell_h = max(0.1, (height - top - bottom - (rows - 1) * row_gap) / rows)
    cell_w = max(0.1, (width - left - right - (cols - 1) * col_gap) / cols)
    return fig.subplots(rows, cols, squeeze=False, sharey=sharey, gridspec_kw=dict(
        left=left / width, right=1 - right / width, top=1 - top / height,
        bottom=bottom / height, hspace=row_gap / cell_h, wspace=col_gap / cell_w, **ratios))


def save(fig: Figure, path: Path) -> str:
    """Write a PNG and return its file name (the HTML links it relative to index.html)."""
    with matplotlib.rc_context(RC):
        fig.savefig(path, dpi=DPI, facecolor="white", pil_kwargs={"compress_level": 3})
    fig.clear()
    return path.name


def styled(draw: Callable[P, R]) -> Callable[P, R]:
    """Decorator: run a drawing function with the report rcParams (fonts, no mathtext)."""
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        with matplotlib.rc_context(RC):
            return draw(*args, **kwargs)
    wrapper.__doc__ = draw.__doc__
    wrapper.__name__ = draw.__name__
    return wrapper


def plain_log_axis(axis: Axis) -> None:
    """Log-axis tick labels as plain numbers (mathtext is off, so the default would show
    raw TeX markup)."""
    from matplotlib.ticker import FuncFormatter, NullFormatter
    axis.set_major_formatter(FuncFormatter(lambda v, _: f"{v:g}"))
    axis.set_minor_formatter(NullFormatter())


def tidy(ax: Axes, axis: Literal["both", "x", "y"] = "y") -> None:
    """Light axes: no top/right spines, a faint grid along the value axis only."""
    ax.spines["top"].set_visible(False)
    ax.spines["right"].set_visible(False)
    ax.set_axisbelow(True)
    ax.grid(True, axis=axis, color=GRID, linewidth=0.6)


