"""Entering outcome measures in the Outcomes tab and seeing the change flagged."""

from __future__ import annotations

from datetime import date, timedelta

from conftest import open_tab
from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QFocusEvent
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
    assert "greater than" not in tab.live.text()  # nothing said while the PT is typing
    tab.form.fields["time_s"].setFocus()
    qtbot.keyClick(tab.form.fields["time_s"], Qt.Key.Key_Tab)  # leaves the field
    tab.form.eventFilter(tab.form.fields["time_s"], QFocusEvent(QEvent.Type.FocusOut))
    assert "Time (s): 0 must be greater than 0" in tab.live.text()
    assert "time_s" not in tab.live.text()  # the clinician's words, not the key
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


def _episode(window, mrn: str = "Q9") -> int:  # noqa: ANN001
    with window.db.session() as s:
        pid = create_patient(s, {"mrn": mrn, "first_name": "Ida", "last_name": "Moe",
                                 "date_of_birth": "1952-04-05", "sex": "female"}).id
        create_episode(s, pid, {"start_date": date.today() - timedelta(days=3),
                                "icd10_code": "M54.50", "diagnosis_text": "LBP",
                                "arm": "hip_focused"})
    window.reload_patients()
    return pid


def test_a_whole_qbpds_takes_at_most_23_inputs(window, qtbot) -> None:  # noqa: ANN001
    """Ctrl+Shift+O, Tab to item 1, 20 digits (each moves on by itself), Enter on Save."""
    from PySide6.QtWidgets import QApplication

    pid = _episode(window)
    window.open_patient(pid)
    window.activateWindow()
    inputs = 0

    def press(key: Qt.Key, text: str = "") -> None:
        nonlocal inputs
        inputs += 1
        QApplication.processEvents()  # as the event loop does between two key presses
        target = window.focusWidget()  # where the window's keyboard focus is
        assert target is not None
        if text:
            qtbot.keyClicks(target, text)
        else:
            qtbot.keyClick(target, key)

    window.ui.actionOutcomeEntry.trigger()  # the Ctrl+Shift+O shortcut
    inputs += 1
    QApplication.processEvents()
    tab = window.ui.chartTabs.currentWidget()
    assert tab.instrument.currentData() == "qbpds" and tab.instrument.hasFocus()
    press(Qt.Key.Key_Tab)
    assert window.focusWidget() is tab.form.boxes[0]
    for digit in "2" * 14 + "1" * 6:
        press(Qt.Key.Key_unknown, digit)
    assert window.focusWidget() is tab.save_button
    press(Qt.Key.Key_Space)  # a focused button is pressed with Space (or Enter)
    assert inputs <= 23
    with window.db.session() as s:
        saved = s.scalars(select(Assessment)).one()
    assert (saved.instrument, saved.timepoint, saved.total) == ("qbpds", "baseline", 34)
    row = next(i for i in range(tab.table.rowCount())
               if tab.table.item(i, 0).text().startswith("QBPDS"))
    assert tab.table.item(row, 1).text() == "34.0"  # the table follows the save
    assert tab.figure is not None  # and the graph


def test_items_show_their_topic_and_a_name_for_screen_readers(window) -> None:  # noqa: ANN001
    from mash_desktop import outcomes

    pid = _episode(window)
    window.open_patient(pid)
    tab = outcomes_tab(window)
    qbpds = outcomes.get_instrument("qbpds")
    first = tab.form.boxes[0]
    assert qbpds.items[0] in first.accessibleName()
    labels = [w for w in tab.form.findChildren(type(tab.live)) if w.buddy() is first]
    assert labels and labels[0].text() == f"1. {qbpds.items[0]}"


def test_fast_gait_series_starts_at_fast_pace(window) -> None:  # noqa: ANN001
    pid = _episode(window)
    window.open_patient(pid)
    tab = outcomes_tab(window)
    tab.instrument.setCurrentIndex(tab.instrument.findData("gait_speed_fast"))
    assert tab.form.pace is not None and tab.form.pace.currentText() == "fast"
    tab.instrument.setCurrentIndex(tab.instrument.findData("gait_speed"))
    assert tab.form.pace is not None and tab.form.pace.currentText() == "usual"


def test_timepoint_defaults_to_the_next_one_due(window) -> None:  # noqa: ANN001
    from mash_desktop.services.assessments import record_assessment

    pid = _episode(window)
    with window.db.session() as s:
        eid = s.scalars(select(Assessment.episode_id)).first()
    from mash_desktop.services.chart import default_episode

    with window.db.session() as s:
        eid = default_episode(s, pid)
        record_assessment(s, eid, "baseline", date.today(), "qbpds", [1] * 20)
    window.open_patient(pid)
    tab = outcomes_tab(window)
    assert tab.instrument.currentData() == "qbpds"
    assert tab.timepoint.currentData() == "8_weeks"  # baseline QBPDS is done
    tab.instrument.setCurrentIndex(tab.instrument.findData("gait_speed"))
    assert tab.timepoint.currentData() == "baseline"  # the baseline battery goes on
