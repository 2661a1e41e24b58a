"""Sessions tab: visit list, note editor, dosing flowsheet and what is due."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from ...changes import Kind
from ...services.chart import SessionsView, sessions_view
from ...services.flowsheet import Flowsheet
from ...services.sessions import STATUSES
from ..context import AppContext
from ..sessions.models import FlowsheetModel, VisitListModel, VisitRow
from ..sessions.note_dialog import SessionNoteDialog
from . import register_tab
from .view import ChartView


class SessionsTab(ChartView):
    # the payer's billing rule (patient), catalog names and the due line (documents)
    SHOWS = frozenset({Kind.PATIENT, Kind.EPISODE, Kind.NOTE, Kind.DOCUMENT, Kind.CATALOG})

    def __init__(self, ctx: AppContext) -> None:
        super().__init__(ctx)
        self.visits = VisitListModel()
        self.visit_view = QTableView()
        self.visit_view.setObjectName("visitTable")
        self.visit_view.setAccessibleName("Visits of this episode")
        self.visit_view.setModel(self.visits)
        self.visit_view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.visit_view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.visit_view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.visit_view.verticalHeader().hide()
        self.visit_view.horizontalHeader().setSectionResizeMode(
            QHeaderView.ResizeMode.ResizeToContents)
        # Size columns from the rows on screen, not all 200 visits of a long episode.
        self.visit_view.horizontalHeader().setResizeContentsPrecision(0)
        self.visit_view.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.visit_view.horizontalHeader().setStretchLastSection(True)
        self.visit_view.activated.connect(lambda _i: self.open_note())
        self.visit_view.doubleClicked.connect(lambda _i: self.open_note())
        self.new_button = QPushButton("New note from last visit (Ctrl+Shift+N)")
        self.new_button.setObjectName("newNoteButton")
        # Ctrl+Shift+N is the main window's action (it works from every tab and Today)
        self.new_button.clicked.connect(lambda: self.new_note())
        self.open_button = QPushButton("Open note")
        self.open_button.clicked.connect(self.open_note)
        self.due_label = QLabel()
        self.due_label.setWordWrap(True)
        self.due_label.setObjectName("dueLabel")
        self.flow = FlowsheetModel()
        self.flow_view = QTableView()
        self.flow_view.setObjectName("flowsheetTable")
        self.flow_view.setAccessibleName("Dosing flowsheet")
        self.flow_view.setModel(self.flow)
        self.flow_view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.flow_view.horizontalHeader().setDefaultSectionSize(92)
        self.flow_view.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.flow_view.verticalHeader().setDefaultSectionSize(24)

        left = QWidget()
        lay = QVBoxLayout(left)
        lay.setContentsMargins(0, 0, 0, 0)
        buttons = QHBoxLayout()
        buttons.addWidget(self.new_button)
        buttons.addWidget(self.open_button)
        lay.addLayout(buttons)
        lay.addWidget(self.visit_view)
        lay.addWidget(self.due_label)
        right = QWidget()
        rlay = QVBoxLayout(right)
        rlay.setContentsMargins(0, 0, 0, 0)
        title = QLabel("<b>Dosing flowsheet</b> — each intervention's dose at every visit; "
                       "green = progressed")
        rlay.addWidget(title)
        rlay.addWidget(self.flow_view)
        split = QSplitter(Qt.Orientation.Horizontal)
        split.addWidget(left)
        split.addWidget(right)
        split.setSizes([470, 560])
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 6, 0, 0)
        outer.addWidget(split)

    def load(self, patient_id: int, episode_id: int | None) -> None:
        self.new_button.setEnabled(episode_id is not None)
        if episode_id is None:
            self.visits.set_rows([])
            self.flow.set_sheet(build_flowsheet_empty())
            self.due_label.setText("Open an episode of care to document sessions.")
            return
        view: SessionsView = self.ctx.runner.read(lambda s: sessions_view(s, episode_id))
        planned, sheet, timing = view.planned_visits, view.flowsheet, view.timing
        rows = [VisitRow(
            n.id, n.visit_date.isoformat(),
            f"{n.visit_number} of {planned}" if n.visit_number else "—",
            STATUSES[n.status], str(n.total_minutes or ""),
            str(sum(n.units.values())) if n.units else "",
            f"{n.signed_at:%Y-%m-%d}" if n.signed_at else "draft", n.is_signed)
            for n in view.visits]
        self.new_button.setEnabled(timing is not None)
        self.visits.set_rows(list(reversed(rows)))
        if rows:
            self.visit_view.selectRow(0)
        self.flow.set_sheet(sheet)
        if sheet.visits:
            self.flow_view.scrollTo(self.flow.index(0, len(sheet.visits) - 1))
        if timing is None:
            self.due_label.setText("Episode discharged.")
        else:
            due = "".join(f"<br>• <span style='color:#b3261e'>{i.what}</span>"
                          + (f" ({i.due.isoformat()})" if i.due else "") for i in timing.items)
            self.due_label.setText(
                f"<b>{timing.visits_used} of {timing.visits_planned}</b> visits used, "
                f"{timing.visits_remaining} remaining · progress report: "
                f"{timing.since_progress_report}/10 treatment days · recertify by "
                f"{timing.cert_end.isoformat()} · reassess at 8 weeks "
                f"{timing.reassessments['8_weeks'].isoformat()} and 6 months "
                f"{timing.reassessments['6_months'].isoformat()}" + due)

    def selected_note(self) -> int | None:
        idx = self.visit_view.currentIndex()
        return int(idx.siblingAtColumn(0).data(Qt.ItemDataRole.UserRole)) if idx.isValid() \
            else None

    def new_note(self, note_type: str | None = None) -> SessionNoteDialog | None:
        if self.episode_id is None:
            return None
        dialog = SessionNoteDialog(self.ctx, self.episode_id, parent=self, note_type=note_type)
        dialog.open()
        return dialog

    def open_note_id(self, note_id: int) -> SessionNoteDialog | None:
        """Open one note of the open episode (the Today screen's Enter)."""
        if self.episode_id is None:
            return None
        dialog = SessionNoteDialog(self.ctx, self.episode_id, note_id, parent=self)
        dialog.open()
        return dialog

    def open_note(self) -> SessionNoteDialog | None:
        note_id = self.selected_note()
        if note_id is None or self.episode_id is None:
            return None
        dialog = SessionNoteDialog(self.ctx, self.episode_id, note_id, parent=self)
        dialog.open()
        return dialog


def build_flowsheet_empty() -> Flowsheet:
    return Flowsheet([], [], [], [])


@register_tab(20)
def make_tab(ctx: AppContext) -> tuple[str, QWidget]:
    return "Sessions", SessionsTab(ctx)
