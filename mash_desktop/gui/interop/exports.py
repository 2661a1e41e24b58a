"""File ▸ Export: the open patient as a FHIR bundle, or the clinic as research tables.

The work is the same service call the ``export`` command makes, run off the GUI thread
by the operation runner; a bad target or a failed validation is shown as one sentence
and nothing is written.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

from ..operations import human_message

if TYPE_CHECKING:
    from ..context import AppContext


def _refused(parent: QWidget, title: str, exc: Exception) -> None:
    QMessageBox.warning(parent, title, f"Nothing was exported: {human_message(exc)}")


def export_fhir(ctx: AppContext, parent: QWidget, path: str | None = None) -> bool:
    """Write the open patient's chart as a FHIR R4B bundle (asks where, unless ``path``);
    False when nothing was started."""
    from ...interop.fhir import export_bundle
    from ...services.patients import get_patient

    pid = ctx.chart.patient_id
    if pid is None:
        return False
    mrn = ctx.runner.read(lambda s: get_patient(s, pid).mrn)
    if path is None:
        safe = "".join(ch if ch.isalnum() or ch in "-_" else "_" for ch in mrn)
        path, _ = QFileDialog.getSaveFileName(parent, "Export FHIR bundle",
                                              f"{safe}-fhir.json", "FHIR JSON (*.json)")
        if not path:
            return False
    target = path
    # the file dialog already asked before replacing an existing file: force=True
    return ctx.runner.op(parent, lambda s: export_bundle(s, target, mrn=mrn, actor=ctx.user,
                                                         force=True)) \
        .with_progress("Exporting FHIR bundle") \
        .success(lambda counts: ctx.notify(
            f"Wrote a FHIR R4B bundle with {sum(counts.values())} resources to {target}",
            8000)) \
        .failure(lambda exc: _refused(parent, "FHIR export", exc)) \
        .run()


def export_csv(ctx: AppContext, parent: QWidget, deidentify: bool,
               folder: str | None = None) -> bool:
    """Write the research tables into a new dated folder inside the folder the user picks."""
    from ...interop.tables import export_csv as write_tables

    if folder is None:
        chosen = QFileDialog.getExistingDirectory(parent, "Folder for the research tables")
        if not chosen:
            return False
        kind = "deidentified" if deidentify else "tables"
        folder = str(Path(chosen) / f"mash-{kind}-{date.today().isoformat()}")
    target = folder
    what = "de-identified research tables" if deidentify else "research tables"
    # a second export on the same day refreshes that day's folder: force=True
    return ctx.runner.op(parent, lambda s: write_tables(s, target, deidentify, ctx.user,
                                                        force=True)) \
        .with_progress(f"Exporting {what}") \
        .success(lambda _counts: ctx.notify(f"Wrote {what} to {target}", 8000)) \
        .failure(lambda exc: _refused(parent, "CSV export", exc)) \
        .run()
