"""Add or change one appointment of the day: patient, time, status."""

from __future__ import annotations

from datetime import date, time
from typing import Any

from PySide6.QtCore import Qt, QTime
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QCompleter,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QTimeEdit,
    QVBoxLayout,
    QWidget,
)

from ...services.appointments import (
    STATUSES,
    AppointmentRow,
    add_appointment,
    update_appointment,
)
from ...services.patients import PatientRow, patient_rows
from ..context import AppContext
from ..field_errors import FieldErrors


def _label(p: PatientRow) -> str:
    return f"{p.name} — born {p.date_of_birth.isoformat()} — MRN {p.mrn}"


class AppointmentDialog(QDialog):
    """One appointment. New: choose the patient by typing part of the name or MRN."""

    def __init__(self, ctx: AppContext, day: date, current: AppointmentRow | None = None,
                 patient_id: int | None = None, patient_label: str = "",
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx, self.day, self.current = ctx, day, current
        self.saved = False
        self.setWindowTitle(f"Appointment on {day:%A %d %B %Y}")
        self.patients = {} if current else {
            _label(p): p.id for p in ctx.runner.read(patient_rows)}
        form = QFormLayout()
        self.patient = QLineEdit()
        self.patient.setObjectName("appointmentPatient")
        self.patient.setPlaceholderText("Type part of the name or the MRN")
        if current is None:
            completer = QCompleter(list(self.patients), self.patient)
            completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
            completer.setFilterMode(Qt.MatchFlag.MatchContains)
            self.patient.setCompleter(completer)
            for label, pid in self.patients.items():
                if pid == patient_id:
                    self.patient.setText(label)
        else:
            self.patient.setReadOnly(True)
            self.patient.setText(patient_label)
        self.timed = QCheckBox("At a set time")
        self.timed.setObjectName("appointmentTimed")
        self.time = QTimeEdit()
        self.time.setObjectName("appointmentTime")
        self.time.setDisplayFormat("HH:mm")
        start = current.start_time if current else None
        self.timed.setChecked(start is not None or current is None)
        self.time.setTime(QTime(start.hour, start.minute) if start else QTime(9, 0))
        self.timed.toggled.connect(self.time.setEnabled)
        self.time.setEnabled(self.timed.isChecked())
        self.status = QComboBox()
        self.status.setObjectName("appointmentStatus")
        for key, text in STATUSES.items():
            self.status.addItem(text, key)
        if current is not None:
            self.status.setCurrentIndex(max(0, self.status.findData(current.status)))
        self.note = QLineEdit(current.note if current else "")
        self.note.setObjectName("appointmentNote")
        form.addRow("&Patient:", self.patient)
        form.addRow("", self.timed)
        form.addRow("&Time:", self.time)
        form.addRow("&Status:", self.status)
        form.addRow("N&ote:", self.note)
        self.errors = FieldErrors(form, {"patient_id": self.patient, "start_time": self.time,
                                         "status": self.status, "note": self.note})
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save
                                   | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        self.message = QLabel()
        self.message.setWordWrap(True)
        lay = QVBoxLayout(self)
        lay.addLayout(form)
        lay.addWidget(self.message)
        lay.addWidget(buttons)

    def values(self) -> dict[str, Any]:
        t = self.time.time()
        return {"start_time": time(t.hour(), t.minute()) if self.timed.isChecked() else None,
                "status": self.status.currentData(), "note": self.note.text()}

    def save(self) -> None:
        self.errors.clear()
        values, actor, current = self.values(), self.ctx.user, self.current
        if current is None:
            pid = self.patients.get(self.patient.text().strip())
            if pid is None:
                self.errors.show({"patient_id": "choose a patient from the list"})
                return
            data = {**values, "day": self.day, "patient_id": pid}
            op = self.ctx.runner.op(self, lambda s: add_appointment(s, data, actor))
        else:
            aid, version, shown = current.id, current.version, current.shown()
            op = self.ctx.runner.op(self, lambda s: update_appointment(
                s, aid, values, actor, expected_version=version, opened=shown))
        op.success(self._saved).failure(self._refused).run()

    def _saved(self, _row: AppointmentRow) -> None:
        self.saved = True
        self.accept()

    def _refused(self, exc: Exception) -> None:
        from ...errors import ValidationError

        if isinstance(exc, ValidationError):
            rest = self.errors.show(exc.errors)
            self.message.setText("; ".join(rest))
        else:
            self.message.setText(str(exc))
