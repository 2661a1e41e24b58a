"""The session note editor (Designer form ui/sessionnote.ui).

New notes start from the last visit (copy forward) with progression suggestions the
PT accepts in one click. Signed notes open read-only with their addenda.
"""

from __future__ import annotations

import re
from datetime import date, time
from typing import Any, cast

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QDialog,
    QHeaderView,
    QInputDialog,
    QLineEdit,
    QListWidgetItem,
    QMessageBox,
    QPlainTextEdit,
    QTableWidgetItem,
    QWidget,
)

from ... import billing
from ...catalog import band_levels
from ...services import ValidationError
from ...services.concurrency import ConflictError
from ...services.copy_forward import apply_suggestions
from ...services.note_form import NoteForm, Signer, note_form, save_note_form
from ...services.progression import Suggestion
from ...services.sessions import (
    EXERCISE_LIMITS,
    GRADES,
    LOAD_TYPES,
    MANUAL_LIMITS,
    NOTE_NUMBERS,
    NOTE_TYPES,
    PAIN_RESPONSES,
    RELATEDNESS,
    SIDES,
    STATUSES,
    AdverseEventValues,
    ExerciseDoseValues,
    ManualTherapyValues,
    NoteValues,
    add_addendum,
)
from ...services.sign_checklist import CheckItem, form_checklist
from ...services.validate import number
from ..context import AppContext
from ..drafts import AsksBeforeDiscarding, DraftKeeper
from ..field_errors import FieldErrors
from ..forms.ui_sessionnote import Ui_SessionNoteDialog
from ..geometry import scroll_body
from ..operations import human_message
from .dose_grid import Column, DoseGrid, DoseTableModel
from .evaluation_page import EvaluationPanel
from .goal_page import GoalPanel

COMMON_CODES = ["97110", "97112", "97116", "97140", "97530", "97535", "97161", "97162",
                "97163", "97164"]
DRAFT_FORM = "session_note"
_PATH = re.compile(r"^(exercises|manual_therapy)\[(\d+)\]\.(\w+)$")


def _num(limits: dict[str, tuple[float, float, bool]], key: str, header: str,
         width: int) -> Column:
    """A number column whose editor takes only values the service accepts."""
    return Column(key, header, width=width, limits=limits[key])


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))  # whole-number fields (pain 0-10) are stored as REAL: 4, not 4.0
    if isinstance(value, (date, time)):
        return value.isoformat(timespec="minutes") if isinstance(value, time) \
            else value.isoformat()
    return str(value)


class SessionNoteDialog(AsksBeforeDiscarding, QDialog):
    UNSAVED_WHAT = "This session note"

    def __init__(self, ctx: AppContext, episode_id: int, note_id: int | None = None,
                 parent: QWidget | None = None, note_type: str | None = None) -> None:
        """``note_type``: a new note of this type (the Today screen's due report)."""
        super().__init__(parent)
        self.ctx = ctx
        self.episode_id = episode_id
        self.note_id = note_id
        self.saved_id: int | None = None
        self.suggestions: list[Suggestion] = []
        self.ui = ui = Ui_SessionNoteDialog()
        ui.setupUi(self)
        scroll_body(self)  # a small screen scrolls the fields; Save and sign stays in view
        for key, label in STATUSES.items():
            ui.statusCombo.addItem(label, key)
        for key, label in RELATEDNESS.items():
            ui.aeRelatedCombo.addItem(label, key)
        for key, label in NOTE_TYPES.items():
            ui.noteTypeCombo.addItem(label, key)
        form: NoteForm = ctx.runner.read(lambda s: note_form(s, episode_id, note_id))
        self.rule, self.patient_name = form.rule, form.patient_name
        self.planned, self.education = form.planned_visits, form.education
        self.signed, self.signature, self.addenda = form.signed, form.signature, form.addenda
        self.version, self.opened = form.version, dict(form.values)  # for conflict checks
        self.visit_number, self.suggestions = form.visit_number, form.suggestions
        values, ex, mt = form.values, form.exercises, form.manual_therapy
        self.goals, self.phrases = form.goals, form.phrases
        self.exercise_model = DoseTableModel([
            Column("exercise", "Exercise", "choice", ex, 210),
            Column("side", "Side", "choice", SIDES, 70), _num(EXERCISE_LIMITS, "sets", "Sets", 45),
            _num(EXERCISE_LIMITS, "reps", "Reps", 45),
            _num(EXERCISE_LIMITS, "hold_s", "Hold s", 55),
            _num(EXERCISE_LIMITS, "minutes", "Min", 45),
            Column("load_type", "Load", "choice", LOAD_TYPES, 90),
            _num(EXERCISE_LIMITS, "load_kg", "kg", 45),
            Column("band", "Band", "choice", {"": "—", **{b: b for b in band_levels()}}, 70),
            _num(EXERCISE_LIMITS, "rpe", "RPE", 45),
            Column("pain_response", "Pain", "choice", PAIN_RESPONSES, 80),
            Column("progression_level", "Level", width=70),
            Column("completed", "Done", "bool", width=45),
            Column("home_program", "Home", "bool", width=45)],
            new_row={"side": "bilateral", "sets": 2, "reps": 10, "load_type": "body_weight",
                     "completed": True, "home_program": False,
                     "exercise": next(iter(ex), "")})
        self.manual_model = DoseTableModel([
            Column("technique", "Technique", "choice", mt, 250),
            Column("region", "Region", width=70), Column("side", "Side", "choice", SIDES, 80),
            Column("grade", "Grade", "choice", GRADES, 110),
            Column("patient_position", "Position", width=130),
            _num(MANUAL_LIMITS, "sets", "Sets", 45), _num(MANUAL_LIMITS, "seconds", "Seconds", 60),
            _num(MANUAL_LIMITS, "oscillations", "Osc.", 50),
            Column("response", "Response", width=160)],
            new_row={"technique": next(iter(mt), ""), "sets": 3, "oscillations": 30})
        self.exercise_grid = DoseGrid(ui.exerciseTable, self.exercise_model)
        self.manual_grid = DoseGrid(ui.manualTable, self.manual_model)
        ui.exerciseAdd.clicked.connect(lambda: self.exercise_grid.add())
        ui.exerciseRemove.clicked.connect(self.exercise_grid.remove_current)
        ui.manualAdd.clicked.connect(lambda: self.manual_grid.add())
        ui.manualRemove.clicked.connect(self.manual_grid.remove_current)
        self.top_errors = FieldErrors(ui.visitForm, {
            "visit_date": ui.dateEdit, "start_time": ui.timeEdit, "status": ui.statusCombo,
            "status_reason": ui.reasonEdit, "total_minutes": ui.minutesEdit})
        self.pain_errors = FieldErrors(ui.painForm, {
            "pain_back_pre": ui.backPreEdit, "pain_back_post": ui.backPostEdit,
            "pain_hip_pre": ui.hipPreEdit, "pain_hip_post": ui.hipPostEdit})
        for key, edit in self.pain_errors.fields.items():
            cast(QLineEdit, edit).textChanged.connect(
                lambda text, key=key: self._check_pain(key, text))
        self.ae_errors = FieldErrors(ui.aeForm, {"adverse.description": ui.aeDescriptionEdit,
                                                 "adverse.relatedness": ui.aeRelatedCombo})
        self.type_errors = FieldErrors(ui.visitForm, {"note_type": ui.noteTypeCombo,
                                                      "adverse_event_screen": ui.aeScreenBox})
        self.text_errors = FieldErrors(ui.notesForm, {"subjective": ui.subjectiveEdit,
                                                      "assessment": ui.assessmentEdit,
                                                      "plan": ui.planEdit})
        self.evaluation = EvaluationPanel()
        self.goal_panel = GoalPanel(self.goals)
        ui.noteTabs.addTab(self.evaluation, "E&valuation")
        ui.noteTabs.addTab(self.goal_panel, "Goa&ls")
        ui.noteTypeCombo.currentIndexChanged.connect(self._type_changed)
        ui.aeYesRadio.toggled.connect(self._screen_yes)
        ui.aeCheck.toggled.connect(lambda on: on and ui.aeYesRadio.setChecked(True))
        ui.checkButton.clicked.connect(self.run_checklist)
        self._setup_phrases()
        self._setup_billing()
        ui.acceptButton.clicked.connect(self.accept_suggestions)
        ui.saveButton.clicked.connect(lambda: self.save(sign=False))
        ui.signButton.clicked.connect(lambda: self.save(sign=True))
        ui.cancelButton.clicked.connect(self.reject)
        if note_type and note_id is None:
            values = {**values, "note_type": note_type}
        self.set_values(values)
        self._type_changed()
        self._show_suggestions()
        self.draft_key = f"{episode_id}:{note_id or 'new'}"
        self.drafts: DraftKeeper | None = None
        if not self.signed:
            self.drafts = DraftKeeper(
                self, ctx, DRAFT_FORM, self.draft_key, self.values, self._restore_draft)
        if self.signed:
            self._make_read_only()
        title = f"Session note — {self.patient_name}"
        if self.visit_number:
            title += f" — visit {self.visit_number} of {self.planned}"
        self.setWindowTitle(title)
        ui.backPreEdit.setFocus()

    # ---- filling the form -------------------------------------------------------------
    def _setup_billing(self) -> None:
        table = self.ui.billingTable
        table.setColumnCount(5)
        table.setHorizontalHeaderLabels(["Code", "Service", "Minutes", "Units", "Not billed"])
        table.verticalHeader().hide()
        table.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        codes = {c.code: c for c in billing.known_codes()}
        table.setRowCount(len(COMMON_CODES))
        for row, code in enumerate(COMMON_CODES):
            info = codes[code]
            for col, text in enumerate([code, info.description + ("" if info.timed
                                                                 else " (untimed)")]):
                item = QTableWidgetItem(text)
                item.setFlags(Qt.ItemFlag.ItemIsEnabled)
                table.setItem(row, col, item)
            table.setItem(row, 2, QTableWidgetItem(""))
            units = QTableWidgetItem("")
            units.setFlags(Qt.ItemFlag.ItemIsEnabled)
            table.setItem(row, 3, units)
            # delivered but not billed: every documented intervention's code is accounted for
            unbilled = QTableWidgetItem("")
            unbilled.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsUserCheckable)
            unbilled.setCheckState(Qt.CheckState.Unchecked)
            unbilled.setToolTip(f"{code} was delivered (documented) but is not billed")
            table.setItem(row, 4, unbilled)
        table.itemChanged.connect(self._update_units)

    def set_values(self, values: NoteValues) -> None:
        ui = self.ui
        ui.dateEdit.setText(_text(values.get("visit_date")))
        ui.timeEdit.setText(_text(values.get("start_time"))[:5])
        ui.statusCombo.setCurrentIndex(max(0, ui.statusCombo.findData(values.get("status"))))
        ui.reasonEdit.setText(values.get("status_reason") or "")
        ui.minutesEdit.setText(_text(values.get("total_minutes")))
        for key, edit in (("pain_back_pre", ui.backPreEdit), ("pain_back_post", ui.backPostEdit),
                          ("pain_hip_pre", ui.hipPreEdit), ("pain_hip_post", ui.hipPostEdit)):
            edit.setText(_text(values.get(key)))
        ui.subjectiveEdit.setPlainText(values.get("subjective") or "")
        ui.assessmentEdit.setPlainText(values.get("assessment") or "")
        ui.planEdit.setPlainText(values.get("plan") or "")
        self.exercise_model.set_rows(values.get("exercises") or [])
        self.manual_model.set_rows(values.get("manual_therapy") or [])
        chosen = set(values.get("education") or [])
        ui.educationList.clear()
        for key, name in self.education:
            item = QListWidgetItem(name)
            item.setData(Qt.ItemDataRole.UserRole, key)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked if key in chosen else Qt.CheckState.Unchecked)
            ui.educationList.addItem(item)
        minutes = values.get("billing") or {}
        table = ui.billingTable
        table.blockSignals(True)
        unbilled = set(values.get("not_billed") or [])
        for row, code in enumerate(COMMON_CODES):
            table.item(row, 2).setText(_text(minutes.get(code)) if minutes.get(code) else "")
            table.item(row, 4).setCheckState(Qt.CheckState.Checked if code in unbilled
                                             else Qt.CheckState.Unchecked)
        table.blockSignals(False)
        ui.aeCheck.setChecked(bool(values.get("adverse_event")))
        screen = values.get("adverse_event_screen") or ("yes" if values.get("adverse_event")
                                                        else "")
        for radio, answer in ((ui.aeNoRadio, "no"), (ui.aeYesRadio, "yes")):
            radio.setAutoExclusive(False)
            radio.setChecked(screen == answer)
            radio.setAutoExclusive(True)
        ntype = values.get("note_type") or "daily"
        ui.noteTypeCombo.setCurrentIndex(max(0, ui.noteTypeCombo.findData(ntype)))
        self.evaluation.set_values(values.get("evaluation") or {})
        self.goal_panel.set_progress(values.get("goal_progress") or {})
        self._update_units()

    def _show_suggestions(self) -> None:
        names = dict(self.exercise_model.columns[0].options)
        if not self.suggestions:
            self.ui.suggestionFrame.hide()
            return
        lines = [f"<b>{names.get(s.exercise, s.exercise)}</b>: {s.summary}"
                 for s in self.suggestions]
        self.ui.suggestionLabel.setText(
            "Suggested progressions (same dose at the last two visits, completed, pain no "
            "worse):<br>" + "<br>".join(lines))

    def accept_suggestions(self) -> None:
        draft: NoteValues = {"exercises": self._exercises()}
        self.exercise_model.set_rows(apply_suggestions(draft, self.suggestions)
                                     .get("exercises", []))
        self.ui.suggestionLabel.setText("Progressions accepted; edit any dose in the grid.")
        self.ui.acceptButton.setEnabled(False)

    def _exercises(self) -> list[ExerciseDoseValues]:
        # the grid's columns are the exercise dose fields (EXERCISE_FIELDS and "exercise")
        return cast("list[ExerciseDoseValues]", self.exercise_model.values())

    def _manual_therapy(self) -> list[ManualTherapyValues]:
        return cast("list[ManualTherapyValues]", self.manual_model.values())

    def _billing_minutes(self) -> dict[str, str | int]:
        out: dict[str, str | int] = {}
        table = self.ui.billingTable
        for row, code in enumerate(COMMON_CODES):
            text = table.item(row, 2).text().strip()
            if text:
                out[code] = int(text) if text.isdigit() else text
        return out

    def _not_billed(self) -> list[str]:
        table = self.ui.billingTable
        return [code for row, code in enumerate(COMMON_CODES)
                if table.item(row, 4).checkState() == Qt.CheckState.Checked]

    def _update_units(self, *args: Any) -> None:
        changed = args[0] if args and isinstance(args[0], QTableWidgetItem) else None
        if changed is not None and changed.column() in (2, 4):
            # minutes typed for a code clear its "not billed" box, and ticking the box
            # clears the minutes: a code is billed or not billed, never both
            table = self.ui.billingTable
            row = changed.row()
            other = table.item(row, 4 if changed.column() == 2 else 2)
            if changed.column() == 2 and changed.text().strip():
                table.blockSignals(True)
                other.setCheckState(Qt.CheckState.Unchecked)
                table.blockSignals(False)
            elif changed.column() == 4 and changed.checkState() == Qt.CheckState.Checked:
                table.blockSignals(True)
                other.setText("")
                table.blockSignals(False)
        minutes = self._billing_minutes()
        valid = {c: m for c, m in minutes.items() if isinstance(m, int)}
        try:
            units = billing.units_for(self.rule, valid)
        except ValueError:
            units = {}
        table = self.ui.billingTable
        table.blockSignals(True)
        for row, code in enumerate(COMMON_CODES):
            table.item(row, 3).setText(str(units[code]) if code in units else "")
        table.blockSignals(False)
        timed = sum(m for c, m in valid.items() if billing.is_timed(c))
        self.ui.unitsLabel.setText(
            f"Timed minutes {timed} → {billing.total_units(timed)} unit(s) · total units "
            f"{sum(units.values())} · rule: {billing.RULES[self.rule]}")

    def _make_read_only(self) -> None:
        ui = self.ui
        for w in self.findChildren(QLineEdit):
            w.setReadOnly(True)
        for w in (ui.subjectiveEdit, ui.assessmentEdit, ui.planEdit, ui.aeDescriptionEdit,
                  ui.aeActionEdit):
            w.setReadOnly(True)
        self.evaluation.setEnabled(False)
        self.goal_panel.setEnabled(False)
        for w in (ui.noteTypeCombo, ui.aeNoRadio, ui.aeYesRadio, ui.checkButton,
                  ui.statusCombo, ui.aeCheck, ui.aeSeriousCheck, ui.aeRelatedCombo,
                  ui.exerciseAdd, ui.exerciseRemove, ui.manualAdd, ui.manualRemove,
                  ui.billingTable, ui.educationList):
            w.setEnabled(False)
        self.exercise_model.read_only = self.manual_model.read_only = True
        ui.saveButton.hide()
        ui.cancelButton.setText("&Close")  # nothing here can be changed: nothing to cancel
        ui.signButton.setText("Add &addendum…")
        ui.signButton.clicked.disconnect()
        ui.signButton.clicked.connect(self.addendum)
        ui.signedLabel.setText("<b>" + self.signature + "</b>" + "".join(
            f"<br>{a}" for a in self.addenda) + "<br>Signed notes are read-only; corrections "
            "are signed addenda.")

    def _check_pain(self, key: str, text: str) -> None:
        """Say at once, at the box, why a pain rating is not one the note can keep (the
        service's own rule: a whole number on the 0-10 scale); empty is allowed."""
        errors: dict[str, str] = {}
        lo, hi = NOTE_NUMBERS[key]
        number(text, key, errors, lo=lo, hi=hi, integer=True)
        self.pain_errors.mark(key, errors.get(key, ""))

    def save_draft(self) -> bool:
        """"Save draft" on a note saves it unsigned (a draft note), checked like any save;
        on a refusal the editor stays open with the problems marked. After someone else
        saved this note first (a conflict) that save would be refused again: the typing
        is kept as this form's draft instead, offered back when the note is reopened."""
        if self.drafts is not None and self.drafts.kept:
            self.drafts.keep_and_close()
            return True
        self.save(sign=False)
        return False  # closes itself once saved (``_saved`` accepts)

    # ---- crash recovery ---------------------------------------------------------------
    def _restore_draft(self, payload: dict[str, Any]) -> None:
        self.set_values(cast(NoteValues, payload))  # what values() gave when it was kept
        self.ui.suggestionFrame.hide()

    def keep_draft(self) -> None:
        if self.drafts is not None:
            self.drafts.keep()

    # ---- saving -----------------------------------------------------------------------
    def values(self) -> NoteValues:
        ui = self.ui
        education = [ui.educationList.item(i).data(Qt.ItemDataRole.UserRole)
                     for i in range(ui.educationList.count())
                     if ui.educationList.item(i).checkState() == Qt.CheckState.Checked]
        data: NoteValues = {
            "visit_date": ui.dateEdit.text(), "start_time": ui.timeEdit.text(),
            "status": ui.statusCombo.currentData(), "status_reason": ui.reasonEdit.text(),
            "total_minutes": ui.minutesEdit.text(), "pain_back_pre": ui.backPreEdit.text(),
            "pain_back_post": ui.backPostEdit.text(), "pain_hip_pre": ui.hipPreEdit.text(),
            "pain_hip_post": ui.hipPostEdit.text(), "subjective": ui.subjectiveEdit.toPlainText(),
            "assessment": ui.assessmentEdit.toPlainText(), "plan": ui.planEdit.toPlainText(),
            "exercises": self._exercises(),
            "manual_therapy": self._manual_therapy(), "education": education,
            "billing": self._billing_minutes(), "not_billed": self._not_billed(),
            "adverse_event": ui.aeCheck.isChecked(),
            "note_type": ui.noteTypeCombo.currentData(),
            "adverse_event_screen": "yes" if ui.aeYesRadio.isChecked() else
            "no" if ui.aeNoRadio.isChecked() else "",
        }
        ntype = data.get("note_type")
        if ntype in ("evaluation", "re-evaluation"):
            data["evaluation"] = self.evaluation.values(ntype)
        if ntype in ("progress", "discharge"):
            data["goal_progress"] = self.goal_panel.progress()
        if ui.aeCheck.isChecked():
            data["adverse"] = AdverseEventValues(
                description=ui.aeDescriptionEdit.toPlainText(),
                serious=ui.aeSeriousCheck.isChecked(),
                relatedness=ui.aeRelatedCombo.currentData(),
                action=ui.aeActionEdit.toPlainText())
        if data.get("status") != "attended":
            data.update({"exercises": [], "manual_therapy": [], "education": [],
                         "billing": {}, "not_billed": []})
        return data

    def save(self, sign: bool) -> None:
        data = self.values()
        statuses = self.goal_panel.status_changes() \
            if data.get("note_type") in ("progress", "discharge") else []
        if sign and not self.run_checklist(data, statuses):
            return  # the checklist and the fields say what is missing
        signer: Signer | None = self.ctx.signer() if sign else None
        if sign and signer is None:
            return
        episode_id, note_id, actor = self.episode_id, self.note_id, self.ctx.user
        draft = (DRAFT_FORM, self.drafts.key if self.drafts else self.draft_key)
        version, opened = self.version, self.opened
        self.ctx.runner.op(self, lambda s: save_note_form(
            s, episode_id, data, note_id, actor, sign=signer, draft=draft,
            goal_statuses=statuses, expected_version=version, opened=opened)) \
            .success(self._saved).failure(self._not_saved).run()

    def _saved(self, note_id: int) -> None:
        self.saved_id = note_id
        self.accept()

    def _not_saved(self, exc: Exception) -> None:
        if isinstance(exc, ConflictError) and self.drafts is not None:
            self.drafts.keep_and_close()  # the message says the typing is kept
        if isinstance(exc, ValidationError):
            self.show_errors(exc.errors)
        else:
            self.ui.signedLabel.setText(
                f"<span style='color:#b3261e'>Not saved: {human_message(exc)}</span>")

    # ---- the sign checklist ------------------------------------------------------------
    def run_checklist(self, data: NoteValues | None = None,
                      statuses: list[tuple[int, str, str]] | None = None) -> bool:
        """Show the sign checklist for the form as it stands; True when nothing is missing.

        Goal statuses chosen in the Goals tab are tried in a transaction that is rolled
        back, so the checklist sees them without anything being kept.
        """
        data = data if data is not None else self.values()
        statuses = statuses if statuses is not None else self.goal_panel.status_changes()
        episode_id, note_id = self.episode_id, self.note_id
        try:
            items: list[CheckItem] = self.ctx.runner.read(lambda s: form_checklist(
                s, episode_id, data, note_id, statuses))
        except ValidationError as exc:
            self.show_errors(exc.errors)
            self._show_checklist([CheckItem(k, k.replace("_", " "), m)
                                  for k, m in exc.errors.items()])
            return False
        self._show_checklist(items)
        missing = {i.field: i.problem for i in items if not i.ok}
        if missing:
            self.show_errors(missing)
        return not missing

    def _show_checklist(self, items: list[CheckItem]) -> None:
        lst = self.ui.checklistList
        lst.clear()
        for item in items:
            text = f"✓ {item.label}" if item.ok else f"✗ {item.label}: {item.problem}"
            row = QListWidgetItem(text)
            row.setData(Qt.ItemDataRole.UserRole, item.field)
            if not item.ok:
                row.setForeground(Qt.GlobalColor.darkRed)
            lst.addItem(row)

    # ---- note types, screen and quick phrases ------------------------------------------
    def _type_changed(self, *_args: Any) -> None:
        ntype = self.ui.noteTypeCombo.currentData()
        tabs = self.ui.noteTabs
        tabs.setTabVisible(tabs.indexOf(self.evaluation),
                           ntype in ("evaluation", "re-evaluation"))
        tabs.setTabVisible(tabs.indexOf(self.goal_panel), ntype in ("progress", "discharge"))
        self.evaluation.set_mode(ntype)

    def _screen_yes(self, on: bool) -> None:
        if on and not self.ui.aeCheck.isChecked():
            self.ui.aeCheck.setChecked(True)
            self.ui.noteTabs.setCurrentWidget(self.ui.adversePage)
        elif not on and self.ui.aeNoRadio.isChecked():
            self.ui.aeCheck.setChecked(False)

    def _setup_phrases(self) -> None:
        for edit in (*self.findChildren(QLineEdit), *self.findChildren(QPlainTextEdit)):
            edit.installEventFilter(self)  # Alt+digit would be typed there, not a phrase
        lines = []
        for prefix, field in (("Ctrl", "assessment"), ("Alt", "plan")):
            if self.phrases.get(field):
                lines.append(f"{prefix}+1…{min(9, len(self.phrases[field]))}: {field} "
                             "phrases")
        self.ui.phrasesLabel.setText("Quick phrases — " + "; ".join(lines) if lines else "")

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt override
        """Ctrl+1…9 inserts the clinic's assessment phrase, Alt+1…9 its plan phrase.

        Handled here rather than by shortcuts so the keys work from any field: the fields
        pass on key combinations they do not use, and the dialog receives them. Text
        fields would type Alt+digit as the digit, so they hand those keys over first
        (:meth:`eventFilter`).
        """
        if self._phrase_key(event):
            event.accept()
            return
        super().keyPressEvent(event)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        if event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent) \
                and self._phrase_key(event):
            return True
        return super().eventFilter(watched, event)

    def _phrase_key(self, event: QKeyEvent) -> bool:
        mods = event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
        n = event.key() - Qt.Key.Key_0
        if 1 <= n <= 9 and mods in (Qt.KeyboardModifier.ControlModifier,
                                    Qt.KeyboardModifier.AltModifier):
            field, edit = (("assessment", self.ui.assessmentEdit)
                           if mods == Qt.KeyboardModifier.ControlModifier
                           else ("plan", self.ui.planEdit))
            phrases = self.phrases.get(field, [])
            if n <= len(phrases):
                self.insert_phrase(edit, phrases[n - 1])
                return True
        return False

    def insert_phrase(self, edit: Any, phrase: str) -> None:
        if edit.isReadOnly():
            return
        current = edit.toPlainText().rstrip()
        edit.setPlainText(f"{current} {phrase}".strip())

    def show_errors(self, errors: dict[str, str]) -> None:
        grid: dict[str, dict[tuple[int, str], str]] = {"exercises": {}, "manual_therapy": {}}
        rest: dict[str, str] = {}
        for key, message in errors.items():
            m = _PATH.match(key)
            if m:
                grid[m.group(1)][(int(m.group(2)), m.group(3))] = message
            else:
                rest[key] = message
        self.exercise_model.show_errors(grid["exercises"])
        self.manual_model.show_errors(grid["manual_therapy"])
        top = {k: v for k, v in rest.items() if k in self.top_errors.labels}
        pain = {k: v for k, v in rest.items() if k in self.pain_errors.labels}
        ae = {k: v for k, v in rest.items() if k in self.ae_errors.labels}
        typed = {k: v for k, v in rest.items() if k in self.type_errors.labels}
        texts = {k: v for k, v in rest.items() if k in self.text_errors.labels}
        placed = self.evaluation.show_errors(rest) | self.goal_panel.show_errors(rest)
        others = [f"{k}: {v}" for k, v in rest.items()
                  if k not in {**top, **pain, **ae, **typed, **texts} and k not in placed]
        self.top_errors.show(top)
        self.pain_errors.show(pain)
        self.ae_errors.show(ae)
        self.type_errors.show(typed)
        self.text_errors.show(texts)
        # the row's exercise or technique named, the cell marked and made current
        others += [f"{self.exercise_model.describe(r, k)}: {v}"
                   for (r, k), v in grid["exercises"].items()]
        others += [f"{self.manual_model.describe(r, k)}: {v}"
                   for (r, k), v in grid["manual_therapy"].items()]
        for name, model, view in (("exercises", self.exercise_model, self.ui.exerciseTable),
                                  ("manual_therapy", self.manual_model, self.ui.manualTable)):
            if grid[name]:
                r, k = min(grid[name])
                col = next((i for i, c in enumerate(model.columns) if c.key == k), 0)
                view.setCurrentIndex(model.index(r, col))
        if grid["exercises"]:
            self.ui.noteTabs.setCurrentWidget(self.ui.exercisePage)
        elif grid["manual_therapy"]:
            self.ui.noteTabs.setCurrentWidget(self.ui.manualPage)
        elif any(k.startswith("billing") for k in rest):
            self.ui.noteTabs.setCurrentWidget(self.ui.billingPage)
        elif ae:
            self.ui.noteTabs.setCurrentWidget(self.ui.adversePage)
        elif any(k.startswith("evaluation") for k in rest):
            self.ui.noteTabs.setCurrentWidget(self.evaluation)
        elif any(k.startswith(("goal_progress", "goals.")) for k in rest):
            self.ui.noteTabs.setCurrentWidget(self.goal_panel)
        elif texts:
            self.ui.noteTabs.setCurrentWidget(self.ui.notesPage)
        self.ui.signedLabel.setText("<span style='color:#b3261e'>Not saved: " + "; ".join(
            others or ["see the marked fields"]) + "</span>")

    def addendum(self) -> None:
        text, ok = QInputDialog.getMultiLineText(self, "Addendum",
                                                 "Correction or addition (will be signed):")
        if not ok or not text.strip():
            return
        signer: Signer | None = self.ctx.signer()
        if signer is None or self.note_id is None:
            return
        note_id = self.note_id
        self.ctx.runner.op(self, lambda s: add_addendum(
            s, note_id, text, signer.actor, signer.name, signer.credentials).id) \
            .success(lambda _id: self.accept()) \
            .failure(lambda exc: QMessageBox.warning(self, "Addendum not saved",
                                                     human_message(exc))) \
            .run()
