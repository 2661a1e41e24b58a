"""The audit trail as a filterable table: per patient (a chart tab) and clinic-wide."""

from __future__ import annotations

from datetime import date
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from ..changes import Kind
from ..services.audit_query import AuditFilter, distinct_values
from ..services.audit_reading import ACTIONS, RECORDS, AuditRow, audit_rows
from .chart.view import ChartView
from .context import AppContext
from .rows_model import RowsModel


class AuditModel(RowsModel):
    HEADERS = ["When (local time)", "User", "Action", "Record", "Patient", "Changes"]

    def set_entries(self, entries: list[AuditRow]) -> None:
        self.set_rows([(e.when, e.user, e.action, e.record, e.patient, e.changes)
                       for e in entries])

    def cell(self, row: Any, column: int, role: int) -> Any:
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return row[column]
        return None


class AuditPanel(ChartView):
    """Filters (user, action, record type, dates, text) above the audit table.

    In a chart it shows the open patient's trail; in the clinic-wide dialog, everyone's.
    """

    SHOWS = frozenset({Kind.AUDIT})

    def __init__(self, ctx: AppContext, patient_scoped: bool) -> None:
        super().__init__(ctx)
        self.patient_scoped = patient_scoped
        self.filters_for: int | None = None  # the patient the filters were typed for
        self.user = QComboBox()
        self.user.setObjectName("auditUser")
        self.action = QComboBox()
        self.action.setObjectName("auditAction")
        self.entity = QComboBox()
        self.entity.setObjectName("auditRecord")
        self.since = QLineEdit()
        self.since.setObjectName("auditFrom")
        self.since.setPlaceholderText("YYYY-MM-DD")
        self.until = QLineEdit()
        self.until.setObjectName("auditTo")
        self.until.setPlaceholderText("YYYY-MM-DD")
        self.text = QLineEdit()
        self.text.setObjectName("auditText")
        self.text.setPlaceholderText("text in the changes")
        self.count = QLabel()
        self.count.setObjectName("auditCount")
        filters = QHBoxLayout()
        for label, w in (("&User:", self.user), ("&Action:", self.action),
                         ("&Record:", self.entity), ("&From:", self.since),
                         ("&To:", self.until), ("Te&xt:", self.text)):
            caption = QLabel(label)
            caption.setBuddy(w)  # the label names the field for screen readers too
            filters.addWidget(caption)
            filters.addWidget(w)
        filters.addWidget(self.count)
        self.model = AuditModel()
        self.view = QTableView()
        self.view.setObjectName("auditTable")
        self.view.setAccessibleName("Audit trail")
        self.view.setModel(self.model)
        self.view.verticalHeader().hide()
        self.view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.view.horizontalHeader().setStretchLastSection(True)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 6, 0, 0)
        lay.addLayout(filters)
        lay.addWidget(self.view)
        for combo in (self.user, self.action, self.entity):
            combo.currentIndexChanged.connect(self.refresh)
        for edit in (self.since, self.until, self.text):
            edit.textChanged.connect(self.refresh)
        # Choices are filled on load (or by the dialog), not here: reading the distinct
        # values of a 10-year trail takes ~170 ms, which every start-up would pay.

    @property
    def scope(self) -> int | None:
        return self.patient_id if self.patient_scoped else None

    def _fill_choices(self) -> None:
        scope = self.scope
        choices = self.ctx.runner.read(lambda s: {
            c: distinct_values(s, c, scope) for c in ("username", "action", "entity")})
        words = {"username": {}, "action": ACTIONS, "entity": RECORDS}
        for combo, key in ((self.user, "username"), (self.action, "action"),
                           (self.entity, "entity")):
            combo.blockSignals(True)
            current = combo.currentData()
            combo.clear()
            combo.addItem("any", "")
            for value in choices[key]:
                combo.addItem(words[key].get(value, value.replace("_", " ")), value)
            combo.setCurrentIndex(max(0, combo.findData(current)))
            combo.blockSignals(False)

    @staticmethod
    def _date(edit: QLineEdit) -> date | None:
        try:
            return date.fromisoformat(edit.text().strip())
        except ValueError:
            return None

    def refresh(self) -> None:
        f = AuditFilter(patient_id=self.scope,
                        username=self.user.currentData() or "",
                        action=self.action.currentData() or "",
                        entity=self.entity.currentData() or "", since=self._date(self.since),
                        until=self._date(self.until), text=self.text.text().strip())
        entries: list[AuditRow] = self.ctx.runner.read(lambda s: audit_rows(s, f))
        self.model.set_entries(entries)
        self.count.setText(f"{len(entries)} entries")

    def redraw(self) -> None:
        if self.patient_scoped:
            super().redraw()
        else:
            self.out_of_date = False
            self.load_all()

    def load(self, patient_id: int, episode_id: int | None) -> None:
        if patient_id != self.filters_for:  # one patient's filters would hide the next one's trail
            self.filters_for = patient_id
            self.clear_filters()
        self.load_all()

    def clear_filters(self) -> None:
        for w in (self.user, self.action, self.entity, self.since, self.until, self.text):
            w.blockSignals(True)
        for combo in (self.user, self.action, self.entity):
            combo.setCurrentIndex(0)
        for edit in (self.since, self.until, self.text):
            edit.clear()
        for w in (self.user, self.action, self.entity, self.since, self.until, self.text):
            w.blockSignals(False)

    def load_all(self) -> None:
        self._fill_choices()
        self.refresh()


class AuditDialog(QDialog):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Audit log — every change, sign, export, report and login")
        self.panel = AuditPanel(ctx, patient_scoped=False)
        lay = QVBoxLayout(self)
        lay.addWidget(self.panel)
        self.panel.load_all()
        self.resize(1100, 600)
