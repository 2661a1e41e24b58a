"""Outcomes tab: enter the MASH battery per timepoint, see change against the MIC, graph it."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QFileDialog,
    QFormLayout,
    QFrame,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ... import outcomes
from ...changes import Kind
from ...services.assessments import (
    PRIMARY,
    SECONDARY,
    TIMEPOINTS,
    OutcomeRow,
    SeriesPoint,
    assessments_done,
    episode_series,
    next_timepoint,
    outcome_table,
    record_assessment,
)
from ..context import AppContext
from ..operations import human_message
from ..outcomes.entry_form import EntryForm, clinician_message
from . import register_tab
from .view import ChartView

if TYPE_CHECKING:
    from ..operations import DbSession

GOOD, BAD, GREY = "#1b7f3b", "#b3261e", "#5f6b7a"


def _canvas(fig: Any) -> QWidget:
    from matplotlib.backends.backend_qtagg import FigureCanvasQTAgg  # lazy: keeps start-up fast

    return FigureCanvasQTAgg(fig)


class OutcomesTab(ChartView):
    SHOWS = frozenset({Kind.EPISODE, Kind.ASSESSMENT})

    def __init__(self, ctx: AppContext) -> None:
        super().__init__(ctx)
        self.series: dict[str, list[SeriesPoint]] = {}
        self.rows: list[OutcomeRow] = []
        self.shown: str | None = None  # the instrument in the graph
        # entry panel
        self.timepoint = QComboBox()
        self.timepoint.setObjectName("timepointCombo")
        for key, label in TIMEPOINTS.items():
            self.timepoint.addItem(label, key)
        self.date_edit = QLineEdit(date.today().isoformat())
        self.date_edit.setObjectName("assessedOnEdit")
        self.instrument = QComboBox()
        self.instrument.setObjectName("instrumentCombo")
        order = PRIMARY + SECONDARY
        insts = sorted(outcomes.list_instruments(),
                       key=lambda i: (order.index(i.key) if i.key in order else 99, i.name))
        for inst in insts:
            role = {"primary": " — MASH primary", "secondary": " — MASH secondary"}.get(
                inst.mash_role, "")
            self.instrument.addItem(f"{inst.name}{role}", inst.key)
        self.form = EntryForm()
        self.form.setObjectName("entryForm")
        self.done: set[tuple[str, str]] = set()  # (timepoint, instrument) of this episode
        self.live = QLabel()
        self.live.setObjectName("liveScore")
        self.live.setWordWrap(True)
        self.save_button = QPushButton("Save assessment (Ctrl+S)")
        self.save_button.setObjectName("saveAssessmentButton")
        self.save_button.setShortcut("Ctrl+S")
        self.save_button.clicked.connect(self.save)
        self.instrument.currentIndexChanged.connect(self._instrument_changed)
        self.form.changed.connect(self._preview)
        self.form.completed.connect(self.save_button.setFocus)  # the last item: on to Save
        entry = QGroupBox("Enter an assessment")
        form = QFormLayout(entry)
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        form.addRow("T&imepoint:", self.timepoint)
        form.addRow("&Date:", self.date_edit)
        form.addRow("I&nstrument:", self.instrument)
        form.addRow(self.form)
        form.addRow(self.live)
        form.addRow(self.save_button)
        entry_scroll = QScrollArea()  # 20 items with topics fit a 700 px screen by scrolling
        entry_scroll.setObjectName("entryScroll")
        entry_scroll.setWidgetResizable(True)
        entry_scroll.setFrameShape(QFrame.Shape.NoFrame)
        entry_scroll.setWidget(entry)
        # results
        self.table = QTableWidget(0, 6)
        self.table.setObjectName("outcomeTable")
        self.table.setAccessibleName("Outcome measures by timepoint")
        self.table.setHorizontalHeaderLabels(
            ["Measure", "Baseline", "At discharge", "Change: baseline → discharge",
             "Follow-up", "Change: baseline → follow-up"])
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.itemSelectionChanged.connect(self._draw_selected)
        self.graph_box = QVBoxLayout()
        self.overview_button = QPushButton("Overview of all measures…")
        self.overview_button.clicked.connect(self.show_overview)
        self.export_button = QPushButton("Export graph…")
        self.export_button.clicked.connect(self.export_graph)
        buttons = QHBoxLayout()
        buttons.addWidget(self.overview_button)
        buttons.addWidget(self.export_button)
        buttons.addStretch(1)
        right = QWidget()
        rlay = QVBoxLayout(right)
        rlay.setContentsMargins(0, 0, 0, 0)
        rlay.addWidget(self.table, 2)
        rlay.addLayout(self.graph_box, 3)
        rlay.addLayout(buttons)
        split = QSplitter(Qt.Orientation.Horizontal)
        split.addWidget(entry_scroll)
        split.addWidget(right)
        split.setSizes([400, 760])
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 6, 0, 0)
        lay.addWidget(split)
        self.canvas: QWidget | None = None
        self.figure: Any = None
        self.prefetch_timer = QTimer(self)
        self.prefetch_timer.setSingleShot(True)
        self.prefetch_timer.setInterval(400)
        self.prefetch_timer.timeout.connect(self._prefetch_overview)
        self._instrument_changed()
        # The entry belongs to one patient's episode: half-typed answers must never be
        # saved on the next patient opened (review of issue 14).
        self._entry_for: tuple[int | None, int | None] = (None, None)
        ctx.chart.changed.connect(self._chart_changed)

    # ---- entry ------------------------------------------------------------------------
    def _instrument_changed(self) -> None:
        key = self.instrument.currentData()
        self.form.set_instrument(outcomes.get_instrument(key))
        self._default_timepoint()
        self._tab_order()

    def _default_timepoint(self) -> None:
        """The next timepoint due for this episode and instrument."""
        tp = next_timepoint(self.done, self.instrument.currentData())
        self.timepoint.setCurrentIndex(max(0, self.timepoint.findData(tp)))

    def _tab_order(self) -> None:
        """Timepoint → date → instrument → every item in order → Save."""
        chain: list[QWidget] = [self.timepoint, self.date_edit, self.instrument,
                                *self.form.inputs(), self.save_button]
        for a, b in zip(chain, chain[1:], strict=False):
            QWidget.setTabOrder(a, b)

    def start_entry(self) -> None:
        """Ctrl+Shift+O: the cursor in the instrument box, ready to type."""
        self.instrument.setFocus()

    def _chart_changed(self) -> None:
        opened = (self.ctx.chart.patient_id, self.ctx.chart.episode_id)
        if opened != self._entry_for:
            self._entry_for = opened
            self.reset_entry()

    def reset_entry(self) -> None:
        """Empty answers, the first instrument, its next timepoint due, today's date."""
        eid = self.ctx.chart.episode_id
        self.done = self.ctx.runner.read(lambda s: assessments_done(s, eid)) \
            if eid is not None and self.ctx.runner.db is not None else set()
        self.date_edit.setText(date.today().isoformat())
        self.instrument.blockSignals(True)
        self.instrument.setCurrentIndex(0)
        self.instrument.blockSignals(False)
        self.form.set_instrument(outcomes.get_instrument(self.instrument.currentData()),
                                 focus=False)
        self._default_timepoint()
        self._tab_order()

    def _preview(self) -> None:
        score, error = self.form.preview()
        shown = self.form.shown_problem(error)  # only once the PT has left that field
        self.form.mark(error if shown else None)
        if shown:
            self.live.setText(f"<span style='color:{BAD}'>{shown}</span>")
        elif score is None:
            inst = self.form.inst
            count = len(self.form.boxes) if inst and inst.kind in ("sum", "percent") else 0
            progress = f" ({self.form.answered()} of {count} answered)" if count else ""
            self.live.setText(f"<span style='color:{GREY}'>Type each answer; the score "
                              f"appears here{progress}.</span>")
        else:
            inst = outcomes.get_instrument(score.instrument)
            band = f" — {score.band}" if score.band else ""
            flags = "".join(f"<br><b style='color:{BAD}'>⚠ {f}</b>" for f in score.flags)
            subs = ", ".join(f"{k.replace('_', ' ')} {outcomes.format_value(v)}"
                             for k, v in score.subscales.items())
            self.live.setText(
                f"<b>Score {outcomes.format_score(inst.key, score.total)} {inst.unit}</b>{band}"
                + (f"<br>{subs}" if subs else "") + flags)

    def save(self) -> None:
        episode_id, actor = self.episode_id, self.ctx.user
        if episode_id is None:
            return
        key = self.instrument.currentData()
        answers = self.form.answers()
        tp, when = self.timepoint.currentData(), self.date_edit.text()
        self.shown = key  # the graph follows the measure just saved
        self.ctx.runner.op(self, lambda s: record_assessment(
            s, episode_id, tp, when, key, answers, actor).id) \
            .success(lambda _id: self._saved()) \
            .failure(lambda exc: self.live.setText(
                f"<span style='color:{BAD}'>Not saved: "
                f"{clinician_message(outcomes.get_instrument(key), human_message(exc))}"
                "</span>")) \
            .run()

    def _saved(self) -> None:
        self.ctx.notify("Assessment saved")
        self.done.add((self.timepoint.currentData(), self.instrument.currentData()))
        nxt = self.instrument.currentIndex() + 1
        self.instrument.setCurrentIndex(nxt % self.instrument.count())  # on to the next test

    # ---- results ----------------------------------------------------------------------
    def load(self, patient_id: int, episode_id: int | None) -> None:
        self.save_button.setEnabled(episode_id is not None)
        if episode_id is None:
            self.rows, self.series = [], {}
            self.table.setRowCount(0)
            self._draw(None)
            return

        def read(s: DbSession) -> tuple[list[OutcomeRow], dict[str, list[SeriesPoint]]]:
            return outcome_table(s, episode_id), episode_series(s, episode_id)

        self.rows, self.series = self.ctx.runner.read(read)
        rows = self.rows
        self.table.setRowCount(len(rows))
        for i, r in enumerate(rows):
            cells = [(f"{r.short_name} ({r.unit})", f"{r.name}. {r.threshold.describe()}", None),
                     *[self._point_cell(r.instrument, p) for p in (r.baseline, r.discharge)],
                     self._change_cell(r.instrument, r.discharge_change),
                     self._point_cell(r.instrument, r.follow_up),
                     self._change_cell(r.instrument, r.follow_up_change)]
            for j, (text, tip, colour) in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setToolTip(tip)
                if colour:
                    item.setForeground(QColor(colour))
                self.table.setItem(i, j, item)
        # The graph is drawn here, always: selecting a row that is already selected
        # (row 0 of the previous patient) emits nothing, which once left that patient's
        # graph on screen under this patient's table.
        keys = [r.instrument for r in rows]
        row = keys.index(self.shown) if self.shown in keys else 0
        self.table.blockSignals(True)
        self.table.clearSelection()
        if rows:
            self.table.selectRow(row)
        self.table.blockSignals(False)
        self._draw(keys[row] if rows else None)
        if rows:
            self.prefetch_timer.start()

    @staticmethod
    def _point_cell(instrument: str, p: Any) -> tuple[str, str, str | None]:
        if p is None:
            return "not assessed", "", GREY
        return (outcomes.format_score(instrument, p.value),
                f"{p.label}, {p.assessed_on.isoformat()}", None)

    @staticmethod
    def _change_cell(instrument: str, c: outcomes.Change | None) -> tuple[str, str, str | None]:
        """The printed change and the shared judgement wording; an unverified threshold is
        shown but marked (signed documents leave its verdict out)."""
        if c is None:
            return "—", "needs a baseline and this assessment", GREY
        text = f"{outcomes.format_change(instrument, c)} · {outcomes.judgement(c)}"
        if c.threshold.value is not None and not c.threshold.verified:
            text += " [threshold not verified]"
        tone = outcomes.verdict(c)
        colour = {"meaningful_improvement": GOOD, "meaningful_worsening": BAD,
                  "worsened": BAD}.get(tone, GREY if tone != "improved" else None)
        return text, c.threshold.describe(outcomes.get_instrument(instrument).short_name), colour

    def _draw_selected(self) -> None:
        row = self.table.currentRow()
        if 0 <= row < len(self.rows):
            self.shown = self.rows[row].instrument
            self._draw(self.shown)

    def _draw(self, instrument: str | None) -> None:
        if self.canvas is not None:
            self.graph_box.removeWidget(self.canvas)
            self.canvas.deleteLater()
            self.canvas = None
        self.figure = None
        if instrument is None:
            return
        from ...charts import outcome_figure

        self.figure = outcome_figure(instrument, self.series.get(instrument, []),
                                     figsize=(6.5, 3.0))
        self.canvas = _canvas(self.figure)
        self.canvas.setObjectName("outcomeCanvas")
        self.graph_box.addWidget(self.canvas)

    def _prefetch_overview(self) -> None:
        """Draw the overview in the background once the tab has been shown for a moment."""
        if self.series and self.isVisible():
            from ...charts import prefetch_overview

            prefetch_overview(self.series)

    def show_overview(self) -> None:
        from PySide6.QtGui import QPixmap

        from ...charts import overview_png

        dlg = QDialog(self)
        dlg.setWindowTitle("Outcome overview")
        lay = QVBoxLayout(dlg)
        pixmap = QPixmap()
        pixmap.loadFromData(overview_png(self.series))  # cached, usually drawn already
        graph = QLabel()
        graph.setObjectName("overviewGraph")
        graph.setPixmap(pixmap)
        graph.setAlignment(Qt.AlignmentFlag.AlignCenter)
        graph.setStyleSheet("background: white;")
        lay.addWidget(graph)
        dlg.resize(1100, 700)
        dlg.open()
        self.overview = dlg

    def export_graph(self) -> None:
        if self.figure is None:
            return
        from ...charts import save_figure

        path, _ = QFileDialog.getSaveFileName(self, "Export graph", "outcome.png",
                                              "PNG image (*.png);;SVG drawing (*.svg)")
        if path:
            from ...files import FileError

            try:  # the file dialog already asked before replacing an existing file
                save_figure(self.figure, path, force=True)
            except FileError as exc:
                QMessageBox.warning(self, "Graph not saved", exc.message)


@register_tab(30)
def make_tab(ctx: AppContext) -> tuple[str, QWidget]:
    return "Outcomes", OutcomesTab(ctx)
