"""The patient list with thousands of patients: search, sort and selection, as a PT uses them."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt
from sqlalchemy import insert

from mash_desktop.models import Patient


def add_patients(db, n: int) -> None:  # noqa: ANN001
    rows = [{"mrn": f"P{i:05d}", "first_name": f"Ann{i % 7}", "last_name": f"Lee{i % 97:02d}",
             "date_of_birth": date(1940 + i % 30, 1 + i % 12, 1 + i % 28), "sex": "female"}
            for i in range(n)]
    rows.append({"mrn": "Z-1", "first_name": "Émile", "last_name": "Ørsted",
                 "date_of_birth": date(1950, 12, 9), "sex": "male"})
    with db.session() as s:
        s.execute(insert(Patient), rows)


def shown(win) -> list[str]:  # noqa: ANN001
    m = win.model
    return [m.index(r, 1).data() for r in range(m.rowCount())]


def test_search_keeps_the_selected_patient_selected(window, qtbot) -> None:  # noqa: ANN001
    add_patients(window.db, 3000)
    window.reload_patients()
    assert window.model.rowCount() == 3001
    target = window.model.row_of(next(r.id for r in window.model.rows if r.mrn == "P00042"))
    window.ui.patientTable.selectRow(target)
    qtbot.keyClicks(window.ui.searchEdit, "lee42")
    assert all(window.model.index(r, 0).data().startswith("Lee42")
               for r in range(window.model.rowCount()))
    assert window.ui.patientTable.currentIndex().siblingAtColumn(1).data() == "P00042"
    window.ui.searchEdit.clear()
    assert window.model.rowCount() == 3001
    assert window.ui.patientTable.currentIndex().siblingAtColumn(1).data() == "P00042"


def test_search_matches_accents_and_birth_dates(window, qtbot) -> None:  # noqa: ANN001
    add_patients(window.db, 50)
    window.reload_patients()
    qtbot.keyClicks(window.ui.searchEdit, "ørsted 12/9/1950")
    assert shown(window) == ["Z-1"]
    window.ui.searchEdit.clear()
    qtbot.keyClicks(window.ui.searchEdit, "nobody")
    assert shown(window) == []


def test_header_clicks_sort_by_mrn_and_by_age(window) -> None:  # noqa: ANN001
    add_patients(window.db, 40)
    window.reload_patients()
    header = window.ui.patientTable.horizontalHeader()
    header.setSortIndicator(1, Qt.SortOrder.DescendingOrder)
    assert shown(window)[:2] == ["Z-1", "P00039"]
    header.setSortIndicator(3, Qt.SortOrder.AscendingOrder)  # youngest first
    ages = [window.model.index(r, 3).data() for r in range(window.model.rowCount())]
    assert ages == sorted(ages)
    header.setSortIndicator(0, Qt.SortOrder.AscendingOrder)
    names = [window.model.index(r, 0).data() for r in range(window.model.rowCount())]
    assert names == sorted(names, key=str.casefold)
