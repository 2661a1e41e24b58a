"""Every part of the open chart shows the patient that is open, never the one before.

The defect this guards against: on the Sessions tab, switching from one patient to
another and then opening Outcomes showed the previous patient's QBPDS graph, and saving
an assessment did not update the graph.
"""

from __future__ import annotations

from datetime import date

import pytest
from conftest import open_tab
from PySide6.QtCore import Qt

from mash_desktop.services.assessments import episode_series, outcome_table
from mash_desktop.services.audit_query import AuditFilter, query_audit
from mash_desktop.services.chart import chart_header, default_episode
from mash_desktop.services.documents import list_documents
from mash_desktop.services.episodes import list_episodes
from mash_desktop.services.flowsheet import build_flowsheet
from mash_desktop.services.sessions import visit_summaries


def expected(win, patient_id: int) -> dict:  # noqa: ANN001
    """What each part of the chart must show for this patient, read from the services."""
    with win.db.session() as s:
        eid = default_episode(s, patient_id)
        header = chart_header(s, patient_id, eid)
        rows = outcome_table(s, eid)
        return {
            "episode": eid,
            "name": header.name,
            "episodes": [e.start_date.isoformat()
                         for e in reversed(list_episodes(s, patient_id))],
            "visits": [v.visit_date.isoformat()
                       for v in reversed(visit_summaries(s, eid))],
            "flowsheet": build_flowsheet(s, eid).visits,
            "outcomes": [(r.instrument, r.baseline, r.discharge, r.follow_up) for r in rows],
            "series": {k: [p.value for p in pts] for k, pts in episode_series(s, eid).items()},
            "audit": len(query_audit(s, AuditFilter(patient_id=patient_id))),
            "views": len(query_audit(s, AuditFilter(patient_id=patient_id, action="view"))),
            "documents": len(list_documents(s, eid)) if eid is not None else 0,
        }


def graph_values(tab) -> list[float]:  # noqa: ANN001
    """The plotted series of the Outcomes graph (the line with the data points)."""
    assert tab.figure is not None, "no graph drawn"
    lines = [ln for ln in tab.figure.axes[0].lines if ln.get_marker() == "o"]
    return [float(y) for y in lines[0].get_ydata()]


def shows_episodes(tab, want: dict) -> None:  # noqa: ANN001
    assert [tab.table.item(i, 0).text() for i in range(tab.table.rowCount())] \
        == want["episodes"]


def shows_sessions(tab, want: dict) -> None:  # noqa: ANN001
    assert [r.date for r in tab.visits.rows] == want["visits"]
    assert tab.flow.sheet.visits == want["flowsheet"]


def shows_outcomes(tab, want: dict) -> None:  # noqa: ANN001
    shown = [(r.instrument, r.baseline, r.discharge, r.follow_up) for r in tab.rows]
    assert shown == want["outcomes"]
    assert tab.table.rowCount() == len(want["outcomes"])
    selected = tab.rows[tab.table.currentRow()].instrument
    assert graph_values(tab) == want["series"][selected]


def shows_reports(tab, want: dict) -> None:  # noqa: ANN001
    assert all(b.isEnabled() for b in tab.buttons.values()) == (want["episode"] is not None)
    assert tab.documents.rowCount() == want["documents"]


def shows_audit(tab, want: dict) -> None:  # noqa: ANN001
    # opening a chart is audited too: the records are the patient's, plus each opening
    shown = [r[2] for r in tab.model.rows]
    assert len(shown) - shown.count("viewed") == want["audit"] - want["views"]
    assert shown.count("viewed") > want["views"]


#: What each chart tab must show for the open patient. A tab added to the chart without a
#: check here fails the tests below: every tab is covered, not a list written once.
CHECKS = {"Episodes": shows_episodes, "Sessions": shows_sessions, "Outcomes": shows_outcomes,
          "Reports": shows_reports, "Audit": shows_audit}


def chart_tabs(win) -> list[str]:  # noqa: ANN001
    """The titles of the chart's tabs, read from the tab widget itself."""
    tabs = win.ui.chartTabs
    return [tabs.tabText(i) for i in range(tabs.count())]


def assert_tab_shows(win, title: str, want: dict) -> None:  # noqa: ANN001
    """Bring ``title`` to the front and compare what it shows with the patient's data."""
    view = open_tab(win, title)
    assert view.drawn_for == (win.patient_id, want["episode"]), title
    CHECKS[title](view, want)


def assert_chart_shows(win, want: dict) -> None:  # noqa: ANN001
    """The header and every tab of the chart show this patient."""
    assert win.ui.nameLabel.text() == want["name"]
    for title in chart_tabs(win):
        assert_tab_shows(win, title, want)


def click_patient(win, qtbot, patient_id: int) -> None:  # noqa: ANN001
    """Open a chart the way a PT does: a click on the patient's row."""
    index = win.model.index(win.model.row_of(patient_id), 0)
    win.ui.patientTable.setCurrentIndex(index)
    qtbot.mouseClick(win.ui.patientTable.viewport(), Qt.MouseButton.LeftButton,
                     pos=win.ui.patientTable.visualRect(index).center())
    assert win.patient_id == patient_id


def two_patients_with_outcomes(win) -> tuple[int, int]:  # noqa: ANN001
    with win.db.session() as s:
        ids = []
        for row in win.model.rows:
            eid = default_episode(s, row.id)
            if eid is not None and outcome_table(s, eid):
                ids.append(row.id)
        return ids[0], ids[1]


def test_switching_patient_from_every_tab_shows_the_new_patient_in_every_tab(
        demo_window, qtbot) -> None:  # noqa: ANN001
    """Open tab then switch (the visible tab redraws at once) and switch then open tab
    (every other tab shows the new patient when brought forward), from every tab."""
    titles = chart_tabs(demo_window)
    assert len(titles) >= 5 and not set(titles) - set(CHECKS), \
        f"add what these tabs must show to CHECKS: {sorted(set(titles) - set(CHECKS))}"
    a, b = two_patients_with_outcomes(demo_window)
    want_a, want_b = expected(demo_window, a), expected(demo_window, b)
    assert want_a["series"] != want_b["series"]  # otherwise the test proves nothing
    assert want_a["visits"] != want_b["visits"] and want_a["audit"] != want_b["audit"]
    for from_tab in titles:
        click_patient(demo_window, qtbot, a)
        assert_chart_shows(demo_window, want_a)  # every tab has drawn patient A
        open_tab(demo_window, from_tab)
        click_patient(demo_window, qtbot, b)
        assert demo_window.ui.chartTabs.tabText(
            demo_window.ui.chartTabs.currentIndex()) == from_tab
        current = demo_window.ui.chartTabs.currentWidget()
        assert current.drawn_for == (b, want_b["episode"]), from_tab  # redrew at once
        CHECKS[from_tab](current, want_b)
        assert demo_window.ui.nameLabel.text() == want_b["name"]
        for title in titles:
            assert_tab_shows(demo_window, title, want_b)


def test_saving_an_assessment_puts_it_in_the_table_and_the_graph(demo_window) -> None:  # noqa: ANN001
    _a, b = two_patients_with_outcomes(demo_window)
    demo_window.open_patient(b)
    tab = open_tab(demo_window, "Outcomes")
    tab.instrument.setCurrentIndex(tab.instrument.findData("tug"))
    tab.table.selectRow(0)  # the graph shows another measure before saving
    tab.timepoint.setCurrentIndex(tab.timepoint.findData("custom"))
    tab.date_edit.setText(date.today().isoformat())
    tab.form.fields["time_s"].setText("7.3")
    tab.save_button.click()
    assert "Assessment saved" in demo_window.statusBar().currentMessage()
    assert tab.rows[tab.table.currentRow()].instrument == "tug"
    assert graph_values(tab)[-1] == pytest.approx(7.3)
    assert expected(demo_window, b)["series"]["tug"] == graph_values(tab)


def test_a_hidden_tab_redraws_when_shown_not_before(demo_window) -> None:  # noqa: ANN001
    a, b = two_patients_with_outcomes(demo_window)
    demo_window.open_patient(a)
    outcomes = open_tab(demo_window, "Outcomes")
    open_tab(demo_window, "Sessions")
    demo_window.open_patient(b)
    assert outcomes.out_of_date and outcomes.drawn_for[0] == a  # hidden: not drawn yet
    open_tab(demo_window, "Outcomes")
    assert not outcomes.out_of_date and outcomes.drawn_for[0] == b
