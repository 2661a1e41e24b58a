"""Create or edit a patient (Designer form ui/patientdialog.ui)."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import date
from typing import TYPE_CHECKING, Any

from PySide6.QtWidgets import QDialog, QMessageBox, QWidget

from ..services import ValidationError
from ..services.concurrency import ConflictError
from ..services.patients import SEXES, PatientForm, age_on
from .context import AppContext
from .drafts import AsksBeforeDiscarding, DraftKeeper
from .field_errors import FieldErrors
from .forms.ui_patientdialog import Ui_PatientDialog
from .geometry import scroll_body
from .operations import human_message

if TYPE_CHECKING:
    from .operations import DbSession

# Writes the form's values in the given transaction and returns the patient's id.
WriteFn = Callable[["DbSession", PatientForm], int]


class PatientDialog(AsksBeforeDiscarding, QDialog):
    """Collects the fields and writes them through the runner; stays open on bad input."""

    UNSAVED_WHAT = "This patient"

    def __init__(self, ctx: AppContext, write: WriteFn, values: PatientForm | None = None,
                 payers: list[str] | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ui = Ui_PatientDialog()
        self.ui.setupUi(self)
        scroll_body(self)  # fields scroll on a small screen; Save stays in view
        self.ctx, self.write = ctx, write
        self.saved_id: int | None = None
        ui = self.ui
        for key, label in SEXES.items():
            ui.sexCombo.addItem(label, key)
        ui.payerCombo.addItem("")
        ui.payerCombo.addItems(payers or [])
        self.widgets: dict[str, QWidget] = {
            "mrn": ui.mrnEdit, "first_name": ui.firstNameEdit, "last_name": ui.lastNameEdit,
            "date_of_birth": ui.dobEdit, "sex": ui.sexCombo, "phone": ui.phoneEdit,
            "email": ui.emailEdit, "address": ui.addressEdit,
            "referring_physician": ui.physicianEdit, "payer": ui.payerCombo,
            "member_id": ui.memberIdEdit, "notes": ui.notesEdit,
        }
        self.errors = FieldErrors(ui.form, self.widgets)
        ui.dobEdit.textChanged.connect(self._show_age)
        ui.buttonBox.accepted.connect(self.save)
        ui.buttonBox.rejected.connect(self.reject)
        self.setWindowTitle("Edit patient" if values else "New patient")
        if values:
            self.set_values(values)
        ui.mrnEdit.setFocus()
        key = str(values.get("mrn", "")) if values else "new"
        # keep what is typed if the app dies before Save
        self.drafts = DraftKeeper(self, ctx, "patient", key, self.values, self.set_values)

    def _show_age(self, text: str) -> None:
        label = self.ui.dobEditLabel
        try:
            dob = date.fromisoformat(text.strip())
        except ValueError:
            label.setText("&Date of birth")
            return
        label.setText(f"&Date of birth (age {age_on(dob, date.today())})")

    def set_values(self, values: Mapping[str, Any]) -> None:
        ui = self.ui
        ui.mrnEdit.setText(values.get("mrn", ""))
        ui.firstNameEdit.setText(values.get("first_name", ""))
        ui.lastNameEdit.setText(values.get("last_name", ""))
        dob = values.get("date_of_birth") or ""
        ui.dobEdit.setText(dob.isoformat() if isinstance(dob, date) else str(dob))
        ui.sexCombo.setCurrentIndex(max(0, ui.sexCombo.findData(values.get("sex"))))
        ui.phoneEdit.setText(values.get("phone", ""))
        ui.emailEdit.setText(values.get("email", ""))
        ui.addressEdit.setPlainText(values.get("address", ""))
        ui.physicianEdit.setText(values.get("referring_physician", ""))
        ui.payerCombo.setCurrentText(values.get("payer", ""))
        ui.memberIdEdit.setText(values.get("member_id", ""))
        ui.notesEdit.setPlainText(values.get("notes", ""))

    def values(self) -> PatientForm:
        ui = self.ui
        return {
            "mrn": ui.mrnEdit.text(), "first_name": ui.firstNameEdit.text(),
            "last_name": ui.lastNameEdit.text(), "date_of_birth": ui.dobEdit.text(),
            "sex": ui.sexCombo.currentData(), "phone": ui.phoneEdit.text(),
            "email": ui.emailEdit.text(), "address": ui.addressEdit.toPlainText(),
            "referring_physician": ui.physicianEdit.text(),
            "payer": ui.payerCombo.currentText(), "member_id": ui.memberIdEdit.text(),
            "notes": ui.notesEdit.toPlainText(),
        }

    def save(self) -> None:
        values, write = self.values(), self.write
        self.ctx.runner.op(self, lambda s: write(s, values)) \
            .success(self._saved).failure(self._not_saved).run()

    def _saved(self, patient_id: int) -> None:
        self.saved_id = patient_id
        self.accept()

    def _not_saved(self, exc: Exception) -> None:
        if isinstance(exc, ConflictError) and self.drafts is not None:
            self.drafts.keep_and_close()  # the message says the typing is kept
        if not isinstance(exc, ValidationError):
            QMessageBox.warning(self, "Cannot save", human_message(exc))
            return
        rest = self.errors.show(exc.errors)
        if rest:
            QMessageBox.warning(self, "Cannot save", "\n".join(rest))
