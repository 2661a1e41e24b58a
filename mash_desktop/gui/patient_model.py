"""Qt item model for the patient list, with instant search over name, MRN and birth date."""

from __future__ import annotations

from datetime import date
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
)

from ..services.patients import PatientRow

Index = QModelIndex | QPersistentModelIndex
COLUMNS = ["Name", "MRN", "Date of birth", "Age"]


class PatientTableModel(QAbstractTableModel):
    def __init__(self) -> None:
        super().__init__()
        self.rows: list[PatientRow] = []
        self._search: list[str] = []
        self._today = date.today()

    def set_rows(self, rows: list[PatientRow]) -> None:
        self.beginResetModel()
        self.rows = rows
        self._search = [r.search_text() for r in rows]  # computed once, not per keystroke
        self._today = date.today()
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation,  # noqa: N802
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return COLUMNS[section]
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row = self.rows[index.row()]
        col = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return (row.name, row.mrn, row.date_of_birth.isoformat(),
                    row.age(self._today))[col]
        if role == Qt.ItemDataRole.UserRole:
            return row.id
        if role == Qt.ItemDataRole.ToolTipRole:
            return f"{row.name} · MRN {row.mrn}" + (
                f" · active episode: {row.active_episode.replace('_', '-')}"
                if row.active_episode else "")
        if role == Qt.ItemDataRole.TextAlignmentRole and col == 3:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def search_text(self, row: int) -> str:
        return self._search[row]

    def row_of(self, patient_id: int) -> int:
        for i, r in enumerate(self.rows):
            if r.id == patient_id:
                return i
        return -1


class PatientFilter(QSortFilterProxyModel):
    """Every word typed must appear in the name, MRN or date of birth (any order)."""

    def __init__(self) -> None:
        super().__init__()
        self._words: list[str] = []

    def set_query(self, text: str) -> None:
        if hasattr(self, "beginFilterChange"):  # Qt >= 6.10
            self.beginFilterChange()
            self._words = text.casefold().split()
            self.endFilterChange(QSortFilterProxyModel.Direction.Rows)
        else:
            self._words = text.casefold().split()
            self.invalidateFilter()

    def filterAcceptsRow(self, source_row: int, source_parent: Index) -> bool:  # noqa: N802
        if not self._words:
            return True
        model = self.sourceModel()
        assert isinstance(model, PatientTableModel)
        hay = model.search_text(source_row)
        return all(w in hay for w in self._words)
