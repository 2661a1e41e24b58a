"""Score-over-time graphs with the baseline and the minimal-important-change band."""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from datetime import timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

from .. import outcomes

if TYPE_CHECKING:
    from datetime import date

    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

LINE = "#12355b"
BAND = "#6ec1e4"
BASE = "#7a7a7a"
GOOD = "#1b7f3b"
BAD = "#b3261e"


class Point(Protocol):
    """One plotted assessment (read-only, so frozen dataclasses qualify)."""

    @property
    def label(self) -> str: ...
    @property
    def assessed_on(self) -> date: ...
    @property
    def value(self) -> float: ...


def mic_offset(instrument: str, baseline: float) -> tuple[float, str]:
    """The instrument's default minimal important change as an absolute amount, and its label."""
    threshold = outcomes.get_instrument(instrument).mic
    if threshold.value is None:
        return 0.0, "no published change threshold"
    value = float(threshold.value)
    if str(threshold.unit).lower() in {"percent", "%"}:
        return abs(baseline) * value / 100.0, f"{threshold.value:g}% of baseline"
    unit = "" if threshold.unit in (None, "") else f" {threshold.unit}"
    return value, f"{threshold.value:g}{unit}"


def draw_outcome(ax: Axes, instrument: str, points: Sequence[Point], *,
                 compact: bool = False) -> None:
    """Draw one instrument on ``ax``: series, baseline, MIC band, 'better' direction."""
    info = outcomes.get_instrument(instrument)
    lower_better = info.better == "lower"
    arrow = "↓" if lower_better else "↑"
    unit = f" ({info.unit})" if info.unit else ""
    ax.set_title(info.name if not compact else info.short_name, fontsize=10 if compact else 12,
                 loc="left", color=LINE, fontweight="bold")
    ax.set_ylabel(f"{info.unit or 'score'}\n{arrow} {info.better} is better" if compact
                  else f"{info.name}{unit}\n{arrow} {info.better} is better", fontsize=8 if
                  compact else 9)
    if not points:
        ax.text(0.5, 0.5, "not assessed", ha="center", va="center", transform=ax.transAxes,
                color=BASE)
        ax.set_xticks([])
        ax.set_yticks([])
        return
    # dates: matplotlib converts them through its unit registry; its stubs accept numbers
    xs: list[Any] = [p.assessed_on for p in points]
    ys = [p.value for p in points]
    base = ys[0]
    offset, mic_label = mic_offset(instrument, base)
    target = base - offset if lower_better else base + offset
    lo, hi = sorted((base, target))
    kind = outcomes.get_instrument(instrument).mic.kind_name
    ax.axhspan(lo, hi, color=BAND, alpha=0.25, lw=0,
               label=f"within the {kind} ({mic_label})")
    ax.axhline(base, color=BASE, lw=1, ls="--", label="baseline")
    ax.plot(xs, ys, color=LINE, marker="o", lw=2, ms=6, zorder=3)
    flagged = False
    for x, y in zip(xs[1:], ys[1:], strict=True):
        c = outcomes.change(instrument, base, y)
        if outcomes.verdict(c) == "meaningful_improvement":
            ax.plot([x], [y], marker="o", ms=11, mfc="none", mec=GOOD, mew=2, zorder=4)
        elif outcomes.verdict(c) == "meaningful_worsening":
            # the same verdict and words as the tables: a decline is flagged, not hidden
            ax.plot([x], [y], marker="X", ms=11, color=BAD, zorder=4,
                    label=None if flagged else "meaningful worsening")
            ax.annotate("worse", (x, y), textcoords="offset points", xytext=(0, -14),
                        ha="center", fontsize=7 if compact else 8, color=BAD,
                        fontweight="bold")
            flagged = True
    for x, y in zip(xs, ys, strict=True):
        ax.annotate(outcomes.format_score(instrument, y), (x, y), textcoords="offset points",
                    xytext=(0, 8), ha="center", fontsize=7 if compact else 8, color=LINE)
    ax.set_xticks(xs)
    ax.set_xticklabels([f"{p.label}\n{p.assessed_on:%d %b %Y}" if not compact else p.label
                        for p in points], fontsize=7 if compact else 8)
    if len(xs) == 1:  # one assessment: a month either side, in date units like the data
        ax.set_xlim(xs[0] - timedelta(days=30), xs[0] + timedelta(days=30))
    span_lo, span_hi = min(ys + [lo, hi]), max(ys + [lo, hi])
    pad = (span_hi - span_lo) * 0.25 or max(abs(span_hi) * 0.1, 1.0)
    ymin, ymax = span_lo - pad, span_hi + pad
    if info.minimum is not None and math.isfinite(info.minimum):
        ymin = max(ymin, info.minimum - pad * 0.2)
    ax.set_ylim(ymin, ymax)
    ax.grid(axis="y", color="#e3e8ef", lw=0.8)
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    if not compact:
        ax.legend(loc="best", fontsize=7, frameon=False)


def outcome_figure(instrument: str, points: Sequence[Point], *,
                   figsize: tuple[float, float] = (6, 3.2)) -> Figure:
    from matplotlib.figure import Figure

    fig = Figure(figsize=figsize, dpi=100, layout="constrained")
    draw_outcome(fig.add_subplot(), instrument, points)
    return fig


def overview_figure(series: Mapping[str, Sequence[Point]], *,
                    figsize: tuple[float, float] = (10, 6)) -> Figure:
    """Small multiples: primary measures first, then the secondary ones the episode has."""
    from matplotlib.figure import Figure

    from ..services.assessments import PRIMARY, SECONDARY

    keys = list(PRIMARY) + [k for k in SECONDARY if k in series]
    keys += sorted(k for k in series if k not in keys)
    cols = 3 if len(keys) > 4 else 2
    rows = max(1, math.ceil(len(keys) / cols))
    # Fixed margins, in inches, sized for the compact labels draw_outcome writes: a
    # constrained layout measures every text first and roughly doubles the drawing time
    # of nine small graphs.
    fig = Figure(figsize=figsize, dpi=100)
    w, h = figsize
    fig.subplots_adjust(left=0.72 / w, right=1 - 0.32 / w, bottom=0.42 / h, top=1 - 0.62 / h,
                        wspace=0.95 * cols / (w - 1.04), hspace=0.78 * rows / (h - 1.04))
    axes = fig.subplots(rows, cols, squeeze=False)
    for i, ax in enumerate(axes.flat):
        if i < len(keys):
            draw_outcome(ax, keys[i], series.get(keys[i], []), compact=True)
        else:
            ax.set_visible(False)
    fig.suptitle("Outcome measures over the episode (circled: meaningful improvement; "
                 "red X, 'worse': meaningful worsening)", fontsize=10, color=LINE)
    return fig


def save_figure(fig: Figure, path: str | Path, force: bool = False) -> Path:
    """Save as PNG or SVG, chosen by the file suffix (atomically, see mash_desktop.files)."""
    from ..files import write_atomic

    path = Path(path)
    fmt = path.suffix.lower().lstrip(".")
    if fmt not in {"png", "svg", "pdf"}:
        raise ValueError(f"cannot save a graph as .{fmt}: use .png or .svg")
    return write_atomic(path, lambda f: fig.savefig(f, format=fmt,
                                                    dpi=150 if fmt == "png" else None),
                        force=force)
