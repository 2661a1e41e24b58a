"""The episode dialog's "Care plan and goals" tab (Designer form ui/planofcarepage.ui).

The plan of care beyond the referral: medical diagnosis, amount, frequency and duration
(MASH defaults), the home program prescription, the physician certification block, the
reason for a second open episode, and the goals with their measures and targets. Goals
keep their ids: a row loaded from the episode carries its goal's id back to the service.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QHeaderView, QTableWidgetItem, QWidget

from .. import outcomes
from ..services.goals import GOAL_STATUSES, GOAL_TERMS
from .field_errors import FieldErrors
from .forms.ui_planofcarepage import Ui_PlanOfCarePage

TERM, TEXT, DUE, MEASURE, BASELINE, TARGET, STATUS = range(7)
HEADERS = ["Term", "Goal", "Target date", "Measure", "Baseline", "Target", "Status"]


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, float):
        return f"{value:g}"
    return str(value)


class PlanOfCarePanel(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ui = ui = Ui_PlanOfCarePage()
        ui.setupUi(self)
        self.fields = {
            "medical_icd10_code": ui.medicalIcdEdit, "medical_diagnosis_text": ui.medicalTextEdit,
            "session_minutes": ui.minutesEdit, "sessions_per_day": ui.perDayEdit,
            "sessions_per_week": ui.perWeekEdit, "duration_weeks": ui.weeksEdit,
            "hep_times_per_day": ui.hepTimesEdit, "hep_days_per_week": ui.hepDaysEdit,
            "hep_notes": ui.hepNotesEdit}
        self.cert_fields = {
            "physician_name": ui.physicianEdit, "physician_npi": ui.npiEdit,
            "cert_sent_on": ui.sentEdit, "cert_signed_on": ui.signedEdit,
            "verbal_order_on": ui.verbalEdit, "overlap_reason": ui.overlapEdit}
        self.errors = FieldErrors(ui.doseForm, self.fields)
        self.cert_errors = FieldErrors(ui.certForm, self.cert_fields)
        self.measures = {i.key: i.short_name for i in outcomes.list_instruments()}
        table = ui.goalTable
        table.setColumnCount(len(HEADERS))
        table.setHorizontalHeaderLabels(HEADERS)
        table.horizontalHeader().setSectionResizeMode(TEXT, QHeaderView.ResizeMode.Stretch)
        ui.addGoalButton.clicked.connect(lambda: self.add_goal({}))
        ui.removeGoalButton.clicked.connect(self.remove_goal)
        self.goal_ids: list[int | None] = []
        self.goals_help = ui.goalsLabel.text()

    @property
    def keys(self) -> list[str]:
        return list(self.fields) + list(self.cert_fields)

    def _combo(self, options: dict[str, str], current: str | None) -> QComboBox:
        combo = QComboBox()
        for key, label in options.items():
            combo.addItem(label, key)
        combo.setCurrentIndex(max(0, combo.findData(current)))
        return combo

    def add_goal(self, goal: dict[str, Any]) -> None:
        table = self.ui.goalTable
        row = table.rowCount()
        table.insertRow(row)
        table.setCellWidget(row, TERM, self._combo(GOAL_TERMS, goal.get("term") or "long"))
        table.setCellWidget(row, MEASURE, self._combo({"": "—", **self.measures},
                                                      goal.get("instrument") or ""))
        table.setCellWidget(row, STATUS, self._combo(GOAL_STATUSES, goal.get("status")
                                                     or "open"))
        for col, key in ((TEXT, "text"), (DUE, "target_date"), (BASELINE, "baseline"),
                         (TARGET, "target")):
            table.setItem(row, col, QTableWidgetItem(_text(goal.get(key))))
        self.goal_ids.append(goal.get("id"))

    def remove_goal(self) -> None:
        row = self.ui.goalTable.currentRow()
        if row >= 0:
            self.ui.goalTable.removeRow(row)
            del self.goal_ids[row]

    def set_values(self, plan: dict[str, Any], goals: list[dict[str, Any]]) -> None:
        for key, edit in {**self.fields, **self.cert_fields}.items():
            edit.setText(_text(plan.get(key)))
        self.ui.goalTable.setRowCount(0)
        self.goal_ids = []
        for goal in goals:
            self.add_goal(goal)

    def plan_values(self) -> dict[str, Any]:
        return {k: e.text() for k, e in {**self.fields, **self.cert_fields}.items()}

    def goals(self) -> list[dict[str, Any]]:
        table = self.ui.goalTable
        out = []
        for row in range(table.rowCount()):
            def cell(col: int, r: int = row) -> str:
                item = table.item(r, col)
                return item.text().strip() if item is not None else ""

            def choice(col: int, r: int = row) -> Any:
                return table.cellWidget(r, col).currentData()

            goal: dict[str, Any] = {
                "term": choice(TERM), "text": cell(TEXT), "target_date": cell(DUE),
                "instrument": choice(MEASURE) or None, "baseline": cell(BASELINE),
                "target": cell(TARGET), "status": choice(STATUS)}
            if self.goal_ids[row] is not None:
                goal["id"] = self.goal_ids[row]
            out.append(goal)
        return out

    def show_errors(self, errors: dict[str, str]) -> list[str]:
        """Mark fields and goal cells; returns messages that belong nowhere here."""
        mine = {k: v for k, v in errors.items() if k in self.fields}
        cert = {k: v for k, v in errors.items() if k in self.cert_fields}
        self.errors.show(mine)
        self.cert_errors.show(cert)
        rest: list[str] = []
        marked: list[str] = []
        cols = {"term": TERM, "text": TEXT, "target_date": DUE, "instrument": MEASURE,
                "baseline": BASELINE, "target": TARGET, "status": STATUS}
        for key, message in errors.items():
            if not key.startswith("goals"):
                continue
            head, _, field = key.partition("].")
            try:
                row = int(head.split("[")[1])
            except (IndexError, ValueError):
                rest.append(f"goals: {message}")
                continue
            col = cols.get(field, TEXT)
            item = self.ui.goalTable.item(row, col) or self.ui.goalTable.item(row, TEXT)
            if item is not None:
                item.setToolTip(message)
                item.setForeground(Qt.GlobalColor.darkRed)
            marked.append(f"goal {row + 1} {field.replace('_', ' ')}: {message}")
        self.ui.goalsLabel.setText(self.goals_help + (
            "<br><span style='color:#b3261e'>" + "; ".join(marked) + "</span>"
            if marked else ""))
        return rest
