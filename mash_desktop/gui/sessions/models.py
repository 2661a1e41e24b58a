"""Read-only Qt models: the visit list and the dosing flowsheet."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor, QFont

from ...services.flowsheet import Flowsheet
from ..rows_model import RowsModel

Index = QModelIndex | QPersistentModelIndex
PROGRESSED = QBrush(QColor("#e3f4e8"))
ROW_NAME_CHARS = 34


@dataclass(frozen=True)
class VisitRow:
    id: int
    date: str
    number: str
    status: str
    minutes: str
    units: str
    signed: str
    is_signed: bool


class VisitListModel(RowsModel):
    HEADERS = ["Date", "Visit", "Status", "Minutes", "Units", "Signed"]

    def cell(self, r: VisitRow, column: int, role: int) -> Any:
        if role == Qt.ItemDataRole.DisplayRole:
            return (r.date, r.number, r.status, r.minutes, r.units, r.signed)[column]
        if role == Qt.ItemDataRole.UserRole:
            return r.id
        if role == Qt.ItemDataRole.ForegroundRole and column == 5 and not r.is_signed:
            return QBrush(QColor("#b3261e"))
        return None


class FlowsheetModel(QAbstractTableModel):
    """Interventions as rows, visits as columns; a changed dose is shaded green."""

    def __init__(self) -> None:
        super().__init__()
        self.sheet = Flowsheet([], [], [], [])

    def set_sheet(self, sheet: Flowsheet) -> None:
        self.beginResetModel()
        self.sheet = sheet
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self.sheet.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self.sheet.visits)

    def headerData(self, section: int, orientation: Qt.Orientation,  # noqa: N802
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal:
            return self.sheet.visits[section] if role == Qt.ItemDataRole.DisplayRole else None
        name = self.sheet.rows[section]
        if role == Qt.ItemDataRole.ToolTipRole:
            return name
        if role == Qt.ItemDataRole.DisplayRole:  # long technique names would hide the doses
            return name if len(name) <= ROW_NAME_CHARS else name[:ROW_NAME_CHARS - 1] + "…"
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        r, c = index.row(), index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self.sheet.cells[r][c]
        if role == Qt.ItemDataRole.BackgroundRole and self.sheet.progressed[r][c]:
            return PROGRESSED
        if role == Qt.ItemDataRole.FontRole and self.sheet.progressed[r][c]:
            f = QFont()
            f.setBold(True)
            return f
        if role == Qt.ItemDataRole.ToolTipRole and self.sheet.progressed[r][c]:
            return "dose progressed at this visit"
        return None
