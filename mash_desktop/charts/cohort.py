"""Cohort graph: the clinic's arms' mean trajectories beside the trial's registry means.

One panel per MASH primary outcome. Each clinic arm is a solid line of mean scores at
baseline, 8 weeks and 6 months (episodes that have a baseline) with its 95 % CI as error
bars (none below n = 3; n is printed at each point); the trial's registry means for the
same arm are a dashed line with open markers and no interval, because the registry gives
none and its pairing with arm and timepoint is inferred (the caveat is in the legend).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .. import outcomes
from .outcome import BASE, LINE

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

    from ..services.cohort import Cohort

ARM_COLOURS = {"hip_focused": "#12355b", "spine_focused": "#c4621a", "custom": "#6b6b6b"}
TIMEPOINT_LABELS = {"baseline": "Baseline", "8_weeks": "8 weeks", "6_months": "6 months"}


def draw_cohort(ax: Axes, cohort: Cohort, instrument: str) -> None:
    info = outcomes.get_instrument(instrument)
    arrow = "↓" if info.better == "lower" else "↑"
    ax.set_title(info.name, loc="left", fontsize=11, color=LINE, fontweight="bold")
    ax.set_ylabel(f"mean {info.unit}\n{arrow} {info.better} is better", fontsize=8)
    arms = list(cohort.trajectories)
    plotted = False
    for i, arm in enumerate(arms):
        colour = ARM_COLOURS.get(arm, BASE)
        label = arm.replace("_", "-")
        points = cohort.trajectories[arm].get(instrument, [])
        shift = (i - (len(arms) - 1) / 2) * 0.08
        xs, ys, lo, hi = [], [], [], []
        for x, p in enumerate(points):
            if p.mean.mean is None:
                continue
            xs.append(x + shift)
            ys.append(p.mean.mean)
            low, high = p.mean.ci_low, p.mean.ci_high
            lo.append(p.mean.mean - low if low is not None and high is not None else 0.0)
            hi.append(high - p.mean.mean if low is not None and high is not None else 0.0)
            ax.annotate(f"n={p.mean.n}", (x + shift, p.mean.mean), textcoords="offset points",
                        xytext=(6, -3), fontsize=6.5, color=colour)
        if xs:
            plotted = True
            ax.errorbar(xs, ys, yerr=[lo, hi], color=colour, marker="o", lw=2, ms=5,
                        capsize=3, label=f"clinic, {label} (mean, 95% CI)")
        trial = [(x, p.trial_mean) for x, p in enumerate(points) if p.trial_mean is not None]
        if trial:
            plotted = True
            ax.plot([x - shift for x, _ in trial], [y for _, y in trial], color=colour, ls="--",
                    marker="o", mfc="white", ms=5, lw=1.2,
                    label=f"trial registry, {label} ({cohort.caveat})")
    ax.set_xticks(range(len(TIMEPOINT_LABELS)))
    ax.set_xticklabels(list(TIMEPOINT_LABELS.values()), fontsize=8)
    ax.set_xlim(-0.4, len(TIMEPOINT_LABELS) - 0.6)
    ax.grid(axis="y", color="#e3e8ef", lw=0.8)
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    if plotted:
        ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.12), ncol=2, fontsize=6.5,
                  frameon=False)
    else:
        ax.text(0.5, 0.5, "no episodes with a baseline", ha="center", va="center",
                transform=ax.transAxes, color=BASE)


def cohort_figure(cohort: Cohort, instrument: str, *,
                  figsize: tuple[float, float] = (6.8, 3.4)) -> Figure:
    from matplotlib.figure import Figure

    fig = Figure(figsize=figsize, dpi=100, layout="constrained")
    draw_cohort(fig.add_subplot(), cohort, instrument)
    return fig
