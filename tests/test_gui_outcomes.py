"""Entering outcome measures in the Outcomes tab and seeing the change flagged."""

from __future__ import annotations

from datetime import date, timedelta

from conftest import open_tab
from PySide6.QtCore import Qt
from sqlalchemy import select

from mash_desktop.models import Assessment
from mash_desktop.services.episodes import create_episode
from mash_desktop.services.patients import create_patient


def outcomes_tab(win):  # noqa: ANN001, ANN201
    return open_tab(win, "Outcomes")


def type_items(qtbot, tab, digits: str) -> None:  # noqa: ANN001
    """Digits then Tab, as a PT enters a paper form."""
    tab.form.boxes[0].setFocus()
    for i, ch in enumerate(digits):
        qtbot.keyClicks(tab.form.boxes[i], ch)
        qtbot.keyClick(tab.form.boxes[i], Qt.Key.Key_Tab)


def test_qbpds_at_baseline_and_8_weeks_shows_meaningful_change(window, qtbot) -> None:  # noqa: ANN001
    start = date.today() - timedelta(days=60)
    with window.db.session() as s:
        pid = create_patient(s, {"mrn": "Q1", "first_name": "Ann", "last_name": "Lee",
                                 "date_of_birth": "1955-02-03", "sex": "female"}).id
        create_episode(s, pid, {"start_date": start, "icd10_code": "M54.50",
                                "diagnosis_text": "LBP", "arm": "hip_focused"})
    window.reload_patients()
    window.open_patient(pid)
    tab = outcomes_tab(window)
    tab.instrument.setCurrentIndex(tab.instrument.findData("qbpds"))
    tab.timepoint.setCurrentIndex(tab.timepoint.findData("baseline"))
    tab.date_edit.setText(start.isoformat())
    type_items(qtbot, tab, "2" * 14 + "1" * 6)  # 34
    assert "Score 34.0" in tab.live.text()
    tab.save_button.click()
    tab.instrument.setCurrentIndex(tab.instrument.findData("qbpds"))
    tab.timepoint.setCurrentIndex(tab.timepoint.findData("8_weeks"))
    tab.date_edit.setText((start + timedelta(days=56)).isoformat())
    type_items(qtbot, tab, "1" * 20)  # 20
    tab.save_button.click()
    row = next(i for i in range(tab.table.rowCount())
               if tab.table.item(i, 0).text().startswith("QBPDS"))
    assert tab.table.item(row, 1).text() == "34.0"
    assert tab.table.item(row, 2).text() == "20.0"
    assert tab.table.item(row, 3).text() == ("−14.0 (−41.2%) · Meaningful improvement (at least "
                                             "the minimal important change)")
    assert tab.table.item(row, 4).text() == "not assessed"  # no follow-up yet
    assert tab.table.item(row, 5).text() == "—"
    assert tab.figure is not None and tab.figure.axes[0].lines


def test_bad_item_is_marked_and_nothing_saved(window, qtbot) -> None:  # noqa: ANN001
    with window.db.session() as s:
        pid = create_patient(s, {"mrn": "Q2", "first_name": "Bo", "last_name": "Ek",
                                 "date_of_birth": "1950-02-03", "sex": "male"}).id
        create_episode(s, pid, {"start_date": date.today() - timedelta(days=3),
                                "icd10_code": "M54.50", "diagnosis_text": "LBP",
                                "arm": "spine_focused"})
    window.reload_patients()
    window.open_patient(pid)
    tab = outcomes_tab(window)
    tab.instrument.setCurrentIndex(tab.instrument.findData("tug"))
    qtbot.keyClicks(tab.form.fields["time_s"], "0")
    assert "time_s" in tab.live.text() and "greater than 0" in tab.live.text()
    assert "border" in tab.form.fields["time_s"].styleSheet()
    tab.save_button.click()
    with window.db.session() as s:
        assert s.scalar(select(Assessment.id)) is None
    tab.instrument.setCurrentIndex(tab.instrument.findData("phq9"))
    type_items(qtbot, tab, "00000000" + "1")
    assert "item 9" in tab.live.text()  # the safety flag is shown before saving


def test_switching_patient_empties_the_entry_so_nothing_of_a_is_saved_on_b(
        window, qtbot) -> None:  # noqa: ANN001
    ids = []
    with window.db.session() as s:
        for mrn, first in (("S1", "Ann"), ("S2", "Bea")):
            pid = create_patient(s, {"mrn": mrn, "first_name": first, "last_name": "Lee",
                                     "date_of_birth": "1955-02-03", "sex": "female"}).id
            create_episode(s, pid, {"start_date": date.today() - timedelta(days=3),
                                    "icd10_code": "M54.50", "diagnosis_text": "LBP",
                                    "arm": "hip_focused"})
            ids.append(pid)
    a, b = ids
    window.reload_patients()
    window.open_patient(a)
    tab = outcomes_tab(window)
    tab.instrument.setCurrentIndex(tab.instrument.findData("tug"))
    tab.timepoint.setCurrentIndex(tab.timepoint.findData("8_weeks"))
    tab.date_edit.setText("2020-01-01")
    qtbot.keyClicks(tab.form.fields["time_s"], "12.4")  # half-typed for patient A
    window.open_patient(b)
    assert tab.form.inst is not None and tab.form.inst.key == tab.instrument.itemData(0)
    assert tab.timepoint.currentData() == "baseline"
    assert tab.date_edit.text() == date.today().isoformat()
    assert "12.4" not in [box.text() for box in [*tab.form.boxes, *tab.form.fields.values()]]
    tab.save_button.click()
    with window.db.session() as s:
        assert s.scalar(select(Assessment.id)) is None  # nothing of A's stored on B
