"""Reports ▸ Cohort view: the rows of :func:`services.cohort.cohort` with their filters,
and the PDF (tables and graphs) in the usual preview with Save and Print."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QHeaderView, QMessageBox, QWidget

from ..field_errors import FieldErrors
from ..forms.ui_cohortdialog import Ui_CohortDialog
from ..reports.preview_dialog import PagePixels, rasterize
from ..rows_model import RowsModel

if TYPE_CHECKING:
    from ...services.cohort import Cohort, CohortRow
    from ..context import AppContext
    from ..operations import DbSession

ALL = "All clinicians"


class CohortRowsModel(RowsModel):
    HEADERS = ["Measure", "Arm", "Time", "n", "Mean change (95% CI)", "Reached the MIC",
               "Visits attended of planned", "Trial registry mean (difference)"]

    def cell(self, row: CohortRow, column: int, role: int) -> Any:
        from ...reports.cohort import (
            attendance_cell,
            change_cell,
            responders_cell,
            trial_cell,
        )

        if role == Qt.ItemDataRole.ToolTipRole and column == 7 and row.trial_caveat:
            return row.trial_caveat
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        return [f"{row.instrument_name} ({row.unit})", row.arm_label, row.timepoint_label,
                str(row.n), change_cell(row), responders_cell(row), attendance_cell(row),
                trial_cell(row)][column]


class CohortDialog(QDialog):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        from ...services.cohort import clinician_names

        super().__init__(parent)
        self.ctx = ctx
        self.ui = ui = Ui_CohortDialog()
        ui.setupUi(self)
        self.model = CohortRowsModel()
        ui.rowsTable.setModel(self.model)
        ui.rowsTable.verticalHeader().hide()
        ui.rowsTable.horizontalHeader().setSectionResizeMode(
            QHeaderView.ResizeMode.ResizeToContents)
        self.errors = FieldErrors(ui.filterForm, {"date_from": ui.fromEdit,
                                                  "date_to": ui.toEdit,
                                                  "clinician": ui.clinicianCombo})
        names = ctx.runner.read(clinician_names)
        ui.clinicianCombo.addItems([ALL, *names])
        ui.updateButton.clicked.connect(self.refresh)
        ui.fromEdit.returnPressed.connect(self.refresh)
        ui.toEdit.returnPressed.connect(self.refresh)
        ui.pdfButton.clicked.connect(self.preview)
        ui.buttonBox.rejected.connect(self.reject)
        self.cohort: Cohort | None = None
        self.dialog: QWidget | None = None
        self.refresh()

    def filters(self) -> dict[str, Any]:
        who = self.ui.clinicianCombo.currentText()
        return {"date_from": self.ui.fromEdit.text().strip() or None,
                "date_to": self.ui.toEdit.text().strip() or None,
                "clinician": None if who == ALL else who}

    def refresh(self) -> bool:
        from ...services import ValidationError
        from ...services.cohort import cohort

        filters = self.filters()
        try:
            self.cohort = c = self.ctx.runner.read(lambda s: cohort(s, **filters))
        except ValidationError as exc:
            for message in self.errors.show(exc.errors):
                QMessageBox.warning(self, "Cohort view", message)
            return False
        self.errors.clear()
        self.model.set_rows(c.rows)
        counted = ", ".join(f"{a.replace('_', '-')} {n}" for a, n in c.episodes.items())
        self.ui.countsLabel.setText(
            f"<b>Episodes counted:</b> {counted or 'none match'} — {c.filters.describe()}.")
        self.ui.caveatLabel.setText(f"Trial figures: {c.caveat}. {c.caveat_long}")
        return True

    def preview(self) -> bool:
        """Build the PDF off the GUI thread, then show it with Save and Print."""
        from ...reports.cohort import generate

        if not self.refresh():
            return False
        filters, user = self.filters(), self.ctx.user
        def build(s: DbSession) -> tuple[bytes, list[PagePixels]]:
            pdf = generate(s, actor=user, **filters)
            return pdf, rasterize(pdf)  # the pages too, off the GUI thread

        return self.ctx.runner.op(self, build) \
            .with_progress("Building the cohort PDF") \
            .success(lambda built: self._show(*built)) \
            .failure(lambda exc: QMessageBox.warning(self, "Cohort view", str(exc))) \
            .run()

    def _show(self, pdf: bytes, pages: list[PagePixels]) -> None:
        from ..reports.preview_dialog import PreviewDialog

        self.dialog = PreviewDialog(pdf, "Cohort view",
                                    f"mash-cohort-{date.today().isoformat()}.pdf", self, pages)
        self.dialog.open()
