"""Item models for the Today screen's two lists."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor

from ...services.today import TodayDue, TodayVisit
from ..rows_model import RowsModel

URGENCY = {"overdue": "Overdue", "due": "Due", "soon": "Coming up"}
OVERDUE = QColor("#b3261e")


class VisitsModel(RowsModel):
    HEADERS = ["Time", "Patient", "Born", "MRN", "Status", "Enter opens"]

    def cell(self, row: TodayVisit, column: int, role: int) -> Any:
        if role == Qt.ItemDataRole.DisplayRole:
            return [row.start_time.strftime("%H:%M") if row.start_time else "—",
                    row.patient, row.date_of_birth.isoformat(), row.mrn, row.status_label,
                    row.action][column]
        if role == Qt.ItemDataRole.ToolTipRole and column in (1, 5):
            return row.patient if column == 1 else row.action
        if role == Qt.ItemDataRole.ToolTipRole and column == 4 and row.status == "suggested":
            return ("Expected today from the plan of care (visits per week, last visit); "
                    "add an appointment to give it a time")
        return None


class DueModel(RowsModel):
    HEADERS = ["Urgency", "Patient", "What", "Due"]

    def cell(self, row: TodayDue, column: int, role: int) -> Any:
        item = row.item
        if role == Qt.ItemDataRole.DisplayRole:
            return [URGENCY.get(item.urgency, item.urgency), item.patient, item.what,
                    item.due.isoformat() if item.due else ""][column]
        if role == Qt.ItemDataRole.ForegroundRole and item.urgency == "overdue" \
                and column == 0:
            return QBrush(OVERDUE)
        if role == Qt.ItemDataRole.ToolTipRole and column == 2:
            return item.what
        return None
