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
        hep = ui.hepExerciseTable
        hep.setColumnCount(3)
        hep.setHorizontalHeaderLabels(["Exercise", "Times a day", "Days a week"])
        hep.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        hep.verticalHeader().hide()
        ui.addGoalButton.clicked.connect(lambda: self.add_goal({}))
        ui.removeGoalButton.clicked.connect(self.remove_goal)
        self.goal_ids: list[int | None] = []
        self.goals_help = ui.goalsLabel.text()

    @property
    def keys(self) -> list[str]:
        return list(self.fields) + list(self.cert_fields) + ["hep_exercises"]

    def set_home_exercises(self, exercises: list[tuple[str, str]],
                           own: dict[str, Any] | None) -> None:
        """One row per home exercise (and any exercise that has its own frequency); blank
        cells follow the program's frequency."""
        own = own if isinstance(own, dict) else {}
        names = dict(exercises)
        for key in own:
            names.setdefault(key, key)
        table = self.ui.hepExerciseTable
        table.setRowCount(len(names))
        for row, (key, name) in enumerate(names.items()):
            head = QTableWidgetItem(name)
            head.setData(Qt.ItemDataRole.UserRole, key)
            head.setFlags(Qt.ItemFlag.ItemIsEnabled)
            table.setItem(row, 0, head)
            freq = own.get(key) or {}
            for col, field in ((1, "times_per_day"), (2, "days_per_week")):
                table.setItem(row, col, QTableWidgetItem(_text(freq.get(field))))
        self.ui.hepExerciseTable.setVisible(bool(names))
        self.ui.hepExerciseTableLabel.setVisible(bool(names))

    def home_exercise_values(self) -> dict[str, dict[str, str]]:
        table = self.ui.hepExerciseTable
        out = {}
        for row in range(table.rowCount()):
            key = table.item(row, 0).data(Qt.ItemDataRole.UserRole)
            times, days = (table.item(row, c).text().strip() if table.item(row, c) else ""
                           for c in (1, 2))
            if times or days:
                out[str(key)] = {"times_per_day": times, "days_per_week": days}
        return out

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
        self.set_home_exercises(plan.get("home_exercises") or [], plan.get("hep_exercises"))
        self.ui.goalTable.setRowCount(0)
        self.goal_ids = []
        for goal in goals:
            self.add_goal(goal)

    def plan_values(self) -> dict[str, Any]:
        return {**{k: e.text() for k, e in {**self.fields, **self.cert_fields}.items()},
                "hep_exercises": self.home_exercise_values()}

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

    def _home_row(self, key: str) -> int | None:
        """The table row of an error key ``hep_exercises.<exercise key>[.<field>]``."""
        parts = key.split(".")
        table = self.ui.hepExerciseTable
        for row in range(table.rowCount()):
            if len(parts) > 1 and table.item(row, 0).data(Qt.ItemDataRole.UserRole) == parts[1]:
                return row
        return None

    def _show_home_exercise_errors(self, errors: dict[str, str]) -> None:
        table = self.ui.hepExerciseTable
        for key, message in errors.items():
            row = self._home_row(key) if key.startswith("hep_exercises") else None
            if row is None:
                continue
            col = 1 if key.endswith("times_per_day") else 2
            item = table.item(row, col)
            if item is not None:
                item.setToolTip(message)
                item.setForeground(Qt.GlobalColor.darkRed)

    def show_errors(self, errors: dict[str, str]) -> list[str]:
        """Mark fields and goal cells; returns messages that belong nowhere here."""
        mine = {k: v for k, v in errors.items() if k in self.fields}
        self._show_home_exercise_errors(errors)
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
        for key, message in errors.items():
            if key.startswith("hep_exercises"):
                hep_row = self._home_row(key)
                name = self.ui.hepExerciseTable.item(hep_row, 0).text() \
                    if hep_row is not None else key.partition(".")[2]
                field = key.rpartition(".")[2].replace("_", " ")
                rest.append(f"home exercise {name}" + (
                    f", {field}" if field in ("times per day", "days per week") else "")
                    + f": {message}")
        self.ui.goalsLabel.setText(self.goals_help + (
            "<br><span style='color:#b3261e'>" + "; ".join(marked) + "</span>"
            if marked else ""))
        return rest
