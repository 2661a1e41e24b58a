"""File ▸ Export: the open patient as a FHIR bundle, or the clinic as research tables.

The work is the same service call the ``export`` command makes; a bad target or a
failed validation is shown as one sentence and nothing is written.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QFileDialog, QMessageBox

if TYPE_CHECKING:
    from ..main_window import MainWindow


@contextmanager
def _busy() -> Iterator[None]:
    QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
    try:
        yield
    finally:
        QApplication.restoreOverrideCursor()


def _refused(window: MainWindow, title: str, exc: Exception) -> None:
    message = getattr(exc, "message", None) or str(exc)
    QMessageBox.warning(window, title, f"Nothing was exported: {message}")


def export_fhir(window: MainWindow, path: str | None = None) -> dict[str, int] | None:
    """Write the open patient's chart as a FHIR R4B bundle (asks where, unless ``path``)."""
    from ...interop.fhir import export_bundle
    from ...services import NotFoundError, ValidationError
    from ...services.patients import get_patient

    if window.patient_id is None:
        return None
    with window.db.session() as s:
        mrn = get_patient(s, window.patient_id).mrn
    if path is None:
        safe = "".join(ch if ch.isalnum() or ch in "-_" else "_" for ch in mrn)
        path, _ = QFileDialog.getSaveFileName(window, "Export FHIR bundle",
                                              f"{safe}-fhir.json", "FHIR JSON (*.json)")
        if not path:
            return None
    try:
        with _busy():
            counts = window.run(lambda s: export_bundle(s, path, mrn=mrn,
                                                        actor=window.actor), "export")
    except (ValidationError, NotFoundError) as exc:
        _refused(window, "FHIR export", exc)
        return None
    window.statusBar().showMessage(
        f"Wrote a FHIR R4B bundle with {sum(counts.values())} resources to {path}", 8000)
    return counts


def export_csv(window: MainWindow, deidentify: bool, folder: str | None = None
               ) -> dict[str, int] | None:
    """Write the research tables into a new folder inside the folder the user picks."""
    from ...interop.tables import export_csv as write_tables
    from ...services import ValidationError

    if folder is None:
        parent = QFileDialog.getExistingDirectory(window, "Folder for the research tables")
        if not parent:
            return None
        kind = "deidentified" if deidentify else "tables"
        folder = str(Path(parent) / f"mash-{kind}-{date.today().isoformat()}")
    try:
        with _busy():
            counts = window.run(lambda s: write_tables(s, folder, deidentify, window.actor),
                                "export")
    except ValidationError as exc:
        _refused(window, "CSV export", exc)
        return None
    window.statusBar().showMessage(
        f"Wrote {'de-identified ' if deidentify else ''}research tables to {folder}", 8000)
    return counts
