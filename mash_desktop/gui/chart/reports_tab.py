"""Reports tab: generate, preview, save and print the episode's reports."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import QLabel, QMessageBox, QPushButton, QVBoxLayout, QWidget

from ...changes import Kind
from ..context import AppContext
from ..operations import human_message
from . import register_tab
from .view import ChartView

if TYPE_CHECKING:
    from ..reports.preview_dialog import PreviewDialog

DESCRIPTIONS = {
    "discharge": "For the referring physician and payer: course of care, interventions and "
                 "doses, every outcome measure with the minimal important change, graphs, "
                 "adverse events, goals, discharge reason and home program.",
    "progress": "Due at least every 10 treatment days: visits in the period, changes since "
                "baseline, updated plan.",
    "hep": "Large-print handout for the patient: each home exercise with a drawing, dose and "
           "instructions, plus a 4-week log to tick.",
    "plan-of-care": "For the physician to certify: diagnoses, evaluation findings, goals "
                    "with their measures, type, amount, frequency and duration, home "
                    "program, and the certification block.",
}


class ReportsTab(ChartView):
    SHOWS = frozenset({Kind.EPISODE, Kind.DOCUMENT})

    def __init__(self, ctx: AppContext) -> None:
        super().__init__(ctx)
        from ...reports import KINDS

        self.buttons: dict[str, QPushButton] = {}
        lay = QVBoxLayout(self)
        for kind, title in KINDS.items():
            button = QPushButton(f"{title}…")
            button.setObjectName(f"{kind}ReportButton")
            button.setMinimumHeight(34)
            button.clicked.connect(lambda _c=False, k=kind: self.preview(k))
            desc = QLabel(DESCRIPTIONS[kind])
            desc.setWordWrap(True)
            desc.setProperty("role", "hint")
            lay.addWidget(button)
            lay.addWidget(desc)
            self.buttons[kind] = button
        self.record_button = QPushButton("Record progress report as written today")
        self.record_button.setObjectName("recordProgressButton")
        self.record_button.setToolTip("Resets the 10-treatment-day progress report clock")
        self.record_button.clicked.connect(self.record_progress)
        lay.addWidget(self.record_button)
        lay.addStretch(1)
        self.dialog: PreviewDialog | None = None

    def load(self, patient_id: int, episode_id: int | None) -> None:
        for b in [*self.buttons.values(), self.record_button]:
            b.setEnabled(episode_id is not None)

    def preview(self, kind: str) -> bool:
        """Build the report off the GUI thread, then show it; False if none could start."""
        from ...reports import KINDS, generate

        episode_id, actor = self.episode_id, self.ctx.user
        if episode_id is None:
            return False
        return self.ctx.runner.op(self, lambda s: generate(kind, s, episode_id, actor)) \
            .with_progress(f"Building the {KINDS[kind].lower()}") \
            .success(lambda pdf: self._show(kind, episode_id, pdf)) \
            .failure(lambda exc: QMessageBox.information(self, "No report", human_message(exc))) \
            .run()

    def _show(self, kind: str, episode_id: int, pdf: bytes) -> None:
        from ...reports import KINDS
        from ..reports.preview_dialog import PreviewDialog

        self.dialog = PreviewDialog(pdf, KINDS[kind], f"{kind}-episode-{episode_id}.pdf", self)
        self.dialog.open()

    def record_progress(self) -> None:
        from datetime import date

        from ...services.documentation import record_progress_report

        episode_id, actor = self.episode_id, self.ctx.user
        if episode_id is None:
            return
        self.ctx.runner.op(self, lambda s: record_progress_report(
            s, episode_id, date.today(), actor=actor).id) \
            .success(lambda _id: self.ctx.notify("Progress report recorded", 5000)) \
            .failure(lambda exc: QMessageBox.information(self, "Not recorded",
                                                         human_message(exc))) \
            .run()


@register_tab(40)
def make_tab(ctx: AppContext) -> tuple[str, QWidget]:
    return "Reports", ReportsTab(ctx)
