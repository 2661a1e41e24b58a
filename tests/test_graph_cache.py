"""Graphs are drawn once per content, in the background when possible, and the lean
queries behind the visit list show what the full notes would."""

from __future__ import annotations

from datetime import date

from mash_desktop.charts import clear_cache, outcome_png, overview_png, prefetch_overview
from mash_desktop.charts.render import render_count
from mash_desktop.services.assessments import SeriesPoint
from mash_desktop.services.sessions import (
    episode_notes,
    payer_rule,
    units_for_note,
    visit_summaries,
)

QBPDS = [SeriesPoint("baseline", "Baseline", date(2026, 1, 5), 30.0, 1),
         SeriesPoint("8_weeks", "8 weeks", date(2026, 3, 2), 20.0, 2)]
GAIT = [SeriesPoint("baseline", "Baseline", date(2026, 1, 5), 1.10, 3)]


def test_same_points_reuse_the_drawing_and_new_points_redraw() -> None:
    clear_cache()
    start = render_count()
    png = overview_png({"qbpds": QBPDS, "gait_speed": GAIT})
    assert png[:4] == b"\x89PNG"
    assert overview_png({"gait_speed": list(GAIT), "qbpds": list(QBPDS)}) == png
    assert render_count() == start + 1
    changed = QBPDS[:1] + [SeriesPoint("8_weeks", "8 weeks", date(2026, 3, 2), 25.0, 2)]
    assert overview_png({"qbpds": changed, "gait_speed": GAIT}) != png
    assert render_count() == start + 2


def test_prefetched_overview_is_ready_without_drawing_again() -> None:
    clear_cache()
    prefetch_overview({"qbpds": QBPDS}).join(timeout=60)
    drawn = render_count()
    overview_png({"qbpds": QBPDS})
    assert render_count() == drawn


def test_report_graph_png_has_the_requested_size() -> None:
    import io

    from PIL import Image

    png = outcome_png("qbpds", QBPDS, figsize=(4.6, 3.0), dpi=150)
    assert Image.open(io.BytesIO(png)).size == (690, 450)


def test_visit_list_summaries_match_the_full_notes(demo_db) -> None:  # noqa: ANN001
    with demo_db.session() as s:
        from sqlalchemy import select

        from mash_desktop.models import Episode

        for episode in s.scalars(select(Episode)):
            rule = payer_rule(episode)
            notes = episode_notes(s, episode.id)
            rows = visit_summaries(s, episode.id, rule)
            assert [r.id for r in rows] == [n.id for n in notes]
            assert [r.units for r in rows] == [units_for_note(n, rule) for n in notes]
            assert [r.is_signed for r in rows] == [n.is_signed for n in notes]


def test_the_chart_tab_in_use_is_reopened_next_time(demo_db, qtbot) -> None:  # noqa: ANN001
    from mash_desktop.gui.app import make_app
    from mash_desktop.gui.main_window import MainWindow

    make_app()
    first = MainWindow(demo_db)
    qtbot.addWidget(first)
    first.ui.chartTabs.setCurrentIndex(2)
    second = MainWindow(demo_db)
    qtbot.addWidget(second)
    assert second.ui.chartTabs.currentIndex() == 2


def test_a_single_assessment_is_drawn_where_the_axis_shows_it() -> None:
    from matplotlib.dates import date2num

    from mash_desktop.charts import outcome_figure

    lo, hi = outcome_figure("gait_speed", GAIT).axes[0].get_xlim()
    assert lo < date2num(GAIT[0].assessed_on) < hi
