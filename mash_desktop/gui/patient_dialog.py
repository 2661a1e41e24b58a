"""Create or edit a patient (Designer form ui/patientdialog.ui)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from PySide6.QtWidgets import QDialog, QMessageBox, QWidget

from ..services import ValidationError
from ..services.patients import SEXES, age_on
from .drafts import DraftKeeper
from .field_errors import FieldErrors
from .forms.ui_patientdialog import Ui_PatientDialog

SaveFn = Callable[[dict[str, Any]], None]


class PatientDialog(QDialog):
    """Collects the fields and hands them to ``on_save``; stays open on a ValidationError."""

    def __init__(self, on_save: SaveFn, values: dict[str, Any] | None = None,
                 payers: list[str] | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ui = Ui_PatientDialog()
        self.ui.setupUi(self)
        self.on_save = on_save
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
        db = getattr(parent, "db", None)
        if db is not None:  # keep what is typed if the app dies before Save
            actor = getattr(parent, "actor", None)
            key = str(values.get("mrn", "")) if values else "new"
            self.drafts = DraftKeeper(self, db, "patient", key, self.values, self.set_values,
                                      actor.id if actor else None)

    def _show_age(self, text: str) -> None:
        label = self.ui.dobEditLabel
        try:
            dob = date.fromisoformat(text.strip())
        except ValueError:
            label.setText("&Date of birth")
            return
        label.setText(f"&Date of birth (age {age_on(dob, date.today())})")

    def set_values(self, values: dict[str, Any]) -> None:
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

    def values(self) -> dict[str, Any]:
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
        try:
            self.on_save(self.values())
        except ValidationError as exc:
            rest = self.errors.show(exc.errors)
            if rest:
                QMessageBox.warning(self, "Cannot save", "\n".join(rest))
            return
        self.accept()
