"""Episodes tab: every episode of care of the patient and its MASH eligibility screen."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QGroupBox,
    QHeaderView,
    QLabel,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ...changes import Kind
from ...services.chart import EpisodeRow, episode_rows
from ...services.eligibility import ScreenResult
from ..context import AppContext
from . import register_tab
from .view import ChartView

COLOURS = {"met": "#1b7f3b", "not met": "#b3261e", "not assessed": "#7a7a7a"}


class EpisodesTab(ChartView):
    SHOWS = frozenset({Kind.PATIENT, Kind.EPISODE, Kind.NOTE})

    def __init__(self, ctx: AppContext) -> None:
        super().__init__(ctx)
        self.episode_ids: list[int] = []
        self.table = QTableWidget(0, 7)
        self.table.setObjectName("episodeTable")
        self.table.setAccessibleName("Episodes of care")
        self.table.setHorizontalHeaderLabels(
            ["Start", "Arm", "Diagnosis", "Visits", "Certified to", "Status", "Discharged"])
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.table.itemSelectionChanged.connect(self._show_screen)
        self.table.doubleClicked.connect(lambda _i: ctx.edit_episode(self.selected_id()))
        self.screen_box = QGroupBox("MASH eligibility screen")
        box = QVBoxLayout(self.screen_box)
        self.overall = QLabel()
        self.criteria = QTableWidget(0, 3)
        self.criteria.setObjectName("criteriaTable")
        self.criteria.setAccessibleName("MASH eligibility criteria")
        self.criteria.setHorizontalHeaderLabels(["Criterion", "Result", "Detail"])
        self.criteria.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.criteria.verticalHeader().hide()
        self.criteria.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        box.addWidget(self.overall)
        box.addWidget(self.criteria)
        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(self.table)
        split.addWidget(self.screen_box)
        split.setSizes([220, 300])
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 6, 0, 0)
        hint = QLabel("Double-click an episode to edit its plan of care and eligibility screen.")
        hint.setProperty("role", "hint")
        lay.addWidget(hint)
        lay.addWidget(split)
        self._screens: dict[int, ScreenResult] = {}

    def selected_id(self) -> int | None:
        row = self.table.currentRow()
        return self.episode_ids[row] if 0 <= row < len(self.episode_ids) else None

    def load(self, patient_id: int, episode_id: int | None) -> None:
        episodes: list[EpisodeRow] = self.ctx.runner.read(lambda s: episode_rows(s, patient_id))
        self._screens = {ep.id: ep.screen for ep in episodes if ep.screen is not None}
        rows = [(ep.id, [ep.start_date.isoformat(), ep.arm, ep.diagnosis,
                         f"{ep.visits_used} / {ep.visits_planned}",
                         ep.cert_end.isoformat() if ep.cert_end else "—", ep.status,
                         ep.discharge_date.isoformat() if ep.discharge_date else ""])
                for ep in episodes]
        self.episode_ids = [r[0] for r in rows]
        self.table.setRowCount(len(rows))
        for i, (_eid, cells) in enumerate(rows):
            for j, text in enumerate(cells):
                self.table.setItem(i, j, QTableWidgetItem(text))
        self.table.resizeColumnsToContents()
        self.table.horizontalHeader().setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        if rows:
            target = self.episode_ids.index(episode_id) if episode_id in self.episode_ids else 0
            self.table.selectRow(target)
        self._show_screen()

    def _show_screen(self) -> None:
        eid = self.selected_id()
        result = self._screens.get(eid) if eid is not None else None
        if result is None:
            self.overall.setText("No eligibility screen recorded for this episode." if eid
                                 else "No episodes yet: use Patient ▸ New episode of care.")
            self.criteria.setRowCount(0)
            return
        colour = {"eligible": "#1b7f3b", "not eligible": "#b3261e"}.get(result.overall, "#7a7a7a")
        self.overall.setText(f"<b>Overall: <span style='color:{colour}'>{result.overall}"
                             "</span></b>")
        self.criteria.setRowCount(len(result.criteria))
        for i, c in enumerate(result.criteria):
            for j, text in enumerate([c.label, c.status, c.detail]):
                item = QTableWidgetItem(text)
                item.setToolTip(c.source)
                if j == 1:
                    item.setForeground(QColor(COLOURS[c.status]))
                self.criteria.setItem(i, j, item)
        self.criteria.resizeColumnsToContents()
        self.criteria.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)


@register_tab(10)
def make_tab(ctx: AppContext) -> tuple[str, QWidget]:
    return "Episodes", EpisodesTab(ctx)
