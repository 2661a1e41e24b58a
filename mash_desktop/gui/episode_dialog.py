"""Create or edit an episode of care with its MASH eligibility screen (ui/episodedialog.ui)."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date
from typing import TYPE_CHECKING, Any, cast

from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QDialog,
    QHeaderView,
    QLineEdit,
    QMessageBox,
    QTableWidgetItem,
    QWidget,
)

from ..services import ValidationError
from ..services.concurrency import ConflictError
from ..services.eligibility import IR_UNITS, evaluate
from ..services.episodes import ARMS, DISCHARGE_KINDS, STATUSES
from ..services.episodes import PLAN_FIELDS as EPISODE_PLAN_FIELDS
from .context import AppContext
from .drafts import AsksBeforeDiscarding, DraftKeeper
from .episode_plan_page import PlanOfCarePanel
from .field_errors import FieldErrors
from .forms.ui_episodedialog import Ui_EpisodeDialog
from .geometry import scroll_body
from .operations import human_message

if TYPE_CHECKING:
    from ..services.chart import EpisodeFormValues
    from ..services.eligibility import ScreenValues
    from ..services.goals import EpisodeWithGoals, GoalValues
    from .operations import DbSession

# Writes the plan (with its goals) and screen in the given transaction and returns the
# episode's id.
WriteFn = Callable[["DbSession", "EpisodeWithGoals", "ScreenValues | None"], int]
RESULT_COLOURS = {"met": "#1b7f3b", "not met": "#b3261e", "not assessed": "#7a7a7a"}
PLAN_FIELDS = ["start_date", "icd10_code", "diagnosis_text", "body_region", "arm",
               "planned_visits", "frequency", "cert_start", "cert_end", "status",
               "discharge_date", "discharge_kind", "discharge_reason", "recommendations"]
# What the dialog loads: the referral fields above plus the care plan tab's.
FORM_FIELDS = PLAN_FIELDS + [*EPISODE_PLAN_FIELDS, "overlap_reason"]


def _iso(value: Any) -> str:
    return value.isoformat() if isinstance(value, date) else ("" if value is None else str(value))


def parse_hoos(text: str) -> list[Any] | None:
    """'2 1 3 2 1', '2,1,3,2,1' or '21321' -> five answers; '' -> None."""
    text = text.strip()
    if not text:
        return None
    parts = [p for p in re.split(r"[\s,;]+", text) if p]
    if len(parts) == 1 and len(parts[0]) == 5 and parts[0].isdigit():
        parts = list(parts[0])
    return parts


class EpisodeDialog(AsksBeforeDiscarding, QDialog):
    UNSAVED_WHAT = "This episode of care"

    def __init__(self, ctx: AppContext, write: WriteFn, dob: date,
                 plan: EpisodeFormValues | None = None, screen: ScreenValues | None = None,
                 parent: QWidget | None = None, *, draft_key: str = "new",
                 goals: list[GoalValues] | None = None) -> None:
        super().__init__(parent)
        self.ui = ui = Ui_EpisodeDialog()
        ui.setupUi(self)
        scroll_body(self)  # fields scroll on a small screen; Save stays in view
        self.ctx, self.write = ctx, write
        self.saved_id: int | None = None
        self.dob = dob
        for key, label in ARMS.items():
            ui.armCombo.addItem(label, key)
        for key, label in STATUSES.items():
            ui.statusCombo.addItem(label, key)
        ui.dischargeKindCombo.addItem("—", "")
        for key, label in DISCHARGE_KINDS.items():
            ui.dischargeKindCombo.addItem(label, key)
        for label, value in (("not recorded", None), ("yes", True), ("no", False)):
            ui.halfDaysCombo.addItem(label, value)
        for key, label in IR_UNITS.items():
            ui.irUnitCombo.addItem(f"{key} ({label})", key)
        plan_widgets = dict(zip(PLAN_FIELDS, [
            ui.startEdit, ui.icdEdit, ui.diagnosisEdit, ui.regionEdit, ui.armCombo,
            ui.plannedEdit, ui.frequencyEdit, ui.certStartEdit, ui.certEndEdit,
            ui.statusCombo, ui.dischargeDateEdit, ui.dischargeKindCombo,
            ui.dischargeReasonEdit, ui.recommendationsEdit], strict=True))
        screen_widgets: dict[str, QWidget] = {
            "screened_on": ui.screenedOnEdit, "lbp_duration_months": ui.lbpMonthsEdit,
            "lbp_half_days_6mo": ui.halfDaysCombo, "lbp_intensity": ui.lbpIntensityEdit,
            "body_weight_kg": ui.weightEdit, "hip_ir_left": ui.irLeftEdit,
            "hip_ir_right": ui.irRightEdit, "hip_ir_unit": ui.irUnitCombo,
            "hoos_items": ui.hoosEdit,
        }
        self.plan_errors = FieldErrors(ui.planForm, plan_widgets)
        self.care = PlanOfCarePanel()
        ui.tabs.insertTab(1, self.care, "Care p&lan and goals")
        self.care.set_values(plan or {}, goals or [])
        self.screen_errors = FieldErrors(ui.screenForm, screen_widgets)
        table = ui.screenTable
        table.setColumnCount(3)
        table.setHorizontalHeaderLabels(["Criterion", "Result", "Detail"])
        table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        table.verticalHeader().hide()
        for w in screen_widgets.values():
            if isinstance(w, QLineEdit):
                w.textChanged.connect(self.refresh_screen)
            else:
                w.currentIndexChanged.connect(self.refresh_screen)  # type: ignore[attr-defined]
        ui.statusCombo.currentIndexChanged.connect(self._status_changed)
        ui.buttonBox.accepted.connect(self.save)
        ui.buttonBox.rejected.connect(self.reject)
        self.setWindowTitle("Edit episode of care" if plan else "New episode of care")
        self.set_values(plan or {"start_date": date.today(), "planned_visits": 16,
                                 "frequency": "2x/week for 8 weeks", "arm": "hip_focused",
                                 "body_region": "lumbar spine and hip"}, screen or {})
        self._status_changed()
        self.refresh_screen()
        ui.tabs.setCurrentIndex(0)
        ui.startEdit.setFocus()
        # keep what is typed if the app dies before Save
        self.drafts = DraftKeeper(
            self, ctx, "episode", draft_key,
            lambda: {"plan": {k: x for k, x in self.plan_values().items() if k != "goals"},
                     "screen": self.screen_values() or {}},
            # a kept draft holds what plan_values() and screen_values() gave
            lambda d: self.set_values(cast("EpisodeFormValues", d.get("plan") or {}),
                                      cast("ScreenValues", d.get("screen") or {})))

    def _status_changed(self) -> None:
        discharged = self.ui.statusCombo.currentData() == "discharged"
        for w in (self.ui.dischargeDateEdit, self.ui.dischargeKindCombo,
                  self.ui.dischargeReasonEdit):
            w.setEnabled(discharged)

    def set_values(self, plan: EpisodeFormValues, screen: ScreenValues) -> None:
        ui = self.ui
        if hasattr(self, "care"):
            self.care.set_values(plan, plan.get("goals") or self.care.goals())
        ui.startEdit.setText(_iso(plan.get("start_date")))
        ui.icdEdit.setText(plan.get("icd10_code", ""))
        ui.diagnosisEdit.setText(plan.get("diagnosis_text", ""))
        ui.regionEdit.setText(plan.get("body_region", ""))
        ui.armCombo.setCurrentIndex(max(0, ui.armCombo.findData(plan.get("arm"))))
        ui.plannedEdit.setText(_iso(plan.get("planned_visits")))
        ui.frequencyEdit.setText(plan.get("frequency", ""))
        ui.certStartEdit.setText(_iso(plan.get("cert_start")))
        ui.certEndEdit.setText(_iso(plan.get("cert_end")))
        ui.statusCombo.setCurrentIndex(max(0, ui.statusCombo.findData(plan.get("status"))))
        ui.dischargeDateEdit.setText(_iso(plan.get("discharge_date")))
        ui.dischargeKindCombo.setCurrentIndex(
            max(0, ui.dischargeKindCombo.findData(plan.get("discharge_kind") or "")))
        ui.dischargeReasonEdit.setPlainText(plan.get("discharge_reason", ""))
        ui.recommendationsEdit.setPlainText(plan.get("recommendations", ""))
        ui.screenedOnEdit.setText(_iso(screen.get("screened_on")))
        ui.lbpMonthsEdit.setText(_iso(screen.get("lbp_duration_months")))
        half = screen.get("lbp_half_days_6mo")
        ui.halfDaysCombo.setCurrentIndex(1 if half is True else 2 if half is False else 0)
        ui.lbpIntensityEdit.setText(_iso(screen.get("lbp_intensity")))
        ui.weightEdit.setText(_iso(screen.get("body_weight_kg")))
        ui.irLeftEdit.setText(_iso(screen.get("hip_ir_left")))
        ui.irRightEdit.setText(_iso(screen.get("hip_ir_right")))
        ui.irUnitCombo.setCurrentIndex(
            max(0, ui.irUnitCombo.findData(screen.get("hip_ir_unit") or "kgf")))
        items = screen.get("hoos_items") or []
        ui.hoosEdit.setText(" ".join(str(i) for i in items))

    def plan_values(self) -> EpisodeWithGoals:
        ui = self.ui
        return {
            "start_date": ui.startEdit.text(), "icd10_code": ui.icdEdit.text(),
            "diagnosis_text": ui.diagnosisEdit.text(), "body_region": ui.regionEdit.text(),
            "arm": ui.armCombo.currentData(), "planned_visits": ui.plannedEdit.text(),
            "frequency": ui.frequencyEdit.text(), "cert_start": ui.certStartEdit.text(),
            "cert_end": ui.certEndEdit.text(), "status": ui.statusCombo.currentData(),
            "discharge_date": ui.dischargeDateEdit.text(),
            "discharge_kind": ui.dischargeKindCombo.currentData() or "",
            "discharge_reason": ui.dischargeReasonEdit.toPlainText(),
            "recommendations": ui.recommendationsEdit.toPlainText(),
            **self.care.plan_values(), "goals": self.care.goals(),
        }

    def screen_values(self) -> ScreenValues | None:
        """The screen fields, or None when the PT has not started the screen."""
        ui = self.ui
        values: ScreenValues = {
            "screened_on": ui.screenedOnEdit.text(),
            "lbp_duration_months": ui.lbpMonthsEdit.text(),
            "lbp_half_days_6mo": ui.halfDaysCombo.currentData(),
            "lbp_intensity": ui.lbpIntensityEdit.text(), "body_weight_kg": ui.weightEdit.text(),
            "hip_ir_left": ui.irLeftEdit.text(), "hip_ir_right": ui.irRightEdit.text(),
            "hip_ir_unit": ui.irUnitCombo.currentData(),
            "hoos_items": parse_hoos(ui.hoosEdit.text()),
        }
        entered = [k for k, x in values.items() if k != "hip_ir_unit" and x not in ("", None)]
        if not entered:
            return None
        if not values.get("screened_on"):
            values["screened_on"] = ui.startEdit.text() or date.today().isoformat()
        return values

    def _lenient_screen(self) -> ScreenValues:
        """Parse what is typed so far for the live result; unparsable fields count as empty."""
        def num(text: str) -> float | None:
            try:
                return float(text.replace(",", "."))
            except ValueError:
                return None
        ui = self.ui
        hoos = parse_hoos(ui.hoosEdit.text()) or []
        items = [int(x) for x in hoos if x.isdigit() and int(x) <= 4]
        return {
            "lbp_duration_months": num(ui.lbpMonthsEdit.text()),
            "lbp_half_days_6mo": ui.halfDaysCombo.currentData(),
            "lbp_intensity": num(ui.lbpIntensityEdit.text()),
            "body_weight_kg": num(ui.weightEdit.text()),
            "hip_ir_left": num(ui.irLeftEdit.text()), "hip_ir_right": num(ui.irRightEdit.text()),
            "hip_ir_unit": ui.irUnitCombo.currentData(),
            "hoos_items": items if len(items) == 5 else None,
        }

    def refresh_screen(self) -> None:
        try:
            on = date.fromisoformat(self.ui.screenedOnEdit.text().strip())
        except ValueError:
            on = date.today()
        result = evaluate(self._lenient_screen(), self.dob, on)
        table = self.ui.screenTable
        table.setRowCount(len(result.criteria))
        for row, c in enumerate(result.criteria):
            cells = [c.label, c.status, c.detail]
            for col, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setToolTip(c.source)
                if col == 1:
                    item.setForeground(QColor(RESULT_COLOURS[c.status]))
                table.setItem(row, col, item)
        table.resizeColumnsToContents()
        colour = {"eligible": "#1b7f3b", "not eligible": "#b3261e"}.get(result.overall, "#7a7a7a")
        self.ui.overallLabel.setText(
            f"<b>Overall: <span style='color:{colour}'>{result.overall}</span></b> "
            "(hover a row for its source)")

    def save(self) -> None:
        plan, screen, write = self.plan_values(), self.screen_values(), self.write
        self.ctx.runner.op(self, lambda s: write(s, plan, screen)) \
            .success(self._saved).failure(self._not_saved).run()

    def _saved(self, episode_id: int) -> None:
        self.saved_id = episode_id
        self.accept()

    def _not_saved(self, exc: Exception) -> None:
        if isinstance(exc, ConflictError) and self.drafts is not None:
            self.drafts.keep_and_close()  # the message says the typing is kept
        if not isinstance(exc, ValidationError):
            QMessageBox.warning(self, "Cannot save", human_message(exc))
            return
        errors = dict(exc.errors)
        for k in [k for k in errors if k.startswith("hoos_p")]:
            errors["hoos_items"] = f"{k.replace('hoos_p', 'P')} {errors.pop(k)}"
        plan_err = {k: m for k, m in errors.items() if k in self.plan_errors.labels}
        care_err = {k: m for k, m in errors.items()
                    if k in self.care.keys or k.startswith("goals")}
        screen_err = {k: m for k, m in errors.items() if k not in plan_err and k not in care_err}
        rest = self.plan_errors.show(plan_err) + self.care.show_errors(care_err) + \
            (self.screen_errors.show(screen_err) if screen_err else [])
        self.ui.tabs.setCurrentWidget(self.ui.planPage if plan_err else
                                      self.care if care_err else self.ui.screenPage)
        if rest:
            QMessageBox.warning(self, "Cannot save", "\n".join(rest))
