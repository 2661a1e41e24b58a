"""Editable dose grids (exercises, manual therapy): Tab through cells, Enter adds a row.

The grid keeps what the PT typed as-is; the service validates on save and the grid
marks every refused cell in red with the message as its tooltip.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QEvent,
    QLocale,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QBrush, QColor, QDoubleValidator, QIntValidator, QKeyEvent
from PySide6.QtWidgets import (
    QComboBox,
    QLineEdit,
    QStyledItemDelegate,
    QTableView,
    QWidget,
)

Index = QModelIndex | QPersistentModelIndex
ERROR_BG = QBrush(QColor("#fde7e6"))


@dataclass
class Column:
    key: str
    header: str
    kind: str = "text"  # text | choice | bool
    options: dict[str, str] = field(default_factory=dict)  # stored value -> label
    width: int = 70
    limits: tuple[float, float, bool] | None = None  # numbers: lowest, highest, whole only


class DoseTableModel(QAbstractTableModel):
    def __init__(self, columns: list[Column], new_row: dict[str, Any] | None = None) -> None:
        super().__init__()
        self.columns = columns
        self.rows: list[dict[str, Any]] = []
        self.errors: dict[tuple[int, str], str] = {}
        self.new_row = new_row or {}
        self.read_only = False

    # -- data in and out --
    def set_rows(self, rows: list[dict[str, Any]]) -> None:
        self.beginResetModel()
        self.rows = [dict(r) for r in rows]
        self.errors = {}
        self.endResetModel()

    def values(self) -> list[dict[str, Any]]:
        out = []
        for row in self.rows:
            clean = {k: (None if isinstance(x, str) and not x.strip() else x)
                     for k, x in row.items()}
            out.append(clean)
        return out

    def add_row(self, values: dict[str, Any] | None = None) -> int:
        n = len(self.rows)
        self.beginInsertRows(QModelIndex(), n, n)
        self.rows.append({**self.new_row, **(values or {})})
        self.endInsertRows()
        return n

    def remove_row(self, row: int) -> None:
        if 0 <= row < len(self.rows):
            self.beginRemoveRows(QModelIndex(), row, row)
            del self.rows[row]
            self.endRemoveRows()

    def describe(self, row: int, key: str) -> str:
        """'Bridge (row 2), sets' — the row's exercise or technique and the column."""
        first = self.columns[0]
        name = first.options.get(self.rows[row].get(first.key) or "", "") \
            if 0 <= row < len(self.rows) else ""
        header = next((c.header for c in self.columns if c.key == key), key)
        return f"{name or 'Row'} (row {row + 1}), {header.lower()}"

    def show_errors(self, errors: dict[tuple[int, str], str]) -> None:
        self.errors = errors
        if self.rows:
            self.dataChanged.emit(self.index(0, 0),
                                  self.index(len(self.rows) - 1, len(self.columns) - 1))

    # -- Qt model --
    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self.columns)

    def headerData(self, section: int, orientation: Qt.Orientation,  # noqa: N802
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return self.columns[section].header
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        base = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if self.read_only:
            return base
        if self.columns[index.column()].kind == "bool":
            return base | Qt.ItemFlag.ItemIsUserCheckable
        return base | Qt.ItemFlag.ItemIsEditable

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        col = self.columns[index.column()]
        value = self.rows[index.row()].get(col.key)
        error = self.errors.get((index.row(), col.key))
        if role == Qt.ItemDataRole.DisplayRole:
            if col.kind == "bool":
                return None
            if col.kind == "choice":
                return col.options.get(value or "", value or "")
            return "" if value is None else str(value)
        if role == Qt.ItemDataRole.EditRole:
            return "" if value is None else value
        if role == Qt.ItemDataRole.CheckStateRole and col.kind == "bool":
            return Qt.CheckState.Checked if value else Qt.CheckState.Unchecked
        if role == Qt.ItemDataRole.BackgroundRole and error:
            return ERROR_BG
        if role == Qt.ItemDataRole.ToolTipRole:
            return error or None
        return None

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:  # noqa: N802
        if not index.isValid() or self.read_only:
            return False
        col = self.columns[index.column()]
        if role == Qt.ItemDataRole.CheckStateRole and col.kind == "bool":
            self.rows[index.row()][col.key] = Qt.CheckState(value) == Qt.CheckState.Checked
        elif role == Qt.ItemDataRole.EditRole:
            self.rows[index.row()][col.key] = value
        else:
            return False
        self.errors.pop((index.row(), col.key), None)
        self.dataChanged.emit(index, index)
        return True


class ChoiceDelegate(QStyledItemDelegate):
    """A combo box editor for columns with a fixed list of options."""

    def __init__(self, column: Column, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.column = column

    def createEditor(self, parent: QWidget, _option: Any, _index: Index) -> QWidget:  # noqa: N802
        box = QComboBox(parent)
        for value, label in self.column.options.items():
            box.addItem(label, value)
        return box

    def setEditorData(self, editor: QWidget, index: Index) -> None:  # noqa: N802
        assert isinstance(editor, QComboBox)
        editor.setCurrentIndex(max(0, editor.findData(index.data(Qt.ItemDataRole.EditRole))))

    def setModelData(self, editor: QWidget, model: Any, index: Index) -> None:  # noqa: N802
        assert isinstance(editor, QComboBox)
        model.setData(index, editor.currentData(), Qt.ItemDataRole.EditRole)


class NumberDelegate(QStyledItemDelegate):
    """A line editor that takes only numbers within the column's limits (sets −3 cannot
    be typed); an empty cell stays empty."""

    def __init__(self, column: Column, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.column = column

    def createEditor(self, parent: QWidget, _option: Any, _index: Index) -> QWidget:  # noqa: N802
        assert self.column.limits is not None
        lo, hi, whole = self.column.limits
        edit = QLineEdit(parent)
        edit.setAccessibleName(self.column.header)
        if whole:
            edit.setValidator(QIntValidator(int(lo), int(hi), edit))
        else:
            validator = QDoubleValidator(lo, hi, 1, edit)
            validator.setNotation(QDoubleValidator.Notation.StandardNotation)
            validator.setLocale(QLocale.c())  # a dot for decimals, as the service reads them
            edit.setValidator(validator)
        edit.setToolTip(f"{self.column.header}: {lo:g} to {hi:g}")
        return edit

    def setEditorData(self, editor: QWidget, index: Index) -> None:  # noqa: N802
        assert isinstance(editor, QLineEdit)
        value = index.data(Qt.ItemDataRole.EditRole)
        editor.setText("" if value is None else str(value))

    def setModelData(self, editor: QWidget, model: Any, index: Index) -> None:  # noqa: N802
        assert isinstance(editor, QLineEdit)
        text = editor.text().strip()
        if text and not editor.hasAcceptableInput():
            return  # out of range: the cell keeps its value
        value: Any = None
        if text:
            number = float(text)
            value = int(number) if self.column.limits and self.column.limits[2] else number
        model.setData(index, value, Qt.ItemDataRole.EditRole)


class DoseGrid(QObject):
    """Wires a QTableView to a DoseTableModel: delegates, widths, Enter adds a row."""

    def __init__(self, view: QTableView, model: DoseTableModel) -> None:
        super().__init__(view)
        self.view = view
        self.model = model
        view.setModel(model)
        view.setTabKeyNavigation(True)
        view.verticalHeader().setDefaultSectionSize(24)
        view.setEditTriggers(QTableView.EditTrigger.AllEditTriggers)
        for i, col in enumerate(model.columns):
            if col.kind == "choice":
                view.setItemDelegateForColumn(i, ChoiceDelegate(col, view))
            elif col.limits is not None:
                view.setItemDelegateForColumn(i, NumberDelegate(col, view))
            view.setColumnWidth(i, col.width)
        view.installEventFilter(self)

    def add(self, values: dict[str, Any] | None = None) -> None:
        row = self.model.add_row(values)
        self.view.setCurrentIndex(self.model.index(row, 0))
        self.view.setFocus()

    def remove_current(self) -> None:
        self.model.remove_row(self.view.currentIndex().row())

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:  # noqa: N802
        if obj is self.view and event.type() == QEvent.Type.KeyPress and \
                not self.model.read_only:
            assert isinstance(event, QKeyEvent)
            if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and \
                    self.view.state() != QTableView.State.EditingState:
                self.add()
                return True
        return super().eventFilter(obj, event)
