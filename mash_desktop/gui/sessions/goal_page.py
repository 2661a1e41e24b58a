"""The Goals tab of the note editor (Designer form ui/goalprogresspage.ui).

Shown for progress reports and discharge notes (BPM ch. 15 §220.3 D): each goal with what
its measure says (computed), the PT's words on progress this period, and the goal's
status, which the PT confirms or overrides with a reason.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QHeaderView, QTableWidgetItem, QWidget

from ...services.goals import GOAL_STATUSES, GOAL_TERMS, GoalProgress
from ..forms.ui_goalprogresspage import Ui_GoalProgressPage

GOAL, MEASURE, PROGRESS, STATUS, REASON = range(5)


class GoalPanel(QWidget):
    def __init__(self, goals: list[GoalProgress], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ui = ui = Ui_GoalProgressPage()
        ui.setupUi(self)
        self.goals = goals
        table = ui.goalTable
        table.setColumnCount(5)
        table.setHorizontalHeaderLabels(["Goal", "Measure says", "Progress this period",
                                         "Status", "Reason for the status"])
        table.setRowCount(len(goals))
        table.horizontalHeader().setSectionResizeMode(PROGRESS, QHeaderView.ResizeMode.Stretch)
        table.setColumnWidth(GOAL, 260)
        table.setColumnWidth(MEASURE, 220)
        self.status_combos: list[QComboBox] = []
        for row, g in enumerate(goals):
            head = QTableWidgetItem(f"{g.goal_id}. {GOAL_TERMS[g.term]}: {g.text}")
            head.setFlags(Qt.ItemFlag.ItemIsEnabled)
            head.setToolTip(g.text)
            table.setItem(row, GOAL, head)
            said = QTableWidgetItem(g.describe() if g.instrument else "no measure")
            said.setFlags(Qt.ItemFlag.ItemIsEnabled)
            table.setItem(row, MEASURE, said)
            table.setItem(row, PROGRESS, QTableWidgetItem(""))
            combo = QComboBox()
            for key, label in GOAL_STATUSES.items():
                combo.addItem(label, key)
            combo.setCurrentIndex(max(0, combo.findData(g.status)))
            table.setCellWidget(row, STATUS, combo)
            self.status_combos.append(combo)
            table.setItem(row, REASON, QTableWidgetItem(g.status_reason))
        ui.periodLabel.setText("No goals are recorded for this episode; add them in the "
                               "episode first." if not goals else
                               f"{len(goals)} goal(s). Report progress toward each one.")

    def set_progress(self, progress: dict[str, str]) -> None:
        for row, g in enumerate(self.goals):
            self.ui.goalTable.item(row, PROGRESS).setText(progress.get(str(g.goal_id), ""))

    def progress(self) -> dict[str, str]:
        out = {}
        for row, g in enumerate(self.goals):
            text = self.ui.goalTable.item(row, PROGRESS).text().strip()
            if text:
                out[str(g.goal_id)] = text
        return out

    def status_changes(self) -> list[tuple[int, str, str]]:
        """(goal id, status, reason) for each goal whose status or reason was changed."""
        out = []
        for row, g in enumerate(self.goals):
            status = self.status_combos[row].currentData()
            reason = self.ui.goalTable.item(row, REASON).text().strip()
            if status != g.status or reason != g.status_reason:
                out.append((g.goal_id, status, reason))
        return out

    def show_errors(self, errors: dict[str, str]) -> set[str]:
        placed: set[str] = set()
        rows = {g.goal_id: row for row, g in enumerate(self.goals)}
        for key, message in errors.items():
            parts = key.split(".")
            if parts[0] in ("goal_progress", "goals") and len(parts) > 1 and \
                    parts[1].isdigit() and int(parts[1]) in rows:
                row = rows[int(parts[1])]
                col = PROGRESS if parts[0] == "goal_progress" else STATUS
                cell = self.ui.goalTable.item(row, col if col != STATUS else GOAL)
                cell.setToolTip(message)
                cell.setForeground(Qt.GlobalColor.darkRed)
                placed.add(key)
        return placed


__all__ = ["GoalPanel"]
