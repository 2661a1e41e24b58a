"""File ▸ Export and Reports ▸ Cohort view in the app: the same exports and numbers as the
command line, with bad input shown at the field."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from mash_desktop.gui.interop import exports
from mash_desktop.gui.interop.cohort_dialog import ALL, CohortDialog
from mash_desktop.gui.reports.preview_dialog import PreviewDialog
from mash_desktop.interop.fhir import validate

pytestmark = pytest.mark.gui


def test_fhir_export_needs_an_open_patient_and_writes_only_that_patient(
        demo_window, tmp_path: Path) -> None:  # noqa: ANN001
    demo_window.open_patient(3)
    assert demo_window.ui.actionExportFhir.isEnabled()
    assert exports.export_fhir(demo_window.ctx, demo_window, str(tmp_path / "p3.json"))
    demo_window.runner.wait()
    bundle = json.loads((tmp_path / "p3.json").read_text(encoding="utf-8"))
    validate(bundle)
    assert [e["resource"]["resourceType"] for e in bundle["entry"]].count("Patient") == 1


def test_no_fhir_export_without_an_open_patient(window) -> None:  # noqa: ANN001
    assert not window.ui.actionExportFhir.isEnabled()
    assert not exports.export_fhir(window.ctx, window)


def test_export_to_a_missing_folder_says_so_and_writes_nothing(demo_window, tmp_path: Path,
                                                               monkeypatch) -> None:  # noqa: ANN001
    shown: list[str] = []
    monkeypatch.setattr("PySide6.QtWidgets.QMessageBox.warning",
                        lambda *a, **k: shown.append(a[2]))
    demo_window.open_patient(1)
    exports.export_fhir(demo_window.ctx, demo_window, str(tmp_path / "no" / "x.json"))
    demo_window.runner.wait()
    exports.export_csv(demo_window.ctx, demo_window, True, str(tmp_path / "no" / "t"))
    demo_window.runner.wait()
    assert len(shown) == 2 and all("does not exist" in m for m in shown)
    assert not (tmp_path / "no").exists()


def test_deidentified_csv_from_the_menu(demo_window, tmp_path: Path) -> None:  # noqa: ANN001
    assert exports.export_csv(demo_window.ctx, demo_window, True, str(tmp_path / "study"))
    demo_window.runner.wait()
    assert len((tmp_path / "study" / "patients.csv").read_text("utf-8-sig").splitlines()) == 13
    assert "first_name" not in (tmp_path / "study" / "patients.csv").read_text("utf-8-sig")


def test_cohort_dialog_shows_the_rows_and_marks_a_bad_date(demo_window, qtbot) -> None:  # noqa: ANN001
    demo_window.ui.actionCohort.trigger()
    dlg = demo_window.dialog
    assert isinstance(dlg, CohortDialog)
    assert dlg.model.rowCount() == len(dlg.cohort.rows) > 0
    assert dlg.model.data(dlg.model.index(0, 0)).startswith("Quebec Back Pain")
    assert "registry means, pairing inferred" in dlg.ui.caveatLabel.text()
    dlg.ui.fromEdit.setText("2026-02-30")
    assert not dlg.refresh()
    assert "YYYY-MM-DD" in dlg.errors.message_for("date_from")
    dlg.ui.fromEdit.setText("")
    dlg.ui.toEdit.setText("1999-01-01")
    assert dlg.refresh() and dlg.model.rowCount() == 0
    assert "none match" in dlg.ui.countsLabel.text()
    assert dlg.ui.clinicianCombo.itemText(0) == ALL
    dlg.reject()


def test_cohort_pdf_preview(demo_window, qtbot) -> None:  # noqa: ANN001
    demo_window.cohort_view()
    dlg = demo_window.dialog
    assert dlg.preview()
    demo_window.runner.wait()
    assert isinstance(dlg.dialog, PreviewDialog) and len(dlg.dialog.pages) >= 2
    dlg.dialog.reject()
    dlg.reject()
