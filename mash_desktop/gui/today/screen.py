"""The Today screen, the start view: the day's visits and what is due.

Enter on a visit opens the right note for that patient (the day's note when there is
one, otherwise a new one: the evaluation, the due progress report, or a daily note
copied forward); Enter on a due item opens the unsigned note, the report, the
Outcomes tab for a reassessment or the plan of care for a certification. The screen
redraws when notes, assessments, episodes or appointments change.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from PySide6.QtCore import QDate, QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QDateEdit,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from ...changes import Changes, Kind
from ...services.appointments import AppointmentRow, appointments_on, remove_appointment
from ...services.today import TodayDue, TodayView, TodayVisit, today_view
from ..context import AppContext
from ..typography import scale
from .appointment_dialog import AppointmentDialog
from .models import DueModel, VisitsModel

SHOWS = frozenset({Kind.PATIENT, Kind.EPISODE, Kind.NOTE, Kind.ASSESSMENT, Kind.DOCUMENT,
                   Kind.APPOINTMENT})

# (patient, episode, note id or None, note type for a new note)
OpenNote = Callable[[int, int, int | None, str | None], None]
OpenChart = Callable[[int, int | None, str], None]  # patient, episode, tab title


def _table(name: str, accessible: str) -> QTableView:
    view = QTableView()
    view.setObjectName(name)
    view.setAccessibleName(accessible)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.setAlternatingRowColors(True)
    view.setWordWrap(False)
    view.verticalHeader().hide()
    view.setTabKeyNavigation(False)  # Tab leaves the table: keyboard users move on
    # columns sized from the rows on screen, not all 200 due items at every redraw
    view.horizontalHeader().setResizeContentsPrecision(0)
    return view


class TodayScreen(QWidget):
    """``drawn`` fires after each redraw (start-up timing, tests)."""

    drawn = Signal()

    def __init__(self, ctx: AppContext, open_note: OpenNote, open_chart: OpenChart,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("todayScreen")
        self.ctx, self.open_note, self.open_chart = ctx, open_note, open_chart
        self.view: TodayView | None = None
        self.out_of_date = True
        self.title = QLabel()
        self.title.setObjectName("todayTitle")
        scale(self.title, 1.3, bold=True)
        self.title.setWordWrap(True)  # never wider than the window (1024 px, 150 %)
        self.day = QDateEdit(QDate.currentDate())
        self.day.setObjectName("todayDate")
        self.day.setCalendarPopup(True)
        self.day.setDisplayFormat("yyyy-MM-dd")
        self.day.dateChanged.connect(lambda _d: self.redraw())
        day_label = QLabel("&Day:")
        day_label.setBuddy(self.day)
        self.back = QPushButton("Back to &today")
        self.back.setObjectName("todayBack")
        self.back.clicked.connect(lambda: self.day.setDate(QDate.currentDate()))
        self.everyone = QCheckBox("&Everyone's patients")
        self.everyone.setObjectName("todayEveryone")
        self.everyone.setToolTip("Show every clinician's visits and due items, not only yours")
        self.everyone.toggled.connect(lambda _c: self.redraw())
        top = QHBoxLayout()
        top.addWidget(day_label)
        top.addWidget(self.day)
        top.addWidget(self.back)
        top.addWidget(self.everyone)
        top.addStretch(1)

        self.visits = VisitsModel()
        self.visit_view = _table("todayVisits", "Today's visits")
        self.visit_view.setModel(self.visits)
        header = self.visit_view.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(5, QHeaderView.ResizeMode.Stretch)  # what Enter opens
        self.visit_view.activated.connect(lambda _i: self.open_visit())
        self.visit_view.installEventFilter(self)
        self.visits_label = QLabel()
        self.visits_label.setObjectName("todayVisitsLabel")
        self.visits_label.setBuddy(self.visit_view)
        self.visits_label.setWordWrap(True)
        self.add_button = QPushButton("Add appoi&ntment…")
        self.add_button.setObjectName("todayAdd")
        self.add_button.clicked.connect(self.add_appointment)
        self.edit_button = QPushButton("&Change…")
        self.edit_button.setObjectName("todayEdit")
        self.edit_button.clicked.connect(self.edit_appointment)
        self.remove_button = QPushButton("Re&move")
        self.remove_button.setObjectName("todayRemove")
        self.remove_button.clicked.connect(self.remove_appointment)
        self.open_button = QPushButton("&Open note")  # short: the row fits an 800 px window
        self.open_button.setObjectName("todayOpen")
        self.open_button.setToolTip("Open the selected visit's note (Enter)")
        self.open_button.clicked.connect(self.open_visit)
        self.edit_button.setToolTip("Change the selected appointment's time, status or note")
        self.remove_button.setToolTip("Take the selected appointment off the day's list")
        buttons = QHBoxLayout()
        for b in (self.open_button, self.add_button, self.edit_button, self.remove_button):
            buttons.addWidget(b)
        buttons.addStretch(1)

        self.due = DueModel()
        self.due_view = _table("todayDue", "What is due")
        self.due_view.setModel(self.due)
        dheader = self.due_view.horizontalHeader()
        dheader.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        dheader.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.visit_view.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.due_view.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.due_view.activated.connect(lambda _i: self.open_due())
        self.due_view.installEventFilter(self)
        self.due_label = QLabel()
        self.due_label.setObjectName("todayDueLabel")
        self.due_label.setBuddy(self.due_view)
        self.due_label.setWordWrap(True)

        upper = QWidget()
        ulay = QVBoxLayout(upper)
        ulay.setContentsMargins(0, 0, 0, 0)
        ulay.addWidget(self.visits_label)
        ulay.addWidget(self.visit_view)
        ulay.addLayout(buttons)
        lower = QWidget()
        llay = QVBoxLayout(lower)
        llay.setContentsMargins(0, 0, 0, 0)
        llay.addWidget(self.due_label)
        llay.addWidget(self.due_view)
        split = QSplitter(Qt.Orientation.Vertical)
        split.setChildrenCollapsible(False)
        split.addWidget(upper)
        split.addWidget(lower)
        split.setSizes([300, 200])
        lay = QVBoxLayout(self)
        lay.setContentsMargins(6, 6, 6, 6)
        lay.addWidget(self.title)
        lay.addLayout(top)
        lay.addWidget(split, 1)
        ctx.bus.changed.connect(self._on_changes)

    # ---- drawing -----------------------------------------------------------------------
    @property
    def current_day(self) -> date:
        d = self.day.date()
        return date(d.year(), d.month(), d.day())

    def _on_changes(self, changes: Changes) -> None:
        if changes.touches(SHOWS):
            self.out_of_date = True
            if self.isVisible():
                self.redraw()

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802
        """Draw right after the window has painted (the patient list first at start)."""
        super().showEvent(event)
        if self.out_of_date:
            QTimer.singleShot(0, self._redraw_if_out_of_date)

    def _redraw_if_out_of_date(self) -> None:
        if self.out_of_date and self.isVisible():
            self.redraw()

    def redraw(self) -> None:
        if self.ctx.runner.db is None:
            return
        self.out_of_date = False
        day, actor, everyone = self.current_day, self.ctx.user, self.everyone.isChecked()
        view: TodayView = self.ctx.runner.read(lambda s: today_view(s, actor, day, everyone))
        self.view = view
        keep = self._selected_visit()
        self.visits.set_rows(view.visits)
        self.due.set_rows(view.due)
        whose = "everyone" if everyone or actor is None else actor.full_name
        self.title.setText(("Today" if day == date.today() else "Day")
                           + f" — {day:%A %d %B %Y} — {whose}")
        signed = sum(1 for v in view.visits if v.note_state == "signed")
        self.visits_label.setText(
            f"<b>&Visits ({len(view.visits)}, {signed} signed)</b> — Enter opens the note"
            if view.visits else "<b>&Visits</b> — nobody is expected; add an appointment "
            "with Alt+A")
        self.due_label.setText(f"<b>D&ue ({len(view.due)})</b> — unsigned notes, reports, "
                               "reassessments and certifications; Enter opens")
        self.back.setEnabled(day != date.today())
        row = 0
        if keep is not None:
            row = next((i for i, v in enumerate(view.visits)
                        if (v.patient_id, v.appointment_id) == keep), 0)
        if view.visits:
            self.visit_view.selectRow(row)
        if view.due:
            self.due_view.selectRow(0)
        self.drawn.emit()

    def _selected_visit(self) -> tuple[int, int | None] | None:
        v = self.selected_visit()
        return (v.patient_id, v.appointment_id) if v else None

    def selected_visit(self) -> TodayVisit | None:
        idx = self.visit_view.currentIndex()
        return self.visits.rows[idx.row()] if idx.isValid() else None

    def selected_due(self) -> TodayDue | None:
        idx = self.due_view.currentIndex()
        return self.due.rows[idx.row()] if idx.isValid() else None

    # ---- Enter ------------------------------------------------------------------------
    def eventFilter(self, obj: QObject, event: QEvent) -> bool:  # noqa: N802
        """Enter opens the selected row (QTableView's 'activated' needs a platform hint)."""
        if event.type() == QEvent.Type.KeyPress:
            assert isinstance(event, QKeyEvent)
            if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                if obj is self.visit_view:
                    self.open_visit()
                    return True
                if obj is self.due_view:
                    self.open_due()
                    return True
        return super().eventFilter(obj, event)

    def open_visit(self) -> None:
        v = self.selected_visit()
        if v is None:
            return
        if v.opens == "note" and v.episode_id is not None:
            self.open_note(v.patient_id, v.episode_id, v.note_id, None)
        elif v.opens == "new" and v.episode_id is not None:
            self.open_note(v.patient_id, v.episode_id, None, v.note_type)
        else:
            self.open_chart(v.patient_id, v.episode_id, "Sessions")

    def open_due(self) -> None:
        d = self.selected_due()
        if d is None:
            return
        item = d.item
        if d.opens == "note":
            self.open_note(item.patient_id, item.episode_id, d.note_id, None)
        elif d.opens == "new":
            self.open_note(item.patient_id, item.episode_id, None, d.note_type)
        elif d.opens == "outcomes":
            self.open_chart(item.patient_id, item.episode_id, "Outcomes")
        else:
            self.open_chart(item.patient_id, item.episode_id, "Episodes")
            self.ctx.edit_episode(item.episode_id)

    # ---- the appointment list ---------------------------------------------------------
    def add_appointment(self) -> None:
        dlg = AppointmentDialog(self.ctx, self.current_day,
                                patient_id=self.ctx.chart.patient_id, parent=self)
        if dlg.exec() and dlg.saved:
            self.ctx.notify("Appointment added")

    def _appointment(self) -> tuple[TodayVisit, AppointmentRow] | None:
        v = self.selected_visit()
        if v is None or v.appointment_id is None:
            return None
        day, aid = self.current_day, v.appointment_id
        rows = self.ctx.runner.read(lambda s: appointments_on(s, day, everyone=True))
        row = next((a for a in rows if a.id == aid), None)
        return (v, row) if row is not None else None

    def edit_appointment(self) -> None:
        found = self._appointment()
        if found is None:
            v = self.selected_visit()
            if v is not None and v.appointment_id is None:
                dlg = AppointmentDialog(self.ctx, self.current_day, patient_id=v.patient_id,
                                        parent=self)
                if dlg.exec() and dlg.saved:
                    self.ctx.notify("Appointment added")
            return
        v, row = found
        dlg = AppointmentDialog(self.ctx, self.current_day, row, patient_label=
                                f"{v.patient} — born {v.date_of_birth.isoformat()} — MRN "
                                f"{v.mrn}", parent=self)
        if dlg.exec() and dlg.saved:
            self.ctx.notify("Appointment changed")

    def remove_appointment(self) -> None:
        found = self._appointment()
        if found is None:
            if self.selected_visit() is not None:
                self.ctx.notify("This visit is a suggestion from the plan of care, not an "
                                "appointment: there is nothing to remove.", 6000)
            return
        v, row = found
        answer = QMessageBox.question(
            self, "Remove from the list",
            f"Take {v.patient} off the list for {self.current_day:%A %d %B}? A note "
            "already written for the visit stays in the chart.",
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No)
        if answer != QMessageBox.StandardButton.Yes:
            return
        actor, aid, version = self.ctx.user, row.id, row.version
        self.ctx.runner.op(self, lambda s: remove_appointment(
            s, aid, actor, expected_version=version)).success(
            lambda _r: self.ctx.notify("Removed from the list")).run()
