"""Outcome graphs: check the data drawn, not pixels."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from mash_desktop.charts import outcome_figure, overview_figure, save_figure
from mash_desktop.services.assessments import SeriesPoint

QBPDS = [SeriesPoint("baseline", "Baseline", date(2026, 1, 5), 30.0, 1),
         SeriesPoint("8_weeks", "8 weeks", date(2026, 3, 2), 20.0, 2)]
GAIT = [SeriesPoint("baseline", "Baseline", date(2026, 1, 5), 1.10, 3),
        SeriesPoint("8_weeks", "8 weeks", date(2026, 3, 2), 1.13, 4)]


def band_limits(ax) -> tuple[float, float]:  # noqa: ANN001
    """The shaded MIC band's lower and upper y values (data coordinates)."""
    patch = ax.patches[0]
    ys = patch.get_path().vertices[:, 1]
    ys = patch.get_patch_transform().transform(patch.get_path().vertices)[:, 1] \
        if hasattr(patch, "get_patch_transform") else ys
    return float(min(ys)), float(max(ys))


def test_outcome_figure_draws_the_series_baseline_and_mic_band() -> None:
    fig = outcome_figure("qbpds", QBPDS)
    ax = fig.axes[0]
    series = [line for line in ax.lines if line.get_marker() == "o" and line.get_lw() == 2]
    assert list(series[0].get_ydata()) == [30.0, 20.0]
    baseline = [line for line in ax.lines if line.get_label() == "baseline"][0]
    assert list(baseline.get_ydata()) == [30.0, 30.0]
    assert band_limits(ax) == pytest.approx((24.0, 30.0))  # MIC 6 points, downwards
    assert "lower is better" in ax.get_ylabel()
    assert [t.get_text().split("\n")[0] for t in ax.get_xticklabels()] == ["Baseline", "8 weeks"]
    # 30 -> 20 reaches the MIC: circled
    assert any(line.get_markeredgecolor() == "#1b7f3b" for line in ax.lines)


def test_higher_is_better_band_goes_up_and_small_change_is_not_circled() -> None:
    ax = outcome_figure("gait_speed", GAIT).axes[0]
    assert band_limits(ax) == pytest.approx((1.10, 1.15))  # MIC 0.05 m/s, upwards
    assert "higher is better" in ax.get_ylabel()
    assert not any(line.get_markeredgecolor() == "#1b7f3b" for line in ax.lines)


def test_overview_has_primary_measures_first_and_marks_missing() -> None:
    fig = overview_figure({"qbpds": QBPDS, "6mwt": []})
    titles = [ax.get_title(loc="left") for ax in fig.axes if ax.get_visible()]
    assert titles[:2] == ["QBPDS", "Gait speed"]
    gait = fig.axes[1]
    assert any(t.get_text() == "not assessed" for t in gait.texts)


def test_export_png_and_svg(tmp_path: Path) -> None:
    fig = outcome_figure("qbpds", QBPDS)
    assert save_figure(fig, tmp_path / "g.png").read_bytes()[:4] == b"\x89PNG"
    assert b"<svg" in save_figure(fig, tmp_path / "g.svg").read_bytes()[:400]
    with pytest.raises(ValueError, match="png"):
        save_figure(fig, tmp_path / "g.gif")


def test_matplotlib_is_not_imported_by_the_gui_start(tmp_path: Path) -> None:
    import subprocess
    import sys

    code = ("import sys; from mash_desktop.gui import main_window; "
            "print('matplotlib' in sys.modules, 'reportlab' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         cwd=Path(__file__).parent.parent, env={"QT_QPA_PLATFORM": "offscreen",
                                                                "PATH": ""})
    assert out.stdout.strip() == "False False", out.stderr
